"""Furniture in the article's language: labels from a message catalogue, dates from Babel.

The catalogue (``messages.toml``) is data: adding a language means adding a
table there, with no code.  English fills any gap.
"""

from __future__ import annotations

import datetime as _dt
import functools
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

CATALOGUE = "messages.toml"
FALLBACK = "en"


@functools.lru_cache(maxsize=1)
def _catalogue() -> Mapping[str, Mapping[str, str]]:
    text = Path(__file__).with_name(CATALOGUE).read_text(encoding="utf-8")
    return MappingProxyType(tomllib.loads(text))


def _chain(language: str) -> list[str]:
    """``pt-BR`` looks in ``pt-BR``, then ``pt``, then English."""
    tag = (language or FALLBACK).replace("_", "-")
    parts = tag.split("-")
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return [*chain, FALLBACK]


@functools.lru_cache(maxsize=64)
def messages(language: str) -> Mapping[str, str]:
    """Every label in *language*, English where the catalogue has no word for it."""
    catalogue = _catalogue()
    merged: dict[str, str] = {}
    for tag in reversed(_chain(language)):
        for found in (catalogue.get(tag), catalogue.get(tag.lower())):
            if found:
                merged.update(found)
    return MappingProxyType(merged)


def written_in(language: str, key: str) -> str:
    """The language whose table gives *key* for *language*: itself, a broader tag, or English."""
    catalogue = _catalogue()
    for tag in _chain(language):
        if key in catalogue.get(tag, catalogue.get(tag.lower(), {})):
            return tag
    return FALLBACK


def has_language(language: str) -> bool:
    """Whether the catalogue has a table of its own for *language* (not only English)."""
    catalogue = _catalogue()
    return any(tag in catalogue for tag in _chain(language)[:-1])


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
