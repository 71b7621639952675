"""The admin dashboard's to-do lists: each app registers what its volunteers should look at.

An app describes a list once (`register_todo(Todo(...))` in its `wagtail_hooks.py`); the dashboard shows it
to the people allowed to act on it, with the first few items, their number and a link to the full listing,
and hides it when there is nothing to do.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.admin.ui.components import Component

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
        items = list(queryset[:SHOWN_ITEMS])
        if items:
            count = len(items) if len(items) < SHOWN_ITEMS else queryset.count()
            panels.append(TodoPanel(todo, items, count))
    return panels
