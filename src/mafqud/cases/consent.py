"""What a reporter consents to: with whom their report may be shared.

ICMP lets the person who reports choose with whom the report is shared; so
does mafqud. Each scope maps to the disclosure level of the report's record,
so the one disclosure rule (:mod:`mafqud.access.records`) enforces it on
every page, search and export without knowing about cases:

* ``organisation`` — only the organisation that received it: restricted;
* ``commission`` — that organisation and the national commission: restricted
  on this node; the commission receives it through the node-to-node feed,
  which reads the scope (a commission is another node, not a partner here);
* ``partners`` — partner organisations too: partners;
* ``public`` — listed publicly, without the reporter or contact details
  (which are never in the record): public.

Withdrawing consent narrows the scope to ``organisation`` from then on.
"""

from __future__ import annotations

from enum import StrEnum

from mafqud.registry import Disclosure


class Scope(StrEnum):
    ORGANISATION = "organisation"
    COMMISSION = "commission"
    PARTNERS = "partners"
    PUBLIC = "public"

    @property
    def disclosure(self) -> Disclosure:
        """The record level that enforces this scope on this node."""
        return _LEVELS[self]


_LEVELS = {
    Scope.ORGANISATION: Disclosure.RESTRICTED,
    Scope.COMMISSION: Disclosure.RESTRICTED,
    Scope.PARTNERS: Disclosure.PARTNERS,
    Scope.PUBLIC: Disclosure.PUBLIC,
}
