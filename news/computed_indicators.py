"""Kept for migrations 0001 and 0004, which name `news.computed_indicators.computed_indicator_choices`.

The registry lives in `news.project.computed_indicators`; import it from there.
"""

from .project.computed_indicators import computed_indicator_choices

__all__ = ["computed_indicator_choices"]
