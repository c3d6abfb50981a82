"""kg's errors: each names the bad value and what was expected."""
from __future__ import annotations

from collections.abc import Callable

__all__ = ["ErrorHandler", "IngestError", "KGError", "ModelError", "NothingRead", "OutputError", "report"]


class KGError(Exception):
    """Base class of kg's errors; the message is one line meant for the user."""


class IngestError(KGError):
    """A document could not be read; the message names the file (and line) and the reason."""


class ModelError(KGError):
    """The spaCy model could not be loaded."""


class OutputError(KGError):
    """An output file could not be written."""


class NothingRead(KGError):
    """No document could be read (a typo in a path, a folder without articles): nothing was
    written, since empty outputs would only replace good ones.

    Examples
    --------
    >>> str(NothingRead(2, "output"))
    'no document could be read (2 skipped); nothing written to output'
    """

    def __init__(self, skipped: int, target: object) -> None:
        super().__init__(f"no document could be read ({skipped} skipped); nothing written to {target}")


ErrorHandler = Callable[[IngestError], None]


def report(error: IngestError, on_error: ErrorHandler | None) -> None:
    """Hand a skipped document's error to ``on_error``; without a handler, raise it.

    Every stage that can skip a document reports it this way, so one bad document never
    costs the others their results once a handler is given.
    """
    if on_error is None:
        raise error
    on_error(error)
