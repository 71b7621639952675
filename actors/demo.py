"""Demo content of the directory: territories, the three Pays, sectors and the six founding actors.

Facts come from the club's founding presentation, and the founders' communes from the public sources cited in
`data/README.md`; every field they do not state stays empty.
"""

from django.db import transaction

from home.demo import ensure_child_page
from home.models import HomePage

from .choices import InsertionType, LegalForm
from .filters import territory_value
from .models import (
    Actor,
    ActorIndexPage,
    ActorMapPage,
    ActorProposalPage,
    Commune,
    Pays,
    Sector,
    TerritoryReportPage,
)
from .territory_data import load_pays, load_territories

SOURCE = "Présentation fondatrice du Club ESS Sud-Gironde"

SECTORS = [
    ("Insertion par l'activité économique", "insertion"),
    ("Mobilité", "mobilite"),
    ("Formation", "formation"),
    ("Accompagnement à l'entrepreneuriat", "entrepreneuriat"),
    ("Réseau d'entreprises", "reseau-entreprises"),
]

# name, slug, description (the presentation's words), fields it states, sector slugs.
# The communes come from the public sources cited in data/README.md; the map places these actors at the town
# hall (an approximate position). The communes of Beauséjour – MFR, Trajectoire and VAL+ were not found: empty.
FOUNDING_ACTORS = [
    (
        "ADICHATS",
        "adichats",
        "Chantier d'insertion, et plus encore.",
        # An association, the facts say.
        {"insertion_type": InsertionType.ACI, "legal_form": LegalForm.ASSOCIATION, "commune": "33547"},  # Villandraut
        ["insertion"],
    ),
    (
        "Bouger c'est permis",
        "bouger-c-est-permis",
        "L'accès à la mobilité.",
        # An association of Langon, the facts say: its legal form is known too.
        {"legal_form": LegalForm.ASSOCIATION, "commune": "33227"},  # Langon
        ["mobilite"],
    ),
    (
        "Beauséjour – MFR",
        "mfr-beausejour",
        "Maison familiale rurale (MFR) et centre de formation.",
        # Every maison familiale rurale is an association.
        {"legal_form": LegalForm.ASSOCIATION},
        ["formation"],
    ),
    (
        "Co-Actions",
        "co-actions",
        "Coopérative d'entrepreneur·e·s, structure porteuse du projet de Club ESS Sud-Gironde.",
        {"legal_form": LegalForm.CAE, "commune": "33095"},  # Captieux
        ["entrepreneuriat"],
    ),
    ("Trajectoire", "trajectoire", "Le club d'entreprises du Sud-Gironde.", {}, ["reseau-entreprises"]),
    ("VAL+", "val-plus", "Entreprise d'insertion.", {"insertion_type": InsertionType.EI}, ["insertion"]),
]

FOUNDING_COMMUNES = [fields["commune"] for *_, fields, _ in FOUNDING_ACTORS if "commune" in fields]


def ensure_founding_actors() -> int:
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    communes = {commune.insee_code: commune for commune in Commune.objects.filter(insee_code__in=FOUNDING_COMMUNES)}
    created = 0
    for name, slug, description, stated, sector_slugs in FOUNDING_ACTORS:
        fields = {**stated, "commune": communes.get(stated.get("commune"))}
        existing = Actor.objects.filter(slug=slug).first()
        if existing is not None:
            place_in_commune(existing, fields["commune"])
            continue
        actor = Actor(
            name=name, slug=slug, short_description=description, is_founding_member=True, source=SOURCE, **fields
        )
        actor.sectors.set([sectors[s] for s in sector_slugs])
        actor.save()
        actor.save_revision().publish()
        created += 1
    return created


def place_in_commune(actor: Actor, commune: Commune | None) -> None:
    """Gives a founder created before its commune was known that commune, unless an editor set one."""
    if commune is None or actor.commune_id is not None:
        return
    actor.commune = commune
    if actor.live:
        actor.save_revision().publish()
    else:
        actor.save()


def ensure_index_page() -> ActorIndexPage:
    return ensure_child_page(
        ActorIndexPage,
        title="Annuaire des acteurs",
        slug="acteurs",
        show_in_menus=True,
        intro="Les structures de l'économie sociale et solidaire du Sud-Gironde : associations, coopératives, "
        "structures d'insertion, mutuelles… Cherchez par territoire, par secteur ou par statut.",
        search_description="L'annuaire des acteurs de l'économie sociale et solidaire du Sud-Gironde.",
    )


def ensure_map_page() -> ActorMapPage:
    return ensure_child_page(
        ActorMapPage,
        title="Carte des acteurs",
        slug="carte",
        show_in_menus=True,
        intro="Où sont les structures de l'économie sociale et solidaire du Sud-Gironde ? Filtrez par "
        "territoire, secteur ou statut ; la liste sous la carte donne les mêmes informations.",
        search_description="La carte des acteurs de l'économie sociale et solidaire du Sud-Gironde.",
    )


def ensure_proposal_page() -> ActorProposalPage:
    return ensure_child_page(
        ActorProposalPage,
        title="Référencer ma structure",
        slug="referencer",
        intro="<p>Votre structure fait partie de l'économie sociale et solidaire du Sud-Gironde et n'est pas "
        "encore dans l'annuaire ? Présentez-la ici. Un ou une bénévole du club vérifie chaque proposition, "
        "la complète si besoin, puis la publie dans l'annuaire et sur la carte.</p>",
        search_description="Proposer une structure de l'ESS du Sud-Gironde pour l'annuaire et la carte du club.",
    )


def ensure_report_page() -> TerritoryReportPage:
    return ensure_child_page(
        TerritoryReportPage,
        title="État des lieux de l'ESS",
        slug="etat-des-lieux",
        intro="Combien d'acteurs de l'économie sociale et solidaire compte le Sud-Gironde, dans quels secteurs, "
        "sous quels statuts, de quelle taille, et sur quels territoires ? Ces chiffres se calculent à chaque "
        "visite à partir des fiches publiées de l'annuaire : ils décrivent l'annuaire, pas toute l'ESS du "
        "territoire, et s'enrichissent à chaque fiche complétée.",
        search_description="L'état des lieux de l'économie sociale et solidaire du Sud-Gironde, tiré de "
        "l'annuaire du club : secteurs, statuts, tailles, territoires.",
    )


def home_card_links() -> dict[str, str]:
    """Card title -> address: a founder's profile, a Pays' actors in the directory."""
    index_url = ActorIndexPage.objects.live().first().url
    founders = Actor.objects.published().filter(is_founding_member=True).values_list("name", "slug")
    links = {name: f"{index_url}{slug}/" for name, slug in founders}
    for name, slug in Pays.objects.values_list("name", "slug"):
        links[name] = f"{index_url}?territoire={territory_value('pays', slug)}"
    return links


def link_home_cards() -> int:
    """Links the home page's cards named after a founder or a Pays (home/demo.py writes them without a link,
    since the floor knows no actor); a card an editor already linked keeps its link."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    links = home_card_links()
    linked = 0
    for block in home.body:
        if block.block_type != "cards":
            continue
        for card in block.value["cards"]:
            url = links.get(card["title"])
            if url and not card["link"].get("page") and not card["link"].get("url"):
                card["link"]["url"] = url
                if not card["text"] and "?territoire=" in url:
                    card["text"] = "Ses acteurs dans l'annuaire."
                linked += 1
    if linked:
        home.save_revision().publish()
    return linked


@transaction.atomic
def load(log) -> None:
    epcis, communes = load_territories()
    log(f"Territoires : {communes} communes et {epcis} intercommunalités de la Gironde.")
    members = load_pays()
    log("Pays : " + ", ".join(f"{name} ({count} communes connues)" for name, count in members.items()) + ".")
    for name, slug in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name})
    ensure_index_page()
    ensure_map_page()
    ensure_proposal_page()
    ensure_report_page()
    created = ensure_founding_actors()
    log(f"Annuaire : {created} acteurs fondateurs créés.")
    linked = link_home_cards()
    if linked:
        log(f"Accueil : {linked} cartes des fondateurs et des Pays mènent à leur fiche ou à l'annuaire filtré.")
