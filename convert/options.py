"""Settings that reach the writers, gathered from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# progress(done, total, what): called by long-running writers.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, what: str) -> None:
    return None


@dataclass(frozen=True)
class Options:
    wrap: int | None = None          # hard-wrap the text edition at N columns
    # spoken edition
    engine: str = "pyttsx3"
    voice: str | None = None
    rate: int = 175                  # words per minute
    volume: float = 1.0
    read_credits: bool = False
    audio_format: str = "mp3"        # mp3 or m4b
    lexicon: Path | None = None      # a user's extra pronunciations
    cache: bool = True
    cache_dir: Path | None = None    # default: <out_dir>/.cache
    jobs: int | None = None          # synthesis workers; default: CPU count
    progress: Progress = no_progress
    # braille edition
    braille_table: str | None = None  # a liblouis table; default: the language's grade 2
    cells: int = 40                  # braille cells a line
    lines: int = 25                  # braille lines a page
