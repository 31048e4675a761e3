"""Speech in the article's language: numbers through num2words, rules as data, English rules for English only."""

from __future__ import annotations

import re

import pytest

from convert.speech import Lexicon, speakable


def say(text: str, language: str) -> str:
    return speakable(text, Lexicon.load(None, language), language)


@pytest.mark.parametrize("language, written, spoken", [
    # German: grouped thousands with dots, decimal comma, ordinals of dates by case
    ("de", "Der Bau kostet 1.180.000 Euro.", "eine Million einhundertachtzigtausend Euro"),
    ("de", "Das Brot kostet 3,50 €.", "drei Euro und fünfzig Cent"),
    ("de", "Die Preise stiegen um 12,5 %.", "zwölf Komma fünf Prozent"),
    ("de", "Abfahrt um 6:45 Uhr.", "sechs Uhr fünfundvierzig"),
    ("de", "Geöffnet ab 11 Uhr.", "elf Uhr"),
    ("de", "Gebaut 1987.", "neunzehnhundertsiebenundachtzig"),
    ("de", "Ab dem 1. Mai fährt sie.", "Ab dem ersten Mai"),
    ("de", "Dienstag, 8. April", "achter April"),
    ("de", "Es kamen z. B. Kinder.", "zum Beispiel"),
    # French: spaces between thousands, 1er, 7 h 30
    ("fr", "près de 1 200 pièces", "mille deux cents pièces"),
    ("fr", "Le 1er juin, la fête.", "premier juin"),
    ("fr", "Dès 7 h 30, la file.", "sept heures trente"),
    ("fr", "un loyer de 320 € par mois", "trois cent vingt euros"),
    ("fr", "soit 15 % de plus", "quinze pour cent"),
    ("fr", "M. Dupont est arrivé.", "Monsieur Dupont"),
    # Spanish and Portuguese
    ("es", "destinó 85.000 € a la obra", "ochenta y cinco mil euros"),
    ("es", "fundada en 1923", "mil novecientos veintitrés"),
    ("es", "empieza a las 10:30", "diez y treinta"),
    ("es", "los EE. UU. y Canadá", "Estados Unidos"),
    ("pt", "custa 7,5 €", "sete euros e cinquenta cêntimos"),
    ("it", "il 20 % in più", "venti per cento"),
    ("nl", "kost 2,5 miljoen", "twee komma vijf miljoen"),
    ("fr", "Publié le 1 mai 2024", "premier mai deux mille vingt-quatre"),
    # Languages with no table: CLDR's decimal mark and separators, num2words' words
    ("sv", "Det kostar 3,5 miljoner.", "tre komma fem miljoner"),
    ("ru", "пришли 12 000 человек", "двенадцать тысяч человек"),
    # Arabic, with Arabic-Indic digits too
    ("ar", "وصل 42 شخصا", "اثنان و أربعون"),
    ("ar", "وصل ٤٢ شخصا", "اثنان و أربعون"),
])
def test_numbers_and_abbreviations_in_the_language(language, written, spoken):
    assert spoken in say(written, language)


@pytest.mark.parametrize("language, written", [
    ("de", "Am 8. April 2015 um 14:30 Uhr zahlte er 12 % mehr, 3,50 €."),
    ("fr", "Le 1er mai 2024 à 14 h 30, il a payé 12,50 €, soit 15 % de plus."),
    ("es", "El 3 de abril de 2015 a las 10:15 pagó 7,5 €, un 20 % más."),
])
def test_no_english_words_and_no_digits_left(language, written):
    spoken = say(written, language)
    assert not re.search(r"\d", spoken), spoken
    assert not re.search(r"\b(?:percent|euros? and|cents|o'clock|twenty|hundred|oh)\b", spoken), spoken


def test_english_keeps_its_own_rules():
    assert say("On Jan. 5, 2024 at 3:04 p.m. it cost $4.50.", "en") == \
        "On January 5th, twenty twenty-four at 3 oh 4 PM it cost 4 dollars 50 cents."


def test_english_rules_do_not_reach_other_languages():
    # "No." and "#" are English: a German "Nr." is its own abbreviation.
    assert "number" not in say("Haus Nr. 5 und #3", "de")
    assert "Nummer fünf" in say("Haus Nr. 5", "de")


def test_japanese_is_read_as_kana_with_numbers_in_words():
    spoken = say("並木道には約1,200本の桜が植えられ、2024年3月28日に満開になった。", "ja")
    assert not re.search(r"[\u4e00-\u9fff\d]", spoken), spoken   # no kanji, no digits
    assert "せんにひゃく" in spoken          # 1,200
    assert say("東京都は学校へ行く。", "ja").startswith("とうきょうとわがっこうえ")   # particles wa, e
    assert "にせんにじゅうよねん" in spoken or "にせんにじゅうしねん" in spoken   # 2024年


def test_a_language_without_rules_still_has_numbers_in_words_when_num2words_knows_it():
    assert "tjugo" in say("Det kostar 20 kronor.", "sv")
