"""Settling an article's language: declared metadata checked against the detector on the text."""

from __future__ import annotations

import pytest

from convert.errors import UsageError
from convert.language import (canonical_language, direction, normalize_tag, primary_subtag,
                               same_language, same_language_unmarked, settle, settle_language)
from convert.model import Article, Foreign, Paragraph, Quote, Text

GERMAN = ("Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis zum "
          "Herbst zu sanieren. Die Arbeiten sollen im Juni beginnen und werden etwa drei Monate dauern.")
SPANISH = ("El ayuntamiento aprobó el martes la reforma del puente viejo sobre el río, que estará "
           "cerrado al tráfico durante tres meses a partir de junio, según explicó la alcaldesa.")
DANISH = ("Regeringen har i dag fremlagt et nyt forslag om at hæve pensionsalderen, og oppositionen har "
          "allerede kritiseret planen. Ifølge ministeren vil ændringen spare staten for flere milliarder "
          "kroner over de næste ti år.")


def article(text: str, language: str = "") -> Article:
    return Article(title="", blocks=(Paragraph((Text(text),)),), language=language)


def test_a_declaration_the_text_agrees_with_stands_with_its_region():
    assert settle("de-AT", GERMAN).language == "de-AT"
    assert settle("de-AT", GERMAN).note == ""


def test_undeclared_text_gets_the_detected_language_and_says_so():
    verdict = settle("", SPANISH)
    assert verdict.language == "es"
    assert "no language declared" in verdict.note and "es" in verdict.note


def test_a_plainly_wrong_declaration_is_overruled():
    verdict = settle("en", SPANISH)
    assert verdict.language == "es"
    assert verdict.note.startswith("declared en but the text is es")


def test_a_close_language_does_not_overrule_the_declaration():
    # Norwegian pages are often mistaken for Danish by detectors; the page knows better.
    assert settle("nb", DANISH).language == "nb"


def test_too_little_text_to_judge_keeps_the_declaration():
    # The detector reads this short line as English, sure of it; too short to overrule the page.
    assert settle("fr", "The bridge over the river will be closed until the end of June.").language == "fr"
    assert settle("", "").language == "en"


def test_lang_option_wins_over_declaration_and_text():
    settled, note = settle_language(article(GERMAN, "de"), "pt_br")
    assert settled.language == "pt-BR" and note == ""
    with pytest.raises(UsageError, match="language tag"):
        settle_language(article(GERMAN), "not a tag")


def test_tags_are_normalized_and_junk_refused():
    assert normalize_tag("en_us") == "en-US"
    assert normalize_tag("ZH-hant-tw") == "zh-Hant-TW"
    assert normalize_tag("<script>") == ""
    assert normalize_tag("und") == ""


def test_the_primary_subtag_is_the_code_as_written():
    assert [primary_subtag(tag) for tag in ("pt_BR", "zh-Hant-TW", "DE", " fr-CA ", "tl", "iw", "")] == \
        ["pt", "zh", "de", "fr", "tl", "iw", ""]


def test_the_canonical_language_takes_one_code_for_each_language():
    # BCP 47's deprecated "iw" is Hebrew's "he"; ISO 639 gives Tagalog "tl", its standard form Filipino "fil".
    assert [canonical_language(tag) for tag in ("iw-IL", "he", "tl", "fil-PH", "in", "pt-BR", "nb")] == \
        ["he", "he", "fil", "fil", "id", "pt", "nb"]


def test_same_language_ignores_region_script_and_retired_codes():
    assert same_language("pt-BR", "pt_PT") and same_language("tl", "fil") and same_language("iw", "he-IL")
    assert not same_language("en", "de") and not same_language("nb", "da")


def test_right_to_left_languages():
    assert [direction(tag) for tag in ("ar", "he-IL", "fa", "ur", "de", "ja", "az-Arab", "ku-Latn")] == \
        ["rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "rtl", "ltr"]
    assert direction("iw") == "rtl"     # Hebrew under its retired code


def test_marks_of_the_article_s_own_language_are_dropped_others_kept():
    marked = Article(title="", language="de", blocks=(
        Paragraph((Text(GERMAN + " "), Foreign((Text("Bienvenue"),), "fr"))),
        Quote((Paragraph((Foreign((Text(GERMAN),), "de-DE"),)),)),
    ))
    settled, _ = settle_language(marked)
    assert settled.blocks == (
        Paragraph((Text(GERMAN + " "), Foreign((Text("Bienvenue"),), "fr"))),
        Quote((Paragraph((Text(GERMAN),)),)),
    )


def test_a_passage_marked_with_another_code_of_the_article_s_language_is_unmarked():
    words = "Magandang umaga po sa inyong lahat."
    marked = Article(title="", language="fil", blocks=(Paragraph((Foreign((Text(words),), "tl"),)),))
    assert same_language_unmarked(marked).blocks == (Paragraph((Text(words),)),)
