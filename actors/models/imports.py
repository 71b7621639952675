"""A spreadsheet sent through the admin: checked, then written, by a background task (actors/tasks.py).

A large file takes minutes; the task runs in `db_worker`, the admin page shows where it stands.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import models


class ActorImport(models.Model):
    class Stage(models.TextChoices):
        CHECK = "check", "essai à blanc"
        WRITE = "write", "enregistrement"

    class Status(models.TextChoices):
        QUEUED = "queued", "en attente"
        RUNNING = "running", "en cours"
        FINISHED = "finished", "terminé"
        FAILED = "failed", "impossible"

    file_name = models.CharField("fichier", max_length=255, help_text="Le nom du fichier envoyé.")
    content = models.BinaryField("contenu", help_text="Le fichier tel qu'envoyé ; effacé une fois l'import enregistré.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="La personne qui a envoyé le fichier : ses droits décident de la publication.",
    )
    publish = models.BooleanField("publier", default=False, help_text="Publier les fiches créées ou modifiées.")
    stage = models.CharField("étape", max_length=10, choices=Stage, default=Stage.CHECK, help_text="Essai ou écriture.")
    status = models.CharField("état", max_length=10, choices=Status, default=Status.QUEUED, help_text="Où il en est.")
    report = models.JSONField("rapport", null=True, blank=True, help_text="Le rapport de la dernière étape.")
    error = models.TextField("erreur", blank=True, help_text="Pourquoi le fichier n'a pas pu être lu.")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True, help_text="Le moment de l'envoi.")

    class Meta:
        verbose_name = "import de tableur"
        verbose_name_plural = "imports de tableur"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_stage_display()}, {self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    # Progress lives outside the database, in a store the worker and the web processes share: the rows are
    # written in one transaction, invisible to others until the end (see CACHES["progress"] in settings).
    @property
    def progress_key(self) -> str:
        return f"actors-import-progress-{self.pk}"

    def set_progress(self, done: int, total: int) -> None:
        caches["progress"].set(self.progress_key, (done, total), 3600)

    def get_progress(self) -> tuple[int, int] | None:
        return caches["progress"].get(self.progress_key)
