"""Schema.org data of an actor, for search engines and re-users (rendered with `{% json_ld %}`)."""

from .choices import LegalForm


def actor_json_ld(actor, profile_url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NGO" if actor.legal_form == LegalForm.ASSOCIATION else "Organization",
        "@id": f"{profile_url}#organisation",
        "name": actor.name,
        "description": actor.short_description,
        "url": actor.website or profile_url,
        "mainEntityOfPage": profile_url,
    }
    same_as = [link for link in [actor.website, *actor.other_link_list] if link and link != data["url"]]
    if same_as:
        data["sameAs"] = same_as
    if actor.commune:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": actor.street_address or None,
            "postalCode": actor.effective_postal_code or None,
            "addressLocality": actor.commune.name,
            "addressCountry": "FR",
        }
        data["address"] = {key: value for key, value in data["address"].items() if value}
    if actor.position:
        latitude, longitude = actor.position
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}
    areas = [{"@type": "AdministrativeArea", "name": area.name} for area in actor.areas_served]
    if areas:
        data["areaServed"] = areas
    if actor.email:
        data["email"] = actor.email
    if actor.phone:
        data["telephone"] = actor.phone
    identifiers = [("SIRET", actor.siret), ("RNA", actor.rna)]
    identifiers = [{"@type": "PropertyValue", "propertyID": key, "value": value} for key, value in identifiers if value]
    if identifiers:
        data["identifier"] = identifiers
    return data
