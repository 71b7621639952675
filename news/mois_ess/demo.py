"""Demo content of the Mois de l'ESS: the section, the 2010 edition and its meetings, from the founding presentation.

The presentation says only this: in November 2010, as part of the CNCRES' Mois de l'ESS, the meetings « Agir,
Entreprendre et Créer Autrement dans le Sud Gironde » started a collective awareness. Day, place, organisers
and price are not stated, so they stay empty; the event is dated by its month only. No event is invented.
This year's edition is created as an unpublished draft, so that volunteers add its events where they belong.
"""

from datetime import date

from django.db import transaction
from wagtail.rich_text import RichText

from home.demo import ensure_child_page

from ..models import EventPage, EventProposalPage, MoisEssEditionPage, MoisEssIndexPage
from ..models.events import today_in_paris
from .choices import AttendanceMode, DatePrecision, EventType

MEETINGS_TITLE = "Agir, Entreprendre et Créer Autrement dans le Sud Gironde"
MEETINGS_SLUG = "agir-entreprendre-et-creer-autrement"


def ensure_index_page() -> MoisEssIndexPage:
    return ensure_child_page(
        MoisEssIndexPage,
        title="Mois de l'ESS",
        slug="mois-de-l-ess",
        show_in_menus=True,
        intro="Chaque mois de novembre, le Mois de l'économie sociale et solidaire fait connaître ses acteurs "
        "partout en France. Voici le programme du Sud-Gironde, édition par édition : à ajouter à votre agenda.",
        search_description="Le programme du Mois de l'ESS en Sud-Gironde, édition par édition.",
    )


def ensure_first_edition(index_page) -> MoisEssEditionPage:
    edition = MoisEssEditionPage.objects.filter(year=2010).first()
    if edition is None:
        edition = MoisEssEditionPage(
            title="Mois de l'ESS 2010",
            year=2010,
            slug="2010",
            intro="En novembre 2010, dans le cadre des manifestations du Mois de l'ESS de la CNCRES, les rencontres "
            "« Agir, Entreprendre et Créer Autrement dans le Sud Gironde » ont initié une prise de conscience "
            "collective : le Club ESS Sud-Gironde en est né.",
        )
        index_page.add_child(instance=edition)
        edition.save_revision().publish()
    return edition


def ensure_current_edition(index_page) -> MoisEssEditionPage:
    """This year's edition, a draft to fill: nothing about it is known yet, so it says so and stays unpublished."""
    year = today_in_paris().year
    edition = MoisEssEditionPage.objects.filter(year=year).first()
    if edition is None:
        edition = MoisEssEditionPage(
            title=f"Mois de l'ESS {year}",
            year=year,
            slug=str(year),
            live=False,
            intro=f"Le programme de novembre {year} en Sud-Gironde, en préparation : rencontres, ateliers, visites "
            "pour découvrir l'économie sociale et solidaire près de chez vous.",
        )
        index_page.add_child(instance=edition)
        edition.save_revision()
    return edition


def ensure_meetings(edition) -> bool:
    if EventPage.objects.filter(slug=MEETINGS_SLUG).exists():
        return False
    event = EventPage(
        title=MEETINGS_TITLE,
        slug=MEETINGS_SLUG,
        event_type=EventType.RENCONTRE,
        summary="Les rencontres du Mois de l'ESS 2010 en Sud-Gironde, d'où est né le projet de Club ESS Sud-Gironde.",
        start_date=date(2010, 11, 1),
        end_date=date(2010, 11, 30),
        date_precision=DatePrecision.MOIS,
        attendance_mode=AttendanceMode.SUR_PLACE,
        description=[
            (
                "paragraph",
                RichText(
                    "<p>En novembre 2010, dans le cadre des manifestations du Mois de l'ESS de la CNCRES, les "
                    "rencontres « Agir, Entreprendre et Créer Autrement dans le Sud Gironde » ont initié une prise "
                    "de conscience collective :</p>"
                    "<ul>"
                    "<li>sur la diversité des acteurs sociaux ;</li>"
                    "<li>sur leurs interactions avec l'activité économique sur le territoire ;</li>"
                    "<li>sur les problématiques du fonctionnement quotidien ;</li>"
                    "<li>et sur l'intérêt de créer un espace de partage et de mutualisation qui peut aider à "
                    "rompre « l'isolement ».</li>"
                    "</ul>"
                ),
            )
        ],
    )
    edition.add_child(instance=event)
    event.save_revision().publish()
    return True


@transaction.atomic
def ensure_proposal_page(index_page) -> EventProposalPage:
    return ensure_child_page(
        EventProposalPage,
        index_page,
        title="Proposer un événement",
        slug="proposer",
        intro="<p>Vous organisez en Sud-Gironde une rencontre, un atelier, une visite ou un forum pour faire "
        "connaître l'économie sociale et solidaire pendant le Mois de l'ESS ? Présentez-le ici. Un ou une "
        "bénévole du club vérifie chaque proposition, la complète si besoin, puis la publie au programme.</p>",
        search_description="Proposer un événement pour le programme du Mois de l'ESS en Sud-Gironde.",
    )


def load(log) -> None:
    index_page = ensure_index_page()
    ensure_proposal_page(index_page)
    edition = ensure_first_edition(index_page)
    created = ensure_meetings(edition)
    log(f"Mois de l'ESS : édition 2010{', rencontres de novembre 2010 créées' if created else ''}.")
    current = ensure_current_edition(index_page)
    log(f"Mois de l'ESS : édition {current.year} {'publiée' if current.live else 'en brouillon, à compléter'}.")
