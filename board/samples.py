"""Fictional, clearly marked posts of the mutualisation board, for tests and benchmarks."""

import random
from datetime import timedelta

from django.utils import timezone

from actors.models import Actor, Commune
from actors.samples import DEMO_SEED, sud_gironde_communes
from home.search_index import index_in_bulk

from .choices import PostCategory, PostKind, PostStatus
from .models import MAX_DURATION_DAYS, BoardPost

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


def load_demo_samples(log) -> None:
    """Fictional offers and needs in the Sud-Gironde, once: a second run adds none."""
    if BoardPost.objects.filter(title__startswith=SAMPLE_PREFIX).exists():
        return
    created = generate_sample_board_posts(20, seed=DEMO_SEED, communes=sud_gironde_communes())
    log(f"Exemples fictifs : {created} annonces du tableau de mutualisation.")
