"""The public form that proposes an event: what, when, where, how to take part, then who sends it and their consent."""

from django import forms
from django.conf import settings
from django.utils.text import slugify

from actors.models import Commune
from home.form_fields import https_by_default
from home.proposals import SenderFields
from home.text import normalize_for_search

from ..models import EventPage
from ..models.events import today_in_paris
from .choices import AttendanceMode

# The programme announces the coming editions: a date further away is a typing mistake.
YEARS_AHEAD = 2


def _not_too_far(day):
    if day.year > today_in_paris().year + YEARS_AHEAD:
        raise forms.ValidationError(
            f"Cette date ({day:%d/%m/%Y}) est trop lointaine : le programme annonce les événements des "
            f"{YEARS_AHEAD} prochaines années. Vérifiez l'année."
        )
    return day


class EventProposalForm(SenderFields, forms.ModelForm):
    organiser_name = forms.CharField(
        label="Structure qui organise",
        max_length=200,
        required=False,
        help_text="Facultatif : le nom de l'association, de l'entreprise ou du collectif qui organise.",
    )

    consent_required_message = "Sans votre accord, l'événement ne peut pas être publié : cochez la case."
    not_a_duplicate_label = "J'ai vérifié : il s'agit bien d'un autre événement que celui déjà au programme."
    submit_label = "Proposer l'événement"

    # The parts of the form, in the order one fills them (the template draws one fieldset each).
    EVENT_FIELDS = ["title", "event_type", "summary", "organiser_name"]
    WHEN_FIELDS = ["start_date", "start_time", "end_date", "end_time"]
    WHERE_FIELDS = ["attendance_mode", "venue_name", "street_address", "postal_code", "commune", "online_url"]
    TAKING_PART_FIELDS = ["registration_url", "is_free", "price", "price_details", "accessibility"]

    class Meta:
        model = EventPage
        formfield_callback = https_by_default
        fields = [
            "title",
            "event_type",
            "summary",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "attendance_mode",
            "venue_name",
            "street_address",
            "postal_code",
            "commune",
            "online_url",
            "registration_url",
            "is_free",
            "price",
            "price_details",
            "accessibility",
        ]
        labels = {"title": "Titre de l'événement"}
        help_texts = {
            "title": "Court et parlant, par exemple « Portes ouvertes de la ressourcerie ».",
            "start_date": "Le jour où l'événement commence.",
            "start_time": "Laissez vide pour un événement sur la journée entière.",
            "commune": "La commune du lieu, pour le filtre par territoire du programme.",
            "online_url": "Pour un événement en ligne ou mixte : l'adresse de la visioconférence, commençant par https://",
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["commune"].empty_label = "— Choisissez la commune —"
        for name in ("title", "summary", "venue_name", "street_address", "postal_code", "price_details"):
            self.fields[name].widget.attrs.setdefault("maxlength", self.fields[name].max_length)

    def fieldsets(self):
        """(legend, bound fields) of the event's parts."""
        parts = [
            ("L'événement", self.EVENT_FIELDS),
            ("Quand", self.WHEN_FIELDS),
            ("Où", self.WHERE_FIELDS),
            ("Participer", self.TAKING_PART_FIELDS),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in parts]

    def clean_title(self):
        title = self.cleaned_data["title"]
        # The page's address is made from the title, as Wagtail makes it: it needs a letter or a digit.
        if not slugify(title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)):
            raise forms.ValidationError("Le titre doit contenir au moins une lettre ou un chiffre.")
        return title

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < today_in_paris():
            raise forms.ValidationError(
                f"Cette date ({start:%d/%m/%Y}) est déjà passée : le programme annonce les événements à venir."
            )
        return _not_too_far(start)

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        return end and _not_too_far(end)

    def clean(self):
        cleaned_data = super().clean()
        mode = cleaned_data.get("attendance_mode")
        if (
            mode in (AttendanceMode.SUR_PLACE, AttendanceMode.MIXTE)
            and not cleaned_data.get("commune")
            and "commune" not in self.errors
        ):
            self.add_error("commune", "Indiquez la commune du lieu, pour que le public sache où venir.")
        if (
            mode in (AttendanceMode.EN_LIGNE, AttendanceMode.MIXTE)
            and not cleaned_data.get("online_url")
            and "online_url" not in self.errors
        ):
            self.add_error("online_url", "Indiquez l'adresse où suivre l'événement en ligne.")
        if cleaned_data.get("title") and cleaned_data.get("start_date"):
            self.refuse_published_duplicates(probable_duplicates(cleaned_data["title"], cleaned_data["start_date"]))
        return cleaned_data


def probable_duplicates(title: str, start_date) -> list[EventPage]:
    """Events (published or not) of the same day with the same title, accents and case aside."""
    wanted = normalize_for_search(title)
    same_day = EventPage.objects.filter(start_date=start_date).order_by("title")
    return [event for event in same_day if normalize_for_search(event.title) == wanted]
