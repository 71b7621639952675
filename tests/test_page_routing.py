"""Pages are found in fewer queries (home/routing.py, home/site_lookup.py, home/navigation.py), with Wagtail's results.

The routing reads an address's pages in one query and the site, its root paths and its settings in another; the
menu, the footer and the links to sections share one query. These tests check that the answers are Wagtail's own,
that view restrictions still hold, and that nothing is kept across requests: a publication shows at once.
"""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from home.site_lookup import site_for_host

from .public_pages import NEWS_SLUG, PUBLIC_PAGES, coming_year


def components_of(path):
    return [component for component in path.split("?")[0].split("/") if component]


def wagtail_route(home, path):
    """The route Wagtail's own walk finds (Page.route from the home page, level by level)."""
    return Page.route(home, RequestFactory().get(path), components_of(path))


def fast_route(home, path):
    return home.route(RequestFactory().get(path), components_of(path))


def summary(route):
    """What a route gives, comparable: the page's type and id, the view and arguments of a routable page; or 404."""
    from django.http import Http404

    try:
        page, args, kwargs = route()
    except Http404:
        return "404"
    if args:  # a routable page: (view, args, kwargs)
        view, view_args, view_kwargs = args
        args = (view.__name__, tuple(view_args), tuple(sorted(view_kwargs.items())))
    return type(page), page.pk, args, tuple(sorted(kwargs.items()))


def tree_addresses():
    return [
        page.url
        for page in PUBLIC_PAGES
        if page.status == 200 and not page.url.startswith(("/recherche/", "/verifier-ma-fiche/", "/carte/acteurs"))
    ]


def test_every_public_page_is_routed_as_wagtail_routes_it(public_site):
    home = public_site
    addresses = [
        *tree_addresses(),
        "/acteurs/acteurs.csv",  # an app's own URL: Wagtail's tree has no page there
        f"/mois-de-l-ess/{coming_year()}/programme/",
        f"/actualites/{NEWS_SLUG}/",
    ]
    for address in addresses:
        expected = summary(lambda: wagtail_route(home, address))  # noqa: B023  (called at once)
        assert summary(lambda: fast_route(home, address)) == expected, address  # noqa: B023


def field_values(page):
    return {field.attname: getattr(page, field.attname) for field in type(page)._meta.concrete_fields}


def test_every_routed_page_holds_the_values_wagtail_reads(public_site, django_assert_max_num_queries):
    """The routing reads only the fields a page type adds to Page: the page served has all its values, with no
    query left to make for them."""
    for address in tree_addresses():
        if summary(lambda: wagtail_route(public_site, address)) == "404":  # noqa: B023  (called at once)
            continue  # an address of the site's own views (a feed, a calendar), not a page of the tree
        routed = fast_route(public_site, address)[0]
        with django_assert_max_num_queries(0):
            values = field_values(routed)
        assert values == field_values(Page.objects.get(pk=routed.pk).specific), address


def test_a_routed_page_and_its_ancestors_give_their_address_without_reading_the_cache(public_site):
    """`page.url` in a template has no request: it takes the request's root paths, not the cache's (a round trip
    to Redis per page shown)."""
    from unittest import mock

    from home.site_lookup import prime_request

    request = RequestFactory().get(f"/actualites/{NEWS_SLUG}/")
    prime_request(request)
    page = public_site.route(request, ["actualites", NEWS_SLUG])[0]
    with mock.patch.object(Site, "get_site_root_paths", side_effect=AssertionError("read from the cache")):
        assert page.url == f"/actualites/{NEWS_SLUG}/"
        assert [ancestor.url for ancestor in page.routed_ancestors] == [
            None,
            "/",
            "/actualites/",
        ]  # the tree root has none


@pytest.mark.parametrize(
    "address", ["/cette-page-n-existe-pas/", "/actualites/inconnue/", "/le-club/en-trop/", "/acteurs/a/b/c/"]
)
def test_unknown_addresses_are_not_found_as_with_wagtail(public_site, address):
    from django.http import Http404

    with pytest.raises(Http404):
        wagtail_route(public_site, address)
    with pytest.raises(Http404):
        fast_route(public_site, address)


def test_an_unpublished_page_is_not_served(client, public_site):
    news = Page.objects.get(slug=NEWS_SLUG)
    assert client.get(news.url).status_code == 200
    news.specific.unpublish()
    assert client.get(f"/actualites/{NEWS_SLUG}/").status_code == 404


def test_a_password_on_a_section_still_guards_its_pages(client, public_site):
    news = Page.objects.get(slug=NEWS_SLUG)
    index = news.get_parent()
    assert client.get(news.url).status_code == 200
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.PASSWORD, password="secret")

    response = client.get(news.url)

    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert b"Un noyau" not in response.content


def test_the_breadcrumbs_come_from_the_routed_pages(client, public_site):
    page = client.get(f"/actualites/{NEWS_SLUG}/").content.decode()
    trail = page[page.index('class="breadcrumbs"') :][:800]
    assert 'href="/"' in trail
    assert 'href="/actualites/"' in trail


def test_a_page_published_in_the_menu_shows_at_once_and_leaves_with_its_unpublication(client, public_site):
    from home.models import ContentPage

    client.get("/le-club/")
    new_page = ContentPage(title="Nos rencontres", slug="nos-rencontres", show_in_menus=True)
    public_site.add_child(instance=new_page)
    new_page.save_revision().publish()

    assert 'href="/nos-rencontres/"' in client.get("/le-club/").content.decode()

    new_page.unpublish()
    assert 'href="/nos-rencontres/"' not in client.get("/le-club/").content.decode()


def test_the_footer_participation_links_follow_a_publication_at_once(client, public_site):
    membership = Page.objects.get(slug="adherer", depth=3)
    assert 'href="/adherer/"' in client.get("/le-club/").content.decode()

    membership.specific.unpublish()

    assert 'href="/adherer/"' not in client.get("/le-club/").content.decode()


def test_a_change_of_the_site_settings_shows_at_once(client, public_site):
    from home.models import SiteSettings

    client.get("/le-club/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.club_name = "Club ESS de demain"
    settings.save()

    assert "Club ESS de demain" in client.get("/le-club/").content.decode()


@pytest.mark.django_db
def test_the_site_of_a_host_is_the_one_wagtail_chooses(public_site):
    default = Site.objects.get(is_default_site=True)
    Site.objects.create(hostname="autre.example.org", port=80, root_page=public_site, is_default_site=False)
    Site.objects.create(hostname="autre.example.org", port=8080, root_page=public_site, is_default_site=False)
    Site.objects.create(hostname="seul.example.org", port=8443, root_page=public_site, is_default_site=False)
    sites = list(Site.objects.select_related("root_page"))
    hosts = [
        (default.hostname, default.port),
        (default.hostname, 1234),
        ("autre.example.org", 80),
        ("autre.example.org", 8080),
        ("autre.example.org", 9999),
        ("seul.example.org", 80),
        ("inconnu.example.org", 80),
    ]
    for hostname, port in hosts:
        assert site_for_host(sites, hostname, port).pk == get_site_for_hostname(hostname, port).pk, (hostname, port)
