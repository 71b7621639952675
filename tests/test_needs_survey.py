"""« Leurs attentes »: the needs questionnaire, answered with consent, counted in the état des lieux from 5
answers per territory (never one answer shown), each need linked to the board's matching offers."""

import csv
import html as html_text
import io
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Commune, Epci, Pays
from board.models import BoardPost, MutualisationNeed, NeedsSurveyAnswer, NeedsSurveyPage
from board.needs_summary import MIN_ANSWERS, OUTSIDE_PAYS, NeedsSummary
from home import spam

SECRET_NEED = "Un four à pain partagé pour notre fournil du jeudi"
SECRET_EMAIL = "camille.repondante@example.org"


def guard(seconds_ago=60):
    return spam.guard_fields(now=time.time() - seconds_ago)


@pytest.fixture
def places(db):
    sud = Epci.objects.create(siren="200070845", name="CC du Sud Gironde", kind="cc")
    reolais = Epci.objects.create(siren="243301165", name="CC du Réolais en Sud Gironde", kind="cc")
    pays = Pays.objects.create(name="Pays Rives de Garonne", slug="pays-rives-de-garonne")
    pays.epcis.add(sud)
    pays.save()
    return {
        "langon": Commune.objects.create(insee_code="33227", name="Langon", postal_codes="33210", epci=sud),
        "la-reole": Commune.objects.create(insee_code="33352", name="La Réole", postal_codes="33190", epci=reolais),
    }


@pytest.fixture
def site(places):
    from actors.demo import ensure_index_page, ensure_report_page
    from board.demo import load as load_board
    from home import demo

    demo.load(lambda message: None)
    ensure_index_page()
    ensure_report_page()
    load_board(lambda message: None)
    return NeedsSurveyPage.objects.get()


def need(name):
    return MutualisationNeed.objects.get(name=name)


def answer_data(commune, **overrides):
    return {
        "actor": "",
        "organisation": "Le Fournil solidaire",
        "commune": commune.pk,
        "needs": [need("Locaux").pk, need("Financement").pk],
        "other_needs": SECRET_NEED,
        "contact_name": "Camille Répondante",
        "contact_email": SECRET_EMAIL,
        "message": "Merci pour le questionnaire.",
        "consent": "on",
        **guard(),
        **overrides,
    }


def add_answers(count, commune, needs=("Locaux",)):
    for number in range(count):
        answer = NeedsSurveyAnswer.objects.create(
            organisation=f"Structure {number} de {commune.name}",
            commune=commune,
            contact_name=f"Personne {number}",
            contact_email=f"personne-{number}@example.org",
            other_needs=f"{SECRET_NEED} n° {number}",
            consent_text="J'accepte.",
        )
        answer.needs.set([need(name) for name in needs])


def report_html(client):
    response = client.get("/etat-des-lieux/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_answer_is_kept_with_its_consent_and_the_thanks_link_the_matching_offers(client, site, places):
    assert "Envoyer mes réponses" in client.get("/vos-besoins/").content.decode()
    html = client.post("/vos-besoins/", answer_data(places["langon"])).content.decode()
    assert "Merci, vos réponses sont arrivées" in html
    answer = NeedsSurveyAnswer.objects.get()
    assert set(answer.needs.values_list("name", flat=True)) == {"Locaux", "Financement"}
    assert (answer.commune, answer.contact_email, answer.other_needs) == (places["langon"], SECRET_EMAIL, SECRET_NEED)
    assert answer.consent_text == site.consent_label
    # « Locaux » has a category of the board, « Financement » none.
    assert "/mutualisation/?type=offre&amp;categorie=locaux" in html
    assert "« Financement »" not in html


def test_a_bad_answer_comes_back_in_french_with_everything_kept(client, site, places):
    data = answer_data(places["langon"], organisation="", needs=[], other_needs="", contact_email="pas-une-adresse")
    data["message"] = "Un mot que je ne veux pas retaper. " * 10
    html = html_text.unescape(client.post("/vos-besoins/", data).content.decode())
    assert "Vos réponses n'ont pas été envoyées" in html
    assert "Dites quelle structure répond" in html
    assert "Cochez au moins un besoin" in html
    assert "Saisissez une adresse de courriel valide." in html
    assert html.count("Un mot que je ne veux pas retaper.") == 10
    assert 'value="pas-une-adresse"' in html
    assert not NeedsSurveyAnswer.objects.exists()


def test_without_consent_nothing_is_kept(client, site, places):
    data = answer_data(places["langon"])
    del data["consent"]
    html = client.post("/vos-besoins/", data).content.decode()
    assert "nous ne pouvons pas garder vos réponses" in html
    assert SECRET_NEED in html  # kept in the form
    assert not NeedsSurveyAnswer.objects.exists()


def test_robots_too_fast_answers_and_floods_are_not_kept(client, site, places, settings):
    html = client.post("/vos-besoins/", answer_data(places["langon"], **{spam.HONEYPOT_FIELD: "x"})).content.decode()
    assert "Merci" in html
    html = html_text.unescape(
        client.post("/vos-besoins/", answer_data(places["langon"], **guard(seconds_ago=0))).content.decode()
    )
    assert "plus vite qu'une personne" in html
    assert not NeedsSurveyAnswer.objects.exists()
    settings.FORM_RATE_LIMIT = "1/h"
    assert "Merci" in client.post("/vos-besoins/", answer_data(places["langon"])).content.decode()
    html = client.post("/vos-besoins/", answer_data(places["langon"], organisation="Une autre")).content.decode()
    assert "réessayez un peu plus tard" in html
    assert 'value="Une autre"' in html
    assert NeedsSurveyAnswer.objects.count() == 1


def test_needs_no_longer_asked_leave_the_form_but_keep_their_answers(client, site, places):
    add_answers(MIN_ANSWERS, places["langon"], needs=("Emploi partagé",))
    MutualisationNeed.objects.filter(name="Emploi partagé").update(asked=False)
    assert "Emploi partagé" not in client.get("/vos-besoins/").content.decode()
    assert "Emploi partagé" in report_html(client)


def test_fewer_than_5_answers_show_nothing_and_5_show_the_counts(client, site, places):
    add_answers(MIN_ANSWERS - 1, places["langon"])
    html = report_html(client)
    assert 'id="attentes"' in html
    assert "Moins de 5 réponses pour l'instant" in html
    assert "Besoins cochés par les" not in html
    assert NeedsSummary("").overall() == []

    add_answers(1, places["langon"])
    html = report_html(client)
    assert f"Besoins cochés par les {MIN_ANSWERS} structures" in html
    rows = {row.need: row.count for row in NeedsSummary("").overall()}
    assert rows["Locaux"] == NeedsSurveyAnswer.objects.filter(needs__name="Locaux").count() == MIN_ANSWERS
    assert rows["Financement"] == 0


def test_a_territory_with_fewer_than_5_answers_is_never_detailed_nor_deduced(client, site, places):
    add_answers(6, places["langon"], needs=("Locaux",))  # in the Pays
    add_answers(4, places["la-reole"], needs=("Matériel",))  # in no Pays
    summary = NeedsSummary("")
    assert summary.too_few() == [OUTSIDE_PAYS]
    # The Pays alone would give the 4 others by difference with the whole territory: it is hidden too.
    assert summary.withheld() == ["Pays Rives de Garonne"]
    assert summary.detailed() == [] and all(group.counts == [] for group in summary.by_group())
    html = html_text.unescape(report_html(client))
    assert f"Moins de 5 réponses, donc non détaillé : {OUTSIDE_PAYS}." in html
    assert "se déduiraient par différence avec tout le territoire : Pays Rives de Garonne." in html
    assert "Besoins cochés, par Pays" not in html

    add_answers(1, places["la-reole"], needs=("Matériel",))
    groups = {group.name: group for group in NeedsSummary("").by_group()}
    assert dict(groups["Pays Rives de Garonne"].counts)["Locaux"] == 6
    assert dict(groups[OUTSIDE_PAYS].counts)["Matériel"] == 5
    assert dict(groups[OUTSIDE_PAYS].counts)["Locaux"] == 0


def test_no_single_answer_reaches_a_public_page(client, site, places):
    add_answers(MIN_ANSWERS + 2, places["langon"])
    client.post("/vos-besoins/", answer_data(places["langon"]))
    pages = [
        report_html(client),
        client.get("/etat-des-lieux/chiffres.csv").content.decode(),
        client.get("/vos-besoins/").content.decode(),
        client.get("/recherche/?q=Fournil").content.decode(),
        client.get("/mutualisation/").content.decode(),
    ]
    for content in pages:
        for secret in (SECRET_NEED, SECRET_EMAIL, "Le Fournil solidaire", "Structure 1 de Langon", "Personne 1"):
            assert secret not in content


def test_the_csv_of_the_etat_des_lieux_has_the_counts(client, site, places):
    add_answers(MIN_ANSWERS, places["langon"])
    content = client.get("/etat-des-lieux/chiffres.csv").content.decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(content)) if "questionnaire" in row[1]]
    counts = {(row[0], row[2]): int(row[4]) for row in rows}
    assert counts[("Tout le territoire", "Locaux")] == MIN_ANSWERS
    assert counts[("Pays Rives de Garonne", "Locaux")] == MIN_ANSWERS
    assert not any(row[0] == OUTSIDE_PAYS for row in rows)


def board_post(commune, kind, category, title):
    """A live post of the mutualisation board, for a month."""
    return BoardPost.objects.create(
        kind=kind,
        category=category,
        title=title,
        description="Détails.",
        commune=commune,
        expires_on=timezone.localdate() + timedelta(days=30),
        live=True,
    )


def test_each_need_links_to_the_boards_matching_offers(client, site, places):
    add_answers(MIN_ANSWERS, places["langon"], needs=("Locaux", "Financement"))
    for title, category in (("Salle partagée le mardi", "locaux"), ("Remorque à prêter", "materiel")):
        board_post(places["langon"], "offre", category, title)
    html = report_html(client)
    link = "/mutualisation/?type=offre&amp;categorie=locaux"
    assert f'href="{link}">Les offres « Locaux » du tableau</a>' in html
    board = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Salle partagée le mardi" in board
    assert "Remorque à prêter" not in board
    # A need without a category of the board links nowhere.
    assert need("Financement").offers_url("/mutualisation/") == ""


def test_a_need_on_the_board_links_to_the_offers_that_could_answer_it(client, site, places):
    def post(kind, category, title):
        return board_post(places["langon"], kind, category, title)

    wanted = post("besoin", "locaux", "Cherche une salle le jeudi")
    post("offre", "locaux", "Salle partagée le mardi")
    post("offre", "materiel", "Remorque à prêter")
    offer = post("offre", "vehicules", "Camionnette le week-end")

    html = client.get(f"/mutualisation/{wanted.pk}/").content.decode()
    link = "/mutualisation/?type=offre&amp;categorie=locaux"
    assert f'href="{link}">Voir les offres « Locaux » du tableau</a>' in html
    offers = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Salle partagée le mardi" in offers
    assert "Remorque à prêter" not in offers and "Cherche une salle" not in offers
    # An offer is not a need: it links to no other offers.
    assert "Voir les offres" not in client.get(f"/mutualisation/{offer.pk}/").content.decode()


def test_structures_find_the_questionnaire_from_the_board_and_every_page_s_footer(client, site):
    link = f'href="{site.url}"'
    assert link in client.get("/mutualisation/").content.decode()
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert f"{link}>Vos besoins de mutualisation</a>" in footer
    site.unpublish()
    cache.clear()
    assert link not in client.get("/mutualisation/").content.decode()


def test_answers_are_listed_and_exported_for_moderators_only(client, site, places, django_user_model):
    from django.contrib.auth.models import Group

    from home.roles import EDITORS, MODERATORS

    client.post("/vos-besoins/", answer_data(places["langon"], other_needs='=HYPERLINK("http://x")'))
    url = reverse("wagtailsnippets_board_needssurveyanswer:list")
    editor = django_user_model.objects.create_user("redac", "redac@example.org", "un-mot-de-passe-long")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get(url).status_code != 200
    assert client.get(url + "?export=csv").status_code != 200
    moderator = django_user_model.objects.create_user("modo", "modo@example.org", "un-mot-de-passe-long")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    listing = client.get(url).content.decode()
    assert "Le Fournil solidaire" in listing and "Locaux, Financement" in listing
    export = b"".join(client.get(url + "?export=csv").streaming_content).decode("utf-8-sig")
    assert SECRET_EMAIL in export
    assert "'=HYPERLINK" in export
    # The needs are edited by moderators in the admin.
    needs_url = reverse("wagtailsnippets_board_mutualisationneed:edit", args=[need("Locaux").pk])
    assert "Les offres de cette catégorie du tableau" in client.get(needs_url).content.decode()


def test_the_purge_forgets_who_answered_but_keeps_the_counts(client, site, places, settings):
    client.post("/vos-besoins/", answer_data(places["langon"]))
    NeedsSurveyAnswer.objects.update(consent_given_at=timezone.now() - timedelta(days=settings.FORM_RETENTION_DAYS + 1))
    call_command("purge_form_submissions", stdout=io.StringIO())
    answer = NeedsSurveyAnswer.objects.get()
    assert (answer.contact_name, answer.contact_email, answer.message, answer.other_needs) == ("", "", "", "")
    assert answer.needs.count() == 2 and answer.commune == places["langon"]


def count_queries(client, url):
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_etat_des_lieux_counts_the_answers_in_a_fixed_number_of_queries(client, site, places):
    add_answers(MIN_ANSWERS, places["langon"], needs=("Locaux", "Matériel"))
    few = count_queries(client, "/etat-des-lieux/")
    add_answers(40, places["langon"], needs=("Locaux",))
    add_answers(40, places["la-reole"], needs=("Formation", "Compétences"))
    assert count_queries(client, "/etat-des-lieux/") == few
