"""Name frequencies: rare names weigh more, across spellings and scripts."""

from __future__ import annotations

from mafqud.names import NameFrequencies, name_units


def _population() -> NameFrequencies:
    names = ["محمد أحمد الحلبي"] * 6 + ["محمّد علي البقاعي", "أحمد محمد الشامي", None, ""]
    return NameFrequencies().update(names)


def test_units_fold_article_and_spelling() -> None:
    assert name_units("محمّد  الحلبي") == [("محمد", "MHMD"), ("حلبي", "HLB")]
    assert name_units("Abdul Rahman al-Halabi")[1] == ("halabi", "HLB")
    assert name_units("") == []
    assert name_units("2013 😀") == []


def test_common_names_count_more_than_rare_ones() -> None:
    frequencies = _population()
    assert frequencies.total == 24  # 8 names of 3 units; None and "" count nothing
    common, rare = frequencies.of("محمد البقاعي")
    assert common.count == 8 and rare.count == 1
    assert rare.bits > common.bits


def test_spelling_variants_share_a_count() -> None:
    frequencies = _population()
    (plain,) = frequencies.of("محمد")
    (marked,) = frequencies.of("مُحَمَّد")
    assert plain.count == marked.count == 8


def test_latin_spelling_falls_back_to_the_key() -> None:
    frequencies = _population()
    (latin,) = frequencies.of("Mohammad")
    assert latin.count == 8  # no Latin unit seen: the key MHMD is
    (unknown,) = frequencies.of("Zzyzx")
    assert unknown.count == 0.5
    assert unknown.bits > latin.bits


def test_merge_adds_populations() -> None:
    given = NameFrequencies().update(["محمد", "علي"])
    father = NameFrequencies().update(["محمد"])
    both = given.merge(father)
    assert both.units["محمد"] == 2 and both.total == 3
    assert given.total == 2  # merging leaves the parts as they were
