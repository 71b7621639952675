"""Fictional, clearly marked posts of the mutualisation board and answers to its questionnaire, for tests and
benchmarks."""

import random
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from actors.models import Actor, Commune
from actors.samples import DEMO_SEED, sud_gironde_communes
from home.search_index import index_in_bulk

from .choices import PostCategory, PostKind, PostStatus
from .models import MAX_DURATION_DAYS, BoardPost, MutualisationNeed, NeedsSurveyAnswer

SAMPLE_PREFIX = "Exemple fictif"
OFFERS = {
    PostCategory.EQUIPMENT: "Une remorque et des tables pliantes à prêter",
    PostCategory.PREMISES: "Une salle de réunion de vingt places, libre le mardi",
    PostCategory.SKILLS: "Une aide pour la comptabilité d'une association",
    PostCategory.SERVICES: "Des photocopies en couleur à prix coûtant",
    PostCategory.VEHICLES: "Un minibus de neuf places, le week-end",
}
NEEDS = {
    PostCategory.EQUIPMENT: "Cherche un vidéoprojecteur pour une soirée",
    PostCategory.PREMISES: "Cherche un local de stockage de quelques mètres carrés",
    PostCategory.SKILLS: "Cherche quelqu'un pour refaire notre site",
    PostCategory.SERVICES: "Cherche un traiteur solidaire pour un forum",
    PostCategory.VEHICLES: "Cherche un utilitaire pour un déménagement",
}


def generate_sample_board_posts(count: int, seed: int | None = None, communes=None) -> int:
    """`count` published posts, most of them open; the others fulfilled or past their date (off the board).

    They are placed in `communes` (a queryset; the first 600 communes by default).
    """
    rng = random.Random(seed)  # noqa: S311  (fictional data, not security)
    actors = list(Actor.objects.published().order_by("pk")[:500])
    communes = list((Commune.objects.all() if communes is None else communes)[:600])
    today, now = timezone.localdate(), timezone.now()
    start = BoardPost.objects.filter(title__startswith=SAMPLE_PREFIX).count() + 1
    posts = []
    for number in range(start, start + count):
        kind = rng.choice(PostKind.values)
        category = rng.choice(PostCategory.values)
        title = (OFFERS if kind == PostKind.OFFER else NEEDS)[category]
        actor = rng.choice(actors) if actors and rng.random() < 0.7 else None
        fulfilled = rng.random() < 0.1
        posts.append(
            BoardPost(
                kind=kind,
                category=category,
                title=f"{SAMPLE_PREFIX} {number} — {title}",
                description=f"{title}. Annonce fictive, pour les essais : écrire au club pour s'arranger.",
                actor=actor,
                poster_organisation="" if actor else f"Association fictive n° {number}",
                commune=rng.choice(communes) if communes and rng.random() < 0.8 else None,
                expires_on=today + timedelta(days=rng.randint(-10, MAX_DURATION_DAYS - 1)),
                status=PostStatus.FULFILLED if fulfilled else PostStatus.OPEN,
                fulfilled_on=today - timedelta(days=rng.randint(0, 30)) if fulfilled else None,
                contact_email=f"annonce-{number}@exemple.example.org",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    BoardPost.objects.bulk_create(posts, batch_size=500)
    index_in_bulk(BoardPost.objects.filter(pk__in=[post.pk for post in posts]))
    return len(posts)


def generate_sample_answers(count: int, seed: int | None = None, communes=None) -> int:
    """`count` fictional answers to the needs questionnaire, each ticking one to four needs, in `communes`."""
    rng = random.Random(seed)  # noqa: S311  (fictional data, not security)
    needs = list(MutualisationNeed.objects.filter(asked=True))
    communes = list((Commune.objects.all() if communes is None else communes)[:600])
    if not needs or not communes:
        return 0
    start = NeedsSurveyAnswer.objects.filter(organisation__startswith=SAMPLE_PREFIX).count() + 1
    answers = NeedsSurveyAnswer.objects.bulk_create(
        [
            NeedsSurveyAnswer(
                organisation=f"{SAMPLE_PREFIX} — association n° {number}",
                commune=rng.choice(communes),
                contact_name=f"{SAMPLE_PREFIX} {number}",
                contact_email=f"reponse-{number}@exemple.example.org",
                message="Réponse fictive, pour les essais.",
                consent_text="Exemple fictif : aucun accord réel.",
            )
            for number in range(start, start + count)
        ]
    )
    Through = NeedsSurveyAnswer.needs.through
    Through.objects.bulk_create(
        [
            Through(needssurveyanswer_id=answer.pk, mutualisationneed_id=need.pk)
            for answer in answers
            for need in rng.sample(needs, rng.randint(1, min(4, len(needs))))
        ]
    )
    return len(answers)


def load_demo_samples(log) -> None:
    """Fictional offers and needs in the Sud-Gironde, and answers to the questionnaire, once each."""
    communes = sud_gironde_communes()
    if not BoardPost.objects.filter(title__startswith=SAMPLE_PREFIX).exists():
        created = generate_sample_board_posts(20, seed=DEMO_SEED, communes=communes)
        log(f"Exemples fictifs : {created} annonces du tableau de mutualisation.")
    if not NeedsSurveyAnswer.objects.filter(organisation__startswith=SAMPLE_PREFIX).exists():
        # In the communes the Pays are known to hold, so that the état des lieux details some of them.
        in_pays = Commune.objects.filter(Q(epci__pays__isnull=False) | Q(pays_memberships__isnull=False))
        created = generate_sample_answers(40, seed=DEMO_SEED, communes=in_pays.distinct().order_by("insee_code"))
        log(f"Exemples fictifs : {created} réponses au questionnaire des besoins.")
