"""The spreadsheet import: mapping report, reasons for rejected rows, idempotence, all or nothing."""

import io
import os
import subprocess
import sys
from dataclasses import asdict

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actors.importer import ActorImporter, ImportFileError
from actors.models import Actor, ActorImport, Commune, Sector
from actors.tasks import run_actor_import
from home.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db

GOOD = (
    "Nom de la structure;Ville;Statut juridique;Secteurs;Description;SIRET;Téléphone;Commentaire interne\n"
    "Atelier Vélo Réolais;La Réole;Association;Mobilité, Réemploi;Réparer son vélo.;;05 56 00 00 00;à rappeler\n"
    "Garage Solidaire;Langon;SCOP;Mobilité;Des voitures à petit prix.;732 829 320 00074;;\n"
)
MESSY = (
    "Nom;Commune;Statut;Description;SIRET;Latitude;Longitude\n"
    "Épicerie de Bazas;Bazaz;Association;Produits locaux.;;;\n"
    "Coop du coin;Bazas;SARL;Une coopérative.;73282932000075;;\n"
    "Ferme partagée;Saint-Macaire;SCIC;Maraîchage.;;-0,22;44,56\n"
    "Café associatif;La Réole;association;Un café.;;;\n"
)


def run(text, **options):
    return ActorImporter().run(text.encode("utf-8"), **options)


def test_dry_run_reports_mapping_and_writes_nothing(territories):
    report = run(GOOD)
    assert report.mapped["Nom de la structure"] == "nom"
    assert report.mapped["Ville"] == "commune"
    assert report.unmapped == ["Commentaire interne"]
    assert report.created == ["Atelier Vélo Réolais", "Garage Solidaire"]
    assert not report.rejected
    assert not Actor.objects.exists()
    assert not Sector.objects.exists()


def test_messy_spreadsheet_gets_a_reason_for_each_rejected_row(territories):
    report = run(MESSY)
    reasons = {name: " ".join(r) for _, name, r in report.rejected}
    assert [line for line, _, _ in report.rejected] == [2, 3, 4]
    assert "« Bazaz » n'est pas une commune de la Gironde" in reasons["Épicerie de Bazas"]
    assert "« SARL » est inconnu" in reasons["Coop du coin"]
    assert "clé de contrôle est fausse" in reasons["Coop du coin"]
    assert "inversé latitude et longitude" in reasons["Ferme partagée"]
    assert report.created == ["Café associatif"]


def test_all_or_nothing_and_idempotent(territories):
    report = run(MESSY, dry_run=False, publish=True)
    assert report.rejected and not report.written
    assert not Actor.objects.exists()

    report = run(GOOD, dry_run=False, publish=True)
    assert report.written
    garage = Actor.objects.published().get(siret="73282932000074")
    assert garage.commune.name == "Langon"
    assert garage.legal_form == "scop"
    assert sorted(Actor.objects.get(slug="atelier-velo-reolais").sectors.values_list("name", flat=True)) == [
        "Mobilité",
        "Réemploi",
    ]
    again = run(GOOD, dry_run=False, publish=True)
    assert again.unchanged == ["Atelier Vélo Réolais", "Garage Solidaire"]
    assert Actor.objects.count() == 2
    # Matched on SIRET even when the name changes.
    renamed = run(GOOD.replace("Garage Solidaire;", "Garage solidaire du Langonnais;"), dry_run=False, publish=True)
    assert renamed.updated == ["Garage solidaire du Langonnais"]
    assert Actor.objects.get(siret="73282932000074").name == "Garage solidaire du Langonnais"


def test_imported_rows_stay_drafts_unless_published(territories):
    run(GOOD, dry_run=False)
    assert Actor.objects.count() == 2
    assert not Actor.objects.published().exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Nom;Commune\nCafé;La Réole\n".encode("cp1252"), "n'est pas en UTF-8 (caractère illisible à la ligne 2)"),
        (b"juste une ligne sans separateur\n", "ligne d'en-tête"),
        ("Commune;Statut\nLa Réole;association\n".encode(), "Aucune colonne « nom »"),
    ],
)
def test_unreadable_files_are_refused_with_a_french_message(territories, data, message):
    with pytest.raises(ImportFileError) as excinfo:
        ActorImporter().run(data)
    assert message in str(excinfo.value)


def test_command_reports_and_fails_on_rejected_rows(territories, tmp_path):
    good, messy = tmp_path / "good.csv", tmp_path / "messy.csv"
    good.write_text(GOOD, encoding="utf-8")
    messy.write_text(MESSY, encoding="utf-8")
    out = io.StringIO()
    call_command("import_actors", str(messy), "--dry-run", stdout=out)
    assert "1 à créer, 0 à mettre à jour, 0 inchangées, 3 refusées." in out.getvalue()
    assert "Essai à blanc : rien n'a été enregistré." in out.getvalue()
    with pytest.raises(CommandError, match="3 ligne"):
        call_command("import_actors", str(messy), stdout=io.StringIO())
    call_command("import_actors", str(good), "--publish", stdout=io.StringIO())
    assert Actor.objects.published().count() == 2


def upload(client, text, **data):
    """Sends a file through the admin import; the test settings run its task at once."""
    file = SimpleUploadedFile("acteurs.csv", text if isinstance(text, bytes) else text.encode())
    return client.post(reverse("actors_import:index"), {"file": file, **data}, follow=True)


def confirm(client, response):
    return client.post(response.redirect_chain[-1][0], follow=True)


def test_admin_upload_shows_the_dry_run_then_confirms(admin_client_logged, territories):
    assert admin_client_logged.get(reverse("actors_import:index")).status_code == 200
    response = upload(admin_client_logged, GOOD, publish="on")
    html = response.content.decode()
    assert "Rapport de l&#x27;essai" in html or "Rapport de l'essai" in html
    assert "« Commentaire interne »" in html
    assert "Confirmer l&#x27;import et publier" in html or "Confirmer l'import et publier" in html
    assert not Actor.objects.exists()
    response = confirm(admin_client_logged, response)
    assert "Import enregistré" in response.content.decode()
    assert Actor.objects.published().count() == 2
    job = ActorImport.objects.get()
    assert job.stage == ActorImport.Stage.WRITE and job.status == ActorImport.Status.FINISHED
    assert bytes(job.content) == b""  # the file is not kept once written


@pytest.mark.parametrize("publish", [False, True])
def test_the_dry_run_reports_what_the_writing_does(territories, publish):
    """The dry run skips revisions and reviews: its report must still be the writing's, row by row."""
    run(GOOD, dry_run=False, publish=True)
    sheet = (
        GOOD.replace("Des voitures à petit prix.", "Des voitures révisées.")
        + "Garage Solidaire;Langon;SCOP;Mobilité;Des voitures révisées.;732 829 320 00074;;\n"
        + "Ressourcerie du Langonnais;Langon;Association;Réemploi;Une ressourcerie.;;;\n" * 2
        + "Ressourcerie sans commune;Langonne;Association;;;;;\n"
    )
    checked = run(sheet, publish=publish)
    written = run(sheet, dry_run=False, publish=publish)
    assert checked.updated and checked.unchanged and checked.created and checked.rejected
    assert {**asdict(checked), "dry_run": False} == asdict(written)


def test_a_job_that_is_still_running_shows_its_progress_and_reloads(admin_client_logged, territories, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = upload(admin_client_logged, GOOD)
    html = response.content.decode()
    assert 'http-equiv="refresh"' in html and "attend son tour" in html
    job = ActorImport.objects.get()
    job.set_progress(100, 250)
    html = admin_client_logged.get(reverse("actors_import:status", args=[job.pk])).content.decode()
    assert "Lignes traitées : 100 sur 250" in html and '<progress id="import-progress" max="250" value="100">' in html
    run_actor_import.call(job.pk)
    html = admin_client_logged.get(reverse("actors_import:status", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html and "Rapport de l" in html


def progress_seen_by_another_process(key: str) -> str:
    """What a process other than the worker (a web server showing the admin page) reads of an import's progress."""
    code = f"from django.core.cache import caches; print(caches['progress'].get({key!r}))"
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "site_ess.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_progress_written_inside_the_import_is_seen_at_once_by_other_processes(
    admin_client_logged, territories, settings, monkeypatch
):
    """The worker writes the rows in one transaction, in its own process: the admin's pages must still see it move."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    upload(admin_client_logged, GOOD)
    job = ActorImport.objects.get()
    seen = []
    set_progress = ActorImport.set_progress

    def set_and_look_from_elsewhere(self, done, total):
        set_progress(self, done, total)
        seen.append(progress_seen_by_another_process(self.progress_key))

    monkeypatch.setattr(ActorImport, "set_progress", set_and_look_from_elsewhere)
    run_actor_import.call(job.pk)
    assert seen == ["(2, 2)"]


def test_another_users_import_is_not_shown(admin_client_logged, territories, django_user_model):
    upload(admin_client_logged, GOOD)
    job = ActorImport.objects.get()
    other = django_user_model.objects.create_superuser("autre", "autre@example.org", "changeme")
    admin_client_logged.force_login(other)
    assert admin_client_logged.get(reverse("actors_import:status", args=[job.pk])).status_code == 404


@pytest.fixture
def redacteur(client, django_user_model):
    user = django_user_model.objects.create_user("redac", "redac@example.org", "changeme")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def test_a_redacteurs_import_goes_to_review_and_never_publishes(client, redacteur, territories):
    run(GOOD, dry_run=False, publish=True)  # two live actors, imported earlier by the maintainer
    garage = Actor.objects.get(siret="73282932000074")
    Actor.objects.filter(pk=garage.pk).update(live=True)
    changed = GOOD.replace("Des voitures à petit prix.", "Texte réécrit.") + (
        "Ressourcerie du Langonnais;Langon;Association;Mobilité;Du réemploi.;;;\n"
    )
    response = upload(client, changed, publish="on")  # « publier » is not theirs: ignored
    assert "Publier les fiches" not in client.get(reverse("actors_import:index")).content.decode()
    html = confirm(client, response).content.decode()
    assert "envoyées aux modérateurs" in html
    garage.refresh_from_db()
    assert garage.short_description == "Des voitures à petit prix." and garage.live
    assert garage.has_unpublished_changes and garage.workflow_in_progress
    assert garage.latest_revision.user == redacteur
    new = Actor.objects.get(name="Ressourcerie du Langonnais")
    assert not new.live and new.workflow_in_progress and new.latest_revision.user == redacteur
    assert not Actor.objects.filter(live=True, name="Ressourcerie du Langonnais").exists()


def test_a_redacteur_cannot_create_sectors_by_import(client, redacteur, territories):
    Sector.objects.create(name="Mobilité", slug="mobilite")
    html = upload(client, GOOD).content.decode()
    assert "« Réemploi » n&#x27;existe pas" in html or "« Réemploi » n'existe pas" in html
    assert not Sector.objects.filter(name="Réemploi").exists()


def test_a_moderators_import_publishes_and_records_who_did_it(client, territories, django_user_model):
    moderator = django_user_model.objects.create_user("modo", "modo@example.org", "changeme")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    confirm(client, upload(client, GOOD, publish="on"))
    garage = Actor.objects.published().get(siret="73282932000074")
    assert garage.live_revision.user == moderator
    assert not garage.workflow_in_progress


def test_a_nul_byte_refuses_its_row_with_the_line_number(admin_client_logged, territories):
    html = upload(admin_client_logged, GOOD.replace("Réparer son vélo.", "Réparer\x00son vélo.")).content.decode()
    assert "Ligne 2 (Atelier Vélo Réolais)" in html and "octet nul" in html
    assert "Confirmer" not in html


def test_two_thousand_rows_import_in_the_background(admin_client_logged, territories, settings):
    """As in production, the admin only queues the work; the worker (here, `.call`) does it, index updates later."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    communes = list(Commune.objects.order_by("insee_code").values_list("insee_code", flat=True)[:40])
    rows = [f"Structure n° {n};{communes[n % 40]};Association;Mobilité;Activité {n}." for n in range(2000)]
    upload(admin_client_logged, "Nom;Code INSEE;Statut;Secteurs;Description\n" + "\n".join(rows))
    job = ActorImport.objects.get()
    run_actor_import.call(job.pk)
    job.refresh_from_db()
    assert len(job.report["created"]) == 2000 and not job.report["rejected"]
    admin_client_logged.post(reverse("actors_import:status", args=[job.pk]))
    run_actor_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ActorImport.Status.FINISHED and len(job.report["created"]) == 2000
    assert Actor.objects.count() == 2000 and Actor.objects.published().count() == 0
    assert job.get_progress() == (2000, 2000)


def test_admin_upload_of_a_bad_file_explains_why(admin_client_logged, territories):
    response = upload(admin_client_logged, "Nom;Ville\nCafé;Réole".encode("cp1252"))
    assert "n&#x27;est pas en UTF-8" in response.content.decode() or "n'est pas en UTF-8" in response.content.decode()


def test_a_commune_named_by_the_start_of_its_name_is_suggested(territories):
    report = run(
        "Nom;Commune;Code postal;Statut\n"
        "Atelier de Cadillac;Cadillac;33410;Association\n"
        "Café de Cadillac;Cadillac;;Association\n"
    )

    reasons = {name: " ".join(row_reasons) for _, name, row_reasons in report.rejected}
    assert "Vouliez-vous dire « Cadillac-sur-Garonne » ?" in reasons["Atelier de Cadillac"]
    assert "« Cadillac-en-Fronsadais » ou « Cadillac-sur-Garonne »" in reasons["Café de Cadillac"]
