"""The permission matrix: what each volunteer role may do in each area of the admin.

Snippet types and page types are read from Wagtail's registries when the test runs, so a model added
by any app is checked too, and fails here if the roles do not cover it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import get_snippet_models

from home.roles import ADMINISTRATORS, EDITORS, MODERATORS, ROLES, apply_roles, settings_models
from home.wagtail_hooks import only_moderators_read_form_submissions

pytestmark = pytest.mark.django_db

EXPECTED = {
    EDITORS: {
        "pages": {"add": True, "edit": True, "publish": False, "delete": False, "delete_branch": False},
        "records": {"add": True, "change": True, "delete": False, "publish": False},
        "media": {"add": True, "choose": True, "change": False, "delete": False},
        "form_submissions": False,
        "users": False,
        "settings": False,
    },
    MODERATORS: {
        "pages": {"add": True, "edit": True, "publish": True, "delete": True, "delete_branch": False},
        "records": {"add": True, "change": True, "delete": True, "publish": True},
        "media": {"add": True, "choose": True, "change": True, "delete": True},
        "form_submissions": True,
        "users": False,
        "settings": False,
    },
    ADMINISTRATORS: {
        "pages": {"add": True, "edit": True, "publish": True, "delete": True, "delete_branch": True},
        "records": {"add": True, "change": True, "delete": True, "publish": True},
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
        assert tester.can_add_subpage() is expected["add"], (role, page)
        assert tester.can_edit() is expected["edit"], (role, page)
        assert tester.can_publish() is expected["publish"], (role, page)
        # "delete": a published page; "delete_branch": a page together with its subpages.
        assert tester.can_delete(ignore_bulk=True) is expected["delete"], (role, page)
        if not page.is_leaf():
            assert tester.can_delete() is expected["delete_branch"], (role, page)


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model._meta.label)
def test_every_snippet_type_follows_the_role(member, role, model):
    user = member(role)
    policy = ModelPermissionPolicy(model)
    expected = EXPECTED[role]["records"]
    for action in ("add", "change", "delete"):
        assert policy.user_has_permission(user, action) is expected[action], (role, model, action)
    if issubclass(model, DraftStateMixin):
        assert policy.user_has_permission(user, "publish") is expected["publish"], (role, model)


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
    url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk])
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
