"""Demo content of the project: its three phases with budget and financing, indicators, topics and news.

Facts come only from the club's founding presentation; news say what the presentation plans, not outcomes
it does not report. Every function creates what is missing and leaves what exists alone.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from wagtail.rich_text import RichText

from actors.models import Actor
from home.demo import ensure_child_page

from .models import (
    BudgetLine,
    FinancingLine,
    Indicator,
    NewsIndexPage,
    NewsPage,
    NewsPageActor,
    Phase,
    ProjectPage,
    Topic,
)
from .project.choices import PhaseStatus
from .project.computed_indicators import REGISTRY
from .project.indicator_history import record_computed_indicators

PHASES = [
    {
        "slug": "ingenierie",
        "name": "Ingénierie",
        "sort_order": 1,
        "start_date": datetime.date(2012, 10, 1),
        "end_date": datetime.date(2013, 3, 31),
        "status": PhaseStatus.DONE,
        "summary": "Co-construire les bases du club avec un prestataire, CoopérAction : connaître les acteurs de "
        "l'ESS du Sud-Gironde et leurs attentes, puis écrire le projet associatif du club. Structure porteuse : "
        "Co-Actions, avec un groupe de pilotage réunissant les partenaires, les collectivités intéressées et "
        "quelques acteurs institutionnels.",
        "objectives": "Diagnostic et état des lieux des acteurs de l'ESS et de leurs attentes sur le territoire\n"
        "Mise en place du projet associatif « Club de l'ESS du Sud-Gironde », en conclusion\n"
        "Création d'une structure de préfiguration, avec son budget prévisionnel et ses objectifs\n"
        "Définition des indicateurs qui suivront l'activité du club",
        "workload": "Animation et coordination : 1 jour par semaine\n"
        "Appui et accompagnement en ingénierie : 2 jours par semaine\n"
        "Frais de fonctionnement et d'organisation",
        "budget": [
            ("Co-construction avec animation externe (CoopérAction)", Decimal(9775)),
            ("Frais de fonctionnement", Decimal(1500)),
        ],
        # funder, share (%), note, contribution in kind
        "financing": [
            ("Conseil régional d'Aquitaine (CRA)", Decimal(80), "", False),
            ("CPE de la DIRECCTE (État)", Decimal(20), "", False),
            (
                "Bénévolat des membres du noyau",
                None,
                "Contribution en nature, non chiffrée : plan de financement et création de la structure de "
                "préfiguration.",
                True,
            ),
        ],
    },
    {
        "slug": "experimentation",
        "name": "Expérimentation",
        "sort_order": 2,
        "start_date": datetime.date(2013, 4, 1),
        "end_date": datetime.date(2013, 12, 31),
        "period_label": "2013",
        "status": PhaseStatus.DONE,
        "summary": "Structurer le club autour d'une phase expérimentale : animer et co-créer le plan d'action, "
        "puis mettre en place les actions et l'organisation.",
        "objectives": "Animation et co-création du plan d'action du projet\n"
        "Mise en place des actions et de l'organisation",
        "workload": "Animation et coordination : 2 jours par semaine\n"
        "Appui et accompagnement en ingénierie : 3 jours par semaine\n"
        "Budget d'accès à des ressources d'ingénierie complémentaires\n"
        "Frais de fonctionnement et d'organisation",
    },
    {
        "slug": "developpement",
        "name": "Développement",
        "sort_order": 3,
        "start_date": datetime.date(2014, 1, 1),
        "period_label": "À partir de 2014",
        "status": PhaseStatus.CURRENT,
        "summary": "Développer et animer le réseau, puis le consolider : optimisation opérationnelle en 2014, "
        "activité nominale à partir de 2015, suivie par les indicateurs définis pendant la phase d'ingénierie.",
        "objectives": "Développement et animation du réseau\n"
        "Consolidation\n"
        "Optimisation opérationnelle (2014)\n"
        "Activité nominale et développement de la structure à partir de 2015, avec le suivi des indicateurs",
    },
]

TOPICS = [
    ("Vie du club", "vie-du-club"),
    ("Mois de l'ESS", "mois-de-l-ess"),
    ("Diagnostic du territoire", "diagnostic"),
    ("Mutualisation", "mutualisation"),
]

# name, unit, description, computed key (used only once some module registers it), sort order
INDICATORS = [
    (
        "Acteurs publiés dans l'annuaire",
        "acteurs",
        "Les structures de l'ESS du Sud-Gironde dont la fiche est publiée dans l'annuaire du site.",
        "published_actors",
    ),
    (
        "Membres fondateurs",
        "structures",
        "Les structures du noyau qui a lancé la co-construction du club.",
        "founding_members",
    ),
    (
        "Événements du Mois de l'ESS tenus",
        "événements",
        "Les rencontres organisées dans le Sud-Gironde pendant le Mois de l'ESS et qui ont eu lieu.",
        "mois_ess_events",
    ),
    (
        "Emplois durables créés, maintenus ou qualifiés",
        "emplois",
        "Emplois des structures membres dont la création, le maintien ou la qualification doit au club.",
        "",
    ),
    (
        "Mutualisations réalisées",
        "mutualisations",
        "Moyens ou compétences effectivement partagés entre acteurs (matériel, locaux, savoir-faire…).",
        "mutualisation_offers",
    ),
]

FOUNDING_SLUGS = ["adichats", "bouger-c-est-permis", "mfr-beausejour", "co-actions", "trajectoire", "val-plus"]


def _paragraphs(*texts):
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in texts)))]


# slug, title, date, phase slug, topic slugs, actor slugs, intro, body paragraphs
NEWS = [
    (
        "rencontres-agir-entreprendre-creer-autrement-2010",
        "Novembre 2010 : les rencontres « Agir, Entreprendre et Créer Autrement dans le Sud Gironde »",
        datetime.date(2010, 11, 1),
        None,
        ["mois-de-l-ess", "vie-du-club"],
        [],
        "Pendant le Mois de l'ESS de la CNCRES, des rencontres ont fait naître une prise de conscience collective "
        "sur la diversité des acteurs sociaux du Sud-Gironde.",
        _paragraphs(
            "En novembre 2010, dans le cadre des manifestations du Mois de l'ESS de la CNCRES, les rencontres "
            "« Agir, Entreprendre et Créer Autrement dans le Sud Gironde » ont initié une prise de conscience "
            "collective : sur la diversité des acteurs sociaux, leurs interactions avec l'activité économique du "
            "territoire, les problématiques du fonctionnement quotidien…",
            "… et sur l'intérêt de créer un espace de partage et de mutualisation qui peut aider à rompre "
            "« l'isolement ». C'est de là qu'est née l'idée du Club ESS Sud-Gironde.",
        ),
    ),
    (
        "un-noyau-d-acteurs-lance-la-co-construction",
        "Un noyau de six acteurs lance la co-construction du club",
        datetime.date(2012, 10, 1),
        "ingenierie",
        ["vie-du-club", "mutualisation"],
        FOUNDING_SLUGS,
        "ADICHATS, Bouger c'est permis, Beauséjour – MFR, Co-Actions, Trajectoire et VAL+ engagent la "
        "co-construction d'une plateforme de partage et d'échanges pour les acteurs de l'ESS du Sud-Gironde.",
        _paragraphs(
            "Conscient de l'intérêt d'une démarche de mutualisation sur un territoire vaste, un collectif "
            "d'acteurs souhaite initier la co-construction d'une plateforme de partage et d'échanges pour "
            "favoriser la création, le maintien et la qualification d'emplois durables, améliorer la "
            "structuration du secteur, soutenir l'innovation économique et sociale, contribuer au développement "
            "durable du territoire et accroître la reconnaissance de l'économie sociale et solidaire.",
            "La phase d'ingénierie s'ouvre, d'octobre 2012 à mars 2013, avec Co-Actions comme structure porteuse "
            "et un groupe de pilotage qui associe les partenaires, les collectivités intéressées et quelques "
            "acteurs institutionnels.",
        ),
    ),
    (
        "cooperaction-accompagne-la-phase-d-ingenierie",
        "CoopérAction accompagne la phase d'ingénierie",
        datetime.date(2012, 10, 1),
        "ingenierie",
        ["vie-du-club"],
        ["co-actions"],
        "La co-construction des bases du club est animée par un prestataire extérieur, CoopérAction, spécialiste "
        "des démarches participatives : 9 775 € sont prévus pour cette animation.",
        _paragraphs(
            "CoopérAction est une activité portée par Camilo Marti et Corentin Moriceau, ingénieurs de l'INSA de "
            "Lyon, entrepreneurs au sein d'Oxalis, coopérative d'entrepreneurs. Elle est spécialisée dans "
            "l'ingénierie des démarches participatives.",
            "Le budget de la phase prévoit 9 775 € pour la co-construction avec animation externe et 1 500 € de "
            "frais de fonctionnement, financés à 80 % par le Conseil régional d'Aquitaine et à 20 % par la "
            "DIRECCTE, avec le bénévolat des membres du noyau.",
        ),
    ),
    (
        "diagnostic-des-acteurs-de-l-ess-du-sud-gironde",
        "Un diagnostic des acteurs de l'ESS du Sud-Gironde et de leurs attentes",
        datetime.date(2012, 10, 1),
        "ingenierie",
        ["diagnostic"],
        [],
        "Première étape de la phase d'ingénierie : un état des lieux de l'ESS dans le Sud-Gironde, pour compléter "
        "les diagnostics engagés dans le cadre des GPEC territoriales.",
        _paragraphs(
            "Le diagnostic recense les acteurs de l'économie sociale et solidaire du territoire — Pays Haut "
            "Entre-Deux-Mers, Pays Rives de Garonne, Pays Landes de Gascogne et les communautés de communes — et "
            "recueille leurs attentes.",
            "Il doit permettre d'apporter appui et accompagnement au développement des structures existantes, et "
            "de faire du club un outil d'ingénierie pour les démarches prospectives.",
        ),
    ),
    (
        "le-projet-associatif-du-club",
        "Le projet associatif du « Club de l'ESS du Sud-Gironde », conclusion de l'ingénierie",
        datetime.date(2013, 3, 31),
        "ingenierie",
        ["vie-du-club"],
        [],
        "La phase d'ingénierie se conclut par la mise en place du projet associatif du club et d'une structure de "
        "préfiguration, avec son budget prévisionnel et ses objectifs.",
        _paragraphs(
            "Le club n'a pas pour objectif de se replier sur les acteurs de l'ESS : il veut échanger et fonctionner "
            "en lien avec les autres acteurs économiques, les acteurs institutionnels et les collectivités locales.",
            "Apprendre à se connaître pour être capable de faire des choses ensemble : c'est le fil du projet.",
        ),
    ),
    (
        "2013-une-phase-d-experimentation",
        "2013 : une phase d'expérimentation pour co-créer le plan d'action",
        datetime.date(2013, 4, 1),
        "experimentation",
        ["vie-du-club", "mutualisation"],
        [],
        "Après l'ingénierie, le club se structure autour d'une phase expérimentale : animation et co-création du "
        "plan d'action, puis mise en place des actions et de l'organisation.",
        _paragraphs(
            "La phase d'expérimentation prévoit deux jours par semaine d'animation et de coordination, trois jours "
            "par semaine d'appui et d'accompagnement en ingénierie, un budget d'accès à des ressources d'ingénierie "
            "complémentaires et des frais de fonctionnement et d'organisation.",
        ),
    ),
    (
        "a-partir-de-2014-developper-le-reseau",
        "À partir de 2014 : développer et animer le réseau",
        datetime.date(2014, 1, 1),
        "developpement",
        ["vie-du-club", "mutualisation"],
        [],
        "La phase de développement ouvre l'animation du réseau et sa consolidation, vers une activité nominale "
        "à partir de 2015, suivie par des indicateurs.",
        _paragraphs(
            "2014 est l'année de l'optimisation opérationnelle ; à partir de 2015, l'activité nominale et le "
            "développement de la structure sont suivis par les indicateurs définis pendant la phase d'ingénierie. "
            "Ces indicateurs sont publiés sur la page d'avancement du projet.",
        ),
    ),
]


def ensure_phases() -> int:
    created = 0
    for spec in PHASES:
        if Phase.objects.filter(slug=spec["slug"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key not in ("budget", "financing")}
        phase = Phase(**fields)
        phase.budget_lines = [BudgetLine(label=label, amount=amount) for label, amount in spec.get("budget", [])]
        phase.financing_lines = [
            FinancingLine(funder=funder, share=share, note=note, in_kind=in_kind)
            for funder, share, note, in_kind in spec.get("financing", [])
        ]
        phase.save()
        created += 1
    return created


def ensure_indicators() -> None:
    for order, (name, unit, description, key) in enumerate(INDICATORS, start=1):
        indicator = Indicator.objects.filter(name=name).first()
        available_key = key if key in REGISTRY else ""
        if indicator is None:
            Indicator.objects.create(
                name=name, unit=unit, description=description, computed_key=available_key, sort_order=order
            )
        elif available_key and not indicator.computed_key and not indicator.measurements.exists():
            # A computation registered since the last run (events, mutualisation board) takes over.
            indicator.computed_key = available_key
            indicator.save(update_fields=["computed_key", "updated_at"])


def ensure_news_index() -> NewsIndexPage:
    return ensure_child_page(
        NewsIndexPage,
        title="Actualités",
        slug="actualites",
        show_in_menus=True,
        intro="La vie du club et de son projet, phase après phase. Filtrez par phase, thème ou année, et suivez "
        "les nouvelles par flux RSS ou Atom.",
        search_description="Les actualités du Club ESS Sud-Gironde et de son projet.",
    )


def ensure_project_page() -> ProjectPage:
    return ensure_child_page(
        ProjectPage,
        title="Avancement du projet",
        slug="projet",
        show_in_menus=True,
        intro="Pour les partenaires et les financeurs : les phases du projet de Club ESS Sud-Gironde, leur "
        "budget et leur financement, les indicateurs de suivi et les dernières nouvelles.",
        search_description="Phases, budget, financement et indicateurs du projet de Club ESS Sud-Gironde.",
    )


def ensure_news(index_page: NewsIndexPage) -> int:
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=FOUNDING_SLUGS)}
    created = 0
    for slug, title, date, phase_slug, topic_slugs, actor_slugs, intro, body in NEWS:
        if NewsPage.objects.filter(slug=slug).exists():
            continue
        news = NewsPage(title=title, slug=slug, date=date, phase=phases.get(phase_slug), intro=intro, body=body)
        news.topics = [topics[s] for s in topic_slugs if s in topics]
        news.related_actors = [NewsPageActor(actor=actors[s]) for s in actor_slugs if s in actors]
        index_page.add_child(instance=news)
        news.save_revision().publish()
        created += 1
    return created


@transaction.atomic
def load(log) -> None:
    phases = ensure_phases()
    for name, slug in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    ensure_indicators()
    record_computed_indicators()
    index_page = ensure_news_index()
    ensure_project_page()
    news = ensure_news(index_page)
    log(f"Projet : {phases} phases et {news} actualités créées, indicateurs prêts.")
