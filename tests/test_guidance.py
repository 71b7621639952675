"""Guidance for volunteers: every field explains itself in French, and rich text offers only what the design shows."""

import pytest
from django.apps import apps
from django.conf import settings
from modelcluster.fields import ParentalKey
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.images.models import AbstractRendition

from home.blocks import RICH_TEXT_FEATURES
from home.roles import project_app_labels


def _from_a_library(model) -> set[str]:
    """Names of fields a model inherits from Wagtail's or Django's abstract classes (their help is theirs)."""
    project = set(project_app_labels())
    names = set()
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is not None and meta.abstract and base.__module__.split(".")[0] not in project:
            names |= {field.name for field in meta.local_fields + meta.local_many_to_many}
    return names


def editor_fields():
    for label in project_app_labels():
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, AbstractRendition):
                continue  # resized copies of images, made by Wagtail
            inherited = _from_a_library(model)
            for field in model._meta.local_fields + model._meta.local_many_to_many:
                if field.auto_created or not field.editable or field.name in inherited:
                    continue
                if getattr(field.remote_field, "parent_link", False) or isinstance(field, ParentalKey):
                    continue  # the link to a parent page or record, never shown in a form
                yield pytest.param(field, id=f"{model._meta.label}.{field.name}")


@pytest.mark.parametrize("field", list(editor_fields()))
def test_every_field_has_a_help_text(field):
    assert str(field.help_text).strip(), f"{field.model._meta.label}.{field.name} has no help_text"


def test_the_audit_sees_the_project_models():
    names = {param.id for param in editor_fields()}
    assert "actors.Actor.short_description" in names
    assert "home.HomePage.hero_title" in names


def test_rich_text_fields_without_their_own_list_get_the_designs_features():
    editor = settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]
    assert editor["OPTIONS"]["features"] == RICH_TEXT_FEATURES
    widget = get_rich_text_editor_widget()
    assert set(widget.features) == set(RICH_TEXT_FEATURES)


def test_the_help_menu_leads_to_the_volunteers_guide_in_french(admin_client_logged):
    from django.urls import reverse

    dashboard = admin_client_logged.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("volunteers_guide") in dashboard
    assert "guide.wagtail.org" not in dashboard

    guide = admin_client_logged.get(reverse("volunteers_guide")).content.decode()
    assert "Guide des bénévoles" in guide
    assert "<h2>2. Ajouter un acteur</h2>" in guide
    picture = reverse("volunteers_guide_picture", args=["01-tableau-de-bord-redaction.png"])
    assert f'src="{picture}"' in guide
    assert admin_client_logged.get(picture)["Content-Type"] == "image/png"
    assert (
        admin_client_logged.get(reverse("volunteers_guide_picture", args=["..%2Fguide-benevoles.md"])).status_code
        == 404
    )
