"""Cards are links: each card of a listing or of the home page is one link (its title's, stretched over the card),
and the home page's founders and Pays lead to their profile and to the directory filtered on the Pays."""

import re

import pytest
from bs4 import BeautifulSoup

from actors.demo import link_home_cards
from actors.models import Actor, Pays

LISTINGS = ["/", "/acteurs/", "/actualites/", "/mois-de-l-ess/", "/mutualisation/"]


def cards(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".card-grid > .card")


def card_links(client):
    """Card title -> the card's link, on the home page."""
    return {card.select_one(".card__title").get_text(strip=True): card.a["href"] for card in cards(client, "/")}


@pytest.mark.django_db
def test_every_card_of_every_listing_is_one_link(client, public_site):
    for path in LISTINGS:
        found = cards(client, path)
        assert found, f"no card on {path}"
        for card in found:
            links = card.find_all("a")
            assert len(links) == 1, f"{path}: {len(links)} links in the card {card.get_text(' ', strip=True)[:60]}"
            assert "card--link" in card["class"] and links[0].find_parent(class_="card__title") is not None


@pytest.mark.django_db
def test_home_founders_and_pays_lead_to_their_profile_and_the_filtered_directory(client, home_page):
    links = card_links(client)
    founders = Actor.objects.filter(is_founding_member=True)
    assert founders.exists()
    for founder in founders:
        assert links[founder.name] == f"/acteurs/{founder.slug}/"
        assert client.get(links[founder.name]).status_code == 200
    for pays in Pays.objects.all():
        url = links[pays.name]
        assert re.fullmatch(r"/acteurs/\?territoire=pays-[\w-]+", url)
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.select_one("#id_territoire option[selected]")["value"] == url.split("=", 1)[1]


@pytest.mark.django_db
def test_a_card_an_editor_linked_keeps_its_link(client, home_page):
    for block in home_page.body:
        for card in block.value.get("cards", []) if block.block_type == "cards" else []:
            if card["title"] == "Trajectoire":
                card["link"]["url"] = "https://example.org/trajectoire"
    home_page.save_revision().publish()
    assert link_home_cards() == 0
    assert card_links(client)["Trajectoire"] == "https://example.org/trajectoire"
