"""« Vérifiez votre fiche » in a browser: the structure follows the link of its e-mail, proposes a correction;
a moderator compares it with the published record and publishes it; the profile shows it."""

from django.core import mail

from actors import record_checks
from actors.models import Actor, RecordCheck

from .accessibility import assert_accessible


def test_a_structure_corrects_its_record_and_a_moderator_publishes_it(
    live_server, demo_content, browser_page, screenshot, settings, moderator
):
    settings.FORM_MIN_FILL_SECONDS = 1
    actor = Actor.objects.get(slug="co-actions")
    actor.email = "contact@co-actions.example.org"
    actor.save_revision().publish()
    mail.outbox.clear()
    record_checks.send_request(Actor.objects.get(pk=actor.pk))
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/verifier-ma-fiche/" in line)
    path = link[link.index("/verifier-ma-fiche/") :].strip()
    page = browser_page

    page.goto(live_server.url + path)
    assert_accessible(page)
    screenshot("verifier-ma-fiche")
    page.click("text=Proposer des corrections")
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    screenshot("corriger-ma-fiche")
    page.fill("#id_phone", "05 57 11 22 33")
    page.wait_for_timeout(1200)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Vos corrections sont bien arrivées" in page.content()
    assert_accessible(page)
    assert Actor.objects.get(pk=actor.pk).phone != "05 57 11 22 33"

    check = RecordCheck.objects.get(actor=actor)
    page.goto(live_server.url + path)
    assert "déjà servi" in page.content()

    # The moderator compares, then publishes the draft from Wagtail's own views.
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", "un-mot-de-passe-long")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Corrections proposées par les structures" in page.content()
    page.goto(live_server.url + record_checks.compare_url(check))
    assert "57 11 22 33" in page.content()
    screenshot("comparer-corrections")
    check.correction.publish(user=moderator)
    page.goto(live_server.url + "/acteurs/co-actions/")
    assert "05 57 11 22 33" in page.content()
    assert page.problems == [], "\n".join(page.problems)
