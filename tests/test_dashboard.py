"""The admin dashboard tells volunteers what needs doing, and the admin wears the club's name and logo."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from actors.models import Actor
from home.dashboard import registered_todos
from home.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(django_user_model):
    def create(username, role):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "changeme")
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


def _actor(name, **fields):
    return Actor.objects.create(name=name, short_description="Une structure du territoire.", **fields)


def test_the_dashboard_lists_actors_missing_from_the_map_and_stale_records(client, volunteer):
    today = timezone.localdate()
    _actor("Atelier sans adresse", last_reviewed=today)
    _actor("Ressourcerie vérifiée en 2020", latitude=44.55, longitude=-0.25, last_reviewed=today - timedelta(days=400))
    _actor("Épicerie à jour", latitude=44.55, longitude=-0.25, last_reviewed=today)
    client.force_login(volunteer("redactrice", EDITORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    missing = html.split('id="todo-actors-not-located-content"')[1].split("</section>")[0]
    stale = html.split('id="todo-actors-to-review-content"')[1].split("</section>")[0]
    assert "Atelier sans adresse" in missing and "Épicerie à jour" not in missing
    assert "Ressourcerie vérifiée en 2020" in stale and "Épicerie à jour" not in stale


def test_a_list_with_nothing_to_do_is_not_shown(client, volunteer):
    _actor("Épicerie à jour", latitude=44.55, longitude=-0.25, last_reviewed=timezone.localdate())
    client.force_login(volunteer("redactrice", EDITORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "todo-actors-not-located" not in html and "todo-actors-to-review" not in html


def test_a_panels_link_opens_the_same_list_in_the_actor_listing(client, volunteer):
    today = timezone.localdate()
    _actor("Ressourcerie vérifiée en 2020", latitude=44.55, longitude=-0.25, last_reviewed=today - timedelta(days=400))
    _actor("Épicerie à jour", latitude=44.55, longitude=-0.25, last_reviewed=today)
    client.force_login(volunteer("redactrice", EDITORS))
    todo = next(todo for todo in registered_todos() if todo.name == "actors-to-review")
    html = client.get(todo.listing_url()).content.decode()
    assert "Ressourcerie vérifiée en 2020" in html and "Épicerie à jour" not in html


def test_the_dashboards_queries_do_not_grow_with_the_number_of_actors(client, volunteer, django_assert_max_num_queries):
    client.force_login(volunteer("redactrice", EDITORS))
    for number in range(3):
        _actor(f"Structure {number}")
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("wagtailadmin_home"))
    for number in range(3, 60):
        _actor(f"Structure {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("wagtailadmin_home"))


def test_moderators_see_what_awaits_their_review(client, volunteer):
    redactrice = volunteer("redactrice", EDITORS)
    client.force_login(redactrice)
    client.post(
        reverse("wagtailsnippets_actors_actor:add"),
        {"name": "Garage solidaire", "slug": "", "short_description": "Des voitures.", "action-submit": "1"},
    )
    client.logout()
    client.force_login(volunteer("moderateur", MODERATORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting = html.split('id="awaiting-review-content"')[1].split("</section>")[0]
    assert "Garage solidaire" in awaiting


def test_the_admin_shows_the_clubs_name_and_logo(client, volunteer, demo_content):
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Club ESS Sud-Gironde" in login
    assert "img/logo-club.svg" in login
    client.force_login(volunteer("redactrice", EDITORS))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bienvenue dans l'administration du Club ESS Sud-Gironde" in home
    assert "<title>" in home and "Club ESS Sud-Gironde – administration" in home
    assert "img/logo-club.svg" in home


def test_moderators_see_board_posts_and_form_submissions_first(client, volunteer):
    from wagtail.contrib.forms.models import FormSubmission

    from board.models import BoardPost
    from home.models import FormPage

    post = BoardPost.objects.create(
        kind="offre",
        category="locaux",
        title="Salle de réunion le mardi",
        description="Vingt places.",
        poster_organisation="Une association",
        expires_on=timezone.localdate() + timedelta(days=30),
        live=False,
    )
    post.save_revision()
    post.get_workflow().start(post, user=None)
    home = Site.objects.get(is_default_site=True).root_page
    form_page = home.add_child(instance=FormPage(title="Adhérer au club", slug="adherer"))
    FormSubmission.objects.create(page=form_page, form_data={"nom": "Dominique"})
    old = FormSubmission.objects.create(page=form_page, form_data={"nom": "Camille"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=45))
    _actor("Atelier sans adresse")

    client.force_login(volunteer("moderateur", MODERATORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    board = html.split('id="todo-board-posts-awaiting-review-content"')[1].split("</section>")[0]
    assert "Salle de réunion le mardi" in board
    assert reverse("wagtailsnippets_board_boardpost:edit", args=[post.pk]) in board
    forms = html.split('id="todo-recent-form-submissions-content"')[1].split("</section>")[0]
    assert forms.count("Adhérer au club —") == 1  # the one of 45 days ago is left out
    assert reverse("wagtailforms:list_submissions", args=[form_page.pk]) in forms
    # What awaits moderation comes before the upkeep lists.
    order = [
        html.index(f'id="{panel}-content"')
        for panel in (
            "awaiting-review",
            "todo-board-posts-awaiting-review",
            "todo-recent-form-submissions",
            "todo-actors-not-located",
        )
    ]
    assert order == sorted(order)


def test_editors_do_not_see_what_only_moderators_handle(client, volunteer):
    from wagtail.contrib.forms.models import FormSubmission

    from home.models import FormPage

    home = Site.objects.get(is_default_site=True).root_page
    form_page = home.add_child(instance=FormPage(title="Nous contacter", slug="contact"))
    FormSubmission.objects.create(page=form_page, form_data={"nom": "Dominique"})
    client.force_login(volunteer("redactrice", EDITORS))
    assert "todo-recent-form-submissions" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_administrators_are_told_when_the_club_has_no_contact_address(client, volunteer, demo_content):
    from home.models import SiteSettings
    from home.roles import ADMINISTRATORS

    site_settings = SiteSettings.for_site(demo_content)
    site_settings.contact_email = ""
    site_settings.save()
    client.force_login(volunteer("administratrice", ADMINISTRATORS))

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="todo-missing-contact-address-content"' in html
    assert reverse("wagtailsettings:edit", args=["home", "sitesettings", demo_content.pk]) in html

    site_settings.contact_email = "contact@club-ess.example.org"
    site_settings.save()
    assert 'id="todo-missing-contact-address' not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_deployment_check_warns_while_the_contact_address_is_empty(demo_content):
    from django.core.checks import run_checks

    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(demo_content)
    site_settings.contact_email = ""
    site_settings.save()
    assert "home.W001" in [message.id for message in run_checks(include_deployment_checks=True)]

    site_settings.contact_email = "contact@club-ess.example.org"
    site_settings.save()
    assert "home.W001" not in [message.id for message in run_checks(include_deployment_checks=True)]


def panel(html: str, name: str) -> str:
    """The content of one dashboard panel, or "" when the dashboard does not show it."""
    marker = f'id="todo-{name}-content"'
    return html.split(marker)[1].split("</section>")[0] if marker in html else ""


def _draft_news(index, title, user=None):
    from news.models import NewsPage

    news = NewsPage(title=title, slug=f"brouillon-{NewsPage.objects.count()}", date=timezone.localdate(), intro="…")
    news.live = False
    index.add_child(instance=news)
    news.save_revision(user=user)
    return news


@pytest.fixture
def news_index(project_site):
    from news.models import NewsIndexPage

    return NewsIndexPage.objects.get()


def test_the_dashboard_lists_the_drafts_nobody_submitted(client, volunteer, news_index):
    today = timezone.localdate()
    imported = _actor("Recyclerie importée", live=False, last_reviewed=today)
    imported.save_revision()
    in_review = _actor("Garage en relecture", live=False, last_reviewed=today)
    in_review.save_revision()
    in_review.get_workflow().start(in_review, user=None)
    _actor("Épicerie publiée", last_reviewed=today)
    draft_news = _draft_news(news_index, "Compte rendu à relire")
    submitted_news = _draft_news(news_index, "Compte rendu soumis")
    submitted_news.get_workflow().start(submitted_news, user=None)

    client.force_login(volunteer("redactrice", EDITORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    actors = panel(html, "actors-drafts")
    assert "Recyclerie importée" in actors
    assert reverse("wagtailsnippets_actors_actor:edit", args=[imported.pk]) in actors
    assert "Garage en relecture" not in actors and "Épicerie publiée" not in actors
    news = panel(html, "news-drafts")
    assert "Compte rendu à relire" in news and "Compte rendu soumis" not in news
    assert reverse("wagtailadmin_pages:edit", args=[draft_news.pk]) in news


def test_the_drafts_panels_link_opens_the_drafts_in_the_listing(client, volunteer, news_index):
    _actor("Recyclerie importée", live=False).save_revision()
    _actor("Épicerie publiée")
    _draft_news(news_index, "Compte rendu à relire")
    client.force_login(volunteer("redactrice", EDITORS))
    todos = {todo.name: todo for todo in registered_todos()}

    actors = client.get(todos["actors-drafts"].listing_url()).content.decode()
    assert "Recyclerie importée" in actors and "Épicerie publiée" not in actors
    news = client.get(todos["news-drafts"].listing_url()).content.decode()
    assert "Compte rendu à relire" in news
    assert NewsPage_titles_published(news_index)[0] not in news


def NewsPage_titles_published(news_index):  # noqa: N802 - reads as the list it returns
    from news.models import NewsPage

    return list(NewsPage.objects.child_of(news_index).live().values_list("title", flat=True))


def test_page_drafts_are_listed_only_to_those_who_may_edit_them(client, django_user_model, news_index):
    from django.contrib.auth.models import Permission

    _draft_news(news_index, "Compte rendu à relire")
    _actor("Recyclerie importée", live=False).save_revision()
    directory_only = Group.objects.create(name="Annuaire seulement")
    directory_only.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_actor")
    )
    user = django_user_model.objects.create_user("annuaire", "annuaire@example.org", "changeme")
    user.groups.add(directory_only)
    client.force_login(user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Recyclerie importée" in panel(html, "actors-drafts")
    assert "todo-news-drafts" not in html


def test_the_dashboards_queries_do_not_grow_with_the_number_of_drafts(
    client, volunteer, news_index, django_assert_max_num_queries
):
    client.force_login(volunteer("redactrice", EDITORS))
    # As many as a panel shows (5), then more: the panels count what they do not show.
    for number in range(5):
        _actor(f"Brouillon {number}", live=False).save_revision()
        _draft_news(news_index, f"Actualité en brouillon {number}")
    with django_assert_max_num_queries(80) as few:
        client.get(reverse("wagtailadmin_home"))
    for number in range(5, 12):
        _actor(f"Brouillon {number}", live=False).save_revision()
        _draft_news(news_index, f"Actualité en brouillon {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Voir les 12" in panel(html, "news-drafts")
