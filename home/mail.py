"""E-mails the site sends: to the club, to the moderators, to a board poster.

The backend comes from the settings (console in development, SMTP from the environment in production,
Django's outbox in tests). A mail server that fails never loses a visitor's words: what the visitor sent is
stored before any e-mail goes out, and a failed sending is logged, not raised.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

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


def send(subject: str, body: str, to: list[str], reply_to: str = "") -> bool:
    """Sends one plain-text e-mail; returns False (and logs why) when there is nobody to send to or it fails."""
    recipients = [address for address in to if address]
    if not recipients:
        logger.warning("E-mail « %s » not sent: no recipient configured.", subject)
        return False
    message = EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        to=recipients,
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        message.send()
    except Exception:  # a mail server down must not turn a stored submission into an error page
        logger.exception("E-mail « %s » could not be sent.", subject)
        return False
    return True
