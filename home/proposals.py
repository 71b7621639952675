"""Public proposals (a structure, an event): the page with its texts, the sender's fields, what is kept.

The record proposed (an actor, an event page) waits unpublished in the moderation workflow; `PublicProposal`
stays beside it so that a moderator can ask a question, and so that the consent to publication is kept with it.
The sender's name, e-mail and message are never published and are forgotten after the retention period.
Each app subclasses the three pieces: `ProposalPage`, `SenderFields` (its form) and `PublicProposal`.
"""

from django import forms
from django.db import models
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .submission import submit

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ProposalPage(Page):
    """The page of a public proposal form: its introduction, the consent sentence and the thank-you text.

    A subclass declares its `consent_label` field (the sentence names what is published, so its default differs).
    Its template is `<app>/<model>.html`, the thank-you page `<app>/<model>_landing.html`.
    """

    intro = RichTextField(
        "introduction",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="À qui s'adresse le formulaire, et ce qui se passe ensuite (vérification, délai de publication).",
    )
    thank_you_text = RichTextField(
        "message de remerciement",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Ce qui s'affiche une fois la proposition envoyée.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("consent_label"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        abstract = True

    def serve_form(self, request, form_class, *, rate_limit_group: str, save, notify):
        """The form, then the thank-you page once `save(form)` has stored it and `notify(proposal)` told."""
        context = self.get_context(request)
        if request.method != "POST":
            context["form"] = form_class(consent_label=self.consent_label)
            return TemplateResponse(request, self.get_template(request), context)

        def show_form(form):
            return TemplateResponse(request, self.get_template(request), {**context, "form": form})

        def thank(proposal):
            landing = self.get_template(request).removesuffix(".html") + "_landing.html"
            return TemplateResponse(request, landing, {**context, "proposal": proposal})

        form = form_class(request.POST, consent_label=self.consent_label)
        return submit(
            request, form, rate_limit_group=rate_limit_group, save=save, notify=notify, show_form=show_form, thank=thank
        )


class SenderFields(forms.Form):
    """The fields every proposal form ends with: who sends it, a word to the volunteers, consent, duplicates.

    A subclass (also a ModelForm of the record) sets the texts that name what is proposed, and calls
    `refuse_published_duplicates` from its `clean()`: the person then sees them and confirms, nothing lost.
    """

    consent_required_message = "Sans votre accord, la proposition ne peut pas être publiée : cochez la case."
    not_a_duplicate_label = "J'ai vérifié : il s'agit bien d'autre chose que ce qui est déjà publié."
    message_help_text = "Facultatif : ce que vous voulez préciser aux bénévoles, sans être publié."
    submit_label = "Envoyer la proposition"
    not_sent_message = "La proposition n'a pas été envoyée"

    contact_name = forms.CharField(
        label="Votre nom",
        max_length=200,
        help_text="Pour que les bénévoles sachent à qui poser une question ; jamais publié.",
    )
    contact_email = forms.EmailField(
        label="Votre adresse e-mail", help_text="Pour vous prévenir de la publication ; jamais publiée."
    )
    message = forms.CharField(
        label="Un mot pour les bénévoles", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    consent = forms.BooleanField()
    not_a_duplicate = forms.BooleanField(required=False)

    def __init__(self, *args, consent_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []
        self.published_duplicates = []
        self.fields["consent"].label = consent_label
        self.fields["consent"].error_messages["required"] = self.consent_required_message
        self.fields["not_a_duplicate"].label = self.not_a_duplicate_label
        self.fields["message"].help_text = self.message_help_text

    def sender_fields(self):
        return [self["contact_name"], self["contact_email"], self["message"]]

    def refuse_published_duplicates(self, duplicates):
        """Keeps the probable duplicates for the moderators; the published ones stop the form until confirmed."""
        self.duplicates = duplicates
        self.published_duplicates = [record for record in duplicates if record.live]
        if self.published_duplicates and not self.cleaned_data.get("not_a_duplicate"):
            self.add_error(None, "Ce que vous proposez semble déjà publié : vérifiez la liste ci-dessus.")


class PublicProposal(models.Model):
    holds_personal_data = True  # home/roles.py: moderators and administrators only

    contact_name = models.CharField(
        "nom de la personne",
        max_length=200,
        blank=True,
        help_text="Qui a envoyé la proposition ; jamais publié, effacé après la durée de conservation.",
    )
    contact_email = models.EmailField(
        "e-mail de la personne",
        blank=True,
        help_text="Pour lui poser une question ; jamais publié, effacé après la durée de conservation.",
    )
    message = models.TextField(
        "message aux bénévoles", blank=True, help_text="Ce que la personne a voulu préciser aux bénévoles."
    )
    consent_text = models.TextField(
        "accord de publication donné",
        help_text="La phrase exacte que la personne a cochée pour accepter la publication.",
    )
    consent_given_at = models.DateTimeField(
        "accord donné le", auto_now_add=True, help_text="Le moment où la proposition a été envoyée."
    )

    class Meta:
        abstract = True
        ordering = ["-consent_given_at"]

    @classmethod
    def forget_senders(cls, cutoff, dry_run=False) -> int:
        """Erases who sent the proposals older than `cutoff`; the consent stays as long as the record."""
        old = cls.objects.filter(consent_given_at__lt=cutoff).exclude(contact_name="", contact_email="", message="")
        return old.count() if dry_run else old.update(contact_name="", contact_email="", message="")
