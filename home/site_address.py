"""The address of the default Wagtail Site, from which absolute links are built (sitemap, .ics, GeoJSON, e-mails).

`make run` sets it to the address it serves, production to WAGTAILADMIN_BASE_URL (`set_site_address`), and
`check --deploy` warns when the two differ.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connection
from wagtail.models import Site


def parse_address(url: str) -> tuple[str, int]:
    """(hostname, port) of an absolute http(s) URL; the port defaults to the scheme's."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"« {url} » n'est pas une adresse http:// ou https:// complète.")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def set_site_address(url: str) -> Site:
    """Gives the default Site the hostname and port of `url`."""
    hostname, port = parse_address(url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    return site


def default_site_address() -> tuple[str, int] | None:
    """The default Site's (hostname, port), or None when the database is not reachable or not migrated yet."""
    try:
        if Site._meta.db_table not in connection.introspection.table_names():
            return None
        return Site.objects.filter(is_default_site=True).values_list("hostname", "port").first()
    except DatabaseError:
        return None


@checks.register(checks.Tags.compatibility, deploy=True)
def check_site_address(app_configs=None, **kwargs):
    """Absolute links use the default Site: it must be the address the public reaches, WAGTAILADMIN_BASE_URL."""
    address = default_site_address()
    if address is None:
        return []
    try:
        expected = parse_address(settings.WAGTAILADMIN_BASE_URL)
    except ValueError as error:
        return [checks.Warning(str(error), id="home.W002")]
    if tuple(address) == expected:
        return []
    return [
        checks.Warning(
            f"Le site Wagtail par défaut a l'adresse {address[0]}:{address[1]}, mais WAGTAILADMIN_BASE_URL est "
            f"{settings.WAGTAILADMIN_BASE_URL} : le plan du site, les fichiers .ics, le GeoJSON et les e-mails "
            "pointeraient vers une adresse qui ne répond pas.",
            hint="Lancez « python manage.py set_site_address » (voir docs/deployment.md).",
            id="home.W002",
        )
    ]
