"""The questionnaire's page: the form, then a thank-you page that links each need ticked to the board's offers."""

from django.db import transaction

from .models import BoardIndexPage, NeedsSurveyAnswer
from .survey_forms import NeedsSurveyForm


def board_url() -> str:
    board = BoardIndexPage.objects.live().first()
    return board.url if board else ""


@transaction.atomic
def save_answer(form, consent_label: str) -> NeedsSurveyAnswer:
    answer = form.save(commit=False)
    answer.contact_name = form.cleaned_data["contact_name"]
    answer.contact_email = form.cleaned_data["contact_email"]
    answer.message = form.cleaned_data["message"]
    answer.consent_text = consent_label
    answer.save()
    form.save_m2m()
    return answer


def offer_links(answer: NeedsSurveyAnswer) -> list[tuple[str, str]]:
    """(need, the board's offers for it) for the needs ticked that a category of the board answers."""
    url = board_url()
    return [(need.name, need.offers_url(url)) for need in answer.needs.exclude(board_category="")] if url else []


def answer_survey(request, page):
    def save(form):
        answer = save_answer(form, page.consent_label)
        answer.offer_links = offer_links(answer)  # for the thank-you page
        return answer

    return page.serve_form(request, NeedsSurveyForm, rate_limit_group="besoins", save=save, notify=None)
