"""Images where people expect them: actor covers and logos, news and event pictures, the home page's lead.

Every picture goes through Wagtail renditions in AVIF and WebP (JPEG or PNG last), with `srcset` and `sizes`,
width and height (no layout shift), lazy below the fold; cards without a cover show a pattern in the sector's
colour; every shareable page has an Open Graph image when there is one to share, with an absolute URL.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from actors.models import Actor, Sector
from actors.sector_colours import published_sector_legend

Image = get_image_model()


def image(title, alt, size=(640, 480)):
    return Image.objects.create(title=title, alt_text=alt, file=get_test_image_file(size=size))


def publish_actor(slug, name=None, **fields):
    # "0 …": before the demo's actors in the directory's order by name.
    actor = Actor.objects.create(name=name or f"0 {slug}", slug=slug, short_description="Réemploi.", **fields)
    actor.save_revision().publish()
    return actor


def cards(html, css_class):
    """The cards of the listing, each up to the next one (the last one runs to the end of the page)."""
    listing = html.split(f'class="card-grid {css_class}"')[1]
    return listing.split('<li class="card ')[1:]


def img_attributes(fragment) -> dict:
    tag = re.search(r"<img [^>]*>", fragment).group(0)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def assert_responsive_picture(fragment, *, lazy, alt):
    assert "<picture>" in fragment
    assert 'type="image/avif"' in fragment and 'type="image/webp"' in fragment
    sources = re.findall(r"<source [^>]*>", fragment)
    assert all("sizes=" in source and re.search(r'srcset="[^"]+ \d+w, [^"]+ \d+w"', source) for source in sources)
    img = img_attributes(fragment)
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["alt"] == alt
    assert (img.get("loading") == "lazy") is bool(lazy)
    if lazy is False:  # the first picture above the fold: asked for first (None: eager, without priority)
        assert img["fetchpriority"] == "high"


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.fixture
def directory(demo_content):
    from actors.demo import ensure_index_page

    ensure_index_page()
    return demo_content


@pytest.mark.django_db
def test_directory_cards_show_cover_and_logo_the_first_loaded_at_once_the_rest_lazily(client, directory):
    photo, logo = image("Atelier", "L'atelier de réparation"), image("Logo", "Logo", size=(240, 120))
    for slug in ("aaa-premier", "aab-second"):
        publish_actor(slug, cover_image=photo, logo=logo)

    html = client.get("/acteurs/").content.decode()

    first, second = cards(html, "actor-cards")[:2]
    assert "0 aaa-premier" in first and "0 aab-second" in second
    cover, logo_box = first.split('class="actor-card__logo"')
    assert_responsive_picture(cover, lazy=False, alt="")  # decorative: the card's title names its link
    assert "format-avif.fill-400x225" in cover and "format-webp.fill-800x450" in cover
    assert_responsive_picture(logo_box, lazy=True, alt="")
    assert ".format-png" in logo_box  # a logo keeps its transparency
    assert_responsive_picture(second.split('class="actor-card__logo"')[0], lazy=True, alt="")


@pytest.mark.django_db
def test_an_actor_without_cover_gets_the_pattern_of_its_sector_colour_on_its_card_and_profile(client, directory):
    from actors.models import Commune

    actor = publish_actor("aaa-sans-photo", commune=Commune.objects.exclude(latitude=None).first())
    sector = Sector.objects.order_by("name").first()
    actor.sectors.add(sector)
    actor.save_revision().publish()
    colour = next(entry["colour"] for entry in published_sector_legend() if entry["key"] == sector.name)

    card = cards(client.get("/acteurs/").content.decode(), "actor-cards")[0]
    profile = client.get("/acteurs/aaa-sans-photo/").content.decode()

    assert "0 aaa-sans-photo" in card and "<picture>" not in card and "actor-card__logo" not in card
    assert f'<div class="card__media image-placeholder map-colour--{colour}"></div>' in card
    assert f"actor-cover--placeholder image-placeholder map-colour--{colour}" in profile
    # The same colour as the actor's dot on the map and in its list.
    map_line = client.get("/carte/").content.decode().split("aaa-sans-photo/")[0].rsplit("<li", 1)[1]
    assert f"map-colour--{colour}" in map_line


@pytest.mark.django_db
def test_an_actor_without_sector_gets_the_grey_pattern(client, directory):
    publish_actor("aaa-sans-secteur")
    card = cards(client.get("/acteurs/").content.decode(), "actor-cards")[0]
    assert 'class="card__media image-placeholder map-colour--none"' in card


@pytest.mark.django_db
def test_a_profile_shows_its_cover_with_the_image_models_alt_text_and_shares_it(client, directory):
    cover = image("Atelier", "L'atelier de réparation de vélos", size=(1600, 900))
    publish_actor("ressourcerie", cover_image=cover, logo=image("Logo", "Logo de la Ressourcerie", (240, 120)))

    html = client.get("/acteurs/ressourcerie/").content.decode()

    banner = html.split('<div class="actor-cover">')[1].split("</div>")[0]
    assert_responsive_picture(banner, lazy=False, alt="L&#x27;atelier de réparation de vélos")
    assert "placeholder" not in html.split('<div class="actor-cover">')[0].split("<main")[1]
    og_image = meta(html, "property", "og:image")
    assert og_image.startswith("http://") and ".fill-1200x630" in og_image and og_image.endswith(".jpg")
    assert meta(html, "property", "og:image:width") == "1200" and meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == "L&#x27;atelier de réparation de vélos"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_a_profile_with_only_a_logo_shares_the_logo_whole_and_one_without_image_shares_nothing(client, directory):
    publish_actor("avec-logo", logo=image("Logo", "Logo d'Avec Logo", (240, 120)))
    publish_actor("sans-image")

    with_logo = client.get("/acteurs/avec-logo/").content.decode()
    without = client.get("/acteurs/sans-image/").content.decode()

    og_image = meta(with_logo, "property", "og:image")
    assert og_image.startswith("http://") and ".max-1200x630" in og_image and og_image.endswith(".png")
    assert meta(with_logo, "property", "og:image:width") == "240"
    assert meta(without, "property", "og:image") is None
    assert meta(without, "name", "twitter:card") == "summary"


@pytest.mark.django_db
def test_the_site_default_image_is_shared_by_pages_without_their_own_but_an_actors_logo_comes_first(client, directory):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(directory)
    settings.default_social_image = image("Le club", "Une rencontre du club")
    settings.save()
    publish_actor("avec-logo", logo=image("Logo", "Logo d'Avec Logo", (240, 120)))

    home = client.get("/").content.decode()
    profile = client.get("/acteurs/avec-logo/").content.decode()

    assert meta(home, "property", "og:image:alt") == "Une rencontre du club"
    assert meta(home, "property", "og:image").endswith(".jpg")
    assert meta(profile, "property", "og:image:alt") == "Logo d&#x27;Avec Logo"


def test_news_events_home_and_content_pages_show_their_image_and_share_it(client, public_site):
    """The public site has the test pictures on the news, the events and the home page (add_images)."""
    from home.models import ContentPage

    from .public_pages import CONTENT_PAGE_SLUG, EVENT_SLUG, NEWS_SLUG, coming_year

    page = ContentPage.objects.get(slug=CONTENT_PAGE_SLUG)
    page.social_image = Image.objects.get(title="Photo d'essai")
    page.save_revision().publish()
    alt = "Image d&#x27;essai aux couleurs unies"

    news_listing = client.get("/actualites/").content.decode()
    first, second = cards(news_listing, "news-cards")[:2]
    assert_responsive_picture(first, lazy=False, alt="")
    assert_responsive_picture(second, lazy=True, alt="")
    events = client.get("/mois-de-l-ess/").content.decode()
    event_cards = events.split('class="card-grid event-cards"')
    assert_responsive_picture(event_cards[1].split("</li>")[0], lazy=False, alt="")
    for later_group in event_cards[2:]:  # « Déjà passés »: below the fold
        assert_responsive_picture(later_group.split("</li>")[0], lazy=True, alt="")

    for url in (f"/actualites/{NEWS_SLUG}/", f"/mois-de-l-ess/{coming_year()}/{EVENT_SLUG}/", "/"):
        html = client.get(url).content.decode()
        main = html.split("<main")[1]
        assert_responsive_picture(main.split("</picture>")[0], lazy=False if url == "/" else None, alt=alt)
        assert meta(html, "property", "og:image").startswith("http://"), url
        assert meta(html, "property", "og:image").endswith(".jpg"), url
        assert meta(html, "property", "og:image:alt") == alt, url
    content = client.get(f"/{CONTENT_PAGE_SLUG}/").content.decode()
    assert meta(content, "property", "og:image").startswith("http://")
    # A picture smaller than 1200 × 630 is cropped to the frame, never enlarged: 640 × 336.
    assert (meta(content, "property", "og:image:width"), meta(content, "property", "og:image:height")) == ("640", "336")


def count_queries(client, url):
    client.get(url)  # renditions are made once, by the first visit
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_directory_queries_stay_flat_with_a_cover_and_a_logo_on_every_card(client, directory):
    def add_actors(start, count):
        for number in range(start, start + count):
            publish_actor(
                f"aa-{number:02d}",
                cover_image=image(f"Photo {number}", f"Photo {number}"),
                logo=image(f"Logo {number}", f"Logo {number}", (120, 60)),
            )

    add_actors(0, 2)
    few = count_queries(client, "/acteurs/")
    add_actors(2, 10)
    many = count_queries(client, "/acteurs/")

    html = client.get("/acteurs/").content.decode()
    assert html.count('class="actor-card__logo"') == 12
    assert many == few


@pytest.mark.django_db
def test_a_small_original_gives_each_width_once_in_srcset():
    """Wagtail does not enlarge: 800 and 1200 px of a 640 px original are both 640 px wide; one is enough."""
    from django.template import Context, Template

    small = image("Petite", "Une petite image")  # 640 × 480
    html = Template(
        '{% load figure_tags %}{% picture img format-{avif,jpeg} width-{480,800,1200} sizes="100vw" %}'
    ).render(Context({"img": small}))

    for srcset in re.findall(r'srcset="([^"]*)"', html):
        widths = re.findall(r" (\d+)w", srcset)
        assert widths == ["480", "640"], srcset
    assert 'alt="Une petite image"' in html and 'width="480"' in html
