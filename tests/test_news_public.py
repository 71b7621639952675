"""The public side of news and progress: /actualites/ with its filters and feeds, news pages, /projet/, the CSV."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from actors.models import Actor
from home.models import SiteSettings
from news.models import Indicator, IndicatorMeasurement, NewsIndexPage, NewsPage, NewsPageActor, Phase, Topic
from news.samples import generate_sample_news

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(project_site):
    return project_site


def listed_titles(response) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def add_news(count, phase=None, topic=None, start=datetime.date(2020, 1, 1)):
    index_page = NewsIndexPage.objects.get()
    for number in range(count):
        news = NewsPage(
            title=f"Nouvelle d'exemple {number}",
            slug=f"exemple-{start:%Y}-{number}",
            date=start + datetime.timedelta(days=number),
            phase=phase,
            intro="Une nouvelle d'exemple.",
        )
        if topic:
            news.topics = [topic]
        index_page.add_child(instance=news)


def test_listing_shows_every_news_newest_first(client, site):
    response = client.get("/actualites/")
    assert response.status_code == 200
    titles = listed_titles(response)
    expected = list(NewsPage.objects.published().order_by("-date", "-pk").values_list("title", flat=True))
    assert [t.replace("&#x27;", "'").replace("&quot;", '"') for t in titles] == expected
    assert f"{len(expected)} actualités" in response.content.decode()


def test_listing_filters_by_phase_topic_and_year(client, site):
    response = client.get("/actualites/", {"phase": "ingenierie"})
    assert len(listed_titles(response)) == NewsPage.objects.filter(phase__slug="ingenierie").count() > 0
    html = response.content.decode()
    assert '<option value="ingenierie" selected>' in html
    assert "phase « Ingénierie »" in html
    response = client.get("/actualites/", {"theme": "mois-de-l-ess", "annee": "2010"})
    assert len(listed_titles(response)) == 1
    assert listed_titles(client.get("/actualites/", {"annee": "2014", "phase": "ingenierie"})) == []
    assert (
        "Aucune actualité ne correspond"
        in client.get("/actualites/", {"annee": "2014", "phase": "ingenierie"}).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    [
        {"phase": "'\""},
        {"annee": "99999999999"},
        {"page": "x"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"theme": "<script>"},
        {"annee": "2012\x00"},
    ],
)
def test_nonsense_filters_give_a_normal_page(client, site, query):
    response = client.get("/actualites/", query)
    assert response.status_code == 200
    assert listed_titles(response)
    for feed in ("/actualites/rss.xml", "/actualites/atom.xml"):
        assert client.get(feed, query).status_code == 200


def test_unknown_filter_says_so_in_french_and_keeps_the_other_filters(client, site):
    html = client.get("/actualites/", {"phase": "inconnue", "annee": "2012"}).content.decode()
    assert "« inconnue » n&#x27;est pas une valeur connue : ce filtre est ignoré." in html
    assert '<option value="2012" selected>' in html


def test_listing_paginates_and_keeps_the_filters(client, site):
    phase = Phase.objects.get(slug="developpement")
    add_news(25, phase=phase)
    first = client.get("/actualites/", {"phase": "developpement"})
    assert len(listed_titles(first)) == 10
    html = first.content.decode()
    assert "page 1 sur 3" in html
    assert 'href="?phase=developpement&amp;page=2"' in html
    assert len(listed_titles(client.get("/actualites/", {"phase": "developpement", "page": "3"}))) == 6


def test_feeds_parse_and_follow_the_listing_filters(client, site):
    rss = client.get("/actualites/rss.xml", {"phase": "ingenierie"})
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")  # noqa: S314 (our own feed)
    items = channel.findall("item")
    assert len(items) == NewsPage.objects.filter(phase__slug="ingenierie").count()
    assert channel.findtext("link").endswith("/actualites/?phase=ingenierie")
    for item in items:
        assert "Ingénierie" in [c.text for c in item.findall("category")]
        path = item.findtext("link").removeprefix("http://testserver")
        assert client.get(path).status_code == 200
        assert item.findtext("pubDate")

    atom = client.get("/actualites/atom.xml", {"annee": "2010"})
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == ["http://testserver/actualites/atom.xml?annee=2010"]
    assert entries[0].findtext(f"{ATOM}id") and entries[0].findtext(f"{ATOM}updated")


def test_the_feeds_are_valid_for_feed_readers_with_an_author_and_distinct_dates(client, site):
    """feedparser (not written here) reads both feeds without error, as the W3C validator's rules require:
    an author for every entry, absolute links, and entries that do not all claim the same update."""
    generate_sample_news(5, seed=3)
    for path in ("/actualites/atom.xml", "/actualites/rss.xml"):
        parsed = feedparser.parse(client.get(path).content)

        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        entries = parsed.entries
        assert len(entries) == NewsPage.objects.published().count() > 1, path
        club = SiteSettings.for_site(Site.objects.get(is_default_site=True)).club_name
        assert all(entry.get("author") == club for entry in entries), path
        assert all(entry.link.startswith("http://testserver/") for entry in entries), path
    atom = feedparser.parse(client.get("/actualites/atom.xml").content)
    assert atom.version == "atom10"
    assert atom.feed.author == club and atom.feed.id
    updated = [entry.updated for entry in atom.entries]
    assert len(set(updated)) == len(updated), updated  # the samples are made in one go
    assert len({entry.id for entry in atom.entries}) == len(atom.entries)


def test_listing_links_to_the_feeds_of_its_selection(client, site):
    html = client.get("/actualites/", {"phase": "ingenierie"}).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/actualites/rss.xml?phase=ingenierie"' in html
    assert 'href="/actualites/atom.xml?phase=ingenierie"' in html


def test_drafts_stay_out_of_the_listing_and_feeds(client, site):
    news = NewsPage.objects.get(slug="le-projet-associatif-du-club")
    news.unpublish()
    assert "Le projet associatif" not in client.get("/actualites/").content.decode()
    assert b"le-projet-associatif-du-club" not in client.get("/actualites/rss.xml").content
    assert client.get(news.url or "/actualites/le-projet-associatif-du-club/").status_code == 404


def test_news_page_has_news_article_json_ld(client, site):
    news = NewsPage.objects.get(slug="cooperaction-accompagne-la-phase-d-ingenierie")
    html = client.get(news.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == news.title
    assert data["datePublished"] == "2012-10-01"
    assert data["publisher"]["name"] == "Club ESS Sud-Gironde"
    assert data["articleSection"] == ["Ingénierie"]
    assert data["mainEntityOfPage"] == "http://testserver" + news.url


def test_news_page_links_previous_and_next_news_of_its_phase(client, site):
    in_phase = list(NewsPage.objects.published().filter(phase__slug="ingenierie").order_by("date", "pk"))
    assert len(in_phase) >= 3
    middle = in_phase[1]
    html = client.get(middle.url).content.decode()
    previous_link = re.search(r'<a href="([^"]+)" rel="prev">', html).group(1)
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
    assert (previous_link, next_link) == (in_phase[0].url, in_phase[2].url)
    first_html = client.get(in_phase[0].url).content.decode()
    assert 'rel="prev"' not in first_html.split("news-pager", 1)[-1]
    # News of another phase are never neighbours.
    other = NewsPage.objects.get(phase__slug="developpement")
    assert other.url not in html


def test_news_page_shows_its_related_actors(client, site):
    actor = Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="CAE")
    news = NewsPage.objects.get(slug="cooperaction-accompagne-la-phase-d-ingenierie")
    news.related_actors = [NewsPageActor(actor=actor)]
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert "Les acteurs concernés" in html and "Co-Actions" in html
    actor.unpublish()
    assert "Les acteurs concernés" not in client.get(news.url).content.decode()


def test_progress_page_shows_phases_budget_financing_and_indicators(client, site):
    response = client.get("/projet/")
    assert response.status_code == 200
    html = response.content.decode()
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>\s*</section>', html, re.S).group(1)
    assert [re.sub(r"\s+", " ", t) for t in re.findall(r'<h3 class="timeline__title">([^<]+)</h3>', timeline)] == [
        "1. Phase Ingénierie",
        "2. Phase Expérimentation",
        "3. Phase Développement",
    ]
    assert 'aria-current="step"' in timeline and "Phase en cours" in timeline
    assert "9 775 €" in html.replace("\u202f", " ").replace("\xa0", " ")
    assert "11 275 €" in html.replace("\u202f", " ").replace("\xa0", " ")
    assert "Conseil régional d&#x27;Aquitaine (CRA)" in html
    assert "octobre 2012" in html and "mars 2013" in html
    assert html.count('<article class="indicator-card"') == Indicator.objects.count()
    assert '<svg class="indicator-card__chart"' in html
    assert "Chiffres au" in html
    assert 'media="print"' in html
    # The latest news of each phase link to them.
    assert NewsPage.objects.get(phase__slug="experimentation").url in html


def test_progress_chart_steps_through_the_measurements_and_marks_the_target(client, site):
    indicator = Indicator.objects.create(name="Emplois créés", unit="emplois", baseline=2, target=10, sort_order=0)
    for year, value in ((2015, 4), (2016, 6)):
        IndicatorMeasurement.objects.create(
            indicator=indicator, date=datetime.date(year, 6, 1), value=value, source="Bilan"
        )
    html = client.get("/projet/").content.decode()
    card = re.search(
        rf'<article class="indicator-card" aria-labelledby="indicateur-{indicator.pk}">(.*?)</article>', html, re.S
    ).group(1)
    # From June 2015 (left edge) to June 2016 (right edge); the scale runs from 0 to the target, 10.
    assert 'd="M44.0,68.4 H308.0 V49.6"' in card
    assert '<line class="chart__target" x1="44" x2="308" y1="12.0" y2="12.0"/>' in card
    assert "Cible : 10 (50 % du chemin)" in re.sub(r"\s+", " ", card)
    assert re.findall(r"<td data-label=\"Valeur\" class=\"number\">([^<]+)</td>", card) == ["4", "6"]


def test_indicators_csv_opens_with_the_table_values(client, site):
    indicator = Indicator.objects.create(name="Emplois créés", unit="emplois", target=10)
    IndicatorMeasurement.objects.create(indicator=indicator, date=datetime.date(2015, 6, 1), value=5, source="Bilan")
    response = client.get("/projet/indicateurs.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="indicateurs.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row["indicateur"]: row for row in rows}
    assert by_name["Emplois créés"]["dernière valeur"] == "5"
    assert by_name["Emplois créés"]["cible"] == "10"
    assert by_name["Emplois créés"]["date"] == "2015-06-01"
    assert by_name["Acteurs publiés dans l'annuaire"]["mode"] == "calculé automatiquement"
    assert len(rows) == Indicator.objects.count()


def count_queries(client, url) -> int:
    client.get(url)  # warm Wagtail's own caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


QUERY_BUDGET = 20


def test_query_counts_are_the_same_with_5_and_500_news(client, site, django_assert_max_num_queries):
    phase = Phase.objects.get(slug="ingenierie")
    topic = Topic.objects.get(slug="vie-du-club")
    news_page = NewsPage.objects.get(slug="cooperaction-accompagne-la-phase-d-ingenierie")
    urls = [
        "/actualites/",
        "/actualites/?phase=ingenierie&theme=vie-du-club&page=2",
        "/actualites/rss.xml?phase=ingenierie",
        "/actualites/atom.xml",
        news_page.url,
        "/projet/",
        "/projet/indicateurs.csv",
    ]
    add_news(5, phase=phase, topic=topic)
    small = {url: count_queries(client, url) for url in urls}
    add_news(495, phase=phase, topic=topic, start=datetime.date(2021, 1, 1))
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= QUERY_BUDGET, large


def test_news_under_a_view_restriction_stay_private(client, site):
    from wagtail.models import PageViewRestriction

    news = NewsPage.objects.get(slug="le-projet-associatif-du-club")
    PageViewRestriction.objects.create(page=news, restriction_type="password", password="secret")
    assert news not in NewsPage.objects.published()
    assert "Le projet associatif" not in client.get("/actualites/").content.decode()
    assert b"le-projet-associatif-du-club" not in client.get("/actualites/rss.xml").content
    PageViewRestriction.objects.all().delete()
    PageViewRestriction.objects.create(page=NewsIndexPage.objects.get(), restriction_type="password", password="x")
    assert not NewsPage.objects.published().exists()


def test_actor_profile_lists_the_news_about_it(client, site):
    from actors.models import ActorIndexPage

    home = site.root_page
    home.add_child(instance=ActorIndexPage(title="Annuaire", slug="acteurs"))
    actor = Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="CAE")
    news = NewsPage.objects.get(slug="cooperaction-accompagne-la-phase-d-ingenierie")
    news.related_actors = [NewsPageActor(actor=actor)]
    news.save_revision().publish()
    html = client.get("/acteurs/co-actions/").content.decode()
    assert "Dans les actualités" in html and news.url in html
