"""Navigation built from the page tree, so editors change the menu by moving pages.

The main menu, the footer's links and the sections other pages link to (the directory, the project, the board…)
come from one query on the root page's live children, made once per request: the menu shows those marked
"show in menus", the footer the site's reference pages found by their slug.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page, Site

from ..navigation import site_navigation
from ..routing import page_ancestors

register = template.Library()

# The footer's links, in this order, when a live page with this slug sits under the home page.
FOOTER_SLUGS = ["donnees-ouvertes", "accessibilite", "mentions-legales", "confidentialite", "contact"]


def _link(page, request):
    url = page.get_url(request)
    return {"title": page.title, "url": url, "current": request.path == url, "active": request.path.startswith(url)}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live children of the site's root page that are marked "show in menus"."""
    request = context["request"]
    return {"menu_items": [_link(page, request) for page in site_navigation(request) if page.show_in_menus]}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Open data, accessibility, legal notices, privacy and contact: those of them that exist."""
    request = context["request"]
    by_slug = {page.slug: page for page in site_navigation(request)}
    return {"footer_items": [_link(by_slug[slug], request) for slug in FOOTER_SLUGS if slug in by_slug]}


@register.simple_tag(takes_context=True)
def shell_place(context) -> str | None:
    """All the site's shell (its brand, menu and footer links: a link marked as the current page or section) depends
    on in the address: "/" for the home page, "acteurs/" for a section's own address, "acteurs/…" below it. None
    when the context's page is not in the address's section (an unknown address): the shell is then not kept, so
    that made-up addresses cannot fill the cache (home/templatetags/fragment_tags.py)."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    if site is None or not isinstance(page, Page):
        return None
    if request.path == "/":
        return "/"
    _, section, below = request.path.split("/", 2) if request.path.count("/") >= 2 else ("", "", "")
    page_section = page.url_path.removeprefix(site.root_page.url_path).split("/", 1)[0]
    if not section or section != page_section:
        return None
    return f"{section}/…" if below else f"{section}/"


@register.simple_tag(takes_context=True)
def section_url(context, page_type: str, slug: str = "") -> str:
    """The address of the site's live page of this type ("app_label.ModelName"), or "" when there is none.

    Templates link to a section through it rather than writing its path, so that a link follows a section
    that editors moved or renamed, and disappears with an unpublished one. A `slug` picks one page among
    several of a type (the contact form among the form pages). The menu's query usually has the page already.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""
    content_type = ContentType.objects.get_by_natural_key(*page_type.lower().split("."))
    wanted = Q(content_type=content_type) & (Q(slug=slug) if slug else Q())
    page = next((page for page in site_navigation(request) if _matches(page, content_type, slug)), None)
    if page is None:
        page = Page.objects.live().descendant_of(site.root_page).filter(wanted).order_by("path").first()
    return page.get_url(request) if page else ""


def _matches(page, content_type, slug: str) -> bool:
    return page.content_type_id == content_type.pk and (not slug or page.slug == slug)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current=None):
    """Accueil › … › the page, from its ancestors below the site's root (read only when there are some).

    With `current` (the record a routable page serves, a form's « Merci »), the page becomes a link and
    `current` ends the trail; without a page (the search), the trail is Accueil › `current`.
    """
    request = context["request"]
    page = page or context.get("page")
    home = {"title": "Accueil", "url": reverse("wagtail_serve", args=("",))}
    if page is None:
        return {"crumbs": [home] if current is not None else [], "current": current}
    site = Site.find_for_request(request)
    if site is None or page.pk == site.root_page_id:
        return {"crumbs": []}
    root = site.root_page  # already read by the main menu
    trail = page_ancestors(page, root.depth) if page.depth > root.depth + 1 else []
    if current is not None:
        trail.append(page)
    crumbs = [home] + [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in trail]
    return {"crumbs": crumbs, "current": current if current is not None else page.title}


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers a pagination shows: the first, the last, the current page and its neighbours;
    `Paginator.ELLIPSIS` stands for each gap."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
