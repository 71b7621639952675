"""Fixtures of the Mois de l'ESS tests: the demo section and an edition whose events are all upcoming."""

import pytest

from news.models import MoisEssEditionPage, MoisEssIndexPage
from news.models.events import today_in_paris


def next_year() -> int:
    return today_in_paris().year + 1


@pytest.fixture
def section(demo_content):
    return MoisEssIndexPage.objects.get()


@pytest.fixture
def edition(section):
    """Next year's edition, so that its events are upcoming whatever the day the tests run."""
    page = MoisEssEditionPage(title=f"Mois de l'ESS {next_year()}", year=next_year(), slug=str(next_year()))
    section.add_child(instance=page)
    page.save_revision().publish()
    return page
