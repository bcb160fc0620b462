"""Place names every list spells its own way: Syria's governorates in Arabic and in Latin letters.

English translations ("Damascus Countryside", "Aleppo") share no sounds with the
Arabic names (ريف دمشق, حلب), so the cross-script key alone would keep them
apart; linkage, search and estimates read a governorate through
:func:`governorate_of` so that every spelling counts as the one place.
"""

from __future__ import annotations

from functools import lru_cache

from mafqud.names.keys import name_key

GOVERNORATES: dict[str, tuple[str, ...]] = {
    "دمشق": ("Damascus", "Dimashq", "Damas", "Damascus City"),
    "ريف دمشق": (
        "Rif Dimashq", "Rif Damascus", "Reef Damascus", "Rural Damascus", "Damascus Countryside",
        "Damascus Rural", "Damascus Suburbs", "Rif Dimachq",
    ),
    "حلب": ("Aleppo", "Halab", "Alep"),
    "حمص": ("Homs", "Hims"),
    "حماة": ("Hama", "Hamah", "Hamat"),
    "اللاذقية": ("Latakia", "Lattakia", "Al-Ladhiqiyah", "Lattaquié", "Lattaquie"),
    "طرطوس": ("Tartus", "Tartous", "Tartouss"),
    "إدلب": ("Idlib", "Idleb"),
    "درعا": ("Daraa", "Dar'a", "Deraa", "Dera'a"),
    "السويداء": ("As-Suwayda", "Suwayda", "Sweida", "Sweida'", "Soueida", "Suwaida"),
    "القنيطرة": ("Quneitra", "Al-Qunaytirah", "Kuneitra", "Qunaitra"),
    "دير الزور": ("Deir ez-Zor", "Deir al-Zour", "Dayr al-Zawr", "Deir Ezzor", "Deir Ez-Zor"),
    "الرقة": ("Raqqa", "Ar-Raqqah", "Rakka", "Al-Raqqa"),
    "الحسكة": ("Al-Hasakah", "Hasakah", "Hasakeh", "Hassakeh", "Hasaka"),
}  # fmt: skip
"""Syria's fourteen governorates under their Arabic names, with spellings seen in Latin lists.

English translations ("Damascus Countryside") share no sounds with the Arabic
name, so the cross-script key alone would split them from ريف دمشق.
"""

_BY_KEY = {
    key: arabic
    for arabic, latin in GOVERNORATES.items()
    for spelling in (arabic, *latin)
    if (key := name_key(spelling))
}


@lru_cache(maxsize=4096)
def governorate_of(value: str | None) -> str | None:
    """The governorate's Arabic name for any spelling in :data:`GOVERNORATES` (or its key's
    twin: "Rif Dimachq", "حلب"); None for anything else."""
    if not value or not (key := name_key(value)):
        return None
    return _BY_KEY.get(key)
