"""The volunteers' roles (Rédacteurs, Modérateurs, Administrateurs): what each may do, said once.

A role is described by actions on areas of the admin, never by a list of models: the data migration
and every later `migrate` (post_migrate) turn these rules into permissions for every model the project
has at that moment, so that the news, events or forms added by any app get their permissions too.
Applying the roles only adds what is missing; it never takes away a permission given by hand.

Two rules hold for every model, present or future:
- records without drafts (sectors, territories, phases and their budget, indicators, topics) are live as soon
  as they are saved, with no review possible: only moderators and administrators change them. A rédacteur's
  change is always a draft sent to the "Relecture" workflow;
- personal data (what the public sends: form submissions, proposals, replies to board posts; a model says so
  with `holds_personal_data = True`) is read, listed and exported by moderators and administrators only;
- a mailing list (the addresses of people who subscribed to e-mails; a model says so with
  `for_administrators_only = True`) is read, listed and exported by administrators only: moderators see counts.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings

EDITORS = "Rédacteurs"
MODERATORS = "Modérateurs"
ADMINISTRATORS = "Administrateurs"

# Wagtail's own groups, created by its first migrations: the club's roles take their place.
WAGTAIL_DEFAULT_GROUPS = {"Editors": EDITORS, "Moderators": MODERATORS}


@dataclass(frozen=True)
class Role:
    name: str
    # Actions on the whole page tree (granted on the root page): add, change, publish, lock, unlock, bulk_delete.
    page_actions: tuple[str, ...]
    # Actions on images and documents (granted on the root collection): add, change, delete, choose.
    media_actions: tuple[str, ...]
    # Actions on every record of the project's apps (snippets and their parts): add, change, delete, view,
    # publish, lock, unlock. A model gets those of its permissions that exist (publish only with drafts…).
    record_actions: tuple[str, ...]
    # Whether the role changes records that have no drafts, published the moment they are saved.
    changes_records_without_drafts: bool = True
    # Whether the role reads what the public sends (names, e-mails, messages): form submissions included.
    reads_personal_data: bool = True
    # Whether the role reads the models marked `for_administrators_only` (the subscribers' addresses).
    reads_mailing_lists: bool = False
    # Other areas, as "app_label.codename": form submissions, users, redirects…
    extra_permissions: tuple[str, ...] = ()
    # Whether the role edits the project's settings (the club's name and contacts, the map…).
    edits_settings: bool = False
    # Whether the role organises images and documents into collections.
    manages_collections: bool = False


FORM_SUBMISSIONS = ("wagtailforms.view_formsubmission", "wagtailforms.delete_formsubmission")
USERS = ("auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_user")
REDIRECTS = (
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
)
COLLECTIONS = ("add", "change", "delete")

ROLES = (
    Role(
        EDITORS,
        page_actions=("add", "change", "lock"),
        media_actions=("add", "choose"),
        record_actions=("add", "change", "view", "lock"),
        changes_records_without_drafts=False,
        reads_personal_data=False,
    ),
    Role(
        MODERATORS,
        page_actions=("add", "change", "publish", "lock", "unlock"),
        media_actions=("add", "change", "delete", "choose"),
        record_actions=("add", "change", "delete", "view", "publish", "lock", "unlock"),
    ),
    Role(
        ADMINISTRATORS,
        page_actions=("add", "change", "publish", "lock", "unlock", "bulk_delete"),
        media_actions=("add", "change", "delete", "choose"),
        record_actions=("add", "change", "delete", "view", "publish", "lock", "unlock"),
        extra_permissions=USERS + REDIRECTS,
        reads_mailing_lists=True,
        edits_settings=True,
        manages_collections=True,
    ),
)

MEDIA_MODELS = ("wagtailimages.image", "wagtaildocs.document")


def project_app_labels() -> list[str]:
    """The apps written for this site (home, actors, news…): the folders at the project's top level."""
    base = Path(settings.BASE_DIR).resolve()
    return [config.label for config in global_apps.get_app_configs() if Path(config.path).resolve().parent == base]


def _is_settings(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(model, (BaseSiteSetting, BaseGenericSetting))


def _is_media(model) -> bool:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition

    return issubclass(model, (AbstractImage, AbstractRendition, AbstractDocument))


def record_models() -> list:
    """Every record type of the project's apps (snippets and their inline parts), pages excepted."""
    from wagtail.models import Page

    return [
        model
        for label in project_app_labels()
        for model in global_apps.get_app_config(label).get_models()
        if not issubclass(model, Page) and not _is_settings(model) and not _is_media(model)
    ]


def holds_personal_data(model) -> bool:
    return getattr(model, "holds_personal_data", False)


def _record_actions(role: Role, model) -> tuple[str, ...]:
    """The role's actions on one record type, after the rules on personal data, mailing lists and drafts."""
    from wagtail.models import DraftStateMixin

    if holds_personal_data(model) and not role.reads_personal_data:
        return ()
    if getattr(model, "for_administrators_only", False) and not role.reads_mailing_lists:
        return ()
    if not issubclass(model, DraftStateMixin) and not role.changes_records_without_drafts:
        return tuple(action for action in role.record_actions if action == "view")
    return role.record_actions


def settings_models() -> list:
    return [
        model
        for label in project_app_labels()
        for model in global_apps.get_app_config(label).get_models()
        if _is_settings(model)
    ]


def _model_permissions(role: Role) -> set[tuple[str, str]]:
    """(app_label, codename) of every model-level permission the role should hold."""
    wanted = {("wagtailadmin", "access_admin")}
    wanted |= {tuple(name.split(".", 1)) for name in role.extra_permissions}
    if role.reads_personal_data:
        wanted |= {tuple(name.split(".", 1)) for name in FORM_SUBMISSIONS}
    for model in record_models():
        actions = _record_actions(role, model)
        wanted |= {(model._meta.app_label, f"{action}_{model._meta.model_name}") for action in actions}
    if role.edits_settings:
        for model in settings_models():
            wanted |= {(model._meta.app_label, f"{action}_{model._meta.model_name}") for action in ("change", "view")}
    return wanted


def _media_permissions(role: Role) -> set[tuple[str, str]]:
    wanted = set()
    for label in MEDIA_MODELS:
        app_label, model_name = label.split(".")
        wanted |= {(app_label, f"{action}_{model_name}") for action in role.media_actions}
    if role.manages_collections:
        wanted |= {("wagtailcore", f"{action}_collection") for action in COLLECTIONS}
    return wanted


def _find_permissions(apps, wanted: set[tuple[str, str]]) -> list:
    """The Permission rows among `wanted` that exist (a draft-less model has no publish permission)."""
    Permission = apps.get_model("auth", "Permission")
    codenames = {codename for _, codename in wanted}
    candidates = Permission.objects.filter(codename__in=codenames).select_related("content_type")
    return [perm for perm in candidates if (perm.content_type.app_label, perm.codename) in wanted]


def apply_roles(apps=global_apps) -> None:
    """Creates the role groups and gives them what the rules say; adds only, never removes.

    `apps` is the historical registry in a migration, the real one elsewhere.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*_find_permissions(apps, _model_permissions(role)))
        if root_page is not None:
            page_permissions = Permission.objects.filter(
                content_type__app_label="wagtailcore",
                codename__in=[f"{action}_page" for action in role.page_actions],
            )
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            for permission in _find_permissions(apps, _media_permissions(role)):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def replace_wagtail_default_groups(apps=global_apps) -> None:
    """Moves the members of Wagtail's Editors and Moderators into the club's roles, then removes those groups."""
    Group = apps.get_model("auth", "Group")
    for old_name, new_name in WAGTAIL_DEFAULT_GROUPS.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        for user in old.user_set.all():
            user.groups.add(new)
        old.delete()


def withdraw_beyond_role(role_name: str, apps=global_apps) -> None:
    """Takes from a role's group the project-record and form-submission permissions its rules no longer give.

    Run once by the migration that introduced a stricter rule; `apply_roles` itself never removes anything.
    """
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=role_name).first()
    if group is None:
        return
    role = next(role for role in ROLES if role.name == role_name)
    wanted = _model_permissions(role)
    governed = {(model._meta.app_label, model._meta.model_name) for model in record_models()}
    governed.add(("wagtailforms", "formsubmission"))
    for permission in group.permissions.select_related("content_type"):
        content_type = permission.content_type
        if (content_type.app_label, content_type.model) in governed and (
            content_type.app_label,
            permission.codename,
        ) not in wanted:
            group.permissions.remove(permission)
