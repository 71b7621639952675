"""`/verifier-ma-fiche/…`: the pages an actor opens from « Vérifiez votre fiche ».

The e-mail's link (`/verifier-ma-fiche/<jeton>/`) only puts its token in the visitor's session and redirects to an
address without it (`/verifier-ma-fiche/demande/<n>/`): the token is then in no later request line, no Referer
header and no log line of Django (which logs the address of 4xx answers); nginx and gunicorn mask it in the one
request line they see (deploy/nginx/site-ess.conf, gunicorn.conf.py). The session holds the tokens of the links
opened in that browser, so two records' links opened side by side each keep their own.

The page shows the record as the public sees it with « Tout est juste » and a link to « Proposer des corrections »;
both POSTs go through `home.submission.submit` (spam guard, rate limit per client address). A link that is forged,
expired, used or outdated, or a page opened without the link, answers a French page saying what to do (status
400, 403 or 410, never a 500). The responses are never cached and send no referrer to other sites.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from home.submission import submit

from . import record_checks
from .record_check_forms import ConfirmForm, CorrectionForm

RATE_LIMIT_GROUP = "verifier-ma-fiche"
SESSION_KEY = "record_check_tokens"
SESSION_MAX_LINKS = 10  # the links kept in one browser's session, the latest opened


def _private(response):
    response["Referrer-Policy"] = "same-origin"
    return response


def _refused(request, reason):
    title, text = record_checks.REFUSALS[reason]
    status = {"invalid": 400, "no_session": 403}.get(reason, 410)
    return _private(
        TemplateResponse(
            request,
            "actors/record_check_refused.html",
            {"title": title, "text": text, "reason": reason},
            status=status,
        )
    )


@never_cache
def record_check_link(request, token, then="actors_record_check"):
    """The e-mail's link, whatever the method: keeps the token in the session, redirects to a token-free address
    (the record, or `then`: its corrections)."""
    check, reason = record_checks.read_token(token)
    if check is None:
        return _private(redirect("actors_record_check_refused", reason=reason))
    tokens = {key: value for key, value in request.session.get(SESSION_KEY, {}).items() if key != str(check.pk)}
    tokens[str(check.pk)] = token
    request.session[SESSION_KEY] = dict(list(tokens.items())[-SESSION_MAX_LINKS:])
    return _private(redirect(then, pk=check.pk))


@never_cache
def record_check_refused(request, reason):
    """Where a link that names no request (forged, expired) lands: its explanation, without the token."""
    return _refused(request, reason if reason in record_checks.REFUSALS else "invalid")


def _opened_check(request, pk):
    """(the request, "") when this browser opened its link and it may still be used, else (None, refusal key)."""
    token = request.session.get(SESSION_KEY, {}).get(str(pk))
    if token is None:
        return None, "no_session"
    check, reason = record_checks.read_token(token)
    if reason:
        return None, reason
    return check, ""


def _done(request, check, what):
    return TemplateResponse(request, "actors/record_check_done.html", {"check": check, "what": what})


def _context(check):
    actor = check.actor
    return {
        "check": check,
        "actor": actor,
        "sectors": list(actor.sectors.all()),
        "areas_served": actor.areas_served,
    }


@never_cache
def record_check(request, pk):
    check, reason = _opened_check(request, pk)
    if reason:
        return _refused(request, reason)
    context = _context(check)

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
def record_correction(request, pk):
    check, reason = _opened_check(request, pk)
    if reason:
        return _refused(request, reason)
    context = _context(check)

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
