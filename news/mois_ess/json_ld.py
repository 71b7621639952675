"""Schema.org `Event` data of an event page, for search engines and agendas (rendered with `{% json_ld %}`)."""

from .choices import SCHEMA_ATTENDANCE_MODES, SCHEMA_EVENT_STATUSES


def event_date_value(event, which: str) -> str:
    """ISO 8601: a date and time with its offset ("2026-11-14T14:00:00+01:00"), or a date for all-day events."""
    moment = event.starts_at if which == "start" else event.ends_at
    if moment is not None:
        return moment.isoformat()
    if which == "start":
        return event.start_date.isoformat()
    return event.last_date.isoformat() if event.is_all_day else ""


def place(event) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": event.street_address,
        "postalCode": event.effective_postal_code,
        "addressLocality": event.commune.name if event.commune else "",
        "addressCountry": "FR",
    }
    data = {
        "@type": "Place",
        "name": event.venue_name or (event.commune.name if event.commune else "Lieu non précisé"),
        "address": {key: value for key, value in address.items() if value},
    }
    if event.has_position:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return data


def offers(event) -> dict | None:
    if not event.is_free and event.price is None:
        return None
    data = {"@type": "Offer", "price": "0" if event.is_free else f"{event.price:.2f}", "priceCurrency": "EUR"}
    if event.registration_url:
        data["url"] = event.registration_url
    if event.price_details:
        data["description"] = event.price_details
    return data


def event_json_ld(event, page_url: str, organisers, image_url: str = "") -> dict:
    """`organisers` is a list of (actor, profile URL)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{page_url}#evenement",
        "name": event.title,
        "url": page_url,
        "startDate": event_date_value(event, "start"),
        "eventStatus": SCHEMA_EVENT_STATUSES[event.status],
        "eventAttendanceMode": SCHEMA_ATTENDANCE_MODES[event.attendance_mode],
        "inLanguage": "fr",
    }
    end = event_date_value(event, "end")
    if end:
        data["endDate"] = end
    if event.summary:
        data["description"] = event.summary
    locations = []
    if event.is_on_site:
        locations.append(place(event))
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or page_url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": actor.name, "url": actor.website or profile_url}
            for actor, profile_url in organisers
        ]
    offer = offers(event)
    if offer:
        data["offers"] = offer
        data["isAccessibleForFree"] = event.is_free
    if image_url:
        data["image"] = [image_url]
    return data
