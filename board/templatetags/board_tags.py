"""Template tags of the board: an actor's open posts, for its profile in the directory."""

from django import template
from django.core.cache import cache
from django.utils import timezone

from home.page_cache import GENERATION_KEY

from ..models import BoardIndexPage, BoardPost

register = template.Library()


def actors_with_open_posts() -> set[int]:
    """Ids of the actors that have posts on the board today, kept in the cache until any content changes.

    Most actors have none: their profile then costs no query for the board.
    """
    key = f"board-actors:{cache.get(GENERATION_KEY, 0)}:{timezone.localdate().isoformat()}"
    ids = cache.get(key)
    if ids is None:
        ids = set(BoardPost.objects.on_board().exclude(actor=None).values_list("actor_id", flat=True))
        cache.set(key, ids, 3600)
    return ids


@register.simple_tag
def actor_open_posts(actor):
    """{"posts": the actor's posts now on the board, "url": the board's URL}."""
    if actor.pk not in actors_with_open_posts():
        return {"posts": [], "url": ""}
    posts = BoardPost.objects.on_board().filter(actor=actor).select_related("actor", "commune").order_by("expires_on")
    board = BoardIndexPage.objects.live().first()
    return {"posts": list(posts) if board else [], "url": board.url if board else ""}
