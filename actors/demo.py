"""Demo content of the directory: territories, the three Pays, sectors and the six founding actors.

Facts come only from the club's founding presentation; every field it does not state stays empty.
"""

from django.db import transaction
from wagtail.models import Site

from .choices import InsertionType, LegalForm
from .models import Actor, ActorIndexPage, ActorMapPage, ActorProposalPage, Pays, Sector
from .territory_data import load_territories

SOURCE = "Présentation fondatrice du Club ESS Sud-Gironde"

# The presentation names the Pays without their members: editors set them in Annuaire › Pays.
PAYS = [
    ("Pays Haut Entre-Deux-Mers", "pays-haut-entre-deux-mers"),
    ("Pays Rives de Garonne", "pays-rives-de-garonne"),
    ("Pays Landes de Gascogne", "pays-landes-de-gascogne"),
]

SECTORS = [
    ("Insertion par l'activité économique", "insertion"),
    ("Mobilité", "mobilite"),
    ("Formation", "formation"),
    ("Accompagnement à l'entrepreneuriat", "entrepreneuriat"),
    ("Réseau d'entreprises", "reseau-entreprises"),
]

# name, slug, description (the presentation's words), fields it states, sector slugs
FOUNDING_ACTORS = [
    (
        "ADICHATS",
        "adichats",
        "Chantier d'insertion, et plus encore.",
        {"insertion_type": InsertionType.ACI},
        ["insertion"],
    ),
    ("Bouger c'est permis", "bouger-c-est-permis", "L'accès à la mobilité.", {}, ["mobilite"]),
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
        {"legal_form": LegalForm.CAE},
        ["entrepreneuriat"],
    ),
    ("Trajectoire", "trajectoire", "Le club d'entreprises du Sud-Gironde.", {}, ["reseau-entreprises"]),
    ("VAL+", "val-plus", "Entreprise d'insertion.", {"insertion_type": InsertionType.EI}, ["insertion"]),
]


def ensure_founding_actors() -> int:
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    created = 0
    for name, slug, description, fields, sector_slugs in FOUNDING_ACTORS:
        if Actor.objects.filter(slug=slug).exists():
            continue
        actor = Actor(
            name=name, slug=slug, short_description=description, is_founding_member=True, source=SOURCE, **fields
        )
        actor.sectors.set([sectors[s] for s in sector_slugs])
        actor.save()
        actor.save_revision().publish()
        created += 1
    return created


def ensure_index_page() -> ActorIndexPage:
    index_page = ActorIndexPage.objects.first()
    if index_page is None:
        home = Site.objects.get(is_default_site=True).root_page
        index_page = ActorIndexPage(
            title="Annuaire des acteurs",
            slug="acteurs",
            show_in_menus=True,
            intro="Les structures de l'économie sociale et solidaire du Sud-Gironde : associations, coopératives, "
            "structures d'insertion, mutuelles… Cherchez par territoire, par secteur ou par statut.",
            search_description="L'annuaire des acteurs de l'économie sociale et solidaire du Sud-Gironde.",
        )
        home.add_child(instance=index_page)
        index_page.save_revision().publish()
    return index_page


def ensure_map_page() -> ActorMapPage:
    map_page = ActorMapPage.objects.first()
    if map_page is None:
        home = Site.objects.get(is_default_site=True).root_page
        map_page = ActorMapPage(
            title="Carte des acteurs",
            slug="carte",
            show_in_menus=True,
            intro="Où sont les structures de l'économie sociale et solidaire du Sud-Gironde ? Filtrez par "
            "territoire, secteur ou statut ; la liste sous la carte donne les mêmes informations.",
            search_description="La carte des acteurs de l'économie sociale et solidaire du Sud-Gironde.",
        )
        home.add_child(instance=map_page)
        map_page.save_revision().publish()
    return map_page


def ensure_proposal_page() -> ActorProposalPage:
    page = ActorProposalPage.objects.first()
    if page is None:
        home = Site.objects.get(is_default_site=True).root_page
        page = ActorProposalPage(
            title="Référencer ma structure",
            slug="referencer",
            intro="<p>Votre structure fait partie de l'économie sociale et solidaire du Sud-Gironde et n'est pas "
            "encore dans l'annuaire ? Présentez-la ici. Un ou une bénévole du club vérifie chaque proposition, "
            "la complète si besoin, puis la publie dans l'annuaire et sur la carte.</p>",
            search_description="Proposer une structure de l'ESS du Sud-Gironde pour l'annuaire et la carte du club.",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def load(log) -> None:
    epcis, communes = load_territories()
    log(f"Territoires : {communes} communes et {epcis} intercommunalités de la Gironde.")
    for name, slug in PAYS:
        Pays.objects.get_or_create(slug=slug, defaults={"name": name})
    for name, slug in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name})
    ensure_index_page()
    ensure_map_page()
    ensure_proposal_page()
    created = ensure_founding_actors()
    log(f"Annuaire : {created} acteurs fondateurs créés.")
