"""Compiles the project's own translation catalogs (LOCALE_PATHS) with polib, in pure Python.

The project overrides some of Wagtail's French wording in `locale/fr/LC_MESSAGES/django.po`. Django reads
compiled `.mo` files, which are build output and not committed: `make migrate` (so `make run`), the test
session and the deployment compile them, without GNU gettext's msgfmt, which a fresh machine may lack.
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Writes each catalog's `.mo` beside its `.po` when missing or older; returns the files written."""
    written = []
    for source in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        target = source.with_suffix(".mo")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            polib.pofile(str(source)).save_as_mofile(str(target))
            written.append(target)
    return written
