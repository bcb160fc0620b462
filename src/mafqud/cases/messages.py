"""What families read: status words and the text of updates, in Arabic and English.

Written for a family, not for staff: plain words, no jargon, nothing a
reviewer has not decided. Messages never carry a finding itself (a death
must not arrive by an automatic e-mail); they say there is news and how to
read it, and they never carry the access code.
"""

from __future__ import annotations

from mafqud.cases.status import CaseStatus

STATUS_WORDS: dict[str, dict[CaseStatus, str]] = {
    "ar": {
        CaseStatus.RECEIVED: "تم استلام البلاغ",
        CaseStatus.SEARCHING: "جارٍ البحث في الوثائق",
        CaseStatus.UNDER_REVIEW: "وُجدت سجلات محتملة، وهي قيد المراجعة",
        CaseStatus.FINDING_SHARED: "تمت مشاركة نتيجة مُراجَعة مع العائلة",
        CaseStatus.CLOSED: "أُغلقت الحالة",
    },
    "en": {
        CaseStatus.RECEIVED: "Report received",
        CaseStatus.SEARCHING: "Searching the documents",
        CaseStatus.UNDER_REVIEW: "Possible records found, under review",
        CaseStatus.FINDING_SHARED: "A reviewed finding has been shared with the family",
        CaseStatus.CLOSED: "Case closed",
    },
}

_REGULAR = {
    "ar": (
        "تحديث بشأن الحالة {code}",
        "الوضع الحالي: {status}.\n"
        "تمت دراسة {documents} وثيقة جديدة منذ آخر تحديث أرسلناه لكم.\n"
        "سنكتب لكم مجدداً خلال {days} يوماً حتى لو لم يتغير شيء.\n"
        "لمتابعة الحالة، ادخلوا صفحة متابعة الحالة برمز الحالة ورمز الدخول.",
    ),
    "en": (
        "Update on case {code}",
        "Where your case stands: {status}.\n"
        "{documents} new documents were examined since our last update.\n"
        "We will write again within {days} days, even if nothing changes.\n"
        "To follow the case, open the case page with your case code and access code.",
    ),
}
_NOTICE = {
    "ar": (
        "خبر جديد بشأن الحالة {code}",
        "شارك معكم موظف الحالات نتيجة مُراجَعة. ادخلوا صفحة متابعة الحالة برمز الحالة "
        "ورمز الدخول لقراءتها. يمكنكم أيضاً التواصل مع المنظمة للحديث مع أحد الموظفين.",
    ),
    "en": (
        "News about case {code}",
        "A case worker has shared a reviewed finding with you. Open the case page with your "
        "case code and access code to read it. You can also contact the organisation to "
        "speak with someone.",
    ),
}
_PERSONAL = {
    "ar": "رسالة من موظف الحالات بشأن الحالة {code}",
    "en": "A message from your case worker about case {code}",
}


def regular_update(
    language: str, code: str, status: CaseStatus, documents: int, days: int
) -> tuple[str, str]:
    subject, body = _REGULAR[language]
    words = STATUS_WORDS[language][status]
    return subject.format(code=code), body.format(status=words, documents=documents, days=days)


def finding_notice(language: str, code: str) -> tuple[str, str]:
    subject, body = _NOTICE[language]
    return subject.format(code=code), body


def personal_subject(language: str, code: str) -> str:
    return _PERSONAL[language].format(code=code)
