"""Choosing the voice for an article's language, from the voices espeak-ng really has here."""

from __future__ import annotations

import pytest

from convert.errors import NoVoiceError
from convert.tts import Voice
from convert.tts.voices import choose_voice, rank


@pytest.mark.parametrize("language, voice", [
    ("de", "gmw/de"),
    ("fr", "roa/fr"),
    ("fr-CA", "roa/fr"),        # no Canadian voice: the French one
    ("es", "roa/es"),
    ("pt", "roa/pt"),
    ("pt-BR", "roa/pt-br"),     # the exact regional voice wins
    ("it", "roa/it"),
    ("nl", "gmw/nl"),
    ("ja", "jpx/ja"),
    ("zh", "sit/cmn"),          # espeak-ng lists Mandarin as cmn
    ("ar", "sem/ar"),
    ("he", "sem/he"),
    ("fa", "ira/fa"),
    ("en", "gmw/en"),
    ("en-US", "gmw/en-us"),
])
def test_the_installed_espeak_voice_for_each_language(language, voice):
    assert choose_voice(language, "pyttsx3").id == voice


def test_no_voice_for_the_language_is_one_clear_error():
    with pytest.raises(NoVoiceError) as caught:
        choose_voice("yo", "pyttsx3")   # espeak-ng has no Yoruba voice
    message = str(caught.value)
    assert "Yoruba (yo)" in message and "\n" not in message


def test_ranking_prefers_exact_then_plain_then_variants():
    voices = [Voice("x", "v/de-at", "Austrian", ("de-at",)), Voice("x", "v/de", "German", ("de",)),
              Voice("x", "v/en", "English", ("en-gb",))]
    best = lambda tag: min((rank(v, tag), v.id) for v in voices if rank(v, tag) is not None)[1]
    assert best("de-AT") == "v/de-at"
    assert best("de-CH") == "v/de"
    assert best("de") == "v/de"
    assert rank(voices[2], "de") is None
