"""The SQL queries each page costs when the page cache is empty, for `make bench` (scripts/bench.py).

Run with the bench's environment (production settings, its database and its Redis) and the addresses to count:
`python scripts/bench_queries.py /acteurs/ /carte/ …`; prints {address: number of queries} as JSON.

Each address is asked for once to warm the process (what a running worker already holds: the site, the content
types, the tile origin of the security policy), then the cache is emptied and the address asked for again under
Django's CaptureQueriesContext, through the whole middleware stack, its streamed body read to the end.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_ess.settings.production")


def count_queries(client, path) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"accept-encoding": "gzip"})
        if response.streaming:
            for _ in response.streaming_content:  # a streamed export runs its queries while it is read
                pass
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(queries)


def main(paths):
    import django

    django.setup()
    from django.test import Client

    # The production settings' host (ALLOWED_HOSTS), over plain HTTP as the bench serves it.
    client = Client(headers={"host": "127.0.0.1"})
    print(json.dumps({path: count_queries(client, path) for path in paths}))


if __name__ == "__main__":
    main(sys.argv[1:])
