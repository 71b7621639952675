"""The board's filters (`type`, `categorie`, `territoire` in the querystring): nonsense values match nothing."""

from django import forms

from actors.filters import epci_label, parse_territory, pays_of_epcis, territory_value
from actors.models import Epci, Pays

from .choices import PostCategory, PostKind


class BoardFilterForm(forms.Form):
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Offres et besoins"), *PostKind.choices])
    categorie = forms.ChoiceField(
        label="Catégorie", required=False, choices=[("", "Toutes les catégories"), *PostCategory.choices]
    )
    territoire = forms.ChoiceField(label="Territoire", required=False, help_text="Un Pays ou une intercommunalité.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pays = [(territory_value("pays", slug), name) for slug, name in Pays.objects.values_list("slug", "name")]
        pays_of_epci = pays_of_epcis()
        epcis = [
            (territory_value("epci", siren), epci_label(name, pays_of_epci[siren]))
            for siren, name in Epci.objects.values_list("siren", "name")
        ]
        self.fields["territoire"].choices = [("", "Tout le territoire"), ("Pays", pays), ("Intercommunalités", epcis)]


def filter_posts(data, queryset):
    """Returns (form, filtered queryset); an invalid value (hand-typed URL) filters on nothing rather than fail."""
    form = BoardFilterForm(data)
    form.is_valid()
    values = {name: data.get(name, "") for name in form.fields}
    if values["type"]:
        queryset = queryset.filter(kind=values["type"])
    if values["categorie"]:
        queryset = queryset.filter(category=values["categorie"])
    if values["territoire"]:
        territory = parse_territory(values["territoire"])
        queryset = queryset.in_territory(*territory) if territory else queryset.none()
    return form, queryset
