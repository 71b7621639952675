"""The club's identity, editable in the admin: logo, colours checked for contrast, partners and contacts in the
footer, the illustrations shipped with the site (home/identity.py, home/logo.py, actors/sector_pictograms.py)."""

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.identity import Palette, contrast_ratio, format_ratio
from home.models import SiteSettings

pytestmark = pytest.mark.django_db

SAFE_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 100">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#0b5d5b"/></linearGradient></defs>'
    b'<rect width="300" height="100" fill="url(#g)"/><use xlink:href="#g"/><text x="10" y="60">Club</text></svg>'
)
UNSAFE_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
    "event attribute": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"/>',
    "external link": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 10 10"><image xlink:href="https://example.org/x.png"/></svg>',
    "javascript link": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><a href="javascript:alert(1)">'
    b"<rect width='5' height='5'/></a></svg>",
    "foreign HTML": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><foreignObject>'
    b'<div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
    "entity": b'<!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b"<text>&x;</text></svg>",
    "style import": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@import url(https://e.org/x.css);'
    b"</style></svg>",
}


def png_bytes(width=240, height=80, colour=(11, 93, 91)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])


def form_data(site_settings, partners=None, **changes):
    """The admin's settings form as the browser posts it, from the current settings and `changes`."""
    data = {
        "club_name": site_settings.club_name,
        "tagline": site_settings.tagline,
        "logo": "",
        "colour_primary": site_settings.colour_primary,
        "colour_accent": site_settings.colour_accent,
        "colour_footer": site_settings.colour_footer,
        "contact_email": site_settings.contact_email,
        "phone": site_settings.phone,
        "postal_address": site_settings.postal_address,
        "privacy_page": site_settings.privacy_page_id or "",
        "social_links": streamfield([]),
        "partners": streamfield(partners or []),
        "default_social_image": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def site(demo_content):
    return Site.objects.get(is_default_site=True)


def error_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# ---- Colours and contrast ----


def test_contrast_ratio_is_wcags():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54
    assert format_ratio(4.4999) == "4,49:1"  # never rounded up to a passing figure


def test_the_default_palette_passes_every_pair():
    assert Palette().contrast_errors() == {}


def test_a_pale_main_colour_is_refused_naming_the_pair_and_its_ratio():
    errors = Palette(primary="#7fb3b0").contrast_errors()
    ratio = format_ratio(contrast_ratio("#7fb3b0", "#fbf8f3"))
    assert ratio == "2,20:1"
    assert list(errors) == ["colour_primary"]
    assert (
        f"la couleur principale (liens) (#7fb3b0) sur le fond de page (#fbf8f3) : {ratio}" in errors["colour_primary"]
    )
    assert (
        "le texte blanc des boutons (#ffffff) sur la couleur principale (#7fb3b0) : 2,33:1" in errors["colour_primary"]
    )


def test_a_light_footer_is_refused():
    errors = Palette(footer="#8fa3a1").contrast_errors()
    assert list(errors) == ["colour_footer"]
    assert "le texte du pied de page (#f1efe9) sur son fond (#8fa3a1) : " in errors["colour_footer"]


def test_the_admin_refuses_a_pair_under_4_5_and_keeps_the_colours(admin_client_logged, site):
    site_settings = SiteSettings.for_site(site)
    response = admin_client_logged.post(
        settings_url(site), form_data(site_settings, colour_primary="#7fb3b0", colour_accent="#f0a080")
    )
    assert response.status_code == 200  # the form comes back, no 500
    html = error_text(response)
    assert "Contraste insuffisant, il faut au moins 4,5:1" in html
    assert "la couleur principale (liens) (#7fb3b0) sur le fond de page (#fbf8f3) : 2,20:1" in html
    assert "la couleur d&#x27;accent (dates) (#f0a080) sur le fond de page (#fbf8f3) : " in html
    assert SiteSettings.objects.get(site=site).colour_primary == "#0b5d5b"


def test_the_admin_accepts_a_good_pair_and_the_css_served_changes(admin_client_logged, client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    before = client.get("/").content.decode()
    assert "/theme-" not in before  # the default colours live in site.css: no extra stylesheet
    site_settings = SiteSettings.for_site(site)
    response = admin_client_logged.post(
        settings_url(site), form_data(site_settings, colour_primary="#1D4E89", colour_footer="#2b1d3a")
    )
    assert response.status_code == 302, error_text(response)[:3000]
    assert SiteSettings.objects.get(site=site).colour_primary == "#1d4e89"
    html = client.get("/").content.decode()
    theme_url = re.search(r'<link rel="stylesheet" href="(/theme-[^"]+\.css)">', html).group(1)
    assert theme_url == "/theme-1d4e89-a8431f-2b1d3a.css"
    css = client.get(theme_url)
    assert css["Content-Type"].startswith("text/css")
    assert "immutable" in css["Cache-Control"] and "max-age=31536000" in css["Cache-Control"]
    body = css.content.decode()
    assert "--color-primary: #1d4e89;" in body and "--color-footer: #2b1d3a;" in body
    assert "--color-primary-soft: #" in body  # the shades are mixed from the new colour


def test_the_page_cache_forgets_the_old_colours_on_save(client, site, settings):
    """Anonymous pages are cached: saving the settings purges them, so the new stylesheet is linked at once."""
    settings.PAGE_CACHE_SECONDS = 300
    assert "/theme-" not in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(queries) == 0  # served from the page cache
    site_settings = SiteSettings.for_site(site)
    site_settings.colour_accent = "#8a3a1a"
    site_settings.save()
    assert "/theme-0b5d5b-8a3a1a-1f2d2c.css" in client.get("/").content.decode()


@pytest.mark.parametrize("colours", ["0b5d5b-a8431f", "zzzzzz-a8431f-1f2d2c", "0b5d5b-a8431f-1f2d2c-000000", "x"])
def test_a_malformed_theme_address_is_a_404(client, db, colours):
    assert client.get(f"/theme-{colours}.css").status_code == 404


# ---- Logo ----


def test_an_uploaded_svg_logo_replaces_the_default_mark_as_an_img(admin_client_logged, client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    header = client.get("/").content.decode().split("<header")[1].split("</header>")[0]
    assert "site-brand__mark" in header
    logo = SimpleUploadedFile("logo-club.svg", SAFE_SVG, content_type="image/svg+xml")
    response = admin_client_logged.post(settings_url(site), form_data(SiteSettings.for_site(site), logo=logo))
    assert response.status_code == 302, error_text(response)[:3000]
    header = client.get("/").content.decode().split("<header")[1].split("</header>")[0]
    assert "site-brand__mark" not in header and "<svg" not in header.split("site-menu")[0]  # never inlined
    image = re.search(r'<img class="site-brand__logo" src="([^"]+)" alt="" width="(\d+)" height="(\d+)">', header)
    assert image and image.group(1).endswith(".svg") and image.group(1).startswith("/media/identite/")
    assert (image.group(2), image.group(3)) == ("144", "48")  # 300 × 100, shown 48 px high


def test_a_png_logo_keeps_its_proportions(site):
    site_settings = SiteSettings.for_site(site)
    site_settings.logo = SimpleUploadedFile("logo.png", png_bytes(400, 200), content_type="image/png")
    site_settings.full_clean()
    site_settings.save()
    assert site_settings.logo_size() == (96, 48)


@pytest.mark.parametrize("kind", UNSAFE_SVGS)
def test_an_svg_logo_with_active_content_is_refused_in_french(admin_client_logged, site, kind):
    logo = SimpleUploadedFile("logo.svg", UNSAFE_SVGS[kind], content_type="image/svg+xml")
    response = admin_client_logged.post(settings_url(site), form_data(SiteSettings.for_site(site), logo=logo))
    assert response.status_code == 200
    assert "Ce fichier SVG contient" in error_text(response), kind
    assert not SiteSettings.objects.get(site=site).logo


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", b"GIF89a", "Le logo doit être un fichier SVG, PNG, JPEG ou WebP"),
        ("logo.png", b"not an image", "Ce fichier image est abîmé"),
        ("logo.svg", b"<svg", "Ce fichier n&#x27;est pas un SVG lisible"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "Ce SVG n&#x27;indique pas ses proportions"),
    ],
)
def test_a_broken_logo_is_refused_in_french(admin_client_logged, site, name, content, message):
    logo = SimpleUploadedFile(name, content)
    response = admin_client_logged.post(settings_url(site), form_data(SiteSettings.for_site(site), logo=logo))
    assert response.status_code == 200
    assert message in error_text(response)


# ---- Footer: partners and contacts ----


def test_the_demo_names_its_funders_without_logos_and_no_invented_address(client, site):
    html = client.get("/").content.decode()
    footer = html.split("<footer")[1].split("</footer>")[0]
    partners = footer.split('id="footer-partners"')[1]
    assert "Conseil régional d&#x27;Aquitaine" in partners and "DIRECCTE (État)" in partners
    assert "<img" not in partners and "<a " not in partners  # names only: no real logo, no guessed address
    assert "<address>" not in footer and "mailto:" not in footer  # nothing in the sources: the lines are hidden


def test_footer_shows_partners_logos_links_address_and_social_links(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    image = get_image_model().objects.create(
        title="Logo du partenaire",
        file=SimpleUploadedFile("partenaire.png", png_bytes(300, 100), content_type="image/png"),
    )
    site_settings = SiteSettings.for_site(site)
    site_settings.partners = [
        ("partner", {"name": "Exemple fictif Fondation", "logo": image, "url": "https://example.org/fondation"}),
        ("partner", {"name": "Exemple fictif Mairie", "logo": None, "url": "https://example.org/mairie"}),
        ("partner", {"name": "Exemple fictif Caisse", "logo": None, "url": ""}),
    ]
    site_settings.postal_address = "1 place de l'Exemple\n33210 Langon"
    site_settings.contact_email = "bonjour@example.org"
    site_settings.social_links = [("link", {"label": "Mastodon", "url": "https://example.social/@club"})]
    site_settings.save()
    footer = client.get("/").content.decode().split("<footer")[1].split("</footer>")[0]
    partners = footer.split('id="footer-partners"')[1]
    logo = re.search(r'<a class="partner-list__tile" href="https://example.org/fondation"><img ([^>]+)>', partners)
    assert logo and 'alt="Exemple fictif Fondation"' in logo.group(1)
    assert all(f' {attribute}="' in f" {logo.group(1)}" for attribute in ("width", "height", "src"))
    assert (
        '<a class="partner-list__tile" href="https://example.org/mairie"><span class="partner-list__name">' in partners
    )
    assert '<span class="partner-list__tile"><span class="partner-list__name">Exemple fictif Caisse</span>' in partners
    assert partners.index("Fondation") < partners.index("Mairie") < partners.index("Caisse")  # the editors' order
    assert "<address>1 place de l&#x27;Exemple<br>33210 Langon</address>" in footer
    assert 'href="mailto:bonjour@example.org"' in footer
    assert '<a href="https://example.social/@club" rel="me">Mastodon</a>' in footer


def test_the_partners_logos_cost_the_same_queries_however_many(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    images = [
        get_image_model().objects.create(
            title=f"Logo {n}", file=SimpleUploadedFile(f"p{n}.png", png_bytes(200, 80), content_type="image/png")
        )
        for n in range(4)
    ]
    site_settings = SiteSettings.for_site(site)

    def queries_with(count):
        site_settings.partners = [
            ("partner", {"name": f"Exemple fictif {n}", "logo": image, "url": ""})
            for n, image in enumerate(images[:count])
        ]
        site_settings.save()
        client.get("/")  # makes the renditions
        cache.clear()  # as tests/test_query_budgets.py measures: renditions are not in the cache either
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(4)


def test_the_settings_are_read_once_per_request(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    settings_queries = [q["sql"] for q in queries if "home_sitesettings" in q["sql"]]
    assert len(settings_queries) == 1, settings_queries


# ---- The admin's form ----


def test_the_settings_form_offers_colour_pickers_to_administrators(admin_client_logged, site):
    html = admin_client_logged.get(settings_url(site)).content.decode()
    for field in ("colour_primary", "colour_accent", "colour_footer"):
        assert re.search(rf'<input type="color" name="{field}" value="#[0-9a-f]{{6}}"', html), field
    assert 'enctype="multipart/form-data"' in html  # the logo can be uploaded
    assert "financeurs et partenaires" in html.lower()


def test_moderators_do_not_reach_the_identity(client, moderator, site):
    client.force_login(moderator)
    assert client.get(settings_url(site)).status_code != 200


# ---- Illustrations ----


def test_directory_cards_and_profiles_show_the_sectors_pictograms(client, demo_content):
    html = client.get("/acteurs/").content.decode()
    tag = re.search(
        r'<li class="tag"><svg class="pictogram" aria-hidden="true" focusable="false"[^>]*>'
        r'<use href="([^"]+)"></use></svg>Insertion par',
        html,
    )
    assert tag and re.search(r"/static/img/illustrations/sectors/insertion(\.[0-9a-f]+)?\.svg#pictogram$", tag.group(1))
    profile = client.get("/acteurs/bouger-c-est-permis/").content.decode()
    assert "img/illustrations/sectors/mobilite" in profile


def test_a_sector_without_its_own_pictogram_gets_the_generic_one():
    from actors.sector_pictograms import pictogram_url

    assert "sectors/secteur" in pictogram_url("apiculture")
    assert "sectors/formation" in pictogram_url("formation")


def test_every_pictogram_and_the_silhouette_are_shipped_with_their_licence():
    from django.contrib.staticfiles import finders

    from actors.sector_pictograms import GENERIC, PICTOGRAM_SLUGS
    from home.logo import check_svg

    for slug in [*PICTOGRAM_SLUGS, GENERIC]:
        path = finders.find(f"img/illustrations/sectors/{slug}.svg")
        assert path, slug
        content = Path(path).read_bytes()
        assert b'<symbol id="pictogram"' in content and b"currentColor" in content
        check_svg(content)  # the project's own drawings pass the logo's safety rules too
    silhouette = finders.find("img/illustrations/sud-gironde.svg")
    check_svg(Path(silhouette).read_bytes())
    licence = Path(finders.find("img/illustrations/LICENCE")).read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "SCHEMATIC" in licence


def test_the_home_page_shows_the_silhouette_when_it_has_no_photo(client, home_page):
    html = client.get("/").content.decode()
    assert re.search(
        r'<img src="/static/img/illustrations/sud-gironde(\.[0-9a-f]+)?\.svg" width="403" height="379" '
        r'alt="Carte schématique du Sud-Gironde',
        html,
    )


# ---- HTML validity of the identity's markup (the demo has no logo: tests/test_html_validity.py misses it) ----


def test_the_full_identity_and_the_illustrations_are_valid_for_the_nu_checker(client, site, settings, tmp_path):
    from django.contrib.staticfiles import finders

    from .test_html_validity import JAVA, VNU_JAR, nu_html_check

    if JAVA is None or not VNU_JAR.exists():
        pytest.skip("vnu.jar or Java missing")
    settings.PAGE_CACHE_SECONDS = 0
    image = get_image_model().objects.create(
        title="Logo", file=SimpleUploadedFile("partenaire.png", png_bytes(300, 100), content_type="image/png")
    )
    site_settings = SiteSettings.for_site(site)
    site_settings.logo = SimpleUploadedFile("logo.svg", SAFE_SVG, content_type="image/svg+xml")
    site_settings.colour_primary = "#1d4e89"
    site_settings.partners = [
        ("partner", {"name": "Exemple fictif Fondation", "logo": image, "url": "https://example.org/"}),
        ("partner", {"name": "Exemple fictif Caisse", "logo": None, "url": ""}),
    ]
    site_settings.postal_address = "1 place de l'Exemple\n33210 Langon"
    site_settings.contact_email = "bonjour@example.org"
    site_settings.full_clean()
    site_settings.save()
    paths = []
    for name, url in (("home", "/"), ("directory", "/acteurs/")):
        path = tmp_path / f"{name}.html"
        path.write_bytes(client.get(url).content)
        paths.append(path)
    svgs = ["img/illustrations/sud-gironde.svg", "img/illustrations/sectors/insertion.svg"]
    paths += [Path(finders.find(svg)) for svg in svgs]
    assert nu_html_check(paths) == {}
