"""Admin panel of actor records: what came with a record proposed by the public."""

from wagtail.admin.panels import Panel


class ProposalPanel(Panel):
    """Shows, above a proposed record, who proposed it, their consent to publication and the probable duplicates."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "actors/admin/proposal_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and hasattr(self.instance, "proposal")

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["proposal"] = self.instance.proposal
            context["duplicates"] = list(self.instance.proposal.possible_duplicates.all())
            return context
