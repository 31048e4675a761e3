"""Which installed voice reads an article: the best one for its language."""

from __future__ import annotations

from ..errors import NoVoiceError
from ..language import primary_subtag
from . import Voice, engine_class

# Languages a voice may list under another code: espeak-ng's Mandarin is
# "cmn", Norwegian Bokmål is "nb", Hebrew was once "iw".
ALIASES = {
    "zh": ("cmn", "yue"), "cmn": ("zh",), "nb": ("no",), "no": ("nb",), "nn": ("no", "nb"),
    "he": ("iw",), "iw": ("he",), "id": ("in",), "ms": ("zlm",), "fil": ("tl",), "tl": ("fil",),
}


def _tag(text: str) -> str:
    return text.strip().lower().replace("_", "-")


def rank(voice: Voice, language: str) -> tuple[int, int] | None:
    """How well *voice* fits *language* (lower is better), or None when it does not speak it.

    An exact tag wins ("pt-br" for pt-BR); then the voice named after the bare
    language ("gmw/en" for en, espeak-ng's own default for it); then any
    voice of the language, plainest tag first (de before de-at, cmn before
    cmn-latn-pinyin); then a voice of a language the tag is an alias of.
    """
    wanted = _tag(language)
    code = primary_subtag(wanted)
    best: tuple[int, int] | None = None
    name = voice.id.rsplit("/", 1)[-1].lower()
    for spoken in voice.languages or ():
        spoken = _tag(spoken)
        spoken_code = primary_subtag(spoken)
        if spoken == wanted:
            score = (0, 0)
        elif name == code and spoken_code == code:
            score = (1, 0)
        elif spoken_code == code:
            score = (2, spoken.count("-"))
        elif spoken_code in ALIASES.get(code, ()):
            score = (3, spoken.count("-"))
        else:
            continue
        best = score if best is None else min(best, score)
    return best


def choose_voice(language: str, engine: str = "pyttsx3") -> Voice:
    """The installed voice of *engine* that best speaks *language*.

    NoVoiceError when none does: reading an article in a voice of another
    language would be heard as nonsense, so the spoken editions are not made.
    """
    voices = engine_class(engine).list_voices()
    ranked = [(score, voice.id, voice) for voice in voices
              if (score := rank(voice, language or "en")) is not None]
    if not ranked:
        raise NoVoiceError(f"no installed {engine} voice speaks {describe(language)}; "
                           f"the spoken editions were not made (install a voice, or give --voice)")
    return min(ranked, key=lambda item: (item[0], item[1]))[2]


def describe(language: str) -> str:
    """"German (de)": the language's English name, as CLDR has it, with its tag."""
    from babel import Locale, UnknownLocaleError
    try:
        name = Locale.parse(language, sep="-").get_display_name("en")
    except (UnknownLocaleError, ValueError, TypeError):
        name = None     # an unknown tag is still worth naming
    return f"{name} ({language})" if name else repr(language)
