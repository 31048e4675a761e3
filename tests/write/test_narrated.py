"""The narrated EPUB: every sentence span is paired with its audio, measured from the file itself."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from convert.model import Article, Emphasis, Heading, Paragraph, Photo, Text
from convert.options import Options
from convert.write import WRITERS, audio, narrated
from tests import checkers

NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/ns/SMIL",
      "opf": "http://www.idpf.org/2007/opf"}
SENTENCES = [
    "Bridge Reopens After Repairs",
    "Crews worked through the night.",
    "By Ada Moss",
    "March 2, 2024",
    "Maj. Gen. Ruth Hale cut the ribbon at 9 p.m. Monday.",
    "Traffic flowed.",
    "Mr. Lee cheered.",
    "The bridge at dawn.",
    "Next Steps",
    "A second span opens in May.",
]


def bridge_article() -> Article:
    return Article(
        title="Bridge Reopens After Repairs",
        dek="Crews worked through the night.",
        authors=("Ada Moss",),
        published=dt.date(2024, 3, 2),
        source="The Example",
        blocks=(
            Paragraph((Text("Maj. Gen. Ruth Hale cut the ribbon at 9 p.m. Monday. "),
                       Emphasis((Text("Traffic flowed. Mr. Lee"),)), Text(" cheered."))),
            Photo("The bridge at dawn. Credit...Jo Roe/ISNA", "Staff"),
            Heading("Next Steps"),
            Paragraph((Text("A second span opens in May."),)),
        ),
    )


def options(cache: Path) -> Options:
    return Options(rate=190, jobs=2, cache_dir=cache)


class Narrated:
    """A narrated EPUB opened for checking: its XHTML, SMIL, package and audio."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as book:
            self.xhtml = etree.fromstring(book.read("EPUB/article.xhtml"))
            self.smil = etree.fromstring(book.read(f"EPUB/{narrated.SMIL_DOC}"))
            self.opf = etree.fromstring(book.read("EPUB/content.opf"))
            self.css = book.read("EPUB/style/epub.css").decode("utf-8")
            self.mp3 = book.read(f"EPUB/{narrated.AUDIO_FILE}")

    def spans(self) -> list[etree._Element]:
        return self.xhtml.xpath("//h:span[starts-with(@id, 's')]", namespaces=NS)

    def meta(self, prop: str) -> list[etree._Element]:
        return self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)


def seconds(clock: str) -> float:
    hours, minutes, secs = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


def probe(mp3: bytes, folder: Path) -> dict:
    path = folder / "inside.mp3"
    path.write_bytes(mp3)
    result = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams",
                             "-of", "json", str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narrated")
    paths = narrated.write(bridge_article(), folder / "out" / "bridge-narrated.epub",
                           options(folder / "cache"))
    return folder, paths


def assert_synchronized(book: Narrated, folder: Path) -> None:
    spans = [span.get("id") for span in book.spans()]
    pars = book.smil.xpath("//s:par", namespaces=NS)
    targets = [par.find("s:text", NS).get("src") for par in pars]
    assert targets == [f"article.xhtml#{span}" for span in spans]   # each once, in reading order
    assert len(set(targets)) == len(targets)

    found = probe(book.mp3, folder)
    duration = float(found["format"]["duration"])
    stream = found["streams"][0]
    assert stream["codec_name"] == "mp3" and stream["channels"] == 1
    assert int(found["format"]["bit_rate"]) <= 66_000
    previous = 0.0
    for par in pars:
        clip = par.find("s:audio", NS)
        assert clip.get("src") == narrated.AUDIO_FILE
        begin, end = seconds(clip.get("clipBegin")), seconds(clip.get("clipEnd"))
        assert previous <= begin < end <= duration
        previous = end

    total = [m for m in book.meta("media:duration") if m.get("refines") is None]
    assert len(total) == 1 and abs(seconds(total[0].text) - duration) <= 0.1
    overlay = book.opf.xpath("//opf:item[@media-overlay]", namespaces=NS)
    assert [item.get("href") for item in overlay] == ["article.xhtml"]
    refined = [m for m in book.meta("media:duration")
               if m.get("refines") == "#" + overlay[0].get("media-overlay")]
    assert len(refined) == 1 and abs(seconds(refined[0].text) - duration) <= 0.1


def test_the_registry_names_the_narrated_edition():
    edition = WRITERS["narrated"]
    assert edition.write is narrated.write and edition.suffix == "-narrated.epub"


def test_every_sentence_is_a_span_and_a_clip_in_order(bridge):
    folder, paths = bridge
    book = Narrated(paths[0])
    assert [("".join(span.itertext())).strip() for span in book.spans()] == SENTENCES
    # Inline markup survives, split where a sentence boundary crosses it.
    assert [e.text for e in book.xhtml.xpath("//h:p[@id='b001']//h:em", namespaces=NS)] == \
        ["Traffic flowed.", "Mr. Lee"]
    assert_synchronized(book, folder)


def test_the_package_declares_the_overlay_and_its_accessibility(bridge):
    book = Narrated(bridge[1][0])
    assert [m.text for m in book.meta("media:active-class")] == [narrated.ACTIVE_CLASS]
    assert f".{narrated.ACTIVE_CLASS}" in book.css
    assert "auditory" in [m.text for m in book.meta("schema:accessMode")]
    sufficient = {m.text for m in book.meta("schema:accessModeSufficient")}
    assert "textual,auditory" in sufficient and "auditory" not in sufficient
    assert "synchronizedAudioText" in [m.text for m in book.meta("schema:accessibilityFeature")]


def test_epubcheck_and_ace_report_nothing(bridge):
    path = bridge[1][0]
    assert checkers.epubcheck_problems(checkers.epubcheck_report(path)) == []
    assert checkers.ace_violations(checkers.ace_report(path)) == []


def test_converting_twice_gives_the_same_bytes(bridge, tmp_path):
    folder, paths = bridge
    again = narrated.write(bridge_article(), tmp_path / "bridge-narrated.epub",
                           options(folder / "cache"))
    assert again[0].read_bytes() == paths[0].read_bytes()


def test_the_audio_is_the_mp3_edition_byte_for_byte_with_the_same_sentence_times(bridge):
    folder, paths = bridge
    book = Narrated(paths[0])
    mp3, timings_path, transcript = audio.write(bridge_article(), folder / "out" / "bridge.mp3",
                                                options(folder / "cache"))
    assert book.mp3 == mp3.read_bytes()
    timings = json.loads(timings_path.read_text())
    pars = book.smil.xpath("//s:par", namespaces=NS)
    assert [par.find("s:text", NS).get("src").split("#")[1] for par in pars] == \
        [t["id"] for t in timings]
    for par, timing in zip(pars, timings):
        clip = par.find("s:audio", NS)
        assert seconds(clip.get("clipBegin")) == pytest.approx(timing["start"], abs=0.0015)
        assert seconds(clip.get("clipEnd")) == pytest.approx(timing["end"], abs=0.0015)
    import webvtt
    assert [c.identifier for c in webvtt.read(str(transcript)).captions] == \
        [t["id"] for t in timings]
    # The caption's glued credit is printed but read in neither edition.
    said = " ".join(t["text"] for t in timings)
    assert "Roe" not in said and "The bridge at dawn." in said
    assert "Credit...Jo Roe/ISNA" in "".join(book.xhtml.itertext())
    assert not [s for s in book.spans() if "Roe" in "".join(s.itertext())]


def test_the_audio_is_stored_in_the_zip_as_it_is(bridge):
    with zipfile.ZipFile(bridge[1][0]) as book:
        entry = book.getinfo(f"EPUB/{narrated.AUDIO_FILE}")
    assert entry.compress_type == zipfile.ZIP_STORED
    assert entry.compress_size == entry.file_size


def test_a_rerun_with_unchanged_text_rewrites_nothing(bridge):
    folder, paths = bridge
    before = paths[0].stat().st_mtime_ns
    again = narrated.write(bridge_article(), paths[0], options(folder / "cache"))
    assert again == paths and paths[0].stat().st_mtime_ns == before


def test_sentences_are_marked_in_the_elements_they_are_printed_in():
    html = etree.fromstring(
        b'<p xmlns="http://www.w3.org/1999/xhtml">First one. <em>Second</em> one. Third.</p>')
    from convert.speech import Sentence
    said = [Sentence(f"s{n}", "b001", "", words, words) for n, words in
            enumerate(["First one.", "Second one.", "Third."], start=1)]
    narrated.mark_sentences(html, said)
    spans = html.findall("{http://www.w3.org/1999/xhtml}span")
    assert ["".join(s.itertext()) for s in spans] == ["First one.", "Second one.", "Third."]
    assert [s.get("id") for s in spans] == ["s1", "s2", "s3"]
    assert "".join(html.itertext()) == "First one. Second one. Third."
    assert spans[1].find("{http://www.w3.org/1999/xhtml}em").text == "Second"


def test_the_seed_is_narrated_and_passes_both_checkers(real_size_article, tmp_path):
    path = narrated.write(real_size_article, tmp_path / "seed-narrated.epub", options(tmp_path / "cache"))[0]
    book = Narrated(path)
    assert len(book.spans()) > 10
    assert_synchronized(book, tmp_path)
    assert checkers.epubcheck_problems(checkers.epubcheck_report(path)) == []
    assert checkers.ace_violations(checkers.ace_report(path)) == []
