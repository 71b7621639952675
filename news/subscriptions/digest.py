"""The digest: per subscriber, only what was published since the last one, on the subjects it follows.

`send_digests()` (the periodic jobs, `manage.py send_subscription_digests`) looks at the confirmed subscribers
whose last digest is at least the club's period old (SubscriptionSettings, weekly by default). For each, it
gathers the news, the upcoming Mois de l'ESS events and the actors first published in between; it queues one
e-mail when there is something, nothing otherwise, and remembers the time either way.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from actors.filters import parse_territory
from actors.models import Actor, ActorIndexPage

from ..models import EventPage, FollowKind, NewsPage, Subscriber, SubscriptionSettings
from . import mail

SUBJECT = "Les nouvelles du Club ESS Sud-Gironde"


@dataclass
class Digest:
    news: list = field(default_factory=list)
    events: list = field(default_factory=list)
    actors: list = field(default_factory=list)  # (actor, profile URL)

    def __bool__(self):
        return bool(self.news or self.events or self.actors)


def period() -> timedelta:
    return timedelta(days=SubscriptionSettings.load().digest_days)


def due(now: datetime):
    return Subscriber.objects.filter(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True, last_digest_at__lte=now - period()
    ).prefetch_related("follows")


def _in_territories(queryset, values: list[str]):
    """The records in any of the territories ("" is the whole territory)."""
    if "" in values:
        return queryset
    matched = queryset.none()
    for value in values:
        territory = parse_territory(value)
        if territory is not None:
            matched = matched | queryset.in_territory(*territory)
    return matched


def gather(subscriber: Subscriber, since: datetime, until: datetime) -> Digest:
    follows = list(subscriber.follows.all())
    values = {kind: [f.value for f in follows if f.kind == kind] for kind in FollowKind.values}
    window = Q(first_published_at__gt=since, first_published_at__lte=until)
    digest = Digest()
    if values[FollowKind.ALL_NEWS] or values[FollowKind.PHASE] or values[FollowKind.TOPIC]:
        news = NewsPage.objects.published().filter(window)
        if not values[FollowKind.ALL_NEWS]:
            news = news.filter(
                Q(phase__slug__in=values[FollowKind.PHASE]) | Q(topics__slug__in=values[FollowKind.TOPIC])
            ).distinct()
        digest.news = list(news.order_by("-date", "-pk"))
    if values[FollowKind.AGENDA]:
        events = _in_territories(EventPage.objects.published().upcoming().filter(window), values[FollowKind.AGENDA])
        digest.events = list(events.in_chronological_order().select_related("commune"))
    if values[FollowKind.ACTORS]:
        actors = _in_territories(Actor.objects.published().filter(window), values[FollowKind.ACTORS])
        directory = ActorIndexPage.objects.live().first()
        base = (directory.full_url if directory else None) or ""  # no directory or no site: names without links
        digest.actors = [
            (actor, base + actor.slug + "/" if base else "")
            for actor in actors.select_related("commune").order_by("name")
        ]
    return digest


def send_digest(subscriber: Subscriber, now: datetime) -> bool:
    """Queues the subscriber's digest if something is new; the next one starts from `now` either way."""
    digest = gather(subscriber, subscriber.last_digest_at, now)
    if digest:
        mail.send(subscriber, SUBJECT, "news/subscriptions/mail_digest", {"digest": digest})
    Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
    return bool(digest)


def send_digests(now: datetime | None = None, limit: int = 500) -> tuple[int, int]:
    """(digests queued, subscribers with nothing new) for at most `limit` subscribers due."""
    now = now or timezone.now()
    sent = quiet = 0
    for subscriber in due(now).order_by("last_digest_at")[:limit]:
        if send_digest(subscriber, now):
            sent += 1
        else:
            quiet += 1
    return sent, quiet
