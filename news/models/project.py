"""`/projet/`: the progress page funders read (phases, budget, financing, indicators, latest news)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock


class ProjectPage(Page):
    """The project's progress, built from the phases, indicators and news editors keep up to date."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases pour les partenaires et financeurs : ce que montre la page.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="texte complémentaire",
        help_text="Facultatif : ce que les tableaux ne disent pas (contexte, remerciements), affiché en fin de page.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "page d'avancement du projet"
        verbose_name_plural = "pages d'avancement du projet"

    def get_context(self, request, *args, **kwargs):
        from ..project.progress import progress_context

        context = super().get_context(request, *args, **kwargs)
        context.update(progress_context(self))
        return context
