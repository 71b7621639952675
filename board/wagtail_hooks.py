"""The "Mutualisation" menu of the admin: the board's posts (moderated), the replies they received, the needs
of the questionnaire and its answers (personal data: moderators and administrators only, home/roles.py)."""

from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home import admin_views
from home.choosers import Noun, WordedSnippetViewSet
from home.dashboard import Todo, register_todo
from home.panels import PersonalDataPanel, ReadOnlyFieldPanel

from .models import BoardPost, BoardReply, MutualisationNeed, NeedsSurveyAnswer


class BoardPostViewSet(WordedSnippetViewSet):
    model = BoardPost
    noun = Noun("annonce", feminine=True)
    add_view_class = admin_views.CreateView
    edit_view_class = admin_views.EditView
    index_view_class = admin_views.IndexView
    icon = "clipboard-list"
    menu_label = "Annonces"
    list_display = ["title", "kind", "category", "actor", "expires_on", "status", LiveStatusTagColumn()]
    list_filter = ["kind", "category", "status", "live"]
    list_export = [
        "title",
        "kind",
        "category",
        "actor",
        "poster_organisation",
        "commune",
        "expires_on",
        "status",
        "fulfilled_on",
        "created_at",
    ]
    export_filename = "annonces-mutualisation"
    search_fields = ["title", "description"]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("actor"), FieldPanel("poster_organisation"), FieldPanel("commune")], heading="Qui et où"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("expires_on"), FieldPanel("status")]),
                ReadOnlyFieldPanel("fulfilled_on", empty_text="pas encore"),
            ],
            heading="Durée et état",
        ),
        # The poster's contact is personal data, like the replies it receives: moderators and administrators only.
        PersonalDataPanel(
            ["contact_name", "contact_email"],
            permission="board.view_boardreply",
            heading="Contact (jamais affiché sur le site)",
        ),
        PublishingPanel(),
    ]


class BoardReplyViewSet(WordedSnippetViewSet):
    model = BoardReply
    noun = Noun("réponse", feminine=True)
    index_view_class = admin_views.IndexView
    icon = "mail"
    menu_label = "Réponses reçues"
    list_display = ["post", "name", "email", "sent_at"]
    list_export = ["post", "name", "email", "message", "sent_at"]
    export_filename = "reponses-mutualisation"
    panels = [FieldPanel("post", read_only=True), FieldPanel("name"), FieldPanel("email"), FieldPanel("message")]


class MutualisationNeedViewSet(WordedSnippetViewSet):
    """The list of needs the questionnaire asks about, each tied to the board's category that answers it."""

    model = MutualisationNeed
    noun = Noun("besoin")
    icon = "list-ul"
    menu_label = "Besoins du questionnaire"
    list_display = ["name", "board_category", "sort_order", "asked"]
    list_filter = ["board_category", "asked"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("board_category"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("asked")]),
    ]


class NeedsSurveyAnswerViewSet(WordedSnippetViewSet):
    """The questionnaire's answers: who answered, for which structure, where, and their needs."""

    model = NeedsSurveyAnswer
    noun = Noun("réponse", feminine=True)
    index_view_class = admin_views.IndexView
    icon = "form"
    menu_label = "Réponses au questionnaire"
    list_display = ["respondent", "commune", "need_names", "consent_given_at"]
    list_filter = ["needs"]
    list_export = [
        "actor",
        "organisation",
        "commune",
        "need_names",
        "other_needs",
        "contact_name",
        "contact_email",
        "message",
        "consent_text",
        "consent_given_at",
    ]
    export_filename = "reponses-questionnaire-besoins"
    panels = [
        MultiFieldPanel([FieldPanel("actor"), FieldPanel("organisation"), FieldPanel("commune")], heading="Structure"),
        FieldPanel("needs"),
        FieldPanel("other_needs"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("message")],
            heading="Qui a répondu (jamais publié)",
        ),
        FieldPanel("consent_text", read_only=True),
    ]

    def get_queryset(self, request):
        return NeedsSurveyAnswer.objects.select_related("actor", "commune").prefetch_related("needs")


class BoardGroup(SnippetViewSetGroup):
    menu_label = "Mutualisation"
    menu_icon = "clipboard-list"
    menu_order = 160
    items = (BoardPostViewSet, BoardReplyViewSet, MutualisationNeedViewSet, NeedsSurveyAnswerViewSet)


register_snippet(BoardGroup)


register_todo(
    Todo(
        name="board-posts-awaiting-review",
        heading="Annonces de la Mutualisation à relire",
        help_text="Envoyées par le formulaire public, elles attendent qu'un modérateur les relise : ouvrez-en une, "
        "vérifiez qu'elle a sa place sur le tableau (ni publicité, ni coordonnées personnelles dans le texte), "
        "puis approuvez-la ou rejetez-la.",
        permission="board.publish_boardpost",
        queryset=lambda: (
            BoardPost.objects.filter(workflow_states__status="in_progress").distinct().order_by("created_at")
        ),
        item_url=lambda post: reverse("wagtailsnippets_board_boardpost:edit", args=[post.pk]),
        listing_url=lambda: reverse("wagtailsnippets_board_boardpost:list") + "?live=false",
        order=221,
    )
)
