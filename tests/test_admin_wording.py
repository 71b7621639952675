"""Every admin screen and e-mail a volunteer sees reads as plain French: no English or clumsy leftovers of
Wagtail's translation (overridden in locale/fr/LC_MESSAGES/django.po)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from actors.models import Actor
from news.models import MoisEssEditionPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

LEFTOVERS = re.compile(
    r"\bworkflows?\b|fragments?\b|un\(e\)|le/la|Le/la|ce\(tte\)|Ce\(tte\)|nouveau\(elle\)|\bSalut\b|\bRoot\b"
    r"|\bNone\b|Site name|\bSnippets?\b|\w\(e\)|Nouvel\(le\)|\bChoose\b|Choisir :"
    # « Choisir commune »: a chooser that names what it chooses without an article.
    r"|Choisir (?!(?:une?|le|la|les|des?|du|ce|cet|cette|autre|votre|vos|parmi)\b|l')\w+",
    re.IGNORECASE,
)


def visible_text(html: str) -> str:
    """What a person reads or hears: the text outside scripts and styles, titles, labels and placeholders."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in [*soup(["script", "style", "template"]), *soup.find_all(hidden=True)]:
        hidden.decompose()
    attributes = [
        value
        for tag in soup.find_all(True)
        for name in ("title", "aria-label", "placeholder", "alt")
        if isinstance(value := tag.get(name), str)
    ]
    return " ".join([soup.get_text(" "), *attributes])


def leftovers(text: str) -> list[str]:
    """Each leftover with the words around it, so that a failure says where it is."""
    text = " ".join(text.split())
    return sorted({text[max(0, m.start() - 40) : m.end() + 30] for m in LEFTOVERS.finditer(text)})


def admin_urls():
    actor = Actor.objects.order_by("pk").first()
    news = NewsPage.objects.order_by("pk").first()
    news_index = NewsIndexPage.objects.get()
    edition = MoisEssEditionPage.objects.order_by("-year").first()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[news_index.pk]),
        reverse("wagtailsnippets_actors_actor:list"),
        reverse("wagtailsnippets_actors_actor:add"),
        reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk]),
        reverse("wagtailsnippetchoosers_actors_commune:choose_results") + "?q=zzz",
        reverse("wagtailsnippetchoosers_actors_commune:choose"),
        reverse("wagtailsnippetchoosers_actors_epci:choose"),
        reverse("published_actor_chooser:choose"),
        reverse("wagtailsnippets_actors_commune:list"),
        reverse("wagtailsnippets_actors_commune:add"),
        reverse("wagtailsnippets_actors_pays:add"),
        reverse("wagtailsnippets_board_boardpost:add"),
        reverse("news_pages:index"),
        reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk]),
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        reverse("mois_ess_events:index"),
        reverse("mois_ess_events:choose_parent"),
        reverse("wagtailadmin_pages:add", args=["news", "eventpage", edition.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("volunteers_guide"),
    ]


@pytest.mark.parametrize("role", ["redaction", "moderation"])
def test_the_admin_pages_of_each_role_read_as_plain_french(client, demo_content, role):
    client.force_login(get_user_model().objects.get(username=role))
    found = {}
    for url in admin_urls():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        is_modal = response.headers["Content-Type"].startswith("application/json")
        html = response.json()["html"] if is_modal else response.content.decode()
        if words := leftovers(visible_text(html)):
            found[url] = words
    assert found == {}, "\n".join(f"{url}: {words}" for url, words in found.items())


def test_the_moderation_e_mails_read_as_plain_french(client, demo_content, settings):
    client.force_login(get_user_model().objects.get(username="redaction"))
    actor = Actor.objects.order_by("pk").first()
    edit_url = reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(client.get(edit_url).content.decode(), form_id=None, form_index=1)
    data["action-submit"] = "submit"
    client.post(edit_url, data)

    assert mail.outbox, "the moderators get an e-mail"
    for message in mail.outbox:
        text = re.sub(r"https?://\S+", "", f"{message.subject}\n{message.body}")
        assert leftovers(text) == [], message.body


@pytest.mark.parametrize(
    ("noun", "a", "another", "this", "new"),
    [
        (("acteur", False), "un acteur", "un autre acteur", "cet acteur", "nouvel acteur"),
        (("commune", True), "une commune", "une autre commune", "cette commune", "nouvelle commune"),
        (("Pays", False), "un Pays", "un autre Pays", "ce Pays", "nouveau Pays"),
    ],
)
def test_a_noun_gets_the_words_its_gender_and_first_letter_ask_for(noun, a, another, this, new):
    from home.choosers import Noun

    word = Noun(noun[0], feminine=noun[1])
    assert (word.a, word.another, word.this, word.new) == (a, another, this, new)
