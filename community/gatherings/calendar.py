"""iCalendar (.ics) for gatherings, made with the icalendar library."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Samspill//Gatherings//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Samspill")
    return calendar


def _event(gathering, base_url: str = "") -> Event:
    event = Event()
    event.add("uid", f"gathering-{gathering.pk}@samspill")
    event.add("summary", gathering.title)
    # Local times with the gathering's zone, so calendars show the right hour
    # whatever zone the reader is in.
    event.add("dtstart", timezone.localtime(gathering.start, gathering.zone))
    event.add("dtend", timezone.localtime(gathering.end, gathering.zone))
    event.add("dtstamp", timezone.now())
    location = ", ".join(part for part in (gathering.venue, gathering.address) if part)
    if location:
        event.add("location", location)
    # The address the file was fetched from; a mail (no request) uses SAMSPILL_SITE_URL,
    # which `make run` sets to the address it serves.
    event.add("url", f"{(base_url or settings.SITE_URL).rstrip('/')}{gathering.url}")
    if gathering.summary:
        event.add("description", gathering.summary)
    return event


def gathering_ics(gathering, base_url: str = "") -> bytes:
    calendar = _calendar()
    calendar.add_component(_event(gathering, base_url))
    return calendar.to_ical()


def feed_ics(gatherings, base_url: str = "") -> bytes:
    calendar = _calendar()
    for gathering in gatherings:
        calendar.add_component(_event(gathering, base_url))
    return calendar.to_ical()
