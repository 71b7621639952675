"""A page printed to PDF by Chromium, as a reader's « Enregistrer en PDF » does: the text of each A4 sheet."""

import io
import re
import unicodedata

from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader


def plain(text: str) -> str:
    """The text of a PDF sheet with ligatures undone and every kind of space made plain."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def printed_sheets(page) -> list[str]:
    """The plain text of each A4 sheet of `page` printed with its print stylesheets."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [plain(sheet.extract_text()) for sheet in reader.pages]


def sheet_feet(count: int) -> list[str]:
    """What the foot of every sheet says: the date of the figures, then « Page N sur M » for each sheet."""
    figures_date = date_format(timezone.localdate(), "j F Y")
    return [f"Chiffres au {figures_date}", *(f"Page {number} sur {count}" for number in range(1, count + 1))]


def without_feet(sheet: str, feet: list[str]) -> str:
    """A sheet's text without its foot (which the PDF may give first)."""
    return re.sub("|".join(map(re.escape, feet)), "", sheet).strip()
