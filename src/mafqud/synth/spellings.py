"""How the synthetic names get written in Latin letters, and how they get misread.

Arabic script leaves short vowels out, so a Latin spelling cannot be derived
from the Arabic alone: people write the name as they say it. ``SPOKEN`` gives
each vocabulary name as it is said, in a plain romanisation that keeps the
Arabic letters apart (H for ح, 3 for ع, ' for hamza, capitals for the
emphatics, doubled letters for shadda, doubled vowels for long ones).
:func:`latin_spelling` turns that into one of the spellings people write —
English (oo, sh, j), French (ou, ch, dj), chat alphabet (7, 3, 2), with
vowels shifted, articles joined, hyphenated or dropped, abbreviations such as
"Mhd" — and :func:`ocr_misreading` damages an Arabic spelling as OCR and
hurried typing do (dots lost or added, hamza and ta marbuta forms, words run
together, a letter dropped).

Both are seeded, and written from how people spell rather than from
mafqud.names, so that they can test it honestly.
"""

from __future__ import annotations

import random
import re

SPOKEN: dict[str, str] = {
    # given names, men
    "محمد": "muHammad", "أحمد": "aHmad", "محمود": "maHmuud", "علي": "3alii", "خالد": "khaalid",
    "عمر": "3umar", "حسن": "Hasan", "حسين": "Husayn", "مصطفى": "muSTafaa",
    "عبد الرحمن": "3abd al-raHmaan", "عبد الله": "3abd allaah", "يوسف": "yuusuf",
    "إبراهيم": "ibraahiim", "عبد الكريم": "3abd al-kariim", "سامر": "saamir", "رامي": "raamii",
    "ماهر": "maahir", "وليد": "waliid", "فادي": "faadii", "باسل": "baasil", "عماد": "3imaad",
    "نزار": "nizaar", "جمال": "jamaal", "سليم": "saliim", "ياسر": "yaasir", "زياد": "ziyaad",
    "مازن": "maazin", "طارق": "Taariq", "عبد الرزاق": "3abd al-razzaaq",
    "عبد القادر": "3abd al-qaadir", "عبد الحميد": "3abd al-Hamiid", "صلاح الدين": "Salaah al-diin",
    "نور الدين": "nuur al-diin", "محي الدين": "muHyii al-diin", "أنس": "anas", "معاذ": "mu3aadh",
    "حمزة": "Hamza", "بلال": "bilaal", "عمار": "3ammaar", "أيمن": "ayman", "غسان": "ghassaan",
    "هيثم": "haytham", "منير": "muniir", "ناصر": "naaSir", "رياض": "riyaaD", "جميل": "jamiil",
    "كمال": "kamaal", "فراس": "firaas", "عدنان": "3adnaan", "سعيد": "sa3iid", "أسامة": "usaama",
    "قاسم": "qaasim", "موسى": "muusaa", "عيسى": "3iisaa", "أبو بكر": "abuu bakr",
    "عبد الغني": "3abd al-ghanii", "عبد السلام": "3abd al-salaam", "مهند": "muhannad",
    "لؤي": "lu'ayy", "وائل": "waa'il", "هشام": "hishaam",
    # given names, women
    "فاطمة": "faaTima", "خديجة": "khadiija", "مريم": "maryam", "عائشة": "3aa'isha",
    "زينب": "zaynab", "نور": "nuur", "هدى": "hudaa", "سعاد": "su3aad", "أمينة": "amiina",
    "آمنة": "aamina", "رقية": "ruqayya", "سميرة": "samiira", "ليلى": "laylaa", "منى": "munaa",
    "رنا": "ranaa", "ريم": "riim", "هالة": "haala", "سلمى": "salmaa", "نجاح": "najaaH",
    "وفاء": "wafaa'", "إيمان": "iimaan", "سناء": "sanaa'", "غادة": "ghaada", "لمى": "lamaa",
    "دعاء": "du3aa'", "ياسمين": "yaasmiin", "حنان": "Hanaan", "نادية": "naadiya",
    "جميلة": "jamiila", "صباح": "SabaaH", "أسماء": "asmaa'", "فريال": "firyaal",
    "انتصار": "intiSaar", "يسرى": "yusraa", "بشرى": "bushraa", "روضة": "rawDa",
    # family names
    "الحلبي": "al-Halabii", "الشامي": "al-shaamii", "الحمصي": "al-HimSii", "الإدلبي": "al-idlibii",
    "الحموي": "al-Hamawii", "الدمشقي": "al-dimashqii", "الأحمد": "al-aHmad", "العلي": "al-3alii",
    "الحسن": "al-Hasan", "الحسين": "al-Husayn", "الخطيب": "al-khaTiib", "المصري": "al-miSrii",
    "الحريري": "al-Hariirii", "الزعبي": "al-zu3bii", "المحمد": "al-muHammad",
    "العبد الله": "al-3abd allaah", "الرفاعي": "al-rifaa3ii", "النجار": "al-najjaar",
    "الحداد": "al-Haddaad", "السيد": "al-sayyid", "الشيخ": "al-shaykh", "قباني": "qabbaanii",
    "الأتاسي": "al-ataasii", "الجاسم": "al-jaasim", "الخليل": "al-khaliil", "العمر": "al-3umar",
    "الحمد": "al-Hamad", "البكور": "al-bakkuur", "الصالح": "al-SaaliH", "الدرويش": "al-darwiish",
    "الكردي": "al-kurdii", "الشهابي": "al-shihaabii", "العثمان": "al-3uthmaan",
    "الموسى": "al-muusaa", "الإبراهيم": "al-ibraahiim", "الأسعد": "al-as3ad",
    "العطار": "al-3aTTaar", "الجندي": "al-jundii", "القاسم": "al-qaasim", "الزين": "al-zayn",
    "البقاعي": "al-biqaa3ii", "السقا": "al-saqqaa", "الطويل": "al-Tawiil", "العيسى": "al-3iisaa",
    "داود": "daawuud", "منصور": "manSuur", "عبيد": "3ubayd", "المقداد": "al-miqdaad",
    "الحوراني": "al-Hawraanii", "الديري": "al-dayrii", "الرقاوي": "al-raqqaawii",
    "البيطار": "al-bayTaar", "الحكيم": "al-Hakiim", "الشيخ علي": "al-shaykh 3alii",
    "أبو زيد": "abuu zayd", "أبو عمر": "abuu 3umar", "آل رشي": "aal rushii", "بن علي": "bin 3alii",
    "الشعار": "al-sha33aar", "حمادة": "Hamaada", "سلامة": "salaama", "الخضر": "al-khiDr",
    "العكلة": "al-3akla",
}  # fmt: skip
"""Every vocabulary name as it is said (see the module docstring for the letters)."""

STYLES = ("english", "french", "chat", "scholarly")
USUAL = 0.75
"""How often a letter takes its style's usual spelling (the first choice) rather than any."""

_UNITS = re.compile(r"kh|gh|sh|th|dh|aa|ii|uu|ay|aw|.")
_SUN = frozenset(["t", "th", "d", "dh", "r", "z", "s", "sh", "S", "D", "T", "Z", "l", "n"])
_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "english": {
        "H": ("h",), "3": ("", "a", "'"), "'": ("", "'"), "q": ("q", "k"), "kh": ("kh",),
        "gh": ("gh",), "sh": ("sh",), "j": ("j",), "dh": ("dh", "z", "th"), "th": ("th",),
        "S": ("s",), "D": ("d", "dh"), "T": ("t",), "Z": ("z", "dh"), "aa": ("a", "aa"),
        "ii": ("i", "ee"), "uu": ("u", "oo", "ou"), "ay": ("ay", "ai", "ei"), "aw": ("aw", "ow"),
        "a": ("a", "a", "e"), "i": ("i", "i", "e"), "u": ("u", "o"),
    },
    "french": {
        "H": ("h",), "3": ("", "a"), "'": ("",), "q": ("k", "q"), "kh": ("kh",), "gh": ("gh",),
        "sh": ("ch",), "j": ("dj", "j"), "dh": ("d", "z"), "th": ("t", "th"), "S": ("s",),
        "D": ("d",), "T": ("t",), "Z": ("z",), "aa": ("a",), "ii": ("i",), "uu": ("ou",),
        "ay": ("ai", "ei"), "aw": ("aou", "ou"), "a": ("a", "e"), "i": ("i", "e"),
        "u": ("ou", "o"), "y": ("y", "i"),
    },
    "chat": {
        "H": ("7",), "3": ("3",), "'": ("2", ""), "q": ("2", "q", "k"), "kh": ("5", "kh"),
        "gh": ("gh", "3'"), "sh": ("sh", "ch"), "j": ("j",), "dh": ("th", "z"), "th": ("th", "s"),
        "S": ("s", "9"), "D": ("d", "9'"), "T": ("t", "6"), "Z": ("z", "6'"), "aa": ("a",),
        "ii": ("i", "ee"), "uu": ("u", "o", "ou"), "ay": ("ay", "ai"), "aw": ("aw",),
        "a": ("a", "e"), "i": ("i", "e"), "u": ("u", "o"),
    },
    "scholarly": {
        "H": ("h",), "3": ("'", ""), "'": ("'", ""), "aa": ("a", "aa"), "ii": ("i", "ii"),
        "uu": ("u", "uu"), "S": ("s",), "D": ("d",), "T": ("t",), "Z": ("z",),
    },
}  # fmt: skip
_ABBREVIATIONS = {"muHammad": ("Mhd", "Moh'd", "Mohd", "Md")}


def latin_spelling(arabic: str, rng: random.Random, style: str | None = None) -> str:
    """One Latin spelling of a vocabulary name (a name it does not know is returned as is)."""
    spoken = SPOKEN.get(arabic)
    if spoken is None:
        return arabic
    return spell(spoken, rng, style)


def spell(spoken: str, rng: random.Random, style: str | None = None) -> str:
    """One Latin spelling of a name given as it is said (the romanisation of ``SPOKEN``)."""
    style = style or rng.choice(STYLES)
    words = [_spell_word(word, style, rng) for word in spoken.split(" ")]
    return _join_words(words, rng)


def _spell_word(word: str, style: str, rng: random.Random) -> str:
    if word in _ABBREVIATIONS and rng.random() < 0.15:
        return rng.choice(_ABBREVIATIONS[word])
    article, rest = "", word
    if word.startswith("al-"):
        article, rest = _article(word[3:], style, rng), word[3:]
    units = _UNITS.findall(rest)
    choices = _CHOICES[style]
    letters: list[str] = []
    for position, unit in enumerate(units):
        if position and unit == units[position - 1] and rng.random() < 0.5:
            continue  # shadda written once
        options = choices.get(unit, (unit.lower(),))
        spelt = options[0] if rng.random() < USUAL else rng.choice(options)
        if unit == "a" and position == len(units) - 1 and rng.random() < 0.4:
            spelt = rng.choice(("ah", "eh", "e"))  # ta marbuta, as said or as written
        letters.append(spelt)
    return article + "".join(letters)


def _article(rest: str, style: str, rng: random.Random) -> str:
    """al-, el-, as-/ash- before a sun letter, joined, spaced or left out."""
    first = _UNITS.match(rest)
    vowel = "e" if style == "french" or rng.random() < 0.3 else "a"
    consonant = "l"
    if first and first.group() in _SUN and rng.random() < 0.3:
        consonant = _CHOICES[style].get(first.group(), (first.group().lower(),))[0] or "l"
    return rng.choice((f"{vowel}{consonant}-", f"{vowel}{consonant} ", f"{vowel}{consonant}", ""))


def _join_words(words: list[str], rng: random.Random) -> str:
    """Compounds (Abd al-Rahman, Nour al-Din) joined, spaced or hyphenated; then capitalised."""
    text = words[0]
    for word in words[1:]:
        text += rng.choice((" ", " ", "", "-")) + word
    text = " ".join(text.split())
    case = rng.random()
    if case < 0.1:
        return text.upper()
    if case < 0.2:
        return text
    return _CAPITAL.sub(lambda match: match[1] + match[2].upper(), text)


_CAPITAL = re.compile(r"(^|[ \-]['3]?)([a-z])")

_DOT_CONFUSIONS = (
    "بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق", "ةه", "ىي",
)  # fmt: skip
_CONFUSABLE = {letter: group for group in _DOT_CONFUSIONS for letter in group}
_HAMZA_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"}


def ocr_misreading(arabic: str, rng: random.Random) -> str:
    """An Arabic spelling with one or two slips of OCR or typing."""
    text = arabic
    for _ in range(rng.choice((1, 1, 2))):
        slip = rng.random()
        if slip < 0.45:
            text = _swap_dots(text, rng)
        elif slip < 0.7:
            text = "".join(_HAMZA_FORMS.get(ch, ch) for ch in text)
        elif slip < 0.85 and " " in text:
            text = text.replace(" ", "", 1)
        elif len(text) > 5:
            drop = rng.randrange(1, len(text) - 1)
            text = text[:drop] + text[drop + 1 :]
    return text


def _swap_dots(text: str, rng: random.Random) -> str:
    positions = [k for k, ch in enumerate(text) if ch in _CONFUSABLE]
    if not positions:
        return text
    k = rng.choice(positions)
    others = [ch for ch in _CONFUSABLE[text[k]] if ch != text[k]]
    return text[:k] + rng.choice(others) + text[k + 1 :]
