"""Demo content of the board: its page at /mutualisation/, the needs questionnaire and its generic list of needs.

No post and no answer is invented here: actors publish their own (fictional ones are samples, board/samples.py).
"""

from django.db import transaction
from wagtail.models import Site

from home.demo import ensure_child_page

from .choices import PostCategory
from .models import BoardIndexPage, MutualisationNeed, NeedsSurveyPage

# Generic needs of small ESS structures, a starting list for the volunteers to edit: (name, examples, category).
NEEDS = [
    ("Locaux", "un bureau, une salle de réunion, un lieu de stockage", PostCategory.PREMISES),
    ("Matériel", "à emprunter ou à acheter à plusieurs", PostCategory.EQUIPMENT),
    ("Véhicules", "un utilitaire, un minibus", PostCategory.VEHICLES),
    ("Compétences", "comptabilité, droit, numérique, gestion de projet", PostCategory.SKILLS),
    ("Formation", "des bénévoles ou des salariés", PostCategory.SKILLS),
    ("Communication", "site internet, réseaux sociaux, affiches, presse", PostCategory.SERVICES),
    ("Financement", "subventions, mécénat, financement participatif", ""),
    ("Emploi partagé", "un salarié à temps partagé entre plusieurs structures", ""),
]


def ensure_needs() -> int:
    created = 0
    for order, (name, description, category) in enumerate(NEEDS, start=1):
        _, new = MutualisationNeed.objects.get_or_create(
            name=name, defaults={"description": description, "board_category": category, "sort_order": order}
        )
        created += new
    return created


def ensure_survey_page(home) -> NeedsSurveyPage:
    return ensure_child_page(
        NeedsSurveyPage,
        home,
        title="Vos besoins de mutualisation",
        slug="vos-besoins",
        intro="<p>Votre structure de l'ESS agit en Sud-Gironde ? Dites-nous en deux minutes ce que vous "
        "aimeriez partager, emprunter ou trouver près de chez vous. Vos réponses ne sont jamais publiées une à "
        "une : l'état des lieux de l'ESS les compte par territoire, et le club s'en sert pour organiser la "
        "mutualisation.</p>",
        search_description="Le questionnaire du club sur les besoins de mutualisation des structures de l'ESS "
        "du Sud-Gironde.",
    )


@transaction.atomic
def load(log) -> None:
    home = Site.objects.get(is_default_site=True).root_page
    if not BoardIndexPage.objects.exists():
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
    created = ensure_needs()
    ensure_survey_page(home)
    log(f"Questionnaire des besoins prêt ({created} besoins ajoutés à la liste).")
