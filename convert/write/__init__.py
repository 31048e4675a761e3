"""The editions: one writer module each, looked up by format name.

Every writer has the signature ``write(article, target, options) -> list[Path]``:
it writes the edition at *target* (and any companion file beside it) through
``files.atomic_path`` and returns the paths it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable

from ..model import Article
from ..options import Options

Writer = Callable[[Article, Path, Options], list[Path]]


@dataclass(frozen=True)
class Edition:
    """A format: the writer module in this package that makes it, and the file suffix."""

    module: str
    suffix: str

    @property
    def write(self) -> Writer:
        # Imported on first use: a text-only run need not load the EPUB and
        # audio libraries, and start-up is most of a short conversion.
        return import_module(f"{__name__}.{self.module}").write


WRITERS: dict[str, Edition] = {
    "txt": Edition("text", ".txt"),
    "epub": Edition("epub", ".epub"),
    "audio": Edition("audio", ".mp3"),
    "narrated": Edition("narrated", "-narrated.epub"),
    "brf": Edition("brf", ".brf"),
}
