"""Fictional, clearly marked news and Mois de l'ESS events for tests and benchmarks.

`generate_sample_news` files news under the news index, across the phases and topics that exist;
`generate_sample_events` files events in editions of the Mois de l'ESS (past ones and the next one),
held in communes of Gironde, some organised by actors of the directory. Both are deterministic for
a given seed. Pages are added to the tree already live, without revisions and outside Wagtail's
reference index (the admin's "usage" of images and snippets, which fictional pages never need):
the per-page publishing of Wagtail would make a few hundred pages take minutes. They are searchable.
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update

from actors.models import Actor, Commune
from actors.samples import DEMO_SEED, sud_gironde_communes
from actors.territory_data import load_territories

from .demo import TOPICS, ensure_news_index
from .models import EventOrganiser, EventPage, MoisEssEditionPage, NewsPage, NewsPageActor, Phase, Topic
from .models.events import today_in_paris
from .mois_ess.choices import AttendanceMode, EventStatus, EventType
from .mois_ess.demo import ensure_index_page as ensure_mois_ess_index

SAMPLE_PREFIX = "Exemple fictif"
NEWS_SLUG_PREFIX = "exemple-actualite-"
EVENT_SLUG_PREFIX = "exemple-evenement-"
EARLIEST_NEWS = date(2010, 1, 1)

NEWS_SUBJECTS = [
    (
        "Réunion du groupe de pilotage",
        "Le groupe de pilotage a fait le point sur les actions engagées et les suivantes.",
    ),
    (
        "Atelier de mutualisation",
        "Des structures ont mis en commun leurs besoins en matériel, en locaux et en véhicules.",
    ),
    ("Visite d'un chantier d'insertion", "Une matinée pour découvrir un chantier d'insertion et ses encadrants."),
    ("Nouveaux adhérents", "Trois structures rejoignent le club et présentent leurs activités aux autres membres."),
    ("Petit-déjeuner des acteurs", "Un moment d'échange informel pour apprendre à se connaître entre voisins."),
    ("Formation à la gestion associative", "Une journée sur la comptabilité et les demandes de subvention."),
    ("Diagnostic partagé", "Les premiers résultats de l'état des lieux des acteurs ont été présentés et discutés."),
]
PARAGRAPHS = [
    "Les participants ont échangé sur leurs pratiques et sur ce qu'ils pourraient faire ensemble.",
    "Chacun est reparti avec des contacts et l'envie de prolonger la discussion lors d'une prochaine rencontre.",
    "Le compte rendu est disponible auprès du club ; n'hésitez pas à le demander.",
    "Cette rencontre s'inscrit dans la démarche du club : mutualiser pour mieux se professionnaliser.",
]
EVENT_SUBJECTS = [
    (EventType.RENCONTRE, "Rencontre des acteurs de l'ESS", "Une soirée pour découvrir les structures du territoire."),
    (EventType.CONFERENCE, "Table ronde sur l'emploi local", "Élus, entreprises et associations débattent."),
    (EventType.ATELIER, "Atelier de réparation", "Apprendre à réparer soi-même, avec l'aide de bénévoles."),
    (EventType.FORUM, "Forum de l'économie solidaire", "Les stands des acteurs de l'ESS, de 10 h à 17 h."),
    (EventType.VISITE, "Portes ouvertes d'une recyclerie", "Visiter les ateliers et rencontrer l'équipe."),
    (EventType.PROJECTION, "Projection-débat", "Un documentaire sur les coopératives, suivi d'un échange."),
    (EventType.FORMATION, "Initiation à la création de coopérative", "Les bases pour se lancer à plusieurs."),
    (EventType.AUTRE, "Marché solidaire", "Producteurs locaux et artisans de l'insertion, sur la place du village."),
]
VENUES = ["Salle des fêtes", "Tiers-lieu fictif", "Médiathèque", "Foyer rural", "Maison des associations"]


def _body(rng, intro):
    paragraphs = rng.sample(PARAGRAPHS, k=2)
    html = "".join(f"<p>{text}</p>" for text in [intro, *paragraphs])
    return [("paragraph", RichText(html + "<p>(Texte fictif, pour les essais.)</p>"))]


def _next_number(slug_prefix):
    """Numbers continue after the samples already made, so that a second run adds pages."""
    return Page.objects.filter(slug__startswith=slug_prefix).count() + 1


def _add_live(parent, page):
    """Published now: one after the other, as an editor would, so that no two share a publication instant."""
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = timezone.now()
    with disable_reference_index_auto_update():
        parent.add_child(instance=page)
    return page


@transaction.atomic
def generate_sample_news(count: int, seed: int | None = None) -> int:
    rng = random.Random(seed)  # noqa: S311  (fictional data, not security)
    index_page = ensure_news_index()
    phases = list(Phase.objects.order_by("sort_order"))
    topics = list(Topic.objects.all()) or [
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in TOPICS
    ]
    communes = list(Commune.objects.values_list("name", flat=True)) or ["Langon"]
    founders = list(Actor.objects.published().filter(is_founding_member=True))
    actors = list(Actor.objects.published().order_by("pk")[:500])
    today = timezone.localdate()
    start = _next_number(NEWS_SLUG_PREFIX)
    for number in range(start, start + count):
        subject, intro = rng.choice(NEWS_SUBJECTS)
        phase = rng.choice([*phases, None])
        first = phase.start_date if phase else EARLIEST_NEWS
        last = min(phase.end_date or today, today) if phase else today
        day = first + timedelta(days=rng.randint(0, max((last - first).days, 0)))
        news = NewsPage(
            title=f"{SAMPLE_PREFIX} {number} — {subject} à {rng.choice(communes)}",
            slug=f"{NEWS_SLUG_PREFIX}{number}",
            date=day,
            phase=phase,
            intro=f"{intro} (Actualité fictive, pour les essais.)",
            body=_body(rng, intro),
        )
        news.topics = rng.sample(topics, k=rng.randint(1, min(2, len(topics))))
        # The founding members take part in much of the club's life: their profiles list many news.
        pool = founders if founders and rng.random() < 0.5 else actors
        news.related_actors = [
            NewsPageActor(actor=actor) for actor in rng.sample(pool, k=min(rng.randint(0, 2), len(pool)))
        ]
        _add_live(index_page, news)
    return count


def sample_edition_years(today: date) -> list[int]:
    """Two past editions, this year's, and the next one: there are always events to come."""
    return [today.year - 2, today.year - 1, today.year, today.year + 1]


def ensure_edition(index_page, year: int) -> MoisEssEditionPage:
    edition = MoisEssEditionPage.objects.filter(year=year).first()
    if edition is not None and not edition.live:
        # A draft edition (the demo's edition of the year, say) that samples fill goes public with them.
        edition.save_revision().publish()
    if edition is None:
        edition = _add_live(
            index_page,
            MoisEssEditionPage(
                title=f"Mois de l'ESS {year}",
                year=year,
                slug=str(year),
                intro=f"Exemple fictif : le programme {year} du Mois de l'ESS en Sud-Gironde, pour les essais.",
            ),
        )
    return edition


def _event_times(rng):
    """(start time, end time): a third of the events last the whole day."""
    if rng.random() < 0.33:
        return None, None
    start = time(rng.choice([9, 10, 14, 18, 20]), rng.choice([0, 30]))
    return start, time(start.hour + 2, start.minute) if rng.random() < 0.7 else None


@transaction.atomic
def generate_sample_events(count: int, seed: int | None = None, communes=None) -> int:
    """`count` events in `communes` (a queryset; every commune of Gironde by default)."""
    rng = random.Random(seed)  # noqa: S311  (fictional data, not security)
    if not Commune.objects.exists():
        load_territories()
    communes = list((Commune.objects.all() if communes is None else communes).exclude(latitude=None))
    actors = list(Actor.objects.published().order_by("pk")[:500])
    index_page = ensure_mois_ess_index()
    editions = [ensure_edition(index_page, year) for year in sample_edition_years(today_in_paris())]
    start = _next_number(EVENT_SLUG_PREFIX)
    organisers = []
    for number in range(start, start + count):
        edition = rng.choice(editions)
        event_type, subject, summary = rng.choice(EVENT_SUBJECTS)
        commune = rng.choice(communes)
        start_day = date(edition.year, 11, rng.randint(1, 28))
        start_time, end_time = _event_times(rng)
        mode = rng.choices(AttendanceMode.values, weights=[8, 1, 1])[0]
        located = mode != AttendanceMode.EN_LIGNE and rng.random() < 0.8
        free = rng.random() < 0.6
        event = EventPage(
            title=f"{SAMPLE_PREFIX} {number} — {subject} à {commune.name}",
            slug=f"{EVENT_SLUG_PREFIX}{number}",
            event_type=event_type,
            summary=f"{summary} (Événement fictif, pour les essais.)",
            status=rng.choices(EventStatus.values, weights=[18, 1, 1])[0],
            start_date=start_day,
            start_time=start_time,
            end_date=start_day + timedelta(days=1) if start_time is None and rng.random() < 0.2 else None,
            end_time=end_time,
            attendance_mode=mode,
            online_url=f"https://visio.example.org/exemple-{number}" if mode != AttendanceMode.SUR_PLACE else "",
            venue_name=rng.choice(VENUES) if mode != AttendanceMode.EN_LIGNE else "",
            street_address=f"{rng.randint(1, 40)} place de l'Exemple" if mode != AttendanceMode.EN_LIGNE else "",
            commune=commune if mode != AttendanceMode.EN_LIGNE else None,
            latitude=commune.latitude + Decimal(rng.randint(-500, 500)) / 100000 if located else None,
            longitude=commune.longitude + Decimal(rng.randint(-500, 500)) / 100000 if located else None,
            registration_url=f"https://exemple-{number}.example.org/inscription" if rng.random() < 0.3 else "",
            is_free=free,
            price=None if free else Decimal(rng.choice([2, 5, 8])),
            accessibility="Salle de plain-pied, accessible en fauteuil." if rng.random() < 0.5 else "",
            description=_body(rng, summary),
        )
        _add_live(edition, event)
        for order, actor in enumerate(rng.sample(actors, k=min(rng.choice([0, 0, 1, 2]), len(actors)))):
            organisers.append(EventOrganiser(page=event, actor=actor, sort_order=order))
    EventOrganiser.objects.bulk_create(organisers, batch_size=500)
    return count


def load_demo_samples(log) -> None:
    """Fictional news across the phases and events in the editions around this year's, once each."""
    if not NewsPage.objects.filter(slug__startswith=NEWS_SLUG_PREFIX).exists():
        log(f"Exemples fictifs : {generate_sample_news(30, seed=DEMO_SEED)} actualités.")
    if not EventPage.objects.filter(slug__startswith=EVENT_SLUG_PREFIX).exists():
        created = generate_sample_events(40, seed=DEMO_SEED, communes=sud_gironde_communes())
        log(f"Exemples fictifs : {created} événements du Mois de l'ESS.")
