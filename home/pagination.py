"""Pagination that never fails: whatever `page` says, the visitor gets a normal page."""

from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int = 20, param: str = "page") -> Page:
    """The requested page of `object_list`; the first or last page when `page` is nonsense or out of range."""
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get(param, "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)
