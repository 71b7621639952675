"""The project's admin views: snippet create and edit views that tell a volunteer in plain French that their
work went to the moderators, and listings whose CSV export never runs a formula (home/csv_export.py).

Wagtail's French for a record sent to review reads « Acteur « X » créé(e) et planifié(e) pour modération »,
which sounds like scheduled publishing; a rédacteur should read what happens next instead.
"""

from wagtail.admin.utils import get_latest_str
from wagtail.admin.views import generic
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.snippets.views import snippets as snippet_views

from .csv_export import SafeSpreadsheetExportMixin

SUBMITTED_MESSAGE = (
    "« {name} » est enregistré et envoyé aux modérateurs : ils le relisent, puis le publient ou vous disent "
    "quoi changer. Vous serez prévenu par e-mail."
)


class SubmittedMessageMixin:
    def get_success_message(self, instance=None):
        if self.action == "submit":
            return SUBMITTED_MESSAGE.format(name=get_latest_str(instance or self.object))
        return super().get_success_message(instance)


class CreateView(SubmittedMessageMixin, snippet_views.CreateView):
    pass


class EditView(SubmittedMessageMixin, snippet_views.EditView):
    pass


class IndexView(SafeSpreadsheetExportMixin, snippet_views.IndexView):
    """A snippet listing (`index_view_class` of a SnippetViewSet with `list_export`)."""


class ModelIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """A ModelViewSet listing with `list_export`."""


class FormSubmissionsView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """The submissions of a form page, with their export."""
