"""A change of content starts a new generation at once and again when its transaction commits
(home/generations.py): a request that read the new generation before the commit, with the data of before, cannot
leave what it kept under the generation that lasts."""

import pytest
from django.core.cache import cache
from django.db import transaction

from actors.map_data import VERSION_KEY
from actors.models import Actor
from home.generations import start_new_generation
from home.page_cache import GENERATION_KEY

pytestmark = pytest.mark.django_db

KEY = "test:generation"


def test_a_change_starts_a_generation_now_and_another_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_new_generation(KEY)
        during = cache.get(KEY)
        assert during is not None
    assert cache.get(KEY) == during + 1


def test_a_transaction_of_many_changes_starts_one_more_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(50):
            start_new_generation(KEY)
        during = cache.get(KEY)
    assert cache.get(KEY) == during + 1
    assert len(callbacks) == 1


def test_a_change_after_a_rolled_back_savepoint_still_starts_one_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            start_new_generation(KEY)  # its commit bump leaves with the savepoint
            raise RuntimeError
        start_new_generation(KEY)
        during = cache.get(KEY)
    assert cache.get(KEY) == during + 1


def test_saving_an_actor_forgets_pages_and_map_again_at_commit(public_site, django_capture_on_commit_callbacks):
    actor = Actor.objects.get(slug="co-actions")
    with django_capture_on_commit_callbacks(execute=True):
        actor.name = "Co-actions, renommée"
        actor.save()
        during = {key: cache.get(key) for key in (GENERATION_KEY, VERSION_KEY)}
    assert {key: cache.get(key) for key in during} == {key: value + 1 for key, value in during.items()}


@pytest.mark.parametrize("app_label", ["actors", "board", "news"])
def test_a_change_in_each_app_above_the_floor_forgets_the_pages(app_label):
    from django.apps import apps

    from home.page_cache import purge_on_content_change

    before = cache.get(GENERATION_KEY)
    purge_on_content_change(sender=next(iter(apps.get_app_config(app_label).get_models())))
    assert cache.get(GENERATION_KEY) != before
