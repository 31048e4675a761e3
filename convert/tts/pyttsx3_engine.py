"""The default engine: espeak-ng, through pyttsx3's binding of its library.

Every clip is spoken by a child process forked for it alone, from a process
that has loaded espeak-ng and read its list of voices, and then never touches
it again.  espeak-ng keeps synthesis state from one utterance to the next in
static variables that no call of its API resets (in wavegen.c: the pitch
flutter's position, the wave's phase, the cycle count behind the voice's
roughness, the gain control, the echo buffer), so the same sentence came out
a few samples longer or shorter depending on what the process had said
before, and two runs with an empty clip cache gave different MP3s.  Loading
a voice leaves state behind too: after a few dozen voice changes the same
sentence came out different, once cut short, without a word spoken in
between.  So the child sets the voice, rate and volume itself, speaks, and
exits; each child starts from the same untouched state, and a clip depends
only on its text and settings.  A fork and a voice load cost about 2 ms,
against the tens of milliseconds a sentence takes.

espeak-ng runs in its synchronous mode: it synthesizes on the calling thread
and hands the audio to our callback before ``espeak_Synth`` returns.  The
thread that serves its queued, asynchronous mode stays idle, so there is
nothing to race (that queue once let a rate set just before a clip arrive
after it) and nothing a fork could copy halfway through; and nothing of
pyttsx3's run loop, its ``bytes +=`` buffer (quadratic in a clip's length)
or its "Audio saved to …" line is involved.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import wave
from importlib import metadata
from pathlib import Path

from ..errors import ToolError, UsageError
from . import Engine, Voice, child

INSTALL_HINT = "install it with: apt-get install espeak-ng libespeak-ng1"

# Audio is handed to the callback in pieces of this many milliseconds.
BUFFER_MS = 1000
# How long a clip may take: generous, for a loaded machine.
BASE_TIMEOUT = 20.0
CHARS_PER_SECOND = 50.0
# A clip's child exits with this when espeak-ng has no such voice.
UNKNOWN_VOICE_EXIT = 3


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
        return [Voice(cls.name, v.id, v.name, tuple(v.languages or ())) for v in _espeak().voices()]

    @functools.cached_property
    def _language_voice(self) -> str:
        """With no voice named, the voice the spoken editions would choose for the language."""
        from .voices import choose_voice
        return choose_voice(self.language or "en", self.name).id

    def synthesize(self, text: str, path: Path) -> Path:
        path = Path(path)
        if not path.parent.is_dir():
            raise ToolError("no folder to write the speech clip into", path.parent)
        voice = self.voice or self._language_voice
        try:
            _espeak().speak_in_child(text, path, (voice, self.rate, self.volume),
                                     BASE_TIMEOUT + len(text) / CHARS_PER_SECOND)
        except _UnknownVoice:
            if self.voice:
                raise UsageError(f"unknown voice {self.voice!r} (see --list-voices)") from None
            raise ToolError(f"espeak-ng has no voice {voice!r}") from None
        return path


class _UnknownVoice(Exception):
    pass


class _Espeak:
    """This process's espeak-ng: loaded once, then left untouched; each clip is spoken by a child."""

    def __init__(self):
        try:
            from pyttsx3.drivers import _espeak
        except (RuntimeError, OSError) as exc:
            raise ToolError(f"espeak-ng could not be loaded: {exc} ({INSTALL_HINT})") from None
        self.lib = _espeak
        self.sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS)
        if self.sample_rate <= 0:
            raise ToolError(f"espeak-ng could not start ({INSTALL_HINT})")
        _espeak.SetSynthCallback(self._receive)
        # Read once, now: the last use of espeak-ng in this process, whose
        # state every clip's child then starts from.
        from pyttsx3.drivers.espeak import EspeakDriver
        self._voices = EspeakDriver.getProperty("voices")
        # Used only in a clip's child process, while it speaks.
        self.out: wave.Wave_write | None = None
        self.ended = False
        self.failure: BaseException | None = None

    def voices(self) -> list:
        return list(self._voices)

    def speak_in_child(self, text: str, path: Path, settings: tuple, timeout: float) -> None:
        """Write *text* as a WAV clip at *path*, spoken by a child forked for it (convert.tts.child).

        *settings* are the voice, rate (words a minute) and volume (0 to 1).
        """
        path.unlink(missing_ok=True)

        def speak() -> int:
            try:
                self._speak_here(text, path, *settings)
            except _UnknownVoice:
                return UNKNOWN_VOICE_EXIT
            return 0

        try:
            code, reason = child.run(speak, timeout, "espeak-ng")
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        if code == UNKNOWN_VOICE_EXIT:
            raise _UnknownVoice()
        if code != 0:
            path.unlink(missing_ok=True)
            raise ToolError(f"espeak-ng failed: {reason}")

    def _speak_here(self, text: str, path: Path, voice: str, rate: int, volume: float) -> None:
        if self.lib.SetVoiceByName(voice.encode("utf-8")) != self.lib.EE_OK:
            raise _UnknownVoice()
        # After the voice, which resets them.
        self.lib.SetParameter(self.lib.RATE, rate, 0)
        self.lib.SetParameter(self.lib.VOLUME, int(round(volume * 100)), 0)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            self.out, self.ended, self.failure = out, False, None
            status = self.lib.Synth(text, flags=self.lib.ENDPAUSE | self.lib.CHARS_UTF8)
        if self.failure is not None:
            raise self.failure
        if status != self.lib.EE_OK:
            raise ToolError(f"espeak-ng could not speak (error {status})")
        if not self.ended:
            # espeak-ng returned without its closing call (a NULL buffer): the clip may be cut short.
            raise ToolError("espeak-ng stopped before the end of a clip")

    def _receive(self, samples, count, events) -> int:
        """espeak-ng's callback: a piece of audio, or no buffer at all once the text is spoken."""
        try:
            if count > 0:
                self.out.writeframesraw(ctypes.string_at(samples, count * 2))
            if not samples:
                self.ended = True
        except BaseException as exc:   # a full disk, say: stop speaking, report it after
            self.failure = exc
            return 1
        return 0


@functools.lru_cache(maxsize=1)
def _espeak() -> _Espeak:
    espeak_version()   # a clear message when the library is missing
    return _Espeak()
