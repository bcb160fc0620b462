"""Which stratum a person belongs to, from the values their records carry.

Estimates are made stratum by stratum because capture probabilities differ by
place and period (a register of one branch lists people from a few
governorates only); pooling such strata biases the estimate down. A person's
records may disagree (one list says Homs, another Hama): the value most of
their records give wins, ties to the earliest spelling, and a person with no
value at all is counted in an ``unknown`` stratum rather than dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from mafqud.names import name_key
from mafqud.names.places import governorate_of

UNKNOWN = "unknown"

AGE_GROUPS = ((0, "0-17"), (18, "18-29"), (30, "30-44"), (45, "45-59"), (60, "60+"))
"""Age at disappearance (event year − birth year), in the bands of casualty reporting."""

Record = Mapping[str, str | None]


def governorate(records: Sequence[Record]) -> str:
    """The governorate most of the person's records name, by its Arabic name when known."""
    return _most_common(_place(r.get("governorate")) for r in records)


def facility(records: Sequence[Record]) -> str:
    """The branch or prison most records name (spellings merged by :func:`merge_spellings`)."""
    return _most_common((r.get("facility") or "").strip() for r in records)


def period(records: Sequence[Record]) -> str:
    """The year of disappearance: the earliest event year any record gives."""
    years = [y for r in records if (y := _year(r.get("event_date"))) is not None]
    return str(min(years)) if years else UNKNOWN


def sex(records: Sequence[Record]) -> str:
    return _most_common(r.get("sex") or None for r in records)


def age_group(records: Sequence[Record]) -> str:
    """Age at disappearance from the earliest birth and event years the records give."""
    births = [y for r in records if (y := _year(r.get("birth_date"))) is not None]
    events = [y for r in records if (y := _year(r.get("event_date"))) is not None]
    if not births or not events:
        return UNKNOWN
    age = min(events) - min(births)
    if age < 0:
        return UNKNOWN
    return [label for start, label in AGE_GROUPS if age >= start][-1]


DIMENSIONS: dict[str, Callable[[Sequence[Record]], str]] = {
    "governorate": governorate,
    "period": period,
    "facility": facility,
    "sex": sex,
    "age-group": age_group,
}
"""What ``--by`` accepts, and how each reads a person's records."""

FIELDS = ("governorate", "event_date", "facility", "sex", "birth_date")
"""The record fields the dimensions read."""


def merge_spellings(strata: Mapping[str, int]) -> dict[str, str]:
    """Each stratum value → the commonest spelling with its cross-script key.

    ``Branch 235`` and ``branch 235`` (or ``فرع فلسطين`` and ``Far' Falastin``)
    are one stratum; it is named by the spelling most persons' records use.
    """
    groups: dict[str, list[str]] = {}
    for value in strata:
        key = name_key(value) if value != UNKNOWN else UNKNOWN
        groups.setdefault(key or value, []).append(value)
    merged = {}
    for values in groups.values():
        label = max(values, key=lambda v: (strata[v], v))
        merged.update(dict.fromkeys(values, label))
    return merged


def _most_common(values: Iterable[str | None]) -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return UNKNOWN
    return str(max(counts.items(), key=lambda item: item[1])[0])


def _place(value: str | None) -> str | None:
    if not value or not name_key(value):
        return None
    return governorate_of(value) or value.strip()


def _year(value: str | None) -> int | None:
    """The year of a stored date (ISO at its precision: 1978, 1978-03, 1978-03-12)."""
    head = (value or "")[:4]
    return int(head) if head.isdigit() else None
