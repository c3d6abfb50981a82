"""kg's errors: each names the bad value and what was expected."""
from __future__ import annotations

__all__ = ["IngestError", "KGError", "ModelError", "OutputError"]


class KGError(Exception):
    """Base class of kg's errors; the message is one line meant for the user."""


class IngestError(KGError):
    """A document could not be read; the message names the file (and line) and the reason."""


class ModelError(KGError):
    """The spaCy model could not be loaded."""


class OutputError(KGError):
    """An output file could not be written."""
