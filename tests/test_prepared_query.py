"""A query prepared once per process (home/prepared.py) answers what the ORM answers, value after value."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from actors.models import Actor
from actors.models.pages import PUBLISHED_ACTOR
from home.prepared import PreparedQuery


def test_the_published_actor_query_answers_as_the_orm_for_each_slug(demo_content, django_assert_num_queries):
    hidden = Actor.objects.filter(live=True).exclude(commune=None).first()
    hidden.live = False
    hidden.save()
    slugs = [
        *Actor.objects.values_list("slug", flat=True),
        "personne-de-ce-nom",
        *Actor.objects.values_list("slug", flat=True),
    ]
    for slug in slugs:
        expected = list(Actor.objects.published().filter(slug=slug))
        with django_assert_num_queries(1):
            found = PUBLISHED_ACTOR(slug=slug)
            # What select_related joined comes with the actor, without a query of its own.
            places = [(actor.commune, actor.commune and actor.commune.epci) for actor in found]
        assert found == expected, slug
        assert [commune.pk for commune, _ in places if commune] == [a.commune_id for a in expected if a.commune_id]
    assert PUBLISHED_ACTOR(slug=hidden.slug) == []


def test_the_values_of_a_prepared_query_follow_each_call(demo_content):
    names = PreparedQuery(lambda slug: Actor.objects.filter(slug=slug).values_list("name", flat=True), slug="\x00")
    for actor in Actor.objects.all():
        assert names(slug=actor.slug) == [actor.name]


def test_a_stand_in_the_built_query_does_not_hold_is_refused(db):
    # icontains turns the value into a pattern: the SQL would not hold the stand-in as given.
    query = PreparedQuery(lambda name: Actor.objects.filter(name__icontains=name), name="\x00stand-in")
    with pytest.raises(ImproperlyConfigured):
        query(name="Co")
