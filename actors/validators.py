"""The validators moved to `home.validators`; the actors' migrations still name them here."""

from home.validators import validate_siret, validate_url_lines

__all__ = ["validate_siret", "validate_url_lines"]
