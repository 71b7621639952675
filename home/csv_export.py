"""CSV downloads that open correctly in LibreOffice and Excel alike, and never run a formula.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by spreadsheet
software: a visitor who types `=HYPERLINK(...)` in a form would reach the volunteer who opens the export.
Such cells get a leading apostrophe (OWASP's advice), except plain numbers such as `-12` or `-3,5`.
Every CSV of the site goes through `safe_cell`: our own downloads and Wagtail's admin exports.
"""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value):
    """The value, made inert when a spreadsheet would read it as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A UTF-8 CSV with a header row; the byte-order mark makes Excel read the accents right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return response


class _Echo:
    """A file that hands back what is written to it: csv.writer then returns each line instead of storing it."""

    def write(self, value):
        return value


def csv_stream_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """The same file as `csv_response`, written while it is sent: its memory stays flat whatever its length.

    `rows` is read as the response goes out (a generator over a queryset's `iterator()`), lines sent in batches.
    """
    writer = csv.writer(_Echo())

    def lines():
        yield ("\ufeff" + writer.writerow([safe_cell(cell) for cell in header])).encode()
        batch = []
        for row in rows:
            batch.append(writer.writerow([safe_cell(cell) for cell in row]))
            if len(batch) == STREAM_BATCH:
                yield "".join(batch).encode()
                batch = []
        if batch:
            yield "".join(batch).encode()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


STREAM_BATCH = 500


class SafeSpreadsheetExportMixin:
    """For Wagtail's listing and form-submission views: their CSV export goes through `safe_cell`.

    (Their Excel export is safe already: Wagtail stores formula-like cells as text.)
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value
