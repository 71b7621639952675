"""Template tags that show news elsewhere on the site (an actor's profile lists the news about it)."""

from django import template

from ..models import NewsPage

register = template.Library()


@register.inclusion_tag("news/includes/actor_news.html", takes_context=True)
def actor_news(context, actor, limit: int = 5):
    """The latest published news that name `actor` among their related actors, in one query."""
    news_list = list(NewsPage.objects.published().filter(related_actors__actor=actor).order_by("-date", "-pk")[:limit])
    return {"news_list": news_list, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def news_links_around(context, page):
    """The news page's links after its text (NewsPage.links_around), for `{% with %}`-like use: `… as around`."""
    return page.links_around(context.get("request"))
