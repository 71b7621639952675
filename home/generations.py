"""Generations: a number in the shared cache that names the current state of some content. What is kept for that
content (pages, fragments, the map's GeoJSON, calendars) is kept under it, and a change of the content starts a new
one: old entries are never read again, on every server at once.

A change starts a new generation twice: at once, so that the rest of the request (and a test's transaction) sees
it, and again when its transaction commits. Between the two, a concurrent request may have read the new generation
but the data of before (not committed yet) and kept that under it: the second one forgets it.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


def first_generation() -> int:
    """A random number to start from when the cache holds none (emptied, restarted): never one that was in use before,
    which what each process memorises under a generation (home/kept.py) would take for its own."""
    return secrets.randbelow(2**62)


def bump(key: str) -> None:
    if not cache.add(key, first_generation(), timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, first_generation(), timeout=None)


# Key -> the list of the transaction's commit callbacks its second bump was added to: one per transaction, however
# many changes it holds (an import of 20,000 rows). Django replaces that list at every commit and rollback (of a
# savepoint too, which may have dropped the bump): a list that is not the connection's any more asks for a new one.
_bump_added_to: dict[str, list] = {}


def start_new_generation(key: str) -> None:
    """A new generation under `key` now, and another once the current transaction commits."""
    bump(key)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # autocommit: the change is already committed
    if _bump_added_to.get(key) is not connection.run_on_commit:
        transaction.on_commit(lambda: bump(key), robust=True)  # a cache down must not fail what was saved
        _bump_added_to[key] = connection.run_on_commit
