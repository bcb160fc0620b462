from __future__ import annotations

import pytest
from sqlalchemy import Engine

from mafqud.errors import AlreadyExists, InvalidInput, NotFound
from mafqud.registry import (
    Disclosure,
    add_organisation,
    add_source,
    get_source,
    list_sources,
    most_restrictive,
    slugify,
    transaction,
)


def test_organisations_and_sources_are_idempotent(engine: Engine) -> None:
    with transaction(engine) as session:
        _, created = add_organisation(session, "Example.ORG", "Example (synthetic)")
        _, again = add_organisation(session, "example.org", "Example (synthetic)")
        source, source_created = add_source(
            session, "قائمة صيدنايا", "example.org", Disclosure.PARTNERS
        )
        same, source_again = add_source(
            session, " قائمة  صيدنايا ", "example.org", Disclosure.PARTNERS
        )
    assert created and not again
    assert source_created and not source_again and same.id == source.id
    assert source.slug == "source"
    with transaction(engine) as session:
        assert [s.name for s, _ in list_sources(session)] == ["قائمة صيدنايا"]
        assert get_source(session, "قائمة صيدنايا").disclosure == "partners"


def test_conflicting_redefinitions_are_refused(engine: Engine) -> None:
    with transaction(engine) as session:
        add_organisation(session, "example.org", "Example")
        add_source(session, "List", "example.org", Disclosure.PUBLIC)
        with pytest.raises(AlreadyExists):
            add_organisation(session, "example.org", "Other name")
        with pytest.raises(AlreadyExists):
            add_source(session, "List", "example.org", Disclosure.RESTRICTED)
        with pytest.raises(NotFound, match="org add"):
            add_source(session, "Other", "missing.org", Disclosure.PUBLIC)
        with pytest.raises(InvalidInput):
            add_organisation(session, "not a domain", "x")


def test_slugs_are_unique_and_ascii(engine: Engine) -> None:
    with transaction(engine) as session:
        add_organisation(session, "example.org", "Example")
        slugs = [
            add_source(session, name, "example.org", Disclosure.PUBLIC)[0].slug
            for name in ("Death list 2013", "Death-list 2013!", "قائمة", "لائحة")
        ]
    assert slugs == ["death-list-2013", "death-list-2013-2", "source", "source-2"]
    assert slugify("Ça va") == "ca-va"


def test_disclosure_combines_to_the_most_restrictive() -> None:
    assert most_restrictive(Disclosure.PUBLIC, Disclosure.PARTNERS) is Disclosure.PARTNERS
    assert most_restrictive(Disclosure.RESTRICTED, Disclosure.PUBLIC) is Disclosure.RESTRICTED
    assert most_restrictive(Disclosure.PUBLIC) is Disclosure.PUBLIC
