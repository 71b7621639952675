"""The admin dashboard's to-do lists: each app registers what its volunteers should look at.

An app describes a list once (`register_todo(Todo(...))` in its `wagtail_hooks.py`); the dashboard shows it
to the people allowed to act on it, with the first few items, their number and a link to the full listing,
and hides it when there is nothing to do.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

SHOWN_ITEMS = 5


@dataclass(frozen=True)
class Todo:
    name: str  # an identifier, for the panel's HTML id
    heading: str  # what needs doing, in French
    help_text: str  # why it matters and how to fix it, for a volunteer
    permission: str  # "app_label.codename" the person needs to act on it
    queryset: Callable[[], QuerySet]  # the items that need attention, most urgent first
    item_url: Callable[[object], str]  # where to fix one item
    listing_url: Callable[[], str]  # the full list, filtered when the admin listing can
    # Wagtail's "awaiting your review" panel is at 220 and comes first; moderation lists follow it (221–229),
    # then the upkeep lists (230–249), before the recent edits (250).
    order: int = 235
    item_label: Callable[[object], str] = str  # how one item is named in the list
    # Narrows the items to those this person may act on (the pages they may edit), when the permission does not.
    restrict: Callable[[QuerySet, object], QuerySet] | None = None


_REGISTERED_LISTS: list[Todo] = []


def register_todo(todo: Todo) -> None:
    if all(existing.name != todo.name for existing in _REGISTERED_LISTS):
        _REGISTERED_LISTS.append(todo)


def registered_todos() -> list[Todo]:
    return list(_REGISTERED_LISTS)


class TodoPanel(Component):
    template_name = "home/admin/todo_panel.html"

    def __init__(self, todo: Todo, items: list, count: int):
        self.todo = todo
        self.items = items
        self.count = count
        self.name = todo.name
        self.order = todo.order

    def get_context_data(self, parent_context=None):
        return {
            "todo": self.todo,
            "items": [(self.todo.item_label(item), self.todo.item_url(item)) for item in self.items],
            "count": self.count,
            "more": self.count - len(self.items),
            "listing_url": self.todo.listing_url(),
        }


def todo_panels_for(user) -> list[TodoPanel]:
    """The panels this person can act on and that have something in them."""
    panels = []
    for todo in _REGISTERED_LISTS:
        if not user.has_perm(todo.permission):
            continue
        queryset = todo.queryset()
        if todo.restrict is not None:
            queryset = todo.restrict(queryset, user)
        items = list(queryset[:SHOWN_ITEMS])
        if items:
            count = len(items) if len(items) < SHOWN_ITEMS else queryset.count()
            panels.append(TodoPanel(todo, items, count))
    return panels


def drafts_to_submit(queryset: QuerySet) -> QuerySet:
    """The records of `queryset` (pages or snippets with drafts) whose changes nobody published and that no one
    sent to review: an editor left them in draft, or an import made them."""
    model = queryset.model
    base_model = ([model, *model._meta.get_parent_list()])[-1]  # workflows file pages under Page
    in_review = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(base_model, for_concrete_model=False),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return queryset.filter(Q(live=False) | Q(has_unpublished_changes=True)).exclude(Exists(in_review))


def pages_user_can_edit(queryset: QuerySet, user) -> QuerySet:
    """`restrict` for a list of pages: those this person may edit (a rédacteur, their own pages)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return queryset.filter(pk__in=editable.values("pk"))


class DraftsToSubmitFilter(django_filters.ChoiceFilter):
    """The admin listings' « Brouillon à soumettre » filter, that a dashboard panel's link opens (`?to_submit=true`).

    A choice rather than a boolean filter: the active filter then reads « Oui », not « True »."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Brouillon à soumettre")
        kwargs.setdefault("choices", [("true", "Oui"), ("false", "Non")])
        kwargs.setdefault("empty_label", "Peu importe")
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if value not in ("true", "false"):
            return queryset
        drafts = drafts_to_submit(queryset)
        return drafts if value == "true" else queryset.exclude(pk__in=drafts.values("pk"))
