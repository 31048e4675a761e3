"""Time our braille edition against liblouis's own lou_translate on the same article.

    .venv/bin/python bench/brf_vs_lou_translate.py [ARTICLE] [--runs N]

Whole programs started fresh, as a user would run them:
``article-convert ARTICLE -f brf`` (read, parse, translate, lay out pages)
against ``lou_translate -f en-us-brf.dis,en-ueb-g2.ctb`` reading the text
edition of the same article (translation only: no pages, numbers or notes).
Runs alternate, so drift in the machine's load falls on both alike.
In-process rows show what the braille writer adds to a conversion, next to
the plain-text writer on the same parsed article.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, article_and_runs
TABLES = "en-us-brf.dis,en-ueb-g2.ctb"


def timed(command: list[str], stdin: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdin or "/dev/null", "rb") as feed:
        subprocess.run(command, check=True, stdin=feed, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=ROOT)
    return time.perf_counter() - start


def in_process(write, article, target: Path) -> float:
    from convert.options import Options
    start = time.perf_counter()
    write(article, target, Options())
    return time.perf_counter() - start


def main() -> None:
    path, runs = article_and_runs(__doc__, runs=7)
    lou = shutil.which("lou_translate")
    if not lou:
        sys.exit("lou_translate is not installed (scripts/setup --dev installs liblouis-bin)")

    sys.path.insert(0, str(ROOT))
    from convert.pipeline import load
    from convert.write import brf, text
    article = load(path)

    ours, theirs, braille, plain = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        source = out / "article.txt"
        source.write_text(text.render(article), encoding="utf-8")
        cli = Path(sys.executable).parent / "article-convert"
        ours_cmd = [str(cli), str(path), "-o", str(out), "-f", "brf", "--quiet"]
        lou_cmd = [lou, "--forward", TABLES]
        timed(ours_cmd), timed(lou_cmd, source)             # warm the caches
        in_process(brf.write, article, out / "warm.brf")    # and liblouis's table
        for run in range(runs):
            pair = [(lambda: timed(ours_cmd), ours), (lambda: timed(lou_cmd, source), theirs)]
            for measure, times in (pair if run % 2 == 0 else pair[::-1]):
                times.append(measure())
            braille.append(in_process(brf.write, article, out / "in.brf"))
            plain.append(in_process(text.write, article, out / "in.txt"))

    rows = [
        ("article-convert -f brf (CLI)", ours, theirs, "lou_translate"),
        ("lou_translate (translation only)", theirs, theirs, "lou_translate"),
        ("brf writer, in-process", braille, plain, "text writer"),
        ("text writer, in-process", plain, plain, "text writer"),
    ]
    print(f"{path.name}: {runs} alternating runs")
    print(f"{'':34} {'median':>9} {'best':>9}  ratio")
    for name, times, peer, peer_name in rows:
        median = statistics.median(times)
        print(f"{name:34} {median * 1000:7.1f}ms {min(times) * 1000:7.1f}ms "
              f"{median / statistics.median(peer):7.2f}x {peer_name}")


if __name__ == "__main__":
    main()
