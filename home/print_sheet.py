"""The running foot of a printed page's sheets (date of the figures, page number), shared by the printable pages."""

import datetime

from django.http import Http404, HttpResponse
from django.utils.formats import date_format
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def print_sheet_css(request, day: str):
    """The foot of every printed sheet: the date of the figures and the page number.

    CSS alone can print text on every sheet (a page-margin box), but the date changes: it is in the address,
    so the page links the stylesheet of its own date and no inline style is needed under the CSP.
    """
    try:
        figures_date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Date invalide") from None
    css = (
        "@page {\n"
        f'  @bottom-left {{ content: "Chiffres au {date_format(figures_date, "j F Y")}"; '
        "font: 8pt sans-serif; color: #444; }\n"
        '  @bottom-right { content: "Page " counter(page) " sur " counter(pages); font: 8pt sans-serif; color: #444; }\n'
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")
