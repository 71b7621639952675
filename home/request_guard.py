"""NUL characters, which no page expects and PostgreSQL can neither store nor compare, never reach a view.

In the query string they are dropped, so that a listing answers its normal page; an address holding
one cannot exist, and gets the French 404 page.
"""

from django.http import Http404, QueryDict

NUL = "\x00"


def without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


class NulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404("NUL character in the address")
        if NUL in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = without_nul(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)
