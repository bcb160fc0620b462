"""Organisations and their sources: who holds which list, and how open it is by default."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.errors import AlreadyExists, InvalidInput, NotFound
from mafqud.registry.clock import utc_now
from mafqud.registry.disclosure import Disclosure
from mafqud.registry.models import Organisation, Source

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def add_organisation(
    session: Session, domain: str, name: str, commission: bool = False
) -> tuple[Organisation, bool]:
    """Register an organisation by its internet domain, which prefixes its record ids (PFIF).

    Adding the same domain with the same name again is a no-op, so setup
    scripts can be re-run; a different name is refused rather than renamed.
    ``commission`` marks it as the national commission (it can be added later,
    never taken away here: families consented to what it was).
    """
    domain = domain.strip().lower()
    if not _DOMAIN.match(domain):
        raise InvalidInput(f"{domain!r} is not a domain name (e.g. example.org)")
    existing = session.scalar(select(Organisation).where(Organisation.domain == domain))
    if existing is not None:
        if existing.name != name:
            raise AlreadyExists(f"organisation {domain} exists already as {existing.name!r}")
        existing.commission = existing.commission or commission
        return existing, False
    organisation = Organisation(
        domain=domain, name=name, created_at=utc_now(), commission=commission
    )
    session.add(organisation)
    session.flush()
    return organisation, True


def get_organisation(session: Session, domain: str) -> Organisation:
    organisation = session.scalar(
        select(Organisation).where(Organisation.domain == domain.strip().lower())
    )
    if organisation is None:
        raise NotFound(f"no organisation {domain!r}: add it with `mafqud org add`")
    return organisation


def list_organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.domain)))


SOURCE_KINDS = ("list", "family-reports", "mirror")
"""A list, register or document of any origin; the reports families filed; or a mirror."""
FAMILY_REPORTS = "family-reports"
MIRROR = "mirror"
"""Another node's records, copied under their home repository's ids (PFIF): a mirror source
belongs to that organisation, and holds only records whose id starts with its domain."""


def add_source(
    session: Session,
    name: str,
    organisation_domain: str,
    disclosure: Disclosure,
    description: str | None = None,
    kind: str = "list",
) -> tuple[Source, bool]:
    """Register a list or register; re-adding it unchanged is a no-op."""
    if kind not in SOURCE_KINDS:
        raise InvalidInput(f"a source's kind is one of {', '.join(SOURCE_KINDS)}")
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a source needs a name")
    organisation = get_organisation(session, organisation_domain)
    existing = session.scalar(select(Source).where(Source.name == name))
    if existing is not None:
        if (existing.organisation_id, existing.disclosure, existing.kind) != (
            organisation.id,
            disclosure,
            kind,
        ):
            raise AlreadyExists(f"source {name!r} exists already with other settings")
        return existing, False
    source = Source(
        organisation_id=organisation.id,
        name=name,
        slug=_unique_slug(session, name),
        description=description,
        disclosure=disclosure.value,
        created_at=utc_now(),
        kind=kind,
    )
    session.add(source)
    session.flush()
    return source, True


def get_source(session: Session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == " ".join(name.split())))
    if source is None:
        raise NotFound(f"no source {name!r}: add it with `mafqud source add`")
    return source


def list_sources(session: Session) -> list[tuple[Source, Organisation]]:
    rows = session.execute(
        select(Source, Organisation)
        .join(Organisation, Source.organisation_id == Organisation.id)
        .order_by(Source.name)
    )
    return [(source, organisation) for source, organisation in rows]


def slugify(name: str) -> str:
    """A short ASCII label for record ids; Arabic names fall back to "source"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:60] or "source"


def _unique_slug(session: Session, name: str) -> str:
    base = slugify(name)
    slug, counter = base, 1
    while session.scalar(select(Source.id).where(Source.slug == slug)) is not None:
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def sources_of_kind(session: Session, kind: str) -> set[int]:
    """Ids of the sources of one kind (e.g. every family-reports source)."""
    return set(session.scalars(select(Source.id).where(Source.kind == kind)))
