"""The default engine: pyttsx3, which on Linux drives the espeak-ng library.

Four facts about pyttsx3 2.99's espeak driver shape this module:

* Its run loop (``runAndWait``) ends by calling ``espeak_Cancel`` whenever
  espeak-ng still looks busy, and property changes reach espeak-ng as
  separate commands on its queue.  A cancel drops the queued commands and
  restores the parameters of the previous utterance, so a rate set just
  before a clip was now and then not the rate it was spoken at (a fast and a
  slow clip came out equally long).  We never run that loop: the voice, rate
  and volume go straight to espeak-ng, ahead of the text on the same queue,
  and the utterance is started directly, so nothing can come between them.
* The WAV is written on espeak's own thread when espeak reports the message
  finished.  We wait for the driver's ``finished-utterance`` notice, which
  comes after the file is closed.
* The driver collects audio with ``bytes +=``, so one utterance costs time
  quadratic in its length (2,560 words took 7.5 s against 0.8 s for the
  espeak-ng command).  Long texts are spoken in sentence groups and joined.
* It prints "Audio saved to …" on standard output.  That must never reach
  the command's own output, so fd 1 points at /dev/null while we synthesize.

pyttsx3 keeps one engine per process, so parallel synthesis needs processes
(see ``batch``), each with its own ``Pyttsx3Engine``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import re
import sys
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Iterator

from ..errors import ToolError, UsageError
from ..write.files import temp_dir
from . import Engine, Voice, wav

INSTALL_HINT = "install it with: apt-get install espeak-ng libespeak-ng1"

# Texts longer than this are spoken in pieces of about this size.
CHUNK_CHARS = 1500
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@functools.lru_cache(maxsize=1)
def espeak_version() -> str:
    """The espeak-ng library's version; ToolError when the library is missing."""
    name = ctypes.util.find_library("espeak-ng")
    if name is None:
        raise ToolError(f"espeak-ng is not installed ({INSTALL_HINT})")
    try:
        lib = ctypes.CDLL(name)
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        return (lib.espeak_Info(None) or b"?").decode("ascii", "replace")
    except (OSError, AttributeError) as exc:
        raise ToolError(f"espeak-ng cannot be loaded: {exc} ({INSTALL_HINT})") from None


@contextlib.contextmanager
def stdout_silenced() -> Iterator[None]:
    """Send standard output to /dev/null, at the file descriptor and in ``sys.stdout``.

    The driver prints from espeak's thread while we wait for it; both levels
    are covered so that neither a terminal nor a capturing caller sees it.
    """
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved_stream = sys.stdout
    try:
        os.dup2(devnull, 1)
        with open(os.devnull, "w") as sink:
            sys.stdout = sink
            try:
                yield
            finally:
                sys.stdout = saved_stream
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """*text* in groups of whole sentences of at most about *limit* characters."""
    if len(text) <= limit:
        return [text]
    groups: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        if current and len(current) + 1 + len(sentence) > limit:
            groups.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        groups.append(current)
    return groups


class Pyttsx3Engine(Engine):
    name = "pyttsx3"

    def __init__(self, voice: str | None = None, rate: int = 175, volume: float = 1.0,
                 language: str | None = None):
        super().__init__(voice, rate, volume, language)

    @classmethod
    def version(cls) -> str:
        return f"pyttsx3 {metadata.version('pyttsx3')}; espeak-ng {espeak_version()}"

    @classmethod
    def list_voices(cls) -> list[Voice]:
        engine = _driver().engine
        return [Voice(cls.name, v.id, v.name, tuple(v.languages or ()))
                for v in engine.getProperty("voices")]

    def _language_voice(self, engine) -> str | None:
        """With no voice named, the espeak-ng voice for the article's language, if any."""
        if not self.language:
            return None
        wanted = self.language.lower().replace("_", "-")
        ids = {v.id.lower(): v.id for v in engine.getProperty("voices")}
        for candidate in (wanted, wanted.split("-")[0]):
            for voice_id in ids:
                if voice_id.rsplit("/", 1)[-1] == candidate:
                    return ids[voice_id]
        return None

    def synthesize(self, text: str, path: Path) -> Path:
        path = Path(path)
        parts = chunks(text)
        if len(parts) == 1:
            with stdout_silenced():
                self._utter(text, path)
            return path
        with temp_dir(path.parent, "speech") as tmp:
            pieces = [tmp / f"{n:04d}.wav" for n in range(len(parts))]
            with stdout_silenced():
                for part, piece in zip(parts, pieces):
                    self._utter(part, piece)
            wav.concatenate(pieces, path)
        return path

    def _utter(self, text: str, path: Path) -> None:
        driver = _driver()
        settings = (self.voice or self._language_voice(driver.engine), self.rate, self.volume)
        driver.utter(text, path, settings)
        if driver.errors:
            error = driver.errors[0]
            if self.voice and isinstance(error, ValueError) and "voice" in str(error).lower():
                raise UsageError(f"unknown voice {self.voice!r} (see --list-voices)")
            raise ToolError(f"espeak-ng failed: {error}")


class _Driver:
    """The process's one pyttsx3 engine, with the settings last applied to it."""

    def __init__(self, engine):
        self.engine = engine
        self.applied: tuple | None = None
        self.finished = threading.Event()
        self.completed = False
        self.errors: list[BaseException] = []
        self.default_voice = engine.getProperty("voice")
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)

    def _on_finished(self, name=None, completed=True, **_):
        self.completed = bool(completed)
        self.finished.set()

    def _on_error(self, name=None, exception=None, **_):
        self.errors.append(exception)

    @staticmethod
    def _settle(limit: float = 5.0) -> None:
        """Wait until espeak-ng has wound down the last utterance.

        The driver reports an utterance finished from inside espeak's
        callback; a voice is loaded on our thread, so it waits until espeak's
        own thread has left that callback.
        """
        from pyttsx3.drivers import _espeak
        deadline = time.monotonic() + limit
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.002)

    def utter(self, text: str, path: Path, settings: tuple) -> None:
        self.finished.clear()
        self.completed = False
        self.errors.clear()
        self._settle()
        # The espeak driver itself, not the engine's command queue: see the
        # module's docstring for why runAndWait and queued properties are avoided.
        espeak = self.engine.proxy._driver
        voice, rate, volume = settings
        try:
            # The voice only when it changes (espeak-ng reloads it); the rate
            # and volume before every utterance, as a voice change resets them.
            if settings != self.applied:
                espeak.setProperty("voice", voice or self.default_voice)
                self.applied = settings
            espeak.setProperty("rate", rate)
            espeak.setProperty("volume", volume)
        except ValueError as exc:
            self.applied = None
            self.errors.append(exc)
            return
        path.unlink(missing_ok=True)
        if not path.parent.is_dir():
            # The driver would fail inside espeak's callback and never report the end.
            raise ToolError("no folder to write the speech clip into", path.parent)
        espeak.save_to_file(text, str(path))
        try:
            espeak._start_synthesis(text)
        except Exception as exc:   # the driver has reported it as an error too
            raise ToolError(f"espeak-ng could not start speaking: {exc}") from None
        timeout = 20.0 + len(text) / 50.0
        if not self.finished.wait(timeout):
            raise ToolError(f"espeak-ng did not finish speaking within {timeout:.0f} s")
        if not self.completed:
            raise ToolError("espeak-ng stopped before the end of a clip")


@functools.lru_cache(maxsize=1)
def _driver() -> _Driver:
    espeak_version()   # a clear message when the library is missing
    import pyttsx3
    try:
        return _Driver(pyttsx3.init())
    except (RuntimeError, OSError) as exc:
        raise ToolError(f"espeak-ng could not start: {exc} ({INSTALL_HINT})") from None
