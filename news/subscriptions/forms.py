"""The subscription form (address, subjects, consent) and the form that changes the subjects later."""

from django import forms

from ..models import FollowKind
from . import topics

CONSENT_LABEL = (
    "J'accepte de recevoir par e-mail les nouvelles choisies ci-dessus. Je peux me désabonner à tout moment, "
    "d'un clic, depuis chaque e-mail."
)
NOTHING_CHOSEN = "Choisissez au moins une chose à suivre : des actualités, l'agenda ou les nouveaux acteurs."


class FollowFields(forms.Form):
    """What to follow; `follows()` gives the (kind, value) pairs of the choices."""

    all_news = forms.BooleanField(
        label="Toutes les actualités du club", required=False, help_text="Chaque nouvelle publiée sur le site."
    )
    phases = forms.MultipleChoiceField(
        label="Ou seulement les actualités de ces phases du projet",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez une ou plusieurs phases ; inutile si vous suivez toutes les actualités.",
    )
    topics = forms.MultipleChoiceField(
        label="Ou seulement les actualités de ces thèmes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez un ou plusieurs thèmes ; une actualité d'une phase ou d'un thème choisi vous est envoyée.",
    )
    agenda = forms.ChoiceField(
        label="L'agenda du Mois de l'ESS",
        required=False,
        help_text="Les événements annoncés près de chez vous, dès qu'ils sont publiés.",
    )
    actors = forms.ChoiceField(
        label="Les nouveaux acteurs de l'annuaire",
        required=False,
        help_text="Les structures de l'économie sociale et solidaire qui rejoignent l'annuaire.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phases"].choices = topics.phase_choices()
        self.fields["topics"].choices = topics.topic_choices()
        territories = topics.territory_choices()
        self.fields["agenda"].choices = territories
        self.fields["actors"].choices = territories

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not self.follows():
            raise forms.ValidationError(NOTHING_CHOSEN)
        return cleaned_data

    def follows(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        chosen = []
        if data.get("all_news"):
            chosen.append((FollowKind.ALL_NEWS.value, ""))
        else:
            chosen += [(FollowKind.PHASE.value, slug) for slug in data.get("phases", [])]
            chosen += [(FollowKind.TOPIC.value, slug) for slug in data.get("topics", [])]
        for name, kind in (("agenda", FollowKind.AGENDA), ("actors", FollowKind.ACTORS)):
            value = data.get(name)
            if value:
                chosen.append((kind.value, "" if value == topics.WHOLE_TERRITORY else value))
        return chosen

    @staticmethod
    def initial_for(follows) -> dict:
        """The form's initial values from a subscriber's follows."""
        initial = {"phases": [], "topics": []}
        for follow in follows:
            if follow.kind == FollowKind.ALL_NEWS:
                initial["all_news"] = True
            elif follow.kind == FollowKind.PHASE:
                initial["phases"].append(follow.value)
            elif follow.kind == FollowKind.TOPIC:
                initial["topics"].append(follow.value)
            else:
                field = "agenda" if follow.kind == FollowKind.AGENDA else "actors"
                initial[field] = follow.value or topics.WHOLE_TERRITORY
        return initial


class SubscribeForm(FollowFields):
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=254,
        help_text="Nous y envoyons un lien pour confirmer : rien ne part avant que vous l'ayez suivi.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, required=True)

    field_order = ["email", "all_news", "phases", "topics", "agenda", "actors", "consent"]
    submit_label = "M'abonner"


class ManageForm(FollowFields):
    submit_label = "Enregistrer mes choix"


class ConfirmForm(forms.Form):
    submit_label = "Confirmer mon abonnement"
