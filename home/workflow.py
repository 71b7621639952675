"""The "Relecture" moderation workflow: a rédacteur's change goes to the moderators before it is published.

It replaces Wagtail's default "Moderators approval" workflow on the whole page tree and applies to every
record type that supports workflows (actors, and the news, events or board posts other apps add):
after each `migrate`, a workflow-enabled snippet without a workflow gets this one.
"""

from django.apps import apps as global_apps

from .roles import ADMINISTRATORS, MODERATORS

WORKFLOW_NAME = "Relecture"
TASK_NAME = "Relecture par les modérateurs"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def ensure_review_workflow(apps=global_apps):
    """The workflow and its single task (approved by Modérateurs or Administrateurs), on the root page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set(Group.objects.filter(name__in=[MODERATORS, ADMINISTRATORS]))
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
        Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow


def assign_review_workflow(model_labels, apps=global_apps):
    """Gives the workflow to these record types ("app_label.model"), unless they already have one."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return
    for label in model_labels:
        app_label, model_name = label.lower().split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def workflow_snippet_labels() -> list[str]:
    """Every registered snippet type that supports workflows."""
    from wagtail.models import WorkflowMixin
    from wagtail.snippets.models import get_snippet_models

    return [model._meta.label_lower for model in get_snippet_models() if issubclass(model, WorkflowMixin)]
