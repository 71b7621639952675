"""The signed links of the subscription e-mails: they carry the subscriber's number and key, never the address.

Each purpose has its own salt, so that a manage link cannot confirm nor unsubscribe. The confirmation link
expires (`CONFIRM_MAX_AGE`); the manage and unsubscribe links last as long as the subscription (a new request
after an unsubscription draws a new key, which retires the older links).
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from wagtail.models import Site

from ..models import Subscriber

CONFIRM_MAX_AGE = timedelta(days=7)
SALTS = {
    "confirm": "news.subscriptions.confirm",
    "manage": "news.subscriptions.manage",
    "unsubscribe": "news.subscriptions.unsubscribe",
}
URL_NAMES = {
    "confirm": "news_subscription_confirm",
    "manage": "news_subscription_manage",
    "unsubscribe": "news_unsubscribe",
}

# Why a link does not open, in French, for the person who followed it.
REFUSALS = {
    "invalid": (
        "Ce lien n'est pas valide",
        "Il est incomplet ou a été modifié. Copiez l'adresse entière depuis l'e-mail reçu, ou abonnez-vous à nouveau.",
    ),
    "expired": (
        "Ce lien a expiré",
        f"Par sécurité, un lien de confirmation ne sert que {CONFIRM_MAX_AGE.days} jours et la demande a été "
        "oubliée. Abonnez-vous à nouveau : vous recevrez un nouveau lien.",
    ),
    "used": (
        "Votre abonnement est déjà confirmé",
        "Ce lien a déjà servi : vous recevez déjà les nouvelles du club. Pour changer vos sujets ou vous "
        "désabonner, suivez les liens en bas de chaque e-mail reçu.",
    ),
    "gone": (
        "Cet abonnement n'existe plus",
        "L'adresse a été désabonnée, ou la demande n'a pas été confirmée à temps. Vous pouvez vous abonner à nouveau.",
    ),
}


def make_token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.link_key], salt=SALTS[purpose])


def path(subscriber: Subscriber, purpose: str) -> str:
    return reverse(URL_NAMES[purpose], args=[make_token(subscriber, purpose)])


def absolute(path_: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path_


def url(subscriber: Subscriber, purpose: str) -> str:
    return absolute(path(subscriber, purpose))


def read(token: str, purpose: str) -> tuple[Subscriber | None, str]:
    """(the subscriber, "") when the link may be used, else (None or the subscriber, the key in REFUSALS)."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        value = signing.loads(token, salt=SALTS[purpose], max_age=max_age)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    match value:
        case [int(pk), str(key)]:
            pass
        case _:
            return None, "invalid"
    subscriber = Subscriber.objects.filter(pk=pk, link_key=key).first()
    if subscriber is None or subscriber.unsubscribed_at is not None:
        return None, "gone"
    if purpose == "confirm" and subscriber.confirmed_at is not None:
        return subscriber, "used"
    if purpose == "manage" and subscriber.confirmed_at is None:
        return None, "gone"
    return subscriber, ""
