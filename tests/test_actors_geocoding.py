"""The editors' map picker and its "Géocoder l'adresse" action (BAN, answered here by stored responses)."""

import io
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from actors import geocoding
from actors.geocoding import UNAVAILABLE, GeocodingError, geocode
from actors.models import Actor, Commune

pytestmark = pytest.mark.django_db
RESPONSES = Path(__file__).parent / "data" / "ban"


class FakeService:
    """Stands for urlopen: answers a stored response (or raises) and remembers the URLs asked."""

    def __init__(self, answer):
        self.answer, self.urls = answer, []

    def __call__(self, request, timeout=None):
        self.urls.append(request.full_url)
        if isinstance(self.answer, Exception):
            raise self.answer
        body = self.answer if isinstance(self.answer, bytes) else (RESPONSES / self.answer).read_bytes()
        return io.BytesIO(body)


@pytest.fixture
def service(monkeypatch):
    def install(answer):
        fake = FakeService(answer)
        monkeypatch.setattr(geocoding, "urlopen", fake)
        return fake

    return install


@pytest.fixture
def langon(territories):
    return Commune.objects.get(insee_code="33227")


def test_an_address_is_found_within_its_commune(service, langon):
    fake = service("found.json")
    match = geocode("12 rue de la Gare", "33210", langon)
    assert (match.latitude, match.longitude) == (44.553542, -0.249861)
    assert match.label == "12 Rue de la Gare 33210 Langon"
    url = urlsplit(fake.urls[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://data.geopf.fr/geocodage/search"
    query = parse_qs(url.query)
    assert query["q"] == ["12 rue de la Gare 33210 Langon"]
    assert query["citycode"] == ["33227"] and query["limit"] == ["1"]


@pytest.mark.parametrize(
    "answer",
    [
        URLError("Temporary failure in name resolution"),
        TimeoutError("timed out"),
        HTTPError("https://data.geopf.fr/geocodage/search", 503, "Service Unavailable", {}, None),
        b"<html>Maintenance</html>",
        b'{"type": "FeatureCollection", "features": [{"geometry": null}]}',
    ],
)
def test_an_unreachable_or_broken_service_says_so_in_french(service, langon, answer):
    service(answer)
    with pytest.raises(GeocodingError) as error:
        geocode("12 rue de la Gare", "", langon)
    assert str(error.value) == UNAVAILABLE


def test_an_unknown_or_uncertain_address_is_not_used(service, langon):
    service("not_found.json")
    with pytest.raises(GeocodingError, match="Aucune adresse trouvée"):
        geocode("999 chemin introuvable", "", langon)
    service("low_score.json")
    with pytest.raises(GeocodingError, match="pas sûr"):
        geocode("zzz", "", langon)


def test_nothing_is_asked_without_a_street(service, langon):
    fake = service("found.json")
    with pytest.raises(GeocodingError, match="Indiquez d'abord l'adresse"):
        geocode("  ", "33210", langon)
    assert fake.urls == []


def test_the_admin_geocoder_answers_json_and_changes_nothing(admin_client_logged, service, langon):
    actor = Actor.objects.create(name="Atelier d'essai", short_description="x", commune=langon)
    service("found.json")
    url = reverse("actors_geocode")
    data = admin_client_logged.get(url, {"street": "12 rue de la Gare", "commune": langon.pk}).json()
    assert data["latitude"] == 44.553542 and data["longitude"] == -0.249861
    assert "Adresse trouvée : « 12 Rue de la Gare 33210 Langon »" in data["message"]
    service(URLError("offline"))
    data = admin_client_logged.get(url, {"street": "12 rue de la Gare", "commune": "nonsense"}).json()
    assert data == {"error": UNAVAILABLE}
    actor.refresh_from_db()
    assert actor.latitude is None and actor.longitude is None


def test_the_geocoder_is_for_editors_only(client, django_user_model, service):
    fake = service("found.json")
    url = reverse("actors_geocode")
    assert client.get(url, {"street": "x"}).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("lecteur", password="un-mot-de-passe-long")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(url, {"street": "x"})
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert fake.urls == []


def test_the_actor_form_has_the_map_picker_on_its_coordinates(admin_client_logged, territories):
    html = admin_client_logged.get(reverse("wagtailsnippets_actors_actor:add")).content.decode()
    assert "data-map-picker" in html
    assert 'data-latitude-input="id_latitude"' in html and 'data-longitude-input="id_longitude"' in html
    assert 'data-commune-input="id_commune"' in html
    assert f'data-geocode-url="{reverse("actors_geocode")}"' in html
    assert "Géocoder l&#x27;adresse" in html or "Géocoder l'adresse" in html
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/js/map-picker.js" in html


def test_the_listing_says_which_actors_are_on_the_map(admin_client_logged, territories):
    la_reole = Commune.objects.get(insee_code="33352")
    Actor.objects.create(name="Placée", short_description="x", commune=la_reole, latitude=44.58, longitude=-0.04)
    Actor.objects.create(name="À la mairie", short_description="x", commune=la_reole)
    Actor.objects.create(name="Sans commune", short_description="x")
    url = reverse("wagtailsnippets_actors_actor:list")
    html = admin_client_logged.get(url).content.decode()
    assert "Sur la carte" in html
    for label in ("à son adresse", "mairie de la commune", "non placé"):
        assert label in html
    html = admin_client_logged.get(url, {"located": "false"}).content.decode()
    assert "Sans commune" in html and "Placée" not in html and "À la mairie" not in html


def test_admin_pages_allow_the_tiles_in_their_policy(admin_client_logged):
    response = admin_client_logged.get(reverse("wagtailsnippets_actors_actor:add"))
    img_src = next(part for part in response["Content-Security-Policy"].split(";") if "img-src" in part)
    assert "https://data.geopf.fr" in img_src
