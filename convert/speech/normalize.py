"""Rewrite written text so a text-to-speech voice reads it as a person would."""

from __future__ import annotations

import re
from typing import Callable

from convert.speech.lexicon import Lexicon
from convert.language import primary_subtag
from convert.speech.localized import localize
from convert.speech.numerals import MONTHS, decade_words, ordinal, spoken_duration, year_words
from convert.speech.rules import (
    ABBREVIATIONS, BY_CONTEXT, CURRENCIES, SCALES, SENTENCE_STARTERS, TITLES,
    UNDOTTED_TITLES, UNITS,
)


def speakable(text: str, lexicon: Lexicon, language: str = "en") -> str:
    """The words of text as a voice should say them in *language*; never used for display.

    The rules below are English and apply only to English; any other
    language has its numbers and abbreviations said by ``localized``.
    """
    english = is_english(language)
    text = drop_markup(text, english)
    text = lexicon.apply(text)
    if english:
        for rule in RULES:
            text = rule(text)
    else:
        text = pauses(localize(drop_quotes(text), language))
    return tidy(text)


def is_english(language: str | None) -> bool:
    return primary_subtag(language or "en") == "en"


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _ends_sentence(text: str, at: int) -> bool:
    """Whether a dot ending at index at also closes a sentence."""
    rest = text[at:]
    if not rest.strip():
        return True
    word = re.match(r"\s+[\"“‘(]*([A-Z][a-z]*)\b", rest)
    return bool(word) and word.group(1) in SENTENCE_STARTERS


def _stop(m: re.Match) -> str:
    """A full stop if the dot the match swallowed also ended the sentence."""
    swallowed = m.group(0).endswith(".")
    return "." if swallowed and _ends_sentence(m.string, m.end()) else ""


# --- markup and symbols ------------------------------------------------------

_URL = re.compile(r"(?:\b(?:https?://|www\.|mailto:))[^\s<>\])\"”]*[^\s<>\])\"”.,;:!?'’]")


def drop_markup(text: str, english: bool = True) -> str:
    """Drop links' addresses, URLs, HTML tags and stray markup symbols."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)             # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)         # [words](url)
    text = _URL.sub("", text)
    text = re.sub(r"</?[A-Za-z][^<>]*>|<\s*>", "", text)         # tags, emptied <url>
    text = re.sub(r"\\(.)", r"\1", text)                         # markdown escapes
    if english:
        text = re.sub(r"#(?=\d)", "number ", text)
        text = re.sub(r"~(?=\d)", "about ", text)
        text = re.sub(r"\s&\s", " and ", text)
    text = text.replace("_", " ")
    # "Tajalli/ISNA", "and/or": espeak-ng would say "slash".
    text = re.sub(r"(?<=[^\W\d])/|/(?=[^\W\d])", " ", text)
    return re.sub(r"[*#\[\]\\`~^{}|]", " ", text)


def drop_quotes(text: str) -> str:
    """Quote marks are heard in the voice, not read; apostrophes stay."""
    text = re.sub(r"(?<=\w)[’'`´](?=\w)", "'", text)
    return re.sub(r"[\"“”„«»‘’‚`´]|(?<!\w)'|'(?!\w)", "", text)


# --- abbreviations -----------------------------------------------------------

_ABBREVIATION = re.compile(r"(?<![\w.])(" + _alternation(ABBREVIATIONS) + r")(?!\w)")
_TITLE = re.compile(r"(?<![\w.])(" + _alternation(TITLES) + r")(?!\w)")
_BY_CONTEXT = re.compile(r"(?<![\w.])(" + _alternation(BY_CONTEXT) + r")(?!\w)")
_UNDOTTED = re.compile(r"\b(" + _alternation(UNDOTTED_TITLES) + r") (?=[A-Z][a-z])")


def expand_abbreviations(text: str) -> str:
    """Gen. -> General, St. Louis -> Saint Louis, Main St. -> Main Street."""
    def by_context(m: re.Match) -> str:
        before_name, otherwise = BY_CONTEXT[m.group(1)]
        name = re.match(r"\s+[A-Z]", m.string[m.end():])
        if name and not _ends_sentence(m.string, m.end()):
            return before_name
        return otherwise + _stop(m)

    text = _BY_CONTEXT.sub(by_context, text)
    text = _TITLE.sub(lambda m: TITLES[m.group(1)], text)
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)] + _stop(m), text)
    text = _UNDOTTED.sub(lambda m: UNDOTTED_TITLES[m.group(1)] + " ", text)
    return re.sub(r"\b[Nn]o\.\s?(?=\d)", "number ", text)


def letters(text: str) -> str:
    """U.S. and middle initials lose a dot that does not end the sentence."""
    def drop_dot(m: re.Match) -> str:
        if _ends_sentence(m.string, m.end()) or not m.string[m.end():m.end() + 1].isspace():
            return m.group(0)
        return m.group(0)[:-1]

    text = re.sub(r"(?<![\w.])(?:[A-Z]\.){2,}", drop_dot, text)
    # "Colin P. Clarke": the initial's dot would be read as a full stop.
    text = re.sub(r"(?<![\w.])[A-Z]\.(?=\s+[A-Z])", drop_dot, text)
    # "ISIS-K" is said "ISIS K", not "ISIS hyphen K" or "Isisk".
    return re.sub(r"\b([A-Z][A-Za-z]+)-([A-Z])\b(?!-)", r"\1 \2", text)


# --- numbers -----------------------------------------------------------------

_AMOUNT = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_MONEY = re.compile(
    r"(?<![\w$£€¥])(US)?([" + "".join(CURRENCIES) + r"])\s?(" + _AMOUNT + r")"
    r"(?:\s(thousand|million|billion|trillion)|(k|m|mn|b|bn|tn))?\b")


def money(text: str) -> str:
    """$4.5 million -> 4.5 million dollars; $4.50 -> 4 dollars 50 cents."""
    def say(m: re.Match) -> str:
        country, symbol, amount, scale = m.group(1), m.group(2), m.group(3), m.group(4) or m.group(5)
        one, many, hundredth = CURRENCIES[symbol]
        if country:
            one, many = f"{country} {one}", f"{country} {many}"
        if scale:
            return f"{amount} {SCALES[scale]} {many}"
        whole, _, cents = amount.partition(".")
        if len(cents) == 2 and hundredth:
            cents_words = f"{int(cents)} {hundredth}"
            if whole.strip("0,") == "":
                return cents_words
            unit = one if whole == "1" else many
            return f"{whole} {unit} {cents_words}" if int(cents) else f"{whole} {unit}"
        return f"{amount} {one if amount == '1' else many}"

    return _MONEY.sub(say, text)


def percent(text: str) -> str:
    """12% -> 12 percent."""
    return re.sub(r"(\d)\s?%", r"\1 percent", text)


_AMPM = r"\s?([AaPp])\.?\s?[Mm](?:\.|\b)"


def _clock(hour: str, minute: str | None, named: bool) -> str:
    """3:04 -> 3 oh 4; 3:00 -> 3 o'clock, or just 3 before AM or PM."""
    if minute is None or minute == "00":
        return hour if named else f"{hour} o'clock"
    if minute.startswith("0"):
        return f"{hour} oh {minute[1]}"
    return f"{hour} {minute}"


def times(text: str) -> str:
    """Clock times and running times: 3:04 p.m. -> 3 oh 4 PM, 1:05:00 -> 1 hour and 5 minutes."""
    # espeak-ng reads "3:04" as "three zero four": "oh" is what people say.
    text = re.sub(
        r"\b(\d{1,2})(?::([0-5]\d))?" + _AMPM,
        lambda m: f"{_clock(m.group(1), m.group(2), True)} {m.group(3).upper()}M" + _stop(m),
        text)
    text = re.sub(
        r"(?<![\d:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])",
        lambda m: spoken_duration(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))),
        text)
    # A clock never reads 0:30, so that is a running time.
    text = re.sub(r"(?<![\d:])0?0:([0-5]\d)(?![\d:])",
                  lambda m: spoken_duration(int(m.group(1))), text)
    text = re.sub(r"(?<![\d:])(\d{1,2}):([0-5]\d)(?![\d:])",
                  lambda m: _clock(m.group(1), m.group(2), False), text)
    units = _alternation(UNITS)
    return re.sub(
        r"\b(\d+(?:\.\d+)?)\s?(" + units + r")(?:\.|\b)",
        lambda m: f"{m.group(1)} {UNITS[m.group(2)][m.group(1) != '1']}" + _stop(m),
        text)


_MONTH = "|".join(MONTHS)


def dates(text: str) -> str:
    """Jan. 5, 2024 (already January 5, 2024) -> January 5th, 2024; ISO dates too."""
    def iso(m: re.Match) -> str:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m.group(0)
        return f"{MONTHS[month - 1]} {ordinal(day)}, {year}"

    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", iso, text)
    text = re.sub(r"\b(" + _MONTH + r") (\d{1,2})(?:st|nd|rd|th)?\b(?!:)",
                  lambda m: f"{m.group(1)} {ordinal(int(m.group(2)))}", text)
    return re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + _MONTH + r")\b(,? \d{4}\b)?",
                  lambda m: f"the {ordinal(int(m.group(1)))} of {m.group(2)}"
                            + (f", {m.group(3).lstrip(', ')}" if m.group(3) else ""),
                  text)


_YEAR = r"(1[1-9]\d\d|20\d\d)"


def ranges(text: str) -> str:
    """2019-20 -> 2019 to 2020; 10–12 -> 10 to 12."""
    def years(m: re.Match) -> str:
        first, second = int(m.group(1)), m.group(2)
        last = int(second) if len(second) == 4 else first - first % 100 + int(second)
        if len(second) == 2 and last <= first:
            last += 100
        return f"{first} to {last}" if last > first else m.group(0)

    text = re.sub(r"(?<![\w.,$£€¥-])" + _YEAR + r"[-–](\d\d|\d{4})(?![\w-])", years, text)
    number = "(" + _AMOUNT + ")"
    return re.sub(r"(?<![\w.,:/-])" + number + r"(?:\s?[–—]\s?|-)" + number + r"(?![\w-])",
                  r"\1 to \2", text)


def decades(text: str) -> str:
    """1990s -> nineteen nineties; '90s -> nineties."""
    text = re.sub(r"(?<![\w.,$£€¥])(1[1-9]|20)(\d)0s\b",
                  lambda m: decade_words(int(m.group(1) + m.group(2) + "0")), text)
    return re.sub(r"(?<![\w.,$£€¥])['’‘]?([1-9])0s\b",
                  lambda m: decade_words(1900 + 10 * int(m.group(1))).split()[-1], text)


def years(text: str) -> str:
    """A bare four-digit number from 1100 to 2099 is read as a year."""
    # News style writes counts of a thousand or more with a separator
    # ("1,180 people"), so a bare 2024 is almost always a year.
    return re.sub(
        r"(?<![\w.,:$£€¥/])" + _YEAR +
        r"(?![\w%]|[.,:]\d|\s(?:percent|dollars?|pounds?|euros?|yen|cents)\b)",
        lambda m: year_words(int(m.group(1))), text)


def separators(text: str) -> str:
    """1,180 -> 1180: espeak-ng pauses at the comma of a written number."""
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


# --- pauses ------------------------------------------------------------------

def pauses(text: str) -> str:
    """Brackets, dashes and ellipses become commas or full stops."""
    text = re.sub(r"\s*\(\s*", ", ", text)
    text = re.sub(r"\s*\)", ",", text)
    text = re.sub(r"\s*(?:…|\.\s?\.\s?\.)\s*(?=[A-Z]|$)", ". ", text)
    text = re.sub(r"\s*(?:…|\.\s?\.\s?\.)\s*", ", ", text)
    text = re.sub(r"\s*(?:—|–|--|\s-\s)\s*", ", ", text)
    # "Iranian-led and -funded": the dangling hyphen is not said.
    return re.sub(r"(?<!\S)-(?=[A-Za-z])", "", text)


def tidy(text: str) -> str:
    """One space between words, no doubled or stranded punctuation."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"[,;:]+(?=[.!?])", "", text)
    text = re.sub(r"([,;:])[,;:]+", r"\1", text)
    text = re.sub(r"([.!?])[,;:]+", r"\1", text)
    text = re.sub(r"\.{2,}", ".", text)
    return text.strip(" ,;:")


RULES: tuple[Callable[[str], str], ...] = (
    drop_quotes, expand_abbreviations, letters, money, percent, times, dates,
    ranges, decades, years, separators, pauses,
)
