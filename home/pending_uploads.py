"""A file sent with a form that was refused for another reason waits in storage, so that the person does not
choose it again: the form carries a signed token that names it (a browser cannot refill a file input).

The token is signed for the person who sent the file and expires after a day; the file is taken out of storage
as soon as the form comes back with it.
"""

import posixpath
import uuid

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

FOLDER = "envois-en-attente"
MAX_AGE = 24 * 3600
SALT = "home.pending_uploads"


def stash(upload, user_id) -> str:
    """Stores the uploaded file and returns the token that brings it back."""
    upload.seek(0)
    name = posixpath.basename(upload.name) or "fichier"
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", upload)
    upload.seek(0)
    return signing.dumps(
        {"path": path, "user": user_id, "content_type": getattr(upload, "content_type", "")}, salt=SALT
    )


def take(token: str, user_id) -> SimpleUploadedFile | None:
    """The file a token names, as a fresh upload, out of storage; None for a forged, stale or foreign token."""
    try:
        pending = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    path = pending.get("path", "")
    if pending.get("user") != user_id or not path.startswith(f"{FOLDER}/") or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    default_storage.delete(path)
    return SimpleUploadedFile(posixpath.basename(path), content, content_type=pending.get("content_type") or None)
