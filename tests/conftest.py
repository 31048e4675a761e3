"""Shared fixtures: the seed article (read from ../shared/seeds when present) and samples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
INPUT = ROOT / "input"


# An article of the project's own in the seed's shape (header lines, captions
# with credits, a video, broken links, an end note), so the real-size checks
# run on every machine, with or without the seeds beside the project.
SEEDLIKE = ROOT / "tests" / "fixtures" / "seedlike.md"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def real_size_paths() -> list[Path]:
    """The articles the real-size checks run on: the seeds when present, and always our own."""
    return [*seed_paths(), SEEDLIKE]


@pytest.fixture(params=real_size_paths(), ids=lambda p: p.name)
def real_size_path(request) -> Path:
    return request.param


@pytest.fixture
def real_size_article(real_size_path):
    from convert.parse.markdown import parse
    return parse(real_size_path.read_text(encoding="utf-8"), real_size_path)


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
