"""Snippet admin and choosers that name their records in plain, gender-correct French, and choosers that offer
published records only.

Wagtail's French builds its labels from a verbose name it knows nothing about: « Nouvel(le) : Acteur »,
« Ajouter un(e) acteur », « Choisir commune ». An upper app gives each of its snippet viewsets a `Noun`
(« acteur », masculine; « commune », feminine) and the labels follow: « Nouvel acteur », « Ajouter un
acteur », « Choisir une commune ».
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

VOWELS = "aeéèêiîoôuûh"


@dataclass(frozen=True)
class Noun:
    """A French noun with what its gender and first letter ask of the words before it."""

    word: str  # as it reads after an article: "acteur", "intercommunalité (EPCI)"
    feminine: bool = False
    elided: bool | None = None  # "cet acteur", "nouvel acteur"; guessed from the first letter when None

    @property
    def _elided(self) -> bool:
        return self.elided if self.elided is not None else self.word[:1].lower() in VOWELS

    @property
    def a(self) -> str:
        return f"{'une' if self.feminine else 'un'} {self.word}"

    @property
    def another(self) -> str:
        return f"{'une' if self.feminine else 'un'} autre {self.word}"

    @property
    def this(self) -> str:
        article = "cette" if self.feminine else "cet" if self._elided else "ce"
        return f"{article} {self.word}"

    @property
    def new(self) -> str:
        adjective = "nouvelle" if self.feminine else "nouvel" if self._elided else "nouveau"
        return f"{adjective} {self.word}"


class WordedSnippetChooser(AdminSnippetChooser):
    """The chooser widget: « Choisir une commune », « Choisir une autre commune », « Modifier cette commune »."""

    def __init__(self, model, noun: Noun, chooser_url_name: str = "", **kwargs):
        super().__init__(model, **kwargs)
        self.noun = noun
        self.chooser_url_name = chooser_url_name
        self.choose_one_text = f"Choisir {noun.a}"
        self.choose_another_text = f"Choisir {noun.another}"
        self.link_to_chosen_text = f"Modifier {noun.this}"

    def get_chooser_modal_url(self):
        if self.chooser_url_name:
            return reverse(self.chooser_url_name)
        return super().get_chooser_modal_url()


class WordedChooseView(ChooseView):
    page_subtitle = ""  # the title says it all: « Choisir une commune »


class WordedChooseResultsView(ChooseResultsView):
    page_subtitle = ""


class WordedSnippetChooserViewSet(SnippetChooserViewSet):
    """A snippet's chooser whose modal and widget say what they choose (`noun` set by the snippet's viewset)."""

    noun: Noun | None = None
    choose_view_class = WordedChooseView
    choose_results_view_class = WordedChooseResultsView

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.noun:
            self.page_title = self.choose_one_text = f"Choisir {self.noun.a}"
            self.choose_another_text = f"Choisir {self.noun.another}"
            self.edit_item_text = f"Modifier {self.noun.this}"

    @cached_property
    def widget_class(self):
        if not self.noun:
            return super().widget_class
        # Register_widget makes this the widget of every foreign key to the model; a second chooser of the
        # same model (register_widget = False) opens its own modal.
        url_name = "" if self.register_widget else self.get_url_name("choose")
        return WordedSnippetChooser(self.model, self.noun, chooser_url_name=url_name, icon=self.icon)


class PublishedSnippetChooserViewSet(WordedSnippetChooserViewSet):
    """A second chooser of a snippet with drafts, which offers its published records only.

    Register it with the `register_admin_viewset` hook and give its `widget_class` to the fields that must
    point to published records; the snippet's own chooser, used elsewhere, is left as it is.
    """

    register_widget = False

    def get_object_list(self):
        return self.model.objects.filter(live=True)


class WordedCreateViewMixin:
    """The add view's title and breadcrumb: « Nouvel acteur » where Wagtail writes « Nouvel(le) : Acteur »."""

    noun: Noun | None = None

    def get_page_title(self):
        return capfirst(self.noun.new) if self.noun else super().get_page_title()

    def get_page_subtitle(self):
        return "" if self.noun else super().get_page_subtitle()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.noun and items:
            items[-1] = {**items[-1], "label": capfirst(self.noun.new)}
        return items


class WordedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose labels use `noun`: « Ajouter un acteur », « Nouvel acteur », « Choisir un acteur »."""

    noun: Noun | None = None
    chooser_viewset_class = WordedSnippetChooserViewSet

    @cached_property
    def chooser_viewset(self):
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            noun=self.noun,
        )

    def get_index_view_kwargs(self, **kwargs):
        if self.noun:
            kwargs["add_item_label"] = f"Ajouter {self.noun.a}"
        return super().get_index_view_kwargs(**kwargs)

    @property
    def add_view(self):
        view_class = type(self.add_view_class.__name__, (WordedCreateViewMixin, self.add_view_class), {})
        return self.construct_view(view_class, **self.get_add_view_kwargs(noun=self.noun))
