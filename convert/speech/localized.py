"""Speech rules for articles not in English: numbers through num2words, the rest as data.

What each language writes and says (decimal marks, the word for "percent",
clock times, ordinals, abbreviations) is in ``languages.toml``; the code
here only applies it.  A language with no table there still has its
numbers said in words when num2words knows it, and is otherwise left to
the voice, which reads digits in its own language.
"""

from __future__ import annotations

import functools
import re
import tomllib
from decimal import Decimal, InvalidOperation
from importlib import resources
from types import MappingProxyType
from typing import Callable, Mapping

from num2words import CONVERTER_CLASSES, num2words

from convert.language import primary_subtag

DATA = "languages.toml"

CURRENCY_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "EUR": "EUR", "USD": "USD",
                  "GBP": "GBP", "JPY": "JPY", "CHF": "CHF"}
# Arabic-Indic and Persian digits, read by the same rules as ASCII ones.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


@functools.lru_cache(maxsize=1)
def _tables() -> Mapping[str, Mapping]:
    text = resources.files(__package__).joinpath(DATA).read_text(encoding="utf-8")
    return MappingProxyType(tomllib.loads(text))


def table(language: str) -> Mapping:
    """The language's rules, or an empty table."""
    return _tables().get(primary_subtag(language or "en"), {})


def n2w_language(language: str) -> str | None:
    """The num2words name of *language*, or None when num2words does not know it."""
    parts = (language or "").replace("-", "_").split("_")
    for code in ("_".join(parts[:2]), primary_subtag(language or "")):
        if code in CONVERTER_CLASSES:
            return code
    return None


class Speaker:
    """The number and abbreviation rules of one language, compiled once."""

    def __init__(self, language: str):
        self.language = language
        self.rules = table(language)
        self.n2w = n2w_language(language)
        # Without a table of its own, a language writes numbers as CLDR says it does.
        written_decimal, written_group = _cldr_marks(language)
        self.decimal = self.rules.get("decimal", written_decimal)
        self.group = self.rules.get("group", written_group)
        decimal = re.escape(self.decimal)
        group = "".join(map(re.escape, self.group))
        # 1.180 or 1 180 (grouped), 2024, 3,5: the language's own way of writing a number.
        self.number = (rf"\d{{1,3}}(?:[{group}]\d{{3}})+(?:{decimal}\d+)?(?!\d)"
                       rf"|\d+(?:{decimal}\d+)?") if group else rf"\d+(?:{decimal}\d+)?"
        abbreviations = self.rules.get("abbreviations", {})
        keys = sorted(abbreviations, key=len, reverse=True)
        self.abbreviations = abbreviations
        self.abbreviation = (re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w])")
                             if keys else None)

    # --- words for numbers ------------------------------------------------------

    def value(self, written: str) -> Decimal | None:
        """The number a written numeral stands for, in this language's notation."""
        plain = written
        for mark in self.group:
            if mark != self.decimal:
                plain = plain.replace(mark, "")
        plain = plain.replace(self.decimal, ".")
        try:
            return Decimal(plain)
        except InvalidOperation:
            return None

    def cardinal(self, number: int) -> str:
        return num2words(number, lang=self.n2w) if self.n2w else str(number)

    def words(self, value: Decimal) -> str:
        """A number in words; decimals as the whole part, the decimal word, then digit by digit."""
        whole = int(value)
        text = self.cardinal(whole)
        fraction = format(value, "f").partition(".")[2]
        if fraction and "decimal_word" not in self.rules and self.n2w:
            return num2words(value, lang=self.n2w)   # num2words knows the word for the mark
        if fraction:
            digits = " ".join(self.cardinal(int(d)) for d in fraction)
            text = f"{text} {self.rules.get('decimal_word', '')} {digits}"
        return text

    def ordinal(self, number: int) -> str:
        if not self.n2w:
            return str(number)
        try:
            return num2words(number, lang=self.n2w, to="ordinal")
        except NotImplementedError:
            return self.cardinal(number)

    def year(self, number: int) -> str:
        if self.n2w and self.rules.get("year") == "year":
            try:
                return num2words(number, lang=self.n2w, to="year")
            except NotImplementedError:
                pass
        return self.cardinal(number)

    # --- rules ------------------------------------------------------------------

    def expand_abbreviations(self, text: str) -> str:
        if self.abbreviation is None:
            return text
        return self.abbreviation.sub(lambda m: self.abbreviations[m.group(0)], text)

    def money(self, text: str) -> str:
        """€12,50 and 12,50 € in words, in the currency's name in this language."""
        symbols = "|".join(map(re.escape, sorted(CURRENCY_CODES, key=len, reverse=True)))
        amount = f"(?P<amount>{self.number})"
        before = re.compile(rf"(?<![A-Za-z])(?P<symbol>{symbols})\s?{amount}")
        after = re.compile(rf"{amount}\s?(?P<symbol>{symbols})(?![\w])")

        def say(m: re.Match) -> str:
            value = self.value(m.group("amount"))
            spoken = self.currency(value, m.group("symbol")) if value is not None else None
            return spoken if spoken is not None else m.group(0)

        return after.sub(say, before.sub(say, text))

    def currency(self, value: Decimal, symbol: str) -> str | None:
        code = CURRENCY_CODES[symbol]
        names = self.rules.get("money", {}).get(symbol)
        if names is not None:
            return f"{self.words(value)} {names[0] if value == 1 else names[1]}"
        converter = CONVERTER_CLASSES.get(self.n2w) if self.n2w else None
        forms = getattr(converter, "CURRENCY_FORMS", {}).get(code) if converter else None
        if not forms or self.rules.get("currency") != "num2words":
            return None
        if value == int(value):
            try:
                return f"{self.cardinal(int(value))} {converter.pluralize(int(value), forms[0])}"
            except (NotImplementedError, AttributeError, IndexError, TypeError):
                return None
        try:
            return num2words(value, lang=self.n2w, to="currency", currency=code)
        except (NotImplementedError, KeyError, TypeError):
            return None

    def percent(self, text: str) -> str:
        word = self.rules.get("percent")
        if not word:
            return text
        return re.sub(rf"({self.number})\s?%", lambda m: f"{m.group(1)} {word}", text)

    def times(self, text: str) -> str:
        """14:30 (or 14.30 Uhr, 14 h 30) in the language's words for a clock time."""
        if "time" not in self.rules:
            return text
        suffix = self.rules.get("time_suffix")
        tail = rf"(?:\s?{re.escape(suffix)}\b)?" if suffix else ""

        def say(m: re.Match) -> str:
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if minute == 0:
                return self.rules["hour"].format(h=self.cardinal(hour))
            return self.rules["time"].format(h=self.cardinal(hour), m=self.cardinal(minute))

        clock = rf"(?<![\d.,:])([01]?\d|2[0-3])(?:\s?h\s?|:)([0-5]\d)(?![\d:]){tail}"
        text = re.sub(clock, say, text)
        if suffix:   # "14.30 Uhr", "9 Uhr"
            text = re.sub(rf"(?<![\d.,])([01]?\d|2[0-3])(?:\.([0-5]\d))?\s?{re.escape(suffix)}\b", say, text)
        return text

    def ordinals(self, text: str) -> str:
        # "1 mai": French says the first of a month as an ordinal, the rest as cardinals.
        if first := self.rules.get("first_of_month"):
            text = re.sub(first, lambda m: self.ordinal(1), text)
        pattern = self.rules.get("ordinal")
        if not pattern:
            return text
        before = self.rules.get("ordinal_before", "")
        dative = self.rules.get("ordinal_dative")
        endings = self.rules.get("ordinal_endings", ["", ""])

        def say(m: re.Match) -> str:
            word = self.ordinal(int(m.group(1)))
            if dative is None:
                return word
            ending = endings[1] if re.search(dative, m.string[:m.start()], re.I) else endings[0]
            return word + ending

        return re.sub(rf"(?<![\w.,]){pattern}(?={before})" if before else rf"(?<![\w.,]){pattern}",
                      say, text)

    def years(self, text: str) -> str:
        """A bare four-digit number from 1100 to 2099 is read as a year."""
        return re.sub(r"(?<![\d.,:/])(1[1-9]\d\d|20\d\d)(?![\d%]|[.,:]\d|\s?%)",
                      lambda m: self.year(int(m.group(1))), text)

    def numbers(self, text: str) -> str:
        def say(m: re.Match) -> str:
            # Not inside a word of a spaced script ("G7", "A4"); in Chinese and
            # Japanese a number sits right against the words ("約1,200本").
            before = m.string[m.start() - 1:m.start()]
            if before.isalpha() and not _unspaced(before):
                return m.group(0)
            value = self.value(m.group(0))
            return self.words(value) if value is not None else m.group(0)
        return re.sub(rf"(?<![\d.,]){self.number}", say, text)

    def kana(self, text: str) -> str:
        """Kanji as kana: espeak-ng's Japanese voice reads only kana and says "Chinese letter" for kanji."""
        if not self.rules.get("kana"):
            return text
        # は and へ standing alone after a word are particles, said "wa" and "e".
        particles = self.rules.get("particles", {})
        parts = _kakasi().convert(text)
        return "".join(particles.get(part["orig"], part["hira"]) if n else part["hira"]
                       for n, part in enumerate(parts))

    def rules_in_order(self) -> tuple[Callable[[str], str], ...]:
        return (self.expand_abbreviations, self.money, self.percent, self.times, self.ordinals,
                self.years, self.numbers, self.kana)


@functools.lru_cache(maxsize=32)
def _cldr_marks(language: str) -> tuple[str, str]:
    """The decimal mark and the thousands separators CLDR gives *language*."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from convert.locale import babel_locale
    where = babel_locale(language or "en")
    group = get_group_symbol(where)
    # A no-break space as separator: pages also write a plain or narrow one.
    return get_decimal_symbol(where), group + ("\u202f " if group in "\u00a0\u202f" else "")


def _unspaced(char: str) -> bool:
    """A character of a script written without spaces between words (Han, kana)."""
    return "\u3040" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff66" <= char <= "\uff9d"


@functools.lru_cache(maxsize=1)
def _kakasi():
    import pykakasi
    return pykakasi.kakasi()


@functools.lru_cache(maxsize=32)
def speaker(language: str) -> Speaker:
    return Speaker(language)


def localize(text: str, language: str) -> str:
    """Numbers, abbreviations and clock times of *text* in words of *language*."""
    text = text.translate(DIGITS)
    for rule in speaker(language).rules_in_order():
        text = rule(text)
    return text
