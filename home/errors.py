"""The site's error pages in French, and a 503 instead of a 500 while the database is unreachable.

The 404 and 403 pages use the whole layout (menu from the page tree). The 400, 500 and 503 pages are
rendered without the request's context processors and without any query, so that they still answer
when the host name is forged or the database is down.
"""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

RETRY_AFTER_SECONDS = 60


def database_unavailable(exception) -> bool:
    """True for the errors a database raises when it cannot be reached (not for a bad query)."""
    driver = getattr(connection, "Database", None)
    unreachable = (OperationalError, InterfaceError)
    if driver is not None:
        unreachable += (driver.OperationalError, driver.InterfaceError)
    return isinstance(exception, unreachable) or (
        isinstance(exception, DatabaseError) and isinstance(exception.__cause__, unreachable)
    )


def static_page(template_name, status, **context):
    """An error page that needs neither the database nor a trustworthy request."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    return HttpResponse(render_to_string(template_name, context), status=status)


def bad_request(request, exception=None):
    return static_page("400.html", 400)


def permission_denied(request, exception=None):
    message = str(exception or "")
    return TemplateResponse(request, "403.html", {"exception": message}, status=403).render()


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", {}, status=404).render()


def server_error(request):
    """500, or 503 with Retry-After when the error is the database being unreachable."""
    if database_unavailable(sys.exc_info()[1]):
        response = static_page("503.html", 503, retry_minutes=max(1, RETRY_AFTER_SECONDS // 60))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return static_page("500.html", 500)
