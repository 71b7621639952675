"""A visitor writes to the club: a mistyped e-mail comes back with the message intact, then the message goes.

axe-core checks the form in each state (empty, with its errors, sent), the membership form and the privacy page.
"""

from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.models import SiteSettings

from .accessibility import assert_accessible

MESSAGE = "Bonjour,\n\nNous sommes une association de Langon et voudrions rejoindre le club. " * 20


def test_a_contact_message_with_a_wrong_email_comes_back_intact_then_goes(
    live_server, demo_content, browser_page, screenshot, settings
):
    settings.FORM_MIN_FILL_SECONDS = 1
    site_settings = SiteSettings.for_site(demo_content)
    site_settings.contact_email = "club@example.org"
    site_settings.save()
    page = browser_page

    page.goto(live_server.url + "/contact/")
    assert_accessible(page)
    page.fill("#id_votre_nom", "Camille Martin")
    page.fill("#id_votre_adresse_e_mail", "camille.example.org")
    page.fill("#id_votre_message", MESSAGE)
    page.check("#id_consentement")
    page.wait_for_timeout(1200)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert "Saisissez une adresse de courriel valide." in page.content()
    assert page.input_value("#id_votre_message").strip() == MESSAGE.strip()
    assert page.input_value("#id_votre_adresse_e_mail") == "camille.example.org"
    assert page.get_attribute("#id_votre_adresse_e_mail", "aria-invalid") == "true"
    assert FormSubmission.objects.count() == 0
    assert_accessible(page)  # the error summary and the field's own message too
    screenshot("formulaire-contact-erreur")

    page.fill("#id_votre_adresse_e_mail", "camille@example.org")
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Merci" in page.content()
    assert_accessible(page)
    assert FormSubmission.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["club@example.org"]]
    assert page.problems == [], "\n".join(page.problems)

    page.goto(live_server.url + "/adherer/")
    assert_accessible(page)
    screenshot("formulaire-adhesion")
    page.goto(live_server.url + "/confidentialite/")
    assert_accessible(page)
    screenshot("page-confidentialite")
    assert page.problems == [], "\n".join(page.problems)
