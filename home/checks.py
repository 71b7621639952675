"""`manage.py check --deploy`: what the site needs before it can serve the public, beyond Django's own checks."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def contact_address_is_set(app_configs, **kwargs):
    """Without the club's address, the contact and membership forms store messages that reach nobody.

    Silent on a database not yet migrated (there are no site settings to check).
    """
    from .models import SiteSettings

    try:
        missing = list(SiteSettings.objects.filter(contact_email="").select_related("site"))
    except DatabaseError:
        return []
    return [
        Warning(
            f"The site « {settings.site} » has no contact e-mail: the contact and membership forms send nothing.",
            hint="Set it in the admin: Paramètres › Paramètres du site › « adresse e-mail de contact ».",
            obj=settings,
            id="home.W001",
        )
        for settings in missing
    ]
