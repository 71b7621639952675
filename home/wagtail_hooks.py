"""The site's shell in the admin: who reads form submissions, and the dashboard's to-do lists."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.models import FormSubmission

from . import guide
from .dashboard import Todo, register_todo, todo_panels_for

RECENT_SUBMISSION_DAYS = 30


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_form_submissions(user, editable_forms):
    """Submissions hold people's personal data: editing a form page is not enough to read them."""
    if user.has_perm("wagtailforms.view_formsubmission"):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [path("aide/", include(guide.urlpatterns))]


@hooks.register("construct_help_menu")
def help_with_the_volunteers_guide(request, menu_items):
    """« Aide » leads to the club's guide, in French, instead of Wagtail's English guide and release notes."""
    menu_items[:] = [
        item for item in menu_items if item.name not in ("editor-guide",) and not item.name.startswith("whats-new")
    ]
    menu_items.insert(0, MenuItem("Guide des bénévoles", reverse("volunteers_guide"), icon_name="help", name="guide"))


@hooks.register("construct_homepage_panels")
def add_todo_panels(request, panels):
    panels.extend(todo_panels_for(request.user))


def recent_submissions():
    since = timezone.now() - timedelta(days=RECENT_SUBMISSION_DAYS)
    return FormSubmission.objects.filter(submit_time__gte=since).select_related("page").order_by("-submit_time")


def submission_label(submission) -> str:
    sent = date_format(timezone.localtime(submission.submit_time), "j F Y à H:i")
    return f"{submission.page.title} — {sent}"


register_todo(
    Todo(
        name="recent-form-submissions",
        heading=f"Messages et demandes d'adhésion des {RECENT_SUBMISSION_DAYS} derniers jours",
        help_text="Ce que le public a envoyé par les formulaires du site (contact, adhésion). Ils sont aussi arrivés "
        "par e-mail à l'adresse du club : vérifiez que chacun a reçu une réponse.",
        permission="wagtailforms.view_formsubmission",
        queryset=recent_submissions,
        item_url=lambda submission: reverse("wagtailforms:list_submissions", args=[submission.page_id]),
        listing_url=lambda: reverse("wagtailforms:index"),
        item_label=submission_label,
        order=222,
    )
)


def sites_without_contact_address():
    from .models import SiteSettings

    return SiteSettings.objects.filter(contact_email="").select_related("site").order_by("site__hostname")


register_todo(
    Todo(
        name="missing-contact-address",
        heading="Adresse e-mail du club à renseigner",
        help_text="Sans elle, les messages du formulaire de contact et les demandes d'adhésion sont enregistrés "
        "mais n'arrivent dans aucune boîte : indiquez l'adresse du club dans Paramètres › Paramètres du site.",
        permission="home.change_sitesettings",
        queryset=sites_without_contact_address,
        item_url=lambda settings: reverse("wagtailsettings:edit", args=["home", "sitesettings", settings.site_id]),
        listing_url=lambda: reverse("wagtailsettings:edit", args=["home", "sitesettings"]),
        item_label=lambda settings: settings.site.site_name or settings.site.hostname,
        order=221,
    )
)
