"""Wording shared by every edition: bylines, dates and running times as people write them."""

from __future__ import annotations

import datetime as _dt


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def byline(authors: tuple[str, ...]) -> str:
    return f"By {join_names(authors)}" if authors else ""


def long_date(date: _dt.date | None) -> str:
    """January 5, 2024: the month written out, never abbreviated."""
    return f"{date:%B} {date.day}, {date.year}" if date else ""


def running_time(seconds: int) -> str:
    """0:30, 4:05, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
