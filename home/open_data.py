"""The site's open data, one entry per file: what the open-data page documents and its tests check.

Every file is under the Licence Ouverte 2.0 (Etalab). The fields are described for re-users: the
test suite checks that each documented file answers once its URL exists, and that every column of
the actors' CSV is described here.
"""

import json
import re
from dataclasses import dataclass, field

from django.http import HttpResponse

from .compression import compressed_response

LICENCE_NAME = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
DIRECTORY_FILTERS = (
    "Les mêmes filtres que l'annuaire, dans l'adresse : q (mots), secteur, territoire, statut, insertion et "
    "effectif (code INSEE de la tranche d'effectif salarié) "
    "(copiez l'adresse de l'annuaire filtré et remplacez /acteurs/ par le nom du fichier)."
)


GEOJSON_TYPE = "application/geo+json"


def readable_anywhere(response: HttpResponse) -> HttpResponse:
    """Open data: any site may read it from its scripts (CORS)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def geojson_response(collection: dict | bytes) -> HttpResponse:
    """A GeoJSON FeatureCollection (a dict, or its JSON already encoded) that any site may read from its scripts."""
    data = collection if isinstance(collection, bytes) else json.dumps(collection, ensure_ascii=False).encode()
    return readable_anywhere(HttpResponse(data, content_type=GEOJSON_TYPE))


def compressed_geojson_response(request, compressed: bytes) -> HttpResponse:
    """`geojson_response` for a collection kept compressed (`home.compression.compressed_response`)."""
    return readable_anywhere(compressed_response(request, compressed, content_type=GEOJSON_TYPE))


@dataclass(frozen=True)
class OpenDataFile:
    path: str
    title: str
    format: str
    description: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    example: str = ""
    filters: str = ""

    @property
    def anchor(self) -> str:
        """Its section's id on the open-data page, word by word: "/etat-des-lieux/chiffres.csv" gives
        "etat-des-lieux-chiffres-csv" (Django's slugify would glue the words together)."""
        return "-".join(re.findall(r"[a-z0-9]+", self.path.lower()))


ACTOR_CSV_FIELDS = [
    ("nom", "Le nom d'usage de la structure."),
    ("description", "Ce que fait la structure, en une ou deux phrases."),
    ("statut juridique", "La famille juridique de l'ESS : association, coopérative (SCOP, SCIC…), mutuelle…"),
    (
        "structure d'insertion",
        "Le type de structure d'insertion par l'activité économique (ACI, EI…) ou GEIQ ; vide sinon.",
    ),
    ("agrément ESUS", "« oui » si la structure a l'agrément entreprise solidaire d'utilité sociale, « non » sinon."),
    ("membre fondateur", "« oui » pour les structures qui ont fondé le club."),
    (
        "tranche d'effectif salarié",
        "Le code INSEE de la tranche d'effectif salarié (NN : unité non employeuse, 00 : 0 salarié, 01 : 1 ou 2, "
        "02 : 3 à 5, 03 : 6 à 9, 11 : 10 à 19, 12 : 20 à 49, 21 : 50 à 99… 53 : 10 000 et plus) ; vide si inconnue.",
    ),
    ("année de création", "L'année de création de la structure, quand elle est connue."),
    ("secteurs", "Les secteurs d'activité, séparés par « ; »."),
    ("adresse", "Numéro et rue, lieu-dit ou bâtiment, sans la commune."),
    ("code postal", "Le code postal de l'adresse."),
    ("commune", "La commune du siège ou du lieu d'accueil principal."),
    ("code INSEE", "Le code officiel géographique de la commune (5 caractères)."),
    ("latitude", "En degrés décimaux, système WGS 84."),
    ("longitude", "En degrés décimaux, système WGS 84."),
    ("position", "« adresse » quand le point est à l'adresse, « mairie de la commune » quand il est approché."),
    ("site web", "L'adresse du site de la structure."),
    ("e-mail", "Une adresse de contact que la structure accepte de publier."),
    ("téléphone", "Un numéro que la structure accepte de publier."),
    ("SIRET", "Le numéro d'établissement (14 chiffres), quand il est connu."),
    ("RNA", "Le numéro d'association (W suivi de 9 chiffres), quand il est connu."),
    ("dernière vérification", "Le jour où la fiche a été vérifiée, au format AAAA-MM-JJ."),
]

REPORT_FILTER = (
    "Le même filtre de territoire que l'annuaire, dans l'adresse : territoire=pays-<identifiant>, "
    "epci-<SIREN> ou commune-<code INSEE> (copiez l'adresse de l'état des lieux filtré et ajoutez chiffres.csv "
    "après /etat-des-lieux/)."
)
OPEN_DATA_FILES = [
    OpenDataFile(
        path="/acteurs/acteurs.csv",
        title="Les acteurs de l'annuaire (CSV)",
        format="CSV, UTF-8 avec BOM, séparateur virgule, une ligne d'en-tête",
        description="Toutes les fiches publiées de l'annuaire, une ligne par acteur : s'ouvre dans un tableur.",
        fields=ACTOR_CSV_FIELDS,
        example="/acteurs/acteurs.csv?insertion=EI",
        filters=DIRECTORY_FILTERS,
    ),
    OpenDataFile(
        path="/carte/acteurs.geojson",
        title="La carte des acteurs (GeoJSON)",
        format="GeoJSON (RFC 7946), coordonnées WGS 84 ; lisible depuis tout site (CORS)",
        description="Une collection de points, un par acteur localisé, prête pour QGIS, uMap ou une carte Leaflet.",
        fields=[
            ("geometry", "Un point [longitude, latitude], en degrés décimaux."),
            ("name", "Le nom de l'acteur."),
            ("url", "L'adresse de sa fiche sur ce site."),
            ("sectors", "La liste de ses secteurs d'activité."),
            ("status", "Son statut juridique."),
            ("commune", "Sa commune."),
            ("description", "Sa description courte."),
            ("approximate", "Présent et vrai quand le point est à la mairie de la commune, faute d'adresse précise."),
        ],
        example="/carte/acteurs.geojson?secteur=mobilite",
        filters=DIRECTORY_FILTERS,
    ),
    OpenDataFile(
        path="/actualites/rss.xml",
        title="Les actualités (flux RSS)",
        format="RSS 2.0",
        description="Les dernières actualités du club, à suivre dans un lecteur de flux ou à reprendre sur un autre site.",
        fields=[
            ("title", "Le titre de l'actualité."),
            ("link", "Son adresse sur ce site."),
            ("description", "Son chapeau."),
            ("pubDate", "Sa date de publication."),
            ("category", "La phase du projet et les thèmes."),
        ],
        example="/actualites/rss.xml",
    ),
    OpenDataFile(
        path="/actualites/atom.xml",
        title="Les actualités (flux Atom)",
        format="Atom 1.0",
        description="Le même contenu que le flux RSS, au format Atom.",
        fields=[
            ("title", "Le titre de l'actualité."),
            ("link", "Son adresse sur ce site."),
            ("summary", "Son chapeau."),
            ("published, updated", "Ses dates de publication et de dernière mise à jour."),
            ("category", "La phase du projet et les thèmes."),
        ],
        example="/actualites/atom.xml",
    ),
    OpenDataFile(
        path="/mois-de-l-ess/agenda.ics",
        title="L'agenda du Mois de l'ESS (iCalendar)",
        format="iCalendar (RFC 5545)",
        description="Les événements du Mois de l'ESS : abonnez-vous depuis votre agenda (Thunderbird, Nextcloud, "
        "Google Agenda, Outlook…) pour le voir se mettre à jour.",
        fields=[
            ("SUMMARY", "Le titre de l'événement."),
            ("DTSTART, DTEND", "Le début et la fin (le jour entier pour un événement sur plusieurs jours)."),
            ("LOCATION, GEO", "Le lieu, et ses coordonnées quand elles sont connues."),
            ("DESCRIPTION", "Le programme et les organisateurs."),
            ("URL", "La page de l'événement sur ce site."),
            ("STATUS, CATEGORIES", "Confirmé ou annulé ; le type d'événement."),
        ],
        example="/mois-de-l-ess/agenda.ics",
    ),
    OpenDataFile(
        path="/projet/indicateurs.csv",
        title="Les indicateurs du projet (CSV)",
        format="CSV, UTF-8 avec BOM, séparateur virgule, une ligne d'en-tête",
        description="Les indicateurs de suivi du projet du club, pour les partenaires et les financeurs.",
        fields=[
            ("indicateur", "Le nom de l'indicateur."),
            ("unité", "L'unité de mesure."),
            ("valeur de départ", "La valeur au début du projet."),
            ("cible", "La valeur visée."),
            ("dernière valeur", "La dernière valeur connue."),
            ("date", "La date de cette dernière valeur."),
            ("source", "D'où vient la valeur."),
            ("mode", "Mesuré (saisi par le club) ou calculé (tiré des données du site)."),
            ("définition", "Ce que l'indicateur compte, et comment."),
        ],
        example="/projet/indicateurs.csv",
    ),
    OpenDataFile(
        path="/etat-des-lieux/chiffres.csv",
        title="L'état des lieux de l'ESS (CSV)",
        format="CSV, UTF-8 avec BOM, séparateur virgule, une ligne d'en-tête",
        description="Les chiffres de la page « État des lieux de l'ESS » (/etat-des-lieux/), calculés à partir des "
        "fiches publiées de l'annuaire : acteurs par secteur, famille juridique, structure d'insertion, tranche "
        "d'effectif, Pays et intercommunalité, tranches d'effectif par secteur et par intercommunalité, fiches "
        "publiées par année.",
        fields=[
            ("territoire", "Le territoire choisi, ou « Tout le territoire de l'annuaire »."),
            ("tableau", "Le tableau de la page d'où vient la ligne."),
            ("ligne", "Ce qui est compté : un secteur, un statut, un territoire, une année…"),
            ("tranche d'effectif salarié", "Pour les tableaux des emplois : la tranche de l'INSEE ; vide sinon."),
            ("nombre d'acteurs", "Le nombre de fiches publiées qui correspondent."),
            ("liste dans l'annuaire", "L'adresse de la liste de ces acteurs dans l'annuaire, quand elle existe."),
        ],
        example="/etat-des-lieux/chiffres.csv?territoire=pays-pays-rives-de-garonne",
        filters=REPORT_FILTER,
    ),
]

MAP_EMBED_PATH = "/carte/?embed=1"


def map_embed_snippet(root_url: str) -> str:
    return (
        f'<iframe src="{root_url}{MAP_EMBED_PATH}" title="Carte des acteurs de l\'ESS du Sud-Gironde" '
        'width="100%" height="500" loading="lazy" style="border:0"></iframe>'
    )


def searchable_text() -> str:
    return " ".join(f"{item.title} {item.format} {item.description}" for item in OPEN_DATA_FILES)
