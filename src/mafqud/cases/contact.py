"""How to reach a family, and whether updates can reach them that way.

The ICRC found that before its online portal up to 30% of tracing cases were
closed because the family could no longer be reached; so a report is refused
until the chosen channel has an address that channel can use.
"""

from __future__ import annotations

from mafqud.cases.status import Channel

MAX_CONTACT = 400
CHANNEL_FIELD = {Channel.EMAIL: "email", Channel.SMS: "phone", Channel.LETTER: "address"}
"""The contact detail each channel delivers to."""


def contact_problems(channel: str, email: str, phone: str, address: str) -> dict[str, str]:
    """Problems with contact details, by field: empty when updates can be delivered."""
    given = {"email": email, "phone": phone, "address": address}
    problems = {
        name: f"at most {MAX_CONTACT} characters, no NUL"
        for name, value in given.items()
        if len(value) > MAX_CONTACT or "\x00" in value
    }
    if channel not in set(Channel):
        return {**problems, "channel": "choose how to receive updates"}
    field = CHANNEL_FIELD[Channel(channel)]
    value = given[field].strip()
    if not value:
        problems[field] = "needed to send you updates"
    elif field == "email" and (value.count("@") != 1 or " " in value or "." not in value):
        problems[field] = "not an e-mail address"
    elif field == "phone" and sum(ch.isdigit() for ch in value) < 6:
        problems[field] = "not a phone number"
    return problems
