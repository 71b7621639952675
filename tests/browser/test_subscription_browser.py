"""A visitor subscribes in a browser: confirms from the e-mail, receives a digest holding only the news published
since, and unsubscribes in one click from the digest's link."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from news.models import NewsIndexPage, NewsPage, Subscriber
from news.subscriptions import digest

from .accessibility import assert_accessible

ADDRESS = "sacha.lectrice@example.org"


def path_in(message, part: str) -> str:
    line = next(line for line in message.body.splitlines() if part in line)
    return line[line.index(part) :].strip()


def test_a_visitor_subscribes_confirms_receives_the_new_item_and_unsubscribes(
    live_server, demo_content, browser_page, screenshot, settings
):
    settings.FORM_MIN_FILL_SECONDS = 1
    page = browser_page
    mail.outbox.clear()

    page.goto(live_server.url + "/actualites/")
    page.click("text=Recevoir les actualités par e-mail")
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    screenshot("abonnement")
    page.fill("#id_email", ADDRESS)
    page.check("#id_all_news")
    page.check("#id_consent")
    page.wait_for_timeout(1200)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Vérifiez votre boîte e-mail" in page.content() and ADDRESS not in page.content()
    assert_accessible(page)

    # The confirmation link, read from the test mail box.
    [confirmation] = mail.outbox
    page.goto(live_server.url + path_in(confirmation, "/abonnement/confirmer/"))
    assert_accessible(page)
    screenshot("confirmer-abonnement")
    page.wait_for_timeout(1200)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Abonnement confirmé" in page.content()
    assert Subscriber.objects.get().is_active

    # A news item is published; the digest job runs a week later.
    news = NewsPage(title="Le club ouvre un atelier vélo", slug="atelier-velo", date=timezone.localdate(), intro="…")
    NewsIndexPage.objects.get().add_child(instance=news)
    news.save_revision().publish()
    mail.outbox.clear()
    assert digest.send_digests(now=timezone.now() + timedelta(days=7, seconds=1)) == (1, 0)
    [message] = mail.outbox
    assert "Le club ouvre un atelier vélo" in message.body
    old_titles = NewsPage.objects.exclude(pk=news.pk).values_list("title", flat=True)
    assert not [title for title in old_titles if title in message.body]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = message.extra_headers["List-Unsubscribe"][1:-1]
    unsubscribe_path = path_in(message, "/abonnement/desabonner/")
    assert header_url.endswith(unsubscribe_path)

    # The HTML version, as a mail program shows it (on a blank page: the site's security policy would refuse
    # the e-mail's inline styles, which mail programs need).
    page.goto("about:blank")
    page.set_content(message.alternatives[0][0])
    assert_accessible(page)
    screenshot("e-mail-des-nouvelles")

    page.goto(live_server.url + unsubscribe_path)
    assert_accessible(page)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Vous êtes désabonné·e" in page.content()
    assert Subscriber.objects.get().unsubscribed_at is not None
    assert page.problems == [], "\n".join(page.problems)
