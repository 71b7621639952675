"""The indicators computed from the club's activity: Mois de l'ESS events held, board offers fulfilled."""

from datetime import timedelta

from django.utils import timezone

from board.models import BoardPost
from news.models import EventPage, Indicator
from news.mois_ess.choices import EventStatus
from news.project.computed_indicators import compute


def test_mois_ess_events_held_counts_past_events_that_took_place(demo_content):
    meetings = EventPage.objects.live().get()  # the November 2010 meetings of the demo content
    assert compute("mois_ess_events") == 1
    indicator = Indicator.objects.get(computed_key="mois_ess_events")
    assert indicator.latest_reading().value == 1

    meetings.status = EventStatus.ANNULE
    meetings.save_revision().publish()
    assert compute("mois_ess_events") == 0


def test_mutualisation_offers_count_fulfilled_offers_only(db):
    def post(kind, status):
        return BoardPost.objects.create(
            title=f"{kind} {status}",
            description="Une remorque à prêter.",
            kind=kind,
            category="materiel",
            expires_on=timezone.localdate() + timedelta(days=30),
            contact_name="Sam",
            contact_email="sam@example.org",
            status=status,
            live=True,
        )

    post("offre", "ouvert")
    post("besoin", "pourvu")
    assert compute("mutualisation_offers") == 0
    post("offre", "pourvu")
    assert compute("mutualisation_offers") == 1
