"""The linkage model: what is compared, at which levels, and which pairs are compared at all.

Splink's library comparisons are written for English names (Jaro–Winkler on
raw strings, Double Metaphone); ours compare the columns
:mod:`mafqud.linkage.features` makes, so that every level means something for
Syrian records:

* each part of the name chain at four levels — same Arabic name (with
  term-frequency adjustment: agreeing on محمد weighs less than on البقاعي),
  same cross-script key, keys within Jaro–Winkler 0.88 (a letter or an OCR
  dot apart), else — so a Latin-script NGO list meets an Arabic register;
* birth date at the precision each record gives: same day, same month or
  day and month swapped, same year, a year apart;
* mother's name, which Syrian civil records carry and which separates
  brothers' namesakes; national id (same, one digit off); sex; places;
  arrest/disappearance date and facility; death date.

There is no comparison of the whole chain beside its parts: it counted the
same agreement twice and made brothers (same father, grandfather, family
and mother) score as one person. Blocking keeps pairs that agree on three
parts of the chain (see :data:`BLOCKS`), so Latin and Arabic spellings of one
person meet while a common name never makes a block on its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
from splink import SettingsCreator
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.blocking_rule_library import CustomRule
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.comparison_library import CustomComparison

NAME_SIMILARITY = 0.88
"""Jaro–Winkler on keys above which two parts are a spelling or reading apart."""

PROBABILITY_TWO_RANDOM_RECORDS_MATCH = 1e-5
"""Starting prior; training re-estimates it from the data."""


def _null(*columns: str) -> ComparisonLevelCreator:
    condition = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)
    return cll.CustomLevel(condition, "missing").configure(is_null_level=True)


def name_part(part: str, canon: bool) -> ComparisonCreator:
    """One part of the name chain (given, father, grandfather, family, mother)."""
    key = f"{part}_key"
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [_null(key)]
    if canon:
        levels.append(
            cll.ExactMatchLevel(f"{part}_canon", term_frequency_adjustments=True).configure(
                label_for_charts="same Arabic name"
            )
        )
    levels.append(cll.ExactMatchLevel(key).configure(label_for_charts="same key"))
    if canon:
        levels.append(
            cll.ExactMatchLevel(f"{part}_rasm").configure(
                label_for_charts="same letters but for dots (OCR)"
            )
        )
        levels.append(
            cll.ExactMatchLevel(f"{part}_coarse").configure(
                label_for_charts="same key but for th, dh, d, z or q"
            )
        )
    levels += [
        cll.JaroWinklerLevel(key, NAME_SIMILARITY).configure(label_for_charts="similar key"),
        cll.ElseLevel(),
    ]
    return CustomComparison(levels, output_column_name=part, comparison_description=part)


def _graded(
    output: str, description: str, present: str, levels: list[tuple[str, str]]
) -> ComparisonCreator:
    """A comparison of SQL levels, most alike first, missing when ``present`` is missing."""
    return CustomComparison(
        [_null(present), *(cll.CustomLevel(sql, label) for sql, label in levels), cll.ElseLevel()],
        output_column_name=output,
        comparison_description=description,
    )


def birth_date() -> ComparisonCreator:
    """Birth date at each record's precision; lists swap day and month and slip a year."""
    return _graded("birth_date", "birth date", "birth_year", [
        ("birth_date_l = birth_date_r", "same day"),
        ("birth_ym_l = birth_ym_r OR (birth_year_l = birth_year_r AND birth_md_l = birth_dm_r)",
         "same month, or day and month swapped"),
        ("birth_year_l = birth_year_r", "same year"),
        ("abs(try_cast(birth_year_l AS INTEGER) - try_cast(birth_year_r AS INTEGER)) <= 1",
         "a year apart"),
    ])  # fmt: skip


def _simple(column: str, description: str, fuzzy: bool = False) -> ComparisonCreator:
    levels: list[ComparisonLevelCreator | dict[str, Any]] = [
        _null(column),
        cll.ExactMatchLevel(column),
    ]
    if fuzzy:  # one typo, or two digits swapped (7180230 / 7180320)
        levels.append(cll.DamerauLevenshteinLevel(column, 1))
    levels.append(cll.ElseLevel())
    return CustomComparison(levels, output_column_name=column, comparison_description=description)


def event() -> ComparisonCreator:
    """When the person was taken: same month, same year, else."""
    return _graded("event_date", "arrest or disappearance date", "event_year", [
        ("event_ym_l = event_ym_r", "same month"),
        ("event_year_l = event_year_r", "same year"),
    ])  # fmt: skip


def death() -> ComparisonCreator:
    return _graded("death_date", "death date", "death_year", [
        ("death_date_l = death_date_r", "same day"),
        ("death_year_l = death_year_r", "same year"),
    ])  # fmt: skip


def comparisons(present: Collection[str] | None = None) -> list[ComparisonCreator]:
    """The comparisons whose columns the records fill (all of them when ``present`` is None).

    A column no record fills cannot be trained and says nothing: leaving its
    comparison out is what lets a list without dates or places be linked.
    """
    candidates: list[tuple[str, ComparisonCreator]] = [
        ("given_key", name_part("given", canon=True)),
        ("father_key", name_part("father", canon=True)),
        ("grandfather_key", name_part("grandfather", canon=False)),
        ("family_key", name_part("family", canon=True)),
        ("mother_key", name_part("mother", canon=True)),
        ("birth_year", birth_date()),
        ("sex", _simple("sex", "sex")),
        ("national_id", _simple("national_id", "national id", fuzzy=True)),
        ("governorate_key", _simple("governorate_key", "governorate")),
        ("birth_place_key", _simple("birth_place_key", "birth place")),
        ("event_year", event()),
        ("facility_key", _simple("facility_key", "facility")),
        ("death_year", death()),
    ]
    return [comparison for column, comparison in candidates if present is None or column in present]


ONE_READING_EACH = "l.record_id <> r.record_id AND (l.reading IS NULL OR r.reading IS NULL)"
"""Pairs of two records, one of them at least as written: a record's two readings never meet,
and two records both read family name first are the same pair as written."""

AS_WRITTEN = "l.reading IS NULL AND r.reading IS NULL"
"""Pairs of records as written, for training: readings are guesses, not evidence."""


@dataclass(frozen=True)
class Block:
    """Pairs that agree on every one of ``columns`` — and, when ``unless`` is set, of which
    one record lacks some ``unless`` column (a sparse record may only meet others this way)."""

    columns: tuple[str, ...]
    unless: tuple[str, ...] = ()

    @property
    def admits_readings(self) -> bool:
        """Whether a family-name-first reading takes part: only in blocks that read the family
        name, the one thing such a reading changes. Elsewhere a reading would only pair its
        father's and family name, taken for given and father, with every "Ahmad son of Ali"
        born that year. The link index keys readings by the same rule."""
        return any(column.startswith(("family_", "chain_")) for column in self.columns)

    def rule(self, readings: str) -> BlockingRuleCreator:
        conditions = [f"l.{c} = r.{c}" for c in self.columns]
        if self.unless:
            lacking = " OR ".join(f"l.{c} IS NULL OR r.{c} IS NULL" for c in self.unless)
            conditions.append(f"({lacking})")
        return CustomRule(" AND ".join([*conditions, readings]), sql_dialect="duckdb")


BLOCKS: tuple[Block, ...] = (
    Block(("given_key", "father_key", "family_key")),
    Block(("given_key", "family_key", "birth_year")),
    Block(("given_key", "father_key", "birth_year")),
    Block(("given_key", "mother_key", "birth_year")),
    Block(("given_key", "father_key", "mother_key")),
    Block(("father_key", "family_key", "birth_year")),
    Block(("father_key", "family_key", "mother_key")),
    Block(("given_canon", "father_canon", "family_canon")),
    Block(("given_canon", "family_canon", "birth_year")),
    Block(("given_canon", "mother_canon", "birth_year")),
    Block(("given_rasm", "father_rasm", "family_rasm")),
    Block(("given_rasm", "family_rasm", "birth_year")),
    Block(("given_coarse", "father_coarse", "family_coarse")),
    Block(("given_coarse", "family_coarse", "birth_year")),
    Block(("given_coarse", "father_coarse", "birth_year")),
    Block(("chain_joined",)),
    Block(("given_key", "birth_date")),
    Block(("family_key", "birth_date")),
    Block(("national_id",)),
    Block(("given_key", "family_key"), unless=("father_key",)),
)
"""Pairs worth comparing. Three parts of the chain (or two and the birth year) agree by key,
by Arabic form (which a Latin typo such as Hishham keeps when the key loses it) or by dotless
skeleton, or the run-together chain, or the national id: blocks of two parts
alone grow with the square of a common name's count (محمد محمد) and would not let a million
records link on two cores. Records that carry only a given and a family name (a Latin list's
"Abdallah Dairi") meet others on those two. A testimony's given and mother's name alone
would join every محمد son of a فاطمة with every other: at 100,000 records that block took
more than half of the scoring time and added nothing measurable; a testimony with a birth
year meets others on given name, mother's name and year."""

TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("given_key", "birth_year"),
    ("given_key", "father_key", "mother_key"),
    ("father_key", "family_key", "birth_year"),
)
"""EM passes: each holds some comparisons fixed so that the others can be estimated.

Each pass keeps brothers apart (different national ids, given names or birth
years): brothers share father, mother and family name, and a block that lets
them in teaches EM that a family, not a person, is what matches.

Lists without parents' names (FEBRL, many NGO lists) can use only the first
pass, which holds the given name and birth date fixed and so never trains
them; for those, :data:`FALLBACK_TRAINING_BLOCK` trains them on pairs that
share a national id. It is a fallback only: on Syrian lists with parents'
names it taught the model to attach new records to the wrong person more
often (28 of 157 attachments against 4 of 143 without it, on 2,300 synthetic
records)."""

FALLBACK_TRAINING_BLOCK: tuple[str, ...] = ("national_id",)


SURE_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("given_key", "father_key", "family_key", "mother_key", "birth_year"),
    ("given_key", "father_key", "grandfather_key", "family_key"),
    ("given_key", "national_id"),
)
"""Near-certain matches, from which training estimates how many pairs match at all."""


def _rules(
    blocks: tuple[tuple[str, ...], ...], present: Collection[str] | None
) -> list[BlockingRuleCreator]:
    return [Block(columns).rule(AS_WRITTEN) for columns in blocks if _usable(columns, present)]


def _usable(columns: tuple[str, ...], present: Collection[str] | None) -> bool:
    return present is None or all(column in present for column in columns)


def blocking_rules(
    present: Collection[str] | None = None,
) -> list[BlockingRuleCreator]:
    return [
        block.rule(ONE_READING_EACH if block.admits_readings else AS_WRITTEN)
        for block in BLOCKS
        if _usable(block.columns, present)
    ]


def sure_rules(
    present: Collection[str] | None = None,
) -> list[BlockingRuleCreator]:
    return _rules(SURE_BLOCKS, present)


def training_blocks(
    present: Collection[str] | None = None,
) -> list[BlockingRuleCreator]:
    usable = [block for block in TRAINING_BLOCKS if _usable(block, present)]
    if len(usable) < 2 and _usable(FALLBACK_TRAINING_BLOCK, present):
        usable.insert(0, FALLBACK_TRAINING_BLOCK)
    return [Block(columns).rule(AS_WRITTEN) for columns in usable]


def settings(
    present: Collection[str] | None = None,
    explain: bool = True,
    names: Collection[str] | None = None,
) -> SettingsCreator:
    """The model before training; ``explain`` keeps the per-comparison weights explanations
    read (a million records' pairs are scored faster and in less memory without them).

    ``names`` keeps only the comparisons a trained model has, when one is reused.
    """
    chosen = [
        comparison
        for comparison in comparisons(present if names is None else None)
        if names is None or comparison.create_output_column_name() in names
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[*chosen],
        blocking_rules_to_generate_predictions=[*blocking_rules(present)],
        probability_two_random_records_match=PROBABILITY_TWO_RANDOM_RECORDS_MATCH,
        retain_matching_columns=explain,
        retain_intermediate_calculation_columns=explain,
        additional_columns_to_retain=["source_dataset", "record_id", "reading"],
    )
