"""Keeps personal links out of the logs: the token of a « Vérifiez votre fiche » link is replaced by « [jeton] ».

The e-mail's link (`/verifier-ma-fiche/<token>/`) redirects at once to an address without the token
(actors/record_check_views.py), so only the request line of that first request carries it. Three logs could keep
it: nginx's access log (its own `log_format`, deploy/nginx/site-ess.conf, masks it the same way), gunicorn's access
log (`RedactingGunicornLogger`, named in gunicorn.conf.py) and Django's own log lines (the development server's
request lines, a warning naming an address): `RedactSecretLinks` on the console handler (settings LOGGING).
Plain Python with no Django import: gunicorn's master reads it before Django starts.
"""

import logging
import re

# The token is the path segment after the prefix; the token-free pages of the same prefix are kept as they are.
SECRET_LINK = re.compile(r"(/verifier-ma-fiche/)(?!demande/|lien-refuse/)[^/?#\s\"']+")
MASK = r"\1[jeton]"


def redact(text: str) -> str:
    return SECRET_LINK.sub(MASK, text) if isinstance(text, str) else text


class RedactSecretLinks(logging.Filter):
    """A handler filter: the message, once formatted, with every token masked."""

    def filter(self, record):
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def redacting_gunicorn_logger():
    """gunicorn's logger class, its access log lines masked (imported lazily: only gunicorn has gunicorn)."""
    from gunicorn.glogging import Logger

    class RedactingGunicornLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            return {key: redact(value) for key, value in super().atoms(resp, req, environ, request_time).items()}

    return RedactingGunicornLogger
