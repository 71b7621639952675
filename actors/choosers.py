"""How the admin names the directory's records, and the chooser of published actors (a news item's
« Acteurs concernés »): a draft or an unpublished record has no public profile to link to."""

from home.choosers import Noun, PublishedSnippetChooserViewSet

from .models import Actor

ACTOR = Noun("acteur")
SECTOR = Noun("secteur d'activité")
PAYS = Noun("Pays")
EPCI = Noun("intercommunalité (EPCI)", feminine=True)
COMMUNE = Noun("commune", feminine=True)
PROPOSAL = Noun("proposition de structure", feminine=True)

published_actor_chooser = PublishedSnippetChooserViewSet(
    "published_actor_chooser",
    model=Actor,
    noun=Noun("acteur publié"),
    icon="group",
    url_prefix="annuaire/choisir-un-acteur-publie",
)
