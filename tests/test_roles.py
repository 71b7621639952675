"""The permission matrix: what each volunteer role may do in each area of the admin.

Snippet types and page types are read from Wagtail's registries when the test runs, so a model added
by any app is checked too, and fails here if the roles do not cover it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import get_snippet_models

from home.roles import (
    ADMINISTRATORS,
    EDITORS,
    MODERATORS,
    ROLES,
    apply_roles,
    holds_personal_data,
    record_models,
    settings_models,
    withdraw_beyond_role,
)
from home.wagtail_hooks import only_moderators_read_form_submissions

pytestmark = pytest.mark.django_db

EXPECTED = {
    EDITORS: {
        "pages": {"add": True, "edit": True, "publish": False, "delete": False, "delete_branch": False},
        "records": {"add": True, "change": True, "delete": False, "publish": False},
        # Sectors, territories, phases and their budget, indicators, topics: live as soon as saved.
        "records_without_drafts": {"view": True, "add": False, "change": False, "delete": False},
        "personal_data": False,
        "media": {"add": True, "choose": True, "change": False, "delete": False},
        "form_submissions": False,
        "users": False,
        "settings": False,
    },
    MODERATORS: {
        "pages": {"add": True, "edit": True, "publish": True, "delete": True, "delete_branch": False},
        "records": {"add": True, "change": True, "delete": True, "publish": True},
        "records_without_drafts": {"view": True, "add": True, "change": True, "delete": True},
        "personal_data": True,
        "media": {"add": True, "choose": True, "change": True, "delete": True},
        "form_submissions": True,
        "users": False,
        "settings": False,
    },
    ADMINISTRATORS: {
        "pages": {"add": True, "edit": True, "publish": True, "delete": True, "delete_branch": True},
        "records": {"add": True, "change": True, "delete": True, "publish": True},
        "records_without_drafts": {"view": True, "add": True, "change": True, "delete": True},
        "personal_data": True,
        "media": {"add": True, "choose": True, "change": True, "delete": True},
        "form_submissions": True,
        "users": True,
        "settings": True,
    },
}


@pytest.fixture
def member(django_user_model):
    def create(role):
        user = django_user_model.objects.create_user(f"membre-{role.lower()}", f"{role}@example.org", "changeme")
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


def test_the_migrations_create_the_three_roles_instead_of_wagtails_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, MODERATORS, ADMINISTRATORS} <= names
    assert not names & {"Editors", "Moderators"}


@pytest.mark.parametrize("role", EXPECTED)
def test_every_page_type_follows_the_role(member, demo_content, role):
    user = member(role)
    pages = Page.objects.live().filter(depth__gt=1).specific()
    page_types = {type(page) for page in pages}
    # Every page type the demo creates is checked (all of them once each app loads its demo content).
    assert len(page_types) >= 2
    for page in pages:
        tester = page.permissions_for_user(user)
        expected = EXPECTED[role]["pages"]
        # A page type that takes no children (a form, the board) offers no "add" to anyone.
        takes_children = bool(page.specific_class.allowed_subpage_models())
        assert tester.can_add_subpage() is (expected["add"] and takes_children), (role, page)
        assert tester.can_edit() is expected["edit"], (role, page)
        assert tester.can_publish() is expected["publish"], (role, page)
        # "delete": a published page; "delete_branch": a page together with its subpages.
        assert tester.can_delete(ignore_bulk=True) is expected["delete"], (role, page)
        if not page.is_leaf():
            assert tester.can_delete() is expected["delete_branch"], (role, page)


SNIPPETS_WITH_DRAFTS = [model for model in get_snippet_models() if issubclass(model, DraftStateMixin)]
SNIPPETS_WITHOUT_DRAFTS = [
    model for model in get_snippet_models() if not issubclass(model, DraftStateMixin) and not holds_personal_data(model)
]
PERSONAL_DATA_MODELS = [model for model in record_models() if holds_personal_data(model)]


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model", SNIPPETS_WITH_DRAFTS, ids=lambda model: model._meta.label)
def test_every_snippet_type_with_drafts_follows_the_role(member, role, model):
    user = member(role)
    policy = ModelPermissionPolicy(model)
    expected = EXPECTED[role]["records"]
    for action in ("add", "change", "delete", "publish"):
        assert policy.user_has_permission(user, action) is expected[action], (role, model, action)


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model", SNIPPETS_WITHOUT_DRAFTS, ids=lambda model: model._meta.label)
def test_records_without_drafts_are_changed_by_moderators_only(member, role, model):
    """Renaming a sector, a phase or a territory changes the public site at once: no review is possible."""
    user = member(role)
    policy = ModelPermissionPolicy(model)
    for action, allowed in EXPECTED[role]["records_without_drafts"].items():
        assert policy.user_has_permission(user, action) is allowed, (role, model, action)


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model", PERSONAL_DATA_MODELS, ids=lambda model: model._meta.label)
def test_personal_data_is_for_moderators_and_administrators_only(member, role, model):
    user = member(role)
    policy = ModelPermissionPolicy(model)
    for action in ("view", "add", "change", "delete"):
        assert policy.user_has_permission(user, action) is EXPECTED[role]["personal_data"], (role, model, action)


def test_the_personal_data_models_are_the_publics_messages():
    assert {model._meta.label for model in PERSONAL_DATA_MODELS} == {
        "actors.ActorProposal",
        "news.EventProposal",
        "board.BoardReply",
        "board.NeedsSurveyAnswer",
    }


PERSONAL_DATA_LISTINGS = [
    "/admin/snippets/board/boardreply/",
    "/admin/snippets/board/needssurveyanswer/",
    "/admin/snippets/actors/actorproposal/",
    "/admin/mois_ess_proposals/",
]


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("url", PERSONAL_DATA_LISTINGS)
@pytest.mark.parametrize("export", ["", "?export=csv", "?export=xlsx"])
def test_personal_data_listings_and_exports_follow_the_role(client, member, role, url, export):
    client.force_login(member(role))
    response = client.get(url + export)
    assert (response.status_code == 200) is EXPECTED[role]["personal_data"], (role, url, response.status_code)


@pytest.fixture
def board_post():
    from board.models import BoardPost

    post = BoardPost.objects.create(
        title="Remorque à prêter",
        description="Une remorque de 750 kg.",
        kind="offre",
        category="vehicules",
        contact_name="Camille Poster",
        contact_email="camille.poster@example.org",
    )
    post.save_revision()
    post.contact_email = "camille.nouvelle@example.org"
    post.save_revision()
    return post


@pytest.mark.parametrize("role", EXPECTED)
def test_a_board_posters_contact_is_shown_to_moderators_and_administrators_only(client, member, role, board_post):
    client.force_login(member(role))
    first, latest = board_post.revisions.order_by("pk")
    urls = [
        reverse("wagtailsnippets_board_boardpost:edit", args=[board_post.pk]),
        reverse("wagtailsnippets_board_boardpost:list"),
        reverse("wagtailsnippets_board_boardpost:list") + "?export=csv",
        reverse("wagtailsnippets_board_boardpost:revisions_compare", args=[board_post.pk, first.pk, latest.pk]),
        # Wagtail's reports and their exports name posts by their title only.
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/workflow/?export=csv",
        "/admin/reports/locked/?export=csv",
    ]
    for url in urls:
        response = client.get(url)
        content = response.getvalue().decode() if response.status_code == 200 else ""
        shown = "camille." in content  # both of its addresses, whole or in a diff
        assert not shown or EXPECTED[role]["personal_data"], (role, url)
        if "edit" in url or "compare" in url:
            assert response.status_code == 200 and shown is EXPECTED[role]["personal_data"], (role, url)


def test_a_rédacteur_saving_a_board_post_keeps_the_posters_contact(client, member, board_post):
    client.force_login(member(EDITORS))
    url = reverse("wagtailsnippets_board_boardpost:edit", args=[board_post.pk])
    data = {
        "kind": "offre",
        "category": "vehicules",
        "title": "Remorque de 750 kg à prêter",
        "description": "Une remorque.",
        "expires_on": board_post.expires_on.isoformat(),
        "status": "ouvert",
        "contact_name": "Tentative",
        "contact_email": "tentative@example.org",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    latest = board_post.revisions.order_by("pk").last().as_object()
    assert latest.title == "Remorque de 750 kg à prêter"
    assert (latest.contact_name, latest.contact_email) == ("Camille Poster", "camille.nouvelle@example.org")


@pytest.mark.parametrize("role", EXPECTED)
def test_a_rédacteur_cannot_rename_a_sector_through_the_admin(client, member, role):
    from actors.models import Sector

    sector = Sector.objects.create(name="Mobilité", slug="mobilite")
    client.force_login(member(role))
    url = reverse("wagtailsnippets_actors_sector:edit", args=[sector.pk])
    client.post(url, {"name": "Renommé", "slug": "mobilite", "description": ""})
    sector.refresh_from_db()
    assert (sector.name == "Renommé") is EXPECTED[role]["records_without_drafts"]["change"]


def test_the_migration_takes_from_rédacteurs_what_the_rules_no_longer_give():
    from django.contrib.contenttypes.models import ContentType

    from actors.models import Sector
    from board.models import BoardReply

    editors = Group.objects.get(name=EDITORS)
    stale = Permission.objects.filter(
        codename__in=["change_sector", "view_boardreply"],
        content_type__in=ContentType.objects.get_for_models(Sector, BoardReply).values(),
    )
    editors.permissions.add(*stale)
    withdraw_beyond_role(EDITORS)
    assert not editors.permissions.filter(pk__in=stale).exists()
    assert editors.permissions.filter(codename="change_actor").exists()


@pytest.fixture
def someone_elses_media(django_user_model):
    owner = django_user_model.objects.create_user("photographe", "photo@example.org", "changeme")
    image = get_image_model().objects.create(title="Atelier", file=get_test_image_file(), uploaded_by_user=owner)
    document = get_document_model().objects.create(
        title="Compte rendu", file=ContentFile(b"texte", name="compte-rendu.txt"), uploaded_by_user=owner
    )
    return {"images": image, "documents": document}


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("area", ["images", "documents"])
def test_images_and_documents_follow_the_role(member, someone_elses_media, role, area):
    """Everyone edits what they uploaded; "change" and "delete" are about someone else's files."""
    user = member(role)
    policy = {"images": image_policy, "documents": document_policy}[area]
    expected = EXPECTED[role]["media"]
    for action in ("add", "choose"):
        assert policy.user_has_permission(user, action) is expected[action], (role, action)
    for action in ("change", "delete"):
        allowed = policy.user_has_permission_for_instance(user, action, someone_elses_media[area])
        assert allowed is expected[action], (role, action)


@pytest.mark.parametrize("role", EXPECTED)
def test_only_moderators_and_administrators_read_form_submissions(member, role):
    user = member(role)
    visible = only_moderators_read_form_submissions(user, Page.objects.all())
    assert visible.exists() is EXPECTED[role]["form_submissions"]


@pytest.mark.parametrize("role", EXPECTED)
def test_users_area_follows_the_role(client, member, role):
    client.force_login(member(role))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    response = client.get(reverse("wagtailusers_users:index"))
    assert (response.status_code == 200) is EXPECTED[role]["users"]


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model", settings_models(), ids=lambda model: model._meta.label)
def test_settings_follow_the_role(client, member, role, model):
    client.force_login(member(role))
    site = Site.objects.get(is_default_site=True)
    # Site settings are edited per site; generic settings (the map's tiles) once for the whole installation.
    pk = site.pk if issubclass(model, BaseSiteSetting) else model.load().pk
    url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, pk])
    response = client.get(url)
    assert (response.status_code == 200) is EXPECTED[role]["settings"], (role, response.status_code)


@pytest.mark.parametrize("role", [EDITORS, MODERATORS, ADMINISTRATORS])
def test_technical_areas_stay_with_superusers(client, member, role):
    """Sites, workflows and groups define how the site works: no role reaches them."""
    client.force_login(member(role))
    for url_name in ("wagtailsites:index", "wagtailadmin_workflows:index", "wagtailusers_groups:index"):
        assert client.get(reverse(url_name)).status_code != 200, url_name


def test_applying_the_roles_again_adds_a_new_models_permissions_and_changes_nothing_else():
    editors = Group.objects.get(name=EDITORS)
    before = set(editors.permissions.values_list("pk", flat=True))
    editors.permissions.remove(Permission.objects.get(codename="add_actor"))
    apply_roles()
    assert set(editors.permissions.values_list("pk", flat=True)) == before


def test_every_role_is_in_the_matrix():
    assert {role.name for role in ROLES} == set(EXPECTED)
