"""The editions: one writer module each, looked up by format name.

Every writer has the signature ``write(article, target, options) -> list[Path]``:
it writes the edition at *target* (and any companion file beside it) through
``files.atomic_path`` and returns the paths it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Article
from ..options import Options
from . import audio, epub, narrated, text

Writer = Callable[[Article, Path, Options], list[Path]]


@dataclass(frozen=True)
class Edition:
    write: Writer
    suffix: str


WRITERS: dict[str, Edition] = {
    "txt": Edition(text.write, ".txt"),
    "epub": Edition(epub.write, ".epub"),
    "audio": Edition(audio.write, ".mp3"),
    "narrated": Edition(narrated.write, "-narrated.epub"),
}
