"""The site's sections: the live children of its home page, read once per request.

The main menu, the footer's links and the pages that link to a section (the directory, the project, the board…)
all find their pages in this one query (home/templatetags/navigation_tags.py).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site


def site_navigation(request) -> list:
    """The live children of the site's root page (cached on the request): the site's sections, a handful."""
    if not hasattr(request, "_site_navigation"):
        site = Site.find_for_request(request)
        request._site_navigation = list(site.root_page.get_children().live()) if site is not None else []
    return request._site_navigation


def section_page(request, model):
    """The site's first live page of this type, or None: for its URL, its title and its methods, not its own fields.

    A section sits under the home page: the navigation's query has it already, and the page comes in its type with
    its own fields deferred (Wagtail's `specific_deferred`: reading one of them would cost a query); a section
    elsewhere costs a query."""
    content_type = ContentType.objects.get_for_model(model)
    if request is not None:
        for page in site_navigation(request):
            if page.content_type_id == content_type.pk:
                return page.specific_deferred
    return model.objects.live().order_by("path").first()
