"""The one way every public form is sent: spam guard, validation, rate limit, save, notify, thank-you page.

The contact and membership pages, the two public proposals and the board's two forms all go through `submit`;
each gives its form and what to do at each step. Whatever goes wrong for a person, the form comes back with a
French message and everything typed kept (sent too fast, left open too long, sent twice, too many sendings);
only a robot (honeypot filled, signed time missing or forged) is answered « Merci » with nothing kept or sent.
"""

from collections.abc import Callable
from typing import Any

from . import spam
from .form_fields import cap_free_text


def submit(
    request,
    form,
    *,
    rate_limit_group: str,
    save: Callable[[Any], Any],
    show_form: Callable[[Any], Any],
    thank: Callable[[Any], Any],
    notify: Callable[[Any], None] | None = None,
):
    """Runs a posted form through the steps; returns the response of `show_form(form)` or `thank(record)`.

    `save(form)` stores what was sent and returns the record; `notify(record)` tells whom it concerns (its
    e-mails are queued, never sent on the request path); `thank(record)` is the thank-you page (`record` is
    None for a robot, who is thanked and forgotten).
    """
    if spam.is_robot(request):
        return thank(None)
    cap_free_text(form)
    if form.is_valid():
        retry = spam.retry_message(request)
        if retry:
            form.add_error(None, retry)
        elif spam.is_rate_limited(request, rate_limit_group):
            form.add_error(None, spam.RATE_LIMITED_MESSAGE)
        elif not spam.claim_token(request):
            form.add_error(None, spam.ALREADY_SENT_MESSAGE)
        else:
            record = save(form)
            if notify is not None:
                notify(record)
            return thank(record)
    return show_form(form)
