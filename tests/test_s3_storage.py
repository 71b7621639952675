"""Media on an S3-compatible store: a real S3 server (moto's) on loopback, driven through django-storages."""

import io
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from site_ess.settings.base import s3_storage_options

Image = get_image_model()
BUCKET = "club-ess-media"
CREDENTIALS = {"access_key": "test-access-key", "secret_key": "test-secret-key"}
START_TIMEOUT_SECONDS = 30
BUCKET_POLICY = Path(__file__).resolve().parent.parent / "deploy" / "s3-bucket-policy.json"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port, process):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The S3 server stopped at start-up (exit code {process.returncode}).")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The S3 server did not listen within {START_TIMEOUT_SECONDS} s.")


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's standalone S3 server on a free loopback port, stopped whatever happens."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def s3_media(s3_endpoint, settings):
    """The default storage is the S3 bucket, configured as production configures it."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=BUCKET_POLICY.read_text().replace("BUCKET_NAME", BUCKET))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**production_s3_options(s3_endpoint), **CREDENTIALS, "addressing_style": "path"},
        },
    }
    return client


def production_s3_options(endpoint):
    """The options production derives from its environment, for this bucket and endpoint."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
        patch.setenv("AWS_S3_ENDPOINT_URL", endpoint)
        patch.setenv("AWS_S3_REGION_NAME", "us-east-1")
        return s3_storage_options()


def png_bytes(size=(64, 48)):
    return get_test_image_file(size=size).file.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/png")


def object_exists(client, key):
    try:
        client.head_object(Bucket=BUCKET, Key=key)
    except ClientError:
        return False
    return True


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (loopback URL built by the test)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_is_stored_rendered_and_served_by_the_s3_store(s3_media, admin_client):
    original_bytes = png_bytes(size=(640, 480))

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Atelier vélo",
            "alt_text": "Atelier de réparation de vélos",
            "file": upload("atelier.png", original_bytes),
        },
    )

    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get(title="Atelier vélo")
    assert (image.width, image.height) == (640, 480)
    assert object_exists(s3_media, image.file.name)

    rendition = image.get_rendition("fill-120x90")
    assert object_exists(s3_media, rendition.file.name)

    status, body = fetch(image.file.url)
    assert status == 200
    assert body == original_bytes
    status, body = fetch(rendition.url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (120, 90)


@pytest.mark.django_db
def test_a_second_upload_with_the_same_name_never_overwrites_the_first(s3_media, admin_client):
    for title in ("Première", "Seconde"):
        admin_client.post(
            reverse("wagtailimages:add"),
            {"title": title, "alt_text": title, "file": upload("meme-nom.png", png_bytes())},
        )

    names = set(Image.objects.values_list("file", flat=True))
    assert len(names) == 2
    assert all(object_exists(s3_media, name) for name in names)


@pytest.mark.django_db
def test_documents_are_not_readable_straight_from_the_store(s3_media, s3_endpoint):
    s3_media.put_object(Bucket=BUCKET, Key="documents/compte-rendu.pdf", Body=b"%PDF-1.4")

    status, _ = fetch(f"{s3_endpoint}/{BUCKET}/documents/compte-rendu.pdf")

    assert status == 403
