"""PFIF 1.4 and 1.3: namespaces, the fields of each record in the order the format lists them.

PFIF (People Finder Interchange Format, http://zesty.ca/pfif/) is how Google
Person Finder and its partners exchanged records of missing persons. From
1.3 on, the format no longer fixes field order, but writing the listed order
is always valid and lets the strict schemas check our own exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

EXTENSION_NS = "urn:mafqud:pfif:1"
"""mafqud's own namespace for what PFIF has no slot for (mother's name, facility, event
date…): carried after the PFIF fields, so that mafqud nodes exchange records losslessly and
other PFIF readers ignore it."""


@dataclass(frozen=True)
class Version:
    """One version of PFIF: its namespace and field lists."""

    number: str
    person_fields: tuple[str, ...]
    note_fields: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return f"http://zesty.ca/pfif/{self.number}"

    def schema_path(self, lenient: bool = False) -> str:
        """The XSD (strict: our exports; lenient: any order, for what others send)."""
        name = f"pfif-{self.number}{'-lenient' if lenient else ''}.xsd"
        return str(files("mafqud.interchange") / "schemas" / name)


PFIF_14 = Version(
    "1.4",
    person_fields=(
        "person_record_id", "entry_date", "expiry_date", "author_name", "author_email",
        "author_phone", "source_name", "source_date", "source_url", "full_name", "given_name",
        "family_name", "alternate_names", "description", "sex", "date_of_birth", "age",
        "home_street", "home_neighborhood", "home_city", "home_state", "home_postal_code",
        "home_country", "photo_url", "profile_urls",
    ),
    note_fields=(
        "note_record_id", "person_record_id", "linked_person_record_id", "entry_date",
        "author_name", "author_email", "author_phone", "source_date", "author_made_contact",
        "status", "email_of_found_person", "phone_of_found_person", "last_known_location",
        "text", "photo_url",
    ),
)  # fmt: skip

PFIF_13 = Version(
    "1.3",
    person_fields=(
        "person_record_id", "entry_date", "expiry_date", "author_name", "author_email",
        "author_phone", "source_name", "source_date", "source_url", "full_name", "first_name",
        "last_name", "sex", "date_of_birth", "age", "home_street", "home_neighborhood",
        "home_city", "home_state", "home_postal_code", "home_country", "photo_url", "other",
    ),
    note_fields=(
        "note_record_id", "person_record_id", "linked_person_record_id", "entry_date",
        "author_name", "author_email", "author_phone", "source_date", "found", "status",
        "email_of_found_person", "phone_of_found_person", "last_known_location", "text",
    ),
)  # fmt: skip

RENAMED_IN_13 = {
    "given_name": "first_name",
    "family_name": "last_name",
    "description": "other",
    "author_made_contact": "found",
}
"""1.4 names and the names 1.3 had for the same fields."""

VERSIONS = {version.number: version for version in (PFIF_14, PFIF_13)}


def version_for(namespace: str | None) -> Version | None:
    """The PFIF version whose namespace this is, if any."""
    return next((v for v in VERSIONS.values() if v.namespace == namespace), None)
