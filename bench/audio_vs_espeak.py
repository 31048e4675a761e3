"""The spoken edition against its floor: espeak-ng reading the plain text, then ffmpeg to MP3.

    .venv/bin/python bench/audio_vs_espeak.py [SEED] [--runs N]

Ours is the whole command, ``article-convert SEED -o DIR`` (every edition),
and again with ``-f audio`` alone, each from a cold cache.  The floor is
``espeak-ng -w`` on the text edition's words plus ``ffmpeg`` encoding that
WAV to MP3 at the same bit rate: no pauses, chapters, loudness or checks.
Runs alternate, and the ratio reported is the median of the per-pair ratios.
Also: a re-run with the cache warm, and peak memory (the largest process's
resident set, from getrusage of the children).
"""

from __future__ import annotations

import argparse
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


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of *command* and everything it waits for."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *command],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return seconds, int(result.stderr.strip().splitlines()[-1]) // 1024


def ours(seed: Path, out: Path, formats: str | None) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(CLI), str(seed), "-o", str(out), "-q"]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
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

        rows: dict[str, list[tuple[float, int]]] = {"all": [], "audio": [], "floor": []}
        for n in range(args.runs):
            order = ["all", "audio", "floor"] if n % 2 == 0 else ["floor", "audio", "all"]
            for name in order:
                target = work / name
                rows[name].append(floor(text, target) if name == "floor"
                                  else ours(seed, target, None if name == "all" else "audio"))
        warm = [run([str(CLI), str(seed), "-o", str(work / "audio"), "-q", "-f", "audio"])
                for _ in range(args.runs)]
        mp3 = next((work / "audio").glob("*.mp3"))
        length = float(subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
             str(mp3)], capture_output=True, text=True, check=True).stdout)

    def median(samples: list[tuple[float, int]]) -> float:
        return statistics.median(s for s, _ in samples)

    def ratio(name: str) -> float:
        return statistics.median(a[0] / b[0] for a, b in zip(rows[name], rows["floor"]))

    print(f"seed: {seed.name}  ({words} words, {length / 60:.1f} min of speech, {args.runs} runs)")
    print(f"{'command':<42} {'median s':>9} {'x floor':>8} {'peak MiB':>9}")
    table = [
        ("espeak-ng -w + ffmpeg mp3 (floor)", rows["floor"], 1.0),
        ("article-convert (all editions, cold)", rows["all"], ratio("all")),
        ("article-convert -f audio (cold)", rows["audio"], ratio("audio")),
        ("article-convert -f audio (cache warm)", warm,
         statistics.median(w[0] / f[0] for w, f in zip(warm, rows["floor"]))),
    ]
    for label, samples, times in table:
        print(f"{label:<42} {median(samples):>9.2f} {times:>8.2f} "
              f"{max(m for _, m in samples):>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
