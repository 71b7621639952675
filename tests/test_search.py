"""The site's search: actors' records and pages together, grouped, counted, paginated, highlighted."""

import re

import pytest
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from actors.models import Actor, Commune, Epci
from actors.samples import generate_sample_actors
from board.models import BoardPost
from board.samples import generate_sample_board_posts
from home.models import ContentPage
from home.search import SEARCH_KINDS, clean_query, highlight


def titles(response, kind):
    html = response.content.decode()
    section = html.split(f'id="group-{kind}"', 1)[1].split("</section>", 1)[0] if f'id="group-{kind}"' in html else ""
    return re.findall(r'<h3 class="search-result__title"><a href="[^"]+">([^<]+)</a>', section)


@pytest.fixture
def guide_page(home_page):
    page = home_page.add_child(
        instance=ContentPage(
            title="Guide de la mutualisation",
            slug="guide-mutualisation",
            intro="Partager un défibrillateur, une salle ou des compétences entre structures voisines.",
            body=[("paragraph", RichText("<p>Les coopératives du territoire prêtent leurs locaux.</p>"))],
        )
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_searching_insertion_finds_the_insertion_actors(client, home_page):
    insertion_actors = set(Actor.objects.published().exclude(insertion_type="").values_list("name", flat=True))
    assert insertion_actors  # the demo has some

    response = client.get("/recherche/", {"q": "insertion", "type": "acteurs"})

    assert response.status_code == 200
    assert insertion_actors <= set(titles(response, "acteurs"))


@pytest.mark.django_db
def test_actors_and_pages_are_grouped_with_their_counts_and_a_highlighted_excerpt(client, guide_page):
    response = client.get("/recherche/", {"q": "défibrillateur"})

    html = response.content.decode()
    assert titles(response, "pages") == ["Guide de la mutualisation"]
    assert 'href="/guide-mutualisation/"' in html
    assert "<mark>défibrillateur</mark>" in html
    assert re.search(r"Pages <span[^>]*>\(1\)</span>", html)
    assert "Tout <span" in html


@pytest.mark.django_db
def test_search_ignores_accents_and_case(client, guide_page):
    response = client.get("/recherche/", {"q": "DEFIBRILLATEUR cooperatives"})

    assert titles(response, "pages") == ["Guide de la mutualisation"]
    assert "<mark>défibrillateur</mark>" in response.content.decode()


@pytest.mark.django_db
def test_an_actor_result_links_to_its_profile(client, home_page):
    actor = Actor.objects.published().exclude(insertion_type="").first()

    response = client.get("/recherche/", {"q": actor.name})

    assert f'href="/acteurs/{actor.slug}/"' in response.content.decode()
    assert client.get(f"/acteurs/{actor.slug}/").status_code == 200


@pytest.mark.django_db
def test_unpublished_actors_and_pages_are_never_found(client, guide_page):
    actor = Actor.objects.published().first()
    actor.live = False
    actor.save()
    guide_page.unpublish()

    assert titles(client.get("/recherche/", {"q": actor.name, "type": "acteurs"}), "acteurs") == []
    assert titles(client.get("/recherche/", {"q": "défibrillateur"}), "pages") == []


@pytest.mark.django_db
def test_one_kind_is_listed_page_by_page(client, home_page):
    generate_sample_actors(45, seed=2)
    get_search_backend().add_bulk(Actor, list(Actor.objects.filter(slug__startswith="exemple-")))

    first = client.get("/recherche/", {"q": "fictive", "type": "acteurs"})
    second = client.get("/recherche/", {"q": "fictive", "type": "acteurs", "page": "2"})

    assert len(titles(first, "acteurs")) == 20
    assert "Page 1 sur 3" in first.content.decode()
    assert set(titles(first, "acteurs")).isdisjoint(titles(second, "acteurs"))
    overview = client.get("/recherche/", {"q": "fictive"})
    assert len(titles(overview, "acteurs")) == 5
    assert "Voir les 45 acteurs" in overview.content.decode()


@pytest.mark.django_db
def test_the_header_has_a_search_box_on_every_page(client, home_page):
    for url in ("/", "/acteurs/", "/recherche/?q=insertion"):
        html = client.get(url).content.decode()
        assert 'role="search"' in html and 'action="/recherche/"' in html, url


@pytest.mark.django_db
def test_an_empty_or_unusable_query_answers_a_normal_page(client, home_page):
    for query in ("", "   ", "🌱🤝", '"*:()', "a" * 3000):
        response = client.get("/recherche/", {"q": query})
        assert response.status_code == 200, query


def test_queries_are_cleaned_before_they_reach_the_backend():
    assert clean_query('  "insertion" OR (mobilité*)  ') == "insertion OR mobilité"
    assert clean_query("🌱") == ""
    assert len(clean_query("mot " * 1000)) <= 200
    assert clean_query("l'ESS") == "l'ESS"


def test_the_excerpt_marks_every_match_and_escapes_the_rest():
    excerpt = highlight("<b>Chantier</b> d'insertion : l'Insertion par l'activité", "insertion")

    assert excerpt.count("<mark>") == 2
    assert "&lt;b&gt;" in excerpt


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.django_db
def test_search_makes_a_fixed_number_of_queries_whatever_the_number_of_actors(
    client, home_page, guide_page, django_assert_max_num_queries, count
):
    generate_sample_actors(count, seed=count)
    urls = ["/recherche/?q=fictive", "/recherche/?q=fictive&type=acteurs&page=3", "/recherche/?q=mutualisation"]
    for url in urls:
        client.get(url)  # warm Wagtail's own caches (site root paths)
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_records_written_in_bulk_are_found_without_rebuilding_the_index(client, home_page):
    """The sample generators and the territories' loader write in bulk, which sends no signal to the index."""
    generate_sample_actors(3, seed=7)
    generate_sample_board_posts(3, seed=7)
    backend = get_search_backend()

    samples = set(Actor.objects.filter(slug__startswith="exemple-").values_list("name", flat=True))
    found = {actor.name for actor in backend.search("fictif", Actor.objects.published())}
    assert samples and samples <= found
    assert set(titles(client.get("/recherche/", {"q": "fictif", "type": "acteurs"}), "acteurs")) >= samples
    posts = set(BoardPost.objects.values_list("title", flat=True))
    assert posts and posts <= {post.title for post in backend.search("fictive", BoardPost)}
    assert "Langon" in {commune.name for commune in backend.search("Langon", Commune)}
    assert "CC du Sud Gironde" in {epci.name for epci in backend.search("Sud Gironde", Epci)}


# Settings and menu (3), then per kind a count and a page of results, plus one query per page type,
# and for each kind of pages of given types (news, events) the lookup of the view restrictions.
# "mutualisation" also finds the needs questionnaire's page, and with PostgreSQL's French stemming the board's
# page: two more page types to load.
QUERY_BUDGET = 10 + 2 * len(SEARCH_KINDS) + sum(1 for kind in SEARCH_KINDS if getattr(kind, "page_types", ()))


@pytest.mark.django_db
def test_news_and_events_have_their_own_groups(client, home_page):
    from news.models import EventPage, NewsPage

    response = client.get("/recherche/", {"q": "entreprendre"})

    news = set(NewsPage.objects.live().filter(title__icontains="entreprendre").values_list("title", flat=True))
    events = set(EventPage.objects.live().filter(title__icontains="entreprendre").values_list("title", flat=True))
    assert news and events  # the demo content's November 2010 meetings, told as news and as an event
    assert news <= set(titles(response, "actualites"))
    assert events <= set(titles(response, "evenements"))
    assert not (news | events) & set(titles(response, "pages"))  # never twice


@pytest.mark.django_db
def test_a_search_that_finds_nothing_offers_the_sections_the_apps_registered(client, home_page):
    """The floor names no section: the directory's link comes from the actors' registered kind of result."""
    from actors.models import ActorIndexPage

    html = client.get("/recherche/", {"q": "zzzxqv"}).content.decode()
    assert f'ou parcourez <a href="{ActorIndexPage.objects.live().get().url}">l\'annuaire des acteurs</a>.' in html
    ActorIndexPage.objects.live().get().unpublish()
    html = client.get("/recherche/", {"q": "zzzxqv"}).content.decode()
    assert "ou parcourez les rubriques du menu." in html
