"""The health check at /sante/ for load balancers and monitoring: the database and the cache.

It is answered by a middleware placed first, before the HTTPS redirect and the host check, so that a
load balancer can call it over plain HTTP by the server's address.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def database_is_up():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_is_up():
    cache.set("health-check", "ok", timeout=10)
    return cache.get("health-check") == "ok"


CHECKS = {"database": database_is_up, "cache": cache_is_up}


def run_check(name, check):
    try:
        return check()
    except Exception:  # any failure, whatever the backend raises, means "down"
        logger.exception("Health check %s failed", name)
        return False


@never_cache
def health(request):
    """200 when every service answers, 503 otherwise, with each one's state in JSON."""
    results = {name: "ok" if run_check(name, check) else "erreur" for name, check in CHECKS.items()}
    healthy = all(state == "ok" for state in results.values())
    return JsonResponse({"statut": "ok" if healthy else "erreur", **results}, status=200 if healthy else 503)


class HealthCheckMiddleware:
    path = "/sante/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == self.path:
            return health(request)
        return self.get_response(request)
