"""The club's colours, editable in the admin (« Paramètres du site »): contrast checks and the theme stylesheet.

Three colours are the club's own: the main colour (links, buttons, current page), the accent (dates, quotes,
badges) and the footer's background. The lighter and darker shades the site also needs are mixed from them.
Every text/background pair the site draws with them must reach 4.5:1 (WCAG 2.2 AA, RGAA 3.2): the settings form
refuses a colour that breaks one, naming the pair and its ratio.

The colours reach the public pages as CSS custom properties in a tiny stylesheet whose address holds the colours
(`/theme-0b5d5b-a8431f-1f2d2c.css`): the CSP allows no inline style, the file is cached for a year, and saving
new colours changes the address (the pages, purged from the page cache by the save, link the new one). With the
default colours no stylesheet is linked: `site.css` already holds them.
"""

import math
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

# The defaults, as in static/css/site.css's :root.
DEFAULT_PRIMARY = "#0b5d5b"
DEFAULT_ACCENT = "#a8431f"
DEFAULT_FOOTER = "#1f2d2c"
DEFAULTS = (DEFAULT_PRIMARY, DEFAULT_ACCENT, DEFAULT_FOOTER)

# Fixed colours of site.css the club's colours meet.
PAGE_BACKGROUND = "#fbf8f3"
SURFACE = "#ffffff"
WHITE = "#ffffff"
FOOTER_TEXT = "#f1efe9"

MIN_CONTRAST = 4.5

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    "Indiquez une couleur au format #rrvvbb, par exemple #0b5d5b (six chiffres hexadécimaux après le #).",
)


class ColourInput(forms.TextInput):
    """The browser's colour picker (which also takes a typed #rrvvbb code)."""

    input_type = "color"

    def __init__(self, attrs=None):
        super().__init__({"class": "colour-input", **(attrs or {})})

    class Media:
        css = {"all": ["css/admin-colour.css"]}  # a swatch big enough to see and to hit (WCAG 2.5.8)


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def hex_of(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def mix(colour: str, other: str, share_of_other: float) -> str:
    """`colour` with `share_of_other` (0 to 1) of `other` mixed in."""
    return hex_of(*(a + (b - a) * share_of_other for a, b in zip(rgb(colour), rgb(other), strict=True)))


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio: float) -> str:
    """« 3,21:1 », rounded down so that a ratio just under 4.5 never reads « 4,5:1 »."""
    return f"{math.floor(ratio * 100) / 100:.2f}".replace(".", ",") + ":1"


@dataclass(frozen=True)
class Palette:
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    footer: str = DEFAULT_FOOTER

    @property
    def primary_dark(self) -> str:
        return mix(self.primary, "#000000", 0.25)

    @property
    def primary_soft(self) -> str:
        return mix(self.primary, "#ffffff", 0.88)

    @property
    def accent_dark(self) -> str:
        return mix(self.accent, "#000000", 0.3)

    @property
    def accent_soft(self) -> str:
        return mix(self.accent, "#ffffff", 0.85)

    @property
    def is_default(self) -> bool:
        return (self.primary, self.accent, self.footer) == DEFAULTS

    def pairs(self) -> list[tuple[str, str, str, str, str]]:
        """Every text/background pair drawn with the club's colours:
        (field, text's name, text colour, background's name, background colour)."""
        return [
            ("colour_primary", "la couleur principale (liens)", self.primary, "le fond de page", PAGE_BACKGROUND),
            ("colour_primary", "la couleur principale (liens)", self.primary, "le fond des cartes", SURFACE),
            ("colour_primary", "le texte blanc des boutons", WHITE, "la couleur principale", self.primary),
            ("colour_primary", "le texte des étiquettes", self.primary_dark, "leur fond clair", self.primary_soft),
            ("colour_accent", "la couleur d'accent (dates)", self.accent, "le fond de page", PAGE_BACKGROUND),
            ("colour_accent", "la couleur d'accent (dates)", self.accent, "le fond des cartes", SURFACE),
            ("colour_accent", "le texte blanc", WHITE, "la couleur d'accent", self.accent),
            ("colour_accent", "le texte des pastilles", self.accent_dark, "leur fond clair", self.accent_soft),
            ("colour_footer", "le texte du pied de page", FOOTER_TEXT, "son fond", self.footer),
        ]

    def contrast_errors(self) -> dict[str, str]:
        """A French message for each field with pairs under 4.5:1, naming every such pair and its ratio."""
        weak: dict[str, list[str]] = {}
        for field, text_name, text, background_name, background in self.pairs():
            ratio = contrast_ratio(text, background)
            if ratio < MIN_CONTRAST:
                weak.setdefault(field, []).append(
                    f"{text_name} ({text}) sur {background_name} ({background}) : {format_ratio(ratio)}"
                )
        return {
            field: "Contraste insuffisant, il faut au moins 4,5:1 pour que tout le monde puisse lire : "
            + " ; ".join(pairs)
            + ". Choisissez une teinte plus foncée."
            for field, pairs in weak.items()
        }

    def validate(self) -> None:
        errors = self.contrast_errors()
        if errors:
            raise ValidationError(errors)

    def css(self) -> str:
        return (
            ":root {\n"
            f"    --color-primary: {self.primary};\n"
            f"    --color-primary-dark: {self.primary_dark};\n"
            f"    --color-primary-soft: {self.primary_soft};\n"
            f"    --color-accent: {self.accent};\n"
            f"    --color-accent-dark: {self.accent_dark};\n"
            f"    --color-accent-soft: {self.accent_soft};\n"
            f"    --color-footer: {self.footer};\n"
            "}\n"
        )

    def stylesheet_url(self) -> str | None:
        """The theme stylesheet's address, or None with the default colours (site.css holds them)."""
        if self.is_default:
            return None
        colours = "-".join(c.lstrip("#") for c in (self.primary, self.accent, self.footer))
        return reverse("theme_css", kwargs={"colours": colours})


def palette_of(site_settings) -> Palette:
    """The palette of the site's settings; a colour stored malformed (never through the form) falls back."""
    colours = []
    for field, default in zip(("colour_primary", "colour_accent", "colour_footer"), DEFAULTS, strict=True):
        value = (getattr(site_settings, field, "") or "").lower()
        colours.append(value if HEX_COLOUR.match(value) else default)
    return Palette(*colours)


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def theme_css(request, colours: str):
    """The club's colours as CSS custom properties; the colours are in the address, so it never changes."""
    parts = colours.lower().split("-")
    if len(parts) != 3 or not all(HEX_COLOUR.match(f"#{part}") for part in parts):
        raise Http404("Couleurs invalides")
    return HttpResponse(Palette(*(f"#{part}" for part in parts)).css(), content_type="text/css; charset=utf-8")
