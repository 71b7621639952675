"""Security headers and refusals: the Content-Security-Policy per area, framing, CSRF failures."""

from functools import wraps

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from .maps import csp_tile_origin

CSRF_FAILURE_MESSAGE = (
    "Le formulaire a expiré ou n'a pas pu être vérifié. Rechargez la page, puis envoyez-le à nouveau ; "
    "si le problème persiste, vérifiez que votre navigateur accepte les cookies de ce site."
)


def map_tile_origin(request):
    """The origin of the maps' tile server (admin's "Carte" settings), the only one allowed beyond the site;
    none for a static file (no map in it): serving one never reads the cache or the database."""
    if request.path_info.startswith(settings.STATIC_URL):
        return None
    return csp_tile_origin()


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the tile server in img-src and the admin's own directives.

    In the admin, the directives of settings.CONTENT_SECURITY_POLICY_ADMIN replace the public ones:
    the least that Wagtail's editor needs (checked in Chromium by tests/test_security_browser.py).
    A preview is the public page rendered inside the admin's side panel: Wagtail runs it through the
    middleware with the page's own address (`request.is_preview`), so it keeps the public policy
    but may be framed by the admin, and by nothing else.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        tile_origin = map_tile_origin(request)
        if tile_origin:
            parts.update = {"img-src": [tile_origin], **(parts.update or {})}
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


def allow_framing(response):
    """Let any site show this response in a frame (the map's embed view, `/carte/?embed=1`)."""
    response.xframe_options_exempt = True
    response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), "frame-ancestors": ["*"]}
    return response


def framable(view):
    """View decorator form of allow_framing()."""

    @wraps(view)
    @xframe_options_exempt
    def wrapped(request, *args, **kwargs):
        return allow_framing(view(request, *args, **kwargs))

    return wrapped


def csrf_failure(request, reason=""):
    """A failed CSRF check answers the site's French 403 page through the project's 403 handler."""
    raise PermissionDenied(CSRF_FAILURE_MESSAGE)
