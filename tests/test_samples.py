"""The fictional news, events and board posts of the tests and benchmarks: live, in place, reproducible."""

from io import StringIO

from django.core.management import call_command

from actors.samples import generate_sample_actors
from board.models import BoardPost
from board.samples import generate_sample_board_posts
from news.models import EventOrganiser, EventPage, MoisEssEditionPage, NewsIndexPage, NewsPage
from news.models.events import today_in_paris
from news.samples import generate_sample_events, generate_sample_news


def test_sample_news_are_live_under_the_news_index_across_phases_and_topics(client, project_site, territories):
    generate_sample_actors(10, seed=1)
    assert generate_sample_news(30, seed=5) == 30
    samples = NewsPage.objects.filter(slug__startswith="exemple-actualite-")
    assert samples.count() == 30
    assert NewsPage.objects.published().filter(slug__startswith="exemple-actualite-").count() == 30
    index_page = NewsIndexPage.objects.get()
    assert all(news.get_parent().pk == index_page.pk for news in samples)
    assert samples.values("phase").distinct().count() > 2
    assert samples.filter(topics__isnull=False).distinct().count() == 30
    assert all(news.title.startswith("Exemple fictif") for news in samples)
    assert client.get(samples.first().url).status_code == 200


def test_sample_news_are_the_same_for_the_same_seed_and_numbered_on(project_site):
    generate_sample_news(5, seed=7)
    first = list(NewsPage.objects.filter(slug__startswith="exemple-actualite-").values_list("title", "date"))
    NewsPage.objects.filter(slug__startswith="exemple-actualite-").delete()
    generate_sample_news(5, seed=7)
    again = list(NewsPage.objects.filter(slug__startswith="exemple-actualite-").values_list("title", "date"))
    assert first == again
    generate_sample_news(2, seed=7)
    assert NewsPage.objects.filter(slug="exemple-actualite-7").exists()


def test_sample_events_fill_past_and_coming_editions_with_organisers(client, project_site, territories):
    generate_sample_actors(10, seed=1)
    assert generate_sample_events(40, seed=3) == 40
    samples = EventPage.objects.filter(slug__startswith="exemple-evenement-")
    assert samples.published().count() == 40
    assert samples.upcoming().exists() and samples.past().exists()
    assert samples.exclude(commune=None).exists()
    assert EventOrganiser.objects.filter(page__in=samples).exists()
    for event in samples:
        assert event.start_date.year == event.get_parent().specific.year
    this_year = today_in_paris().year
    assert MoisEssEditionPage.objects.filter(year__in=[this_year - 2, this_year + 1], live=True).count() == 2
    assert client.get(samples.first().url).status_code == 200
    assert client.get(f"/mois-de-l-ess/{this_year + 1}/").status_code == 200


def test_sample_board_posts_are_published_and_mostly_on_the_board(db, territories):
    assert generate_sample_board_posts(20, seed=2) == 20
    assert BoardPost.objects.filter(title__startswith="Exemple fictif", live=True).count() == 20
    assert BoardPost.objects.on_board().count() > 10


def test_the_commands_take_a_count_and_a_seed(project_site, territories):
    output = StringIO()
    call_command("generate_sample_news", "--count", "3", "--seed", "1", stdout=output)
    call_command("generate_sample_events", "--count", "2", "--seed", "1", stdout=output)
    call_command("generate_sample_board_posts", "--count", "2", "--seed", "1", stdout=output)
    assert "3 actualités fictives créées." in output.getvalue()
    assert "2 événements fictifs créés." in output.getvalue()
    assert "2 annonces fictives créées." in output.getvalue()


def test_thousands_of_sample_actors_are_indexed_for_search_in_a_few_queries(territories):
    """The bulk index reads each relation it indexes (the sectors) once per thousand records, not per record."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.search.backends import get_search_backend

    from actors.models import Actor

    generate_sample_actors(5, seed=5)  # what any first call reads once (content types, sectors, communes)
    reads = []
    for count in (20, 400):
        with CaptureQueriesContext(connection) as queries:
            generate_sample_actors(count, seed=count)
        reads.append([query["sql"] for query in queries if query["sql"].startswith("SELECT")])
        assert len(queries) < count / 4 + 20  # the inserts go in batches too
    assert len(reads[0]) == len(reads[1]), reads[1]
    sector = Actor.objects.filter(name__startswith="Exemple fictif").first().sectors.first()
    found = {actor.pk for actor in get_search_backend().search(sector.name, Actor.objects.filter(live=True))}
    assert set(sector.actors.filter(live=True).values_list("pk", flat=True)) <= found
