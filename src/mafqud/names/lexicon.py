"""How common names are said: the vowels that Arabic script does not write.

محمد and محمود share their consonants (m-h-m-d) and differ in vowels the
script leaves out (Muhammad, Mahmud), so a Latin spelling cannot be matched
to the right one by consonants alone. For the names that fill Syrian
registers this table gives how they are said, in a plain romanisation: H for
ح, 3 for ع, ' for hamza, capitals for the emphatic letters, doubled letters
for shadda, doubled vowels for long ones. Names not listed are compared by
their consonant keys instead (see :mod:`mafqud.names.keys`).

Several pronunciations may be listed for one spelling (حسن is said Hasan;
Hassan is how Syrians often write it anyway, and comparison forgives doubled
letters). The last lines give how Syrians say names whose written form
follows the classical one — Radwan, Younes, Amna, Zeina, Homsi, Masri,
Hamwi, Hourani (aw said o), Bitar (ay said e) — and Amro, the silent و of
عمرو written as the old case ending.
"""

from __future__ import annotations

from functools import cache

from mafqud.names.arabic import rasm
from mafqud.names.chain import parse_chain
from mafqud.names.latin import latin_sound, spoken_as_latin

_TABLE = """
محمد=muHammad محمد=mHammad أحمد=aHmad محمود=maHmuud حامد=Haamid حمد=Hamad حمدي=Hamdii مصطفى=muSTafaa
علي=3alii عليا=3alyaa علا=3ulaa عالية=3aaliya عمر=3umar عمار=3ammaar عامر=3aamir عمرو=3amr
حسن=Hasan حسين=Husayn حسان=Hassaan حسني=Husnii حسام=Husaam خالد=khaalid خليل=khaliil
خلود=khuluud سعد=sa3d سعيد=sa3iid سعدي=sa3dii سعود=su3uud سامر=saamir سامي=saamii سمير=samiir
ماهر=maahir يوسف=yuusuf يوسف=yuusif يونس=yuunus زينب=zaynab زينة=ziina
ابراهيم=ibraahiim اسماعيل=ismaa3iil
عبدالرحمن=3abd al-raHmaan عبدالله=3abd allaah عبدالكريم=3abd al-kariim عبدالرزاق=3abd al-razzaaq
عبدالقادر=3abd al-qaadir عبدالحميد=3abd al-Hamiid عبدالغني=3abd al-ghanii عبدالسلام=3abd al-salaam
عبدالعزيز=3abd al-3aziiz عبدالناصر=3abd al-naaSir عبدالهادي=3abd al-haadii عبدالمجيد=3abd al-majiid
عبدالحليم=3abd al-Haliim عبدالوهاب=3abd al-wahhaab عبدالباسط=3abd al-baasiT
عبدالفتاح=3abd al-fattaaH
صلاحالدين=Salaah al-diin نورالدين=nuur al-diin محيالدين=muHyii al-diin علاءالدين=3alaa' al-diin
عزالدين=3izz al-diin خيرالدين=khayr al-diin بدرالدين=badr al-diin شمسالدين=shams al-diin
رامي=raamii وليد=waliid فادي=faadii باسل=baasil عماد=3imaad نزار=nizaar جمال=jamaal سليم=saliim
ياسر=yaasir زياد=ziyaad مازن=maazin طارق=Taariq انس=anas معاذ=mu3aadh حمزة=Hamza بلال=bilaal
ايمن=ayman غسان=ghassaan هيثم=haytham منير=muniir ناصر=naaSir رياض=riyaaD جميل=jamiil كمال=kamaal
فراس=firaas عدنان=3adnaan اسامة=usaama قاسم=qaasim موسى=muusaa عيسى=3iisaa ابوبكر=abuu bakr
مهند=muhannad لؤي=lu'ayy وائل=waa'il هشام=hishaam بشار=bashshaar بسام=bassaam توفيق=tawfiiq
ثائر=thaa'ir جهاد=jihaad حازم=Haazim رضوان=riDwaan زكريا=zakariyyaa شادي=shaadii صالح=SaaliH
صبحي=SubHii طلال=Talaal عادل=3aadil عثمان=3uthmaan عصام=3iSaam علاء=3alaa' فؤاد=fu'aad
فيصل=faySal مأمون=ma'muun محسن=muHsin مراد=muraad مروان=marwaan معتز=mu3tazz مهدي=mahdii
نبيل=nabiil نضال=niDaal هاني=haanii وسيم=wasiim ياسين=yaasiin يحيى=yaHyaa يزن=yazan اياد=iyaad
اكرم=akram ايهم=ayham حيدر=Haydar رائد=raa'id رضا=riDaa زاهر=zaahir شريف=shariif ضياء=Diyaa'
قصي=quSayy كنان=kinaan ليث=layth مالك=maalik مجد=majd منذر=mundhir مؤيد=mu'ayyad نادر=naadir
هادي=haadii همام=hammaam امجد=amjad انور=anwar بكر=bakr جابر=jaabir داود=daawuud سليمان=sulaymaan
منصور=manSuur عبيد=3ubayd عثمانلي=3uthmaanlii نعمان=nu3maan سلمان=salmaan رشيد=rashiid مجدي=majdii
فاطمة=faaTima فاطمة=faaTma خديجة=khadiija مريم=maryam عائشة=3aa'isha نور=nuur هدى=hudaa سعاد=su3aad
امينة=amiina امنة=aamina رقية=ruqayya سميرة=samiira ليلى=laylaa منى=munaa رنا=ranaa ريم=riim
هالة=haala سلمى=salmaa نجاح=najaaH وفاء=wafaa' ايمان=iimaan سناء=sanaa' غادة=ghaada لمى=lamaa
دعاء=du3aa' ياسمين=yaasmiin حنان=Hanaan نادية=naadiya جميلة=jamiila صباح=SabaaH اسماء=asmaa'
فريال=firyaal انتصار=intiSaar يسرى=yusraa بشرى=bushraa روضة=rawDa الاء=aalaa' امل=amal
بتول=batuul رغد=raghad رهف=rahaf سارة=saara سهام=sihaam شيماء=shaymaa' عبير=3abiir عفاف=3afaaf
لينا=liinaa ماجدة=maajida نسرين=nisriin نوال=nawaal هبة=hiba هيفاء=hayfaa' وداد=widaad
يارا=yaaraa حلا=Halaa ديما=diimaa رزان=razaan رشا=rashaa سوسن=sawsan غنى=ghinaa كوثر=kawthar
حلبي=Halabii شامي=shaamii حمصي=HimSii ادلبي=idlibii حموي=Hamawii دمشقي=dimashqii خطيب=khaTiib
مصري=miSrii حريري=Hariirii زعبي=zu3bii رفاعي=rifaa3ii نجار=najjaar حداد=Haddaad سيد=sayyid
شيخ=shaykh قباني=qabbaanii اتاسي=ataasii جاسم=jaasim بكور=bakkuur درويش=darwiish كردي=kurdii
شهابي=shihaabii عطار=3aTTaar جندي=jundii زين=zayn بقاعي=biqaa3ii سقا=saqqaa طويل=Tawiil
مقداد=miqdaad حوراني=Hawraanii ديري=dayrii رقاوي=raqqaawii بيطار=bayTaar حكيم=Hakiim
شعار=sha33aar حمادة=Hamaada سلامة=salaama خضر=khiDr عكلة=3akla اسعد=as3ad
ولاء=walaa' زهير=zuhayr خلف=khalaf عبدالرحيم=3abd al-raHiim عبدالاله=3abd al-ilaah
رضوان=raDwaan يونس=yuunis عمرو=3amru امنة=aamna زينة=zayna حمصي=HumSii مصري=maSrii
حموي=Hamwii حوراني=Huuraanii بيطار=biiTaar
"""


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Spoken forms by the unit core as the chain parser writes it (compounds joined)."""
    index: dict[str, list[str]] = {}
    text = " ".join(_TABLE.split())
    entries = []
    for item in text.split(" "):
        if "=" in item:
            entries.append(item.split("=", 1))
        elif entries:  # the second word of a spoken compound ("3abd al-raHmaan")
            entries[-1][1] += " " + item
    for arabic, spoken in entries:
        for unit in parse_chain(arabic).names:  # one unit; its core as comparisons see it
            index.setdefault(unit.core, []).append(spoken)
    return {core: tuple(forms) for core, forms in index.items()}


def spoken_forms(core: str) -> tuple[str, ...]:
    """How a name unit (its normalised core, e.g. عبدالرحمن, حلبي) is said; () if unknown."""
    return _index().get(core, ())


def sounds_by_core(core: str) -> tuple[str, ...]:
    """The unit's pronunciations as folded Latin (see ``latin_sound``), ready to compare."""
    return _sounds().get(core, ())


def sounds_by_rasm(skeleton: str) -> tuple[str, ...]:
    """Folded pronunciations of every known name with this dotless skeleton (OCR candidates)."""
    return _sounds_by_rasm().get(skeleton, ())


@cache
def _sounds() -> dict[str, tuple[str, ...]]:
    return {
        core: tuple(dict.fromkeys(latin_sound(spoken_as_latin(said)) for said in forms))
        for core, forms in _index().items()
    }


@cache
def _sounds_by_rasm() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for core, sounds in _sounds().items():
        grouped.setdefault(rasm(core), []).extend(sounds)
    return {skeleton: tuple(dict.fromkeys(sounds)) for skeleton, sounds in grouped.items()}


def cores_by_sound(sound: str) -> frozenset[str]:
    """The known names said exactly so (folded, see ``latin_sound``)."""
    return _cores_by_sound().get(sound, frozenset())


@cache
def _cores_by_sound() -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for core, sounds in _sounds().items():
        for sound in sounds:
            grouped.setdefault(sound, set()).add(core)
    return {sound: frozenset(cores) for sound, cores in grouped.items()}
