"""Pairs of names that are, and are not, the same name: the rules, table-driven.

Written from the linguistic rules (hamza, ta marbuta, alef maqsura,
compounds, transliteration habits, OCR dots) and the hard negatives that a
registry of the disappeared meets every day (محمد/أحمد, حسن/حسين, علي/عليا).
"""

from __future__ import annotations

import pytest

from mafqud.names import chain_similarity, name_key

SAME = 0.9
DIFFERENT = 0.85

ARABIC_SAME = [
    ("أحمد", "احمد"), ("إبراهيم", "ابراهيم"), ("فاطمة", "فاطمه"), ("مصطفى", "مصطفي"),
    ("عبد الرحمن", "عبدالرحمن"), ("عبد الله", "عبدالله"), ("نور الدين", "نورالدين"),
    ("أبو بكر", "ابوبكر"), ("مؤمن", "مومن"), ("محمّد", "محمد"), ("البقاعي", "اليقاعي"),
    ("الحلبي", "الحلبى"), ("ياسين", "ياسين"), ("خديجة", "خديجه"), ("آمنة", "امنه"),
    ("محمد عبد الرحمن الحلبي", "محمد عبدالرحمن الحلبي"), ("علي", "على"),
    ("الحمصي", "الحمسي"), ("عبد الرحمن", "عبد الرحمان"), ("إسماعيل", "اسمعيل"),
]  # fmt: skip
ARABIC_DIFFERENT = [
    ("محمد", "أحمد"), ("حسن", "حسين"), ("علي", "عليا"), ("محمد", "محمود"), ("عمر", "عمار"),
    ("سعد", "سعيد"), ("خالد", "خليل"), ("زينب", "زينة"), ("يوسف", "يونس"), ("سامر", "سامي"),
]  # fmt: skip
CROSS_SAME = [
    ("محمد", "Mohammad"), ("محمد", "Muhammad"), ("محمد", "Mohamed"), ("محمد", "Mhd"),
    ("محمد", "Mo7amad"), ("محمود", "Mahmoud"), ("محمود", "Mahmud"), ("أحمد", "Ahmed"),
    ("أحمد", "Ahmad"), ("خالد", "Khaled"), ("خالد", "Khalid"), ("فاطمة", "Fatima"),
    ("فاطمة", "Fatmeh"), ("يوسف", "Youssef"), ("يوسف", "Yusuf"), ("عبد الرحمن", "Abdul Rahman"),
    ("عبد الرحمن", "Abd al-Rahman"), ("عبد الرحمن", "Abdulrahman"), ("عبد الرحمن", "Abdurrahman"),
    ("عبد الله", "Abdullah"), ("نور الدين", "Nour Eddine"), ("نور الدين", "Nureddin"),
    ("صلاح الدين", "Salah al-Din"), ("حسين", "Hussein"), ("حسن", "Hassan"), ("شادي", "Chadi"),
    ("قاسم", "Kassem"), ("مصطفى", "Mustafa"), ("إبراهيم", "Ibrahim"), ("زينب", "Zeinab"),
    ("غسان", "Ghassan"), ("أسامة", "Osama"), ("أسامة", "Usama"), ("سعيد", "Saeed"),
    ("وائل", "Wael"), ("عمر", "Omar"), ("علي", "Ali"), ("منذر", "Munzer"), ("طه", "Taha"),
    ("محمود البقاعي", "Mahmoud Beqai"), ("محمد البقاعي", "Mhd Al-Bikai"),
    ("محمد الحلبي", "Mohammad al-Halabi"), ("عمر الشامي", "Omar Al Shami"),
]  # fmt: skip
CROSS_DIFFERENT = [
    ("محمد", "Mahmoud"), ("محمود", "Mohammad"), ("حسن", "Hussein"), ("حسين", "Hassan"),
    ("محمد", "Ahmad"), ("خالد", "Omar"), ("فاطمة", "Zeinab"), ("يوسف", "Younes"),
    ("سعد", "Saeed"), ("علي", "Omar"),
]  # fmt: skip
LATIN_SAME = [
    ("Mohammad", "Muhammad"), ("Mohammed", "Mohamed"), ("Abdul Rahman", "Abd al-Rahman"),
    ("Abdulrahman", "Abdurrahman"), ("Al-Halabi", "Alhalabi"), ("Nour Eddine", "Nureddin"),
    ("Youssef", "Yousef"), ("Khaled", "Khalid"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), ARABIC_SAME + CROSS_SAME + LATIN_SAME)
def test_same_name(a: str, b: str) -> None:
    assert chain_similarity(a, b) >= SAME, (a, b, name_key(a), name_key(b))


@pytest.mark.parametrize(("a", "b"), ARABIC_DIFFERENT + CROSS_DIFFERENT)
def test_different_names(a: str, b: str) -> None:
    assert chain_similarity(a, b) < DIFFERENT, (a, b, name_key(a), name_key(b))


def test_similarity_is_symmetric() -> None:
    for a, b in ARABIC_SAME + CROSS_SAME + ARABIC_DIFFERENT + CROSS_DIFFERENT:
        assert abs(chain_similarity(a, b) - chain_similarity(b, a)) < 1e-9


def test_brothers_share_father_and_family_but_not_given_name() -> None:
    older, younger = "محمد أحمد الحلبي", "خالد أحمد الحلبي"
    assert chain_similarity(older, younger) < chain_similarity(older, "محمد احمد الحلبى")


def test_a_left_out_father_name_still_compares_well() -> None:
    assert chain_similarity("محمد الحلبي", "محمد أحمد الحلبي") >= SAME
