"""The one way every public form is sent: spam guard, validation, rate limit, save, notify, thank-you page.

The contact and membership pages, the two public proposals and the board's two forms all go through `submit`;
each gives its form and what to do at each step. Whatever goes wrong for a person, the form comes back with a
French message and everything typed kept; only a robot is answered « Merci » with nothing stored or sent.
"""

from collections.abc import Callable
from typing import Any

from . import spam


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
    if spam.is_spam(request):
        return thank(None)
    if form.is_valid():
        if spam.is_rate_limited(request, rate_limit_group):
            form.add_error(None, spam.RATE_LIMITED_MESSAGE)
        else:
            record = save(form)
            if notify is not None:
                notify(record)
            return thank(record)
    return show_form(form)
