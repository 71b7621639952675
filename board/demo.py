"""Demo content of the board: its page at /mutualisation/. No post is invented: actors publish their own."""

from django.db import transaction
from wagtail.models import Site

from .models import BoardIndexPage


@transaction.atomic
def load(log) -> None:
    if BoardIndexPage.objects.exists():
        return
    home = Site.objects.get(is_default_site=True).root_page
    page = BoardIndexPage(
        title="Mutualisation",
        slug="mutualisation",
        show_in_menus=True,
        intro="Mutualiser pour mieux se professionnaliser : les offres et les besoins des acteurs du Sud-Gironde "
        "en matériel, locaux, compétences, services et véhicules. Un simple tableau d'annonces entre voisins : "
        "on se signale, puis on s'arrange directement.",
        search_description="Les offres et besoins de mutualisation des acteurs de l'ESS du Sud-Gironde.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log("Tableau de mutualisation prêt.")
