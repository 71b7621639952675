"""Security headers, refusals that end in French 4xx pages, login brute-force protection."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path, reverse
from wagtail.images.tests.utils import get_test_image_file

from home import maps
from home.models import MapSettings
from home.security import framable, map_tile_origin


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@framable
def embeddable_view(request):
    return HttpResponse("carte")


def plain_view(request):
    return HttpResponse("page")


urlpatterns = [path("embed/", embeddable_view), path("plain/", plain_view), path("", include("site_ess.urls"))]


@pytest.fixture
def error_templates(settings, tmp_path):
    """400 and 403 pages, after the project's own ones (which win once they exist)."""
    for status in (400, 403):
        (tmp_path / f"{status}.html").write_text(f"Erreur {status} : {{{{ exception }}}}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]


@pytest.mark.django_db
def test_public_pages_get_a_strict_policy_and_the_security_headers(client, home_page, settings):
    settings.MAP_TILE_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"

    response = client.get(home_page.url)

    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "https://tuiles.example.org"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy_framed_by_itself_only(admin_client, home_page):
    admin = directives(admin_client.get(reverse("wagtailadmin_home")))
    public = directives(admin_client.get(home_page.url))

    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["object-src"] == ["'none'"]
    assert public["script-src"] == ["'self'"]


@pytest.mark.django_db  # the policy reads the admin's map settings (cached) for the tile server
@override_settings(ROOT_URLCONF=__name__)
def test_a_framable_view_may_be_embedded_by_any_site_and_others_may_not(client):
    embedded = client.get("/embed/")
    plain = client.get("/plain/")

    assert "X-Frame-Options" not in embedded
    assert directives(embedded)["frame-ancestors"] == ["*"]
    assert plain["X-Frame-Options"] == "DENY"
    assert directives(plain)["frame-ancestors"] == ["'none'"]


def test_cookies_are_http_only_and_same_site(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"


@pytest.mark.django_db
def test_a_post_without_csrf_token_gets_the_french_403_page(error_templates):
    response = Client(enforce_csrf_checks=True).post(reverse("wagtailadmin_login"), {"username": "x"})

    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    assert "Le formulaire a expiré" in response.content.decode()


@pytest.mark.django_db
def test_a_forged_host_gets_a_400(client, home_page, error_templates):
    response = client.get(home_page.url, HTTP_HOST="attaquant.example.com")

    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]


@pytest.mark.django_db
def test_an_oversized_form_gets_a_400(client, error_templates, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("wagtailadmin_login"), {"username": "x" * 2000})

    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]


@pytest.mark.django_db
def test_a_malformed_multipart_request_gets_a_400(client, error_templates):
    response = client.post(reverse("wagtailadmin_login"), data=b"--nope", content_type="multipart/form-data; boundary=")

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 100, "taille"),
        ("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 100, "pixels"),
        ("WAGTAILIMAGES_EXTENSIONS", ["jpg"], "format"),
    ],
)
def test_images_beyond_the_limits_are_refused_with_a_french_message(admin_client, settings, setting, value, message):
    setattr(settings, setting, value)
    image = SimpleUploadedFile("grande.png", get_test_image_file(size=(200, 200)).file.getvalue(), "image/png")

    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Grande", "alt_text": "x", "file": image})

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"]).lower()


@pytest.mark.django_db
def test_documents_of_other_types_or_too_large_are_refused_with_a_french_message(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    add = reverse("wagtaildocs:add")

    script = admin_client.post(add, {"title": "Script", "file": SimpleUploadedFile("virus.exe", b"MZ")})
    large = admin_client.post(add, {"title": "Gros", "file": SimpleUploadedFile("rapport.pdf", b"%PDF" * 10)})

    assert "extension" in str(script.context["form"].errors["file"]).lower()
    assert "taille" in str(large.context["form"].errors["file"]).lower()


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out_with_a_french_page(client, settings, home_page):
    settings.AXES_ENABLED = True
    get_user_model().objects.create_superuser("benevole", "benevole@example.org", "un-bon-mot-de-passe")
    login = reverse("wagtailadmin_login")

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "benevole", "password": "faux"})
    locked = client.post(login, {"username": "benevole", "password": "un-bon-mot-de-passe"})

    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_is_not_hindered(client, settings):
    settings.AXES_ENABLED = True
    get_user_model().objects.create_superuser("benevole", "benevole@example.org", "un-bon-mot-de-passe")

    response = client.post(reverse("wagtailadmin_login"), {"username": "benevole", "password": "un-bon-mot-de-passe"})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_short_or_common_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("trop-court", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("une phrase de passe longue")


def _preview(client, edit_path, preview_path, form_id):
    """The preview panel's two requests: the edit form's data sent, then the rendered preview."""
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(client.get(edit_path).content.decode(), form_id=form_id)
    assert client.post(preview_path, data=data).json() == {"is_valid": True, "is_available": True}
    return client.get(preview_path)


@pytest.mark.django_db
def test_previews_may_be_framed_by_the_admin_only(admin_client, home_page):
    from actors.models import Actor
    from news.models import MoisEssIndexPage

    actor = Actor.objects.first()
    page = MoisEssIndexPage.objects.get()
    page_preview = _preview(
        admin_client,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "page-edit-form",
    )
    actor_preview = _preview(
        admin_client,
        reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk]),
        reverse("wagtailsnippets_actors_actor:preview_on_edit", args=[actor.pk]),
        None,
    )

    for preview in (page_preview, actor_preview):
        assert preview.status_code == 200
        assert directives(preview)["frame-ancestors"] == ["'self'"]
        assert directives(preview)["script-src"] == ["'self'"]
        assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(admin_client.get(home_page.url))["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_policy_reads_the_tile_server_once_per_process_and_never_for_a_static_file(
    client, home_page, rf, monkeypatch
):
    """Each response named the tile server after a trip to the cache: now the process remembers it, and a static
    file (which shows no map) never asks; saving the map settings refreshes it at once."""
    reads = []
    real = maps.tile_origin
    monkeypatch.setattr(maps, "tile_origin", lambda: reads.append(1) or real())
    assert map_tile_origin(rf.get("/static/css/site.css")) is None
    assert reads == []
    for _ in range(3):
        client.get(home_page.url)
    assert len(reads) == 1
    map_settings = MapSettings.load()
    map_settings.tile_url = "https://autres.example.org/{z}/{x}/{y}.png"
    map_settings.save()
    assert directives(client.get(home_page.url))["img-src"][-1] == "https://autres.example.org"
    assert len(reads) == 2


@pytest.mark.django_db
def test_a_tile_server_saved_in_another_process_reaches_this_one_once_its_memory_expires(monkeypatch):
    """Another process's save empties the shared cache but not this process's memory, which expires."""
    monkeypatch.setattr(maps, "MEMO_SECONDS", 30)
    MapSettings.load()
    first = maps.csp_tile_origin()
    MapSettings.objects.update(tile_url="https://autres.example.org/{z}/{x}/{y}.png")  # no signal: elsewhere
    maps.cache.delete(maps.CACHE_KEY)
    assert maps.csp_tile_origin() == first != "https://autres.example.org"
    read_at, origin = maps._memo
    monkeypatch.setattr(maps, "_memo", (read_at - 31, origin))
    assert maps.csp_tile_origin() == "https://autres.example.org"
