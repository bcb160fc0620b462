"""Name chains: a free-text name as the ordered units a Syrian name is made of.

A Syrian name is a chain — given name, father, grandfather, family name (or
nisba, or laqab) — written with particles (بن / ibn, أبو / Abu, آل, the article
ال / al- / el-) and with compound names that are one unit however they are
spaced: عبد الرحمن = عبدالرحمن = Abdul Rahman = Abd al-Rahman = Abdulrahman;
نور الدين = Nour Eddine; أبو بكر = Abu Bakr. :func:`parse_chain` turns a name
into units; :func:`split_chain` guesses which unit is which part.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from mafqud.names.arabic import normalise_arabic
from mafqud.names.latin import normalise_latin
from mafqud.names.script import Script, detect_script


class TokenKind(StrEnum):
    NAME = "name"
    PARTICLE = "particle"
    """بن, ابن, bin, ibn: "son of" — the next name is the father's."""


@dataclass(frozen=True)
class NameToken:
    """One unit of a chain."""

    text: str
    """Normalised, compounds written without spaces (عبدالرحمن, abdalrahman)."""
    core: str
    """The unit without the article (حلبي, halabi): what comparisons use."""
    kind: TokenKind
    script: Script


@dataclass(frozen=True)
class NameChain:
    text: str
    script: Script
    tokens: tuple[NameToken, ...]

    @property
    def names(self) -> tuple[NameToken, ...]:
        """The name units, without particles."""
        return tuple(token for token in self.tokens if token.kind is TokenKind.NAME)


_AR_SON_OF = frozenset({"بن", "ابن", "بنت"})
_AR_ABD = "عبد"
_AR_ABU = frozenset({"ابو", "ابي", "ابا"})
_AR_DIN = "الدين"
_AR_ARTICLE = "ال"
_AR_JOINERS = frozenset({*_AR_SON_OF, _AR_ABD, *_AR_ABU, _AR_DIN, _AR_ARTICLE})
_AR_KEEP_ARTICLE = frozenset({"الياس", "اليسع", "اليسار", "الهام", "الفت", "الماس", "اليان"})
"""Names that begin with the letters ال without an article (Elias, Ilham, Olfat…)."""

_LA_SON_OF = frozenset({"bin", "ben", "ibn", "ebn", "bint", "binti"})
_LA_ARTICLES = frozenset(
    {"al", "el", "ul", "il", "as", "ash", "ad", "ar", "an", "at", "az", "ath", "adh", "ed", "es",
     "en", "er", "et", "ez", "esh", "ech", "ud", "ur", "us", "un"}
)  # fmt: skip
_LA_ABD = (
    "abdul",
    "abdel",
    "abdal",
    "abdil",
    "abdol",
    "abdur",
    "abdus",
    "abdar",
    "abdu",
    "abdo",
    "abd",
)
_LA_ABU = frozenset({"abu", "abou", "abo", "aboo"})
_LA_ABU_AL = frozenset({"abul", "aboul", "abol"})
"""أبو with the article of the next name run into it: Abul Khair is Abu al-Khair."""
_LA_DIN_SUFFIXES = (
    "eddine", "eddin", "edine", "edin", "uddine", "uddin", "addin", "aldin", "aldine", "eldin",
    "eldine", "aldeen", "eldeen", "eddeen", "uddeen", "iddin",
)  # fmt: skip
_LA_DIN_WORDS = frozenset({"din", "deen", "dine", "ddin", "ddine"})
_LA_ABBREVIATIONS = {
    "mhd": "muhammad", "mohd": "muhammad", "mhmd": "muhammad", "muhd": "muhammad",
    "md": "muhammad",
}  # fmt: skip
"""Abbreviations of محمد that lists use, so common they are read as the name."""
_LA_KEEP_ARTICLE = frozenset({"alaa", "ali", "alia", "aliya", "alan", "elias", "elie", "elia"})


def parse_chain(text: str) -> NameChain:
    """Normalise a name and group its words into units; never raises."""
    script = detect_script(text)
    if script is Script.ARABIC:
        words = normalise_arabic(text).split()
        tokens = _arabic_units(words)
    elif script is Script.LATIN:
        tokens = _latin_units(latin_words(text))
    else:
        tokens = _mixed_units(text)
    return NameChain(text, script, tuple(tokens))


def _mixed_units(text: str) -> list[NameToken]:
    """Mixed or letterless text: each word in its own script, or kept as it is."""
    tokens: list[NameToken] = []
    for word in text.split():
        script = detect_script(word)
        if script is Script.ARABIC:
            tokens += _arabic_units(normalise_arabic(word).split())
        elif script is Script.LATIN:
            tokens += _latin_units(latin_words(word))
        elif word.strip():
            tokens.append(NameToken(word, word, TokenKind.NAME, script))
    return tokens


def latin_words(text: str) -> list[str]:
    """Normalised Latin words, with abbreviations of محمد spelled out."""
    return [_LA_ABBREVIATIONS.get(word, word) for word in normalise_latin(text).split()]


def _arabic_units(words: list[str]) -> list[NameToken]:
    return [
        NameToken(unit, _arabic_core(unit) if kind is TokenKind.NAME else unit, kind, Script.ARABIC)
        for unit, kind in arabic_unit_words(words)
    ]


def arabic_unit_words(words: list[str]) -> list[tuple[str, TokenKind]]:
    """Normalised Arabic words grouped into units (compounds joined), with their kinds."""
    if _AR_JOINERS.isdisjoint(words):  # most names: every word is a unit
        return [(word, TokenKind.NAME) for word in words]
    units: list[tuple[str, TokenKind]] = []
    i = 0
    while i < len(words):
        word = words[i]
        following = words[i + 1] if i + 1 < len(words) else None
        if word in _AR_SON_OF and units and following is not None:
            units.append((word, TokenKind.PARTICLE))
            i += 1
            continue
        if following is not None and (
            word in (_AR_ABD, _AR_ARTICLE) or word in _AR_ABU or following == _AR_DIN
        ):
            word, i = word + following, i + 1  # عبد الرحمن, أبو بكر, آل رشي, نور الدين
        units.append((word, TokenKind.NAME))
        i += 1
    return units


def arabic_core(word: str) -> str:
    """A unit without its article (الحلبي → حلبي), except names that begin with ال (الياس)."""
    return _arabic_core(word)


def _arabic_core(word: str) -> str:
    if word.startswith(_AR_ARTICLE) and len(word) > 3 and word not in _AR_KEEP_ARTICLE:
        return word[2:]
    return word


def _latin_units(words: list[str]) -> list[NameToken]:
    units: list[NameToken] = []
    i = 0
    while i < len(words):
        word = words[i]
        rest = words[i + 1 :]
        if word in _LA_SON_OF and units and rest:
            units.append(NameToken(word, word, TokenKind.PARTICLE, Script.LATIN))
            i += 1
            continue
        abd = _abd_prefix(word)
        if abd is not None:  # Abdul Rahman, Abd al-Rahman, Abdulrahman, Abdurrahman
            unit, i = _abd_unit(words, i, abd)
            units.append(NameToken(unit, unit, TokenKind.NAME, Script.LATIN))
            continue
        if (word in _LA_ABU or word in _LA_ABU_AL) and rest:
            article = word in _LA_ABU_AL or (rest[0] in _LA_ARTICLES and len(rest) > 1)
            skip = 1 + (word in _LA_ABU and article)
            unit, i = ("abual" if article else "abu") + rest[skip - 1], i + skip
            units.append(NameToken(unit, unit, TokenKind.NAME, Script.LATIN))
            i += 1
            continue
        din = _din_compound(word, rest)
        if din is not None and units:
            unit, used = din
            units[-1] = NameToken(
                units[-1].text + unit, units[-1].core + unit, TokenKind.NAME, Script.LATIN
            )
            i += used
            continue
        if word in _LA_ARTICLES and rest:  # al-Halabi: the article belongs to the next word
            nxt = rest[0]
            units.append(NameToken("al" + nxt, nxt, TokenKind.NAME, Script.LATIN))
            i += 2
            continue
        units.append(NameToken(word, _latin_core(word), TokenKind.NAME, Script.LATIN))
        i += 1
    return [_with_din_suffix(unit) for unit in units]


def plain_latin_cores(words: list[str]) -> list[str] | None:
    """The cores of a Latin chain's name units, or None if it holds a compound.

    Most Latin names are plain words, articles and "bin": this is the grouping
    :func:`parse_chain` would make of them, without building tokens, for the
    key of every name in a registry. A word that may start or end a compound
    (Abdul, Abu, Eddine, Nureddin) sends the name back to the full parse.
    """
    cores: list[str] = []
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        role = _latin_word_role(word)
        if role == "abd":
            unit, i = _abd_unit(words, i, _abd_prefix(word) or "")
            if _din_suffix(unit) is not None:
                return None
            cores.append(unit)
            continue
        if role == "compound":
            return None
        if role == "son_of" and cores and i + 1 < count:
            i += 1
            continue
        if role == "article" and i + 1 < count:
            following = words[i + 1]
            if following in _LA_DIN_WORDS or _din_suffix("al" + following) is not None:
                return None
            cores.append(following)
            i += 2
            continue
        cores.append(_latin_core(word))
        i += 1
    return cores


@lru_cache(maxsize=1 << 16)
def _latin_word_role(word: str) -> str:
    """What a Latin word can do in a chain: "son_of", "article", "abd", "compound" or "name"."""
    if word in _LA_SON_OF:
        return "son_of"
    if word in _LA_ARTICLES:
        return "article"
    if _abd_prefix(word) is not None:
        return "abd"
    if (
        word in _LA_ABU
        or word in _LA_ABU_AL
        or word in _LA_DIN_WORDS
        or word in _LA_DIN_SUFFIXES
        or _din_suffix(word) is not None
    ):
        return "compound"
    return "name"


def _abd_unit(words: list[str], i: int, abd: str) -> tuple[str, int]:
    """The unit عبد + name that starts at words[i], and the index after it."""
    remainder = words[i][len(abd) :]
    rest = words[i + 1 :]
    if not remainder and rest:
        skip = 1 + (rest[0] in _LA_ARTICLES and len(rest) > 1)
        remainder, i = rest[skip - 1], i + skip
        if skip == 1 and remainder.startswith(("al", "el")) and len(remainder) > 4:
            remainder = remainder[2:]  # the article joined to the name: Abd Allah, Abd Elkader
    return "abdal" + remainder, i + 1


def _abd_prefix(word: str) -> str | None:
    """The spelling of عبد that starts the word, if any.

    Chat writes its ع as 3 (3abd), transliterations that mark it as a vowel
    write Aabd, and Levantine speech raises its vowel, so lists also write Ebd
    and 3ebd (3ebd el-Kader).
    """
    if word.startswith(("3abd", "2abd", "3ebd", "aabd")):
        prefix = _abd_prefix(word[1:])
        return word[0] + prefix if prefix is not None else None
    if word.startswith("ebd"):
        prefix = _abd_prefix("a" + word[1:])
        return "e" + prefix[1:] if prefix is not None else None
    for prefix in _LA_ABD:
        if word.startswith(prefix) and (len(word) == len(prefix) or len(word) > len(prefix) + 2):
            return prefix
    return None


def _din_compound(word: str, rest: list[str]) -> tuple[str, int] | None:
    """ "eddine", "ud din", "al din" after a name: the second half of نور الدين."""
    if word in _LA_DIN_SUFFIXES or word in _LA_DIN_WORDS:  # Nour Eddine, Nour Din
        return "aldin", 1
    if word in _LA_ARTICLES and rest and rest[0] in _LA_DIN_WORDS:
        return "aldin", 2
    return None


def _with_din_suffix(unit: NameToken) -> NameToken:
    """Nureddin, Nour-Eddine written as one word: the same unit as نورالدين."""
    if unit.kind is TokenKind.PARTICLE:
        return unit
    suffix = _din_suffix(unit.text)
    if suffix is None:
        return unit
    head = unit.text[: -len(suffix)]
    return NameToken(head + "aldin", _latin_core(head) + "aldin", unit.kind, unit.script)


def _din_suffix(text: str) -> str | None:
    """The spelling of الدين that ends a one-word compound (Nureddin), if any."""
    if not text.endswith(_LA_DIN_SUFFIXES) or text.endswith("aldin"):
        return None
    for suffix in _LA_DIN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return suffix
    return None


@lru_cache(maxsize=1 << 16)
def _latin_core(word: str) -> str:
    for article in ("al", "el"):
        if (
            word.startswith(article)
            and len(word) - len(article) >= 4
            and word not in _LA_KEEP_ARTICLE
        ):
            return word[len(article) :]
    return word


@dataclass(frozen=True)
class ChainParts:
    """A chain split into the parts registers label, with how sure the split is (0–1)."""

    given: str | None
    father: str | None
    grandfather: str | None
    family: str | None
    confidence: float


def split_chain(chain: NameChain) -> ChainParts:
    """Guess given / father / grandfather / family for a chain whose parts are unlabeled.

    Four units are the full Syrian chain. With three, the last is a family name
    if it looks like one (article, nisba ending -ي / -i, Abu…), else a
    grandfather. With two, given + family is the usual listing. بن / bin before
    a unit makes it the father's name.
    """
    names = [token.text for token in chain.names]
    son_of = any(token.kind is TokenKind.PARTICLE for token in chain.tokens)
    if not names:
        return ChainParts(None, None, None, None, 0.0)
    if len(names) == 1:
        return ChainParts(names[0], None, None, None, 0.5)
    leading = 0 if son_of else _family_first(chain)
    if leading:
        names = [*names[leading:], " ".join(names[:leading])]
    last_is_family = bool(leading) or _looks_like_family(chain.names[-1])
    if len(names) == 2:
        if son_of:
            return ChainParts(names[0], names[1], None, None, 0.8)
        return ChainParts(names[0], None, None, names[1], 0.8 if last_is_family else 0.55)
    if len(names) == 3:
        if last_is_family or not son_of:
            confidence = 0.8 if last_is_family else 0.55
            return ChainParts(names[0], names[1], None, names[2], confidence)
        return ChainParts(names[0], names[1], names[2], None, 0.6)
    family = " ".join(names[3:]) if len(names) > 4 else names[3]
    return ChainParts(names[0], names[1], names[2], family, 0.85 if len(names) == 4 else 0.5)


def _family_first(chain: NameChain) -> int:
    """How many leading units are a family name written first, as lists kept in the
    West do: "Al-Halabi, Mohammad Ahmad" (before a comma), or "Al-Halabi Mohammad
    Ahmad" (an article on the first unit and not on the last; Arabic given names
    do not take one). 0 when the chain starts with the given name."""
    units = chain.names
    head, comma, _ = chain.text.replace("،", ",").partition(",")
    if comma:
        before = len(parse_chain(head).names)
        return before if 0 < before < len(units) else 0
    first, last = units[0], units[-1]
    if first.text != first.core and last.text == last.core:
        return 1
    return 0


def _looks_like_family(token: NameToken) -> bool:
    text = token.text
    if token.script is Script.ARABIC:
        return text.startswith(_AR_ARTICLE) or text.endswith("ي") or text.startswith("ابو")
    return text.startswith(("al", "el", "abu")) or text.endswith(("i", "y"))
