"""Furniture in the article's language: the message catalogue and Babel's dates."""

from __future__ import annotations

import datetime as dt

import pytest

from convert import locale

REQUIRED = ("en", "de", "fr", "es", "pt", "it", "nl")
DAY = dt.date(2015, 4, 8)


def test_every_language_says_every_label_english_has():
    english = set(locale.messages("en"))
    catalogue = locale.catalogue()
    for code in REQUIRED:
        assert code in catalogue, code
    for code, table in catalogue.items():
        missing = english - set(table) - {"comma"}
        assert not missing, f"{code} lacks {sorted(missing)}"
        assert set(table) <= english, f"{code} has labels English lacks: {set(table) - english}"


@pytest.mark.parametrize("language, byline", [
    ("en", "By Ana Ruiz, Jo Lee and Kim Park"),
    ("de", "Von Ana Ruiz, Jo Lee und Kim Park"),
    ("fr", "Par Ana Ruiz, Jo Lee et Kim Park"),
    ("es", "Por Ana Ruiz, Jo Lee y Kim Park"),
    ("pt-BR", "Por Ana Ruiz, Jo Lee e Kim Park"),
    ("it", "Di Ana Ruiz, Jo Lee e Kim Park"),
    ("nl", "Door Ana Ruiz, Jo Lee en Kim Park"),
    ("ja", "文：Ana Ruiz、Jo Lee、Kim Park"),
])
def test_bylines(language, byline):
    assert locale.byline(("Ana Ruiz", "Jo Lee", "Kim Park"), language) == byline


@pytest.mark.parametrize("language, written", [
    ("en", "April 8, 2015"),
    ("de", "8. April 2015"),
    ("fr", "8 avril 2015"),
    ("es", "8 de abril de 2015"),
    ("pt", "8 de abril de 2015"),
    ("it", "8 aprile 2015"),
    ("nl", "8 april 2015"),
    ("ja", "2015年4月8日"),
])
def test_dates_as_the_locale_writes_them(language, written):
    assert locale.long_date(DAY, language) == written


def test_unknown_languages_fall_back_to_english_labels_and_their_own_dates_if_any():
    assert locale.messages("xx")["photo"] == "Photo"
    assert locale.long_date(DAY, "xx") == "April 8, 2015"
    assert locale.messages("sv")["contents"] == "Contents"     # no Swedish table yet
    assert locale.long_date(DAY, "sv") == "8 april 2015"       # but CLDR knows Swedish dates
    assert locale.messages("pt-BR")["photo"] == "Foto"         # a region falls back to its language


@pytest.mark.parametrize("language", ["en", "en-US", "EN_us", ""])
def test_english_long_dates_match_babel_without_loading_it(language):
    from babel.dates import format_date

    from convert.locale import babel_locale, long_date
    for day in (dt.date(2024, m, d) for m in range(1, 13) for d in (1, 9, 28)):
        assert long_date(day, language) == format_date(day, format="long",
                                                       locale=babel_locale(language or "en"))
