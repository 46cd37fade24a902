"""Meetings and deadlines as iCalendar (RFC 5545): the personal feed and the invitation's attachment.

Times are written in UTC, so no calendar has to know Danish time rules; deadlines are all-day events."""

from datetime import UTC, datetime

from icalendar import Calendar, Event

from evaluering.selectors import Kalenderpost

PRODID = "-//Socialministeriet//Forebyggelsesportalen//DA"


def kalender(poster: list[Kalenderpost], *, navn: str, base_url: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", navn)
    stempel = datetime.now(UTC).replace(microsecond=0)
    for post in poster:
        event = Event()
        event.add("uid", post.uid)
        event.add("dtstamp", stempel)
        event.add("summary", post.titel)
        for felt, vaerdi in (("dtstart", post.start), ("dtend", post.slut)):
            event.add(felt, vaerdi if not isinstance(vaerdi, datetime) else vaerdi.astimezone(UTC))
        if post.sted:
            event.add("location", post.sted)
        beskrivelse = post.beskrivelse
        if post.url and base_url:
            beskrivelse = f"{beskrivelse}\n\n{base_url}{post.url}".strip()
            event.add("url", f"{base_url}{post.url}")
        if beskrivelse:
            event.add("description", beskrivelse)
        if post.aendret:
            event.add("last-modified", post.aendret.astimezone(UTC).replace(microsecond=0))
        cal.add_component(event)
    return cal.to_ical()
