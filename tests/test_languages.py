"""Articles in German, French, Spanish, Japanese, Chinese and Arabic, through every edition.

The samples in tests/fixtures/languages are saved pages, Markdown and
plain text, some declaring their language, some not, and one declaring
the wrong one.  Each edition must carry the article's own language.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from convert.cli import app
from convert.options import Options
from convert.pipeline import convert_all, load
from convert.speech import Lexicon, script
from tests.checkers import ace_report, ace_violations, epubcheck_problems, epubcheck_report
from tests.measure import duration

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "languages"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# sample -> (language settled, how it was settled)
LANGUAGES = {
    "de-faehre.html": ("de", "declared"),
    "de-zeitung.txt": ("de", "detected"),
    "de-partnerstadt.html": ("de", "declared"),
    "fr-marche.md": ("fr", "declared"),
    "es-mislabelled.html": ("es", "corrected"),
    "es-sin-idioma.txt": ("es", "detected"),
    "ja-sakura.md": ("ja", "detected"),
    "zh-gongyuan.txt": ("zh", "detected"),
    "ar-souq.html": ("ar", "declared"),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, dict]:
    """Every sample's text and EPUB editions, written once."""
    out = tmp_path_factory.mktemp("languages")
    done = {}
    sources = [SAMPLES / name for name in LANGUAGES]
    for outcome in convert_all(sources, ["txt", "epub"], out, Options()):
        assert outcome.error is None, outcome.error
        files = {path.suffix: path for path in outcome.written}
        done[outcome.source.name] = {"notes": outcome.notes, **files}
    return done


@pytest.mark.parametrize("name", LANGUAGES)
def test_the_language_is_declared_detected_or_corrected(made, name):
    language, how = LANGUAGES[name]
    assert load(SAMPLES / name).language == language
    notes = " ".join(made[name]["notes"])
    if how == "declared":
        assert notes == ""
    elif how == "detected":
        assert notes.startswith(f"no language declared; detected {language}")
    else:
        assert notes.startswith(f"declared en but the text is {language}")


# What the text edition says around each article, in its own language.
FURNITURE = {
    "de-faehre.html": ["Von Greta Hollmann und Jonas Weber", "8. März 2024",
                       "[Foto: Die neue Fähre bei einer Probefahrt im Februar. (Bildnachweis: Lena Brandt)]"],
    "de-zeitung.txt": ["Von Miriam Albers", "12. September 2023"],
    "de-partnerstadt.html": ["Von Paul Reimann", "21. Juni 2024"],
    "fr-marche.md": ["Par Claire Moreau", "2 mai 2024",
                     "[Photo: Les premiers clients devant les étals de fruits et légumes.]"],
    "es-mislabelled.html": ["Por Lucía Ferrer", "14 de octubre de 2023",
                            "[Foto: La sala de lectura, restaurada en 2019. (Crédito: Pablo Ortega)]",
                            "[Vídeo: El coro del barrio ensaya el concierto de la fiesta. (Crédito: Marta Gil)]"],
    "es-sin-idioma.txt": ["Por Andrés Molina y Sara Campos", "3 de febrero de 2024"],
    "ja-sakura.md": ["文：山田花子", "2024年3月28日"],
    "zh-gongyuan.txt": ["作者：李明", "2024年4月15日"],
    "ar-souq.html": ["بقلم سارة الخطيب", "20 يناير 2024"],
}


# The English labels of photo and video notes, less those the language writes the same way.
ENGLISH_LABELS = {"Photo", "Credit", "Video"}
SAME_WORD = {"fr": {"Photo"}, "de": {"Video"}}


@pytest.mark.parametrize("name", LANGUAGES)
def test_text_edition_furniture_and_dates_in_the_language(made, name):
    lines = made[name][".txt"].read_text(encoding="utf-8").splitlines()
    for expected in FURNITURE[name]:
        assert expected in lines
    assert not any(line.startswith("By ") for line in lines)
    notes = [note for line in lines for note in re.findall(r"\[[^\]]*\]", line)]
    for english in ENGLISH_LABELS - SAME_WORD.get(name[:2], set()):
        assert not any(re.search(rf"\b{english}\b", note) for note in notes), english


def opf_and_documents(path: Path):
    with zipfile.ZipFile(path) as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
        documents = {name: etree.fromstring(book.read(name)) for name in book.namelist()
                     if name.endswith(".xhtml")}
    return opf, documents


@pytest.mark.parametrize("name", LANGUAGES)
def test_epub_language_everywhere_and_direction(made, name):
    language = LANGUAGES[name][0]
    opf, documents = opf_and_documents(made[name][".epub"])
    assert opf.xpath("//dc:language/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"}) == [language]
    assert opf.get(XML_LANG) == language
    assert len(documents) >= 3
    for document in documents.values():
        assert (document.get("lang"), document.get(XML_LANG)) == (language, language)
    spine = opf.find("{*}spine")
    rtl = language == "ar"
    assert spine.get("page-progression-direction") == ("rtl" if rtl else None)
    article = documents["EPUB/article.xhtml"]
    assert (article.get("dir") == "rtl") is rtl
    assert (article.find("{*}body").get("dir") == "rtl") is rtl


def test_epub_navigation_labels_in_the_language(made):
    _, documents = opf_and_documents(made["de-faehre.html"][".epub"])
    nav = documents["EPUB/nav.xhtml"]
    assert nav.findtext(".//{*}title") == "Inhalt"
    assert nav.findtext(".//{*}nav[@id='toc']/{*}h2") == "Inhalt"
    assert nav.findtext(".//{*}nav[@id='landmarks']/{*}h2") == "Orientierungspunkte"
    article = documents["EPUB/article.xhtml"]
    assert "Quelle: " in "".join(article.find(".//{*}p[@class='source']").itertext())
    assert article.findtext(".//{*}span[@class='credit']") == "Bildnachweis: Lena Brandt"


def test_passages_in_another_language_keep_their_mark_in_the_epub(made):
    _, documents = opf_and_documents(made["de-partnerstadt.html"][".epub"])
    article = documents["EPUB/article.xhtml"]
    marked = [(span.get("lang"), span.get(XML_LANG), span.get("dir"), "".join(span.itertext()))
              for span in article.iter("{*}span") if span.get("lang")]
    assert marked == [
        ("fr", "fr", None, "« Bienvenue chez nous »"),
        ("fr", "fr", None, "Nous sommes heureux d'être ici, même sous la pluie."),
        ("ar", "ar", "rtl", "أهلا وسهلا"),
    ]   # the paragraph marked lang="de" in a German article needs no mark
    assert article.find(".//{*}blockquote//{*}span").get("lang") == "fr"


def test_braille_edition_furniture_in_the_language(tmp_path):
    import louis   # liblouis's own binding, independent of the writer
    result = CliRunner().invoke(app, [str(SAMPLES / "de-faehre.html"), "-o", str(tmp_path), "-f", "brf"])
    assert result.exit_code == 0, result.output
    brf = next(tmp_path.glob("*.brf")).read_bytes().decode("ascii").replace("\r\n", " ")
    german = ["en-us-brf.dis", "de-g2.ctb"]
    for words in ("Von Greta Hollmann und Jonas Weber", "8. März 2024", "Bildnachweis: Lena Brandt"):
        assert louis.translateString(german, words) in brf
    assert louis.translateString(german, "Credit: Lena Brandt") not in brf


@pytest.mark.parametrize("name", ["ar-souq.html", "ja-sakura.md", "de-partnerstadt.html"])
def test_right_to_left_and_cjk_books_pass_epubcheck_and_ace(made, name):
    path = made[name][".epub"]
    assert epubcheck_problems(epubcheck_report(path)) == []
    assert ace_violations(ace_report(path)) == []


# --- speech ----------------------------------------------------------------------

def spoken(name: str) -> str:
    article = load(SAMPLES / name)
    segments = script(article, Options(), Lexicon.load(None, article.language))
    return " ".join(segment.text for segment in segments)


def test_german_speech_says_numbers_dates_money_and_times_in_german():
    text = spoken("de-faehre.html")
    for words in ("Von Greta Hollmann und Jonas Weber.", "achter März zweitausendvierundzwanzig",
                  "ab dem ersten Mai", "achtzehn Komma fünf Millionen Euro", "zwölf Prozent",
                  "sechs Uhr fünfundvierzig", "einundzwanzig Uhr fünfzehn",
                  "eintausendeinhundertachtzig Menschen", "sieben Euro und fünfzig Cent",
                  "neunzehnhundertsiebenundachtzig", "Foto: Die neue Fähre"):
        assert words in text
    assert not re.search(r"\d", text)


def test_french_and_spanish_speech_in_their_words():
    french = spoken("fr-marche.md")
    for words in ("deux mai deux mille vingt-quatre", "quatre virgule deux millions", "sept heures trente",
                  "mille huit cent quatre-vingt-quatorze", "trois cent vingt euros", "premier juin",
                  "mille deux cents pièces"):
        assert words in french
    spanish = spoken("es-mislabelled.html")
    for words in ("Por Lucía Ferrer.", "catorce de octubre de dos mil veintitrés", "ochenta y cinco mil euros",
                  "veinte por ciento", "diez y treinta", "mil novecientos veintitrés"):
        assert words in spanish
    for text in (french, spanish):
        assert not re.search(r"\d|\b(?:percent|dollars|o'clock|twenty|thousand)\b", text)


def test_arabic_and_japanese_speech_have_no_digits_left():
    arabic = spoken("ar-souq.html")
    assert "اثنان و أربعون" in arabic and not re.search(r"\d", arabic)
    japanese = spoken("ja-sakura.md")
    assert not re.search(r"[\d\u4e00-\u9fff]", japanese)


# --- audio, through the command line -------------------------------------------

@pytest.mark.parametrize("name, minimum", [("ja-sakura.md", 25.0), ("zh-gongyuan.txt", 25.0)])
def test_chinese_and_japanese_articles_get_a_spoken_edition(tmp_path, name, minimum):
    result = CliRunner().invoke(app, [str(SAMPLES / name), "-o", str(tmp_path), "-f", "audio"])
    assert result.exit_code == 0, result.output
    mp3 = next(tmp_path.glob("*.mp3"))
    # Three paragraphs of about a hundred characters each take well over 25 s to say.
    assert duration(mp3) > minimum


def test_no_voice_for_the_language_fails_the_spoken_editions_only(tmp_path):
    source = SAMPLES / "de-zeitung.txt"
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path), "--lang", "yo"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == [f"Error: {source}: no installed pyttsx3 voice speaks Yoruba (yo); the spoken "
                      "editions were not made (install a voice, or give --voice)"]
    made = {path.name for path in tmp_path.iterdir() if not path.name.startswith(".")}
    stem = "stadtbibliothek-verlangert-die-offnungszeiten"
    assert {f"{stem}.txt", f"{stem}.epub"} <= made
    assert not any(name.endswith((".mp3", ".m4b", ".json", "-narrated.epub")) for name in made)


def test_lang_overrides_and_verbose_says_how_the_language_was_settled(tmp_path):
    source = SAMPLES / "de-zeitung.txt"
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path), "-f", "txt", "-v"])
    assert f"{source}: no language declared; detected de" in result.stderr
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path / "fr"), "-f", "txt,epub", "--lang", "fr"])
    assert result.exit_code == 0
    assert "Par Miriam Albers" in (tmp_path / "fr" / "stadtbibliothek-verlangert-die-offnungszeiten.txt").read_text()
    opf, _ = opf_and_documents(tmp_path / "fr" / "stadtbibliothek-verlangert-die-offnungszeiten.epub")
    assert opf.get(XML_LANG) == "fr"
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path), "--lang", "12"])
    assert result.exit_code == 2
    assert "--lang must be a language tag" in result.stderr
