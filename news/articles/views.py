"""Public views of the news app: the news listing and the indicators' CSV."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse

from home.csv_export import csv_response
from home.pagination import paginate

from ..project.amounts import spreadsheet_number
from ..project.progress import indicator_series_list
from .filters import NewsFilter, with_listing_relations

PER_PAGE = 10


def news_listing(request, index_page):
    news_filter = NewsFilter(request.GET)
    page_obj = paginate(request, with_listing_relations(news_filter.queryset), PER_PAGE)
    feed_query = f"?{urlencode(news_filter.values)}" if news_filter.is_active else ""
    return TemplateResponse(
        request,
        "news/news_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": news_filter.form,
            "filter_active": news_filter.is_active,
            "filter_description": news_filter.description,
            "news_list": list(page_obj),
            "page_obj": page_obj,
            "result_count": page_obj.paginator.count,
            "rss_url": reverse("news_rss") + feed_query,
            "atom_url": reverse("news_atom") + feed_query,
        },
    )


INDICATOR_CSV_HEADER = [
    "indicateur",
    "unité",
    "valeur de départ",
    "cible",
    "dernière valeur",
    "date",
    "source",
    "mode",
    "définition",
]


def indicators_csv(request):
    rows = (
        [
            item.indicator.name,
            item.indicator.unit,
            spreadsheet_number(item.indicator.baseline),
            spreadsheet_number(item.indicator.target),
            spreadsheet_number(item.latest.value) if item.latest else "",
            item.latest.date.isoformat() if item.latest else "",
            item.latest.source if item.latest else "",
            "calculé automatiquement" if item.indicator.is_computed else "saisi",
            item.indicator.description,
        ]
        for item in indicator_series_list()
    )
    return csv_response("indicateurs.csv", INDICATOR_CSV_HEADER, rows)
