"""The sectors' pictograms (static/img/illustrations/sectors/, drawn for the project: see its LICENCE).

A sector whose slug has a file of its own shows it; any other sector shows the generic one (two circles). To add
one: draw `<slug>.svg` on the same model (a 24 × 24 `<symbol id="pictogram">` in `currentColor`) and add its
slug here (docs/design.md, « Illustrations »).
"""

from django.templatetags.static import static

PICTOGRAM_SLUGS = frozenset({"insertion", "mobilite", "formation", "entrepreneuriat", "reseau-entreprises"})
GENERIC = "secteur"


def pictogram_url(slug: str) -> str:
    """The address of a sector's pictogram symbol, for `<svg><use href="…"/></svg>`."""
    name = slug if slug in PICTOGRAM_SLUGS else GENERIC
    return static(f"img/illustrations/sectors/{name}.svg") + "#pictogram"
