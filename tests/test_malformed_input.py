"""The malformed-input sweep: every public address × hostile values, by GET and POST, never answers 5xx.

The addresses are the public page types of tests/public_pages.py plus the data files below: a new page is
covered by adding one line to either list. GET sends each hostile value in every parameter the page's forms
know and the site's other filter names at once; POST (to the pages with a POST form) fills every field of the
page's forms with it, the hidden fields and the anti-spam timestamp kept valid so that validation really runs.
"""

import re
import time

import pytest
from django.test import Client

from home import spam

from .public_pages import EVENT_SLUG, PUBLIC_PAGES, coming_year

DATA_FILES = [
    "/acteurs/acteurs.csv",
    "/carte/acteurs.geojson",
    "/mois-de-l-ess/evenements.geojson",
    "/mois-de-l-ess/agenda.ics",
    lambda: f"/mois-de-l-ess/{coming_year()}/{EVENT_SLUG}.ics",
    "/projet/indicateurs.csv",
    "/actualites/rss.xml",
    "/actualites/atom.xml",
    "/mutualisation/proposer/",
    "/sitemap.xml",
    "/robots.txt",
    # « Vérifiez votre fiche » without its link, or a link refused (the pages with a link are in PUBLIC_PAGES).
    "/verifier-ma-fiche/demande/999999/",
    "/verifier-ma-fiche/demande/1/corriger/",
    "/verifier-ma-fiche/lien-refuse/expired/",
    "/verifier-ma-fiche/n-importe-quoi/",
    # Subscription links that are forged or not links at all.
    "/abonnement/confirmer/pas-un-lien/",
    "/abonnement/gerer/WzEsImFiYyJd:forged:signature/",
    "/abonnement/desabonner/%00/",
]
# Filter names of the whole site, tried on every address (a page may read one its form does not show).
KNOWN_PARAMETERS = ("annee", "territoire", "type", "mode", "statut", "secteur", "insertion", "page", "q", "phase")
HOSTILE_VALUES = [
    "0000",
    "²²²²",
    "9999-12-31",
    "-1",
    "99999999999999999999",
    "!!! ?? …",
    "\ufffd",
    "\x00",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "x" * 5000,
]
FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"[^>]*>", re.S)
HIDDEN = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>", re.S)
VALUE = re.compile(r"\bvalue=\"([^\"]*)\"")
NAME = re.compile(r"\bname=\"([^\"]+)\"")


def addresses() -> list[str]:
    paths = [page.path for page in PUBLIC_PAGES] + DATA_FILES
    return [path() if callable(path) else path for path in paths]


def form_fields(html: str) -> tuple[list[str], dict[str, str]]:
    """The names of the page's form fields, and the hidden ones with their values."""
    hidden = {NAME.search(tag).group(1): (VALUE.search(tag) or [None, ""])[1] for tag in HIDDEN.findall(html)}
    names = [name for name in dict.fromkeys(FIELD.findall(html)) if name not in hidden]
    return names, hidden


@pytest.mark.django_db
def test_no_public_address_answers_5xx_to_hostile_input(public_site):
    client = Client(raise_request_exception=False)
    failures = []

    def check(method, url, data):
        response = getattr(client, method)(url, data)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url} {sorted(data)!r} = {next(iter(data.values()), '')[:40]!r}")

    for url in addresses():
        page = client.get(url, follow=True)
        if page.redirect_chain:  # a link that redirects (« Vérifiez votre fiche »): the page it leads to
            url = page.wsgi_request.path
        html = page.content.decode(errors="replace") if page["Content-Type"].startswith("text/html") else ""
        names, hidden = form_fields(html)
        posts_a_form = 'method="post"' in html
        for value in HOSTILE_VALUES:
            check("get", url, dict.fromkeys({*names, *KNOWN_PARAMETERS}, value))
            if posts_a_form:
                check("post", url, {**dict.fromkeys(names, value), **hidden, **spam.guard_fields(now=time.time() - 60)})
    assert not failures, f"{len(failures)} requests answered 5xx:\n" + "\n".join(failures)
