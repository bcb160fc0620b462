"""Where a case stands, in the order a family lives it.

The status is what the family reads first, so it moves only forward on its
own (the regular update advances it when the registry shows progress) and
says nothing a reviewer has not decided: "possible records found" means the
model proposed matches that people are reviewing, not that anyone was found.
"""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    RECEIVED = "received"
    SEARCHING = "searching"
    UNDER_REVIEW = "under-review"
    """Possible records were found and are being reviewed."""
    FINDING_SHARED = "finding-shared"
    """A case worker released a reviewed finding to the family."""
    CLOSED = "closed"

    @property
    def step(self) -> int:
        return list(CaseStatus).index(self)

    @property
    def is_open(self) -> bool:
        return self is not CaseStatus.CLOSED


class Channel(StrEnum):
    """How a family receives updates."""

    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"
    """Printed and handed over or posted: for families without e-mail or a phone."""
