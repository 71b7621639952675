"""The public form that proposes a structure: the record's public fields, then who sends it and their consent."""

from django import forms

from home.form_fields import InRangeModelMultipleChoiceField, https_by_default
from home.proposals import SenderFields

from .duplicates import probable_duplicates
from .models import Actor, Commune, Sector


class ActorProposalForm(SenderFields, forms.ModelForm):
    sectors = InRangeModelMultipleChoiceField(
        label="Secteurs d'activité",
        queryset=Sector.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez un ou plusieurs secteurs ; les bénévoles complèteront si besoin.",
    )

    consent_required_message = "Sans votre accord, la fiche ne peut pas être publiée : cochez la case."
    not_a_duplicate_label = (
        "J'ai vérifié : il s'agit bien d'une autre structure que celle(s) déjà présente(s) dans l'annuaire."
    )
    message_help_text = "Facultatif : ce que vous voulez préciser (horaires, autres lieux, rôle dans la structure…)."
    submit_label = "Proposer la structure"

    class Meta:
        model = Actor
        formfield_callback = https_by_default
        fields = [
            "name",
            "short_description",
            "legal_form",
            "commune",
            "street_address",
            "postal_code",
            "website",
            "email",
            "phone",
            "siret",
            "rna",
        ]
        help_texts = {
            "email": "Facultatif : l'adresse de contact que la structure accepte de publier.",
            "phone": "Facultatif : un numéro que la structure accepte de publier, par exemple 05 56 00 00 00.",
            "commune": "La commune du siège ou du lieu d'accueil principal.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["commune"].required = True
        self.fields["commune"].empty_label = "— Choisissez la commune —"
        self.fields["legal_form"].choices = [("", "Je ne sais pas"), *self.fields["legal_form"].choices[1:]]
        for name in ("name", "street_address", "postal_code", "phone", "siret", "rna"):
            self.fields[name].widget.attrs.setdefault("maxlength", self.fields[name].max_length)

    def fieldsets(self):
        """(legend, bound fields) of the structure (the future public record), in the order one fills them."""
        fields = self.Meta.fields
        return [("La structure", [self[name] for name in [*fields[:3], "sectors", *fields[3:]]])]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("name") and cleaned_data.get("commune"):
            siret = Actor._meta.get_field("siret").to_python(cleaned_data.get("siret"))
            self.refuse_published_duplicates(probable_duplicates(cleaned_data["name"], siret, cleaned_data["commune"]))
        return cleaned_data
