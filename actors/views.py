"""The directory's public views (served by `ActorIndexPage` routes), the map and its GeoJSON."""

import json
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from home.csv_export import csv_response
from home.images import prefetch_listing_renditions, prefetch_renditions
from home.open_data import geojson_response
from home.pagination import paginate
from home.security import allow_framing

from .filters import FILTER_FIELDS, DirectoryFilter
from .map_data import cached_feature_collection
from .map_feed import cached_details, cached_feed, parse_ids
from .models import Actor, ActorIndexPage, Sector
from .sector_colours import colour_of, profile_colour, sector_legend
from .structured_data import actor_json_ld
from .territory_report import CSV_HEADER, TerritoryReport, csv_rows

PER_PAGE = 24
CARD_IMAGES = ("logo", "cover_image")  # what a directory card shows, with their renditions

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
    ids = actor_filter.facets()
    page_obj = paginate(request, ids, PER_PAGE)
    shown = Actor.objects.filter(pk__in=list(page_obj)).select_related("commune", *CARD_IMAGES)
    by_id = {actor.pk: actor for actor in shown}
    actors = [by_id[pk] for pk in page_obj if pk in by_id]
    prefetch_listing_renditions(actors, *CARD_IMAGES)
    legend = sector_legend(actor_filter.sector_names)
    for actor in actors:
        actor.listed_sectors = actor_filter.sectors_of.get(actor.pk, [])
        # Without a cover photo, a card shows a pattern in its first sector's colour, the map's colour.
        actor.sector_colour = colour_of(actor.listed_sectors, legend)["colour"]
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
            "result_count": len(ids),
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
    prefetch_renditions(actor.cover_image, actor.logo)
    sectors = list(actor.sectors.order_by("name"))
    sector_colour = profile_colour(sectors)
    return TemplateResponse(
        request,
        "actors/actor_detail.html",
        {
            "page": profile_page or index_page,
            "index_page": index_page,
            "actor": actor,
            "profile": profile_page,
            "sectors": sectors,
            "sector_colour": sector_colour,
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
    ids = actor_filter.facets()
    located = list(
        actor_filter.queryset.located()
        .order_by("name", "pk")
        .values_list("pk", "name", "slug", "commune__name", "latitude", named=True)
    )
    index_page = ActorIndexPage.objects.live().first()
    embed = request.GET.get("embed") == "1"
    querystring = filter_querystring(actor_filter)
    page_obj = paginate(request, located, MAP_LIST_PER_PAGE)
    legend = sector_legend(actor_filter.sector_names)
    map_list = [
        {"actor": actor, "sector": colour_of(actor_filter.sectors_of.get(actor.pk, []), legend)}
        for actor in page_obj.object_list
    ]
    response = TemplateResponse(
        request,
        "actors/actor_map_page.html",
        {
            "page": map_page,
            "self": map_page,
            "embed": embed,
            "form": actor_filter.form,
            "filter_active": actor_filter.is_active,
            "located_count": len(located),
            "map_list": map_list,
            "legend": legend,
            "page_obj": page_obj,
            "result_count": len(ids),
            "unlocated_count": len(ids) - len(located),
            "index_url": index_page.url if index_page else "",
            "directory_url": (index_page.url + querystring) if index_page else "",
            "geojson_url": reverse("actors_geojson") + querystring,
            "feed_url": reverse("actors_map_feed") + querystring,
            "details_url": reverse("actors_map_details"),
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


def json_response(data: bytes) -> HttpResponse:
    return HttpResponse(data, content_type="application/json")


def actors_map_feed(request):
    """`/carte/points.json`: what the map draws (id, position, sector of each point), with the directory's filters."""
    return json_response(cached_feed(DirectoryFilter(request.GET)))


def actors_map_details(request):
    """`/carte/details.json?ids=3,14`: the popups' details of these actors; 404 when none is on the map."""
    details = cached_details(parse_ids(request.GET.get("ids", "")))
    if not details:
        raise Http404("Aucun acteur publié et placé sur la carte ne porte ces numéros.")
    data = {str(pk): value for pk, value in details.items()}
    return json_response(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


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
