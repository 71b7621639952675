"""The visitor's address, as the reverse proxy (nginx) saw it: the one key of the login lockout and the rate limits.

gunicorn listens on the loopback only, so REMOTE_ADDR is always nginx's. nginx replaces any X-Forwarded-For
the visitor sent with the address it saw (behind a load balancer, its realip module first takes the
visitor's address from the balancer; see deploy/nginx/site-ess.conf). PROXY_COUNT says how many addresses
the proxies write into X-Forwarded-For: 1 with the shipped nginx configuration, in the one-server and the
several-servers set-ups alike; 0 when Django is reached directly (development), so that the header is ignored.
A header longer than PROXY_COUNT was not written by our proxies alone: it is not trusted.
"""

from django.conf import settings
from ipware.ip import get_client_ip


def client_ip(request) -> str:
    """The visitor's address (a string), or the connecting peer's when no trusted proxy names it."""
    address = None
    if settings.PROXY_COUNT > 0:
        # django-ipware counts the proxies beyond the first: X-Forwarded-For holds PROXY_COUNT addresses.
        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=settings.PROXY_COUNT - 1,
            strict=True,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
        )
    return address or request.META.get("REMOTE_ADDR", "")
