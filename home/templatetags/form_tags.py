"""Template tags of the public forms: the spam guard every form renders."""

from django import template

from .. import spam

register = template.Library()


@register.inclusion_tag("includes/form_guard.html", takes_context=True)
def form_guard(context):
    """The honeypot and the signed time the form was first shown.

    A form that comes back with errors keeps its time, so that a person correcting a field is not "too fast";
    it gets a new one when its time expired or a stored submission already used it.
    """
    request = context.get("request")
    posted = request.POST.get(spam.TIMESTAMP_FIELD, "") if request is not None and request.method == "POST" else ""
    return {
        "honeypot_name": spam.HONEYPOT_FIELD,
        "timestamp_name": spam.TIMESTAMP_FIELD,
        "timestamp": posted if spam.is_reusable(posted) else spam.guard_fields()[spam.TIMESTAMP_FIELD],
    }


# The pages where visitors take part, at their fixed slugs under the home page, in this order.
# The contact and privacy pages are in the footer's "Le site" column (navigation_tags.FOOTER_SLUGS).
PARTICIPATION_SLUGS = ("adherer", "referencer", "mutualisation", "vos-besoins")


@register.inclusion_tag("includes/participation_links.html", takes_context=True)
def participation_links(context):
    """The footer's links to the membership, listing, board and needs questionnaire pages.

    Kept in the cache until the content changes (the page cache's generation), so that pages make no query for it.
    """
    from django.core.cache import cache
    from wagtail.models import Site

    from ..page_cache import GENERATION_KEY

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"links": []}
    key = f"participation-links:{cache.get(GENERATION_KEY, 0)}:{site.pk}"
    links = cache.get(key)
    if links is None:
        links = find_participation_links(site, request)
        cache.set(key, links, 3600)
    return {"links": links}


def find_participation_links(site, request) -> list[tuple[str, str]]:
    from django.db.models import Q
    from wagtail.models import Page

    in_tree = Q(slug__in=PARTICIPATION_SLUGS) & Page.objects.child_of_q(site.root_page)
    by_slug = {page.slug: page for page in Page.objects.live().filter(in_tree)}
    return [(by_slug[slug].title, by_slug[slug].get_url(request)) for slug in PARTICIPATION_SLUGS if slug in by_slug]


@register.simple_tag
def active_filter_count(form) -> int:
    """How many of a listing's filters the visitor set (fields sent with a value that is not only spaces).

    A page without its filter form (the admin's preview renders the page without its view) counts none."""
    if not getattr(form, "is_bound", False):
        return 0
    return sum(1 for name in form.fields if any(value.strip() for value in form.data.getlist(name)))
