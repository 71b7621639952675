"""Search engine and social network tags for any page, from its promote tab with fallbacks.

Nothing here knows a page type: a page's own values come first (SEO title, search description,
share image), then what any page or record usually has (an introduction, a body, an image field),
then the site's settings. Views outside the page tree pass their own title, description and image.
"""

from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Site

from .text import describe

# Image fields looked for, in order, on any page or record.
IMAGE_FIELDS = ("social_image", "image", "hero_image", "cover_image", "main_image")  # a logo is passed apart
# Social networks read JPEG and PNG, not AVIF, WebP or SVG: a photo is cropped to their 1.91:1 frame as a JPEG
# (a transparent area turns white), a logo is shown whole, as a PNG.
SHARE_IMAGE_SPEC = "fill-1200x630|bgcolor-ffffff|format-jpeg"
SHARE_LOGO_SPEC = "max-1200x630|format-png"
DESCRIPTION_LENGTH = 160


def site_root_url(request) -> str:
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def is_site_root(request, page) -> bool:
    site = Site.find_for_request(request) if request is not None else None
    return site is not None and site.root_page_id == getattr(page, "pk", None)


def absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return site_root_url(request) + url


def page_image(obj):
    for name in IMAGE_FIELDS:
        image = getattr(obj, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


def shareable(image) -> bool:
    """A raster image: an SVG cannot become the JPEG or PNG that social networks read."""
    return image is not None and hasattr(image, "get_rendition") and not (hasattr(image, "is_svg") and image.is_svg())


def share_image(request, *candidates, logo=None, default=None):
    """The first image among the candidates (images or objects with an image field), else the record's logo
    (whole), else the site's default image, as absolute URL and size. None when there is no image at all:
    no share image is better than an invented one."""
    for candidate in candidates:
        if candidate is None:
            continue
        image = candidate if hasattr(candidate, "get_rendition") else page_image(candidate)
        if shareable(image):
            return _shared(request, image, SHARE_IMAGE_SPEC)
    if shareable(logo):
        return _shared(request, logo, SHARE_LOGO_SPEC)
    if shareable(default):
        return _shared(request, default, SHARE_IMAGE_SPEC)
    return None


def _shared(request, image, spec) -> dict:
    rendition = image.get_rendition(spec)
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or image.title,
    }


def seo_data(request, page=None, site_settings=None, title=None, description=None, image=None, logo=None) -> dict:
    """Title, description, canonical URL and share image of the current page."""
    club_name = getattr(site_settings, "club_name", "") or ""
    page_title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page is not None else ""
    if page is not None and not getattr(page, "seo_title", "") and is_site_root(request, page):
        page_title = club_name
    title = title or page_title or club_name
    explicit_description = getattr(page, "search_description", "") if page is not None else ""
    description = (
        description
        or explicit_description
        or (describe(page, DESCRIPTION_LENGTH) if page is not None else "")
        or getattr(site_settings, "tagline", "")
        or ""
    )
    explicit_image = getattr(page, "social_image", None) if page is not None else None
    return {
        "title": title,
        "description": " ".join(str(description).split())[:300],
        "canonical": absolute(request, request.path) if request is not None else "",
        "site_name": club_name,
        "image": share_image(
            request,
            explicit_image,
            image,
            page,
            logo=logo,
            default=getattr(site_settings, "default_social_image", None),
        ),
    }


def site_json_ld(request, site_settings) -> list[dict]:
    """Schema.org data of the club (Organization) and of the site (WebSite, with its search)."""
    root = site_root_url(request)
    organization = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{root}/#organisation",
        "name": site_settings.club_name,
        "url": f"{root}/",
        "logo": absolute(request, site_settings.logo.url if site_settings.logo else static("img/favicon.svg")),
    }
    if site_settings.tagline:
        organization["slogan"] = site_settings.tagline
    if site_settings.contact_email:
        organization["email"] = site_settings.contact_email
    if site_settings.phone:
        organization["telephone"] = site_settings.phone
    if site_settings.postal_address:
        organization["address"] = {
            "@type": "PostalAddress",
            "streetAddress": " ".join(site_settings.postal_address.split()),
            "addressCountry": "FR",
        }
    same_as = [link.value["url"] for link in site_settings.social_links]
    if same_as:
        organization["sameAs"] = same_as
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{root}/#site",
        "name": site_settings.club_name,
        "url": f"{root}/",
        "inLanguage": "fr",
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{root}{reverse('search')}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [organization, website]
