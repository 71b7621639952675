"""Template tags of the board: an actor's open posts, for its profile in the directory."""

from django import template

from home.navigation import section_page

from ..models import BoardIndexPage, BoardPost

register = template.Library()


@register.simple_tag(takes_context=True)
def actor_open_posts(context, actor):
    """{"posts": the actor's posts now on the board, "url": the board's URL}: one query, none more when the
    actor has no post (the board's page comes from the navigation's query)."""
    posts = list(
        BoardPost.objects.on_board().filter(actor=actor).select_related("actor", "commune").order_by("expires_on")
    )
    if not posts:
        return {"posts": [], "url": ""}
    request = context.get("request")
    board = section_page(request, BoardIndexPage)
    return {"posts": posts if board else [], "url": board.get_url(request) if board else ""}
