"""Spam protection of every public form, without third parties: a honeypot, a minimum fill time, a rate limit.

- `guard_fields()` gives the two hidden inputs a form template renders (`{% include "includes/form_guard.html" %}`):
  a field no person sees or fills (the honeypot) and the signed time the form was shown.
- `is_spam(request)` is true when the honeypot is filled, or the form came back too fast or without a valid
  signed time. Spam is dropped silently: the view answers as if all went well, and keeps and sends nothing.
- `is_rate_limited(request, group)` counts the submissions of one address per form in Django's cache
  (django-ratelimit); over the limit the form says to retry later and keeps what was typed.
"""

import time

from django.conf import settings
from django.core import signing
from django_ratelimit.core import is_ratelimited

from home.client_address import client_ip

HONEYPOT_FIELD = "site_internet_2"
TIMESTAMP_FIELD = "form_shown_at"
SIGNING_SALT = "home.spam.form-shown-at"
RATE_LIMITED_MESSAGE = (
    "Vous avez envoyé plusieurs formulaires en peu de temps. Pour nous protéger des envois automatiques, "
    "réessayez un peu plus tard : ce que vous avez écrit est conservé ci-dessous."
)


def guard_fields(now: float | None = None) -> dict[str, str]:
    """The hidden inputs of a freshly shown form: an empty honeypot and the signed time it was shown."""
    shown_at = int(time.time() if now is None else now)
    return {HONEYPOT_FIELD: "", TIMESTAMP_FIELD: signing.dumps(shown_at, salt=SIGNING_SALT)}


def seconds_since_shown(data) -> float | None:
    """How long ago the form was shown, from its signed time; None when it is missing or forged."""
    try:
        shown_at = signing.loads(data.get(TIMESTAMP_FIELD, ""), salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(shown_at, int):
        return None
    return time.time() - shown_at


def is_spam(request) -> bool:
    """A filled honeypot, a form sent back faster than a person can type, or no valid signed time."""
    if request.POST.get(HONEYPOT_FIELD, ""):
        return True
    elapsed = seconds_since_shown(request.POST)
    return elapsed is None or elapsed < settings.FORM_MIN_FILL_SECONDS


def is_rate_limited(request, group: str) -> bool:
    """Counts one submission of `group` from the visitor's address; true once over FORM_RATE_LIMIT."""
    return is_ratelimited(
        request,
        group=f"forms:{group}",
        key=lambda group, request: client_ip(request),
        rate=settings.FORM_RATE_LIMIT,
        increment=True,
    )
