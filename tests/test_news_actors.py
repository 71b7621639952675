"""« Acteurs concernés » of a news item: chosen in a searchable chooser that offers published actors only, kept in
the editor's order, and shown on the news and on each actor's profile."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import querydict_from_html

from actors.models import Actor
from news.models import NewsPage, NewsPageActor

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(db):
    """Two published actors and a draft, in the search index as the admin's chooser finds them."""
    made = {
        "ecolieu": Actor.objects.create(name="Écolieu des Landes", slug="ecolieu", short_description="Un tiers-lieu."),
        "garage": Actor.objects.create(name="Garage solidaire", slug="garage", short_description="Des voitures."),
        "draft": Actor.objects.create(
            name="Écoles en brouillon", slug="brouillon", short_description="Pas encore relu.", live=False
        ),
    }
    get_search_backend().add_bulk(Actor, Actor.objects.all())
    return made


def chooser_results(client, query=""):
    url = reverse("published_actor_chooser:choose_results")
    response = client.get(url, {"q": query} if query else {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_chooser_offers_published_actors_only(admin_client_logged, actors):
    listing = chooser_results(admin_client_logged)
    assert "Écolieu des Landes" in listing and "Garage solidaire" in listing
    assert "Écoles en brouillon" not in listing
    # The snippet's own chooser, used elsewhere, still lists every record.
    assert "Écoles en brouillon" in admin_client_logged.get(
        reverse("wagtailsnippetchoosers_actors_actor:choose_results")
    ).content.decode("utf-8")


@pytest.mark.parametrize("query", ["ecolieu", "ÉCOLIEU", "Écol"])
def test_the_chooser_finds_an_actor_by_name_with_or_without_accents(admin_client_logged, actors, query):
    results = chooser_results(admin_client_logged, query)
    assert "Écolieu des Landes" in results
    assert "Garage solidaire" not in results
    assert "Écoles en brouillon" not in results


def test_the_chooser_says_what_it_chooses_in_french(admin_client_logged, actors):
    modal = admin_client_logged.get(reverse("published_actor_chooser:choose")).json()["html"]
    assert "Choisir un acteur publié" in modal


def test_the_news_form_offers_the_chooser_not_a_multiple_select(admin_client_logged, project_site, actors):
    news = NewsPage.objects.order_by("pk").first()
    html = admin_client_logged.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).content.decode()
    assert reverse("published_actor_chooser:choose") in html
    assert 'name="related_actors"' not in html  # the Ctrl+click multi-select is gone


def news_form_data(client, news, actor_ids):
    """The news' edit form as the admin fills it, with `actor_ids` chosen in this order."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for key in [key for key in data if key.startswith("related_actors-")]:
        del data[key]
    data.update(
        {
            "related_actors-TOTAL_FORMS": str(len(actor_ids)),
            "related_actors-INITIAL_FORMS": "0",
            "related_actors-MIN_NUM_FORMS": "0",
            "related_actors-MAX_NUM_FORMS": "1000",
        }
    )
    for index, actor_id in enumerate(actor_ids):
        data.update(
            {
                f"related_actors-{index}-actor": str(actor_id),
                f"related_actors-{index}-ORDER": str(index + 1),
                f"related_actors-{index}-DELETE": "",
                f"related_actors-{index}-id": "",
            }
        )
    data["body-count"] = "0"  # the body's blocks are drawn by JavaScript; left empty here
    data["action-publish"] = "action-publish"
    return data


def test_chosen_actors_keep_their_order_and_show_on_the_news_and_the_profiles(
    admin_client_logged, client, project_site, actors
):
    from actors.models import ActorIndexPage

    project_site.root_page.add_child(instance=ActorIndexPage(title="Annuaire", slug="acteurs"))
    news = NewsPage.objects.order_by("pk").first()
    chosen = [actors["garage"].pk, actors["ecolieu"].pk]

    response = admin_client_logged.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]), news_form_data(admin_client_logged, news, chosen)
    )

    assert response.status_code == 302
    assert list(NewsPageActor.objects.filter(page=news).values_list("actor_id", flat=True)) == chosen
    html = client.get(news.url).content.decode()
    assert html.index("Garage solidaire") < html.index("Écolieu des Landes")
    assert news.url in client.get("/acteurs/garage/").content.decode()


def test_the_same_actor_twice_is_refused_in_french(admin_client_logged, project_site, actors):
    news = NewsPage.objects.order_by("pk").first()
    twice = [actors["garage"].pk, actors["garage"].pk]

    response = admin_client_logged.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]), news_form_data(admin_client_logged, news, twice)
    )

    assert response.status_code == 200
    assert "« Garage solidaire » est déjà choisi plus haut" in response.content.decode()
    assert not NewsPageActor.objects.filter(page=news).exists()


@pytest.mark.xdist_group("browser")  # after the browser tests, in their worker: see tests/conftest.py
@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_links_and_the_saved_revisions(project_site):
    """Before 0006, a news named its actors in a many-to-many field, and its revisions kept their ids."""
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    # Only news goes back: the other apps stay as they are, so their rows are written with their current columns.
    before = [("news", "0005_shared_postal_address_help_text")] + [node for node in after if node[0] != "news"]
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        OldActor = old_apps.get_model("actors", "Actor")
        OldNewsPage = old_apps.get_model("news", "NewsPage")
        Revision = old_apps.get_model("wagtailcore", "Revision")
        zebre = OldActor.objects.create(name="Zèbre coopératif", slug="zebre", short_description="Z.")
        abeille = OldActor.objects.create(name="Abeille", slug="abeille", short_description="A.")
        news = OldNewsPage.objects.order_by("pk").first()
        Through = OldNewsPage._meta.get_field("related_actors").remote_field.through
        Through.objects.bulk_create([Through(newspage=news, actor=actor) for actor in (zebre, abeille)])
        revision = Revision.objects.filter(object_id=str(news.pk)).order_by("-pk").first()
        revision.content["related_actors"] = [zebre.pk, abeille.pk]
        revision.save()
    finally:
        # Forward again even when the test fails: the tests after it in this worker need the current tables.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)

    page = NewsPage.objects.get(pk=news.pk)
    assert [link.actor.name for link in page.related_actors.all()] == ["Abeille", "Zèbre coopératif"]
    restored = page.revisions.get(pk=revision.pk).as_object()
    assert [link.actor_id for link in restored.related_actors.all()] == [zebre.pk, abeille.pk]
