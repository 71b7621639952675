"""The queue every e-mail leaves from: after the response, from the task worker, tried again while it fails.

Sending an e-mail only stores it as a `deliver` task (django-tasks, database backend, `manage.py db_worker`):
`home.mail.send` queues it, and `EMAIL_BACKEND = "home.outbox.QueuedEmailBackend"` does the same for whatever
else sends mail (Wagtail's moderation notices, the admin's password reset). The worker sends it through
`MAIL_DELIVERY_BACKEND` (SMTP in production). A mail server that is down, hangs or refuses never holds a
visitor's request: the message, kept whole in the task's arguments, is tried again after each of
`MAIL_RETRY_DELAYS` (seconds), then given up with an error in the log naming its subject and the recipients'
domains: a log line names no one (the privacy page promises it), an address is kept in the task only.

A permanent refusal (the mail server answers 5xx for every recipient: the address does not exist) is not tried
again. A message queued with `on_refusal=(name, reference)` then tells the handler an upper app registered under
that name (`register_refusal_handler`), e.g. to mark the address « en échec » where volunteers will see it.
"""

import logging
import re
import smtplib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@((?:[\w-]+\.)+[\w-]+)")


def without_addresses(text) -> str:
    """`text` with every e-mail address reduced to its domain (`…@example.org`), for the log."""
    return EMAIL_ADDRESS.sub(r"…@\1", str(text))


class DeliveryFailed(Exception):
    """A delivery that failed, described without the addresses (the task's result and traceback keep it)."""


def one_line(subject: str) -> str:
    """A subject on one line: a line break in a header would make the mail library refuse the whole e-mail."""
    return " ".join(str(subject).split())


def as_data(message) -> dict:
    """What a task keeps of an e-mail (JSON): everything this site's e-mails carry; they have no attachments."""
    if message.attachments:
        raise ValueError("Queued e-mails carry no attachments.")
    return {
        "subject": one_line(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


def as_message(data: dict, connection) -> EmailMultiAlternatives:
    alternatives = [tuple(alternative) for alternative in data["alternatives"]]
    fields = {key: value for key, value in data.items() if key not in ("alternatives", "on_refusal")}
    return EmailMultiAlternatives(**fields, alternatives=alternatives, connection=connection)


_REFUSAL_HANDLERS: dict[str, Callable[[str], None]] = {}


def register_refusal_handler(name: str, handler: Callable[[str], None]) -> None:
    """`handler(reference)` runs in the worker when a message queued with `on_refusal=(name, reference)` is refused
    for good."""
    _REFUSAL_HANDLERS[name] = handler


def is_permanent_refusal(error: Exception) -> bool:
    """Every recipient refused with a 5xx code (RFC 5321: do not try again); a 4xx is temporary."""
    if not isinstance(error, smtplib.SMTPRecipientsRefused) or not error.recipients:
        return False
    return all(500 <= code < 600 for code, _text in error.recipients.values())


def queue(message, on_refusal: tuple[str, str] | None = None) -> None:
    """Stores the e-mail for the worker; nothing is sent on the request path."""
    data = as_data(message)
    if on_refusal is not None:
        data["on_refusal"] = [on_refusal[0], str(on_refusal[1])]
    deliver.enqueue(data)


def report_refusal(message: dict) -> None:
    name, reference = message.get("on_refusal") or ("", "")
    handler = _REFUSAL_HANDLERS.get(name)
    if handler is not None:
        handler(reference)


@task()
def deliver(message: dict, attempt: int = 1) -> None:
    """Sends one queued e-mail; on failure, queues the next attempt (the message whole) or gives up with a log."""
    try:
        as_message(message, get_connection(settings.MAIL_DELIVERY_BACKEND)).send()
    except Exception as error:
        subject, recipients = message["subject"], without_addresses(", ".join(message["to"]))
        reason = without_addresses(f"{type(error).__name__}: {error}")
        if is_permanent_refusal(error):
            logger.error("E-mail « %s » to %s refused for good, not tried again: %s", subject, recipients, reason)
            report_refusal(message)
            raise DeliveryFailed(reason) from None
        delays = settings.MAIL_RETRY_DELAYS
        if attempt > len(delays) or not deliver.get_backend().supports_defer:
            logger.error("E-mail « %s » to %s given up after %d attempt(s): %s", subject, recipients, attempt, reason)
            raise DeliveryFailed(reason) from None
        retry_at = timezone.now() + timedelta(seconds=delays[attempt - 1])
        deliver.using(run_after=retry_at).enqueue(message, attempt + 1)
        logger.warning(
            "E-mail « %s » to %s not sent (attempt %d: %s); next attempt at %s.",
            subject,
            recipients,
            attempt,
            reason,
            retry_at.isoformat(timespec="seconds"),
        )
        raise DeliveryFailed(reason) from None


class QueuedEmailBackend(BaseEmailBackend):
    """Django's e-mail API, queued: Wagtail and Django's own e-mails take the same path as the site's."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue(message)
        return len(email_messages)
