"""The directory's public views (served by `ActorIndexPage` routes), the map and its GeoJSON."""

import json
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from home.csv_export import csv_response, csv_stream_response
from home.images import prefetch_listing_renditions, prefetch_renditions
from home.kept import kept
from home.navigation import section_page
from home.open_data import compressed_geojson_response
from home.pagination import paginate
from home.security import allow_framing

from .choices import InsertionType, LegalForm
from .filters import FILTER_FIELDS, CountedList, DirectoryFilter, sectors_of
from .map_data import cached_compressed_collection
from .map_feed import cached_details, cached_feed, parse_ids
from .models import ActorIndexPage
from .sector_colours import colour_of, sector_legend, sectors_and_colour
from .structured_data import actor_json_ld
from .territory_report import CSV_HEADER, TerritoryReport
from .territory_report import csv_rows as report_csv_rows

PER_PAGE = 24
CARD_IMAGES = ("logo", "cover_image")  # what a directory card shows, with their renditions

LEGAL_FORMS, INSERTION_TYPES = dict(LegalForm.choices), dict(InsertionType.choices)


def csv_position(row) -> tuple:
    """(latitude, longitude, how it was found) of an actor's CSV row: its own, else its town hall's, else empty."""
    if row["latitude"] is not None and row["longitude"] is not None:
        return row["latitude"], row["longitude"], "adresse"
    if row["commune__latitude"] is not None and row["commune__longitude"] is not None:
        return row["commune__latitude"], row["commune__longitude"], "mairie de la commune"
    return "", "", ""


def csv_postal_code(row) -> str:
    """The actor's postal code, else its commune's first (as `PostalAddress.effective_postal_code`)."""
    if row["postal_code"] or not row["commune__postal_codes"]:
        return row["postal_code"]
    return row["commune__postal_codes"].split()[0]


# Each column of the directory's CSV, read from a row of CSV_FIELDS (with "sectors" added).
CSV_COLUMNS = [
    ("nom", lambda r: r["name"]),
    ("description", lambda r: r["short_description"]),
    ("statut juridique", lambda r: LEGAL_FORMS.get(r["legal_form"], r["legal_form"])),
    ("structure d'insertion", lambda r: INSERTION_TYPES.get(r["insertion_type"], r["insertion_type"])),
    ("agrément ESUS", lambda r: "oui" if r["esus_approved"] else "non"),
    ("membre fondateur", lambda r: "oui" if r["is_founding_member"] else "non"),
    ("tranche d'effectif salarié", lambda r: r["headcount_band"]),
    ("année de création", lambda r: r["founded_year"] or ""),
    ("secteurs", lambda r: " ; ".join(r["sectors"])),
    ("adresse", lambda r: r["street_address"]),
    ("code postal", csv_postal_code),
    ("commune", lambda r: r["commune__name"] or ""),
    ("code INSEE", lambda r: r["commune__insee_code"] or ""),
    ("latitude", lambda r: csv_position(r)[0]),
    ("longitude", lambda r: csv_position(r)[1]),
    ("position", lambda r: csv_position(r)[2]),
    ("site web", lambda r: r["website"]),
    ("e-mail", lambda r: r["email"]),
    ("téléphone", lambda r: r["phone"]),
    ("SIRET", lambda r: r["siret"]),
    ("RNA", lambda r: r["rna"]),
    ("dernière vérification", lambda r: r["last_reviewed"].isoformat() if r["last_reviewed"] else ""),
]
CSV_FIELDS = [
    "pk",
    "name",
    "short_description",
    "legal_form",
    "insertion_type",
    "esus_approved",
    "is_founding_member",
    "headcount_band",
    "founded_year",
    "street_address",
    "postal_code",
    "commune__name",
    "commune__insee_code",
    "commune__postal_codes",
    "commune__latitude",
    "commune__longitude",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "siret",
    "rna",
    "last_reviewed",
]
CSV_CHUNK = 2000


def csv_rows(queryset):
    """The CSV's rows, read `CSV_CHUNK` actors at a time (only the columns the file has), each chunk's sectors
    in one more query: the memory holds one chunk, whatever the number of actors."""
    chunk = []
    for row in queryset.values(*CSV_FIELDS).iterator(chunk_size=CSV_CHUNK):
        chunk.append(row)
        if len(chunk) == CSV_CHUNK:
            yield from csv_chunk(chunk)
            chunk = []
    yield from csv_chunk(chunk)


def csv_chunk(rows):
    sectors = sectors_of(row["pk"] for row in rows) if rows else {}
    for row in rows:
        row["sectors"] = [name for _, name in sectors.get(row["pk"], [])]
        yield [value(row) for _, value in CSV_COLUMNS]


def directory(request, index_page):
    actor_filter = DirectoryFilter(request.GET)
    actor_filter.facets()
    listing = actor_filter.queryset.select_related("commune", *CARD_IMAGES).order_by("name", "pk")
    page_obj = paginate(request, CountedList(listing, actor_filter.total), PER_PAGE)
    actors = list(page_obj.object_list)
    prefetch_listing_renditions(actors, *CARD_IMAGES)
    sectors = sectors_of(actor.pk for actor in actors)
    legend = sector_legend(actor_filter.sector_names)
    for actor in actors:
        actor.listed_sectors = sectors.get(actor.pk, [])
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
            "result_count": actor_filter.total,
            "csv_url": reverse("actors_csv") + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
    )


def directory_csv(request):
    actors = DirectoryFilter(request.GET).queryset.order_by("name", "pk")
    return csv_stream_response("acteurs.csv", [heading for heading, _ in CSV_COLUMNS], csv_rows(actors))


def profile(request, index_page, actor, profile_page=None):
    if profile_page is None:
        profile_page = getattr(actor, "profile_page", None)
        profile_page = profile_page if profile_page is not None and profile_page.live else None
    actor_url = request.build_absolute_uri(index_page.actor_url(actor, request))
    prefetch_renditions(actor.cover_image, actor.logo)
    # What the profile shows beyond the record, read in two queries and kept together (one round trip to Redis).
    actor.areas_served, sectors, sector_colour = kept(
        request, "actor-profile", [actor.pk], lambda: (actor.read_areas_served(), *sectors_and_colour(actor))
    )
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
    actor_filter.facets()
    located = actor_filter.queryset.located().order_by("name", "pk")
    located = located.values_list("pk", "name", "slug", "commune__name", "latitude", named=True)
    index_page = section_page(request, ActorIndexPage)  # from the menu's query: none of its own
    embed = request.GET.get("embed") == "1"
    querystring = filter_querystring(actor_filter)
    # Counted as the matching actors less those without a position (few): no pass over every located actor.
    located_count = actor_filter.total - actor_filter.queryset.count_not_located()
    page_obj = paginate(request, CountedList(located, located_count), MAP_LIST_PER_PAGE)
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
    collection = cached_compressed_collection(DirectoryFilter(request.GET), site_url, profile_base_url)
    return compressed_geojson_response(request, collection)


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
    return csv_response(filename, CSV_HEADER, report_csv_rows(report, request.build_absolute_uri))
