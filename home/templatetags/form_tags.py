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
    """The footer's links to the membership, listing, board and needs questionnaire pages, from the navigation's query."""
    from ..navigation import site_navigation

    request = context.get("request")
    if request is None:
        return {"links": []}
    by_slug = {page.slug: page for page in site_navigation(request)}
    links = [(by_slug[slug].title, by_slug[slug].get_url(request)) for slug in PARTICIPATION_SLUGS if slug in by_slug]
    return {"links": links}


@register.simple_tag
def active_filter_count(form) -> int:
    """How many of a listing's filters the visitor set (fields sent with a value that is not only spaces).

    A page without its filter form (the admin's preview renders the page without its view) counts none."""
    if not getattr(form, "is_bound", False):
        return 0
    return sum(1 for name in form.fields if any(value.strip() for value in form.data.getlist(name)))
