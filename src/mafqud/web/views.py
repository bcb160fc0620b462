"""Review results as the API answers them: enums as their values, times as UTC text.

The review package returns dataclasses with datetimes and enums, which suit
the templates; JSON clients get one stable text form of each instead.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from mafqud.registry import utc_text
from mafqud.review import ConclusionView, DecisionView, Dossier


def decision_json(view: DecisionView) -> dict[str, Any]:
    return {
        "id": view.id,
        "record_l": view.record_l,
        "record_r": view.record_r,
        "decision": view.decision.value,
        "reason": view.reason,
        "reviewer": view.reviewer,
        "decided_at": utc_text(view.decided_at),
    }


def conclusion_json(view: ConclusionView) -> dict[str, Any]:
    return {
        "id": view.id,
        "kind": view.kind.value,
        "person_id": view.person_id,
        "record_id": view.record_id,
        "reason": view.reason,
        "proposer": view.proposer,
        "proposed_at": utc_text(view.proposed_at),
        "state": view.state.value,
        "reviews": [
            {"verdict": n.verdict.value, "reason": n.reason, "reviewer": n.reviewer,
             "decided_at": utc_text(n.decided_at)}
            for n in view.reviews
        ],
    }  # fmt: skip


def dossier_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "id": dossier.person_id,
        "retired": dossier.retired,
        "records": [r.as_dict() for r in dossier.records],
        "fields": [
            {"field": f.field, "values": f.values, "conflict": f.conflict} for f in dossier.fields
        ],
        "timeline": [asdict(e) for e in dossier.timeline],
        "events": dossier.events,
        "decisions": [decision_json(d) for d in dossier.decisions],
        "conclusions": [conclusion_json(c) for c in dossier.conclusions],
    }
