"""The spoken editions against their floor: espeak-ng reading the plain text, then ffmpeg to MP3.

    .venv/bin/python bench/audio_vs_espeak.py [SEED] [--runs N] [--long WORDS,...]

Ours is the whole command, ``article-convert SEED -o DIR`` (every edition:
text, EPUB, MP3 with timings and transcript, narrated EPUB), again with
``--audio-format m4b`` (an M4B and the narrated EPUB's MP3 from one master),
and with ``-f audio`` alone, each from a cold cache.  The floor is ``espeak-ng -w``
on the text edition's words plus ``ffmpeg`` encoding that WAV to MP3 at the
same bit rate: no pauses, chapters, loudness or checks.  Runs alternate, and
the ratio reported is the median of the per-pair ratios.  Also: a re-run of
every edition with the cache warm (nothing changed), and peak memory (the
largest process's resident set, from getrusage of the children).

With ``--long``, long articles are made from the seed's paragraphs, each
copy's sentences told apart ("... in round 12.") so that no clip is shared,
and their spoken edition is timed cold: time should grow in step with the
words and memory stay flat.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CLI = ROOT / ".venv" / "bin" / "article-convert"

# Runs one command and prints its children's peak resident set (KiB) on stderr's last line.
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


# An installed program runs from bytecode compiled once; a shell that forbids
# Python's cache would time the compiling of every module on every run.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of *command* and everything it waits for."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *command],
                            capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return seconds, int(result.stderr.strip().splitlines()[-1]) // 1024


def ours(seed: Path, out: Path, formats: str | None, fresh: bool = True,
         extra: tuple[str, ...] = ()) -> tuple[float, int]:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    command = [str(CLI), str(seed), "-o", str(out), "-q", *extra]
    if formats:
        command += ["-f", formats]
    return run(command)


def floor(text: Path, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    wav, mp3 = out / "floor.wav", out / "floor.mp3"
    script = (f"espeak-ng -s 175 -w {wav} -f {text} && "
              f"ffmpeg -loglevel error -y -i {wav} -c:a libmp3lame -b:a 64k -ac 1 {mp3}")
    return run(["sh", "-c", script])


def long_article(text: Path, words: int, target: Path) -> int:
    """A Markdown article of about *words* words from the paragraphs of *text*; returns its words."""
    paragraphs = [p for p in text.read_text(encoding="utf-8").split("\n\n")
                  if len(p.split()) >= 12 and not p.startswith("[")]
    lines = ["# A Long Article Made for Timing", ""]
    count, round_ = 0, 0
    while count < words:
        round_ += 1
        for paragraph in paragraphs:
            varied = re.sub(r"([.!?])(?=\s|$)", rf" in round {round_}\1", " ".join(paragraph.split()))
            lines += [varied, ""]
            count += len(varied.split())
            if count >= words:
                break
    target.write_text("\n".join(lines), encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--long", default="", metavar="WORDS,...",
                        help="also time the spoken edition of articles this long, e.g. 10000,100000")
    args = parser.parse_args()
    seed = args.seed or next(iter(sorted(SEEDS.glob("*.txt"))), None)
    if seed is None:
        sys.exit("no seed article: name one, or put it in ../shared/seeds")
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed")

    with tempfile.TemporaryDirectory(prefix="bench-audio-") as scratch:
        work = Path(scratch)
        subprocess.run([str(CLI), str(seed), "-o", str(work / "text"), "-f", "txt", "-q"], check=True)
        text = next((work / "text").glob("*.txt"))
        words = len(text.read_text(encoding="utf-8").split())

        rows: dict[str, list[tuple[float, int]]] = {"all": [], "m4b": [], "audio": [], "floor": []}
        for n in range(args.runs):
            order = ["all", "m4b", "audio", "floor"]
            for name in order if n % 2 == 0 else reversed(order):
                target = work / name
                if name == "floor":
                    rows[name].append(floor(text, target))
                elif name == "m4b":
                    rows[name].append(ours(seed, target, None, extra=("--audio-format", "m4b")))
                else:
                    rows[name].append(ours(seed, target, None if name == "all" else "audio"))
        warm = [ours(seed, work / "all", None, fresh=False) for _ in range(args.runs)]
        mp3 = next((work / "audio").glob("*.mp3"))
        length = float(subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
             str(mp3)], capture_output=True, text=True, check=True).stdout)

        long_rows = []
        for size in [int(w) for w in args.long.split(",") if w.strip()]:
            article = work / f"long-{size}.md"
            count = long_article(text, size, article)
            seconds, memory = ours(article, work / f"long-{size}", "audio")
            long_rows.append((count, seconds, memory))

    def median(samples: list[tuple[float, int]]) -> float:
        return statistics.median(s for s, _ in samples)

    def ratio(name: str) -> float:
        return statistics.median(a[0] / b[0] for a, b in zip(rows[name], rows["floor"]))

    print(f"seed: {seed.name}  ({words} words, {length / 60:.1f} min of speech, {args.runs} runs)")
    print(f"{'command':<46} {'median s':>9} {'x floor':>8} {'peak MiB':>9}")
    table = [
        ("espeak-ng -w + ffmpeg mp3 (floor)", rows["floor"], 1.0),
        ("article-convert (all editions, cold)", rows["all"], ratio("all")),
        ("article-convert --audio-format m4b (all, cold)", rows["m4b"], ratio("m4b")),
        ("article-convert -f audio (cold)", rows["audio"], ratio("audio")),
        ("article-convert (all editions, cache warm)", warm,
         statistics.median(w[0] / f[0] for w, f in zip(warm, rows["floor"]))),
    ]
    for label, samples, times in table:
        print(f"{label:<46} {median(samples):>9.2f} {times:>8.2f} "
              f"{max(m for _, m in samples):>9}")
    if long_rows:
        print(f"\n{'long article, -f audio, cold':<30} {'seconds':>9} {'s per 1k words':>15} "
              f"{'peak MiB':>9}")
        for count, seconds, memory in long_rows:
            print(f"{count:>24,} words {seconds:>9.1f} {seconds / count * 1000:>15.2f} {memory:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
