"""The directory's public views (served by `ActorIndexPage` routes), the map and its GeoJSON."""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from home.csv_export import csv_response
from home.open_data import geojson_response
from home.pagination import paginate
from home.security import allow_framing

from .filters import FILTER_FIELDS, CountedList, DirectoryFilter, sectors_of
from .map_data import cached_feature_collection
from .models import ActorIndexPage, Sector
from .sector_colours import colour_of, sector_legend
from .structured_data import actor_json_ld
from .territory_report import CSV_HEADER, TerritoryReport, csv_rows

PER_PAGE = 24

CSV_COLUMNS = [
    ("nom", lambda a: a.name),
    ("description", lambda a: a.short_description),
    ("statut juridique", lambda a: a.get_legal_form_display()),
    ("structure d'insertion", lambda a: a.get_insertion_type_display()),
    ("agrément ESUS", lambda a: "oui" if a.esus_approved else "non"),
    ("membre fondateur", lambda a: "oui" if a.is_founding_member else "non"),
    ("tranche d'effectif salarié", lambda a: a.headcount_band),
    ("année de création", lambda a: a.founded_year or ""),
    ("secteurs", lambda a: " ; ".join(s.name for s in a.sectors.all())),
    ("adresse", lambda a: a.street_address),
    ("code postal", lambda a: a.effective_postal_code),
    ("commune", lambda a: a.commune.name if a.commune else ""),
    ("code INSEE", lambda a: a.commune.insee_code if a.commune else ""),
    ("latitude", lambda a: a.position[0] if a.position else ""),
    ("longitude", lambda a: a.position[1] if a.position else ""),
    ("position", lambda a: "" if not a.position else ("adresse" if a.has_own_position else "mairie de la commune")),
    ("site web", lambda a: a.website),
    ("e-mail", lambda a: a.email),
    ("téléphone", lambda a: a.phone),
    ("SIRET", lambda a: a.siret),
    ("RNA", lambda a: a.rna),
    ("dernière vérification", lambda a: a.last_reviewed.isoformat() if a.last_reviewed else ""),
]


def with_listing_relations(queryset):
    return queryset.select_related("commune").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name"))
    )


def directory(request, index_page):
    actor_filter = DirectoryFilter(request.GET)
    actor_filter.facets()
    listing = actor_filter.queryset.select_related("commune").order_by("name", "pk")
    page_obj = paginate(request, CountedList(listing, actor_filter.total), PER_PAGE)
    actors = list(page_obj.object_list)
    sectors = sectors_of(actor.pk for actor in actors)
    for actor in actors:
        actor.listed_sectors = sectors.get(actor.pk, [])
    return TemplateResponse(
        request,
        "actors/actor_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": actor_filter.form,
            "filter_active": actor_filter.is_active,
            "actors": actors,
            "page_obj": page_obj,
            "result_count": actor_filter.total,
            "csv_url": reverse("actors_csv") + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
    )


def directory_csv(request):
    actors = with_listing_relations(DirectoryFilter(request.GET).queryset.order_by("name"))
    return csv_response(
        "acteurs.csv",
        [heading for heading, _ in CSV_COLUMNS],
        ([value(actor) for _, value in CSV_COLUMNS] for actor in actors.iterator(chunk_size=500)),
    )


def profile(request, index_page, actor, profile_page=None):
    if profile_page is None:
        profile_page = getattr(actor, "profile_page", None)
        profile_page = profile_page if profile_page is not None and profile_page.live else None
    actor_url = request.build_absolute_uri(index_page.actor_url(actor))
    return TemplateResponse(
        request,
        "actors/actor_detail.html",
        {
            "page": profile_page or index_page,
            "index_page": index_page,
            "actor": actor,
            "profile": profile_page,
            "sectors": list(actor.sectors.order_by("name")),
            "json_ld": actor_json_ld(actor, actor_url),
        },
    )


def filter_querystring(actor_filter: DirectoryFilter) -> str:
    """ "?…" with the filters in use (cleaned, in a fixed order), or "": for shared links and cache keys alike."""
    values = [(name, actor_filter.values[name]) for name in FILTER_FIELDS if actor_filter.values[name]]
    return f"?{urlencode(values)}" if values else ""


# The list under the map, its text alternative, goes page by page beyond this: every point stays on the map, and
# a phone does not have to lay out thousands of links at once.
MAP_LIST_PER_PAGE = 100


def actor_map(request, map_page):
    """`/carte/`: the filters, the map and the list of the actors it shows; `?embed=1` for other sites' frames."""
    actor_filter = DirectoryFilter(request.GET)
    actor_filter.facets()
    located = actor_filter.queryset.located().order_by("name", "pk")
    located = located.values_list("pk", "name", "slug", "commune__name", "latitude", named=True)
    index_page = ActorIndexPage.objects.live().first()
    embed = request.GET.get("embed") == "1"
    querystring = filter_querystring(actor_filter)
    page_obj = paginate(request, located, MAP_LIST_PER_PAGE)
    listed = list(page_obj.object_list)
    sectors = sectors_of(actor.pk for actor in listed)
    legend = sector_legend(actor_filter.sector_names)
    map_list = [{"actor": actor, "sector": colour_of(sectors.get(actor.pk, []), legend)} for actor in listed]
    response = TemplateResponse(
        request,
        "actors/actor_map_page.html",
        {
            "page": map_page,
            "self": map_page,
            "embed": embed,
            "form": actor_filter.form,
            "filter_active": actor_filter.is_active,
            "located_count": page_obj.paginator.count,
            "map_list": map_list,
            "legend": legend,
            "page_obj": page_obj,
            "result_count": actor_filter.total,
            "unlocated_count": actor_filter.total - page_obj.paginator.count,
            "index_url": index_page.url if index_page else "",
            "directory_url": (index_page.url + querystring) if index_page else "",
            "geojson_url": reverse("actors_geojson") + querystring,
        },
    )
    return allow_framing(response) if embed else response


def actors_geojson(request):
    """`/carte/acteurs.geojson`: the open data of the map, with the directory's filters."""

    def profile_base_url():
        index_page = ActorIndexPage.objects.live().first()
        return request.build_absolute_uri(index_page.url) if index_page else ""

    site_url = request.build_absolute_uri("/")
    return geojson_response(cached_feature_collection(DirectoryFilter(request.GET), site_url, profile_base_url))


def directory_url() -> str:
    index_page = ActorIndexPage.objects.live().first()
    return index_page.url if index_page else ""


def territory_report(request, report_page):
    """`/etat-des-lieux/`: the directory's figures for the territory chosen (`?territoire=`, as the directory)."""
    report = TerritoryReport(request.GET, directory_url())
    query = f"?{urlencode({'territoire': report.territory})}" if report.territory else ""
    return TemplateResponse(
        request,
        "actors/territory_report_page.html",
        {
            "page": report_page,
            "self": report_page,
            "report": report,
            "figures_date": timezone.localdate(),
            "csv_url": reverse("territory_report_csv") + query,
        },
    )


def territory_report_csv(request):
    """The état des lieux' figures for a spreadsheet, with the same `territoire` filter as the page."""
    report = TerritoryReport(request.GET, directory_url())
    filename = "etat-des-lieux.csv"
    return csv_response(filename, CSV_HEADER, csv_rows(report, request.build_absolute_uri))
