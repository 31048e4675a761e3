"""The spoken edition, measured from the files it writes: duration, chapters, loudness, tags, timings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from convert import speech
from convert.errors import ToolError
from convert.model import Article, EndNote, Heading, Paragraph, Photo, Text
from convert.options import Options
from convert.tts import word_count
from convert.write import WRITERS, audio
from tests.fixtures.tiny_png import tiny_png

RATE = 190
TARGET = -18.0


def article(tmp: Path, third: str = "Buses will run every ten minutes on the weekend.") -> Article:
    cover = tmp / "lead.png"
    cover.write_bytes(tiny_png())
    return Article(
        title="Tram Line Opens Along the River",
        dek="The first cars ran at dawn with the mayor aboard.",
        authors=("Lena Frost", "Omar Haddad"),
        published=dt.date(2024, 5, 14),
        source="The Valley Courier",
        url="https://courier.example/tram",
        blocks=(
            Photo("A tram crosses the old stone bridge.", "Courier staff", cover),
            Paragraph((Text("The new line links the station to the market in twelve minutes."),)),
            Paragraph((Text("Riders paid nothing on the first day, and the cars were full by noon."),)),
            Heading("What Comes Next"),
            Paragraph((Text(third),)),
            EndNote((Text("Ida Berg contributed reporting."),)),
        ),
    )


def options(**changes) -> Options:
    return Options(rate=RATE, jobs=2, **changes)


class Counting:
    """Wraps the writer's speak_all and records how many clips each run synthesized."""

    def __init__(self):
        self.synthesized: list[int] = []
        self.original = audio.speak_all

    def __call__(self, *args, **kwargs):
        result = self.original(*args, **kwargs)
        self.synthesized.append(result.synthesized)
        return result


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    """One MP3 edition shared by the measuring tests, with its engine-call count."""
    folder = tmp_path_factory.mktemp("audio")
    counting = Counting()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audio, "speak_all", counting)
        source = article(folder)
        paths = audio.write(source, folder / "out" / "tram.mp3", options())
    return source, folder / "out", paths, counting


def probe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_chapters",
                             "-show_streams", "-of", "json", str(path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of the decoded file."""
    result = subprocess.run(["ffmpeg", "-nostats", "-i", str(path), "-af",
                             "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
                            capture_output=True, text=True, check=True)
    integrated = re.findall(r"^\s*I:\s+(-?[\d.]+) LUFS", result.stderr, re.M)[-1]
    peak = re.findall(r"^\s*Peak:\s+(-?[\d.]+) dBFS", result.stderr, re.M)[-1]
    return float(integrated), float(peak)


def segments_of(source: Article):
    return speech.script(source, options(), speech.Lexicon.load(None))


def test_writes_the_mp3_and_its_timings_and_nothing_else(spoken):
    _, out, paths, _ = spoken
    assert paths == [out / "tram.mp3", out / "tram.timings.json"]
    assert sorted(p.name for p in out.iterdir()) == [".cache", "tram.mp3", "tram.timings.json"]
    stream = probe(paths[0])["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "22050")
    assert 56_000 <= int(stream["bit_rate"]) <= 72_000


def test_the_registry_names_the_audio_edition():
    assert WRITERS["audio"].write is audio.write
    assert WRITERS["audio"].suffix == ".mp3"


def test_duration_fits_the_words_at_the_rate(spoken):
    source, _, paths, _ = spoken
    timings = json.loads(paths[1].read_text())
    words = sum(word_count(s.text) for s in segments_of(source))
    speaking = sum(t["end"] - t["start"] for t in timings)
    expected = words * 60 / RATE
    assert 0.75 * expected <= speaking <= 1.6 * expected
    duration = float(probe(paths[0])["format"]["duration"])
    # head and tail silence around the last word
    assert timings[0]["start"] == pytest.approx(audio.HEAD_SECONDS, abs=0.01)
    assert duration == pytest.approx(timings[-1]["end"] + audio.TAIL_SECONDS, abs=0.1)


def test_timings_cover_every_segment_in_order(spoken):
    source, _, paths, _ = spoken
    timings = json.loads(paths[1].read_text())
    segments = segments_of(source)
    assert [t["id"] for t in timings] == [s.block_id for s in segments]
    duration = float(probe(paths[0])["format"]["duration"])
    previous_end = 0.0
    for timing, segment in zip(timings, segments):
        assert previous_end <= timing["start"] < timing["end"] <= duration
        if previous_end:
            assert timing["start"] - previous_end == pytest.approx(segment.pause_before, abs=0.01)
        previous_end = timing["end"]


def test_chapters_read_back_with_titles_in_order(spoken):
    from mutagen.id3 import ID3
    source, _, paths, _ = spoken
    tags = ID3(paths[0])
    toc = tags.getall("CTOC")[0]
    chapters = [tags[f"CHAP:{element}"] for element in toc.child_element_ids]
    titles = [chapter.sub_frames["TIT2"].text[0] for chapter in chapters]
    assert titles == [source.title, "What Comes Next", "Contributors"]
    starts = [chapter.start_time for chapter in chapters]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
    ends = [chapter.end_time for chapter in chapters]
    assert ends[:-1] == starts[1:]
    # The heading's chapter starts just before the heading is spoken.
    timings = {t["id"]: t for t in json.loads(paths[1].read_text())}
    heading = next(s.block_id for s in segments_of(source) if s.chapter == "What Comes Next")
    assert 0 <= timings[heading]["start"] * 1000 - starts[1] <= 250
    # ffmpeg reads the same chapters.
    probed = sorted(probe(paths[0])["chapters"], key=lambda c: float(c["start_time"]))
    assert [c["tags"]["title"] for c in probed] == titles


def test_tags_name_the_article(spoken):
    from mutagen.id3 import ID3
    source, _, paths, _ = spoken
    tags = ID3(paths[0])
    assert tags.version[:2] == (2, 3)
    assert tags["TIT2"].text == [source.title]
    assert "Lena Frost" in str(tags["TPE1"]) and "Omar Haddad" in str(tags["TPE1"])
    assert tags["TALB"].text == [source.source]
    assert str(tags["TDRC"].text[0]).startswith("2024")   # stored as TYER + TDAT in v2.3
    picture = tags.getall("APIC")[0]
    assert picture.mime == "image/png" and picture.data == tiny_png()


def test_loudness_and_true_peak_are_on_target(spoken):
    _, _, paths, _ = spoken
    integrated, peak = loudness(paths[0])
    assert abs(integrated - TARGET) <= 1.0
    assert peak <= -3.0


def test_second_run_synthesizes_nothing_and_one_change_one_clip(spoken, tmp_path):
    source, out, paths, counting = spoken
    assert counting.synthesized == [len({s.text for s in segments_of(source)})]
    made = (out / "tram.mp3").stat().st_mtime_ns
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audio, "speak_all", counting)
        calls = len(counting.synthesized)
        audio.write(source, out / "tram.mp3", options())
        # Nothing to speak, and the edition already there is kept as it is.
        assert sum(counting.synthesized[calls:]) == 0
        assert (out / "tram.mp3").stat().st_mtime_ns == made
        (out / "tram.mp3").write_bytes(b"damaged")
        audio.write(source, out / "tram.mp3", options())
        assert counting.synthesized[-1] == 0
        assert (out / "tram.mp3").stat().st_size > 10_000
        changed = article(tmp_path, third="Buses will run every twenty minutes on holidays.")
        audio.write(changed, out / "tram.mp3", options())
        assert counting.synthesized[-1] == 1
        audio.write(changed, tmp_path / "fresh" / "tram.mp3", options(cache=False))
        assert counting.synthesized[-1] == len({s.text for s in segments_of(changed)})
    assert not (tmp_path / "fresh" / ".cache").exists()


def test_m4b_has_the_same_chapters_and_mp4_tags(tmp_path):
    from mutagen.mp4 import MP4
    source = article(tmp_path)
    paths = audio.write(source, tmp_path / "out" / "tram.mp3", options(audio_format="m4b"))
    assert paths == [tmp_path / "out" / "tram.m4b", tmp_path / "out" / "tram.timings.json"]
    book = MP4(paths[0])
    assert [c.title for c in book.chapters] == [source.title, "What Comes Next", "Contributors"]
    starts = [c.start for c in book.chapters]
    assert starts[0] == 0 and starts == sorted(starts)
    assert book["\xa9nam"] == [source.title]
    assert book["\xa9alb"] == [source.source]
    assert book["covr"][0] == tiny_png()
    info = probe(paths[0])
    assert info["format"]["tags"]["major_brand"].strip() == "M4B"
    assert [c["tags"]["title"] for c in info["chapters"]] == [c.title for c in book.chapters]
    integrated, peak = loudness(paths[0])
    assert abs(integrated - TARGET) <= 1.0
    assert peak <= -3.0


def test_nothing_reaches_standard_output(tmp_path, capfd):
    audio.write(article(tmp_path), tmp_path / "quiet.mp3", options(cache=False))
    assert capfd.readouterr().out == ""


def test_an_interrupted_run_leaves_nothing_behind(tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(audio, "tag_mp3", interrupt)
    with pytest.raises(KeyboardInterrupt):
        audio.write(article(tmp_path), tmp_path / "out" / "tram.mp3", options(cache=False))
    assert list((tmp_path / "out").iterdir()) == []


def test_missing_ffmpeg_is_a_tool_error(tmp_path, monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    with pytest.raises(ToolError, match="ffmpeg is not installed"):
        audio.write(article(tmp_path), tmp_path / "tram.mp3", options())


def test_chapter_marks_start_at_zero_and_end_at_the_next():
    Segment = speech.Segment
    segments = [Segment("title", "A.", 0.0, "A"), Segment("b001", "B.", 0.6),
                Segment("b002", "C.", 1.4, "C")]
    timings = [audio.Timing("title", 0.75, 1.5), audio.Timing("b001", 2.1, 3.0),
               audio.Timing("b002", 4.4, 5.0)]
    marks = audio.chapter_marks(segments, timings, 7.0)
    assert marks == [audio.Chapter("A", 0.0, 4.2), audio.Chapter("C", 4.2, 7.0)]


def test_ffmetadata_escapes_titles():
    text = audio.ffmetadata([audio.Chapter("A=B; #1", 0.0, 1.5)])
    assert "title=A\\=B\\; \\#1" in text and "END=1500" in text
