"""Furniture in the article's language: labels from a message catalogue, dates from Babel.

The catalogue is data: one file a language in ``messages/``, named by its
BCP 47 tag (``pt.toml``; a regional variant such as ``pt-BR.toml`` may add to
it), holding the words the editions add around an article.  A key missing
from a language falls back to English.  ``{names}``, ``{title}`` and
``{source}`` are filled in by the writers; "and" and "comma" join a list of
names ("A, B and C").  Adding a language means adding a file, with no code.
Dates are not there: Babel writes them from CLDR's data for the locale.
"""

from __future__ import annotations

import datetime as _dt
import functools
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

CATALOGUE = Path(__file__).with_name("messages")
FALLBACK = "en"


@functools.lru_cache(maxsize=64)
def _table(tag: str) -> Mapping[str, str] | None:
    """One language's labels, or None when the catalogue has no file for *tag*.

    Only the languages a run meets are read.
    """
    if not tag or not tag.replace("-", "").isalnum():
        return None
    try:
        text = (CATALOGUE / f"{tag}.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None if tag == tag.lower() else _table(tag.lower())
    return MappingProxyType(tomllib.loads(text))


def catalogue() -> dict[str, Mapping[str, str]]:
    """Every language's table, by tag."""
    return {path.stem: _table(path.stem) for path in sorted(CATALOGUE.glob("*.toml"))}


def _chain(language: str) -> list[str]:
    """``pt-BR`` looks in ``pt-BR``, then ``pt``, then English."""
    tag = (language or FALLBACK).replace("_", "-")
    parts = tag.split("-")
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return [*chain, FALLBACK]


@functools.lru_cache(maxsize=64)
def messages(language: str) -> Mapping[str, str]:
    """Every label in *language*, English where the catalogue has no word for it."""
    merged: dict[str, str] = {}
    for tag in reversed(_chain(language)):
        merged.update(_table(tag) or {})
    return MappingProxyType(merged)


def written_in(language: str, key: str) -> str:
    """The language whose table gives *key* for *language*: itself, a broader tag, or English."""
    for tag in _chain(language):
        if key in (_table(tag) or {}):
            return tag
    return FALLBACK


def join_names(names, language: str = FALLBACK) -> str:
    """"A", "A and B", "A, B and C", worded for *language*."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    words = messages(language)
    return words["comma"].join(names[:-1]) + words["and"] + names[-1]


def byline(authors, language: str = FALLBACK) -> str:
    return messages(language)["by"].format(names=join_names(authors, language)) if authors else ""


@functools.lru_cache(maxsize=64)
def babel_locale(language: str):
    """The Babel locale nearest *language*; English when CLDR has nothing for it."""
    from babel import Locale, UnknownLocaleError
    for tag in _chain(language):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(FALLBACK)


def long_date(date: _dt.date | None, language: str = FALLBACK) -> str:
    """The date written out as the locale writes it: "April 8, 2015", "8. April 2015", "2015年4月8日"."""
    if date is None:
        return ""
    if (language or FALLBACK).replace("_", "-").lower() in ("en", "en-us"):
        # CLDR's pattern for these, written without loading Babel (about 20 ms
        # of start-up, more than the text edition takes to write).
        return f"{ENGLISH_MONTHS[date.month - 1]} {date.day}, {date.year}"
    from babel.dates import format_date
    return format_date(date, format="long", locale=babel_locale(language))


ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
