"""The synthetic Latin spellings and OCR misreadings that bench/names.py tests names with."""

from __future__ import annotations

import random

from mafqud.names import Script, detect_script
from mafqud.synth.spellings import SPOKEN, latin_spelling, ocr_misreading
from mafqud.synth.vocabulary import FAMILY, FEMALE_GIVEN, MALE_GIVEN


def test_every_vocabulary_name_has_a_pronunciation() -> None:
    names = {*MALE_GIVEN[0], *FEMALE_GIVEN[0], *FAMILY[0]}
    assert names <= set(SPOKEN)


def test_latin_spellings_are_latin_varied_and_seeded() -> None:
    spellings = [latin_spelling("محمد", random.Random(seed)) for seed in range(200)]
    assert all(detect_script(spelling) is Script.LATIN for spelling in spellings)
    assert len(set(spellings)) > 10  # Mohamed, Muhammad, Mo7amad, Mhd …
    assert spellings == [latin_spelling("محمد", random.Random(seed)) for seed in range(200)]


def test_each_style_keeps_its_habits() -> None:
    rng = random.Random(3)
    chat = {latin_spelling("حسن", rng, "chat") for _ in range(50)}
    french = {latin_spelling("الشامي", rng, "french").lower() for _ in range(50)}
    assert all(spelling.startswith("7") for spelling in chat)
    assert all("ch" in spelling and "sh" not in spelling for spelling in french)


def test_an_unknown_name_is_returned_as_it_is() -> None:
    assert latin_spelling("زززز", random.Random(1)) == "زززز"


def test_ocr_misreadings_stay_arabic_and_usually_differ() -> None:
    rng = random.Random(5)
    misread = [ocr_misreading("عبد الرحمن البقاعي", rng) for _ in range(100)]
    assert all(detect_script(text) is Script.ARABIC for text in misread)
    assert sum(text != "عبد الرحمن البقاعي" for text in misread) > 60
