"""One e-mail per public proposal: Wagtail's "submitted for review" notice is left out when no user submitted.

A structure or an event proposed by the public starts the moderation workflow with no user, and its view sends
the moderators a detailed e-mail (who proposed it, their consent, probable duplicates). Wagtail's own notice
would be a second, poorer e-mail about the same thing; changes submitted by editors keep it. Like every
e-mail, Wagtail's notices are queued and sent by the task worker (EMAIL_BACKEND, home/outbox.py).
"""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

# Wagtail's own registration (wagtail/admin/signal_handlers.py): the same uid replaces it.
DISPATCH_UID = "group_approval_task_submitted_email_notification"


class EditorSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and instance.workflow_state.requested_by_id is not None


def connect_signals():
    # Whichever app is ready first, ours ends up the only one: a connect with a uid already taken is ignored.
    task_submitted.disconnect(sender=TaskState, dispatch_uid=DISPATCH_UID)
    task_submitted.connect(EditorSubmissionNotifier(), sender=TaskState, dispatch_uid=DISPATCH_UID, weak=False)
