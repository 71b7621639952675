"""The admin listings volunteers use to find pages: news by phase of the project, events by edition."""

from datetime import date

from django.urls import reverse

from news.models import EventPage, MoisEssEditionPage, NewsPage, Phase


def test_news_are_listed_and_filtered_by_phase(admin_client_logged, project_site):
    engineering = Phase.objects.get(name="Ingénierie")
    listing = reverse("news_pages:index")
    everything = admin_client_logged.get(listing).content.decode()
    for news in NewsPage.objects.all():
        assert news.title.replace("'", "&#x27;")[:30] in everything
    filtered = admin_client_logged.get(listing, {"phase": engineering.pk}).content.decode()
    for news in NewsPage.objects.all():
        shown = news.title.replace("'", "&#x27;")[:30] in filtered
        assert shown == (news.phase_id == engineering.pk), news.title
    assert "Phase du projet" in filtered


def test_events_are_filtered_by_edition(admin_client_logged, project_site):
    from news.mois_ess import demo as event_demo

    event_demo.load(lambda message: None)
    section = MoisEssEditionPage.objects.get(year=2010).get_parent()
    edition = MoisEssEditionPage(title="Mois de l'ESS 2031", year=2031, slug="2031")
    section.add_child(instance=edition)
    edition.add_child(instance=EventPage(title="Forum 2031 des initiatives", start_date=date(2031, 11, 5)))

    listing = reverse("mois_ess_events:index")
    assert "Forum 2031 des initiatives" in admin_client_logged.get(listing).content.decode()
    filtered = admin_client_logged.get(listing, {"edition": MoisEssEditionPage.objects.get(year=2010).pk})
    html = filtered.content.decode()
    assert "Forum 2031 des initiatives" not in html
    assert "Agir, Entreprendre et Créer Autrement" in html
