"""The admin's « mot de passe oublié » form, throttled per e-mail address and per client address.

Each request sends an e-mail: without a limit, anyone could flood a volunteer's mailbox, or use the site to
send mail to any address. Over PASSWORD_RESET_RATE_LIMIT the form says to wait, and sends nothing.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import PasswordResetView

from .client_address import client_ip

THROTTLED_MESSAGE = (
    "Plusieurs demandes de nouveau mot de passe viennent d'être faites : réessayez dans une heure. "
    "Si un e-mail est déjà parti, il reste valable."
)


def counts_over_limit(request, group: str, key: str) -> bool:
    return is_ratelimited(
        request,
        group=f"password-reset:{group}",
        key=lambda group, request: key,
        rate=settings.PASSWORD_RESET_RATE_LIMIT,
        increment=True,
    )


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        # Both counters move on every request, so that neither one address nor one client gets past.
        by_address = counts_over_limit(self.request, "address", address)
        by_client = counts_over_limit(self.request, "client", client_ip(self.request))
        if by_address or by_client:
            form.add_error(None, THROTTLED_MESSAGE)
            return self.form_invalid(form)
        return super().form_valid(form)
