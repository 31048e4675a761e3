"""What the benchmark scripts share: where they find the article, and their arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def default_article() -> Path:
    """The seed article beside the project, else the first Markdown sample in input/."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        return seeds[0]
    samples = sorted((ROOT / "input").glob("*.md"))
    if samples:
        return samples[0]
    sys.exit("no article to convert: pass one as an argument")


def article_and_runs(doc: str, runs: int) -> tuple[Path, int]:
    """The command line of a script timing one ARTICLE over --runs alternating runs."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args()
    return (args.article or default_article()).resolve(), args.runs
