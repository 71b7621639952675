"""Images must carry an alternative text, or be marked decorative."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file

Image = get_image_model()


def _form(**data):
    ImageForm = get_image_form(Image)
    upload = get_test_image_file()
    files = {"file": SimpleUploadedFile("photo.png", upload.file.getvalue(), content_type="image/png")}
    return ImageForm(data={"title": "Atelier", **data}, files=files)


@pytest.mark.django_db
def test_an_image_without_alt_text_is_refused_with_a_french_message():
    form = _form(alt_text="")
    assert not form.is_valid()
    assert "Décrivez l'image" in form.errors["alt_text"][0]


@pytest.mark.django_db
def test_an_image_with_alt_text_is_accepted():
    form = _form(alt_text="Atelier vélo du chantier d'insertion")
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.default_alt_text == "Atelier vélo du chantier d'insertion"


@pytest.mark.django_db
def test_a_decorative_image_needs_no_alt_text_and_renders_empty_alt():
    form = _form(alt_text="", is_decorative="on")
    assert form.is_valid(), form.errors
    assert form.save().default_alt_text == ""


def test_the_site_uses_its_own_image_model():
    assert Image._meta.label == "home.CustomImage"


def _saved_image(**fields):
    return Image.objects.create(title="Atelier", file=get_test_image_file(), **fields)


@pytest.mark.django_db
def test_the_image_block_offers_avif_and_webp_with_a_jpeg_fallback_and_the_alt_text():
    from home.blocks import ImageBlock

    image = _saved_image(alt_text="Atelier vélo du chantier d'insertion")
    block = ImageBlock()
    html = block.render(block.to_python({"image": image.pk, "caption": "", "credit": ""}))
    assert "<picture>" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    img = html.split("<img")[1]
    assert ".jpg" in img and 'alt="Atelier vélo du chantier d&#x27;insertion"' in img
    assert 'loading="lazy"' in img and "srcset=" in img


@pytest.mark.django_db
def test_a_too_heavy_upload_is_refused_with_advice_in_french(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    form = _form(alt_text="Atelier")
    assert not form.is_valid()
    assert "trop lourd" in form.errors["file"][0] and "Réduisez" in form.errors["file"][0]


@pytest.mark.django_db
def test_an_image_with_too_many_pixels_is_refused_with_advice_in_french(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    form = _form(alt_text="Atelier")
    assert not form.is_valid()
    assert "trop grande" in form.errors["file"][0]


@pytest.mark.django_db
def test_the_choosers_upload_tab_also_requires_an_alt_text(admin_client_logged):
    from django.urls import reverse

    chooser = admin_client_logged.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "image-chooser-upload-alt_text" in chooser
    upload = get_test_image_file()
    response = admin_client_logged.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Atelier",
            "image-chooser-upload-alt_text": "",
            "image-chooser-upload-file": SimpleUploadedFile("photo.png", upload.file.getvalue(), "image/png"),
        },
    )
    assert "Décrivez l" in response.json()["htmlFragment"]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_cropped_renditions_keep_the_focal_point_in_frame():
    image = _saved_image(alt_text="Atelier")  # 640 × 480
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 600, 240, 40, 40
    image.save()
    rendition = image.get_rendition("fill-100x100")
    assert rendition.focal_point_key
    # The square crop of a landscape image moves to the right, where the focal point is.
    centred = Image.objects.create(title="Atelier", file=get_test_image_file(), alt_text="Atelier")
    assert rendition.file.name != centred.get_rendition("fill-100x100").file.name


def test_the_chooser_shows_each_images_alternative_text(admin_client_logged):
    from django.urls import reverse

    Image.objects.create(title="Atelier", file=get_test_image_file(), alt_text="Réparation d'un vélo à l'atelier")
    Image.objects.create(title="Motif", file=get_test_image_file(), is_decorative=True)
    Image.objects.create(title="Ancienne photo", file=get_test_image_file())
    html = admin_client_logged.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "Texte alternatif : « Réparation d&#x27;un vélo à l&#x27;atelier »" in html
    assert "Image décorative (ignorée par les lecteurs d'écran)" in html
    assert "<strong>Sans texte alternatif</strong>" in html


@pytest.mark.django_db
def test_profiles_and_news_serve_avif_and_webp_with_a_fallback(client, project_site):
    from actors.demo import ensure_index_page
    from actors.models import Actor
    from news.models import NewsPage

    ensure_index_page()
    logo = Image.objects.create(title="Logo", file=get_test_image_file(), alt_text="Logo de la Ressourcerie")
    actor = Actor.objects.create(name="Ressourcerie", slug="ressourcerie", short_description="Réemploi.", logo=logo)
    actor.save_revision().publish()
    news = NewsPage.objects.live().first()
    news.image = Image.objects.create(title="Atelier", file=get_test_image_file(), alt_text="L'atelier vélo")
    news.save_revision().publish()

    for url, alt in ((f"/acteurs/{actor.slug}/", "Logo de la Ressourcerie"), (news.url, "L&#x27;atelier vélo")):
        html = client.get(url).content.decode()
        picture = html.split("<picture>")[1].split("</picture>")[0]
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture, url
        assert f'alt="{alt}"' in picture, url


def _png_header_only(width, height) -> bytes:
    """A PNG that announces width × height pixels and holds none: what a decompression bomb looks like at first."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def _truncated_png() -> bytes:
    data = get_test_image_file().file.getvalue()
    return data[: len(data) // 2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_png_header_only(20000, 10000), "trop grande"),
        (_truncated_png(), "abîmé"),
    ],
    ids=["decompression-bomb", "truncated"],
)
def test_a_hostile_or_broken_upload_is_refused_in_french(admin_client_logged, content, message):
    from django.urls import reverse

    for url, prefix in (
        (reverse("wagtailimages:add"), ""),
        (reverse("wagtailimages_chooser:create"), "image-chooser-upload-"),
    ):
        response = admin_client_logged.post(
            url,
            {
                f"{prefix}title": "Piège",
                f"{prefix}alt_text": "Une image",
                f"{prefix}file": SimpleUploadedFile("piege.png", content, "image/png"),
            },
        )
        assert response.status_code == 200, url
        body = response.json()["htmlFragment"] if prefix else response.content.decode()
        assert message in body, url
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("add_url", "prefix", "html_of"),
    [
        ("wagtailimages:add", "", lambda response: response.content.decode()),
        ("wagtailimages_chooser:create", "image-chooser-upload-", lambda response: response.json()["htmlFragment"]),
    ],
)
def test_an_upload_refused_for_its_alt_text_keeps_the_chosen_file(admin_client_logged, add_url, prefix, html_of):
    """The volunteer types the alternative text and sends again, without choosing the file a second time."""
    import re

    from django.urls import reverse

    url = reverse(add_url)
    upload = get_test_image_file()
    first = admin_client_logged.post(
        url,
        {
            f"{prefix}title": "Atelier",
            f"{prefix}alt_text": "",
            f"{prefix}file": SimpleUploadedFile("atelier.png", upload.file.getvalue(), "image/png"),
        },
    )
    html = html_of(first)
    assert "Décrivez l" in html and "Fichier reçu : « atelier.png »" in html
    token = re.search(rf'name="{prefix}pending_file" value="([^"]+)"', html).group(1)

    second = admin_client_logged.post(
        url, {f"{prefix}title": "Atelier", f"{prefix}alt_text": "Un atelier vélo", f"{prefix}pending_file": token}
    )

    assert second.status_code in (200, 302)
    image = Image.objects.get()
    assert image.alt_text == "Un atelier vélo" and image.width == upload.width
    with image.file.open("rb") as saved:
        assert saved.read() == upload.file.getvalue()


@pytest.mark.django_db
def test_a_pending_file_is_not_given_to_someone_else(client, admin_client_logged, django_user_model):
    import re

    from django.urls import reverse

    upload = get_test_image_file()
    html = admin_client_logged.post(
        reverse("wagtailimages:add"),
        {"title": "Atelier", "alt_text": "", "file": SimpleUploadedFile("atelier.png", upload.file.getvalue())},
    ).content.decode()
    token = re.search(r'name="pending_file" value="([^"]+)"', html).group(1)
    other = django_user_model.objects.create_superuser("autre", "autre@example.org", "changeme")
    client.force_login(other)

    response = client.post(
        reverse("wagtailimages:add"), {"title": "Atelier", "alt_text": "Vélo", "pending_file": token}
    )

    assert response.status_code == 200 and not Image.objects.exists()
