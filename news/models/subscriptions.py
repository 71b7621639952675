"""Visitors who follow the club by e-mail: their address, what they follow, and how often the digest leaves.

The logic (double opt-in, signed links, the digest, unsubscribing) lives in `news/subscriptions/`. A subscriber
is an address and the things it follows; the address is read by administrators only (home/roles.py,
`for_administrators_only`), moderators see counts per subject. No account: every action goes through a signed
link sent to the address.
"""

import secrets

from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def new_link_key() -> str:
    return secrets.token_urlsafe(12)


class DigestFrequency(models.IntegerChoices):
    DAILY = 1, "Chaque jour"
    WEEKLY = 7, "Chaque semaine"
    FORTNIGHTLY = 14, "Toutes les deux semaines"
    MONTHLY = 30, "Chaque mois"


@register_setting(icon="mail")
class SubscriptionSettings(BaseGenericSetting):
    """How often subscribers receive the digest of what is new (the club chooses; weekly by default)."""

    digest_days = models.PositiveSmallIntegerField(
        "fréquence des e-mails aux abonnés",
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
        help_text="Chaque abonné reçoit au plus un e-mail par période, et seulement s'il y a du nouveau sur ce "
        "qu'il suit (actualités, agenda du Mois de l'ESS, nouveaux acteurs).",
    )

    class Meta:
        verbose_name = "abonnements par e-mail"
        verbose_name_plural = "abonnements par e-mail"


class Subscriber(models.Model):
    """An address that asked to receive the club's news: pending until its owner confirms it by the link sent."""

    for_administrators_only = True  # home/roles.py: the addresses are listed and exported by administrators only

    email = models.EmailField(
        "adresse e-mail",
        max_length=254,
        unique=True,
        help_text="L'adresse qui reçoit les e-mails, en minuscules ; elle n'est jamais publiée ni transmise.",
    )
    link_key = models.CharField(
        "clé des liens",
        max_length=32,
        default=new_link_key,
        help_text="Technique : les liens envoyés par e-mail la portent ; la changer rend les anciens liens inutiles.",
    )
    requested_at = models.DateTimeField(
        "demandé le",
        auto_now_add=True,
        help_text="Le moment de la demande (ou de la dernière demande) ; sans confirmation, elle expire.",
    )
    consent_text = models.TextField(
        "accord donné",
        blank=True,
        help_text="La phrase que la personne a cochée en s'abonnant, gardée comme preuve de son accord.",
    )
    confirmed_at = models.DateTimeField(
        "confirmé le",
        null=True,
        blank=True,
        help_text="Le moment où la personne a suivi le lien de confirmation ; vide tant qu'elle ne l'a pas fait.",
    )
    last_digest_at = models.DateTimeField(
        "dernier passage de l'envoi",
        null=True,
        blank=True,
        help_text="Le dernier envoi préparé pour cette adresse : le suivant ne contient que ce qui est nouveau depuis.",
    )
    unsubscribed_at = models.DateTimeField(
        "désabonné le",
        null=True,
        blank=True,
        help_text="Le moment du désabonnement ; l'adresse est effacée après la durée de conservation.",
    )

    class Meta:
        verbose_name = "abonné"
        verbose_name_plural = "abonnés"
        ordering = ["-requested_at"]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class FollowKind(models.TextChoices):
    ALL_NEWS = "actualites", "Toutes les actualités"
    PHASE = "phase", "Actualités d'une phase du projet"
    TOPIC = "theme", "Actualités d'un thème"
    AGENDA = "agenda", "Agenda du Mois de l'ESS"
    ACTORS = "acteurs", "Nouveaux acteurs"


class Follow(models.Model):
    """One thing a subscriber follows: all the news, a phase, a topic, the agenda or new actors of a territory."""

    for_administrators_only = True

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name="abonné",
        on_delete=models.CASCADE,
        related_name="follows",
        help_text="L'adresse qui suit ce sujet.",
    )
    kind = models.CharField("sujet", max_length=20, choices=FollowKind.choices, help_text="Ce que l'abonné suit.")
    value = models.CharField(
        "précision",
        max_length=120,
        blank=True,
        help_text="L'identifiant de la phase ou du thème, ou le territoire (« pays:… », « epci:… ») ; vide pour tout.",
    )

    class Meta:
        verbose_name = "sujet suivi"
        verbose_name_plural = "sujets suivis"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "kind", "value"], name="news_follow_once_per_subject")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value}".strip()
