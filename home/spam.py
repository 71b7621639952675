"""Spam protection of every public form, without third parties: a honeypot, a signed fill time, a rate limit.

- `guard_fields()` gives the two hidden inputs a form template renders (`{% form_guard %}`): a field no person
  sees or fills (the honeypot) and the signed time the form was shown.
- `is_robot(request)`: the honeypot is filled, or the signed time is missing or forged. Only a program does
  that: it is answered as if all went well, and nothing is kept or sent.
- `retry_message(request)`: what a person is told when the form comes back too fast or after its signed time
  expired (FORM_GUARD_MAX_AGE_SECONDS). The form comes back with everything typed, and the person resends it.
- `claim_token(request)`: marks the token used, once, just before the submission is stored, so that one token
  cannot be replayed (ALREADY_SENT_MESSAGE otherwise, the form kept).
- `is_rate_limited(request, group)` counts the submissions of one address per form in Django's cache
  (django-ratelimit); over the limit the form says to retry later and keeps what was typed.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django_ratelimit.core import is_ratelimited

from home.client_address import client_ip

HONEYPOT_FIELD = "site_internet_2"
TIMESTAMP_FIELD = "form_shown_at"
SIGNING_SALT = "home.spam.form-shown-at"
RATE_LIMITED_MESSAGE = (
    "Vous avez envoyé plusieurs formulaires en peu de temps. Pour nous protéger des envois automatiques, "
    "réessayez un peu plus tard : ce que vous avez écrit est conservé ci-dessous."
)
TOO_FAST_MESSAGE = (
    "Le formulaire est revenu plus vite qu'une personne ne le remplit d'habitude, et nous devons nous protéger "
    "des envois automatiques : relisez ce que vous avez écrit, conservé ci-dessous, puis envoyez-le à nouveau."
)
EXPIRED_MESSAGE = (
    "Le formulaire était ouvert depuis longtemps : pour nous protéger des envois automatiques, relisez ce que "
    "vous avez écrit, conservé ci-dessous, puis envoyez-le à nouveau."
)
ALREADY_SENT_MESSAGE = (
    "Ce formulaire vient déjà d'être envoyé, et cet envoi est bien arrivé. Pour en envoyer un autre, relisez ce "
    "qui est ci-dessous puis envoyez-le à nouveau."
)


def guard_fields(now: float | None = None) -> dict[str, str]:
    """The hidden inputs of a freshly shown form: an empty honeypot and the signed time it was shown."""
    shown_at = int(time.time() if now is None else now)
    # The random part makes each shown form's token unique, so that using it once is claimed for it alone.
    token = signing.dumps([shown_at, secrets.token_urlsafe(8)], salt=SIGNING_SALT)
    return {HONEYPOT_FIELD: "", TIMESTAMP_FIELD: token}


def shown_at(token: str) -> int | None:
    """The time the form was shown, from its signed token; None when it is missing or forged."""
    try:
        value = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    match value:
        case [int(shown), str()]:
            return shown
    return None


def is_expired(shown: int) -> bool:
    return time.time() - shown > settings.FORM_GUARD_MAX_AGE_SECONDS


def is_robot(request) -> bool:
    """A filled honeypot, or no valid signed time: what a program sends, never a person's browser."""
    return bool(request.POST.get(HONEYPOT_FIELD, "")) or shown_at(request.POST.get(TIMESTAMP_FIELD, "")) is None


def retry_message(request) -> str:
    """Why a person's form must be sent again (too fast, or too old), or "" when it may go on."""
    shown = shown_at(request.POST.get(TIMESTAMP_FIELD, ""))
    if is_expired(shown):
        return EXPIRED_MESSAGE
    if time.time() - shown < settings.FORM_MIN_FILL_SECONDS:
        return TOO_FAST_MESSAGE
    return ""


def is_reusable(token: str) -> bool:
    """Whether a form coming back may keep its token: valid, not expired, not used by a stored submission."""
    shown = shown_at(token)
    return shown is not None and not is_expired(shown) and not is_used(token)


def used_key(token: str) -> str:
    return "form-guard-used:" + hashlib.sha256(token.encode()).hexdigest()


def is_used(token: str) -> bool:
    return cache.get(used_key(token)) is not None


def claim_token(request) -> bool:
    """Marks the form's token used by a stored submission; False when another submission already used it."""
    return cache.add(used_key(request.POST.get(TIMESTAMP_FIELD, "")), 1, settings.FORM_GUARD_MAX_AGE_SECONDS)


def is_rate_limited(request, group: str) -> bool:
    """Counts one submission of `group` from the visitor's address; true once over FORM_RATE_LIMIT."""
    return is_ratelimited(
        request,
        group=f"forms:{group}",
        key=lambda group, request: client_ip(request),
        rate=settings.FORM_RATE_LIMIT,
        increment=True,
    )
