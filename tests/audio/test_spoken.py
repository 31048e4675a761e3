"""What a run's spoken editions share: one synthesis and one master for every container, one engine, bounded memory.

The runs here go through the command or the pipeline with the real
espeak-ng engine and ffmpeg; the wrappers only count what the real code does.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from convert import pipeline, speech
from convert.cli import app
from convert.audio import master, spoken
from convert.options import Options
from convert.tts.batch import EngineSpec
from convert.tts.pyttsx3_engine import Pyttsx3Engine
from convert.write import narrated
from tests.measure import duration, loudness

TARGET = -18.0

FERRY = """# The Ferry Timetable Changes in Spring

By Nell Harrow

The island ferry will leave ten minutes earlier from the first of April. The harbor office
said the change follows a year of late arrivals at the mainland pier.

## What Stays the Same

Fares do not change. Bicycles still travel free, and dogs ride on the open deck.
"""


def counting_synthesis(monkeypatch, log: Path) -> None:
    """Every text the real espeak-ng engine is asked to speak, one JSON line each, from any process."""
    real = Pyttsx3Engine.synthesize

    def synthesize(self, text, path):
        with open(log, "a", encoding="utf-8") as out:   # forked workers append too
            out.write(json.dumps(text) + "\n")
        return real(self, text, path)

    monkeypatch.setattr(Pyttsx3Engine, "synthesize", synthesize)


def spoken_texts(log: Path) -> list[str]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] \
        if log.exists() else []


def convert(sources: list[Path], formats: str, out: Path, **settings) -> list[pipeline.Outcome]:
    outcomes = list(pipeline.convert_all(sources, formats.split(","), out, Options(**settings)))
    assert [o.error for o in outcomes] == [None] * len(sources)
    return outcomes


def measure(path: Path) -> tuple[float, float, float]:
    """Integrated loudness (LUFS), true peak (dBTP) and duration (s) of the file."""
    return (*loudness(path), duration(path))


def test_an_m4b_and_the_narrated_mp3_come_from_one_synthesis_and_one_master(tmp_path, monkeypatch):
    source = tmp_path / "ferry.md"
    source.write_text(FERRY, encoding="utf-8")
    log = tmp_path / "spoken.jsonl"
    counting_synthesis(monkeypatch, log)
    masters, passes = [], []
    real_master, real_fan_out = master.master, master.fan_out

    def one_master(ffmpeg, joined, outputs, *args, **kwargs):
        masters.append(sorted(outputs))
        return real_master(ffmpeg, joined, outputs, *args, **kwargs)

    def one_pass(producer, consumers, work):
        passes.append(sorted(Path(c[-1]).suffix or c[-1] for c in consumers))   # "-": the meter
        return real_fan_out(producer, consumers, work)

    monkeypatch.setattr(master, "master", one_master)
    monkeypatch.setattr(master, "fan_out", one_pass)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [str(source), "-f", "audio,narrated", "--audio-format", "m4b",
                                      "--no-cache", "-j", "2", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output

    said = speech.script(pipeline.load(source), Options(), speech.Lexicon.load(None))
    assert sorted(spoken_texts(log)) == sorted({s.text for s in said})   # each sentence once
    assert masters == [["m4b", "mp3"]]
    # Every mastering pass (a second only when the first missed the target) feeds both encoders.
    assert passes and all(p == ["-", ".m4b", ".mp3"] for p in passes)

    m4b, = out.glob("*.m4b")
    book, = out.glob("*-narrated.epub")
    mp3 = tmp_path / "narrated.mp3"
    with zipfile.ZipFile(book) as archive:
        mp3.write_bytes(archive.read(f"EPUB/{narrated.AUDIO_FILE}"))
    measured = {path.suffix: measure(path) for path in (m4b, mp3)}
    for integrated, peak, _ in measured.values():
        assert abs(integrated - TARGET) <= 1.0
        assert peak <= -3.0
    # One frame of AAC at 22.05 kHz is 46 ms; both carry the whole master.
    assert abs(measured[".m4b"][2] - measured[".mp3"][2]) <= 0.1
    timings = json.loads(next(out.glob("*.timings.json")).read_text())
    assert timings[-1]["end"] < min(d for _, _, d in measured.values())

    # The master is the same whatever else it feeds: an MP3-only run gives the narrated EPUB's MP3.
    alone = tmp_path / "alone"
    convert([source], "audio", alone, cache=False, jobs=2)
    assert next(alone.glob("*.mp3")).read_bytes() == mp3.read_bytes()


def articles(folder: Path, count: int) -> list[Path]:
    """Short articles of our own, each with words of its own."""
    paths = []
    for n in range(1, count + 1):
        path = folder / f"notice-{n}.md"
        path.write_text(f"# Harbor Notice Number {n}\n\nBerth {n} closes for repairs on day {n} "
                        f"of the month. Boats moor at berth {n + 10} until then.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_builds_one_engine_and_holds_one_article_at_a_time(tmp_path, monkeypatch):
    log = tmp_path / "built.txt"
    real_build = EngineSpec.build

    def build(self):
        with open(log, "a", encoding="utf-8") as out:   # a worker that built one would append too
            out.write(f"{self.voice}\n")
        return real_build(self)

    monkeypatch.setattr(EngineSpec, "build", build)
    runs, held, masters = [], [], []

    class Watched(spoken.SpokenRun):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            runs.append(self)

        def produce(self, *args, **kwargs):
            made = super().produce(*args, **kwargs)
            held.append((len(self._scripts), len(self._made)))
            masters.append(made.path)
            return made

    monkeypatch.setattr(spoken, "SpokenRun", Watched)
    sources = articles(tmp_path, 5)
    for jobs in (1, 2):
        runs.clear()
        log.unlink(missing_ok=True)
        out = tmp_path / f"out-{jobs}"
        for outcome in pipeline.convert_all(sources, ["audio", "narrated"], out,
                                            Options(cache=False, jobs=jobs, audio_format="m4b", language="en")):
            assert outcome.error is None
            run, = runs
            # The article just written is let go of, its masters with it.
            assert (run._scripts, run._made) == ({}, {})
            assert not [path for path in masters if path.exists()]
        assert len(list(out.glob("*.m4b"))) == len(list(out.glob("*-narrated.epub"))) == 5
        assert log.read_text().splitlines() == ["gmw/en"]   # one engine for the whole run
        assert len(run._engines) == 1
    # While an article is written, its one script and its two masters are all that is held.
    assert held and max(held) == (1, 2)
