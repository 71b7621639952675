"""The contact and membership form pages, their spam guard, rate limit, e-mails, privacy page and purge."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

from home import spam
from home.form_pages import CONSENT_FIELD, FormPage
from home.models import SiteSettings

LONG_MESSAGE = "Bonjour,\n\n" + "Nous aimerions présenter notre chantier d'insertion au club. " * 120


def guard(seconds_ago=60, honeypot=""):
    """The spam guard as a person's browser sends it back, `seconds_ago` after the form was shown."""
    fields = spam.guard_fields(now=time.time() - seconds_ago)
    fields[spam.HONEYPOT_FIELD] = honeypot
    return fields


def contact_data(**overrides):
    data = {
        "votre_nom": "Camille Martin",
        "votre_adresse_e_mail": "camille@example.org",
        "objet": "Présenter notre structure",
        "votre_message": LONG_MESSAGE,
        CONSENT_FIELD: "on",
        **guard(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def form_site(db):
    """The home page with the demo's form pages and privacy page (without the directory's territories)."""
    from actors import demo_forms as membership_form
    from home import demo, demo_forms

    demo.load(lambda message: None)
    demo_forms.load(lambda message: None)
    membership_form.load(lambda message: None)
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def contact_page(form_site):
    site_settings = SiteSettings.for_site(form_site)
    site_settings.contact_email = "club@example.org"
    site_settings.save()
    return FormPage.objects.get(slug="contact")


def test_the_demo_creates_the_form_pages_and_the_privacy_page(client, form_site):
    for url in ("/contact/", "/adherer/", "/confidentialite/"):
        response = client.get(url)
        assert response.status_code == 200, url
    membership = client.get("/adherer/").content.decode()
    for label in (
        "Nom de la structure",
        "SIRET",
        "Famille juridique",
        "Territoire",
        "Personne à contacter",
        "Motivation",
    ):
        assert label in membership
    privacy = client.get("/confidentialite/").content.decode()
    assert "Combien de temps" in privacy and "12 mois" in privacy
    # Every form links to the privacy page set in the site settings.
    assert SiteSettings.for_site(form_site).privacy_page.url in membership


def test_a_valid_message_is_stored_and_emailed_to_the_club(client, contact_page):
    response = client.post("/contact/", contact_data())
    assert response.status_code == 200
    assert "Merci" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.form_data["votre_message"] == LONG_MESSAGE.strip()
    assert submission.form_data[CONSENT_FIELD] is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["club@example.org"]
    assert message.reply_to == ["camille@example.org"]
    assert "Camille Martin" in message.body


def test_an_invalid_email_comes_back_with_the_message_intact_and_the_error_in_french(client, contact_page):
    response = client.post("/contact/", contact_data(votre_adresse_e_mail="camille-at-example"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in html
    assert 'aria-invalid="true"' in html
    assert "camille-at-example" in html
    # The long message is still in its text area, escaped as HTML.
    assert "Nous aimerions présenter notre chantier d&#x27;insertion au club." in html
    assert html.count("Nous aimerions présenter") == 120
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_a_missing_consent_is_explained(client, contact_page):
    data = contact_data()
    del data[CONSENT_FIELD]
    html = client.post("/contact/", data).content.decode()
    assert "Cochez cette case" in html
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "spam_guard",
    [
        lambda: guard(honeypot="http://spam.example"),
        lambda: {spam.TIMESTAMP_FIELD: "forged"},
        lambda: {},
    ],
    ids=["honeypot filled", "forged time", "no guard"],
)
def test_spam_is_dropped_silently(client, contact_page, spam_guard):
    data = {key: value for key, value in contact_data().items() if key not in guard()}
    response = client.post("/contact/", {**data, **spam_guard()})
    assert response.status_code == 200
    assert "Merci" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def token_in(html: str) -> str:
    """The signed time the form in `html` will send back."""
    return re.search(rf'name="{spam.TIMESTAMP_FIELD}" value="([^"]+)"', html).group(1)


def test_a_form_sent_too_fast_comes_back_with_the_text_and_goes_once_the_time_has_passed(
    client, contact_page, monkeypatch
):
    data = contact_data(**guard(seconds_ago=1))
    html = client.post("/contact/", data).content.decode()
    assert "plus vite qu&#x27;une personne ne le remplit" in html
    assert html.count("Nous aimerions présenter") == 120
    assert not FormSubmission.objects.exists() and mail.outbox == []
    # The form keeps the time it was first shown: a few seconds later, the same form goes through.
    assert token_in(html) == data[spam.TIMESTAMP_FIELD]
    later = time.time() + 5
    monkeypatch.setattr(spam.time, "time", lambda: later)
    assert "Merci" in client.post("/contact/", data).content.decode()
    assert FormSubmission.objects.count() == 1


def test_a_form_left_open_too_long_comes_back_with_a_new_token(client, contact_page, settings):
    settings.FORM_GUARD_MAX_AGE_SECONDS = 3600
    data = contact_data(**guard(seconds_ago=3601))
    html = client.post("/contact/", data).content.decode()
    assert "Le formulaire était ouvert depuis longtemps" in html
    assert html.count("Nous aimerions présenter") == 120
    assert not FormSubmission.objects.exists()
    fresh = token_in(html)
    assert fresh != data[spam.TIMESTAMP_FIELD]
    assert spam.shown_at(fresh) >= time.time() - 5


def test_a_token_is_used_once(client, contact_page):
    data = contact_data()
    assert "Merci" in client.post("/contact/", data).content.decode()
    html = client.post("/contact/", {**data, "votre_message": "Un second message, gardé."}).content.decode()
    assert "Ce formulaire vient déjà d&#x27;être envoyé" in html
    assert "Un second message, gardé." in html
    assert FormSubmission.objects.count() == 1
    assert token_in(html) != data[spam.TIMESTAMP_FIELD]


def test_over_the_rate_limit_the_form_says_to_retry_later_and_keeps_the_text(client, contact_page, settings):
    settings.FORM_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert "Merci" in client.post("/contact/", contact_data()).content.decode()
    response = client.post("/contact/", contact_data(votre_message="Un troisième message, gardé."))
    html = response.content.decode()
    assert "réessayez un peu plus tard" in html
    assert "Un troisième message, gardé." in html
    assert FormSubmission.objects.count() == 2
    # Another address is not limited.
    other = client.post("/contact/", contact_data(), REMOTE_ADDR="192.0.2.7")
    assert "Merci" in other.content.decode()


def test_a_mail_server_down_loses_nothing(client, contact_page, settings):
    settings.EMAIL_BACKEND = "tests.test_forms.FailingBackend"
    response = client.post("/contact/", contact_data())
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def test_the_membership_form_checks_the_siret(client, form_site):
    data = {
        "nom_de_la_structure": "Une structure",
        "siret": "123 456 789 00011",
        "famille_juridique": "Association",
        "territoire": "Pays Rives de Garonne",
        "personne_a_contacter": "Alex Dupont",
        "adresse_e_mail": "alex@example.org",
        "motivation": "Rejoindre le réseau.",
        CONSENT_FIELD: "on",
        **guard(),
    }
    html = client.post("/adherer/", data).content.decode()
    assert "clé de contrôle est fausse" in html
    assert "Rejoindre le réseau." in html
    data["siret"] = "732 829 320 00074"
    assert "Merci" in client.post("/adherer/", data).content.decode()
    submission = FormSubmission.objects.get()
    assert submission.form_data["siret"] == "73282932000074"


def test_the_purge_deletes_only_submissions_older_than_the_retention(contact_page, settings):
    settings.FORM_RETENTION_DAYS = 30
    old = FormSubmission.objects.create(page=contact_page, form_data={"votre_nom": "Ancien"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=31))
    recent = FormSubmission.objects.create(page=contact_page, form_data={"votre_nom": "Récent"})
    call_command("purge_form_submissions", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FormSubmission.objects.count() == 2
    call_command("purge_form_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    call_command("purge_form_submissions", "--days", "0", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert FormSubmission.objects.count() == 1


def test_submissions_are_listed_and_exported_in_the_admin(admin_client_logged, client, contact_page):
    client.post("/contact/", contact_data())
    listing = admin_client_logged.get(f"/admin/forms/submissions/{contact_page.pk}/")
    assert listing.status_code == 200
    assert "Camille Martin" in listing.content.decode()
    assert admin_client_logged.get(f"/admin/pages/{contact_page.pk}/edit/").status_code == 200
    export = admin_client_logged.get(f"/admin/forms/submissions/{contact_page.pk}/?export=csv")
    assert export.status_code == 200
    assert "Camille Martin" in b"".join(export.streaming_content).decode("utf-8")


def test_form_pages_answer_in_a_few_queries(client, contact_page, django_assert_max_num_queries):
    client.get("/contact/")
    with django_assert_max_num_queries(12):
        assert client.get("/contact/").status_code == 200
