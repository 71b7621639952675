"""The spreadsheet import: mapping report, reasons for rejected rows, idempotence, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actors.importer import ActorImporter, ImportFileError
from actors.models import Actor, Sector

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


def test_admin_upload_shows_the_dry_run_then_confirms(admin_client_logged, territories):
    url = reverse("actors_import:index")
    assert admin_client_logged.get(url).status_code == 200
    response = admin_client_logged.post(
        url, {"file": SimpleUploadedFile("acteurs.csv", GOOD.encode()), "publish": "on"}
    )
    html = response.content.decode()
    assert "Rapport de l&#x27;essai" in html or "Rapport de l'essai" in html
    assert "« Commentaire interne »" in html
    assert not Actor.objects.exists()
    response = admin_client_logged.post(url, {"confirm": "1", "publish": "1"})
    assert response.status_code == 302
    assert Actor.objects.published().count() == 2


def test_admin_upload_of_a_bad_file_explains_why(admin_client_logged, territories):
    response = admin_client_logged.post(
        reverse("actors_import:index"), {"file": SimpleUploadedFile("a.csv", "Nom;Ville\nCafé;Réole".encode("cp1252"))}
    )
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
