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
from ..options import ENGINES
from . import wav

# How long a clip may be, against the time its text takes at the chosen rate.
# espeak-ng reads one "word" of news prose per 6.5 characters (spaces and
# punctuation included), and its sentences came out between 0.83 and 1.25
# times that estimate; a clip spoken at half or twice the rate, cut short or
# swallowing another's audio falls outside these bounds.
CHARS_PER_WORD = 6.5
MIN_SHARE = 0.7
MAX_SHARE = 1.5
SLACK_SECONDS = 1.0        # the voice's own lead-in and trailing silence, and short texts
# A token this long may be spelled out letter by letter ("NNNNNNNNNNNNNN",
# a long code or address), at up to this many seconds a character at 175 wpm.
LONG_TOKEN = 12
SPELLED_SECONDS = 0.3
# Scripts written without spaces (Chinese, Japanese, Thai…): each character
# is about one word's time (espeak-ng's Mandarin: 3 characters a second at 175).
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                       r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Kana are syllables, not words: espeak-ng says about three of them in a word's
# time (Japanese reaches the voice as kana, since it cannot read kanji).
_KANA = re.compile(r"[\u3040-\u30ff]")
KANA_PER_WORD = 3
# Peak below this (about -40 dBFS) is silence, whatever the duration.
SILENT_PEAK = 328



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


def expected_range(text: str, rate: int) -> tuple[float, float]:
    """The shortest and longest honest clip of *text* at *rate* words a minute, in seconds."""
    low = high = 0.0
    for token in text.split():
        kana = len(_KANA.findall(token))
        unspaced = len(_UNSPACED.findall(token)) - kana + kana / KANA_PER_WORD
        spaced = "".join(_UNSPACED.split(token))
        letters = len(re.findall(r"\w", spaced))
        words = unspaced + (len(spaced) + 1) / CHARS_PER_WORD if letters else unspaced
        if letters >= LONG_TOKEN and _unspeakable(spaced):
            # Spelled out letter by letter, or skipped by the voice.
            low += 1 / CHARS_PER_WORD
            high += max(words, letters * SPELLED_SECONDS * 175 / 60)
        else:
            low += words
            high += words
    minute = 60.0 / rate
    return MIN_SHARE * low * minute, MAX_SHARE * high * minute + SLACK_SECONDS


def _unspeakable(token: str) -> bool:
    """A token no voice reads as a word: capitals or digits only, or letters mixed with digits, or no vowel."""
    core = re.sub(r"\W", "", token)
    return (core.upper() == core or bool(re.search(r"\d", core))
            or not re.search(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]", core, re.IGNORECASE))


def expected_seconds(text: str, rate: int) -> float:
    """The time *text* takes at *rate*, by its characters (or by its characters' count in unspaced scripts)."""
    low, high = expected_range(text, rate)
    return low / MIN_SHARE


def check_clip(path: Path, text: str, rate: int) -> float:
    """The clip's duration in seconds; ToolError if it is missing, silent, or does not fit the rate."""
    try:
        info = wav.info(path)
    except (OSError, EOFError, wav.Error) as exc:
        raise ToolError(f"the speech engine wrote no readable audio ({exc})", path) from None
    if info.frames == 0:
        raise ToolError("the speech engine wrote an empty clip", path)
    if info.peak < SILENT_PEAK:
        raise ToolError("the speech engine wrote a silent clip", path)
    low, high = expected_range(text, rate)
    if not low <= info.seconds <= high:
        raise ToolError(f"the speech engine wrote {info.seconds:.2f} s where {rate} words a minute "
                        f"takes {low:.2f} to {high:.2f} s", path)
    return info.seconds


def speak(engine: Engine, text: str, path: Path) -> float:
    """Synthesize *text* to *path* and check the clip, synthesizing once more if it fails.

    Returns the clip's duration in seconds.  A clip that fails twice is
    deleted and raises ToolError: it is neither used nor cached.
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
