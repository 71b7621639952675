"""Schema.org data of a news page (rendered with `{% json_ld %}`) and the club's name for feeds."""

from django.apps import apps


def club_name(request) -> str:
    """The club's name from the site settings, which editors keep (home app, read without importing it)."""
    site_settings = apps.get_model("home", "SiteSettings")
    return site_settings.for_request(request).club_name


def news_article_json_ld(page, request, url: str) -> dict:
    publisher = {"@type": "Organization", "name": club_name(request), "url": request.build_absolute_uri("/")}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": page.title[:110],
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "inLanguage": "fr-FR",
        "url": url,
        "mainEntityOfPage": url,
        "author": publisher,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.image:
        rendition = page.image.get_rendition("fill-1200x675")
        data["image"] = request.build_absolute_uri(rendition.url)
    sections = [page.phase.name] if page.phase else []
    if sections:
        data["articleSection"] = sections
    return data
