"""The "Relecture" workflow: a rédacteur's change waits for a moderator, who approves or asks for changes."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, Workflow

from actors.models import Actor
from home.roles import EDITORS, MODERATORS
from home.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db

ACTOR = {"name": "Garage solidaire", "slug": "", "short_description": "Des voitures à petit prix."}


@pytest.fixture
def redaction(django_user_model):
    user = django_user_model.objects.create_user("redactrice", "redactrice@example.org", "changeme")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def moderation(django_user_model):
    user = django_user_model.objects.create_user("moderateur", "moderateur@example.org", "changeme")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def _submitted_actor(client, redaction):
    client.force_login(redaction)
    client.post(reverse("wagtailsnippets_actors_actor:add"), {**ACTOR, "action-submit": "1"})
    return Actor.objects.get(name=ACTOR["name"])


def _act(client, moderator, actor, action, comment=""):
    client.force_login(moderator)
    task_state = actor.current_workflow_task_state
    url = reverse("wagtailsnippets_actors_actor:workflow_action", args=[actor.pk, action, task_state.pk])
    return client.post(url, {"comment": comment} if comment else {})


def test_the_workflow_covers_the_page_tree_and_actor_records():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert Page.get_first_root_node().get_workflow() == workflow
    assert Actor().get_workflow() == workflow
    assert [group.name for group in workflow.tasks.get().specific.groups.order_by("name")] == [
        "Administrateurs",
        MODERATORS,
    ]


def test_a_redacteurs_actor_waits_for_moderation_and_the_moderators_are_told(client, redaction, moderation):
    actor = _submitted_actor(client, redaction)
    assert not actor.live
    assert actor.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[moderation.email]]
    assert "Garage solidaire" in mail.outbox[0].subject


def test_a_redacteur_cannot_publish_directly(client, redaction):
    client.force_login(redaction)
    client.post(reverse("wagtailsnippets_actors_actor:add"), {**ACTOR, "action-publish": "1"})
    assert not Actor.objects.get().live


def test_the_moderator_approves_and_the_actor_is_published(client, redaction, moderation):
    actor = _submitted_actor(client, redaction)
    mail.outbox.clear()
    _act(client, moderation, actor, "approve")
    actor.refresh_from_db()
    assert actor.live
    assert not actor.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[redaction.email]]


def test_the_moderator_asks_for_changes_with_a_comment_the_redacteur_reads(client, redaction, moderation):
    actor = _submitted_actor(client, redaction)
    mail.outbox.clear()
    _act(client, moderation, actor, "reject", comment="Il manque la commune.")
    actor.refresh_from_db()
    assert not actor.live
    assert [message.to for message in mail.outbox] == [[redaction.email]]
    assert "Il manque la commune." in mail.outbox[0].body


def test_a_page_change_by_a_redacteur_goes_to_moderation(client, redaction, moderation, home_page):
    client.force_login(redaction)
    url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", home_page.pk])
    client.post(url, {"title": "Nous rejoindre", "slug": "nous-rejoindre", "body-count": "0", "action-submit": "1"})
    page = Page.objects.get(slug="nous-rejoindre")
    assert not page.live
    assert page.workflow_in_progress
    assert moderation.email in [address for message in mail.outbox for address in message.to]


def test_the_redacteur_reads_in_plain_french_that_the_record_went_to_the_moderators(client, redaction):
    client.force_login(redaction)
    response = client.post(reverse("wagtailsnippets_actors_actor:add"), {**ACTOR, "action-submit": "1"}, follow=True)
    html = response.content.decode()
    assert f"« {ACTOR['name']} » est enregistré et envoyé aux modérateurs" in html
    assert "planifié" not in html
