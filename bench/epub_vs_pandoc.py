"""Time our text and EPUB editions against pandoc's EPUB 3 writer on the same article.

    .venv/bin/python bench/epub_vs_pandoc.py [ARTICLE] [--runs N]

Both sides are timed as whole programs started fresh, as a user would run
them: ``article-convert ARTICLE -o DIR --formats txt,epub`` and
``pandoc -f markdown -t epub3``.  Runs alternate, so drift in the machine's
load falls on both alike; the table shows medians, our time over pandoc's
and each side's peak memory.  An in-process row (parse + write, no
interpreter start-up) is shown for scale, and so is the floor every run
pays first: Python importing typer, ebooklib with lxml, and the language
detector.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, article_and_runs


def ours_command(article: Path, out: Path) -> list[str]:
    cli = Path(sys.executable).parent / "article-convert"
    if cli.exists():
        return [str(cli), str(article), "-o", str(out), "--formats", "txt,epub", "--quiet"]
    # Before the command-line entry point is installed: the same two steps.
    code = (
        "import sys; from pathlib import Path;"
        "from convert.parse.markdown import parse; from convert.write import epub;"
        "from convert.options import Options;"
        "p = Path(sys.argv[1]); a = parse(p.read_text(encoding='utf-8'), p);"
        "epub.write(a, Path(sys.argv[2]) / 'article.epub', Options())"
    )
    return [sys.executable, "-c", code, str(article), str(out)]


def pandoc_command(article: Path, out: Path) -> list[str]:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        sys.exit("pandoc is not installed (scripts/setup --dev installs it)")
    return [pandoc, "-f", "markdown", "-t", "epub3", "-o", str(out / "pandoc.epub"), str(article)]


# Runs one command and prints its peak resident set (KiB) on stderr's last line.
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")
PEAKS: dict[tuple[str, ...], list[int]] = {}
# An installed program runs from bytecode compiled once (pip compiles it, and
# Python caches it on the first run); a shell that forbids the cache would
# time the compiling of every module instead of the program.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


# What any run of the command costs before it reads the article: Python with
# the command-line library, the EPUB library (with lxml) and the language
# detector imported, and nothing of ours.
FLOOR = "import typer, ebooklib.epub, pycld2"


def floor_command() -> list[str]:
    return [sys.executable, "-c", FLOOR]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                   env=ENV)
    seconds = time.perf_counter() - start
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                            text=True, cwd=ROOT, env=ENV)
    PEAKS.setdefault(tuple(command), []).append(int(result.stderr.strip().splitlines()[-1]) // 1024)
    return seconds


def in_process(article: Path, out: Path) -> float:
    from convert.options import Options
    from convert.parse.markdown import parse
    from convert.write import epub

    start = time.perf_counter()
    parsed = parse(article.read_text(encoding="utf-8"), article)
    epub.write(parsed, out / "in-process.epub", Options())
    return time.perf_counter() - start


def main() -> None:
    article, runs = article_and_runs(__doc__, runs=15)

    ours: list[float] = []
    theirs: list[float] = []
    inside: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        ours_cmd, pandoc_cmd = ours_command(article, out), pandoc_command(article, out)
        timed(ours_cmd), timed(pandoc_cmd), timed(floor_command()), in_process(article, out)   # warm the caches
        for run in range(runs):
            pair = [(ours_cmd, ours), (pandoc_cmd, theirs)]
            for command, times in (pair if run % 2 == 0 else pair[::-1]):
                times.append(timed(command))
            floor.append(timed(floor_command()))
            inside.append(in_process(article, out))
        sizes = {path.name: path.stat().st_size for path in out.glob("*.epub")}

    pandoc_median = statistics.median(theirs)
    rows = [
        ("article-convert -f txt,epub", statistics.median(ours), min(ours), max(PEAKS[tuple(ours_cmd)])),
        ("pandoc -t epub3", pandoc_median, min(theirs), max(PEAKS[tuple(pandoc_cmd)])),
        ("parse + write, in-process", statistics.median(inside), min(inside), None),
        ("imports alone (see FLOOR)", statistics.median(floor), min(floor), max(PEAKS[tuple(floor_command())])),
    ]
    print(f"{article.name}: {runs} alternating runs")
    print(f"{'':28} {'median':>9} {'best':>9} {'vs pandoc':>10} {'peak MiB':>9}")
    for name, median, best, peak in rows:
        print(f"{name:28} {median * 1000:7.1f}ms {best * 1000:7.1f}ms {median / pandoc_median:9.2f}x"
              f" {peak if peak is not None else '':>9}")
    print("sizes: " + ", ".join(f"{name} {size:,} bytes" for name, size in sorted(sizes.items())))


if __name__ == "__main__":
    main()
