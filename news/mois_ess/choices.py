"""The vocabularies of the Mois de l'ESS events, defined once for models, filters, calendars and JSON-LD."""

from django.db import models

# Every date and time of an event is typed, shown and exported in the local time of the territory.
EVENT_TIME_ZONE = "Europe/Paris"


class EventType(models.TextChoices):
    """What kind of event it is (the `type` filter)."""

    RENCONTRE = "rencontre", "Rencontre, échanges"
    CONFERENCE = "conference", "Conférence, table ronde"
    ATELIER = "atelier", "Atelier"
    FORUM = "forum", "Forum, salon"
    VISITE = "visite", "Visite, portes ouvertes"
    PROJECTION = "projection", "Projection, spectacle"
    FORMATION = "formation", "Formation"
    AUTRE = "autre", "Autre"


class AttendanceMode(models.TextChoices):
    """Where the public takes part (the `mode` filter), with schema.org's names."""

    SUR_PLACE = "sur-place", "Sur place"
    EN_LIGNE = "en-ligne", "En ligne"
    MIXTE = "mixte", "Mixte (sur place et en ligne)"


SCHEMA_ATTENDANCE_MODES = {
    AttendanceMode.SUR_PLACE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.EN_LIGNE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXTE: "https://schema.org/MixedEventAttendanceMode",
}


class EventStatus(models.TextChoices):
    """Whether the event takes place as announced; a cancelled event stays visible, marked."""

    PREVU = "prevu", "Prévu"
    ANNULE = "annule", "Annulé"
    REPORTE = "reporte", "Reporté"


SCHEMA_EVENT_STATUSES = {
    EventStatus.PREVU: "https://schema.org/EventScheduled",
    EventStatus.ANNULE: "https://schema.org/EventCancelled",
    EventStatus.REPORTE: "https://schema.org/EventPostponed",
}

# RFC 5545 has no "postponed": a postponed event is still tentative until its new date is set.
ICAL_STATUSES = {
    EventStatus.PREVU: "CONFIRMED",
    EventStatus.ANNULE: "CANCELLED",
    EventStatus.REPORTE: "TENTATIVE",
}


class DatePrecision(models.TextChoices):
    """How precisely the dates are known: an old event may be known only by its month."""

    JOUR = "jour", "Dates exactes"
    MOIS = "mois", "Seul le mois est connu"
