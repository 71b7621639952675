"""The visitor's address behind nginx: one bucket per visitor for the forms' rate limit and the login lockout."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from home.client_address import client_ip
from home.spam import is_rate_limited

NGINX = "127.0.0.1"  # gunicorn's peer: nginx, on the same machine


def through_nginx(visitor, **extra):
    """A request as nginx passes it on: its own address as the peer, the visitor's in X-Forwarded-For."""
    return RequestFactory().post("/contact/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=visitor, **extra)


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.PROXY_COUNT = 1
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("proxy_count", "forwarded_for", "expected"),
    [
        (1, "198.51.100.4", "198.51.100.4"),
        (1, "2001:db8::7", "2001:db8::7"),
        # A visitor's own header that a proxy appended to is longer than PROXY_COUNT: not trusted.
        (1, "203.0.113.66, 198.51.100.4", NGINX),
        (1, "pas une adresse", NGINX),
        (2, "198.51.100.4, 10.0.0.2", "198.51.100.4"),
        # Reached without a proxy (development): the header is the visitor's word, ignored.
        (0, "198.51.100.4", NGINX),
    ],
)
def test_the_client_address_is_the_one_the_proxy_wrote(settings, proxy_count, forwarded_for, expected):
    settings.PROXY_COUNT = proxy_count
    assert client_ip(through_nginx(forwarded_for)) == expected


def test_two_visitors_behind_nginx_get_two_rate_limit_buckets(settings):
    settings.FORM_RATE_LIMIT = "2/h"
    first, second = "198.51.100.4", "198.51.100.5"

    assert [is_rate_limited(through_nginx(first), "contact") for _ in range(3)] == [False, False, True]
    assert is_rate_limited(through_nginx(second), "contact") is False


@pytest.mark.django_db
def test_an_attacker_locked_out_does_not_lock_out_the_real_user_from_another_address(client, settings):
    settings.AXES_ENABLED = True
    get_user_model().objects.create_superuser("benevole", "benevole@example.org", "un-bon-mot-de-passe")
    login = reverse("wagtailadmin_login")
    attacker = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "benevole", "password": "faux"}, **attacker)
    assert client.post(login, {"username": "benevole", "password": "faux"}, **attacker).status_code == 429

    response = client.post(
        login,
        {"username": "benevole", "password": "un-bon-mot-de-passe"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
