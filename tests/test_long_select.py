"""`home.widgets.LongSelect`: the directory's long filters written in one pass, the same HTML as Django's Select."""

from django import forms

from home.widgets import LongSelect

CHOICES = [
    ("", "Tout le territoire"),
    ("Pays", [("pays-a", "Pays « A » & co"), ("pays-b", 'Pays "B" <b>')]),
    ("Communes", [("commune-33352", "La Réole (12)"), ("commune-33036", "Bazas (3)"), ("commune-33352", "Doublon")]),
    ("seul", "Seul, hors groupe"),
    (None, "Sans valeur"),
]


class Reference(forms.Form):
    territoire = forms.ChoiceField(choices=CHOICES, required=False, help_text="Un Pays ou une commune.")
    obligatoire = forms.ChoiceField(choices=CHOICES, required=True)


class Fast(Reference):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = LongSelect(choices=field.choices)
            field.widget.is_required = field.required


def test_long_select_writes_the_same_html_as_django_select():
    for data in (
        {},
        {"territoire": "commune-33352"},
        {"territoire": "pays-b", "obligatoire": "seul"},
        {"territoire": "x"},
    ):
        for name in ("territoire", "obligatoire"):
            reference, fast = str(Reference(data)[name]), str(Fast(data)[name])
            assert fast == reference, (data, name)


def test_long_select_escapes_and_selects_only_the_first_match():
    html = str(Fast({"territoire": "commune-33352"})["territoire"])
    assert "Pays « A » &amp; co" in html and "Pays &quot;B&quot; &lt;b&gt;" in html
    assert html.count(" selected") == 1
    assert '<option value="commune-33352" selected>La Réole (12)</option>' in html
    assert 'aria-describedby="id_territoire_helptext"' in html
