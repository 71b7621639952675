"""`/abonnement/`: subscribe, confirm, change what one follows, unsubscribe in one click.

The forms go through `home.submission.submit` (spam guard, rate limit, one sending per form shown). A signed
link is the only thing in the addresses after the first form; a forged, expired or used link answers a French
page (400 or 410), never a 500. The pages are never cached and send no referrer elsewhere (the token must not
leak). Unsubscribing accepts a POST without CSRF token (RFC 8058: a mail program posts
`List-Unsubscribe=One-Click` with no page around it): the signed link is the proof, and the only thing such a
POST can do is stop the e-mails of the address the link was sent to.
"""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.submission import submit

from . import links, subscribing
from .forms import CONSENT_LABEL, ConfirmForm, ManageForm, SubscribeForm

RATE_LIMIT_GROUP = "abonnement"


def _private(response):
    response["Referrer-Policy"] = "same-origin"
    return response


def _refused(request, reason):
    title, text = links.REFUSALS[reason]
    status = 400 if reason == "invalid" else 410
    return _private(
        TemplateResponse(request, "news/subscriptions/refused.html", {"title": title, "text": text}, status=status)
    )


def _done(request, what, subscriber=None, status=200):
    context = {"what": what, "subscriber": subscriber}
    return _private(TemplateResponse(request, "news/subscriptions/done.html", context, status=status))


@never_cache
def subscribe(request):
    def show_form(form):
        return TemplateResponse(request, "news/subscriptions/subscribe.html", {"form": form})

    if request.method != "POST":
        return show_form(SubscribeForm())
    return submit(
        request,
        SubscribeForm(request.POST),
        rate_limit_group=RATE_LIMIT_GROUP,
        save=lambda form: subscribing.request_subscription(form.cleaned_data["email"], form.follows(), CONSENT_LABEL),
        show_form=show_form,
        thank=lambda subscriber: _done(request, "requested"),
    )


@never_cache
def confirm(request, token):
    subscriber, reason = links.read(token, "confirm")
    if reason:
        return _refused(request, reason)

    def show_form(form):
        context = {"form": form, "follows": subscribing.describe(subscriber)}
        return _private(TemplateResponse(request, "news/subscriptions/confirm.html", context))

    if request.method != "POST":
        return show_form(ConfirmForm())
    return _private(
        submit(
            request,
            ConfirmForm(request.POST),
            rate_limit_group=RATE_LIMIT_GROUP,
            save=lambda form: subscribing.confirm(subscriber),
            show_form=show_form,
            thank=lambda record: _done(request, "confirmed", record),
        )
    )


@never_cache
def manage(request, token):
    subscriber, reason = links.read(token, "manage")
    if reason:
        return _refused(request, reason)

    def show_form(form):
        context = {"form": form, "unsubscribe_path": links.path(subscriber, "unsubscribe")}
        return _private(TemplateResponse(request, "news/subscriptions/manage.html", context))

    if request.method != "POST":
        return show_form(ManageForm(initial=ManageForm.initial_for(subscriber.follows.all())))
    return _private(
        submit(
            request,
            ManageForm(request.POST),
            rate_limit_group=RATE_LIMIT_GROUP,
            save=lambda form: subscribing.change(subscriber, form.follows()),
            show_form=show_form,
            thank=lambda record: _done(request, "changed", record),
        )
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button; POST (that button, or a mail program's one-click): unsubscribed at once."""
    subscriber, reason = links.read(token, "unsubscribe")
    if reason == "gone" and request.method == "POST":
        return _done(request, "unsubscribed")  # sent twice (a double click, a mail program retrying): same answer
    if reason:
        return _refused(request, reason)
    if request.method == "POST":
        subscribing.unsubscribe(subscriber)
        return _done(request, "unsubscribed")
    return _private(TemplateResponse(request, "news/subscriptions/unsubscribe.html", {}))
