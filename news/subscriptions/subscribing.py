"""The double opt-in and what follows it: ask, confirm, change what one follows, unsubscribe.

`request_subscription(email, follows, consent)` answers the same way whatever the address: a new or pending
address gets (again) a confirmation link; an address already confirmed gets its manage link, and nothing it
follows changes until its owner uses that link. The page the visitor sees never says which case it was.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Follow, Subscriber
from . import links, mail
from .links import CONFIRM_MAX_AGE

CONFIRM_SUBJECT = "Confirmez votre abonnement"
ALREADY_SUBJECT = "Votre abonnement aux nouvelles du club"
WELCOME_SUBJECT = "Abonnement confirmé"


def set_follows(subscriber: Subscriber, follows: list[tuple[str, str]]) -> None:
    subscriber.follows.all().delete()
    Follow.objects.bulk_create(
        [Follow(subscriber=subscriber, kind=kind, value=value) for kind, value in dict.fromkeys(follows)]
    )


def request_subscription(email: str, follows: list[tuple[str, str]], consent: str) -> Subscriber:
    """Records the request (or answers a confirmed address with its manage link); the e-mail is queued."""
    email = email.strip().lower()
    try:
        return _request(email, follows, consent)
    except IntegrityError:  # the same address sent twice at once: the other request created it, take it up
        return _request(email, follows, consent)


@transaction.atomic
def _request(email: str, follows: list[tuple[str, str]], consent: str) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.is_active:
        mail.send(subscriber, ALREADY_SUBJECT, "news/subscriptions/mail_already", {})
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=email)
    else:  # pending, or unsubscribed: a fresh request, with a new key that retires the older links
        subscriber.link_key = Subscriber._meta.get_field("link_key").get_default()
        subscriber.requested_at = timezone.now()
        subscriber.confirmed_at = subscriber.unsubscribed_at = subscriber.last_digest_at = None
    subscriber.consent_text = consent
    subscriber.save()
    set_follows(subscriber, follows)
    context = {
        "days": CONFIRM_MAX_AGE.days,
        "follows": describe(subscriber),
        "confirm_url": links.url(subscriber, "confirm"),
    }
    mail.send(subscriber, CONFIRM_SUBJECT, "news/subscriptions/mail_confirm", context)
    return subscriber


def confirm(subscriber: Subscriber) -> Subscriber:
    """The address is confirmed: the first digest will hold what is published from now on."""
    now = timezone.now()
    subscriber.confirmed_at = subscriber.last_digest_at = now
    subscriber.save(update_fields=["confirmed_at", "last_digest_at"])
    mail.send(subscriber, WELCOME_SUBJECT, "news/subscriptions/mail_welcome", {"follows": describe(subscriber)})
    return subscriber


def change(subscriber: Subscriber, follows: list[tuple[str, str]]) -> Subscriber:
    with transaction.atomic():
        set_follows(subscriber, follows)
    return subscriber


def unsubscribe(subscriber: Subscriber) -> None:
    """Nothing more is sent; what it followed is forgotten now, the address after the retention period."""
    with transaction.atomic():
        subscriber.follows.all().delete()
        if subscriber.confirmed_at is None:
            subscriber.delete()  # a request never confirmed proves nothing worth keeping
        else:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])


def describe(subscriber: Subscriber) -> list[str]:
    """What the subscriber follows, in French, for the e-mails and the manage page."""
    from .topics import follow_label

    return [follow_label(follow.kind, follow.value) for follow in subscriber.follows.order_by("kind", "value")]
