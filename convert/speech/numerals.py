"""Numbers, years, dates and durations spelled the way people say them."""

from __future__ import annotations

import datetime as _dt

from convert.language import primary_subtag

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
MONTHS = (
    "January February March April May June July August September October "
    "November December"
).split()


def two_digits(n: int) -> str:
    """0–99 in words: 7 -> seven, 42 -> forty-two."""
    if n < 20:
        return ONES[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{ONES[ones]}" if ones else "")


def year_words(year: int) -> str:
    """A year as read aloud: 1990 -> nineteen ninety, 2005 -> two thousand five."""
    # espeak-ng reads a bare 1990 as "nineteen hundred ninety" and 2024 as
    # "two thousand and twenty four"; news readers say neither.
    if 2000 <= year <= 2009:
        return "two thousand" + (f" {ONES[year - 2000]}" if year > 2000 else "")
    high, low = divmod(year, 100)
    if low == 0:
        return f"{two_digits(high)} hundred"
    if low < 10:
        return f"{two_digits(high)} oh {ONES[low]}"
    return f"{two_digits(high)} {two_digits(low)}"


def decade_words(year: int) -> str:
    """The decade starting at year: 1990 -> nineteen nineties."""
    words = year_words(year)
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def ordinal(n: int) -> str:
    """5 -> 5th, 22 -> 22nd: espeak-ng reads these as ordinal words."""
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{_SUFFIXES.get(n % 10, 'th')}"


def spoken_date(day: _dt.date, language: str = "en") -> str:
    """A date in US news style: January 5th, twenty twenty-four.

    In another language, the date as the locale writes it ("8. April 2015"),
    which that language's speech rules then put into words.
    """
    if primary_subtag(language or "en") != "en":
        from convert.locale import long_date
        return long_date(day, language)
    return f"{MONTHS[day.month - 1]} {ordinal(day.day)}, {year_words(day.year)}"


def counted(n: int | str, unit: str) -> str:
    """3 minutes, 1 minute: the unit agrees with the number."""
    return f"{n} {unit}" if str(n) == "1" else f"{n} {unit}s"


def spoken_duration(seconds: int) -> str:
    """90 -> 1 minute and 30 seconds; zero parts are left out."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [counted(n, unit) for n, unit in
             ((hours, "hour"), (minutes, "minute"), (secs, "second")) if n]
    if not parts:
        return "0 seconds"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
