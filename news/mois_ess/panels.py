"""Admin panel of an event page proposed by the public: who proposed it, their consent, the probable duplicates."""

from actors.panels import ProposalPanel


class EventProposalPanel(ProposalPanel):
    class BoundPanel(ProposalPanel.BoundPanel):
        template_name = "news/admin/event_proposal_panel.html"
