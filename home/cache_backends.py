"""Redis as Django's cache, failing soft: while Redis is down, every read misses and every write is skipped.

The cache only speeds the site up (pages, the map's GeoJSON, calendars, session reads), so an unreachable
Redis must give uncached pages, not 500s. The health check (/sante/) still says the cache is down, since
what it writes cannot be read back. Short socket timeouts keep a hanging Redis from holding a worker.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What each operation of Django's Redis client answers when Redis cannot: a miss, or "nothing written".
FALLBACKS = {
    "add": lambda key, value, timeout: False,
    "get": lambda key, default: default,
    "set": lambda key, value, timeout: None,
    "touch": lambda key, timeout: False,
    "delete": lambda key: False,
    "get_many": lambda keys: {},
    "has_key": lambda key: False,
    "incr": lambda key, delta: delta,
    "set_many": lambda data, timeout: list(data),
    "delete_many": lambda keys: None,
    "clear": lambda: False,
}


def fail_soft(name, fallback):
    method = getattr(RedisCacheClient, name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable (%s), served without it: %s", name, error)
            return fallback(*args, **kwargs)

    return wrapper


class FailSoftRedisCacheClient(RedisCacheClient):
    """Django's Redis client, each operation of which falls back as FALLBACKS says when Redis cannot answer.

    Its `redis.Redis` objects are made once per connection pool and reused: Django makes a new one for every
    operation, a tenth of a millisecond of processor time each, and a page asks the cache several times."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


for _name, _fallback in FALLBACKS.items():
    setattr(FailSoftRedisCacheClient, _name, fail_soft(_name, _fallback))


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
