"""Every page string exists in Arabic and English, and every key a template uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from mafqud.web.i18n import MESSAGES

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "mafqud" / "web" / "templates"


def test_both_languages_have_the_same_keys() -> None:
    assert set(MESSAGES["ar"]) == set(MESSAGES["en"])
    assert all(value.strip() for table in MESSAGES.values() for value in table.values())


def test_every_key_the_templates_use_exists() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z_]+)", text))
        used |= set(re.findall(r"\bt\['([a-z_-]+)'\]", text))
    assert used, "no template uses the message table"
    assert sorted(used - set(MESSAGES["en"])) == []


def test_every_composed_key_exists() -> None:
    from mafqud.access import Role
    from mafqud.registry import Disclosure
    from mafqud.review import ConclusionKind, ConclusionState, Decision, Verdict
    from mafqud.review.dossier import TIMELINE_FIELDS

    composed = (
        [f"decision_{d.value}" for d in Decision]
        + [f"kind_{k.value}" for k in ConclusionKind]
        + [f"state_{s.value}" for s in ConclusionState]
        + [f"level_{level.value}" for level in Disclosure]
        + [f"verdict_{v.value}" for v in Verdict]
        + [f"role_{role.value}" for role in Role]
        + ["sex_M", "sex_F", "two_person_rule"]
        + [what for _field, what, _details in TIMELINE_FIELDS]
        + ["saved", "not_found", "forbidden", "bad_request", "csrf_failed"]
    )
    assert [key for key in composed if key not in MESSAGES["en"]] == []


def test_every_composed_family_key_exists() -> None:
    from mafqud.cases import Channel, FindingKind, Scope

    composed = (
        [f"channel_{c.value}" for c in Channel]
        + [f"scope_{s.value}" for s in Scope]
        + [f"finding_{k.value}" for k in FindingKind]
        + [f"history_{kind}" for kind in ("filed", "contact-changed", "information-added",
                                          "document-added", "consent-withdrawn", "update-sent",
                                          "personal-update", "finding-released", "status-changed")]
        + [f"reporter_{key}" for key in ("name", "relationship", "email", "phone", "address",
                                         "channel", "language")]
        + ["too_many_requests", "family_saved", "history_signed-in"]
    )  # fmt: skip
    assert [key for key in composed if key not in MESSAGES["en"]] == []
