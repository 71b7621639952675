"""Text normalisation shared by the public search and the import."""

import unicodedata


def normalize_for_search(text: str) -> str:
    """Lower case without accents, so that "reole" finds "La Réole" on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
