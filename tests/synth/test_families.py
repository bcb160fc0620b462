"""The invented family names that give synthetic lists a realistic long tail (no real person)."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace

from mafqud.synth import LinkageSpec, generate_linkage_records
from mafqud.synth import linkage as linkage_module
from mafqud.synth.families import invented_families
from mafqud.synth.spellings import spell
from mafqud.synth.vocabulary import FAMILY

ARABIC_NAME = re.compile(r"[\u0621-\u064A]{3,9}")
SPEC = LinkageSpec(records=6000, seed=3)


def test_names_are_distinct_arabic_words_said_aloud() -> None:
    names, spoken, weights = invented_families()
    assert len(set(names)) == len(names) >= 10_000
    assert all(ARABIC_NAME.fullmatch(name) for name in names)
    articles = zip(names, spoken, strict=True)
    assert all(name.startswith("ال") == said.startswith("al-") for name, said in articles)
    assert list(weights) == sorted(weights, reverse=True)  # most common first


def test_an_invented_name_is_spelt_in_latin_letters() -> None:
    rng = random.Random(0)
    _, spoken, _ = invented_families()
    spellings = {spell(spoken[0], rng) for _ in range(50)}
    assert all(re.fullmatch(r"[A-Za-z0-9' \-]+", spelt) for spelt in spellings)
    assert len(spellings) > 3  # styles differ


def _families(spec: LinkageSpec) -> Counter[str]:
    return Counter(
        r["family_name"] for r in generate_linkage_records(spec) if r["source"] == "prison_register"
    )


def test_family_names_have_a_long_tail() -> None:
    invented = set(invented_families()[0]) - set(FAMILY[0])
    wide = _families(SPEC)
    narrow = _families(replace(SPEC, invented_families=0.0, noise=0.0))  # no typos
    assert sum(n for name, n in wide.items() if name in invented) > 0.4 * sum(wide.values())
    assert len(wide) > 3 * len(narrow)
    assert set(narrow) <= set(FAMILY[0]) | set(linkage_module._TAIL)


def test_latin_lists_spell_invented_family_names() -> None:
    names, _, _ = invented_families()
    people = {
        r["person_id"]
        for r in generate_linkage_records(SPEC)
        if r["source"] == "prison_register" and r["family_name"] in set(names)
    }
    latin = [
        r["full_name"]
        for r in generate_linkage_records(SPEC)
        if r["source"] == "ngo_list_a" and r["person_id"] in people
    ]
    assert latin and all(re.fullmatch(r"[A-Za-z0-9' \-]+", name) for name in latin)
