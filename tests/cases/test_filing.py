"""A family's report becomes evidence, a source record with provenance, and a case."""

from __future__ import annotations

import orjson
import pytest
from sqlalchemy import select

from mafqud.access import add_partnership, read_records, visible_ids
from mafqud.cases import InvalidReport, Scope, normalise_code, open_case
from mafqud.cases.codes import ALPHABET
from mafqud.registry import Accession, Case, Source, source_records, transaction
from tests.cases.helpers import REPORT, file
from tests.review.helpers import principal
from tests.web.world import HOME, PARTNER, World


def test_report_becomes_a_record_with_provenance_and_a_case(world: World) -> None:
    filed = file(world)
    assert len(filed.code) == 14 and filed.code.count("-") == 2
    assert set(filed.code.replace("-", "")) <= set(ALPHABET)
    with transaction(world.engine) as session:
        row = session.execute(
            select(source_records).where(source_records.c.id == filed.record_id)
        ).one()
        source = session.get_one(Source, row.source_id)
        accession = session.get_one(Accession, row.accession_id)
        case = session.get_one(Case, filed.case_id)
        assert source.kind == "family-reports"
        assert accession.received_via == "web form"
        assert row.given_name == "سامر" and row.family_name == "الحمصي"
        assert row.birth_date == "1985-03-14"  # Eastern Arabic digits read, precision kept
        assert row.event_date == "2013"
        assert row.disclosure == "restricted"
        assert case.record_id == filed.record_id and case.status == "received"
        assert filed.access_code not in case.access_hash  # only a hash is kept
        original = orjson.dumps(orjson.loads(row.original)).decode()
    for secret in ("family@example.org", "900 000", "أم سامر"):
        assert secret not in original  # contact details never enter the record


@pytest.mark.parametrize(
    ("scope", "level"),
    [("organisation", "restricted"), ("commission", "restricted"),
     ("partners", "partners"), ("public", "public")],
)  # fmt: skip
def test_consent_scope_sets_who_may_read_the_record(world: World, scope: str, level: str) -> None:
    with transaction(world.engine) as session:
        add_partnership(session, HOME, PARTNER)  # home shares its partners-level records
    filed = file(world, scope=scope)
    assert Scope(scope).disclosure.value == level
    partner = principal(world, "partner-reviewer")
    with transaction(world.engine) as session:
        public = visible_ids(session, None, [filed.record_id])
        shared = visible_ids(session, partner, [filed.record_id])
        own = read_records(session, principal(world, "home-caseworker"), [filed.record_id])
    assert bool(public) is (level == "public")
    assert bool(shared) is (level in ("public", "partners"))
    assert filed.record_id in own


def test_every_problem_is_reported_at_once(world: World) -> None:
    with pytest.raises(InvalidReport) as raised:
        file(world, given_name="", father_name="", grandfather_name="", family_name="",
             mother_name="", email="x", reporter_name=" ", scope="all")  # fmt: skip
    assert set(raised.value.problems) == {"given_name", "email", "reporter_name", "scope"}
    with transaction(world.engine) as session:
        assert session.scalar(select(Case.id)) is None  # nothing half-filed


def test_channel_needs_its_address(world: World) -> None:
    with pytest.raises(InvalidReport) as raised:
        file(world, channel="sms", phone="")
    assert raised.value.problems == {"phone": "needed to send you updates"}
    with pytest.raises(InvalidReport):
        file(world, given_name="س" * 401)


def test_codes_as_families_type_them(world: World) -> None:
    filed = file(world)
    typed = filed.code.lower().replace("-", " ")
    eastern = filed.access_code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with transaction(world.engine) as session:
        assert open_case(session, typed, eastern) == filed.case_id
    assert normalise_code("k7qx-3m9p-2d4a") == "K7QX-3M9P-2D4A"
    assert normalise_code("O1IL") == "0111"  # letters read as the digits they look like
    assert normalise_code("<script>") == ""
    assert normalise_code("x" * 100) == ""


def test_the_same_report_twice_is_two_cases(world: World) -> None:
    first, second = file(world), file(world)
    assert first.code != second.code and first.record_id != second.record_id
    assert REPORT.given_name == "سامر"
