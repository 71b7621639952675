"""The news filters (`phase`, `theme`, `annee`), shared by the `/actualites/` listing and its feeds.

Unknown values are ignored with a French message next to the field, never an error page.
"""

from functools import cached_property

from django import forms

from ..models import NewsPage, Phase, Topic

FILTER_FIELDS = ("phase", "theme", "annee")


class NewsFilterForm(forms.Form):
    phase = forms.ChoiceField(label="Phase du projet", required=False)
    theme = forms.ChoiceField(label="Thème", required=False)
    annee = forms.ChoiceField(label="Année", required=False)

    def __init__(self, data, *, phases, topics, years):
        super().__init__(data)
        self.fields["phase"].choices = [("", "Toutes les phases")] + [(p.slug, p.name) for p in phases]
        self.fields["theme"].choices = [("", "Tous les thèmes")] + [(t.slug, t.name) for t in topics]
        self.fields["annee"].choices = [("", "Toutes les années")] + [(str(y), str(y)) for y in years]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "« %(value)s » n'est pas une valeur connue : ce filtre est ignoré."


class NewsFilter:
    """`NewsFilter(request.GET)`: the form and the matching news, in three queries for the form's options."""

    def __init__(self, data):
        self.data = data
        self.phases = list(Phase.objects.only("slug", "name"))
        self.topics = list(Topic.objects.all())
        years = NewsPage.objects.published().dates("date", "year", order="DESC")
        self.form = NewsFilterForm(data, phases=self.phases, topics=self.topics, years=[d.year for d in years])
        self.form.is_valid()

    @cached_property
    def values(self) -> dict[str, str]:
        """The filters that are set and valid."""
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_FIELDS if cleaned.get(name)}

    @property
    def is_active(self) -> bool:
        return bool(self.values)

    @cached_property
    def phase(self) -> Phase | None:
        return next((p for p in self.phases if p.slug == self.values.get("phase")), None)

    @cached_property
    def topic(self) -> Topic | None:
        return next((t for t in self.topics if t.slug == self.values.get("theme")), None)

    @property
    def description(self) -> str:
        """The active filters in words, for titles of the page and the feeds."""
        parts = []
        if self.phase:
            parts.append(f"phase « {self.phase.name} »")
        if self.topic:
            parts.append(f"thème « {self.topic.name} »")
        if "annee" in self.values:
            parts.append(f"année {self.values['annee']}")
        return ", ".join(parts)

    @property
    def queryset(self):
        news = NewsPage.objects.published()
        if self.phase:
            news = news.filter(phase=self.phase)
        if self.topic:
            news = news.filter(topics=self.topic)
        if "annee" in self.values:
            news = news.filter(date__year=int(self.values["annee"]))
        return news.order_by("-date", "-pk")


def with_listing_relations(news):
    """What a news card and a feed item show, fetched in a fixed number of queries."""
    return news.select_related("phase", "image").prefetch_related("topics", "image__renditions")
