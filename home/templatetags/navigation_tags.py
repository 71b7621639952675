"""Navigation built from the page tree, so editors change the menu by moving pages."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live children of the site's root page that are marked "show in menus"."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_items": []}
    items = []
    for page in site.root_page.get_children().live().in_menu():
        url = page.get_url(request)
        items.append(
            {
                "title": page.title,
                "url": url,
                "current": request.path == url,
                "active": request.path.startswith(url),
            }
        )
    return {"menu_items": items}
