"""The club's identity as a visitor sees it: the colours set in the admin reach the page through the theme
stylesheet (no inline style under the CSP), the uploaded logo and the partners' logos load as images, the sectors'
pictograms and the home page's silhouette draw, and axe-core finds nothing at phone and desktop widths."""

import io
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import SiteSettings

from .accessibility import assert_accessible

LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 180 60"><rect x="2" y="2" width="56" height="56" rx="14" '
    b'fill="#1d4e89"/><text x="68" y="40" font-size="26" fill="#1d4e89">Exemple</text></svg>'
)

DRAWN = "() => [...document.querySelectorAll('SELECTOR')].every(img => img.complete && img.naturalWidth > 0)"


def serve_media(page):
    """The live server serves no media (DEBUG is off): the browser reads them from MEDIA_ROOT."""

    def fulfil(route):
        path = Path(settings.MEDIA_ROOT) / urlparse(route.request.url).path.removeprefix(settings.MEDIA_URL)
        route.fulfill(path=str(path)) if path.is_file() else route.fulfill(status=404)

    page.context.route("**/media/**", fulfil)


def test_the_identity_set_in_the_admin_reaches_every_visitor(live_server, home_page, browser_page, screenshot):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 100), (29, 78, 137)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Logo", file=SimpleUploadedFile("partenaire.png", buffer.getvalue(), content_type="image/png")
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = SimpleUploadedFile("logo.svg", LOGO, content_type="image/svg+xml")
    site_settings.colour_primary = "#1d4e89"
    site_settings.colour_footer = "#22223a"
    site_settings.partners = [
        ("partner", {"name": "Exemple fictif Fondation", "logo": image, "url": "https://example.org/"}),
        ("partner", {"name": "Exemple fictif Caisse", "logo": None, "url": ""}),
    ]
    site_settings.full_clean()
    site_settings.save()
    page = browser_page
    serve_media(page)
    problems = []
    for path in ("/", "/acteurs/"):
        for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
            page.set_viewport_size(size)
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            page.locator(".partner-list").scroll_into_view_if_needed()  # the footer's logos load lazily
            page.wait_for_function(DRAWN.replace("SELECTOR", ".partner-list__logo"), timeout=10000)
            colours = page.evaluate(
                """() => [getComputedStyle(document.querySelector('.site-header button[type=submit]')).backgroundColor,
                          getComputedStyle(document.querySelector('.site-footer')).backgroundColor]"""
            )
            if colours != ["rgb(29, 78, 137)", "rgb(34, 34, 58)"]:
                problems.append(f"{path}: colours {colours}")
            images = page.evaluate(
                """() => [...document.querySelectorAll('.site-brand__logo, .partner-list__logo, .hero__illustration img')]
                        .map(img => [img.className || img.src, img.complete && img.naturalWidth > 0])"""
            )
            problems += [f"{path}: {name} not drawn" for name, drawn in images if not drawn]
            pictograms = page.evaluate(
                "() => [...document.querySelectorAll('.pictogram use')].map(use => use.getBBox().width)"
            )
            if path == "/acteurs/" and not (pictograms and all(width > 0 for width in pictograms)):
                problems.append(f"{path}: pictograms {pictograms[:3]}")
            assert_accessible(page)
    assert problems == [] and page.problems == [], problems + page.problems
    page.goto(live_server.url + "/")
    screenshot("identite-accueil")
