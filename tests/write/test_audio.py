"""The spoken edition, measured from the files it writes: duration, chapters, loudness, tags, timings, transcript."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import webvtt

from convert import speech
from convert.audio import master, spoken as spoken_audio, tags
from convert.errors import ToolError
from convert.model import Article, EndNote, Heading, Paragraph, Photo, Text
from convert.options import Options
from convert.tts import expected_range
from convert.write import WRITERS, audio
from tests.fixtures.tiny_png import tiny_png
from tests.measure import loudness

RATE = 190
TARGET = -18.0


def article(tmp: Path, third: str = "Buses will run every ten minutes on the weekend.",
            language: str = "en") -> Article:
    cover = tmp / "lead.png"
    cover.write_bytes(tiny_png())
    return Article(
        title="Tram Line Opens Along the River",
        dek="The first cars ran at dawn with the mayor aboard.",
        authors=("Lena Frost", "Omar Haddad"),
        published=dt.date(2024, 5, 14),
        source="The Valley Courier",
        url="https://courier.example/tram",
        language=language,
        blocks=(
            Photo("A tram crosses the old stone bridge. Credit...Mia Sol/Courier", "", cover),
            Paragraph((Text("The new line links the station to the market in twelve minutes. "
                            "It cost less than planned."),)),
            Paragraph((Text("Riders paid nothing on the first day, and the cars were full by noon."),)),
            Heading("What Comes Next"),
            Paragraph((Text(third),)),
            EndNote((Text("Ida Berg contributed reporting."),)),
        ),
    )


def options(**changes) -> Options:
    return Options(**{"rate": RATE, "jobs": 2, **changes})


class Counting:
    """Wraps the writer's speak_all and records how many clips each run synthesized."""

    def __init__(self):
        self.synthesized: list[int] = []
        self.original = spoken_audio.speak_all

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
        patch.setattr(spoken_audio, "speak_all", counting)
        source = article(folder)
        paths = audio.write(source, folder / "out" / "tram.mp3", options())
    return source, folder / "out", paths, counting


def probe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_chapters",
                             "-show_streams", "-of", "json", str(path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def sentences_of(source: Article, **changes):
    return speech.script(source, options(**changes), speech.Lexicon.load(None))


def test_writes_the_mp3_its_timings_and_transcript_and_nothing_else(spoken):
    _, out, paths, _ = spoken
    assert paths == [out / "tram.mp3", out / "tram.timings.json", out / "tram.vtt"]
    assert sorted(p.name for p in out.iterdir()) == [".cache", "tram.mp3", "tram.timings.json",
                                                     "tram.vtt"]
    stream = probe(paths[0])["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "22050")
    assert 56_000 <= int(stream["bit_rate"]) <= 72_000


def test_the_registry_names_the_audio_edition():
    assert WRITERS["audio"].write is audio.write
    assert WRITERS["audio"].suffix == ".mp3"


def test_each_sentence_takes_the_time_its_words_take_at_the_rate(spoken):
    source, _, paths, _ = spoken
    timings = json.loads(paths[1].read_text())
    for timing in timings:
        low, high = expected_range(timing["text"], RATE)
        assert low <= timing["end"] - timing["start"] <= high, timing
    duration = float(probe(paths[0])["format"]["duration"])
    # head and tail silence around the last word
    assert timings[0]["start"] == pytest.approx(master.HEAD_SECONDS, abs=0.01)
    assert duration == pytest.approx(timings[-1]["end"] + master.TAIL_SECONDS, abs=0.1)


def test_timings_cover_every_sentence_of_the_script_in_order(spoken):
    source, _, paths, _ = spoken
    timings = json.loads(paths[1].read_text())
    sentences = sentences_of(source)
    assert [(t["id"], t["block"], t["text"]) for t in timings] == \
        [(s.id, s.block, s.text) for s in sentences]
    assert len([t for t in timings if t["block"] == "b002"]) == 2   # a paragraph of two sentences
    duration = float(probe(paths[0])["format"]["duration"])
    previous_end = 0.0
    for timing, sentence in zip(timings, sentences):
        assert previous_end <= timing["start"] < timing["end"] <= duration
        if previous_end:
            assert timing["start"] - previous_end == pytest.approx(sentence.pause_before, abs=0.01)
        previous_end = timing["end"]


def test_a_credit_is_not_spoken_unless_asked(spoken, tmp_path):
    source, _, paths, _ = spoken
    said = " ".join(t["text"] for t in json.loads(paths[1].read_text()))
    assert "Mia Sol" not in said and "credit" not in said.lower()
    assert "Photo: A tram crosses the old stone bridge." in said
    asked = " ".join(s.text for s in sentences_of(source, read_credits=True))
    assert "Photo credit: Mia Sol" in asked


def test_the_transcript_is_one_cue_per_sentence_on_the_same_timeline(spoken):
    _, _, paths, _ = spoken
    timings = json.loads(paths[1].read_text())
    cues = webvtt.read(str(paths[2])).captions
    assert [c.identifier for c in cues] == [t["id"] for t in timings]
    assert [c.text for c in cues] == [t["text"] for t in timings]
    for cue, timing in zip(cues, timings):
        assert cue.start_in_seconds + cue.start_time.milliseconds / 1000 == \
            pytest.approx(timing["start"], abs=0.001)
        assert cue.end_in_seconds + cue.end_time.milliseconds / 1000 == \
            pytest.approx(timing["end"], abs=0.001)


def test_webvtt_escapes_markup_characters():
    text = audio.webvtt([spoken_audio.Cue("s0001", "b001", 0.0, 3725.5, "Fish & chips <b> --> x")])
    assert "01:02:05.500" in text and "Fish &amp; chips &lt;b&gt; --&gt; x" in text


def test_chapters_are_stored_in_time_order_with_a_table_of_contents(spoken):
    from mutagen.id3 import ID3
    source, _, paths, _ = spoken
    tags_found = ID3(paths[0])
    toc = tags_found.getall("CTOC")[0]
    chapters = [tags_found[f"CHAP:{element}"] for element in toc.child_element_ids]
    titles = [chapter.sub_frames["TIT2"].text[0] for chapter in chapters]
    assert titles == [source.title, "What Comes Next", "Contributors"]
    starts = [chapter.start_time for chapter in chapters]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
    ends = [chapter.end_time for chapter in chapters]
    assert ends[:-1] == starts[1:]
    # The heading's chapter starts just before the heading is spoken.
    timings = {t["block"]: t for t in reversed(json.loads(paths[1].read_text()))}
    heading = next(s.block for s in sentences_of(source) if s.chapter == "What Comes Next")
    assert 0 <= timings[heading]["start"] * 1000 - starts[1] <= 250
    # ffprobe lists chapters in the order the file stores them: it must be time order.
    probed = probe(paths[0])["chapters"]
    assert [c["tags"]["title"] for c in probed] == titles
    assert [float(c["start_time"]) for c in probed] == [s / 1000 for s in starts]


def test_tags_are_id3v24_and_name_the_article(spoken):
    from mutagen.id3 import ID3
    source, _, paths, _ = spoken
    found = ID3(paths[0])
    assert found.version[:2] == (2, 4)
    assert paths[0].read_bytes()[:4] == b"ID3\x04"
    assert found["TIT2"].text == [source.title]
    assert found["TPE1"].text == ["Lena Frost", "Omar Haddad"]
    assert found["TALB"].text == [source.source]
    assert str(found["TDRC"].text[0]) == "2024-05-14"
    assert not found.getall("TYER") and not found.getall("TDAT")
    assert found["WOAS"].url == source.url
    assert found["TLAN"].text == ["eng"]
    picture = found.getall("APIC")[0]
    assert picture.mime == "image/png" and picture.data == tiny_png()
    assert probe(paths[0])["format"]["tags"]["date"] == "2024-05-14"


def test_loudness_and_true_peak_are_on_target(spoken):
    _, _, paths, _ = spoken
    integrated, peak = loudness(paths[0])
    assert abs(integrated - TARGET) <= 1.0
    assert peak <= -3.0


def test_a_second_run_synthesizes_and_rewrites_nothing(spoken, tmp_path):
    source, out, paths, counting = spoken
    assert counting.synthesized == [len({s.text for s in sentences_of(source)})]
    made = [p.stat().st_mtime_ns for p in paths]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spoken_audio, "speak_all", counting)
        calls = len(counting.synthesized)
        audio.write(source, out / "tram.mp3", options())
        # Nothing to speak, and the files already there are kept as they are.
        assert counting.synthesized[calls:] == []
        assert [p.stat().st_mtime_ns for p in paths] == made
        good = paths[0].read_bytes()
        paths[0].write_bytes(b"damaged")
        audio.write(source, out / "tram.mp3", options())
        assert counting.synthesized[calls:] == []
        assert paths[0].read_bytes() == good
        changed = article(tmp_path, third="Buses will run every twenty minutes on holidays.")
        audio.write(changed, out / "tram.mp3", options())
        assert counting.synthesized[-1] == 1
        audio.write(changed, tmp_path / "fresh" / "tram.mp3", options(cache=False))
        assert counting.synthesized[-1] == len({s.text for s in sentences_of(changed)})
    assert not (tmp_path / "fresh" / ".cache").exists()


def test_m4b_has_the_same_chapters_its_source_and_language(tmp_path):
    from mutagen.mp4 import MP4
    source = article(tmp_path, language="de")
    paths = audio.write(source, tmp_path / "out" / "tram.mp3", options(audio_format="m4b"))
    assert paths[0] == tmp_path / "out" / "tram.m4b"
    book = MP4(paths[0])
    # A German article: the end note's chapter is named in German.
    assert [c.title for c in book.chapters] == [source.title, "What Comes Next", "Mitarbeit"]
    starts = [c.start for c in book.chapters]
    assert starts[0] == 0 and starts == sorted(starts)
    assert book["\xa9nam"] == [source.title]
    assert book["\xa9alb"] == [source.source]
    assert bytes(book[tags.MP4_URL][0]).decode() == source.url
    assert book["covr"][0] == tiny_png()
    info = probe(paths[0])
    assert info["format"]["tags"]["major_brand"].strip() == "M4B"
    assert info["streams"][0]["tags"]["language"] == "deu"   # ISO 639-2/T, as MP4 asks
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
    monkeypatch.setattr(tags, "tag_mp3", interrupt)
    with pytest.raises(KeyboardInterrupt):
        audio.write(article(tmp_path, third="An interrupted run."), tmp_path / "out" / "tram.mp3",
                    options(cache_dir=tmp_path / "cache"))
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert list((tmp_path / "cache" / "editions").iterdir()) == []


def test_missing_ffmpeg_is_a_tool_error(tmp_path, monkeypatch):
    monkeypatch.setattr(master.shutil, "which", lambda name: None)
    with pytest.raises(ToolError, match="ffmpeg is not installed"):
        audio.write(article(tmp_path), tmp_path / "tram.mp3", options())


def test_chapter_marks_start_at_zero_and_end_at_the_next():
    Sentence = speech.Sentence
    sentences = [Sentence("s1", "title", "", "A", "A.", 0.0, "A"),
                 Sentence("s2", "b001", "", "B", "B.", 0.6),
                 Sentence("s3", "b002", "", "C", "C.", 1.4, "C")]
    spans = [master.Span("s1", 0.75, 1.5), master.Span("s2", 2.1, 3.0), master.Span("s3", 4.4, 5.0)]
    marks = master.chapter_marks(sentences, spans, 7.0)
    assert marks == [master.Chapter("A", 0.0, 4.2), master.Chapter("C", 4.2, 7.0)]


def test_ffmetadata_escapes_titles():
    text = master.ffmetadata([master.Chapter("A=B; #1", 0.0, 1.5)])
    assert "title=A\\=B\\; \\#1" in text and "END=1500" in text



def test_mastering_the_same_speech_twice_gives_the_same_file(tmp_path):
    """The gain comes from the speech alone: nothing is carried over from an earlier master."""
    ffmpeg = shutil.which("ffmpeg")
    speech_wav = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-s", "175", "-w", str(speech_wav),
                    "The ferry leaves at six. The last one sails an hour before midnight."], check=True)
    made = []
    for run in ("first", "second"):
        work = tmp_path / run
        work.mkdir()
        loud = master.master(ffmpeg, speech_wav, {"mp3": work / "out.mp3"}, [], work)
        assert abs(loud.integrated - TARGET) <= master.AIM_LU
        made.append((work / "out.mp3").read_bytes())
    assert made[0] == made[1]


COLD_ARTICLE = """# The Ferry Timetable Changes in Spring

By Nell Harrow

The island ferry will leave ten minutes earlier from the first of April. The harbor office said the
change follows a year of late arrivals at the mainland pier.

Commuters asked for a later evening sailing. The office agreed to add one on Fridays only.

## What Stays the Same

Fares do not change. Bicycles still travel free, and dogs ride on the open deck.
"""


def test_two_cold_runs_give_the_same_spoken_and_narrated_editions(tmp_path):
    """With no clip cache, separate runs give byte-identical MP3 and narrated EPUB.

    Each run speaks its clips afresh, in parallel workers that take them in
    an order of their own, and once in this process alone: a clip that
    depended on what its worker had said before would show here.
    """
    source = tmp_path / "ferry.md"
    source.write_text(COLD_ARTICLE, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    made = []
    for n, jobs in enumerate(("2", "2", "1")):
        out = tmp_path / f"run{n}"
        subprocess.run([sys.executable, "-m", "convert", str(source), "-f", "audio,narrated", "-o", str(out),
                        "--no-cache", "-j", jobs, "-q"], cwd=root, check=True, timeout=300)
        assert not (out / ".cache" / "speech").exists() or not list((out / ".cache" / "speech").iterdir())
        mp3, = out.glob("*.mp3")
        book, = out.glob("*-narrated.epub")
        made.append((mp3.read_bytes(), book.read_bytes()))
    assert made[0][0] == made[1][0] == made[2][0]
    assert made[0][1] == made[1][1] == made[2][1]


def test_two_cold_piper_runs_give_the_same_spoken_and_narrated_editions(tmp_path):
    """Piper's model draws random noise for every clip; without the cache, runs still agree,
    one spread over two workers and one on a single job."""
    source = tmp_path / "ferry.md"
    source.write_text(COLD_ARTICLE, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    made = []
    for n, jobs in enumerate(("2", "1")):
        out = tmp_path / f"run{n}"
        subprocess.run([sys.executable, "-m", "convert", str(source), "-f", "audio,narrated", "-o", str(out),
                        "--engine", "piper", "--no-cache", "-j", jobs, "-q"], cwd=root, check=True,
                       timeout=300)
        mp3, = out.glob("*.mp3")
        book, = out.glob("*-narrated.epub")
        timings, = out.glob("*.timings.json")
        made.append((mp3.read_bytes(), book.read_bytes(), timings.read_bytes()))
    assert made[0] == made[1]
