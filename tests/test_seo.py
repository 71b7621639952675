"""Search engines and shares: sitemap, robots.txt, canonical URL, description and share tags, JSON-LD."""

import json
import re
from xml.etree import ElementTree

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from actors.models import Actor, ActorIndexPage, ActorProfilePage
from board.choices import PostStatus
from board.models import BoardIndexPage, BoardPost
from board.samples import generate_sample_board_posts
from home.images import CustomImage
from home.models import ContentPage, SiteSettings
from news.models import EventPage, NewsPage

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return found.group(1) if found else None


def json_ld_types(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(block) for block in blocks]
    return {item["@type"]: item for entry in data for item in (entry if isinstance(entry, list) else [entry])}


@pytest.fixture
def image(db):
    return CustomImage.objects.create(
        title="Rencontre du club", alt_text="Une rencontre du club", file=get_test_image_file()
    )


@pytest.fixture
def content_page(home_page):
    page = home_page.add_child(
        instance=ContentPage(
            title="Qui sommes-nous ?",
            slug="qui-sommes-nous",
            body=[("paragraph", RichText("<p>Le club rassemble les acteurs de l'économie sociale et solidaire.</p>"))],
        )
    )
    page.save_revision().publish()
    return page


def sitemap_entries(client) -> list[tuple[str, str | None]]:
    """(path, lastmod) of every <url> of the sitemap, in order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314  (the site's own sitemap)
    return [
        (
            re.sub(r"^https?://[^/]+", "", url.findtext("s:loc", namespaces=SITEMAP_NS)),
            url.findtext("s:lastmod", namespaces=SITEMAP_NS),
        )
        for url in tree.findall("s:url", SITEMAP_NS)
    ]


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314  (the site's own sitemap)
    return [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]


@pytest.mark.django_db
def test_every_address_of_the_sitemap_answers_200(client, content_page):
    locations = sitemap_locations(client)

    assert "http://localhost/qui-sommes-nous/" in locations
    assert "http://localhost/acteurs/" in locations
    for location in locations:
        path = re.sub(r"^https?://[^/]+", "", location)
        assert client.get(path).status_code == 200, location


@pytest.mark.django_db
def test_the_sitemap_lists_every_published_actor_profile_once(client, home_page):
    hidden = Actor.objects.published().first()
    hidden.live = False
    hidden.save()
    shown = Actor.objects.published().first()
    directory = ActorIndexPage.objects.get()
    directory.add_child(instance=ActorProfilePage(title=shown.name, actor=shown, slug=shown.slug))

    paths = [re.sub(r"^https?://[^/]+", "", location) for location in sitemap_locations(client)]

    profiles = {f"/acteurs/{slug}/" for slug in Actor.objects.published().values_list("slug", flat=True)}
    assert profiles <= set(paths)
    assert f"/acteurs/{hidden.slug}/" not in paths
    assert paths.count(f"/acteurs/{shown.slug}/") == 1


@pytest.mark.django_db
def test_the_sitemap_lists_every_news_item_event_and_board_post_once_with_its_date(client, home_page):
    generate_sample_board_posts(3, seed=1)
    closed = BoardPost.objects.on_board().first()
    closed.status = PostStatus.FULFILLED
    closed.save()
    board_url = BoardIndexPage.objects.get().url

    entries = sitemap_entries(client)

    paths = [path for path, _ in entries]
    expected = {page.url for page in NewsPage.objects.published()} | {
        page.url for page in EventPage.objects.published()
    }
    expected |= {f"{board_url}{pk}/" for pk in BoardPost.objects.on_board().values_list("pk", flat=True)}
    assert NewsPage.objects.published().exists() and EventPage.objects.published().exists()
    assert BoardPost.objects.on_board().exists()
    assert expected <= set(paths)
    assert f"{board_url}{closed.pk}/" not in paths
    assert len(paths) == len(set(paths)), "an address appears twice"
    assert all(lastmod for _, lastmod in entries), [path for path, lastmod in entries if not lastmod]


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "User-agent: *" in body


@pytest.mark.django_db
def test_a_page_without_promote_fields_gets_its_description_and_the_site_image(client, home_page, content_page, image):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.default_social_image = image
    site_settings.save()

    html = client.get("/qui-sommes-nous/").content.decode()

    assert canonical(html) == "http://localhost/qui-sommes-nous/"
    description = "Le club rassemble les acteurs de l&#x27;économie sociale et solidaire."
    assert meta(html, "name", "description") == description
    assert meta(html, "property", "og:description") == description
    assert meta(html, "property", "og:title") == "Qui sommes-nous ?"
    assert meta(html, "property", "og:url") == "http://localhost/qui-sommes-nous/"
    assert re.match(r"http://localhost/.+\.fill-1200x630\.", meta(html, "property", "og:image"))
    assert meta(html, "property", "og:image:alt") == "Une rencontre du club"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_the_promote_tab_wins_over_the_fallbacks(client, content_page, image):
    content_page.seo_title = "Le club en bref"
    content_page.search_description = "Qui fait le club, et pourquoi."
    content_page.social_image = image
    content_page.save_revision().publish()

    html = client.get("/qui-sommes-nous/").content.decode()

    assert meta(html, "property", "og:title") == "Le club en bref"
    assert meta(html, "name", "twitter:title") == "Le club en bref"
    assert meta(html, "name", "description") == "Qui fait le club, et pourquoi."
    assert meta(html, "property", "og:image")


@pytest.mark.django_db
def test_without_any_image_the_card_is_a_summary(client, content_page):
    html = client.get("/qui-sommes-nous/").content.decode()

    assert meta(html, "property", "og:image") is None
    assert meta(html, "name", "twitter:card") == "summary"


@pytest.mark.django_db
def test_pages_of_other_apps_get_the_tags_by_fallback(client, home_page):
    directory = ActorIndexPage.objects.get()
    actor = Actor.objects.published().first()

    listing = client.get("/acteurs/").content.decode()
    profile = client.get(f"/acteurs/{actor.slug}/").content.decode()

    assert meta(listing, "property", "og:title") == directory.title
    assert meta(listing, "name", "description")
    assert canonical(profile) == f"http://localhost/acteurs/{actor.slug}/"
    assert meta(profile, "property", "og:title") == actor.name
    assert meta(profile, "name", "description") == actor.short_description.replace("'", "&#x27;")


@pytest.mark.django_db
def test_the_home_page_describes_the_club_and_the_site_search(client, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())

    html = client.get("/").content.decode()
    data = json_ld_types(html)

    assert meta(html, "property", "og:title") == site_settings.club_name

    assert data["Organization"]["name"] == site_settings.club_name
    assert data["Organization"]["url"] == "http://localhost/"
    action = data["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/recherche/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


@pytest.mark.django_db
def test_editors_find_the_share_image_in_the_promote_tab(admin_client, content_page):
    response = admin_client.get(f"/admin/pages/{content_page.pk}/edit/")

    assert "Image de partage" in response.content.decode() or "image de partage" in response.content.decode()
