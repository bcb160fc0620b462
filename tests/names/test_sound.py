"""How names sound: Latin folding, the lexicon of common names, and whole-chain alignment."""

from __future__ import annotations

import pytest

from mafqud.names import chain_similarity, rasm
from mafqud.names.latin import latin_sound, readings, spoken_as_latin
from mafqud.names.lexicon import sounds_by_core, sounds_by_rasm, spoken_forms


@pytest.mark.parametrize(
    ("spellings", "sound"),
    [
        (("Muhammad", "Mouhammad", "Mo7ammad", "MUHAMMAD"), "muhamad"),
        (("Mahmoud", "Mahmud", "Ma7moud"), "mahmud"),
        (("Hussein", "Husayn", "Hosein", "Husain"), "husain"),
        (("Chadi", "Shadi", "Schadi"), "shadi"),
        (("Khaled", "5aled"), "khaled"),
        (("Fatmah", "Fatmeh"), "fatma"),
    ],
)
def test_spelling_habits_fold_to_one_sound(spellings: tuple[str, ...], sound: str) -> None:
    assert {latin_sound(spelling) for spelling in spellings} == {sound}


def test_ambiguous_spellings_are_read_every_way() -> None:
    assert set(readings("khaled")) == {"khalad", "khalid"}
    assert set(readings("2asim")) == {"asim", "kasim"}
    assert len(readings("2etheb")) == 8
    assert readings("umar") == ("umar",)


def test_lexicon_pronunciations_become_plain_latin() -> None:
    assert spoken_as_latin("3abd al-raHmaan") == "abdalrahmaan"
    assert spoken_as_latin("mu3aadh") == "muaaz"  # ذ is z, as Latin readings compare it
    assert "muHammad" in spoken_forms("محمد")
    assert spoken_forms("عبدالرحمن") == ("3abd al-raHmaan",)
    assert spoken_forms("حلبي")  # family names are kept by their core, without the article
    assert spoken_forms("زززز") == ()


def test_dotless_skeleton_finds_the_name_ocr_misread() -> None:
    assert sounds_by_core("غمر") == ()
    assert "umar" in sounds_by_rasm(rasm("غمر"))


@pytest.mark.parametrize(
    ("arabic", "same", "different"),
    [
        ("محمد", "Mohamed", "Mahmoud"),
        ("محمود", "Mahmoud", "Mohamed"),
        ("حسن", "Hassan", "Hussein"),
        ("حسين", "Hussein", "Hassan"),
        ("عمر", "Omar", "Ammar"),
        ("سعيد", "Saeed", "Saad"),
        ("خالد", "Khaled", "Khalil"),
        ("أحمد", "Ahmed", "Hamad"),
    ],
)
def test_the_lexicon_tells_names_with_the_same_consonants_apart(
    arabic: str, same: str, different: str
) -> None:
    assert chain_similarity(arabic, same) >= 0.9
    assert chain_similarity(arabic, different) < 0.85
    assert chain_similarity(arabic, same) - chain_similarity(arabic, different) > 0.1


def test_an_ocr_slip_in_a_known_name_still_matches_its_latin_spelling() -> None:
    assert chain_similarity("غمر", "Omar") >= 0.85  # ع read as غ
    assert chain_similarity("يلال", "Bilal") >= 0.85  # ب read as ي


def test_units_align_in_order_without_a_greedy_mistake() -> None:
    # The father's name علي also appears as the family name العلي; a greedy
    # alignment matched the first unit to the family name and lost the rest.
    assert chain_similarity("علي محمد العلي", "غلي محمد العلي") >= 0.95


def test_words_run_together_are_still_the_same_name() -> None:
    assert chain_similarity("عمر هيثم الأحمد", "عمرهيثم الأحمد") >= 0.9
    assert chain_similarity("عمر هيثم الأحمد", "حسن هيثم الأحمد") < 0.9


def test_a_missing_unit_costs_a_little() -> None:
    full = chain_similarity("محمد أحمد الحلبي", "محمد أحمد الحلبي")
    shorter = chain_similarity("محمد أحمد الحلبي", "محمد الحلبي")
    assert full == 1.0
    assert 0.9 <= shorter < full
