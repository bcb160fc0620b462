"""What a page fetched from a partner's feed holds: placeholders, notes, where the next starts.

The persons themselves are read by the ordinary importer (a feed page is a
PFIF document like any other, see :mod:`mafqud.ingest.pfif`); this module
reads what the importer does not: the expiry placeholders, the notes, and the
``mafqud:next`` position a mafqud node writes (for other nodes the next page
is worked out from the entries' dates and ``skip``, as PFIF says).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from mafqud.errors import InvalidInput
from mafqud.interchange.feeds import ATOM, Page
from mafqud.interchange.persons import is_placeholder, pfif_time, pfif_values
from mafqud.interchange.validate import safe_parser
from mafqud.interchange.versions import EXTENSION_NS, version_for


@dataclass
class ReceivedPage:
    """One fetched feed page."""

    entries: int = 0
    expired: list[str] = field(default_factory=list)
    """PFIF ids of the persons whose home node withdrew them."""
    notes: list[dict[str, str]] = field(default_factory=list)
    next_since: datetime | None = None
    next_skip: int = 0
    next_after: int | None = None
    """Set when the partner is a mafqud node: its exact position (see ``Page.after``)."""
    more: bool = False


def read_page(content: bytes, page: Page) -> ReceivedPage:
    """Parse a fetched page (as hostile: no DTD, no entities, no network)."""
    if b"<!DOCTYPE" in content[:65536] or b"<!ENTITY" in content[:65536]:
        raise InvalidInput("the feed page declares a DTD or entities; refused unread")
    try:
        root = etree.fromstring(content, safe_parser())
    except etree.XMLSyntaxError as error:
        raise InvalidInput(f"the feed page is not well-formed XML: {error}") from error
    if root.tag != f"{{{ATOM}}}feed":
        raise InvalidInput(f"not an Atom feed page (root element {root.tag})")
    received = ReceivedPage()
    dates: list[str] = []
    for entry in root.iterfind(f"{{{ATOM}}}entry"):
        received.entries += 1
        dates.append(entry.findtext(f"{{{ATOM}}}updated") or "")
        for child in entry:
            version = version_for(etree.QName(child).namespace)
            if version is None:
                continue
            values = pfif_values(version, child)
            kind = etree.QName(child).localname
            if kind == "person" and is_placeholder(values):
                received.expired.append(values["person_record_id"])
            elif kind == "note":
                received.notes.append(values)
    _follow(received, root.find(f"{{{EXTENSION_NS}}}next"), dates, page)
    return received


def _follow(
    received: ReceivedPage, cursor: etree._Element | None, dates: list[str], page: Page
) -> None:
    """Where the next page starts: the node's own cursor, else the PFIF rule on entry dates."""
    if cursor is not None and (cursor.get("after") or "").isdigit():
        received.next_after = int(cursor.get("after") or 0)
        received.more = cursor.get("more") == "true"
        return
    if not dates:
        received.next_since, received.next_skip = page.since, page.skip
        return
    last = dates[-1]
    same = sum(1 for date in dates if date == last)
    if page.since is not None and pfif_time(page.since) == last:
        same += page.skip
    received.next_since, received.next_skip = parse_time(last), same
    received.more = len(dates) == page.max_results


def parse_time(text: str) -> datetime:
    """A PFIF time (UTC, ``YYYY-MM-DDTHH:MM:SSZ``) as an aware datetime."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError as error:
        raise InvalidInput(f"{text!r} is not a PFIF time (YYYY-MM-DDTHH:MM:SSZ)") from error
