"""Territories and actor records: the data every part of the directory relies on."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from actors.models import Actor, Commune, Epci, Pays, PaysCommune, Sector
from actors.territory_data import load_territories
from home.validators import validate_siret


@pytest.mark.parametrize("siret", ["73282932000074", "44306184100047", "35600000049837"])
def test_valid_siret_numbers_pass(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "code"),
    [
        ("73282932000075", "siret_checksum"),
        ("35600000000048", "siret_checksum"),  # La Poste's numbers follow their own rule
        ("7328293200007", "siret_format"),
        ("7328293200007A", "siret_format"),
    ],
)
def test_invalid_siret_numbers_are_rejected_with_their_reason(siret, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_siret(siret)
    assert excinfo.value.code == code


def test_load_territories_ships_every_commune_of_gironde(db):
    assert load_territories() == (28, 534)
    la_reole = Commune.objects.select_related("epci").get(insee_code="33352")
    assert la_reole.name == "La Réole"
    assert la_reole.postal_code_list == ["33190"]
    assert la_reole.epci.name == "CC du Réolais en Sud Gironde"
    assert Decimal("44.5") < la_reole.latitude < Decimal("44.7")
    assert not Commune.objects.filter(latitude__isnull=True).exists()
    # A second run updates in place.
    Commune.objects.filter(pk=la_reole.pk).update(name="Renamed")
    load_territories()
    assert Commune.objects.get(insee_code="33352").name == "La Réole"
    assert Commune.objects.count() == 534
    assert Epci.objects.count() == 28


def make_actor(**fields) -> Actor:
    fields.setdefault("short_description", "Une structure de test.")
    actor = Actor(**fields)
    actor.full_clean()
    actor.save()
    return actor


def test_identifiers_typed_with_spaces_are_stored_compact(territories):
    actor = Actor(name="Test", short_description="x", siret="732 829 320 00074", rna="w332001234")
    actor.full_clean()
    assert actor.siret == "73282932000074"
    assert actor.rna == "W332001234"
    assert actor.slug == "test"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"siret": "732 829 320 00075"}, "siret", "clé de contrôle"),
        ({"rna": "332001234"}, "rna", "W suivi de 9 chiffres"),
        ({"phone": "12 34"}, "phone", "numéro français"),
        ({"latitude": Decimal("-0.3"), "longitude": Decimal("44.6")}, "latitude", "inversé"),
        ({"latitude": Decimal("40.7"), "longitude": Decimal("-74.0")}, "latitude", "n'est pas en France"),
        ({"latitude": Decimal("44.6")}, "longitude", "ensemble"),
        ({"other_links": "https://example.org\nfacebook"}, "other_links", "« facebook »"),
    ],
)
def test_bad_values_get_a_precise_french_message(db, fields, field, message):
    actor = Actor(name="Test", short_description="x", **fields)
    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()
    assert message in " ".join(excinfo.value.message_dict[field])


def test_postal_code_must_belong_to_the_commune(territories):
    la_reole = Commune.objects.get(insee_code="33352")
    actor = Actor(name="Test", short_description="x", commune=la_reole, postal_code="33210")
    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()
    assert excinfo.value.message_dict["postal_code"] == ["Le code postal de La Réole est 33190, pas 33210."]


def test_position_defaults_to_the_town_hall(territories):
    langon = Commune.objects.get(insee_code="33227")
    actor = make_actor(name="Sans position", commune=langon)
    assert not actor.has_own_position
    assert actor.position == (langon.latitude, langon.longitude)
    assert actor.effective_postal_code == "33210"
    annotated = Actor.objects.with_position().get(pk=actor.pk)
    assert (annotated.lat, annotated.lon) == (langon.latitude, langon.longitude)
    own = make_actor(name="Avec position", commune=langon, latitude=Decimal("44.5"), longitude=Decimal("-0.25"))
    assert own.position == (Decimal("44.5"), Decimal("-0.25"))
    assert make_actor(name="Nulle part").position is None
    assert set(Actor.objects.located()) == {actor, own}


def test_only_published_actors_are_public(db):
    published = make_actor(name="Publié")
    draft = make_actor(name="Brouillon")
    draft.live = False
    draft.save()
    assert list(Actor.objects.published()) == [published]


def test_legal_family_filter_groups_cooperatives(db):
    scop = make_actor(name="Une SCOP", legal_form="scop")
    cae = make_actor(name="Une CAE", legal_form="cae")
    make_actor(name="Une association", legal_form="association")
    assert set(Actor.objects.of_legal_family("cooperative-toutes")) == {scop, cae}
    assert list(Actor.objects.of_legal_family("scop")) == [scop]


def test_territory_matches_actors_based_in_it_or_serving_it(territories):
    reolais = Epci.objects.get(siren="200044394")
    sud_gironde = Epci.objects.get(siren="200043974")
    la_reole = Commune.objects.get(insee_code="33352")
    langon = Commune.objects.get(insee_code="33227")
    bazas = Commune.objects.get(insee_code="33036")
    pays = Pays.objects.create(name="Pays de test", slug="pays-de-test")
    pays.epcis.add(reolais)
    pays.save()  # parental relations are written on save
    PaysCommune.objects.create(pays=pays, commune=bazas)

    based_in_la_reole = make_actor(name="A", commune=la_reole)
    based_in_langon = make_actor(name="B", commune=langon)
    serving_reolais = make_actor(name="C", commune=langon)
    serving_reolais.areas_served_epcis.add(reolais)
    serving_reolais.save()
    serving_pays = make_actor(name="D")
    serving_pays.areas_served_pays.add(pays)
    serving_pays.save()
    based_in_bazas = make_actor(name="E", commune=bazas)

    assert set(Actor.objects.in_territory("commune", "33352")) == {based_in_la_reole, serving_reolais, serving_pays}
    assert set(Actor.objects.in_territory("epci", reolais.siren)) == {based_in_la_reole, serving_reolais, serving_pays}
    assert set(Actor.objects.in_territory("epci", sud_gironde.siren)) == {based_in_langon, serving_reolais}
    assert set(Actor.objects.in_territory("pays", pays.slug)) == {
        based_in_la_reole,
        serving_reolais,
        serving_pays,
        based_in_bazas,
    }
    assert set(Actor.objects.in_territory("commune", "33036")) == {based_in_bazas, serving_pays}
    assert not Actor.objects.in_territory("region", "75").exists()
    assert set(pays.communes) == set(reolais.communes.all()) | {bazas}


def test_search_text_ignores_accents_and_case(territories):
    actor = make_actor(name="Atelier Vélo", commune=Commune.objects.get(insee_code="33352"))
    assert "atelier velo" in actor.search_text
    assert "la reole" in actor.search_text


def test_sectors_are_an_editable_list(db):
    mobility = Sector.objects.create(name="Mobilité", slug="mobilite")
    actor = make_actor(name="Garage solidaire")
    actor.sectors.add(mobility)
    actor.save()
    assert list(mobility.actors.all()) == [actor]


def test_demo_loads_the_six_founding_actors_once(demo_content):
    founders = Actor.objects.published().filter(is_founding_member=True)
    assert founders.count() == 6
    co_actions = founders.get(slug="co-actions")
    assert co_actions.legal_form == "cae"
    assert co_actions.commune.name == "Captieux"  # sourced in actors/data/README.md
    assert co_actions.latitude is None and co_actions.position is not None  # at its town hall (approximate)
    assert Pays.objects.count() == 3
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Actor.objects.count() == 6
    assert co_actions.revisions.count() == 1
