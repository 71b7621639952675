"""Form pages editors build field by field (contact, membership request): stored, exported, e-mailed to the club.

Every form gets the same protections: a consent checkbox pointing to the privacy page, the spam guard and the
rate limit of `home.spam`. A rejected form comes back with its errors in French and everything typed kept.
"""

from django import forms
from django.db import models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from . import mail
from .admin_views import FormSubmissionsView
from .submission import submit
from .validators import validate_siret

CONSENT_FIELD = "consentement"
DEFAULT_CONSENT_LABEL = (
    "J'accepte que le club conserve les informations de ce formulaire pour répondre à ma demande, "
    "dans les conditions de sa politique de confidentialité."
)


class SiretField(forms.CharField):
    """A SIRET typed with or without spaces, checked (14 digits and control key) and kept compact."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(value.split()).replace(".", "") if value else value

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        super().__init__(validators=[validate_siret], **kwargs)


class SiteFormBuilder(FormBuilder):
    """Wagtail's form builder, plus a checked SIRET field and the consent checkbox every form ends with."""

    def __init__(self, fields, consent_label=DEFAULT_CONSENT_LABEL):
        super().__init__(fields)
        self.consent_label = consent_label or DEFAULT_CONSENT_LABEL

    def create_siret_field(self, field, options):
        return SiretField(**options)

    def create_dropdown_field(self, field, options):
        field_object = super().create_dropdown_field(field, options)
        field_object.choices = [("", "— Choisissez —"), *field_object.choices]
        return field_object

    def create_singleline_field(self, field, options):
        field_object = super().create_singleline_field(field, options)
        field_object.widget.attrs.setdefault("maxlength", field_object.max_length)
        return field_object

    @property
    def formfields(self):
        fields = super().formfields
        fields[CONSENT_FIELD] = forms.BooleanField(
            label=self.consent_label,
            error_messages={"required": "Cochez cette case pour que nous puissions traiter votre demande."},
        )
        return fields


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        "type de champ",
        max_length=16,
        choices=[*FORM_FIELD_CHOICES, ("siret", "Numéro SIRET (vérifié)")],
        help_text="« Numéro SIRET (vérifié) » refuse un numéro mal tapé et dit pourquoi.",
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = "champ de formulaire"
        verbose_name_plural = "champs de formulaire"


class FormPage(AbstractEmailForm):
    """A form the public fills in (contact, membership request…); editors choose its fields and texts."""

    intro = RichTextField(
        "introduction",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Ce que le visiteur trouvera ici et ce qui se passe après l'envoi (délai de réponse…).",
    )
    consent_label = models.CharField(
        "texte de la case de consentement",
        max_length=300,
        default=DEFAULT_CONSENT_LABEL,
        help_text="La phrase que le visiteur coche avant d'envoyer ; un lien vers la politique de "
        "confidentialité s'affiche juste dessous.",
    )
    submit_label = models.CharField(
        "texte du bouton d'envoi",
        max_length=60,
        default="Envoyer",
        help_text="Un verbe qui dit ce qui va se passer : « Envoyer mon message », « Demander l'adhésion ».",
    )
    thank_you_text = RichTextField(
        "message de remerciement",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Ce qui s'affiche une fois le formulaire envoyé : merci, et quand le club répondra.",
    )

    form_builder = SiteFormBuilder
    submissions_list_view_class = FormSubmissionsView

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="champ", heading="Champs du formulaire"),
        MultiFieldPanel([FieldPanel("consent_label"), FieldPanel("submit_label")], heading="Envoi"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("to_address"), FieldPanel("from_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail envoyé au club",
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "page de formulaire"
        verbose_name_plural = "pages de formulaire"

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), self.consent_label).get_form_class()

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)

        def show_form(form):
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context)

        return submit(
            request,
            self.get_form(request.POST, request.FILES, page=self, user=request.user),
            rate_limit_group=f"page-{self.pk}",
            save=self.process_form_submission,
            show_form=show_form,
            thank=lambda submission: self.render_landing_page(request, submission, *args, **kwargs),
        )

    def process_form_submission(self, form):
        """Stores the submission first, then e-mails it: a mail server down never loses it."""
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        self.send_mail(form)
        return submission

    def render_email(self, form):
        lines = []
        for name, value in form.cleaned_data.items():
            if isinstance(value, bool):
                value = "oui" if value else "non"
            elif isinstance(value, list):
                value = ", ".join(value)
            lines.append(f"{form.fields[name].label} :\n{value}")
        return "\n\n".join(lines)

    def send_mail(self, form):
        addresses = [a.strip() for a in self.to_address.split(",") if a.strip()] or [mail.club_address()]
        reply_to = next(
            (value for name, value in form.cleaned_data.items() if isinstance(form.fields[name], forms.EmailField)),
            "",
        )
        mail.send(self.subject or self.title, self.render_email(form), addresses, reply_to=reply_to or "")
