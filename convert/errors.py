"""The one exception family of the project, each kind with its exit code."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1   # an input could not be converted
    USAGE = 2     # the command line itself is wrong
    BUG = 3       # an unexpected error inside the tool: a bug to report
    TERMINATED = 143   # stopped by SIGTERM (128 + 15), as a shell reports it


class ConvertError(Exception):
    """Something the user can fix; printed as one line, never as a traceback."""

    exit_status = ExitStatus.FAILURE

    def __init__(self, message: str, path: Path | str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class InputError(ConvertError):
    """The input file is missing, unreadable, empty or not an article."""


class UsageError(ConvertError):
    """An option or argument that cannot be honoured."""

    exit_status = ExitStatus.USAGE


class OutputError(ConvertError):
    """The output folder cannot be written."""


class ToolError(ConvertError):
    """An external program the editions need (espeak-ng, ffmpeg) failed or is missing."""


class InternalError(ConvertError):
    """An exception the tool did not expect while converting one article: a bug.

    The batch goes on; the original exception is kept as ``__cause__`` so
    ``--verbose`` can show its traceback.
    """

    exit_status = ExitStatus.BUG


class LeftOutError(ConvertError):
    """One edition cannot be made in the article's language; the others still are."""


class NoVoiceError(LeftOutError):
    """No installed voice speaks the article's language: the spoken editions cannot be made."""


class NoBrailleError(LeftOutError):
    """No braille table liblouis has writes the article's language: the braille edition cannot be made."""
