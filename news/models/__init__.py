"""The news app's models, one module per subject."""

from .indicators import Indicator, IndicatorMeasurement
from .news import NewsIndexPage, NewsPage, Topic
from .phases import BudgetLine, FinancingLine, Phase
from .project import ProjectPage

__all__ = [
    "BudgetLine",
    "FinancingLine",
    "Indicator",
    "IndicatorMeasurement",
    "NewsIndexPage",
    "NewsPage",
    "Phase",
    "ProjectPage",
    "Topic",
]
