"""The news app's models, one module per subject."""

from .event_proposals import EventProposal, EventProposalPage
from .events import EventOrganiser, EventPage, MoisEssEditionPage, MoisEssIndexPage
from .indicators import Indicator, IndicatorMeasurement
from .news import NewsIndexPage, NewsPage, NewsPageActor, Topic
from .phases import BudgetLine, FinancingLine, Phase
from .project import ProjectPage
from .subscriptions import DigestFrequency, Follow, FollowKind, Subscriber, SubscriptionSettings

__all__ = [
    "BudgetLine",
    "DigestFrequency",
    "EventOrganiser",
    "EventPage",
    "EventProposal",
    "EventProposalPage",
    "FinancingLine",
    "Follow",
    "FollowKind",
    "Indicator",
    "IndicatorMeasurement",
    "MoisEssEditionPage",
    "MoisEssIndexPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageActor",
    "Phase",
    "ProjectPage",
    "Subscriber",
    "SubscriptionSettings",
    "Topic",
]
