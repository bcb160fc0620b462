"""Synthetic records for testing and benchmarking record linkage: SYNTHETIC, no real person.

Every name, date and number here is drawn at random from the invented vocabulary
(:mod:`mafqud.synth.vocabulary`); no row describes a real person. The records
reproduce what makes the lists of Syria's disappeared hard to link, each
difficulty at a documented share, and carry the truth (``person_id``) so that a
linkage run can be scored. Shares below are the :class:`LinkageSpec` defaults;
"measured" figures come from 100,000 records with seed 0 (47,835 people).

People
    People come in *clans* (a grandfather and a family name) of one or more
    *households* (a father, a mother and those of their children who
    disappeared). ``siblings`` (0.20) of the people have a brother or sister
    in the data: same father, grandfather, family and mother, another given
    name, born 1.5-8 years apart; 40 % of them were arrested on the same day,
    at the same place, and held in the same branch. ``cousins`` (0.15) of the
    people have a paternal cousin: same grandfather and family, another
    father; a tenth of those are half-brothers instead (same father, another
    mother). The first son is named after his grandfather in 12 % of
    households (محمد أحمد محمد). ``namesakes`` (0.05) of the people repeat the
    given, father and family names of an unrelated person (another
    grandfather, mother and birth date; the same governorate half the time),
    on top of the collisions the weighted vocabulary makes anyway: about one
    man in seven is called محمد and a few family names are very common.
    ``invented_families`` (0.6) of the clans take their family name from a
    long tail of 20,000 invented names (:mod:`~mafqud.synth.families`: a few
    hundred common, most rare, as surname counts are). Of the others,
    ``rare_families`` (0.5) take theirs from a tail made of given names
    (اليوسف, أبو خالد, حسن: a bare given name as the family name also makes
    "محمد أحمد حسن" ambiguous) and the rest from the vocabulary's common
    family names. Even so, at a million records a third of the people (0.35)
    share given, father and family names with someone unrelated and 2 %
    share the birth year too; with ``invented_families=0`` (the narrow
    vocabulary of earlier versions, about 220 family names) two thirds do
    and 8 %, more than real lists of this size probably hold. 7 % are
    women; 30 % died; arrests run from March 2011 to November 2024, mostly
    early.

Records per person
    ``once`` (0.45) of the people appear in one record, the others in 2 to 7
    (2: 45 %, 3: 28 %, 4: 16 %, 5-7: 11 % of them); measured, 94 % appear in
    one to four. A record's source is drawn again (up to twice) when the
    person already has one from it, so duplicates within a source remain but
    stay few: 15 % of the records share person and source with another (two
    relatives file reports, a register lists a transfer). Measured: 48 % of
    the people have a Latin-script record, 36 % have records in both scripts.

Sources (the ``source`` column; record ids are ``src1-000001``...)
    ``prison_register`` (src1), 30 % of records: a branch or prison's
    register. Arabic in separate fields: given, father, family; grandfather
    60 %; mother 90 % (with her family name in 30 % of those); sex; birth date
    to the day 45 %, year only 50 %; birth place 80 %; governorate 60 %;
    national id 40 %; arrest date to the day; arrest place 70 %; the branch,
    another one in 20 % of records (a transfer); the death date for 40 % of
    the dead. In 30 % of rows dates and ids are in Eastern Arabic digits
    (١٩٧٨-٠٥-٠٣).
    ``death_list`` (src2), 7 %: a scanned, OCR'd list of deaths, only of the
    dead. Arabic ``full_name`` only: given father family (70 %), with the
    grandfather (20 %), given and family (10 %); mother's name 50 %; sex 50 %;
    birth year only 55 %, full date 35 %; birth place 50 %; national id 25 %;
    death date; the branch 20 %.
    ``family_reports`` (src3), 29 %: reports typed by relatives. Arabic in
    separate fields: given, father, family, mother (with her family name in
    40 %); grandfather 30 %; sex 90 %; birth year only 55 %, full date 30 %;
    birth place 40 %; governorate 85 %; national id 30 % (from the family
    booklet); arrest date to the day 40 %, month 30 %, year 25 %; arrest
    place 70 %; the branch by its popular name (صيدنايا, فرع فلسطين) 25 %;
    death date for 15 % of the dead. Each report keeps its typist's habits:
    hamza left off (أ إ آ → ا) in 50 %, ة typed ه in 25 %, ى typed ي in 25 %,
    compounds joined (عبدالرحمن, العبدالله) in 50 %, the article left off the
    family name (حلبي) in 10 %.
    ``ngo_list_a`` and ``ngo_list_b`` (src4, src5), ``latin`` (0.28) of the
    records between them (55/45): lists kept in English. ``full_name``
    romanised by :func:`~mafqud.synth.spellings.latin_spelling` in a style
    drawn per record from the list's mix (A: English 60 %, scholarly 20 %,
    French 15 %, chat 5 %; B: French 40 %, English 35 %, chat 25 %), 15 % of
    the names in a style drawn afresh, so one name is spelt differently
    across and within lists (Mohamed, Muhammad, Mhd, Mo7amad; Al-Halabi,
    El Halabi, Alhalabi). Name order: given father family 65 %, given family
    20 %, with the grandfather 15 %; in B 10 % put the family name first. B
    adds the mother's name in 60 %. Sex 80 %; birth date to the day 45 %,
    month 15 %, year 40 %; arrest date to the day 50 %, month 30 %, year 15 %;
    governorate 80 % and the branch 35 %, both in English spellings (Rif
    Dimashq, Damascus Countryside; Sednaya prison, Branch 235); death date
    for 40 % of the dead; no places.
    ``testimonies`` (src6), ``mother_only`` (0.06) of the records: what
    survivors remember of cellmates. Arabic given name and mother's name
    only, with the typists' habits above, sex, a birth year in 50 % and the
    branch's popular name in 40 %.

Noise (each rate is multiplied by ``noise``, default 1.0; at 0 every value
present is the truth, written in the source's way)
    names: typos 2 % (registers) to 4 % (reports, testimonies) per name and
    3 % per Latin name (a letter dropped, doubled, swapped or written as it
    sounds: ذ→ز, ث→س); OCR letter confusions in 40 % of the death list's
    names (:func:`~mafqud.synth.spellings.ocr_misreading`); family name
    missing from 12 % of family reports; father's name missing from 3 % of
    Arabic records; a nickname for the given name in 8 % of family reports
    and 12 % of testimonies (حمودة for محمد, برهوم for إبراهيم, عبدو, أبو حفص).
    dates: birth year off by one in 4 % (registers, death list), 6 % (NGO
    lists), 8 % (family reports), 15 % (testimonies); day and month swapped
    in 2-8 % of full dates (where both are 12 or less); 1 January for an
    unknown day in 10 % of list A's full birth dates; a digit misread in 4 %
    of the death list's dates and ids; arrest dates up to two months off in
    30 % of family reports.
    places: governorate missing in a further 5 % and wrong in 3 % (registers),
    4 % (NGO lists), 8 % (family reports: families displaced); 10 % of people
    were born outside their home governorate and 35 % taken elsewhere.
    numbers: a national id with two digits swapped in 2 %; the row above's id
    copied in 1 % of the prison register's ids; sex wrong in 0.5 %.

Dates are ISO at the document's precision ("1978", "1978-05", "1978-05-03").
Records stream out through a shuffle buffer of 20,000 records, so one person's
records are not side by side; nothing else is held (about 100 MB at a million
records, which take 20-40 seconds on one core).
"""

from __future__ import annotations

import csv
import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, islice
from pathlib import Path

from mafqud.errors import InvalidInput
from mafqud.synth.families import invented_families
from mafqud.synth.spellings import SPOKEN, latin_spelling, ocr_misreading, spell
from mafqud.synth.vocabulary import (
    FACILITIES,
    FAMILY,
    FEMALE_GIVEN,
    GOVERNORATES,
    MALE_GIVEN,
    PLACES,
)

LINKAGE_COLUMNS: tuple[str, ...] = (
    "record_id", "source", "full_name", "given_name", "father_name",
    "grandfather_name", "family_name", "mother_name", "sex", "birth_date", "birth_place",
    "governorate", "national_id", "event_date", "event_place", "facility", "death_date",
)  # fmt: skip
TRUTH_COLUMN = "person_id"


@dataclass(frozen=True)
class LinkageSpec:
    """What to generate; the module docstring says what each share means."""

    records: int = 10_000
    """About this many records in all (exactly this many, in fact)."""
    seed: int = 0
    latin: float = 0.28
    """Share of records from the two Latin-script NGO lists."""
    mother_only: float = 0.06
    """Share of records (testimonies) with only a given name and a mother's name."""
    once: float = 0.45
    """Share of people who appear in exactly one record."""
    siblings: float = 0.20
    """Share of people with a brother or sister in the data."""
    cousins: float = 0.15
    """Share of people with a paternal cousin (or half-brother) in the data."""
    namesakes: float = 0.05
    """Share of people named exactly like an unrelated person (given, father, family)."""
    invented_families: float = 0.6
    """Share of clans whose family name comes from the invented long tail (:mod:`.families`)."""
    rare_families: float = 0.5
    """Share of the other clans whose family name comes from the tail made of given names."""
    noise: float = 1.0
    """Multiplies every noise rate; 0 leaves every value present true."""


@dataclass(frozen=True)
class LinkageInfo:
    """What was written."""

    path: Path
    records: int
    people: int


def generate_linkage_records(spec: LinkageSpec) -> Iterator[dict[str, str]]:
    """Each record: every LINKAGE_COLUMNS key (str, "" when empty) plus "person_id" (the truth)."""
    _check(spec)
    return _records(spec)


def _records(spec: LinkageSpec) -> Iterator[dict[str, str]]:
    rng = random.Random(spec.seed)
    clerk = _Clerk(rng, spec.noise)
    counters = dict.fromkeys((source.code for source in _SOURCES), 0)
    width = max(6, len(str(spec.records)))
    buffer: list[dict[str, str]] = []

    def out(record: dict[str, str]) -> dict[str, str]:
        code = _CODES[record["source"]]
        counters[code] += 1
        record["record_id"] = f"{code}-{counters[code]:0{width}d}"
        return record

    for person, source in islice(_drafts(spec, rng), spec.records):
        record = source.write(person, clerk)
        record["source"] = source.name
        record[TRUTH_COLUMN] = person.pid
        if len(buffer) < _MIX:
            buffer.append(record)
        else:
            k = rng.randrange(_MIX)
            buffer[k], record = record, buffer[k]
            yield out(record)
    rng.shuffle(buffer)
    for record in buffer:
        yield out(record)


def _drafts(spec: LinkageSpec, rng: random.Random) -> Iterator[tuple[_Person, _Source]]:
    """Each person with the source of each of their records, endlessly."""
    sourcing = _Sourcing(spec, rng)
    for person in _people(spec, rng):
        for source in sourcing(person):
            yield person, source


def write_linkage_csv(path: Path, spec: LinkageSpec, truth: bool = True) -> LinkageInfo:
    """UTF-8 CSV with LINKAGE_COLUMNS (+ person_id column when truth); what was written."""
    columns = [*LINKAGE_COLUMNS, TRUTH_COLUMN] if truth else list(LINKAGE_COLUMNS)
    path.parent.mkdir(parents=True, exist_ok=True)
    people: set[str] = set()
    records = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for record in generate_linkage_records(spec):
            writer.writerow([record[column] for column in columns])
            people.add(record[TRUTH_COLUMN])
            records += 1
    return LinkageInfo(path, records, len(people))


def split_by_source(path: Path) -> list[Path]:
    """One file per list (``<stem>-<source>.csv``), each with every column of ``path``.

    In a registry each list is its own source, and population estimates need
    them apart: the overlap between lists is what they count.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        parts: dict[str, list[dict[str, str]]] = {}
        for record in reader:
            parts.setdefault(record["source"], []).append(record)
    written = []
    for source, rows in sorted(parts.items()):
        target = path.with_name(f"{path.stem}-{source}.csv")
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(target)
    return written


_MIX = 20_000
_SHARES = (
    "latin", "mother_only", "once", "siblings", "cousins", "namesakes", "invented_families",
    "rare_families",
)  # fmt: skip


def _check(spec: LinkageSpec) -> None:
    problems = [
        f"{name} must be between 0 and 1" for name in _SHARES if not 0 <= getattr(spec, name) <= 1
    ]
    if spec.records < 0:
        problems.append("records must be >= 0")
    if spec.latin + spec.mother_only > 1:
        problems.append("latin + mother_only must not exceed 1")
    if spec.noise < 0:
        problems.append("noise must be >= 0")
    if problems:
        raise InvalidInput("; ".join(problems))


# ---------------------------------------------------------------- people


@dataclass(slots=True)
class _Person:
    pid: str
    given: str
    father: str
    grandfather: str
    family: str
    mother: str
    mother_family: str
    sex: str
    birth: date
    birth_place: str
    governorate: str
    national_id: str
    event: date
    event_place: str
    facility: str
    death: date | None


class _Pick:
    """Weighted choice by bisection on precomputed cumulative weights."""

    def __init__(
        self, rng: random.Random, table: tuple[tuple[str, ...], tuple[float, ...]]
    ) -> None:
        self._random = rng.random
        self._names = table[0]
        self._cumulative = list(accumulate(table[1]))
        self._total = self._cumulative[-1]

    def __call__(self, unlike: str = "") -> str:
        while True:
            name = self._names[bisect(self._cumulative, self._random() * self._total)]
            if name != unlike:
                return name


_FIRST_EVENT = date(2011, 3, 15).toordinal()
_LAST_EVENT = date(2024, 11, 30).toordinal()
_LIBERATION = date(2024, 12, 8).toordinal()
_SIBLING_SIZES = (2, 2, 2, 2, 2, 2, 3, 3, 3, 4)  # mean 2.5
_CLAN_SIZES = (2, 2, 2, 2, 2, 2, 2, 3, 3, 3)  # mean 2.3
_RECORD_COUNTS = tuple(accumulate((45, 28, 16, 6, 3, 2)))  # 2..7 records
_ODD_BASES = frozenset(("أبو بكر", "لؤي", "معاذ"))


def _tail_families() -> dict[str, tuple[str, str]]:
    """Family names made of given names, as many Syrian families' are: الخالد, أبو حسن, يوسف.

    Each maps to how it is made (article, abu or bare) and its given name, so that
    its Latin spelling can be made from the given name's.
    """
    tail: dict[str, tuple[str, str]] = {}
    for given in MALE_GIVEN[0]:
        if given in _ODD_BASES:
            continue
        if not given.endswith(" الدين"):
            tail.setdefault("ال" + given, ("al", given))
            tail.setdefault("أبو " + given, ("abu", given))
        tail.setdefault(given, ("", given))
    return tail


_TAIL = _tail_families()
_TAIL_NAMES = tuple(_TAIL)
_INVENTED_SPOKEN = dict(zip(*invented_families()[:2], strict=True))
_GOVERNORATE_CODES = {name: f"{n + 1:02d}" for n, name in enumerate(GOVERNORATES[0])}
_ARRESTS = ("دمشق", "ريف دمشق", "حمص", "حلب")  # where people were taken at checkpoints


def _people(spec: LinkageSpec, rng: random.Random) -> Iterator[_Person]:
    """Clans of households of the disappeared, endlessly; the caller stops."""
    rand = rng.random
    male, female = _Pick(rng, MALE_GIVEN), _Pick(rng, FEMALE_GIVEN)
    family, governorate = _Pick(rng, FAMILY), _Pick(rng, GOVERNORATES)
    facility = _Pick(rng, FACILITIES)
    names, _, weights = invented_families()
    invented = _Pick(rng, (names, weights))

    def any_family() -> str:
        if rand() < spec.invented_families:
            return invented()
        return rng.choice(_TAIL_NAMES) if rand() < spec.rare_families else family()

    in_household = spec.siblings / (2.5 * (1 - spec.siblings) + spec.siblings)
    in_clan = spec.cousins / (2.3 * (1 - spec.cousins) + spec.cousins)
    per_clan = (1 + 1.3 * in_clan) * (1 + 1.5 * in_household)
    namesake = min(1.0, spec.namesakes * per_clan)
    recent: list[_Person] = []
    number = 0
    while True:
        template = rng.choice(recent) if recent and rand() < namesake else None
        home = template.governorate if template and rand() < 0.5 else governorate()
        surname = template.family if template else any_family()
        grandfather = male(template.grandfather if template else "")
        households = rng.choice(_CLAN_SIZES) if rand() < in_clan else 1
        fathers: list[str] = []
        for h in range(households):
            if template and h == 0:
                father = template.father
            elif fathers and rand() < 0.1:
                father = fathers[0]  # a second wife's household: half-brothers
            else:
                father = male(grandfather)
                while father in fathers:
                    father = male(grandfather)
            fathers.append(father)
            mother = female(template.mother if template and h == 0 else "")
            mother_family = surname if rand() < 0.25 else any_family()
            children = rng.choice(_SIBLING_SIZES) if rand() < in_household else 1
            given_names: list[str] = []
            event = _FIRST_EVENT + int(rng.betavariate(1.3, 3.5) * (_LAST_EVENT - _FIRST_EVENT))
            first = event - int(rng.triangular(15, 70, 24) * 365.25)
            youngest = eldest = first
            place = rng.choice(PLACES[home])
            taken_at = place if rand() < 0.65 else rng.choice(PLACES[rng.choice(_ARRESTS)])
            branch = facility()
            for child in range(children):
                if template and h == 0 and child == 0:
                    sex, given = template.sex, template.given
                else:
                    sex = "F" if rand() < 0.07 else "M"
                    if sex == "M" and child == 0 and rand() < 0.12:
                        given = grandfather
                    else:
                        given = female() if sex == "F" else male(father)
                    while given in given_names or given == father:
                        given = female() if sex == "F" else male(father)
                given_names.append(given)
                born = first
                if child:
                    if rand() >= 0.4:  # not arrested together with the first
                        event = _FIRST_EVENT + int(
                            rng.betavariate(1.3, 3.5) * (_LAST_EVENT - _FIRST_EVENT)
                        )
                        taken_at = (
                            place if rand() < 0.65 else rng.choice(PLACES[rng.choice(_ARRESTS)])
                        )
                        branch = facility()
                    born = youngest + rng.randrange(550, 2900)  # a younger brother or sister
                    if born > event - 14 * 365:
                        born = eldest - rng.randrange(550, 2900)  # or an elder one
                        born = max(born, event - 75 * 365)
                    youngest, eldest = max(youngest, born), min(eldest, born)
                died = None
                if rand() < 0.3:
                    died = date.fromordinal(min(event + rng.randrange(3, 4 * 365), _LIBERATION))
                number += 1
                person = _Person(
                    pid=f"person-{number:07d}",
                    given=given,
                    father=father,
                    grandfather=grandfather,
                    family=surname,
                    mother=mother,
                    mother_family=mother_family,
                    sex=sex,
                    birth=date.fromordinal(born),
                    birth_place=place if rand() < 0.9 else rng.choice(PLACES[governorate()]),
                    governorate=home,
                    national_id=_GOVERNORATE_CODES[home] + f"{rng.randrange(10**9):09d}",
                    event=date.fromordinal(event),
                    event_place=taken_at,
                    facility=branch,
                    death=died,
                )
                if len(recent) < 2048:
                    recent.append(person)
                else:
                    recent[rng.randrange(2048)] = person
                yield person


class _Sourcing:
    """Where each person's records come from.

    One draw per record; a source the person already has is drawn again (up to
    twice), so duplicates within a source stay few. Redrawing favours the small
    sources, so each draw leans against the script classes' running surplus
    (Latin lists, testimonies, Arabic lists), which keeps their shares at
    ``latin`` and ``mother_only`` (within a fraction of a percent).
    """

    def __init__(self, spec: LinkageSpec, rng: random.Random) -> None:
        self.spec, self.rng = spec, rng
        self.targets = (spec.latin, spec.mother_only, 1 - spec.latin - spec.mother_only)
        self.counts = [0, 0, 0]
        self.made = 0

    def __call__(self, person: _Person) -> list[_Source]:
        rng = self.rng
        count = 1
        if rng.random() >= self.spec.once:
            count = 2 + bisect(_RECORD_COUNTS, rng.random() * _RECORD_COUNTS[-1])
        chosen: list[_Source] = []
        weights = list(accumulate(self._leaning()))
        for _ in range(count):
            for _ in range(1 + _REDRAWS):
                kind = bisect(weights, rng.random() * weights[-1])
                source = self._source(kind, person)
                if source not in chosen:
                    break
            chosen.append(source)
            self.counts[kind] += 1
            self.made += 1
        return chosen

    def _leaning(self) -> list[float]:
        leaning = []
        for target, count in zip(self.targets, self.counts, strict=True):
            surplus = (count - target * self.made) / (self.made + 50)
            leaning.append(
                target * min(5.0, max(0.05, 1 - 20 * surplus / target)) if target else 0.0
            )
        return leaning

    def _source(self, kind: int, person: _Person) -> _Source:
        rng = self.rng
        if kind == 0:
            return _NGO_A if rng.random() < 0.55 else _NGO_B
        if kind == 1:
            return _TESTIMONIES
        if person.death is not None:
            roll = rng.random()
            return _PRISON if roll < 0.35 else _DEATHS if roll < 0.7 else _FAMILY
        return _PRISON if rng.random() < 0.5 else _FAMILY


_REDRAWS = 2


# ---------------------------------------------------------------- writing


_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NO_HAMZA = str.maketrans("أإآ", "ااا")
_HA = str.maketrans("ة", "ه")
_YA = str.maketrans("ى", "ي")
_JOINS = (("عبد ", "عبد"), ("أبو ", "أبو"), (" الدين", "الدين"), ("العبد ", "العبد"))
_DIGIT_MISREADS = str.maketrans("1734865092", "7183564928")
_SOUND_ALIKE = {"ذ": "ز", "ث": "س", "ظ": "ض", "ص": "س", "ط": "ت", "ض": "د", "ح": "ه", "ق": "ك"}
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "محمد": ("حمودة", "محمد (حمودة)"), "أحمد": ("حمادة",), "إبراهيم": ("برهوم",),
    "عبد الله": ("عبدو",), "عبد الرحمن": ("عبدو", "عبد الرحمن (عبدو)"), "عبد القادر": ("قدور",),
    "عبد الرزاق": ("رزوق",), "عبد الكريم": ("كريم",), "عبد الحميد": ("حميد",),
    "صلاح الدين": ("صلاح",), "نور الدين": ("نور",), "محي الدين": ("محي",), "مصطفى": ("صطوف",),
    "يوسف": ("أبو يعقوب",), "خالد": ("أبو الوليد",), "عمر": ("أبو حفص",), "علي": ("أبو الحسن",),
    "فاطمة": ("فطوم",),
    "خديجة": ("خدوج",), "عائشة": ("عيوش",), "زينب": ("زينو",),
}  # fmt: skip
_FACILITY_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # official name: (how families and survivors say it, how English-language lists write it)
    "سجن صيدنايا العسكري": (
        ("صيدنايا", "سجن صيدنايا"),
        ("Saydnaya Military Prison", "Sednaya prison", "Sednaya"),
    ),
    "فرع فلسطين (235)": (("فرع فلسطين", "الفرع 235"), ("Palestine Branch", "Branch 235")),
    "الفرع 215": (("فرع المداهمة", "الفرع 215"), ("Branch 215", "Raids Branch (215)")),
    "الفرع 227": (("فرع المنطقة", "الفرع 227"), ("Branch 227", "Area Branch 227")),
    "فرع المخابرات الجوية - المزة": (
        ("المخابرات الجوية", "الجوية بالمزة"),
        ("Air Force Intelligence, Mezzeh", "Mezzeh airport", "AFI Mezzeh"),
    ),
    "الفرع 251": (("فرع الخطيب", "الفرع 251"), ("Al-Khatib Branch", "Branch 251")),
    "الفرع 291": (("الفرع 291",), ("Branch 291",)),
    "سجن عدرا المركزي": (("سجن عدرا", "عدرا"), ("Adra Central Prison", "Adra prison")),
    "فرع الأمن العسكري في حمص (261)": (
        ("الأمن العسكري بحمص", "الفرع 261"),
        ("Military Security Homs (261)", "Branch 261"),
    ),
    "الفرع 248": (("فرع التحقيق العسكري", "الفرع 248"), ("Branch 248",)),
    "سجن حمص المركزي": (("سجن حمص",), ("Homs Central Prison",)),
    "فرع الأمن السياسي": (("الأمن السياسي",), ("Political Security Branch",)),
}
_GOVERNORATES_EN: dict[str, tuple[str, ...]] = {
    "ريف دمشق": ("Rif Dimashq", "Damascus Countryside", "Rural Damascus", "Reef Damascus"),
    "حلب": ("Aleppo", "Halab"), "حمص": ("Homs", "Hims"), "درعا": ("Daraa", "Dar'a", "Deraa"),
    "حماة": ("Hama", "Hamah"), "إدلب": ("Idlib", "Idleb"), "دمشق": ("Damascus",),
    "دير الزور": ("Deir ez-Zor", "Deir Ezzor", "Dayr al-Zawr"), "اللاذقية": ("Latakia", "Lattakia"),
    "الرقة": ("Raqqa", "Ar-Raqqah"), "الحسكة": ("Hasakah", "Al-Hasakah", "Hassakeh"),
    "طرطوس": ("Tartus", "Tartous"), "السويداء": ("As-Suwayda", "Sweida"),
    "القنيطرة": ("Quneitra", "Al-Qunaytirah"),
}  # fmt: skip
_ENGLISH, _FRENCH, _CHAT, _SCHOLARLY = "english", "french", "chat", "scholarly"


@dataclass(frozen=True)
class _Typing:
    """One typist's habits, kept for a whole record."""

    hamza: bool
    ha: bool
    ya: bool
    joined: bool
    article: bool


class _Clerk:
    """Writes values the way sources do: habits always, noise scaled by ``noise``."""

    def __init__(self, rng: random.Random, noise: float) -> None:
        self.rng = rng
        self.random = rng.random
        self.noise = noise
        self.governorate = _Pick(rng, GOVERNORATES)
        self.facility = _Pick(rng, FACILITIES)
        self.last_id = ""

    def slip(self, rate: float) -> bool:
        """Whether a noise of this (unscaled) rate happens."""
        return self.random() < rate * self.noise

    def record(self) -> dict[str, str]:
        return dict.fromkeys(LINKAGE_COLUMNS, "")

    def arabic(self, name: str, typo: float, typing: _Typing | None = None) -> str:
        if typing is not None:
            name = _typed(name, typing)
        return _arabic_typo(name, self.rng) if self.slip(typo) else name

    def typing(self) -> _Typing:
        r = self.random
        return _Typing(r() < 0.5, r() < 0.25, r() < 0.25, r() < 0.5, r() < 0.1)

    def latin(self, names: list[str], mix: tuple[tuple[str, ...], list[float]]) -> str:
        rng = self.rng
        style = rng.choices(mix[0], cum_weights=mix[1])[0]
        words = []
        for name in names:
            spelt = _latin(name, rng, style if self.random() >= 0.15 else None)
            words.append(_latin_typo(spelt, rng) if self.slip(0.03) else spelt)
        return " ".join(words)

    def date(
        self,
        value: date,
        shares: tuple[float, float, float],
        shift: float = 0.0,
        swap: float = 0.0,
        january: float = 0.0,
    ) -> str:
        """ISO date at a precision drawn from (day, month, year) shares ("" for the rest)."""
        roll = self.random()
        year, month, day = value.year, value.month, value.day
        if shift and self.slip(shift):
            year += 1 if self.random() < 0.5 else -1
            day = min(day, 28) if month == 2 else day
        if roll < shares[0]:
            if january and self.slip(january):
                month = day = 1
            elif swap and day <= 12 and day != month and self.slip(swap):
                month, day = day, month
            return f"{year:04d}-{month:02d}-{day:02d}"
        if roll < shares[0] + shares[1]:
            return f"{year:04d}-{month:02d}"
        if roll < shares[0] + shares[1] + shares[2]:
            return f"{year:04d}"
        return ""

    def place_of(self, person: _Person, present: float, missing: float, wrong: float) -> str:
        if self.random() >= present or self.slip(missing):
            return ""
        return self.governorate(person.governorate) if self.slip(wrong) else person.governorate

    def national_id(self, person: _Person, present: float) -> str:
        if self.random() >= present:
            return ""
        number = person.national_id
        if self.slip(0.02):
            k = self.rng.randrange(2, len(number) - 1)
            number = number[:k] + number[k + 1] + number[k] + number[k + 2 :]
        return number

    def sex(self, person: _Person, present: float) -> str:
        if self.random() >= present:
            return ""
        if self.slip(0.005):
            return "F" if person.sex == "M" else "M"
        return person.sex


_ARTICLES = ("Al-", "Al ", "El-", "El ", "al-")
_ABU = ("Abu ", "Abou ", "Abo ", "Abu-")
_ABBREVIATED = frozenset(("mhd", "moh'd", "mohd", "md"))


def _latin(name: str, rng: random.Random, style: str | None) -> str:
    """A Latin spelling of a vocabulary name, an invented one, or a family name made of a
    given name."""
    if name in _INVENTED_SPOKEN and name not in SPOKEN:
        return spell(_INVENTED_SPOKEN[name], rng, style)
    if name in SPOKEN or name not in _TAIL:
        return latin_spelling(name, rng, style)
    kind, given = _TAIL[name]
    spelt = latin_spelling(given, rng, style)
    while spelt.lower() in _ABBREVIATED:
        spelt = latin_spelling(given, rng, style)
    if kind == "al":
        return "Al" + spelt.lower() if rng.random() < 0.15 else rng.choice(_ARTICLES) + spelt
    if kind == "abu":
        return rng.choice(_ABU) + spelt
    return spelt


def _typed(name: str, typing: _Typing) -> str:
    if typing.joined:
        for spaced, joined in _JOINS:
            if spaced in name:
                name = name.replace(spaced, joined)
    if typing.hamza:
        name = name.translate(_NO_HAMZA)
    if typing.ha:
        name = name.translate(_HA)
    if typing.ya:
        name = name.translate(_YA)
    return name


def _arabic_typo(name: str, rng: random.Random) -> str:
    """A slip of hurried typing: a letter dropped, doubled, swapped or written as it sounds."""
    letters = [k for k, ch in enumerate(name) if ch != " " and ch != "(" and ch != ")"]
    if len(letters) < 3:
        return name
    k = rng.choice(letters[1:])
    slip = rng.random()
    if slip < 0.3 and name[k] in _SOUND_ALIKE:
        return name[:k] + _SOUND_ALIKE[name[k]] + name[k + 1 :]
    if slip < 0.55 and len(letters) > 3:
        return name[:k] + name[k + 1 :]
    if slip < 0.75:
        return name[:k] + name[k] + name[k:]
    j = k - 1
    if name[j] == " ":
        return name
    return name[:j] + name[k] + name[j] + name[k + 1 :]


def _latin_typo(name: str, rng: random.Random) -> str:
    if len(name) < 4:
        return name
    k = rng.randrange(1, len(name) - 1)
    slip = rng.random()
    if slip < 0.4:
        return name[:k] + name[k + 1 :]
    if slip < 0.7:
        return name[:k] + name[k] + name[k:]
    return name[:k] + name[k + 1] + name[k] + name[k + 2 :]


def _mother(person: _Person, with_family: float, clerk: _Clerk) -> str:
    if clerk.random() < with_family:
        return f"{person.mother} {person.mother_family}"
    return person.mother


def _given(person: _Person, nickname: float, clerk: _Clerk) -> str:
    nicknames = _NICKNAMES.get(person.given)
    if nicknames and clerk.slip(nickname):
        return clerk.rng.choice(nicknames)
    return person.given


def _prison(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """A prison or branch register: separate Arabic fields, clerks' dates, some ids."""
    random, record = clerk.random, clerk.record()
    record["given_name"] = clerk.arabic(person.given, 0.02)
    record["father_name"] = "" if clerk.slip(0.03) else clerk.arabic(person.father, 0.02)
    if random() < 0.6:
        record["grandfather_name"] = clerk.arabic(person.grandfather, 0.02)
    record["family_name"] = clerk.arabic(person.family, 0.02)
    if random() < 0.9:
        record["mother_name"] = clerk.arabic(_mother(person, 0.3, clerk), 0.02)
    record["sex"] = clerk.sex(person, 1.0)
    record["birth_date"] = clerk.date(person.birth, (0.45, 0.0, 0.5), shift=0.04, swap=0.02)
    record["birth_place"] = person.birth_place if random() < 0.8 else ""
    record["governorate"] = clerk.place_of(person, 0.6, 0.05, 0.03)
    national_id = clerk.national_id(person, 0.4)
    if national_id and clerk.last_id and clerk.slip(0.01):
        national_id = clerk.last_id  # copied from the row above
    clerk.last_id = national_id or clerk.last_id
    record["national_id"] = national_id
    record["event_date"] = clerk.date(person.event, (1.0, 0.0, 0.0), swap=0.02)
    record["event_place"] = person.event_place if random() < 0.7 else ""
    record["facility"] = clerk.facility(person.facility) if clerk.slip(0.2) else person.facility
    if person.death is not None and random() < 0.4:
        record["death_date"] = clerk.date(person.death, (1.0, 0.0, 0.0), swap=0.02)
    if random() < 0.3:
        for field in ("birth_date", "national_id", "event_date", "death_date"):
            record[field] = record[field].translate(_EASTERN)
    return record


def _deaths(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """A scanned list of deaths: one OCR'd Arabic name line, a death date, often a birth year."""
    random, rng, record = clerk.random, clerk.rng, clerk.record()
    roll = random()
    if roll < 0.2:
        chain = [person.given, person.father, person.grandfather, person.family]
    elif roll < 0.3:
        chain = [person.given, person.family]
    else:
        chain = [person.given, person.father, person.family]
    if clerk.slip(0.03):
        chain = [person.given, person.family]  # the father's name lost
    name = " ".join(chain)
    record["full_name"] = ocr_misreading(name, rng) if clerk.slip(0.4) else name
    if random() < 0.5:
        mother = person.mother
        record["mother_name"] = ocr_misreading(mother, rng) if clerk.slip(0.4) else mother
    record["sex"] = clerk.sex(person, 0.5)
    record["birth_date"] = clerk.date(person.birth, (0.35, 0.0, 0.55), shift=0.04, swap=0.02)
    record["birth_place"] = person.birth_place if random() < 0.5 else ""
    record["national_id"] = clerk.national_id(person, 0.25)
    assert person.death is not None
    record["death_date"] = clerk.date(person.death, (1.0, 0.0, 0.0), swap=0.02)
    record["facility"] = person.facility if random() < 0.2 else ""
    for field in ("birth_date", "death_date", "national_id"):
        if record[field] and clerk.slip(0.04):
            k = rng.randrange(len(record[field]))
            value = record[field]
            misread = value[:k] + value[k].translate(_DIGIT_MISREADS) + value[k + 1 :]
            if field == "national_id" or _valid_iso(misread):
                record[field] = misread
    return record


def _family(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """A relative's report: informal Arabic, the mother's name, approximate dates."""
    random, rng, record = clerk.random, clerk.rng, clerk.record()
    typing = clerk.typing()
    record["given_name"] = clerk.arabic(_given(person, 0.08, clerk), 0.04, typing)
    record["father_name"] = "" if clerk.slip(0.03) else clerk.arabic(person.father, 0.04, typing)
    if random() < 0.3:
        record["grandfather_name"] = clerk.arabic(person.grandfather, 0.04, typing)
    if not clerk.slip(0.12):
        family = person.family
        if typing.article and family.startswith("ال") and " " not in family:
            family = family[2:]
        record["family_name"] = clerk.arabic(family, 0.04, typing)
    record["mother_name"] = clerk.arabic(_mother(person, 0.4, clerk), 0.04, typing)
    record["sex"] = clerk.sex(person, 0.9)
    record["birth_date"] = clerk.date(person.birth, (0.3, 0.0, 0.55), shift=0.08, swap=0.06)
    record["birth_place"] = person.birth_place if random() < 0.4 else ""
    record["governorate"] = clerk.place_of(person, 0.85, 0.05, 0.08)
    record["national_id"] = clerk.national_id(person, 0.3)
    event = person.event
    if clerk.slip(0.3):
        event = date.fromordinal(event.toordinal() + rng.randrange(-60, 61))
    record["event_date"] = clerk.date(event, (0.4, 0.3, 0.25), swap=0.06)
    record["event_place"] = person.event_place if random() < 0.7 else ""
    if random() < 0.25:
        record["facility"] = rng.choice(_FACILITY_NAMES[person.facility][0])
    if person.death is not None and random() < 0.15:
        record["death_date"] = clerk.date(person.death, (0.5, 0.3, 0.2), swap=0.06)
    return record


_MIX_A = ((_ENGLISH, _SCHOLARLY, _FRENCH, _CHAT), list(accumulate((0.6, 0.2, 0.15, 0.05))))
_MIX_B = ((_FRENCH, _ENGLISH, _CHAT), list(accumulate((0.4, 0.35, 0.25))))


def _latin_chain(person: _Person, clerk: _Clerk, family_first: float) -> list[str]:
    roll = clerk.random()
    if roll < 0.15:
        chain = [person.given, person.father, person.grandfather, person.family]
    elif roll < 0.35:
        chain = [person.given, person.family]
    else:
        chain = [person.given, person.father, person.family]
    if clerk.random() < family_first:
        chain = [chain[-1], *chain[:-1]]
    return chain


def _ngo(
    person: _Person, clerk: _Clerk, mix: tuple[tuple[str, ...], list[float]], b: bool
) -> dict[str, str]:
    random, rng, record = clerk.random, clerk.rng, clerk.record()
    record["full_name"] = clerk.latin(_latin_chain(person, clerk, 0.1 if b else 0.0), mix)
    if b and random() < 0.6:
        mother = [person.mother, person.mother_family] if random() < 0.3 else [person.mother]
        record["mother_name"] = clerk.latin(mother, mix)
    record["sex"] = clerk.sex(person, 0.8)
    record["birth_date"] = clerk.date(
        person.birth, (0.45, 0.15, 0.4), shift=0.06, swap=0.08, january=0.0 if b else 0.1
    )
    if random() < 0.8 and not clerk.slip(0.05):
        home = clerk.governorate(person.governorate) if clerk.slip(0.04) else person.governorate
        record["governorate"] = rng.choice(_GOVERNORATES_EN[home])
    record["event_date"] = clerk.date(person.event, (0.5, 0.3, 0.15), swap=0.08)
    if random() < 0.35:
        record["facility"] = rng.choice(_FACILITY_NAMES[person.facility][1])
    if person.death is not None and random() < 0.4:
        record["death_date"] = clerk.date(person.death, (0.6, 0.2, 0.2), swap=0.08)
    return record


def _ngo_a(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """An NGO's English-language list: romanised full names, English governorates."""
    return _ngo(person, clerk, _MIX_A, b=False)


def _ngo_b(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """Another NGO's list, French- and chat-leaning, with mothers' names, some family-first."""
    return _ngo(person, clerk, _MIX_B, b=True)


def _testimony(person: _Person, clerk: _Clerk) -> dict[str, str]:
    """A survivor's memory of a cellmate: a given name, the mother's name, maybe a year."""
    random, rng, record = clerk.random, clerk.rng, clerk.record()
    typing = clerk.typing()
    record["given_name"] = clerk.arabic(_given(person, 0.12, clerk), 0.04, typing)
    record["mother_name"] = clerk.arabic(person.mother, 0.04, typing)
    record["sex"] = clerk.sex(person, 1.0)
    if random() < 0.5:
        record["birth_date"] = clerk.date(person.birth, (0.0, 0.0, 1.0), shift=0.15)
    if random() < 0.4:
        record["facility"] = rng.choice(_FACILITY_NAMES[person.facility][0])
    return record


def _valid_iso(text: str) -> bool:
    try:
        date.fromisoformat(text) if len(text) == 10 else int(text[:4])
    except ValueError:
        return False
    return 1935 <= int(text[:4]) <= 2024


@dataclass(frozen=True)
class _Source:
    code: str
    name: str
    write: Callable[[_Person, _Clerk], dict[str, str]]


_PRISON = _Source("src1", "prison_register", _prison)
_DEATHS = _Source("src2", "death_list", _deaths)
_FAMILY = _Source("src3", "family_reports", _family)
_NGO_A = _Source("src4", "ngo_list_a", _ngo_a)
_NGO_B = _Source("src5", "ngo_list_b", _ngo_b)
_TESTIMONIES = _Source("src6", "testimonies", _testimony)
_SOURCES = (_PRISON, _DEATHS, _FAMILY, _NGO_A, _NGO_B, _TESTIMONIES)
_CODES = {source.name: source.code for source in _SOURCES}
