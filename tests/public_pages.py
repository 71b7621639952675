"""Every public page type of the site, once: the accessibility, HTML validity and query-budget checks walk this list.

A new page type is one line in PUBLIC_PAGES: its name (used in messages and artifact file names),
an address that exists once `build_public_site()` has run (a function when it depends on the data
or the date), and its query budget. The budget is the most queries one anonymous request may make;
the query-budget test also checks that the number stays the same whether the site has a handful of
actors, news and events or hundreds (`add_volume`). Files that are not HTML (`html=False`) have a
query budget only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from actors.samples import generate_sample_actors
from board.samples import generate_sample_answers, generate_sample_board_posts
from news.samples import generate_sample_events, generate_sample_news

CONTENT_PAGE_SLUG = "le-club"
RICH_PROFILE_SLUG = "trajectoire"  # a founding actor whose profile has a page of its own (text beyond its record)
NEWS_SLUG = "un-noyau-d-acteurs-lance-la-co-construction"  # demo news with a phase, topics and actors
EVENT_SLUG = "forum-de-l-ess-a-langon"
POST_TITLE = "Une salle de réunion à partager le mardi"
SMALL = 24  # fictional actors beside the six founding ones, so that every filter has something to list
SMALL_NEWS, SMALL_EVENTS, SMALL_POSTS = 3, 4, 3  # and a few news, events (one per sample edition) and posts
SMALL_ANSWERS = 12  # answers to the needs questionnaire: enough for the état des lieux to count them


def coming_year() -> int:
    """The year of the sample edition still to come (`news.samples.sample_edition_years`)."""
    from news.models.events import today_in_paris

    return today_in_paris().year + 1


def record_check_path(suffix: str = "") -> str:
    """A fresh « Vérifiez votre fiche » link of a founding actor (each call makes one, as each e-mail does)."""
    from actors import record_checks
    from actors.models import Actor, RecordCheck

    actor = Actor.objects.get(slug="co-actions")
    check = RecordCheck.objects.create(actor=actor, recipient="public", fingerprint=record_checks.fingerprint(actor))
    return record_checks.link_path(check) + suffix


def subscription_path(purpose: str) -> str:
    """A fresh link of a subscription e-mail (each call makes a subscriber, as each request does)."""
    import secrets

    from django.utils import timezone

    from news.models import Subscriber
    from news.subscriptions import links, subscribing

    pending = purpose == "confirm"
    subscriber = Subscriber.objects.create(
        email=f"abonne-{secrets.token_hex(4)}@example.org", confirmed_at=None if pending else timezone.now()
    )
    subscribing.set_follows(subscriber, [("actualites", ""), ("agenda", "")])
    return links.path(subscriber, purpose)


def board_post_path() -> str:
    from board.models import BoardPost

    return f"/mutualisation/{BoardPost.objects.get(title=POST_TITLE).pk}/"


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str | Callable[[], str]
    budget: int
    status: int = 200
    follow: bool = False  # its address redirects (a link that opens a session): the page is where it leads
    html: bool = True
    site_header: bool = True  # the printable programme has neither the site's header nor its menu

    @property
    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


# Budgets are counted with an empty cache (the worst case, after any publication): a page of the tree makes
# 4 queries then, whatever its depth: the site with its root paths and settings (home/site_lookup.py), the pages of
# its address with their view restrictions (home/routing.py), the page itself, and the home page's children for the
# menu, the footer and the links to the sections (home/navigation.py).
PUBLIC_PAGES = [
    # The {% breadcrumbs %} trail comes from the pages the routing read. The pages with a picture (add_images) read it and its renditions: two queries (home/images.py).
    PublicPage("accueil", "/", budget=5),
    # The directory's facets are counted by the database (four aggregate queries: status, insertion and band
    # together, sectors, territories, their names), then a page of actors with their pictures and their sectors,
    # and the pictures' renditions in one query, whatever the cards.
    PublicPage("annuaire", "/acteurs/", budget=11),
    PublicPage("annuaire-filtre", "/acteurs/?secteur=mobilite&statut=&page=1", budget=11),
    # A profile: the directory's page, the actor, its areas (Pays and EPCI in one union), its sectors with the
    # directory's (one query: its placeholder has the colour the actor has on the map), its news, upcoming events and
    # board posts (one query each).
    PublicPage("fiche-acteur", "/acteurs/co-actions/", budget=10),
    PublicPage("fiche-acteur-detaillee", f"/acteurs/{RICH_PROFILE_SLUG}/", budget=11),
    # The facets' four queries, the located actors counted, a page of them and their sectors; the directory's link
    # comes from the menu's query (home.navigation.section_page).
    PublicPage("carte", "/carte/", budget=12),
    # Built from a handful of queries, then cached until the directory changes.
    PublicPage("carte-geojson", "/carte/acteurs.geojson", budget=4, html=False),
    PublicPage("referencer", "/referencer/", budget=7),
    # « Vérifiez votre fiche »: the request and its record, then the corrections form (its lists of choices).
    # Counted with the e-mail's link that leads to it: the link reads the request and saves the session (three
    # queries), then the page reads the session (one) and the request with its record.
    PublicPage("verifier-ma-fiche", record_check_path, budget=13, follow=True),
    PublicPage("corriger-ma-fiche", lambda: record_check_path("corriger/"), budget=17, follow=True),
    # The directory's facets (four aggregate queries, the sectors and territories counted by headcount band, which
    # gives the tables by band and the actors without a sector too), the sectors' names when a territory is
    # chosen, the publications by month, the directory's address; « Leurs attentes » (six: the needs, the
    # answers, their needs, the Pays of their communes, the Pays, the board's pages).
    PublicPage("etat-des-lieux", "/etat-des-lieux/", budget=18),
    PublicPage("etat-des-lieux-filtre", "/etat-des-lieux/?territoire=pays-pays-rives-de-garonne", budget=19),
    PublicPage("etat-des-lieux-csv", "/etat-des-lieux/chiffres.csv", budget=14, html=False),
    # The needs questionnaire: its form lists the directory's actors, the communes and the needs.
    PublicPage("questionnaire-besoins", "/vos-besoins/", budget=8),
    PublicPage("actualites", "/actualites/", budget=11),  # the cards' pictures' renditions: one query
    # A news page (with its phase and picture), its picture's renditions, its neighbours in its phase (two), its
    # topics, its actors; the project page and the directory come from the navigation's query.
    PublicPage("actualite", f"/actualites/{NEWS_SLUG}/", budget=9),  # and its picture (two)
    # The project: phases with their budget and financing lines, indicators, four computed indicators.
    PublicPage("projet", "/projet/", budget=16),
    # The section: the filters' options (years, territories), the events shown, the editions and their counts.
    # One query of the budget tells the territory filter which intercommunalities lie across two Pays.
    PublicPage("mois-de-l-ess", "/mois-de-l-ess/", budget=17),  # and the cards' pictures' renditions (one)
    PublicPage("edition", lambda: f"/mois-de-l-ess/{coming_year()}/", budget=7),
    PublicPage(
        "programme-imprimable", lambda: f"/mois-de-l-ess/{coming_year()}/programme/", budget=5, site_header=False
    ),
    # An event (with its picture and commune), its organisers, its picture's renditions; the directory from the menu.
    PublicPage("evenement", lambda: f"/mois-de-l-ess/{coming_year()}/{EVENT_SLUG}/", budget=6),
    PublicPage("proposer-un-evenement", "/mois-de-l-ess/proposer/", budget=6),
    PublicPage("mutualisation", "/mutualisation/", budget=9),  # one for the Pays of each intercommunality
    PublicPage("annonce", board_post_path, budget=6),
    # Subscriptions: the form lists the phases, the topics, the Pays and the intercommunalities (and the Pays
    # of each); a link's page reads its subscriber and what it follows.
    PublicPage("abonnement", "/abonnement/", budget=8),
    PublicPage("confirmer-abonnement", lambda: subscription_path("confirm"), budget=5),
    PublicPage("gerer-abonnement", lambda: subscription_path("manage"), budget=10),
    PublicPage("se-desabonner", lambda: subscription_path("unsubscribe"), budget=3),
    PublicPage("contact", "/contact/", budget=6),
    PublicPage("adherer", "/adherer/", budget=6),
    PublicPage("donnees-ouvertes", "/donnees-ouvertes/", budget=4),
    PublicPage("page-de-contenu", f"/{CONTENT_PAGE_SLUG}/", budget=4),
    # Search: two queries per kind of result, and the view restrictions of news and events (see test_search).
    # Every kind has results for "exemple" (the samples' titles), with little data as with much.
    # The sample actors are in the search index as soon as they are made: their group has results to show.
    PublicPage("recherche", "/recherche/?q=exemple", budget=18),
    PublicPage("page-introuvable", "/cette-page-n-existe-pas/", budget=5, status=404),
]


def build_public_site(home_page):
    """Content that every page type of PUBLIC_PAGES needs, on top of the demo content."""
    from actors.models import Actor
    from home.models import ContentPage

    if Actor.objects.filter(slug__startswith="exemple-").exists():
        return
    generate_sample_actors(SMALL, seed=SMALL)
    generate_sample_news(SMALL_NEWS, seed=SMALL)
    generate_sample_events(SMALL_EVENTS, seed=SMALL)
    generate_sample_board_posts(SMALL_POSTS, seed=SMALL)
    generate_sample_answers(SMALL_ANSWERS, seed=SMALL)
    if not ContentPage.objects.filter(slug=CONTENT_PAGE_SLUG).exists():
        page = ContentPage(
            title="Le club",
            slug=CONTENT_PAGE_SLUG,
            intro="Apprendre à se connaître pour être capable de faire des choses ensemble.",
            body=[
                ("heading", {"text": "Une communauté de partage", "level": "h2"}),
                (
                    "paragraph",
                    RichText("<p>Un espace de partage et de mutualisation qui aide à rompre l'isolement.</p>"),
                ),
                ("quote", {"text": "Mutualiser pour mieux se professionnaliser.", "attribution": "Le club"}),
            ],
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
    add_rich_profile()
    add_event()
    add_board_post()
    add_images()


def add_rich_profile():
    from actors.models import Actor, ActorIndexPage, ActorProfilePage

    actor = Actor.objects.get(slug=RICH_PROFILE_SLUG)
    page = ActorProfilePage(
        title=actor.name,
        actor=actor,
        body=[
            ("heading", {"text": "Notre histoire", "level": "h2"}),
            ("paragraph", RichText("<p>Une présentation plus longue que la fiche, écrite pour les essais.</p>")),
        ],
    )
    ActorIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()


def add_event():
    """An event that shows everything an event page can: times, place, organisers, price, registration."""
    from actors.models import Actor, Commune
    from news.models import EventOrganiser, EventPage, MoisEssEditionPage

    langon = Commune.objects.get(insee_code="33227")
    edition = MoisEssEditionPage.objects.get(year=coming_year())
    event = EventPage(
        title="Forum de l'ESS à Langon",
        slug=EVENT_SLUG,
        event_type="forum",
        summary="Les stands des acteurs de l'économie sociale et solidaire du Sud-Gironde.",
        start_date=date(coming_year(), 11, 14),
        start_time=time(10),
        end_time=time(17, 30),
        attendance_mode="mixte",
        online_url="https://visio.example.org/forum",
        venue_name="Salle des fêtes",
        street_address="1 place de l'Exemple",
        commune=langon,
        latitude=langon.latitude,
        longitude=langon.longitude,
        registration_url="https://forum.example.org/inscription",
        price=5,
        price_details="Gratuit pour les moins de 18 ans.",
        accessibility="Salle de plain-pied, boucle magnétique à l'accueil.",
        description=[("paragraph", RichText("<p>Des stands, des ateliers et une table ronde à 15 h.</p>"))],
    )
    event.organisers = [
        EventOrganiser(actor=actor, sort_order=order)
        for order, actor in enumerate(Actor.objects.filter(slug__in=["co-actions", "trajectoire"]).order_by("slug"))
    ]
    edition.add_child(instance=event)
    event.save_revision().publish()


def library_images():
    """Two images of the library (Wagtail's test picture), with their alternative text: no real photo."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    Image = get_image_model()
    photo = Image.objects.filter(title="Photo d'essai").first() or Image.objects.create(
        title="Photo d'essai", alt_text="Image d'essai aux couleurs unies", file=get_test_image_file()
    )
    logo = Image.objects.filter(title="Logo d'essai").first() or Image.objects.create(
        title="Logo d'essai", alt_text="Logo d'essai", file=get_test_image_file(filename="logo.png", size=(240, 120))
    )
    return photo, logo


def add_images():
    """Pictures where the site shows them: the sample actors' covers and logos (the club's founders keep none:
    their cards and profiles show the placeholder), the news and events, the home page's lead."""
    from actors.models import Actor
    from home.models import HomePage
    from news.models import EventPage, NewsPage

    photo, logo = library_images()
    samples = Actor.objects.filter(slug__startswith="exemple-")
    samples.filter(cover_image=None).update(cover_image=photo, logo=logo)
    NewsPage.objects.filter(image=None).update(image=photo)
    EventPage.objects.filter(image=None).update(image=photo)
    HomePage.objects.filter(hero_image=None).update(hero_image=photo)


def add_board_post():
    from actors.models import Actor
    from board.models import BoardPost

    BoardPost.objects.create(
        kind="offre",
        category="locaux",
        title=POST_TITLE,
        description="Vingt places, un vidéoprojecteur ; participation aux frais de chauffage.",
        actor=Actor.objects.get(slug="co-actions"),
        expires_on=timezone.localdate() + timedelta(days=30),
        contact_email="salle@example.org",
        live=True,
    )


def add_volume(count):
    """Many more actors, and news, events and board posts in proportion: the same pages with large data."""
    generate_sample_actors(count, seed=count)
    generate_sample_news(count // 10, seed=count)
    generate_sample_events(count // 20, seed=count)
    generate_sample_board_posts(count // 10, seed=count)
    generate_sample_answers(count // 10, seed=count)
    add_images()
