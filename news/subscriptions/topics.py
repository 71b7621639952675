"""What one may follow, as form choices and as words: the phases, the topics and the territories.

A territory is written as the directory's and the agenda's filters write it (`pays-<slug>`, `epci-<SIREN>`);
"" follows the whole territory.
"""

from actors.filters import epci_label, parse_territory, pays_of_epcis, territory_value
from actors.models import Epci, Pays

from ..models import FollowKind, Phase, Topic

WHOLE_TERRITORY = "tout"


def phase_choices() -> list[tuple[str, str]]:
    return list(Phase.objects.order_by("sort_order", "start_date").values_list("slug", "name"))


def topic_choices() -> list[tuple[str, str]]:
    return list(Topic.objects.order_by("name").values_list("slug", "name"))


def territory_choices() -> list:
    """The Pays and the intercommunalités, grouped, after « not followed » and « the whole territory »."""
    pays = [
        (territory_value("pays", slug), name)
        for slug, name in Pays.objects.order_by("name").values_list("slug", "name")
    ]
    pays_of_epci = pays_of_epcis()
    epcis = sorted(
        (
            (territory_value("epci", siren), epci_label(name, pays_of_epci.get(siren, ())))
            for siren, name in Epci.objects.values_list("siren", "name")
        ),
        key=lambda item: item[1],
    )
    groups = [("Pays", pays), ("Intercommunalités", epcis)]
    return [("", "Ne pas suivre"), (WHOLE_TERRITORY, "Tout le territoire")] + [
        (label, options) for label, options in groups if options
    ]


def territory_name(value: str) -> str:
    territory = parse_territory(value) if value else None
    if territory is None:
        return "tout le territoire"
    kind, code = territory
    if kind == "pays":
        name = Pays.objects.filter(slug=code).values_list("name", flat=True).first()
    else:
        name = Epci.objects.filter(siren=code).values_list("name", flat=True).first()
    return name or "un territoire qui n'existe plus"


def follow_label(kind: str, value: str) -> str:
    if kind == FollowKind.ALL_NEWS:
        return "toutes les actualités"
    if kind == FollowKind.PHASE:
        name = Phase.objects.filter(slug=value).values_list("name", flat=True).first() or value
        return f"les actualités de la phase « {name} »"
    if kind == FollowKind.TOPIC:
        name = Topic.objects.filter(slug=value).values_list("name", flat=True).first() or value
        return f"les actualités du thème « {name} »"
    if kind == FollowKind.AGENDA:
        return f"l'agenda du Mois de l'ESS : {territory_name(value)}"
    return f"les nouveaux acteurs : {territory_name(value)}"
