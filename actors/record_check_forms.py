"""The forms of « Vérifiez votre fiche »: « Tout est juste », and the corrections of the record's editable fields.

The corrections form is a ModelForm on the actor: the model's validators and `clean()` (SIRET, RNA, phone,
website, postal code of the commune) are the admin's and the public proposal's. Neither the address of the
record (slug) nor the club's own fields (founding member, last check, source, publication) are offered.
"""

from django import forms

from home.form_fields import InRangeModelMultipleChoiceField, https_by_default

from .models import Actor, Commune, Epci, Pays, Sector


class ConfirmForm(forms.Form):
    """No field: the button « Tout est juste » with the spam guard of every public form."""

    submit_label = "Tout est juste"


class CorrectionForm(forms.ModelForm):
    sectors = InRangeModelMultipleChoiceField(
        label="Secteurs d'activité",
        queryset=Sector.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez un ou plusieurs secteurs.",
    )
    areas_served_pays = InRangeModelMultipleChoiceField(
        label="Pays desservis",
        queryset=Pays.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les Pays où la structure agit au-delà de sa commune.",
    )
    areas_served_epcis = InRangeModelMultipleChoiceField(
        label="Intercommunalités desservies",
        queryset=Epci.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les intercommunalités où la structure agit au-delà de sa commune.",
    )
    message = forms.CharField(
        label="Un mot pour les bénévoles",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif : ce qui a changé, ou ce que vous voulez préciser. Il n'est pas publié.",
    )

    submit_label = "Envoyer mes corrections"
    many_to_many_fields = ("sectors", "areas_served_pays", "areas_served_epcis")

    class Meta:
        model = Actor
        formfield_callback = https_by_default
        fields = [
            "name",
            "short_description",
            "legal_form",
            "insertion_type",
            "esus_approved",
            "headcount_band",
            "founded_year",
            "commune",
            "street_address",
            "postal_code",
            "website",
            "email",
            "phone",
            "opening_hours",
            "other_links",
            "siret",
            "rna",
            "offers",
            "needs",
        ]
        help_texts = {
            "email": "L'adresse de contact que la structure accepte de publier (laissez vide pour n'en publier "
            "aucune).",
            "commune": "La commune du siège ou du lieu d'accueil principal.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["commune"].empty_label = "— Choisissez la commune —"
        for name in ("name", "street_address", "postal_code", "phone", "siret", "rna"):
            self.fields[name].widget.attrs.setdefault("maxlength", self.fields[name].max_length)
        for name in ("short_description", "opening_hours", "other_links", "offers", "needs"):
            self.fields[name].widget.attrs["rows"] = 4
        self.order_fields([*self.Meta.fields[:3], "sectors", *self.Meta.fields[3:], *self.many_to_many_fields[1:]])

    def changed_fields(self) -> list[str]:
        """The labels of the fields the structure changed, for the moderators."""
        return [str(self.fields[name].label) for name in self.changed_data if name != "message"]
