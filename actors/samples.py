"""Fictional, clearly marked actors for tests, benchmarks (`generate_sample_actors`) and the demo under DEBUG."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from home.search_index import index_in_bulk
from home.text import normalize_for_search

from .choices import HeadcountBand, InsertionType, LegalForm
from .map_data import forget as forget_map_data
from .models import Actor, Commune, Epci, Sector
from .territory_data import load_territories

SAMPLE_PREFIX = "Exemple fictif"
SAMPLE_SOURCE = "Données fictives générées pour les essais (generate_sample_actors)"
KINDS = [
    ("Recyclerie", "Collecte, répare et revend à petit prix les objets dont on ne veut plus."),
    ("Épicerie solidaire", "Des produits du quotidien à prix réduits et un lieu de rencontre."),
    ("Garage solidaire", "Entretien et réparation de véhicules pour les personnes aux revenus modestes."),
    ("Café associatif", "Un lieu convivial où se tiennent ateliers, concerts et permanences."),
    ("Jardin d'insertion", "Maraîchage biologique et accompagnement vers l'emploi."),
    ("Atelier vélo", "Apprendre à réparer son vélo, et en trouver un d'occasion."),
    ("Coopérative d'habitants", "Un habitat partagé, géré ensemble par ses habitants."),
    ("Ressourcerie du bâtiment", "Réemploi de matériaux de construction."),
]
# The intercommunalities of the Sud-Gironde (those of the SCoT Sud-Gironde), where the demo's samples are placed.
SUD_GIRONDE_EPCIS = [
    "200043974",  # CC du Sud Gironde
    "200043982",  # CC du Bazadais
    "200044394",  # CC du Réolais en Sud Gironde
    "200069581",  # CC Convergence Garonne
    "200069599",  # CC Rurales de l'Entre-Deux-Mers
]
DEMO_SEED = 2010
# Small structures are the rule in the ESS: the bands a fictional sample draws from, the smallest most often.
SAMPLE_BANDS = (
    [HeadcountBand.NN] * 4
    + [HeadcountBand.ZERO, HeadcountBand.FROM_1, HeadcountBand.FROM_1] * 2
    + [
        HeadcountBand.FROM_3,
        HeadcountBand.FROM_3,
        HeadcountBand.FROM_6,
        HeadcountBand.FROM_10,
        HeadcountBand.FROM_20,
        HeadcountBand.FROM_50,
    ]
)
# The fictional samples were first published over these last days: the état des lieux then shows a growth.
SAMPLE_PUBLICATION_DAYS = 3 * 365
DEFAULT_SECTORS = ["Alimentation", "Mobilité", "Réemploi", "Culture", "Habitat", "Insertion par l'activité économique"]


@transaction.atomic
def generate_sample_actors(count: int, seed: int | None = None, communes=None) -> int:
    """`count` published actors in `communes` (a queryset; every commune of Gironde by default)."""
    rng = random.Random(seed)  # noqa: S311  (fictional data, not security)
    # The facts added later draw from their own sequence: the samples of a seed stay what they were.
    facts_rng = random.Random(None if seed is None else f"{seed}-facts")  # noqa: S311
    if not Commune.objects.exists():
        load_territories()
    communes = list(Commune.objects.all() if communes is None else communes)
    epci_ids = list(Epci.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.all()) or [
        Sector.objects.create(name=name, slug=slugify(name)) for name in DEFAULT_SECTORS
    ]
    start = Actor.objects.filter(slug__startswith="exemple-").count()
    now = timezone.now()
    actors = []
    for number in range(start + 1, start + count + 1):
        kind, description = rng.choice(KINDS)
        commune = rng.choice(communes)
        name = f"{SAMPLE_PREFIX} {number} — {kind} de {commune.name}"
        own_position = rng.random() < 0.6 and commune.latitude is not None
        legal_form = rng.choice(LegalForm.values)
        actors.append(
            Actor(
                name=name,
                slug=f"exemple-{number}",
                short_description=f"{description} (Structure fictive, pour les essais.)",
                legal_form=legal_form if rng.random() < 0.9 else "",
                insertion_type=rng.choice(InsertionType.values) if rng.random() < 0.25 else "",
                esus_approved=rng.random() < 0.2,
                commune=commune,
                street_address=f"{rng.randint(1, 80)} rue de l'Exemple" if rng.random() < 0.7 else "",
                latitude=commune.latitude + Decimal(rng.randint(-900, 900)) / 100000 if own_position else None,
                longitude=commune.longitude + Decimal(rng.randint(-900, 900)) / 100000 if own_position else None,
                website=f"https://exemple-{number}.example.org" if rng.random() < 0.5 else "",
                email=f"contact@exemple-{number}.example.org" if rng.random() < 0.6 else "",
                offers="Une salle de réunion, un véhicule utilitaire le week-end." if rng.random() < 0.3 else "",
                needs="Un local de stockage." if rng.random() < 0.3 else "",
                source=SAMPLE_SOURCE,
                search_text=normalize_for_search(f"{name} {description} {commune.name}"),
                headcount_band=facts_rng.choice(SAMPLE_BANDS) if facts_rng.random() < 0.7 else "",
                founded_year=facts_rng.randint(1901, now.year) if facts_rng.random() < 0.6 else None,
                live=True,
                first_published_at=now - timedelta(days=facts_rng.randint(0, SAMPLE_PUBLICATION_DAYS)),
                last_published_at=now,
            )
        )
    Actor.objects.bulk_create(actors, batch_size=500)
    SectorLink = Actor.sectors.through
    EpciLink = Actor.areas_served_epcis.through
    sector_links, epci_links = [], []
    for actor in actors:
        for sector in rng.sample(sectors, k=rng.randint(1, min(2, len(sectors)))):
            sector_links.append(SectorLink(actor_id=actor.pk, sector_id=sector.pk))
        if epci_ids and rng.random() < 0.15:
            epci_links.append(EpciLink(actor_id=actor.pk, epci_id=rng.choice(epci_ids)))
    SectorLink.objects.bulk_create(sector_links, batch_size=1000)
    EpciLink.objects.bulk_create(epci_links, batch_size=1000)
    index_in_bulk(Actor.objects.filter(pk__in=[actor.pk for actor in actors]))
    # Bulk inserts send no signal: tell the map's cache, now and once they are visible to others.
    forget_map_data()
    transaction.on_commit(forget_map_data)
    return len(actors)


def sud_gironde_communes():
    return Commune.objects.filter(epci__siren__in=SUD_GIRONDE_EPCIS)


def load_demo_samples(log) -> None:
    """About 150 fictional actors spread over the Sud-Gironde, once: a second run adds none."""
    if Actor.objects.filter(source=SAMPLE_SOURCE).exists():
        return
    created = generate_sample_actors(150, seed=DEMO_SEED, communes=sud_gironde_communes())
    log(f"Exemples fictifs : {created} acteurs dans les communes du Sud-Gironde.")
