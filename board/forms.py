"""The board's public forms: posting an offer or a need (moderated), and replying to a post."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from actors.models import Actor, Commune

from .models import MAX_DURATION_DAYS, BoardPost, BoardReply

CONSENT_LABEL = (
    "J'accepte que l'annonce soit publiée sur le tableau après vérification ; mon nom et mon adresse e-mail "
    "ne sont jamais affichés, les réponses me parviennent par e-mail."
)


class BoardPostForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": "Sans votre accord, l'annonce ne peut pas être publiée : cochez la case."},
    )

    class Meta:
        model = BoardPost
        fields = [
            "kind",
            "category",
            "title",
            "description",
            "actor",
            "poster_organisation",
            "commune",
            "expires_on",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"actor": "Votre structure, si elle est dans l'annuaire", "poster_organisation": "Sinon, son nom"}
        help_texts = {
            "actor": "L'annonce apparaîtra aussi sur la fiche de la structure.",
            "contact_name": "Qui reçoit les réponses ; jamais affiché.",
            "contact_email": "Les réponses vous sont envoyées à cette adresse, qui n'est jamais affichée.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.published().order_by("name")
        self.fields["actor"].empty_label = "— Pas dans l'annuaire —"
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["commune"].required = True
        self.fields["commune"].empty_label = "— Choisissez la commune —"
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # radio buttons: no empty choice
        self.fields["category"].choices = [("", "— Choisissez la catégorie —"), *self.fields["category"].choices[1:]]
        for name in ("title", "poster_organisation", "contact_name"):
            self.fields[name].widget.attrs.setdefault("maxlength", self.fields[name].max_length)

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on < today:
            raise forms.ValidationError("Cette date est passée : choisissez jusqu'à quand l'annonce reste visible.")
        if expires_on > today + timedelta(days=MAX_DURATION_DAYS):
            raise forms.ValidationError(
                "Une annonce reste au plus un an sur le tableau : choisissez une date plus proche."
            )
        return expires_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor") and not cleaned.get("poster_organisation"):
            self.add_error(
                "poster_organisation", "Dites quelle structure publie l'annonce : choisissez-la ou tapez son nom."
            )
        return cleaned


class BoardReplyForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="J'accepte que mon nom, mon adresse e-mail et mon message soient transmis à l'auteur de l'annonce.",
        error_messages={
            "required": "Sans votre accord, nous ne pouvons pas transmettre votre réponse : cochez la case."
        },
    )

    class Meta:
        model = BoardReply
        fields = ["name", "email", "message"]
        labels = {"name": "Votre nom", "email": "Votre adresse e-mail", "message": "Votre message"}
        help_texts = {
            "name": "",
            "email": "L'auteur de l'annonce vous répondra à cette adresse.",
            "message": "Présentez-vous et dites ce que vous proposez ou cherchez.",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.setdefault("maxlength", self.fields["name"].max_length)
