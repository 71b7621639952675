"""The directory's kind of search result: published actor records, shown at their profile's address."""

from home.search import SearchKind, SearchResult, register_search_kind

from .models import Actor, ActorIndexPage, ActorProfilePage


class ActorKind(SearchKind):
    key, label, noun = "acteurs", "Acteurs", ("acteur", "acteurs")
    claimed_page_types = (ActorProfilePage,)  # shown through their actor's record, never twice
    browse_section, browse_label = "actors.ActorIndexPage", "l'annuaire des acteurs"

    def queryset(self):
        return Actor.objects.published().select_related("commune")

    def results(self, objects, request):
        objects = list(objects)
        if not objects:
            return []
        directory = ActorIndexPage.objects.live().first()
        if directory is None:
            return []
        directory_url = directory.get_url(request)
        return [
            SearchResult(
                actor.name,
                f"{directory_url}{actor.slug}/",
                actor.short_description,
                " · ".join(filter(None, [actor.commune.name if actor.commune else "", actor.get_legal_form_display()])),
            )
            for actor in objects
        ]


register_search_kind(ActorKind())
