"""Scheduled publishing: an actor set to go live later appears when `publish_scheduled` runs after that time."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor

pytestmark = pytest.mark.django_db


def test_an_actor_scheduled_for_tomorrow_goes_live_when_the_job_runs_after(admin_client_logged):
    tomorrow = timezone.localtime() + timedelta(days=1)
    admin_client_logged.post(
        reverse("wagtailsnippets_actors_actor:add"),
        {
            "name": "Recyclerie du Sud-Gironde",
            "slug": "",
            "short_description": "Réemploi et ateliers.",
            "go_live_at": tomorrow.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "1",
        },
    )
    actor = Actor.objects.get()
    assert not actor.live
    revision = actor.latest_revision
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    actor.refresh_from_db()
    assert not actor.live, "published before its time"

    the_day_after = timezone.now() + timedelta(days=1, minutes=10)
    with mock.patch("django.utils.timezone.now", return_value=the_day_after):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    actor.refresh_from_db()
    assert actor.live
