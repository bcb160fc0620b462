"""One family of errors, named as facts.

Commands and (later) HTTP handlers translate these into exit codes and
responses in exactly one place each, so library code raises and never prints.
"""

from __future__ import annotations


class MafqudError(Exception):
    """Something the user can act on; the message says what and, if possible, how."""

    exit_code = 1


class NotInitialised(MafqudError):
    """The registry has no schema yet or an older one: `mafqud init` creates or upgrades it."""

    exit_code = 3


class NotFound(MafqudError):
    """A named thing (organisation, source, accession, file) does not exist."""

    exit_code = 4


class AlreadyExists(MafqudError):
    """A thing with this name exists already with different details."""

    exit_code = 5


class InvalidInput(MafqudError):
    """An argument, option, mapping file or setting is not acceptable."""

    exit_code = 2


class UnreadableDocument(MafqudError):
    """A document cannot be read at all (encoding, format, no header); nothing was imported."""

    exit_code = 6


class IntegrityFailure(MafqudError):
    """`verify` found stored evidence, custody events or records that do not match their hashes."""

    exit_code = 7


class NotIdentifiable(MafqudError):
    """The lists cannot say how many were missed (one list, no overlap, nothing counted).

    Raised instead of returning a figure, because a number that looks like an
    estimate but rests on no overlap would be repeated as if it were one.
    """

    exit_code = 8


class PartnerUnavailable(MafqudError):
    """A partner node could not be reached or refused the request; nothing of the page was kept.

    What was already pulled stays, with the cursor after it: the next pull resumes there.
    """

    exit_code = 9
