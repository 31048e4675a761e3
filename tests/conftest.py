"""Shared fixtures: the seed article (read from ../shared/seeds when present) and samples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
INPUT = ROOT / "input"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.fixture
def seed_path() -> Path:
    paths = seed_paths()
    if not paths:
        pytest.skip("no seed article beside the project (../shared/seeds)")
    return paths[0]


@pytest.fixture
def seed_article(seed_path):
    from convert.parse.markdown import parse
    return parse(seed_path.read_text(encoding="utf-8"), seed_path)
