"""Each Arabic normalisation step, on its own and together."""

from __future__ import annotations

import pytest

from mafqud.names.arabic import (
    STEPS,
    compose_presentation_forms,
    fold_alef,
    fold_alef_maqsura,
    fold_hamza_seats,
    fold_persian_letters,
    fold_ta_marbuta,
    normalise_arabic,
    punctuation_to_space,
    rasm,
    strip_tashkeel,
    strip_tatweel,
)


@pytest.mark.parametrize(
    ("step", "before", "after"),
    [
        (strip_tashkeel, "مُحَمَّدٌ", "محمد"),
        (strip_tatweel, "محـــمد", "محمد"),
        (fold_alef, "أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنة الله"),
        (fold_hamza_seats, "مؤمن رئيس", "مومن رييس"),
        (fold_ta_marbuta, "فاطمة", "فاطمه"),
        (fold_alef_maqsura, "مصطفى", "مصطفي"),
        (fold_persian_letters, "کمال علی", "كمال علي"),
        (compose_presentation_forms, "ﻻﻣﻊ ﻣﺤﻤﺪ", "لامع محمد"),
        (punctuation_to_space, "الحلبي،  محمد!؟", "الحلبي محمد"),
    ],
)
def test_each_step(step, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert step(before) == after


@pytest.mark.parametrize(
    "variants",
    [
        ["أحمد", "احمد", "أَحْمَد", "اَحـمد"],
        ["فاطمة", "فاطمه", "فاطِمَة"],
        ["مصطفى", "مصطفي"],
        ["عبد الرحمن", "عبد الرّحمن", "عبد  الرحمن"],
    ],
)
def test_spelling_variants_meet(variants: list[str]) -> None:
    assert len({normalise_arabic(v) for v in variants}) == 1


def test_steps_are_idempotent() -> None:
    text = "مُحَمَّد أحْمَد الحلبـي، فاطمة ٢٠١٣ ﻻ"
    for _, step in STEPS:
        once = step(text)
        assert step(once) == once


def test_dotless_skeleton_joins_ocr_confusions() -> None:
    assert rasm("البقاعي") == rasm("اليقاعي")
    assert rasm("محمد") != rasm("احمد")


@pytest.mark.parametrize(
    "text",
    ["مُحَمَّد أحْمَد الحلبـي، فاطمة ٢٠١٣ ﻻ", "", "کمال علی ۀ", "Ali محمد!", "ﷲ ﷺ", "ؤئى"],
)
def test_one_pass_equals_the_steps(text: str) -> None:
    from mafqud.names.arabic import normalise_arabic_stepwise

    assert normalise_arabic(text) == normalise_arabic_stepwise(text)
