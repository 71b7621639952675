"""Every public page type of the site, once: the accessibility, HTML validity and query-budget checks walk this list.

A new page type is one line in PUBLIC_PAGES: its name (used in test ids and artifact file names),
an address that exists once `build_public_site()` has run, and its query budget. The budget is
the most queries one anonymous request may make; the query-budget test also checks that the
number stays the same whether the site has a handful of actors or hundreds.
"""

from dataclasses import dataclass

from wagtail.rich_text import RichText

from actors.samples import generate_sample_actors

CONTENT_PAGE_SLUG = "le-club"
SMALL = 24  # fictional actors beside the six founding ones, so that every filter has something to list


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    budget: int
    status: int = 200


PUBLIC_PAGES = [
    PublicPage("accueil", "/", budget=10),
    PublicPage("annuaire", "/acteurs/", budget=12),
    PublicPage("annuaire-filtre", "/acteurs/?secteur=mobilite&statut=&page=1", budget=12),
    # A profile also lists the actor's news and upcoming events (one query each; see test_actors_directory).
    PublicPage("fiche-acteur", "/acteurs/co-actions/", budget=14),
    PublicPage("page-de-contenu", f"/{CONTENT_PAGE_SLUG}/", budget=10),
    # Search: two queries per kind of result, and the view restrictions of news and events (see test_search).
    PublicPage("recherche", "/recherche/?q=insertion", budget=15),
    PublicPage("page-introuvable", "/cette-page-n-existe-pas/", budget=10, status=404),
]


def build_public_site(home_page):
    """Content that every page type of PUBLIC_PAGES needs, on top of the demo content."""
    from actors.models import Actor
    from home.models import ContentPage

    if not Actor.objects.filter(slug__startswith="exemple-").exists():
        generate_sample_actors(SMALL, seed=SMALL)
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


def add_volume(count):
    """Many more actors (and, as their apps land, news and events), for the same pages with large data."""
    generate_sample_actors(count, seed=count)
