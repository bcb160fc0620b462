"""Review: people, not scores, decide who is who and what a family is told.

Decisions on proposed matches and sign-offs of sensitive conclusions are
notes with an author, a time and a reason — appended, never edited — and
the latest note on a question is the one in force. Every function takes the
acting :class:`~mafqud.access.Principal` and checks it, so the web app and
the API cannot forget to.
"""

from mafqud.review.conclusions import (
    ConclusionKind,
    ConclusionState,
    ConclusionView,
    Verdict,
    conclusions_in_force,
    confirm_conclusion,
    person_conclusions,
    propose_conclusion,
)
from mafqud.review.decisions import (
    Decision,
    DecisionView,
    decide,
    decisions_involving,
    pair_history,
)
from mafqud.review.dossier import Dossier, person_dossier
from mafqud.review.pairs import ordered_pair
from mafqud.review.queue import ProposalDetail, QueueItem, proposal_detail, review_queue

__all__ = [
    "ConclusionKind",
    "ConclusionState",
    "ConclusionView",
    "Decision",
    "DecisionView",
    "Dossier",
    "ProposalDetail",
    "QueueItem",
    "Verdict",
    "conclusions_in_force",
    "confirm_conclusion",
    "decide",
    "decisions_involving",
    "ordered_pair",
    "pair_history",
    "person_conclusions",
    "person_dossier",
    "proposal_detail",
    "propose_conclusion",
    "review_queue",
]
