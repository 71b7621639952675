"""Parts of pages kept until the content changes (home/templatetags/fragment_tags.py): the site's header and footer,
a profile's events, posts and news, a news item's links. The pages stay the same, a change shows at the next
request, the passing of a day too, and neither made-up addresses nor previews fill the cache."""

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from actors.models import Actor, ActorIndexPage
from news.models import NewsIndexPage, NewsPage, NewsPageActor
from news.models.events import PARIS

from .public_pages import EVENT_SLUG, NEWS_SLUG, POST_TITLE, coming_year

pytestmark = pytest.mark.django_db

PROFILE = "/acteurs/co-actions/"
OTHER_PROFILE = "/acteurs/trajectoire/"
PAGES = ["/", "/acteurs/", PROFILE, OTHER_PROFILE, f"/actualites/{NEWS_SLUG}/"]


@pytest.fixture
def fragments(settings):
    """As in production with Redis, the pages' own cache off: each page is built, as for the first visitor."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_LOOKUP_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300


def get(client, path, status=200):
    """The page's HTML (its per-response nonces left out) and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    return re.sub(r'nonce="[^"]*"', "", response.content.decode()), len(queries)


def fragment_keys() -> list[str]:
    return [key for key in cache._cache if ":fragment:" in key]


def test_pages_are_the_same_built_kept_and_read_back(client, public_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_LOOKUP_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/")  # warms what each process keeps (content types, the tile origin)
    built = {path: get(client, path)[0] for path in PAGES}
    settings.SITE_LOOKUP_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 300
    kept = {path: get(client, path) for path in PAGES}
    read = {path: get(client, path) for path in PAGES}
    for path in PAGES:
        assert kept[path][0] == built[path], path
        assert read[path][0] == built[path], path
    assert fragment_keys()
    # A profile whose header, footer, events, posts and news are kept: its record, its areas and sectors, the
    # routing; a news item: the routing, its page and its picture.
    assert read[PROFILE][1] < kept[PROFILE][1]
    assert read[PROFILE][1] <= 5
    assert read[f"/actualites/{NEWS_SLUG}/"][1] <= 3


def test_the_shell_of_a_section_is_shared_by_its_pages_and_marks_the_current_one(client, public_site, fragments):
    get(client, PROFILE)
    other, _ = get(client, OTHER_PROFILE)
    directory, _ = get(client, "/acteurs/")
    assert 'href="/acteurs/" aria-current="true"' in other
    assert 'href="/acteurs/" aria-current="page"' in directory
    home, _ = get(client, "/")
    assert 'class="site-brand" href="/" aria-current="page"' in home
    assert 'href="/acteurs/" aria-current' not in home


def test_a_news_item_naming_the_actor_shows_on_its_profile_at_once(client, public_site, fragments):
    get(client, PROFILE)
    news = NewsPage(
        title="Co-actions ouvre un atelier vélo",
        slug="co-actions-ouvre-un-atelier-velo",
        date=timezone.localdate(),
        intro="Un atelier de réparation partagé.",
    )
    news.related_actors = [NewsPageActor(actor=Actor.objects.get(slug="co-actions"))]
    NewsIndexPage.objects.get().add_child(instance=news)
    news.save_revision().publish()
    html, _ = get(client, PROFILE)
    assert "Co-actions ouvre un atelier vélo" in html


def test_a_renamed_menu_page_shows_in_every_header_at_once(client, public_site, fragments):
    get(client, PROFILE)
    get(client, "/")
    directory = ActorIndexPage.objects.get()
    directory.title = "Les structures solidaires"
    directory.save_revision().publish()
    for path in (PROFILE, "/"):
        html, _ = get(client, path)
        assert ">Les structures solidaires</a>" in html, path


def test_an_event_and_a_post_leave_the_profile_the_day_after_they_end(client, public_site, fragments, monkeypatch):
    html, _ = get(client, PROFILE)
    assert f"/{EVENT_SLUG}/" in html
    assert POST_TITLE in html
    # Nothing is published: only the date changes, past the event and the post's expiry date.
    later = datetime(coming_year() + 1, 1, 2, 10, tzinfo=PARIS)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html, _ = get(client, PROFILE)
    assert f"/{EVENT_SLUG}/" not in html
    assert POST_TITLE not in html


def test_made_up_addresses_keep_no_fragment(client, public_site, fragments):
    get(client, "/")
    kept = set(fragment_keys())
    for number in range(3):
        get(client, f"/nimporte-quoi-{number}/", status=404)
        get(client, f"/acteurs/nimporte-quoi-{number}/", status=404)
    assert set(fragment_keys()) == kept


def test_a_preview_neither_reads_nor_keeps_fragments(client, public_site, fragments):
    news = NewsPage.objects.get(slug=NEWS_SLUG)
    published, _ = get(client, news.url)
    assert 'aria-label="Thèmes"' in published
    kept = set(fragment_keys())
    news.topics = []  # being edited: the preview shows the page without its topics
    html = news.make_preview_request().content.decode()
    assert news.title in html
    assert 'aria-label="Thèmes"' not in html
    assert set(fragment_keys()) == kept


def test_a_day_later_the_fragments_of_the_day_before_are_not_read(client, public_site, fragments, monkeypatch):
    get(client, PROFILE)
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    before = set(fragment_keys())
    get(client, PROFILE)
    added = set(fragment_keys()) - before
    assert {key.split(":")[5] for key in added} == {"actor-events-and-posts"}


def test_a_change_of_sectors_shows_on_the_profile_at_once(client, public_site, fragments):
    from actors.models import Sector

    get(client, PROFILE)
    actor = Actor.objects.get(slug="co-actions")
    sector = Sector.objects.create(name="Secteur tout neuf", slug="secteur-tout-neuf")
    actor.sectors.add(sector)
    actor.save()  # as the admin's form does after the relations
    html, _ = get(client, PROFILE)
    assert "Secteur tout neuf" in html


def test_a_warm_process_reads_its_fragments_without_asking_the_shared_cache(
    client, public_site, fragments, monkeypatch
):
    first, _ = get(client, PROFILE)
    asked = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: asked.append(key) or real_get(key, *args, **kwargs))
    again, _ = get(client, PROFILE)
    assert again == first
    assert [key for key in asked if key.startswith("fragment:")] == []
    assert fragment_keys()  # and the shared cache still holds them for the other processes


def test_a_kept_record_is_a_new_copy_for_each_request(rf, public_site, fragments):
    from home.kept import kept

    request = rf.get("/")
    request.content_generation = 7
    kept(request, "test-record", [1], lambda: [{"name": "Solidarité"}])
    read = kept(request, "test-record", [1], lambda: pytest.fail("built twice"))
    assert read == [{"name": "Solidarité"}]
    read[0]["name"] = "changed by one request"
    assert kept(request, "test-record", [1], lambda: None) == [{"name": "Solidarité"}]


def test_a_restarted_cache_never_brings_back_what_a_process_memorised(client, public_site, fragments):
    from actors.models import Sector
    from home.page_cache import purge

    purge()  # the first generation comes from a change of content
    sector = Actor.objects.get(slug="co-actions").sectors.first()
    assert escape(sector.name) in get(client, PROFILE)[0]
    cache.clear()  # Redis restarted: its generation is lost, each process's memo is not
    Sector.objects.filter(pk=sector.pk).update(name="Secteur renommé")
    purge()
    assert "Secteur renommé" in get(client, PROFILE)[0]
