"""Arabic-script normalisation, one documented step at a time.

Registers write the same name with and without hamza, with ة or ه, with ى or
ي, with Persian letter forms typed on Persian keyboards, with tashkeel and
tatweel from word processors, and with presentation-form ligatures copied out
of PDFs. Each step below folds one such variation; :func:`normalise_arabic`
applies them all in order. The steps are separate so that a reviewer can see
what each did (``mafqud names explain``) and so that a caller can keep a
distinction that matters to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

TASHKEEL = frozenset(chr(code) for code in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))
"""Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks."""
TATWEEL = "\u0640"

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي"})
_TA_MARBUTA = str.maketrans({"ة": "ه", "ۀ": "ه", "ۃ": "ه"})
_ALEF_MAQSURA = str.maketrans({"ى": "ي"})
_PERSIAN = str.maketrans(
    {
        "ک": "ك",  # keheh
        "ڪ": "ك",  # swash kaf
        "ی": "ي",  # Farsi yeh
        "ې": "ي",
        "ۍ": "ي",
        "ە": "ه",  # ae (Kurdish)
        "ھ": "ه",  # heh doachashmee
        "ہ": "ه",  # heh goal
        "ۆ": "و",
        "ۇ": "و",
        "ٷ": "و",
    }
)
EASTERN_DIGITS: dict[int, str | int | None] = {
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic ٠١٢٣٤٥٦٧٨٩
    **{0x06F0 + i: str(i) for i in range(10)},  # Extended Arabic-Indic (Persian, Urdu)
}
"""Eastern Arabic (٠-٩) and Persian (۰-۹) digits → 0-9, as a translation table."""
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
_ARABIC_PUNCTUATION = str.maketrans({"،": " ", "؛": " ", "؟": " ", "٪": " ", "٫": " ", "٬": " "})


def compose_presentation_forms(text: str) -> str:
    """Presentation forms (ﻻ ﻷ ﺍ ﻣ …, from PDFs and old systems) become ordinary letters.

    NFKC decomposes lam-alef ligatures into lam + alef and maps contextual
    forms to their base letters; it is applied only to those blocks so that
    nothing else in the text changes.
    """
    if not any(0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF for ch in text):
        return text
    return "".join(
        unicodedata.normalize("NFKC", ch)
        if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFC
        else ch
        for ch in text
    )


def strip_tashkeel(text: str) -> str:
    """Remove diacritics (محمّد → محمد): registers write them rarely and inconsistently."""
    return "".join(ch for ch in text if ch not in TASHKEEL)


def strip_tatweel(text: str) -> str:
    """Remove the elongation stroke (محـــمد → محمد), a typographic flourish."""
    return text.replace(TATWEEL, "")


def fold_alef(text: str) -> str:
    """أ إ آ ٱ → ا: hamza on or under alef is the variation most often left out."""
    return text.translate(_ALEF)


def fold_hamza_seats(text: str) -> str:
    """ؤ → و and ئ → ي: the seat letter remains when the hamza is dropped (مؤمن/مومن)."""
    return text.translate(_HAMZA_SEATS)


def fold_ta_marbuta(text: str) -> str:
    """ة → ه: the final letter of فاطمة is written both ways."""
    return text.translate(_TA_MARBUTA)


def fold_alef_maqsura(text: str) -> str:
    """ى → ي: Egyptian and Syrian hands drop the dots of final ya (مصطفى/مصطفي)."""
    return text.translate(_ALEF_MAQSURA)


def fold_persian_letters(text: str) -> str:
    """Persian, Urdu and Kurdish letter forms (ک ی ھ …) → their Arabic counterparts."""
    return text.translate(_PERSIAN)


def ascii_digits(text: str) -> str:
    """Eastern Arabic (٠-٩) and Persian (۰-۹) digits → 0-9."""
    return text.translate(EASTERN_DIGITS)


def punctuation_to_space(text: str) -> str:
    """Punctuation (Arabic and Latin) separates words; spaces are then made single."""
    return " ".join(_PUNCTUATION.sub(" ", text.translate(_ARABIC_PUNCTUATION)).split())


Step = Callable[[str], str]

STEPS: tuple[tuple[str, Step], ...] = (
    ("presentation forms", compose_presentation_forms),
    ("tashkeel", strip_tashkeel),
    ("tatweel", strip_tatweel),
    ("alef", fold_alef),
    ("hamza seats", fold_hamza_seats),
    ("ta marbuta", fold_ta_marbuta),
    ("alef maqsura", fold_alef_maqsura),
    ("persian letters", fold_persian_letters),
    ("digits", ascii_digits),
    ("punctuation and spacing", punctuation_to_space),
)
"""Every step, in the order applied; each is safe to apply again (idempotent)."""


_FOLDS = str.maketrans(
    {
        **dict.fromkeys(map(ord, TASHKEEL)),
        ord(TATWEEL): None,
        **_ALEF,
        **_HAMZA_SEATS,
        **_TA_MARBUTA,
        **_ALEF_MAQSURA,
        **_PERSIAN,
        **EASTERN_DIGITS,
        **_ARABIC_PUNCTUATION,
    }
)
"""Every one-character step as a single table, for speed; STEPS stays the reference."""
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def normalise_arabic(text: str) -> str:
    """Apply every step: the form in which Arabic spellings of one name compare equal.

    Equivalent to applying STEPS in order (a test checks it), in one pass.
    """
    return " ".join(normalised_arabic_words(text))


def normalised_arabic_words(text: str) -> list[str]:
    """The words of :func:`normalise_arabic`, for callers that would split it again."""
    text = unicodedata.normalize("NFC", text)
    if _PRESENTATION.search(text):
        text = compose_presentation_forms(text)
    return _PUNCTUATION.sub(" ", text.translate(_FOLDS)).split()


def normalise_arabic_stepwise(text: str) -> str:
    """The reference: each step in turn (slower; for tests and explanations)."""
    return normalise_arabic_steps(text)[-1][1] if text else unicodedata.normalize("NFC", text)


def normalise_arabic_steps(text: str) -> list[tuple[str, str]]:
    """Each step's name and the text after it, for explanations."""
    text = unicodedata.normalize("NFC", text)
    shown: list[tuple[str, str]] = []
    for name, step in STEPS:
        text = step(text)
        shown.append((name, text))
    return shown


_RASM = str.maketrans(
    {
        "ب": "ٮ", "ت": "ٮ", "ث": "ٮ", "ن": "ٮ", "ي": "ٮ", "ج": "ح", "خ": "ح", "ذ": "د", "ز": "ر",
        "ش": "س", "ض": "ص", "ظ": "ط", "غ": "ع", "ف": "ٯ", "ق": "ٯ", "ة": "ه",
    }
)  # fmt: skip


def rasm(text: str) -> str:
    """The letters without their dots (البقاعي and اليقاعي look alike): what OCR gets wrong.

    Scanned registers lose and gain dots far more than strokes; comparing the
    dotless skeleton tells an OCR error from a different name.
    """
    return text.translate(_RASM)
