"""Wording shared by every edition: bylines, dates and running times as people write them."""

from __future__ import annotations

import datetime as _dt

from .. import locale


def join_names(names: tuple[str, ...] | list[str], language: str = "en") -> str:
    """"A", "A and B", "A, B and C", in the article's language."""
    return locale.join_names(names, language)


def byline(authors: tuple[str, ...], language: str = "en") -> str:
    """"By A and B", "Von A und B"."""
    return locale.byline(authors, language)


def long_date(date: _dt.date | None, language: str = "en") -> str:
    """The month written out, as the language writes a date: "January 5, 2024", "5. Januar 2024"."""
    return locale.long_date(date, language)


def running_time(seconds: int) -> str:
    """0:30, 4:05, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
