"""Every e-mail of a subscription: plain text and HTML, queued (home/outbox.py), with one-click unsubscribe.

`List-Unsubscribe` carries the https link (signed, no address in it) and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` tells mail programs that a POST to it unsubscribes at once (RFC 8058).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from home import outbox

from ..models import Subscriber
from . import links


def send(subscriber: Subscriber, subject: str, template: str, context: dict) -> None:
    """Queues `template`.txt and `template`.html to the subscriber, with the unsubscribe and manage links."""
    unsubscribe_url = links.url(subscriber, "unsubscribe")
    context = {
        **context,
        "subject": subject,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": links.url(subscriber, "manage") if subscriber.confirmed_at else "",
        "subscribe_url": links.absolute(_subscribe_path()),
    }
    message = EmailMultiAlternatives(
        subject=settings.EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"{template}.txt", context),
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    outbox.queue(message)


def _subscribe_path() -> str:
    from django.urls import reverse

    return reverse("news_subscribe")
