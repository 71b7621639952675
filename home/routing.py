"""Wagtail's page routing with the pages of the address read in one query, not one or two per level.

Wagtail walks an address level by level: the child page with the next slug (a query), then that page in its
specific type (another), then its own `route`. Here the home page's `route` reads every page the address can go
through at once, by their `url_path` (the slugs from the home page, kept by Wagtail), with their ancestors and
whether a view restriction sits on any of them. It walks down them in memory as long as the pages use Wagtail's
default routing, and hands over to a page's own `route` (a routable index page serving its records, a page with
sub-addresses) in its specific type, read with what it declares in `route_select_related`. The result is what
Wagtail's walk gives: the same page, arguments, 404s and view restrictions.

The pages read are left on the page served (`routed_ancestors`), so that the breadcrumbs and the check of view
restrictions use them instead of reading the ancestors again. Anything unusual (an alias among the pages, an
address whose pages the query did not find) goes back to Wagtail's own walk.
"""

from functools import cache, partial

from django.db import connection
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from .prepared import PreparedQuery


def routes_to_a_child(page, components) -> bool:
    """Whether the page hands the address on to its child page of the next slug, as Wagtail's Page does: its type
    keeps Wagtail's routing, or it is a routable page (RoutablePageMixin's own `route`) none of whose sub-addresses
    matches the rest of the address."""
    model = page.specific_class or type(page)
    if model.route is Page.route:
        return True
    if model.route is not RoutablePageMixin.route or not page.live:
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{component}/" for component in components))
    except Http404:
        return True
    return False


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def read_pages_of_address(root, components):
    """The root's ancestors and every page whose url_path is a prefix of the address below the root, in tree order,
    each annotated with `restricted` (a view restriction is set on it).

    Written in SQL because every page view runs it: the ORM took three times as long to build this query as the
    database takes to answer it. Tree paths are made of digits and capitals, so LIKE needs no escaping."""
    prefixes = [root.url_path + "/".join(components[:depth]) + "/" for depth in range(1, len(components) + 1)]
    ancestor_paths = [root.path[: Page.steplen * depth] for depth in range(1, root.depth + 1)]
    quote = connection.ops.quote_name
    page, restriction = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)
    columns = ", ".join(f"{page}.{quote(field.column)}" for field in Page._meta.concrete_fields)
    # Names come from the models, values go as parameters (S608).
    is_restricted = f"EXISTS (SELECT 1 FROM {restriction} WHERE {restriction}.page_id = {page}.id)"  # noqa: S608
    where, params = f"{page}.path IN ({placeholders(ancestor_paths)})", ancestor_paths
    if prefixes:
        where += f" OR ({page}.url_path IN ({placeholders(prefixes)}) AND {page}.path LIKE %s AND {page}.depth <= %s)"
        params = [*params, *prefixes, root.path + "%", root.depth + len(components)]
    sql = f"SELECT {columns}, {is_restricted} AS restricted FROM {page} WHERE {where} ORDER BY {page}.path"  # noqa: S608
    return list(Page.objects.raw(sql, params))


# A page id no page has: what the queries below are prepared with (home/prepared.py).
STAND_IN_ID = -1


@cache
def full_page_query(model) -> PreparedQuery:
    """A page of this type by its id, with the relations it declares in `route_select_related`."""
    related = model.route_select_related
    return PreparedQuery(lambda pk: model._default_manager.select_related(*related).filter(pk=pk), pk=STAND_IN_ID)


@cache
def own_fields_of(model) -> tuple[str, ...]:
    """The fields a page type adds to Page."""
    return tuple(
        field.attname for field in model._meta.concrete_fields if field.model is not Page and not field.primary_key
    )


@cache
def own_fields_query(model) -> PreparedQuery:
    """The values of the fields this page type adds to Page, by its id."""
    fields = own_fields_of(model)
    return PreparedQuery(lambda pk: model._base_manager.filter(pk=pk).values_list(*fields), pk=STAND_IN_ID)


def the_row(rows, model):
    if not rows:
        raise model.DoesNotExist(f"No {model.__name__} with this id.")
    return rows[0]


def specific_page(page):
    """The page in its specific type, with the relations its type declares in `route_select_related`.

    Without such relations only the fields its type adds to Page are read: the generic row has the others."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    if getattr(model, "route_select_related", ()):
        return the_row(full_page_query(model)(pk=page.pk), model)
    specific = page.get_specific(deferred=True)
    if own_fields_of(model):
        values = the_row(own_fields_query(model)(pk=page.pk), model)
        for name, value in zip(own_fields_of(model), values, strict=True):
            setattr(specific, name, value)
    return specific


def route(root, request, components):
    """`root.route(request, components)` as Wagtail's Page would do it, with the pages read in one query."""
    rows = read_pages_of_address(root, components)
    if any(row.alias_of_id for row in rows):
        return Page.route(root, request, components)
    lineage = [row for row in rows if row.depth < root.depth]
    node, consumed = root, 0
    while consumed < len(components) and (node is root or routes_to_a_child(node, components[consumed:])):
        child = next(
            (
                row
                for row in rows
                if row.depth == node.depth + 1 and row.path.startswith(node.path) and row.slug == components[consumed]
            ),
            None,
        )
        if child is None:
            # Not among the pages read (a 404, or a url_path out of step): Wagtail's own walk decides.
            return Page.route(specific_page(node), request, components[consumed:])
        lineage.append(node)
        node, consumed = child, consumed + 1
    page = specific_page(node)
    if lineage:
        page._cached_parent_obj = lineage[-1]
    page.routed_ancestors = lineage
    # `page.url` in a template (no request) reads the sites' root paths from the cache: give it the request's.
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is not None:
        for routed in (page, *lineage):
            routed._wagtail_cached_site_root_paths = root_paths
    # Wagtail's before_serve_page hook asks the page for its view restrictions: they are known already.
    restricted = tuple(row.pk for row in rows if row.restricted and row.depth <= node.depth)
    page.get_view_restrictions = partial(view_restrictions, restricted)
    if page is root:  # the home page itself: Wagtail's routing of a page without sub-addresses
        return Page.route(page, request, [])
    return page.route(request, components[consumed:])


def view_restrictions(page_ids):
    """The view restrictions set on these pages (no query when there are none)."""
    if not page_ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(page_id__in=page_ids)


def page_ancestors(page, below_depth: int) -> list:
    """The page's ancestors deeper than `below_depth`, from the routing when it read them, else from the database."""
    routed = getattr(page, "routed_ancestors", None)
    if routed is not None:
        return [ancestor for ancestor in routed if ancestor.depth > below_depth]
    return list(page.get_ancestors().filter(depth__gt=below_depth))
