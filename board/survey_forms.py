"""The public questionnaire « Vos besoins de mutualisation »: the structure, its needs, then who answers."""

from django import forms

from actors.models import Actor, Commune
from home.form_fields import InRangeModelMultipleChoiceField, https_by_default
from home.proposals import SenderFields

from .models import MutualisationNeed, NeedsSurveyAnswer


class NeedChoiceField(InRangeModelMultipleChoiceField):
    def label_from_instance(self, need):
        return f"{need.name} ({need.description})" if need.description else need.name


class NeedsSurveyForm(SenderFields, forms.ModelForm):
    needs = NeedChoiceField(
        label="Vos besoins",
        queryset=MutualisationNeed.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez ce que votre structure aimerait partager, emprunter ou trouver près de chez elle.",
    )

    consent_required_message = "Sans votre accord, nous ne pouvons pas garder vos réponses : cochez la case."
    message_help_text = "Facultatif : ce que vous voulez dire aux bénévoles du club, sans être publié."
    submit_label = "Envoyer mes réponses"
    not_sent_message = "Vos réponses n'ont pas été envoyées"

    class Meta:
        model = NeedsSurveyAnswer
        formfield_callback = https_by_default
        fields = ["actor", "organisation", "commune", "needs", "other_needs"]
        labels = {
            "actor": "Votre structure, si elle est dans l'annuaire",
            "organisation": "Sinon, son nom",
            "other_needs": "D'autres besoins ?",
        }
        help_texts = {
            "actor": "",
            "organisation": "",
            "commune": "Où votre structure agit principalement : les réponses sont comptées par territoire.",
            "other_needs": "Facultatif : ce qui manque à la liste, en quelques mots.",
        }
        widgets = {"other_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.published().order_by("name")
        self.fields["actor"].empty_label = "— Pas dans l'annuaire —"
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["commune"].empty_label = "— Choisissez la commune —"
        self.fields["needs"].queryset = MutualisationNeed.objects.filter(asked=True)
        self.fields["contact_email"].help_text = "Pour vous poser une question sur vos réponses ; jamais publiée."
        self.fields["organisation"].widget.attrs.setdefault("maxlength", self.fields["organisation"].max_length)

    def fieldsets(self):
        """(legend, bound fields): the structure, then its needs, in the order one answers."""
        return [
            ("Votre structure", [self["actor"], self["organisation"], self["commune"]]),
            ("Vos besoins de mutualisation", [self["needs"], self["other_needs"]]),
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor") and not cleaned.get("organisation"):
            self.add_error("organisation", "Dites quelle structure répond : choisissez-la ou tapez son nom.")
        if not cleaned.get("needs") and not cleaned.get("other_needs") and "needs" not in self.errors:
            self.add_error("needs", "Cochez au moins un besoin, ou décrivez-le dans « D'autres besoins ? ».")
        return cleaned
