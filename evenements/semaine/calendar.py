"""iCalendar (RFC 5545) feeds of the Semaine du numérique, built with the icalendar library.

Times are written in Europe/Paris with the zone's VTIMEZONE, so that calendar applications show
the time the organiser announced, on either side of a daylight-saving change. An event's UID
comes from its primary key: it survives a change of title or slug, so a re-imported feed updates
the event instead of duplicating it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Talents du Numérique//Semaine du numérique//FR"
UID_DOMAIN = "talentsdunumerique.fr"


def evenement_uid(evenement):
    return f"evenement-{evenement.pk}@{UID_DOMAIN}"


def evenement_url(evenement):
    """The event's public address: its page in the API, on the CMS's own address."""
    path = reverse("v1:evenement-detail", kwargs={"slug": evenement.slug})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def lieu(evenement):
    """Where to go, as a calendar shows it: the address, or the link of an online event."""
    place = ", ".join(part for part in (evenement.adresse, evenement.commune) if part)
    return place or evenement.lien_en_ligne


def _vevent(evenement, stamp):
    event = Event()
    event.add("uid", evenement_uid(evenement))
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(evenement.debut))
    event.add("dtend", timezone.localtime(evenement.fin))
    event.add("summary", evenement.titre)
    publics = ", ".join(str(niveau) for niveau in evenement.niveaux.all())
    details = [
        evenement.description,
        f"Organisé par {evenement.organisateur_nom}.",
        f"Pour : {publics}." if publics else "",
        f"En ligne : {evenement.lien_en_ligne}" if evenement.lien_en_ligne else "",
    ]
    event.add("description", "\n\n".join(part for part in details if part))
    event.add("categories", [evenement.get_type_display()])
    event.add("url", evenement_url(evenement))
    if lieu(evenement):
        event.add("location", lieu(evenement))
    if evenement.a_un_lieu:
        event.add("geo", (float(evenement.latitude), float(evenement.longitude)))
    return event


def calendar_ics(evenements, name):
    """A calendar of these events (prefetch `niveaux` and the organisers for a long list)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().replace(microsecond=0)
    for evenement in evenements:
        calendar.add_component(_vevent(evenement, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def evenement_ics(evenement):
    """One event as an .ics file, for a confirmation e-mail or an "add to my calendar" link."""
    return calendar_ics([evenement], evenement.titre)
