"""Keep the database password off command lines, where every local user can read it (`ps`).

    python3 scripts/pg_passfile.py PASSFILE   (DATABASE_URL in the environment)

writes the password of DATABASE_URL into PASSFILE (mode 600, libpq's format, for PGPASSFILE) and prints the
same URL without it, for pg_dump and pg_restore.
"""

import os
import sys
from urllib.parse import unquote, urlsplit, urlunsplit


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


url = urlsplit(os.environ["DATABASE_URL"])
netloc = url.netloc.rpartition("@")
credentials, host = (netloc[0], netloc[2]) if netloc[1] else ("", netloc[2])
user, _, password = credentials.partition(":")
descriptor = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(descriptor, "w") as passfile:
    if password:
        passfile.write(f"*:*:*:*:{escape(unquote(password))}\n")
print(urlunsplit(url._replace(netloc=f"{user}@{host}" if user else host)))
