"""Speech engines behind one small interface: text in, a checked WAV clip out.

Each engine turns one block of text into one mono 16-bit WAV file.  Nothing
here knows about articles: the spoken edition (``convert.write.audio``) asks
for clips, and ``batch`` synthesizes them in worker processes with a cache.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from ..errors import ToolError, UsageError
from . import wav

# A clip shorter than this share of the time its words take at the chosen
# rate is silent, cut short or empty.  espeak-ng reads real prose in 0.87 to
# 1.4 times the nominal time, so half is far below any honest clip.
MIN_SHARE = 0.5
# A clip this many times longer than expected (plus the slack below) has
# swallowed audio that is not its own; numbers read out in full stay well under.
MAX_SHARE = 4.0
SLACK_SECONDS = 2.0
# Peak below this (about -40 dBFS) is silence, whatever the duration.
SILENT_PEAK = 328

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Voice:
    engine: str
    id: str
    name: str
    languages: tuple[str, ...] = ()

    def __str__(self) -> str:
        langs = ", ".join(self.languages)
        return f"{self.engine}\t{self.id}\t{self.name}" + (f"\t{langs}" if langs else "")


class Engine(ABC):
    """One voice at one rate and volume; ``synthesize`` writes one WAV clip."""

    name: str = ""

    def __init__(self, voice: str | None = None, rate: int = 175, volume: float = 1.0,
                 language: str | None = None):
        if not 0.0 < volume <= 1.0:
            raise UsageError(f"volume must be above 0 and at most 1, not {volume}")
        if rate <= 0:
            raise UsageError(f"rate must be a positive number of words per minute, not {rate}")
        self.voice = voice
        self.rate = rate
        self.volume = volume
        self.language = language

    @classmethod
    @abstractmethod
    def version(cls) -> str:
        """What, besides the settings, decides the sound: library and voice data versions."""

    @classmethod
    @abstractmethod
    def list_voices(cls) -> list[Voice]:
        """The voices this engine can speak with on this machine."""

    @abstractmethod
    def synthesize(self, text: str, path: Path) -> Path:
        """Write *text* as speech to the WAV file *path*, unchecked."""


def engine_class(name: str) -> type[Engine]:
    if name == "pyttsx3":
        from .pyttsx3_engine import Pyttsx3Engine
        return Pyttsx3Engine
    if name == "piper":
        from .piper_engine import PiperEngine
        return PiperEngine
    raise UsageError(f"unknown speech engine {name!r} (choose from {', '.join(ENGINES)})")


ENGINES = ("pyttsx3", "piper")


def create(name: str, voice: str | None = None, rate: int = 175, volume: float = 1.0,
           language: str | None = None) -> Engine:
    return engine_class(name)(voice=voice, rate=rate, volume=volume, language=language)


def list_voices(engine: str | None = None) -> list[Voice]:
    """The voices of one engine, or of every engine installed here."""
    if engine is not None:
        return engine_class(engine).list_voices()
    voices: list[Voice] = []
    for name in ENGINES:
        try:
            voices += engine_class(name).list_voices()
        except ToolError:
            if name == ENGINES[0]:
                raise
            # An optional engine that is not installed simply has no voices.
    return voices


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def expected_seconds(text: str, rate: int) -> float:
    return word_count(text) * 60.0 / rate


def check_clip(path: Path, text: str, rate: int) -> float:
    """The clip's duration in seconds; ToolError if it is missing, silent, cut short or overlong."""
    try:
        info = wav.info(path)
    except (OSError, EOFError, wav.Error) as exc:
        raise ToolError(f"the speech engine wrote no readable audio ({exc})", path) from None
    expected = expected_seconds(text, rate)
    if info.frames == 0:
        raise ToolError("the speech engine wrote an empty clip", path)
    if info.peak < SILENT_PEAK:
        raise ToolError("the speech engine wrote a silent clip", path)
    if info.seconds < MIN_SHARE * expected:
        raise ToolError(f"the speech engine cut a clip short: {info.seconds:.2f} s for "
                        f"{word_count(text)} words at {rate} wpm", path)
    if info.seconds > MAX_SHARE * expected + SLACK_SECONDS:
        raise ToolError(f"the speech engine wrote an overlong clip: {info.seconds:.2f} s for "
                        f"{word_count(text)} words at {rate} wpm", path)
    return info.seconds


def speak(engine: Engine, text: str, path: Path) -> float:
    """Synthesize *text* to *path* and check the clip, trying once more on a bad one.

    Returns the clip's duration in seconds.
    """
    try:
        engine.synthesize(text, path)
        return check_clip(path, text, engine.rate)
    except ToolError:
        path.unlink(missing_ok=True)
    engine.synthesize(text, path)
    try:
        return check_clip(path, text, engine.rate)
    except ToolError as error:
        path.unlink(missing_ok=True)
        error.message = f"{error.message} (after a second try) while speaking: {_excerpt(text)}"
        error.path = None
        raise


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
