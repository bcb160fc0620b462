"""A Latin name that could be written either way round is also read family name first."""

from __future__ import annotations

from pathlib import Path

import pytest

from mafqud.linkage import Linkage
from mafqud.linkage.features import FAMILY_FIRST, readings
from mafqud.linkage.incremental import Matcher, write_index
from mafqud.linkage.standalone import link
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records


@pytest.mark.parametrize(
    "name",
    ["Salama Qasim Mustafa", "FADHKE Muhamad", "Yousef Khaled Omar Homsi"],
)
def test_an_order_nothing_marks_is_read_both_ways(name: str) -> None:
    written, family_first = readings({"record_id": "r1", "full_name": name})
    assert written["unique_id"] == written["record_id"] == "r1"
    assert written["reading"] is None
    assert family_first["record_id"] == "r1" and family_first["unique_id"] != "r1"
    assert family_first["reading"] == FAMILY_FIRST
    assert family_first["family_key"] == written["given_key"]


@pytest.mark.parametrize(
    "record",
    [
        {"full_name": "Mohammad Ahmad Al-Halabi"},  # the article marks the family name
        {"full_name": "Al-Halabi Mohammad Ahmad"},  # ... written first: read that way once
        {"full_name": "Halabi, Mohammad Ahmad"},  # the comma says it
        {"full_name": "Ahmad bin Ali Hasan"},  # bin says who is whose son
        {"full_name": "محمد أحمد سلامة"},  # Arabic registers write the given name first
        {"full_name": "Mohammad"},  # one unit has no order
        {"full_name": "Salama Qasim", "given_name": "Qasim"},  # a labelled part decides
    ],
)
def test_an_order_something_marks_is_read_once(record: dict[str, str]) -> None:
    assert len(readings({"record_id": "r1", **record})) == 1


def _person_in_two_scripts() -> list[dict[str, str]]:
    """One (synthetic) man in an Arabic register and, family name first, in a Latin list."""
    register = {
        "record_id": "reg-1", "source": "register", "given_name": "قاسم",
        "father_name": "مصطفى", "family_name": "سلامة", "mother_name": "خديجة",
        "birth_date": "1981-04-12", "governorate": "حمص", "sex": "ذكر",
    }  # fmt: skip
    latin = {
        "record_id": "ngo-1", "source": "ngo", "full_name": "SALAMA Qasim Moustafa",
        "mother_name": "Khadija", "birth_date": "1981-04-12", "governorate": "Homs", "sex": "M",
    }  # fmt: skip
    return [register, latin]


@pytest.fixture(scope="module")
def background() -> list[dict[str, str]]:
    return list(generate_linkage_records(LinkageSpec(records=2500, seed=4)))


def test_a_family_first_latin_name_links_to_its_arabic_record(
    background: list[dict[str, str]],
) -> None:
    linkage = Linkage([*background, *_person_in_two_scripts()], explain=True)
    linkage.train()
    assert linkage.records == len(background) + 2  # readings are not records
    pairs = {(p.left, p.right): p for p in linkage.predict()}
    pair = pairs.get(("ngo-1", "reg-1")) or pairs.get(("reg-1", "ngo-1"))
    assert pair is not None and pair.probability > 0.9
    order = [part for part in pair.explanation if part.comparison == "name order"]
    assert order and order[0].weight < 0 and "ngo-1" in order[0].level
    assert sum(part.weight for part in pair.explanation) == pytest.approx(
        pair.match_weight, abs=0.05
    )
    assert all("~" not in p.left + p.right for p in pairs.values())  # record ids only


def test_a_new_family_first_record_finds_its_person(
    background: list[dict[str, str]], tmp_path: Path
) -> None:
    register, latin = _person_in_two_scripts()
    outcome = link([*background, register])
    assert outcome.linkage is not None
    write_index(outcome.linkage, outcome.clusters, tmp_path / "index.duckdb", 0.3)
    result = Matcher(tmp_path / "index.duckdb").match(latin)
    assert result.decision == "attach"
    assert result.person_id == outcome.clusters["reg-1"]
    assert result.candidates[0].record_id == "reg-1"
    assert any(part.comparison == "name order" for part in result.candidates[0].explanation)


def test_an_index_from_before_readings_is_refused_clearly(
    background: list[dict[str, str]], tmp_path: Path
) -> None:
    import duckdb

    outcome = link(background[:600])
    assert outcome.linkage is not None
    path = tmp_path / "index.duckdb"
    write_index(outcome.linkage, outcome.clusters, path, 0.3)
    with duckdb.connect(str(path)) as connection:  # as an index written before readings
        connection.execute("DROP INDEX feature_id_index")
        connection.execute("ALTER TABLE features DROP COLUMN record_id")
    with pytest.raises(FileNotFoundError, match="older mafqud: run `mafqud link`"):
        Matcher(path)
