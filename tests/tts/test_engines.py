"""Speech engines: the clip checks with a fake engine, then the real pyttsx3 voice measured."""

from __future__ import annotations

import math
import statistics
import struct
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from convert import tts
from convert.errors import NoVoiceError, ToolError, UsageError
from convert.tts import batch, wav
from convert.tts.pyttsx3_engine import Pyttsx3Engine

RATE = 22050
SENTENCE = "The harbor master counted seven boats before the fog rolled in from the sea."
SENTENCE_WORDS = 14     # counted by hand
# At R words a minute, N words take N * 60 / R seconds.  The voices here take
# 0.72 to 0.97 of that for plain sentences (short everyday words are quicker
# than the average word a rate is set by), so a clip counts as spoken at the
# requested rate when it is between SHORTEST and LONGEST times that.  The
# voice's default rate is 175: at 100 or 300 words a minute, a voice that
# ignored the rate would be outside these bounds.
SHORTEST, LONGEST = 0.6, 1.25


def at_rate(words: int, rate: int) -> float:
    """Seconds that *words* words take at *rate* words a minute."""
    return words * 60 / rate


def test_the_sentence_has_the_words_counted():
    assert len(SENTENCE.split()) == SENTENCE_WORDS


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
        expected = at_rate(len(text.split()), self.rate)    # a voice keeping exactly to the rate
        if kind == "good":
            write_tone(path, expected)
        elif kind == "silent":
            write_tone(path, expected, amplitude=0)
        elif kind == "short":
            write_tone(path, expected * 0.3)
        elif kind == "fast":            # spoken at twice the rate
            write_tone(path, expected * 0.5)
        elif kind == "slow":            # spoken at half the rate
            write_tone(path, expected * 2 + 1)
        elif kind == "long":
            write_tone(path, expected * 5 + 3)
        elif kind == "empty":
            write_tone(path, 0)
        elif kind == "garbage":
            path.write_bytes(b"not a wav file")
        return path


@pytest.mark.parametrize("bad", ["silent", "short", "fast", "slow", "long", "empty", "garbage",
                                 "none"])
def test_a_bad_clip_is_retried_once_then_refused(tmp_path, bad):
    engine = FakeEngine([bad, bad])
    with pytest.raises(ToolError) as caught:
        tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 2
    assert "second try" in str(caught.value)
    assert not (tmp_path / "clip.wav").exists()


@pytest.mark.parametrize("bad", ["silent", "short", "fast", "slow", "empty", "none"])
def test_a_bad_first_clip_is_replaced_by_a_good_second(tmp_path, bad):
    engine = FakeEngine([bad, "good"])
    seconds = tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 2
    assert seconds == pytest.approx(at_rate(SENTENCE_WORDS, 175), abs=0.01)


@pytest.mark.parametrize("rate", [100, 175, 300])
def test_a_good_clip_is_spoken_once(tmp_path, rate):
    engine = FakeEngine(["good"], rate=rate)
    seconds = tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    assert engine.calls == 1
    assert seconds == pytest.approx(at_rate(SENTENCE_WORDS, rate), abs=0.01)


@pytest.mark.parametrize("rate", [100, 175, 300])
def test_the_expected_time_follows_the_rate(rate):
    nominal = at_rate(SENTENCE_WORDS, rate)
    assert SHORTEST * nominal <= tts.expected_seconds(SENTENCE, rate) <= LONGEST * nominal
    low, high = tts.expected_range(SENTENCE, rate)
    # Every clip a voice speaking at the rate makes is accepted ...
    assert low <= SHORTEST * nominal and LONGEST * nominal <= high
    # ... and one spoken at half or twice the rate is not.
    assert high < 2 * nominal and low > 0.5 * nominal


def test_scripts_without_spaces_are_timed_by_their_characters():
    # Eleven characters of Chinese take about as long as eleven English words.
    chinese = "市政府宣布新的地铁线路。"
    english = "The city said the new line opens next spring with twelve stations."
    low, high = tts.expected_range(chinese, 175)
    english_low, english_high = tts.expected_range(english, 175)
    assert low == pytest.approx(english_low, rel=0.35)
    assert high == pytest.approx(english_high, rel=0.35)
    assert len(chinese.split()) == 1    # what counting words would have assumed


def test_a_long_unspeakable_token_may_be_spelled_out_or_skipped():
    plain_low, plain_high = tts.expected_range("Call the office now.", 175)
    low, high = tts.expected_range("Call XQ7Z93KLMNP2RT4 now.", 175)
    assert high > plain_high + 3            # spelled letter by letter
    assert low < plain_low                  # or not read at all
    # A long ordinary word is just a word.
    assert tts.expected_range("Responsibilities", 175)[1] < 2.5


def test_bad_settings_are_usage_errors():
    with pytest.raises(UsageError):
        tts.create("pyttsx3", volume=0)
    with pytest.raises(UsageError):
        tts.create("pyttsx3", rate=0)
    with pytest.raises(UsageError, match="unknown speech engine"):
        tts.create("festival")


# --- the real default engine ------------------------------------------------------

@pytest.mark.parametrize("rate", [100, 300])
def test_pyttsx3_speaks_for_as_long_as_the_words_take(tmp_path, capfd, rate):
    engine = Pyttsx3Engine(rate=rate)
    seconds = tts.speak(engine, SENTENCE, tmp_path / "clip.wav")
    nominal = at_rate(SENTENCE_WORDS, rate)
    assert SHORTEST * nominal <= seconds <= LONGEST * nominal
    info = wav.info(tmp_path / "clip.wav")
    assert (info.channels, info.sample_width) == (1, 2)
    assert info.peak > 3000
    # pyttsx3 prints "Audio saved to …"; none of it may reach our output.
    assert capfd.readouterr().out == ""


class WrongRateOnce(Pyttsx3Engine):
    """The real voice, speaking its first clip at twice the requested rate."""

    def __init__(self, *args, always: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = 0
        self.always = always

    def synthesize(self, text: str, path: Path) -> Path:
        self.calls += 1
        if self.calls == 1 or self.always:
            return Pyttsx3Engine(rate=self.rate * 2, language=self.language).synthesize(text, path)
        return super().synthesize(text, path)


class MisbehavingSpec(batch.EngineSpec):
    engines: list = []

    def build(self):
        engine = WrongRateOnce(rate=self.rate, always=self.voice == "always-wrong")
        self.engines.append(engine)
        return engine


def test_a_clip_at_the_wrong_rate_is_made_again_and_only_the_good_one_cached(tmp_path):
    cache, work = tmp_path / "cache", tmp_path / "work"
    spec = MisbehavingSpec(rate=175)
    result = batch.speak_all([SENTENCE], spec, work, cache, jobs=1)
    assert spec.engines[-1].calls == 2
    right = tts.speak(Pyttsx3Engine(rate=175), SENTENCE, tmp_path / "right.wav")
    assert wav.header(result.clips[0]).seconds == pytest.approx(right, abs=0.05)
    assert list(cache.iterdir()) == result.clips


def test_a_clip_still_wrong_after_a_second_try_is_never_cached(tmp_path):
    cache, work = tmp_path / "cache", tmp_path / "work"
    spec = MisbehavingSpec(rate=175, voice="always-wrong")
    with pytest.raises(ToolError, match="second try"):
        batch.speak_all([SENTENCE], spec, work, cache, jobs=1)
    assert spec.engines[-1].calls == 2
    assert list(cache.iterdir()) == [] and list(work.iterdir()) == []


def test_pyttsx3_rate_changes_the_duration(tmp_path):
    slow = tts.speak(Pyttsx3Engine(rate=120), SENTENCE, tmp_path / "slow.wav")
    fast = tts.speak(Pyttsx3Engine(rate=240), SENTENCE, tmp_path / "fast.wav")
    assert 1.5 <= slow / fast <= 2.5


def test_pyttsx3_speaks_every_clip_at_the_rate_just_set(tmp_path):
    """A few seconds of clips, the rate (and now and then the voice) changed before each.

    Every clip must be as long as the other clips of its rate and voice, and
    twice the rate must halve the time: a rate that did not reach espeak-ng
    before its utterance shows as a clip the length of another rate's.
    """
    short = "Seven boats came in before the fog."
    engines = [Pyttsx3Engine(rate=rate, language=language)
               for language in (None, "fr") for rate in (120, 240, 175)]
    lengths: dict[tuple, list[float]] = {}
    deadline = time.monotonic() + 6.0
    n = 0
    while n < 4 * len(engines) or time.monotonic() < deadline:
        engine = engines[n % len(engines)] if n % 7 else engines[(n * 5) % len(engines)]
        path = tmp_path / f"{n % 2}.wav"
        engine.synthesize(short, path)
        lengths.setdefault((engine.language, engine.rate), []).append(wav.header(path).seconds)
        n += 1
    for (language, rate), seconds in lengths.items():
        middle = statistics.median(seconds)
        wrong = [s for s in seconds if abs(s - middle) > 0.03 * middle]
        assert not wrong, f"{language} at {rate}: {len(wrong)} of {len(seconds)} clips off {middle:.2f} s"
    for language in (None, "fr"):
        slow = statistics.median(lengths[(language, 120)])
        fast = statistics.median(lengths[(language, 240)])
        assert 1.6 <= slow / fast <= 2.4


def _spoken_in_a_fresh_process(text: str, path: Path, rate: int = 175) -> bytes:
    """*text* spoken by a new Python process that says nothing else."""
    code = ("import sys; from pathlib import Path; from convert.tts.pyttsx3_engine import Pyttsx3Engine; "
            "Pyttsx3Engine(rate=int(sys.argv[3])).synthesize(sys.argv[1], Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, text, str(path), str(rate)], check=True,
                   cwd=Path(__file__).resolve().parents[2])
    return path.read_bytes()


def test_a_clip_is_the_same_whatever_the_process_said_before_it(tmp_path):
    """A clip depends on its text and settings alone, not on the clips spoken before it.

    espeak-ng carries state from one utterance to the next, and from one
    voice change to the next: a sentence came out a few samples longer or
    shorter after other sentences, or after a few dozen voice changes, and
    two cold runs of an article differed.
    """
    check = "Seven boats came in before the fog."
    alone = _spoken_in_a_fresh_process(check, tmp_path / "alone.wav", rate=240)
    here = Pyttsx3Engine(rate=240)
    others = [Pyttsx3Engine(rate=175), Pyttsx3Engine(rate=120, language="fr")]
    versions = set()
    for n in range(60):
        here.synthesize(check, tmp_path / "here.wav")
        versions.add((tmp_path / "here.wav").read_bytes())
        others[n % 2].synthesize(f"Boat number {n} came in.", tmp_path / "other.wav")
    assert versions == {alone}
    # And after another sentence, in a fresh process of its own.
    code = ("import sys; from pathlib import Path; from convert.tts.pyttsx3_engine import Pyttsx3Engine; "
            "Pyttsx3Engine(rate=175).synthesize('The ferry is late again.', Path(sys.argv[2])); "
            "Pyttsx3Engine(rate=240).synthesize(sys.argv[1], Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, check, str(tmp_path / "second.wav")], check=True,
                   cwd=Path(__file__).resolve().parents[2])
    assert (tmp_path / "second.wav").read_bytes() == alone


def test_pyttsx3_long_text_is_spoken_whole(tmp_path):
    text = " ".join(f"Item {n} of the list was checked by the clerk." for n in range(60))
    seconds = tts.speak(Pyttsx3Engine(rate=200), text, tmp_path / "long.wav")
    nominal = at_rate(60 * 10, 200)     # sixty sentences of ten words
    assert SHORTEST * nominal <= seconds <= LONGEST * nominal


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
    assert french._language_voice.endswith("/fr")
    assert Pyttsx3Engine(language="en-US")._language_voice.endswith("/en-us")
    with pytest.raises(NoVoiceError):
        Pyttsx3Engine(language="xx").synthesize(SENTENCE, tmp_path / "xx.wav")


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

def test_piper_speaks(tmp_path):
    # scripts/setup --dev installs the piper extra, voice included: no skip.
    engine = tts.create("piper", rate=175)
    seconds = tts.speak(engine, SENTENCE, tmp_path / "piper.wav")
    nominal = at_rate(SENTENCE_WORDS, 175)
    assert SHORTEST * nominal <= seconds <= LONGEST * nominal
    assert tts.list_voices("piper")[0].id == "en_US-joe-medium"
