"""The site's public views outside the page tree: search, robots.txt."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from .pagination import paginate
from .search import SEARCH_KINDS, clean_query, highlight, kind_for
from .templatetags.navigation_tags import section_url

GROUP_SIZE = 5  # results of each kind on the overview
PER_PAGE = 20  # results of one kind, when the visitor chose it


def search(request):
    """Results grouped by kind with their counts; `type=<kind>` lists one kind, page by page."""
    query = clean_query(request.GET.get("q", ""))
    chosen = kind_for(request.GET.get("type"))
    groups, page_obj = [], None
    if query:
        for kind in SEARCH_KINDS:
            found = kind.search(query)
            count = found.count()
            if kind is chosen:
                page_obj = paginate(request, found, PER_PAGE) if count else None
                shown = page_obj.object_list if page_obj else []
            elif chosen is None and count:
                shown = found[:GROUP_SIZE]
            else:
                shown = []
            results = kind.results(shown, request)
            for result in results:
                result.excerpt = highlight(result.text, query)
            groups.append({"kind": kind, "count": count, "results": results})
    total = sum(group["count"] for group in groups)
    # Nothing found: the sections the upper apps registered to browse instead (home names none of them).
    browse_links = [
        (kind.browse_label, url)
        for kind in (SEARCH_KINDS if query and not total else [])
        if kind.browse_section and (url := section_url({"request": request}, kind.browse_section))
    ]
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "chosen": chosen,
            "groups": groups,
            "total": total,
            "page_obj": page_obj,
            "browse_links": browse_links,
        },
    )


def robots_txt(request):
    """Crawlers may visit every public page, not the admin nor the search results; the sitemap says where."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
