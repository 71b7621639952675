"""Demo content of the membership form /adherer/: a structure asks to join the club.

It lives with the actors because its choices are theirs (legal families); like every demo loader, it creates
what is missing and leaves what exists (and what editors changed) alone.
"""

from django.db import transaction
from wagtail.models import Site

from home.demo_forms import ensure_form_page

from .choices import LegalForm

PAYS_CHOICES = [
    "Pays Haut Entre-Deux-Mers",
    "Pays Rives de Garonne",
    "Pays Landes de Gascogne",
    "Hors de ces trois Pays",
]

MEMBERSHIP_FIELDS = [
    ("Nom de la structure", "singleline", True, "Le nom d'usage, tel qu'elle se présente.", []),
    (
        "SIRET",
        "siret",
        False,
        "14 chiffres (les espaces sont permis), à retrouver sur annuaire-entreprises.data.gouv.fr. "
        "Laissez vide si la structure n'en a pas encore.",
        [],
    ),
    ("Famille juridique", "dropdown", True, "", [label for _, label in LegalForm.choices] + ["Je ne sais pas"]),
    ("Territoire", "dropdown", True, "Le Pays où la structure a son siège ou agit le plus.", PAYS_CHOICES),
    ("Personne à contacter", "singleline", True, "Prénom et nom de la personne qui suivra l'adhésion.", []),
    ("Adresse e-mail", "email", True, "Pour vous répondre ; elle n'est jamais publiée.", []),
    ("Téléphone", "singleline", False, "Facultatif.", []),
    (
        "Motivation",
        "multiline",
        True,
        "Ce que la structure fait, ce qu'elle attend du club et ce qu'elle pourrait partager avec les autres.",
        [],
    ),
]


@transaction.atomic
def load(log) -> None:
    ensure_form_page(
        Site.objects.get(is_default_site=True).root_page,
        "adherer",
        "Adhérer au club",
        "<p>Le club rassemble les structures de l'économie sociale et solidaire du Sud-Gironde pour apprendre à "
        "se connaître, mutualiser moyens et compétences et faire des choses ensemble. Présentez votre "
        "structure : le club reviendra vers vous pour la suite.</p>",
        MEMBERSHIP_FIELDS,
        submit_label="Envoyer ma demande d'adhésion",
        subject="Demande d'adhésion",
        thank_you_text="<p>Merci ! Votre demande d'adhésion est bien arrivée. Le club l'étudie et revient vers "
        "la personne à contacter par e-mail.</p>",
    )
    log("Formulaire d'adhésion prêt.")
