"""The map's colours by sector: the legend under the map of actors, its markers and its list share them.

An actor takes the colour of its first sector by name (the one its popup and its line in the list name first);
an actor without a sector is grey. Past the palette's ten colours, the colours come round again: the legend,
the popups and the list always name the sectors in words, so a colour is never the only clue (RGAA 3.1).
"""

PALETTE_SIZE = 10  # static/css/site.css: .map-colour--0 to --9, and .map-colour--none


NO_SECTOR = {"key": "", "label": "Secteur non précisé", "colour": "none"}


def sector_legend(sector_names: dict[str, str]) -> list[dict]:
    """The sectors by name, each with its colour, then the grey of actors without a sector:
    [{"key": name, "label": name, "colour": index}, …, NO_SECTOR].

    The key is the name, as the GeoJSON's `sectors` property gives it (sorted by name): the map finds a marker's
    colour from its first sector without a property of its own (the 5,000 actors' file keeps its weight)."""
    names = sorted(sector_names.values())
    return [*({"key": name, "label": name, "colour": i % PALETTE_SIZE} for i, name in enumerate(names)), NO_SECTOR]


def colour_of(sectors: list[tuple[str, str]], legend: list[dict]) -> dict:
    """The legend entry of an actor's first sector (`sectors` as (slug, name), sorted by name)."""
    key = sectors[0][1] if sectors else ""
    return next((entry for entry in legend if entry["key"] == key), NO_SECTOR)


def published_sector_legend() -> list[dict]:
    """The legend of the whole directory (one query): a profile's colour is the one its actor has on the map."""
    from .models import Sector

    names = dict(Sector.objects.filter(actors__live=True).distinct().values_list("slug", "name"))
    return sector_legend(names)


def sectors_and_colour(actor) -> tuple[list, int | str]:
    """An actor's sectors by name and its profile's colour, in one query: the sectors that are the actor's or
    a published actor's (the directory's legend)."""
    from django.db.models import Exists, OuterRef, Q

    from .models import Actor, Sector

    links = Actor.sectors.through.objects.filter(sector=OuterRef("pk"))
    sectors = list(
        Sector.objects.annotate(
            is_actors=Exists(links.filter(actor=actor)), in_directory=Exists(links.filter(actor__live=True))
        )
        .filter(Q(is_actors=True) | Q(in_directory=True))
        .order_by("name")
    )
    legend = sector_legend({sector.slug: sector.name for sector in sectors if sector.in_directory})
    own = [sector for sector in sectors if sector.is_actors]
    return own, colour_of([(sector.slug, sector.name) for sector in own], legend)["colour"]


def profile_colour(sectors) -> int | str:
    """The colour of an actor's profile, from its sectors (Sector objects): its colour on the unfiltered map."""
    sectors = sorted(((sector.slug, sector.name) for sector in sectors), key=lambda sector: sector[1])
    return colour_of(sectors, published_sector_legend())["colour"]
