"""Filing synthetic reports into a test world."""

from __future__ import annotations

from dataclasses import replace

from mafqud.cases import FamilyReport, FiledCase, file_report
from mafqud.evidence import EvidenceStore
from tests.web.world import HOME, World

REPORT = FamilyReport(
    given_name="سامر",
    father_name="خالد",
    grandfather_name="محمود",
    family_name="الحمصي",
    mother_name="فاطمة",
    sex="ذكر",
    birth_date="١٤/٠٣/١٩٨٥",
    birth_place="حمص",
    governorate="حمص",
    event_date="2013",
    event_place="حاجز على طريق حمص",
    facility="الفرع 215",
    notes="اعتقل من الحاجز مع ابن عمه (بيانات اصطناعية)",
    reporter_name="أم سامر (اصطناعي)",
    relationship="الأم",
    email="family@example.org",
    phone="+963 900 000 000",
    channel="email",
    scope="organisation",
)
"""A synthetic report: every name and detail is invented."""


def file(world: World, **changes: str) -> FiledCase:
    store = EvidenceStore(world.settings.evidence_dir)
    return file_report(world.engine, store, HOME, replace(REPORT, **changes))
