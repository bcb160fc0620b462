"""The synthetic records the linkage engine is tested and benchmarked on (no real person)."""

from __future__ import annotations

import csv
import itertools
import random
import re
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mafqud.errors import InvalidInput
from mafqud.synth import (
    LINKAGE_COLUMNS,
    LinkageSpec,
    generate_linkage_records,
    write_linkage_csv,
)
from mafqud.synth import linkage as linkage_module
from mafqud.synth.vocabulary import FACILITIES, GOVERNORATES, PLACES

Record = dict[str, str]
SPEC = LinkageSpec(records=8000, seed=11)
NAME_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "mother_name")
DATE_FIELDS = ("birth_date", "event_date", "death_date")
LATIN_SOURCES = {"ngo_list_a", "ngo_list_b"}
WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
ARABIC_TEXT = re.compile(r"[\u0621-\u064A ()]+")
LATIN_TEXT = re.compile(r"[A-Za-z0-9' \-]+")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return list(generate_linkage_records(SPEC))


@pytest.fixture(scope="module")
def clean() -> list[Record]:
    """The same kind of data without noise: every value present is the truth."""
    return list(generate_linkage_records(replace(SPEC, noise=0.0)))


def _by_person(records: list[Record]) -> dict[str, list[Record]]:
    people: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        people[record["person_id"]].append(record)
    return people


def _year(record: Record) -> int:
    return int(record["birth_date"].translate(WESTERN)[:4])


def _is_latin(text: str) -> bool:
    return bool(text) and LATIN_TEXT.fullmatch(text) is not None


def test_same_seed_same_records() -> None:
    spec = LinkageSpec(records=1500, seed=4)
    first = list(generate_linkage_records(spec))
    assert first == list(generate_linkage_records(spec))
    assert first != list(generate_linkage_records(replace(spec, seed=5)))


@pytest.mark.parametrize("count", [0, 1, 37, 2500, 12_345])
def test_record_count_is_within_two_percent(count: int) -> None:
    made = sum(1 for _ in generate_linkage_records(LinkageSpec(records=count, seed=2)))
    assert abs(made - count) <= 0.02 * count


def test_every_column_is_present_as_a_string(records: list[Record]) -> None:
    for record in records:
        assert list(record) == [*LINKAGE_COLUMNS, "person_id"]
        assert all(isinstance(value, str) for value in record.values())
        assert record["record_id"] and record["source"] and record["person_id"]


def test_record_ids_are_unique_and_name_their_source(records: list[Record]) -> None:
    ids = [record["record_id"] for record in records]
    assert len(set(ids)) == len(ids)
    codes: dict[str, set[str]] = defaultdict(set)
    for record in records:
        codes[record["source"]].add(record["record_id"].split("-")[0])
    assert all(len(prefixes) == 1 for prefixes in codes.values())
    assert len(codes) == 6


def test_dates_are_iso_at_the_documents_precision(records: list[Record]) -> None:
    precisions: Counter[int] = Counter()
    eastern = 0
    for record in records:
        for field in DATE_FIELDS:
            value = record[field]
            if not value:
                continue
            western = value.translate(WESTERN)
            eastern += western != value
            assert ISO.fullmatch(western), (field, value)
            if len(western) == 10:
                date.fromisoformat(western)
            elif len(western) == 7:
                assert 1 <= int(western[5:]) <= 12
            assert 1930 < int(western[:4]) < 2025
            if field == "birth_date":
                precisions[len(western)] += 1
    assert eastern > 100  # the prison register's clerks write ١٩٧٨
    assert all(precisions[length] > 200 for length in (4, 7, 10))


def test_most_people_appear_in_one_to_four_records(records: list[Record]) -> None:
    counts = Counter(len(group) for group in _by_person(records).values())
    people = sum(counts.values())
    assert abs(counts[1] / people - SPEC.once) < 0.04
    assert sum(counts[n] for n in (1, 2, 3, 4)) / people > 0.9
    assert sum(counts[n] for n in counts if n >= 3) / people > 0.15


def test_latin_lists_have_their_share_and_spell_inconsistently(
    records: list[Record], clean: list[Record]
) -> None:
    latin = [r for r in records if r["source"] in LATIN_SOURCES]
    assert abs(len(latin) / len(records) - SPEC.latin) < 0.015
    assert all(_is_latin(r["full_name"]) and not r["given_name"] for r in latin)
    people = _by_person(records)
    mixed = [p for p in people.values() if len({r["source"] in LATIN_SOURCES for r in p}) == 2]
    assert len(mixed) / len(people) > 0.1  # one person in Arabic and in Latin script
    # how the given name محمد is written in the Latin lists (the truth from the Arabic records)
    mohammads = {
        r["person_id"]
        for r in clean
        if r["source"] == "prison_register" and r["given_name"] == "محمد"
    }
    spellings = Counter(
        r["full_name"].split()[0].lower()
        for r in clean
        if r["source"] == "ngo_list_a" and r["person_id"] in mohammads
    )
    assert len(spellings) > 8
    assert spellings["mhd"] > 0
    assert max(spellings.values()) < 0.6 * sum(spellings.values())


def test_some_records_hold_only_a_given_name_and_a_mother(records: list[Record]) -> None:
    only = [
        r
        for r in records
        if r["given_name"]
        and r["mother_name"]
        and not any(r[f] for f in ("full_name", "father_name", "grandfather_name", "family_name"))
    ]
    assert abs(len(only) / len(records) - SPEC.mother_only) < 0.015
    assert sum(r["source"] == "testimonies" for r in only) / len(only) > 0.95
    assert all(len(r["birth_date"]) in (0, 4) for r in only if r["source"] == "testimonies")
    assert any(r["birth_date"] for r in only) and any(not r["birth_date"] for r in only)


def test_brothers_share_father_mother_family_and_grandfather(clean: list[Record]) -> None:
    households: dict[tuple[str, ...], dict[str, Record]] = defaultdict(dict)
    for r in clean:
        if r["source"] == "prison_register" and r["grandfather_name"] and r["mother_name"]:
            key = (r["father_name"], r["grandfather_name"], r["family_name"])
            households[(*key, r["mother_name"].split()[0])][r["person_id"]] = r
    considered = sum(len(people) for people in households.values())
    brothers = [
        list(people.values())
        for people in households.values()
        if len({r["given_name"] for r in people.values()}) > 1
    ]
    with_brother = sum(len(group) for group in brothers)
    assert with_brother / considered > 0.05
    gaps = [
        abs(_year(a) - _year(b))
        for group in brothers
        for a, b in itertools.combinations(group, 2)
        if a["birth_date"] and b["birth_date"]
    ]
    assert gaps and sorted(gaps)[len(gaps) // 2] <= 8
    assert sum(gap >= 1 for gap in gaps) / len(gaps) > 0.9


def test_people_come_in_families_at_the_documented_shares() -> None:
    spec = LinkageSpec(records=40_000, seed=3)
    people = list(itertools.islice(linkage_module._people(spec, random.Random(3)), 20_000))
    # households and clans are generated together: consecutive runs
    household = [(p.father, p.grandfather, p.family, p.mother) for p in people]
    runs = [len(list(run)) for _, run in itertools.groupby(household)]
    siblings = sum(n for n in runs if n > 1) / len(people)
    assert abs(siblings - spec.siblings) < 0.03
    clans = itertools.groupby(people, key=lambda p: (p.grandfather, p.family, p.governorate))
    cousins = 0
    for _, clan in clans:
        members = list(clan)
        if len({(p.father, p.mother) for p in members}) > 1:
            cousins += len(members)
    assert abs(cousins / len(people) - spec.cousins) < 0.03
    seen: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for p in people:
        seen[(p.given, p.father, p.family)].add((p.grandfather, p.mother))
    namesakes = sum(len(seen[(p.given, p.father, p.family)]) > 1 for p in people)
    assert namesakes / len(people) > spec.namesakes
    men = [p for p in people if p.sex == "M"]
    assert sum(p.given == "محمد" for p in men) / len(men) > 0.12


def test_unrelated_namesakes_are_common(clean: list[Record]) -> None:
    named: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    mothers: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in clean:
        if r["source"] == "prison_register" and r["mother_name"]:
            key = (r["given_name"], r["father_name"], r["family_name"])
            named[key].add(r["person_id"])
            mothers[key].add(r["mother_name"].split()[0])
    people = {pid for pids in named.values() for pid in pids}
    shared = {pid for key, pids in named.items() if len(mothers[key]) > 1 for pid in pids}
    assert len(shared) / len(people) > 0.03
    assert sum(len(pids) for key, pids in named.items() if key[0] == "محمد") > 0.1 * len(people)


def test_noise_is_in_the_fields(records: list[Record]) -> None:
    reports = [r for r in records if r["source"] == "family_reports"]
    assert 0.06 < sum(not r["family_name"] for r in reports) / len(reports) < 0.2
    given = Counter(r["given_name"] for r in reports)
    assert given["حمودة"] + given["برهوم"] + given["عبدو"] > 0  # nicknames
    assert given["عبدالرحمن"] > 0 and given["عبد الرحمن"] > 0  # compounds joined or spaced
    assert given["احمد"] > 0 and given["أحمد"] > 0  # typed with and without hamza
    swapped = off_by_one = governorates = 0
    for group in _by_person(records).values():
        days = {r["birth_date"].translate(WESTERN) for r in group if len(r["birth_date"]) == 10}
        parts = {tuple(int(x) for x in d.split("-")) for d in days}
        swapped += any((y, d, m) in parts for y, m, d in parts if m != d)
        years = {_year(r) for r in group if r["birth_date"]}
        off_by_one += any(y + 1 in years for y in years)
        arabic = {r["governorate"] for r in group if r["governorate"] in GOVERNORATES[0]}
        governorates += len(arabic) > 1
    assert swapped > 8 and off_by_one > 150 and governorates > 40
    deaths = [r["full_name"] for r in records if r["source"] == "death_list"]
    known = {word for name in linkage_module.SPOKEN for word in name.split()}
    known |= {word for name in linkage_module._TAIL for word in name.split()}
    known |= {word for name in linkage_module._INVENTED_SPOKEN for word in name.split()}
    misread = sum(any(word not in known for word in name.split()) for name in deaths)
    assert 0.2 < misread / len(deaths) < 0.6  # OCR letter confusions


def test_without_noise_every_value_present_is_the_truth(clean: list[Record]) -> None:
    for group in _by_person(clean).values():
        assert (
            len({r["birth_date"].translate(WESTERN) for r in group if len(r["birth_date"]) == 10})
            <= 1
        )
        assert len({_year(r) for r in group if r["birth_date"]}) <= 1
        assert len({r["governorate"] for r in group if r["governorate"] in GOVERNORATES[0]}) <= 1
        prison = [r for r in group if r["source"] == "prison_register"]
        assert len({(r["given_name"], r["father_name"], r["family_name"]) for r in prison}) <= 1
        assert len({r["national_id"].translate(WESTERN) for r in group if r["national_id"]}) <= 1
    assert not any(r["given_name"] in {"حمودة", "برهوم", "عبدو"} for r in clean)


def test_values_are_plausible_for_syrian_lists(records: list[Record]) -> None:
    english = {name for names in linkage_module._GOVERNORATES_EN.values() for name in names}
    places = {place for towns in PLACES.values() for place in towns}
    facilities = set(FACILITIES[0]) | {
        name for names in linkage_module._FACILITY_NAMES.values() for kind in names for name in kind
    }
    for r in records:
        latin = r["source"] in LATIN_SOURCES
        for field in ("full_name", *NAME_FIELDS):
            if r[field]:
                assert _is_latin(r[field]) if latin else ARABIC_TEXT.fullmatch(r[field]), r
        assert r["sex"] in {"M", "F", ""}
        governorates = english if latin else set(GOVERNORATES[0])
        assert not r["governorate"] or r["governorate"] in governorates
        assert {r["birth_place"], r["event_place"]} <= places | {""}
        assert r["facility"] in facilities | {""}
        national_id = r["national_id"].translate(WESTERN)
        assert not national_id or re.fullmatch(r"\d{11}", national_id)


def test_clean_dates_keep_their_order(clean: list[Record]) -> None:
    for r in clean:
        born, taken, died = (r[f].translate(WESTERN) for f in DATE_FIELDS)
        if born and taken:
            assert born[:4] < taken[:4]
        if taken and died and len(taken) == len(died) == 10:
            assert taken <= died


def test_csv_holds_the_records_and_optionally_the_truth(tmp_path: Path) -> None:
    spec = LinkageSpec(records=700, seed=8)
    info = write_linkage_csv(tmp_path / "deep" / "linkage.csv", spec)
    with info.path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [*LINKAGE_COLUMNS, "person_id"]
    assert rows == list(generate_linkage_records(spec))
    assert info.records == 700 and info.people == len({row["person_id"] for row in rows})
    blind = write_linkage_csv(tmp_path / "blind.csv", spec, truth=False)
    with blind.path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == list(LINKAGE_COLUMNS)
    assert blind.records == 700 and blind.people == info.people


@pytest.mark.parametrize(
    "spec",
    [
        LinkageSpec(records=-1),
        LinkageSpec(latin=0.9, mother_only=0.2),
        LinkageSpec(once=1.5),
        LinkageSpec(noise=-0.1),
    ],
)
def test_impossible_specs_are_refused(spec: LinkageSpec) -> None:
    with pytest.raises(InvalidInput):
        next(iter(generate_linkage_records(spec)))


def test_the_module_says_its_data_is_synthetic() -> None:
    assert linkage_module.__doc__ and "SYNTHETIC" in linkage_module.__doc__
