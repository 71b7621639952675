"""When an event takes place, said in French as a printed programme says it."""

from datetime import date

from django.utils.formats import date_format

from ..models.events import format_time
from .choices import DatePrecision


def day_label(value: date, with_year: bool = True) -> str:
    """ "samedi 14 novembre 2026", "dimanche 1er novembre 2026"."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{date_format(value, 'l')} {day} {date_format(value, 'F')}"
    return f"{text} {value.year}" if with_year else text


def event_dates_label(event) -> str:
    """The dates and times of an event in one phrase."""
    start, last = event.start_date, event.last_date
    if event.date_precision == DatePrecision.MOIS:
        if (start.year, start.month) == (last.year, last.month):
            return f"{date_format(start, 'F Y')} (jour non précisé)"
        return f"de {date_format(start, 'F Y')} à {date_format(last, 'F Y')} (jours non précisés)"
    if event.is_all_day:
        if last == start:
            return f"{day_label(start)}, toute la journée"
        return f"du {day_label(start, with_year=start.year != last.year)} au {day_label(last)}"
    start_time = format_time(event.start_time)
    if last == start:
        if event.end_time:
            return f"{day_label(start)}, de {start_time} à {format_time(event.end_time)}"
        return f"{day_label(start)} à {start_time}"
    end = f" à {format_time(event.end_time)}" if event.end_time else ""
    return f"du {day_label(start)} à {start_time} au {day_label(last)}{end}"
