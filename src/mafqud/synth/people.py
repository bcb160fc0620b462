"""Synthetic people: one invented person per row, seeded so runs are reproducible."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from mafqud.synth.vocabulary import (
    BODY_NOTES,
    DEATH_CAUSES,
    FACILITIES,
    FAMILY,
    FEMALE_GIVEN,
    GOVERNORATES,
    MALE_GIVEN,
    PLACES,
)


@dataclass(frozen=True)
class SyntheticPerson:
    """An invented detainee with the fields Syrian registers carry."""

    given_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    mother_name: str
    sex: str
    birth_date: date
    birth_place: str
    governorate: str
    national_id: str
    event_date: date
    event_place: str
    facility: str
    detainee_number: str
    death_date: date | None
    death_place: str | None
    death_cause: str | None
    notes: str | None


class _Picker:
    """Weighted choice with precomputed cumulative weights (fast enough for millions of rows)."""

    def __init__(self, rng: random.Random, table: tuple[tuple[str, ...], tuple[int, ...]]) -> None:
        self._rng = rng
        self._names = table[0]
        self._cumulative = list(accumulate(table[1]))

    def __call__(self) -> str:
        return self._rng.choices(self._names, cum_weights=self._cumulative)[0]


def generate_people(
    count: int, seed: int = 0, death_share: float = 0.3
) -> Iterator[SyntheticPerson]:
    """``count`` invented people; the same seed gives the same people."""
    rng = random.Random(seed)
    male, female = _Picker(rng, MALE_GIVEN), _Picker(rng, FEMALE_GIVEN)
    family, governorate = _Picker(rng, FAMILY), _Picker(rng, GOVERNORATES)
    facility, cause = _Picker(rng, FACILITIES), _Picker(rng, DEATH_CAUSES)
    for _ in range(count):
        sex = "F" if rng.random() < 0.07 else "M"
        home = governorate()
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(52 * 365))
        taken = date(2011, 3, 15) + timedelta(days=rng.randrange(10 * 365))
        dies = rng.random() < death_share
        died = taken + timedelta(days=rng.randrange(3, 5 * 365)) if dies else None
        place = rng.choice(PLACES[home])
        held = facility()
        yield SyntheticPerson(
            given_name=female() if sex == "F" else male(),
            father_name=male(),
            grandfather_name=male(),
            family_name=family(),
            mother_name=female(),
            sex=sex,
            birth_date=born,
            birth_place=place,
            governorate=home,
            national_id=f"{rng.randrange(1, 15):02d}{rng.randrange(10**9):09d}",
            event_date=taken,
            event_place=rng.choice(PLACES[home]),
            facility=held,
            detainee_number=str(rng.randrange(100, 99_999)),
            death_date=died,
            death_place=(
                f"مشفى {rng.choice(('تشرين', 'المزة', 'حرستا'))} العسكري" if dies else None
            ),
            death_cause=cause() if dies else None,
            notes=rng.choice(BODY_NOTES) if dies and rng.random() < 0.5 else None,
        )
