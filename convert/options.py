"""Settings that reach the writers, gathered from the command line."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import UsageError

if TYPE_CHECKING:
    from .audio.spoken import SpokenRun

MB = 1024 * 1024   # --max-size counts in these

# progress(done, total, what): called by long-running writers.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, what: str) -> None:
    return None


@dataclass(frozen=True)
class Options:
    """How the editions are made: the command's options, with their defaults."""

    wrap: int | None = None          # hard-wrap the text edition at N columns
    language: str | None = None      # --lang: the article's language, whatever it declares
    # spoken edition
    engine: str = "pyttsx3"
    voice: str | None = None
    rate: int = 175                  # words per minute
    volume: float = 1.0
    read_credits: bool = False
    audio_format: str = "mp3"        # mp3 or m4b
    lexicon: Path | None = None      # a user's extra pronunciations
    cache: bool = True
    cache_dir: Path | None = None    # default: <out_dir>/.cache (see cache_folder)
    jobs: int | None = None          # synthesis workers; default: CPU count
    progress: Progress = no_progress
    # What a run's spoken editions share (engines, the article's script and
    # master); set by the pipeline, not an option.  None: each writer alone.
    spoken: SpokenRun | None = None
    # braille edition
    braille_table: str | None = None  # a liblouis table; default: brf.table_for(language)
    cells: int = 40                  # braille cells a line
    lines: int = 25                  # braille lines a page


# --- checked once, before any article is read -----------------------------------

SPOKEN = ("audio", "narrated")     # editions that need a speech engine and voice
AUDIO_FORMATS = ("mp3", "m4b")
# The speech engines (convert.tts builds them); named here so that checking
# --engine does not load the speech package for a run that speaks nothing.
ENGINES = ("pyttsx3", "piper")


def check_formats(requested: list[str]) -> list[str]:
    """The editions asked for, in order, each once; UsageError for none or an unknown one."""
    from .write import WRITERS

    formats = [f.strip() for f in requested if f.strip()]
    if not formats:
        raise UsageError(f"no format given (choose from {', '.join(WRITERS)})")
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)} (choose from {', '.join(WRITERS)})")
    return list(dict.fromkeys(formats))


def max_bytes(megabytes: float) -> int:
    """--max-size in bytes; UsageError unless it is a positive, finite number."""
    if not math.isfinite(megabytes) or megabytes <= 0:
        raise UsageError(f"--max-size must be a positive number of megabytes, not {megabytes:g}")
    return max(1, int(megabytes * MB))


def cache_folder(options: Options, out_dir: Path) -> Path:
    """Where synthesized speech and finished spoken editions are kept between runs."""
    return options.cache_dir if options.cache_dir is not None else out_dir / ".cache"


def check(options: Options, formats: list[str]) -> None:
    """Refuse settings the chosen editions cannot honour, before any article is converted.

    Every option is checked here and nowhere else on the way in, so a bad one
    costs no work and leaves no file behind.
    """
    if options.language is not None:
        from .language import override_tag
        override_tag(options.language)
    if options.audio_format not in AUDIO_FORMATS:
        raise UsageError(f"--audio-format must be mp3 or m4b, not {options.audio_format!r}")
    if options.lexicon is not None and not options.lexicon.is_file():
        raise UsageError("no such lexicon file", options.lexicon)
    if options.braille_table is not None and "brf" in formats:
        from .write.brf import check_table
        check_table(options.braille_table)
    if options.engine not in ENGINES:
        raise UsageError(f"unknown speech engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    if options.voice is not None and any(f in SPOKEN for f in formats):
        check_voice(options.engine, options.voice)


def check_voice(engine: str, voice: str) -> None:
    """UsageError unless *engine* has *voice*: by id, the id's last part, name or language."""
    from . import tts

    tts.create(engine, voice)   # an engine that checks its own voices (Piper) raises here
    wanted = voice.strip().lower()
    for known in tts.list_voices(engine):
        names = {known.id.lower(), known.id.rsplit("/", 1)[-1].lower(), known.name.lower(),
                 *(language.lower() for language in known.languages)}
        if wanted in names:
            return
    if engine == "piper":
        return   # a model file, already checked by the engine
    raise UsageError(f"unknown voice {voice!r} for {engine} (see --list-voices)")
