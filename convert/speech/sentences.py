"""Where the sentences of a run of text start and end: pysbd, in the article's language."""

from __future__ import annotations

import functools
import re

from convert.language import primary_subtag

# pysbd's languages; an article in any other language is split by the English rules.
PYSBD_LANGUAGES = frozenset({
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl", "da",
    "fr", "my", "el", "it", "ja", "de", "kk", "sk",
})
# A time of day, then a day: one sentence, though the abbreviation ends with a full stop.
TIME_OF_DAY = re.compile(r"\b[ap]\.m\.$")
DAY = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(today|tonight|yesterday|tomorrow)\b",
                 re.IGNORECASE)


def pysbd_language(language: str | None) -> str:
    code = primary_subtag(language or "en")
    return code if code in PYSBD_LANGUAGES else "en"


@functools.lru_cache(maxsize=8)
def _segmenter(code: str):
    import pysbd   # loaded only when something is to be read aloud
    return pysbd.Segmenter(language=code, clean=False)


def split(text: str, language: str | None = "en") -> list[str]:
    """The sentences of *text*, each exactly as written there, without surrounding spaces."""
    return [text[start:end] for start, end in ranges(text, language)]


def ranges(text: str, language: str | None = "en") -> list[tuple[int, int]]:
    """Where each sentence of *text* starts and ends, without surrounding spaces."""
    stripped = text.strip()
    if not stripped:
        return []
    found_ranges: list[tuple[int, int]] = []
    cursor = 0
    for found in _segmenter(pysbd_language(language)).segment(text):
        found = found.strip()
        if not found:
            continue
        at = text.find(found, cursor)
        if at < 0:      # the segmenter changed the text: read it as one sentence
            lead = text.index(stripped)
            return [(lead, lead + len(stripped))]
        if found_ranges and _false_stop(text[found_ranges[-1][0]:found_ranges[-1][1]], found):
            found_ranges[-1] = (found_ranges[-1][0], at + len(found))
        else:
            found_ranges.append((at, at + len(found)))
        cursor = at + len(found)
    return found_ranges


def _false_stop(before: str, after: str) -> bool:
    """Whether the segmenter split after an abbreviation that ends no sentence.

    pysbd takes "p.m." before a capital for a sentence's end ("at 3:04 p.m.
    Wednesday as people crowded the road"); a clause that goes on in lower
    case is not a new sentence either.
    """
    return bool(after[:1].islower() or (TIME_OF_DAY.search(before) and DAY.match(after)))
