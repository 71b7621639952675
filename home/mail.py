"""E-mails the site sends: to the club, to the moderators, to a board poster.

Every e-mail is queued (home/outbox.py) and sent after the response by the task worker, tried again while the
mail server fails; what the visitor sent is stored before, so a mail server down never loses their words.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from . import outbox

logger = logging.getLogger(__name__)


def club_address(request=None) -> str:
    """Where the site's forms write to: the contact address of the site settings."""
    from wagtail.models import Site

    from .models import SiteSettings

    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).contact_email if site else ""


def moderators():
    """The active users who moderate contributions: the members of the Modérateurs role (home/roles.py)."""
    from .roles import MODERATORS

    return get_user_model().objects.filter(is_active=True, groups__name=MODERATORS).exclude(email="").distinct()


def moderator_addresses() -> list[str]:
    return sorted({user.email for user in moderators()})


def send(subject: str, body: str, to: list[str], reply_to: str = "", on_refusal: tuple[str, str] | None = None) -> bool:
    """Queues one plain-text e-mail (home/outbox.py); returns False (and logs why) when there is nobody to send to.

    `on_refusal=(handler name, reference)`: who is told if the address is refused for good (home.outbox)."""
    recipients = [address for address in to if address]
    if not recipients:
        logger.warning("E-mail « %s » not sent: no recipient configured.", subject)
        return False
    outbox.queue(
        EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + subject,
            body=body,
            to=recipients,
            reply_to=[reply_to] if reply_to else None,
        ),
        on_refusal=on_refusal,
    )
    return True
