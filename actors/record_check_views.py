"""`/verifier-ma-fiche/<lien>/`: the page an actor opens from « Vérifiez votre fiche ».

GET shows the record as the public sees it with « Tout est juste » and a link to « Proposer des corrections »;
both POSTs go through `home.submission.submit` (spam guard, rate limit). A link that is forged, expired, used or
outdated answers a French page saying what to do (status 410 or 400, never a 500). The token is the only thing
in the address; the responses are never cached and send no referrer to other sites (the token must not leak to the actor's
website, linked from the page).
"""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from home.submission import submit

from . import record_checks
from .record_check_forms import ConfirmForm, CorrectionForm

RATE_LIMIT_GROUP = "verifier-ma-fiche"


def _private(response):
    response["Referrer-Policy"] = "same-origin"
    return response


def _refused(request, reason):
    title, text = record_checks.REFUSALS[reason]
    status = 400 if reason == "invalid" else 410
    return TemplateResponse(
        request, "actors/record_check_refused.html", {"title": title, "text": text, "reason": reason}, status=status
    )


def _done(request, check, what):
    return TemplateResponse(request, "actors/record_check_done.html", {"check": check, "what": what})


def _context(check, token):
    actor = check.actor
    return {
        "check": check,
        "actor": actor,
        "token": token,
        "sectors": list(actor.sectors.all()),
        "areas_served": actor.areas_served,
    }


@never_cache
def record_check(request, token):
    check, reason = record_checks.read_token(token)
    if reason:
        return _private(_refused(request, reason))
    context = _context(check, token)

    def show_form(form):
        return TemplateResponse(request, "actors/record_check.html", {**context, "form": form})

    if request.method != "POST":
        return _private(show_form(ConfirmForm()))
    return _private(
        submit(
            request,
            ConfirmForm(request.POST),
            rate_limit_group=RATE_LIMIT_GROUP,
            save=lambda form: record_checks.confirm(check),
            show_form=show_form,
            thank=lambda record: _done(request, record, "confirmed"),
        )
    )


@never_cache
def record_correction(request, token):
    check, reason = record_checks.read_token(token)
    if reason:
        return _private(_refused(request, reason))
    context = _context(check, token)

    def show_form(form):
        return TemplateResponse(request, "actors/record_correction.html", {**context, "form": form})

    if request.method != "POST":
        return _private(show_form(CorrectionForm(instance=check.actor)))
    form = CorrectionForm(request.POST, instance=check.actor)
    return _private(
        submit(
            request,
            form,
            rate_limit_group=RATE_LIMIT_GROUP,
            save=lambda form: record_checks.propose_correction(check, form),
            notify=lambda record: record_checks.notify_moderators(record, form.cleaned_data.get("message", "")),
            show_form=show_form,
            thank=lambda record: _done(request, record, "corrected"),
        )
    )
