"""Admin panel of actor records: what came with a record proposed by the public."""

from django.contrib.auth import get_permission_codename
from wagtail.admin.panels import Panel


class ProposalPanel(Panel):
    """Shows, above a proposed record, who proposed it (to those who may read it), their consent and the duplicates."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "actors/admin/proposal_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and hasattr(self.instance, "proposal")

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            proposal = self.instance.proposal
            context["proposal"] = proposal
            # Who sent it is personal data: moderators and administrators only (home/roles.py).
            opts = proposal._meta
            context["shows_sender"] = self.request.user.has_perm(
                f"{opts.app_label}.{get_permission_codename('view', opts)}"
            )
            context["duplicates"] = list(self.instance.proposal.possible_duplicates.all())
            return context
