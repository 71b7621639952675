"""Images must carry an alternative text, or be marked decorative."""

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
