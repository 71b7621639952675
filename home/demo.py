"""Demo content of the site's shell: the home page and the club's settings, from its founding presentation.

Every function here creates what is missing and leaves what exists alone, so that running the demo
loader twice, or after editors changed the content, changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from .models import HomePage, SiteSettings
from .roles import EDITORS, MODERATORS

DEMO_PASSWORD = "changeme"  # noqa: S105 (demo accounts exist only when DEBUG is on)
DEMO_ACCOUNTS = [
    # username, role (None for the superuser)
    ("admin", None),
    ("redaction", EDITORS),
    ("moderation", MODERATORS),
]

WAYS_IN = [
    (
        "Annuaire des acteurs",
        "Associations, coopératives, structures d'insertion : qui fait quoi dans le Sud-Gironde.",
        "/acteurs/",
    ),
    ("Carte des acteurs", "Les acteurs de l'ESS près de chez vous, commune par commune.", "/carte/"),
    ("Actualités", "La vie du club et de son projet, phase après phase.", "/actualites/"),
    ("Mois de l'ESS", "Chaque mois de novembre, le programme des rencontres du territoire.", "/mois-de-l-ess/"),
    ("Avancement du projet", "Phases, indicateurs et budget, pour les partenaires et les financeurs.", "/projet/"),
]

FOUNDING_ACTORS = [
    ("ADICHATS", "Chantier d'insertion, et plus encore."),
    ("Bouger c'est permis", "L'accès à la mobilité."),
    ("Beauséjour – MFR", "Centre de formation."),
    ("Co-Actions", "Coopérative d'entrepreneur·e·s."),
    ("Trajectoire", "Le club d'entreprises du Sud-Gironde."),
    ("VAL+", "Entreprise d'insertion."),
]

PAYS = [
    ("Pays Haut Entre-Deux-Mers", ""),
    ("Pays Rives de Garonne", ""),
    ("Pays Landes de Gascogne", ""),
]


def _cards(title, cards):
    return (
        "cards",
        {
            "title": title,
            "cards": [
                {"title": card_title, "text": text, "link": {"page": None, "url": url}}
                for card_title, text, url in cards
            ],
        },
    )


def home_body():
    """The home page's blocks, written from the club's founding presentation."""
    return [
        _cards("Trouver son chemin", WAYS_IN),
        ("heading", {"text": "Une communauté de partage", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>En novembre 2010, dans le cadre des manifestations du Mois de l'ESS de la CNCRES, "
                "les rencontres « Agir, Entreprendre et Créer Autrement dans le Sud Gironde » ont fait "
                "naître une prise de conscience collective : la diversité des acteurs sociaux, leurs liens "
                "avec l'activité économique du territoire, les difficultés du fonctionnement quotidien, et "
                "l'intérêt de créer un espace de partage et de mutualisation qui aide à rompre l'isolement.</p>"
                "<p>Sur un territoire rural et vaste, un collectif d'acteurs a donc lancé la co-construction "
                "d'une plateforme de partage et d'échanges pour :</p>"
                "<ul>"
                "<li>favoriser la création, le maintien et la qualification d'emplois durables ;</li>"
                "<li>mieux structurer le secteur, pour favoriser le développement local et soutenir les zones fragilisées ;</li>"
                "<li>soutenir l'innovation économique et sociale ;</li>"
                "<li>contribuer au développement durable du territoire ;</li>"
                "<li>accroître la reconnaissance et la lisibilité de l'économie sociale et solidaire.</li>"
                "</ul>"
            ),
        ),
        _cards("Un noyau d'acteurs fondateurs", [(name, text, "") for name, text in FOUNDING_ACTORS]),
        _cards("En lien avec son territoire", [(name, text, "") for name, text in PAYS]),
        (
            "paragraph",
            RichText(
                "<p>Le club travaille avec ces trois Pays et les communautés de communes qui agissent sur le "
                "Sud-Gironde, en complémentarité avec les autres acteurs économiques, les acteurs "
                "institutionnels et les collectivités locales : il ne se replie pas sur les seuls acteurs de l'ESS.</p>"
            ),
        ),
        (
            "quote",
            {
                "text": "Apprendre à se connaître pour être capable de faire des choses ensemble.",
                "attribution": "Club ESS Sud-Gironde",
            },
        ),
    ]


def ensure_child_page(model, parent=None, **fields):
    """The site's page of this type, created and published under `parent` (the home page) when there is none.

    A second run finds the page and changes nothing: editors may have changed it since.
    """
    page = model.objects.first()
    if page is None:
        page = model(**fields)
        (parent or Site.objects.get(is_default_site=True).root_page).add_child(instance=page)
        page.save_revision().publish()
    return page


def ensure_home_page() -> HomePage:
    """The site's HomePage, in place of the welcome page Wagtail creates on a fresh database."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None:
            welcome.slug = "bienvenue-wagtail"
            welcome.save(update_fields=["slug"])
        home = root.add_child(instance=HomePage(title="Accueil", slug="home", hero_title="Club ESS Sud-Gironde"))
        site, _ = Site.objects.get_or_create(is_default_site=True, defaults={"hostname": "localhost"})
        site.root_page = home
        site.save()
        if welcome is not None:
            welcome.delete()
    if not home.body:
        home.hero_title = "L'économie sociale et solidaire du Sud-Gironde, ensemble"
        home.hero_text = (
            "Né des rencontres du Mois de l'ESS de novembre 2010, le Club ESS Sud-Gironde rassemble les "
            "structures sociales et solidaires d'un territoire rural et vaste pour rompre l'isolement, "
            "mutualiser moyens et compétences, et rendre l'ESS visible."
        )
        home.body = home_body()
        home.save_revision().publish()
    return home


# The funders of the club's first phase, as the founding presentation names them (80 % and 20 %): named in the
# footer, without a logo (never a real organisation's logo in the demo) nor an address (none in the sources).
DEMO_PARTNERS = ["Conseil régional d'Aquitaine", "DIRECCTE (État)"]


def ensure_site_settings(site: Site) -> SiteSettings:
    site_settings = SiteSettings.for_site(site)
    if site_settings.club_name == SiteSettings._meta.get_field("club_name").default:
        site_settings.club_name = "Club ESS Sud-Gironde"
        site_settings.tagline = "Mutualiser pour mieux se professionnaliser"
        site_settings.save()
    if not site_settings.partners:
        site_settings.partners = [("partner", {"name": name, "logo": None, "url": ""}) for name in DEMO_PARTNERS]
        site_settings.save()
    return site_settings


def ensure_demo_accounts(log) -> None:
    """The three demo logins, each in its role; only ever called when DEBUG is on."""
    User = get_user_model()
    for username, group_name in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.org", is_staff=group_name is None)
            user.is_superuser = group_name is None
            user.set_password(DEMO_PASSWORD)
            user.save()
            log(f"Compte de démonstration créé : {username}")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))


@transaction.atomic
def load(log) -> None:
    home = ensure_home_page()
    ensure_site_settings(Site.objects.get(root_page=home))
    log("Page d'accueil et paramètres du site prêts.")
