"""The braille edition: a well-formed braille-ready file that liblouis reads back.

The file's shape is checked from its bytes (cells, lines, characters, page
numbers); its words by translating it back to print with liblouis itself.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import louis  # liblouis's own binding (Debian's python3-louis, linked in by scripts/setup)
import pytest
from typer.testing import CliRunner

from convert.cli import app
from convert.errors import NoBrailleError
from convert.model import Article, Heading, ListBlock, Paragraph, Photo, Quote, Text, Video
from convert.options import Options
from convert.pipeline import load
from convert.write import WRITERS, brf


ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
SAMPLES = sorted(p for p in (ROOT / "input").iterdir() if p.suffix in (".md", ".txt", ".html"))
UEB = ["en-us-brf.dis", "en-ueb-g2.ctb"]

# North American braille ASCII: the 64 cells, space included, as 0x20-0x5F.
BRAILLE_ASCII = {chr(c) for c in range(0x20, 0x60)}
# UEB's transcriber's-note indicators, dots 4-46-126 and 4-46-345.
NOTE_OPEN, NOTE_CLOSE = "@.<", "@.>"
PAGE_NUMBER = re.compile(r"(?:^| {3})(#[A-J]+)$")


def pages_of(data: bytes, cells: int = 40, lines: int = 25) -> list[list[str]]:
    """The pages of a BRF as lists of lines, after checking its every byte and its shape."""
    text = data.decode("ascii")
    assert set(text) <= BRAILLE_ASCII | {"\r", "\n", "\f"}, set(text) - BRAILLE_ASCII
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    assert text.endswith("\r\n") and not text.startswith("\f")
    pages = []
    for page in text.split("\f"):
        assert page.endswith("\r\n")
        rows = page[:-2].split("\r\n")
        assert len(rows) == lines
        assert all(len(row) <= cells for row in rows), max(rows, key=len)
        assert all(row == row.rstrip() for row in rows)
        pages.append(rows)
    return pages


def page_numbers(pages: list[list[str]], cells: int = 40) -> list[str]:
    numbers = []
    for rows in pages:
        found = PAGE_NUMBER.search(rows[-1])
        assert found, rows[-1]
        # The number ends the line, in its last cell.
        assert len(rows[-1]) == cells, rows[-1]
        numbers.append(louis.backTranslateString(UEB, found.group(1)))
    return numbers


def body_text(pages: list[list[str]]) -> str:
    """The braille of every page as one run of words: page numbers dropped, lines joined."""
    words = []
    for rows in pages:
        rows = rows[:-1] + [PAGE_NUMBER.sub("", rows[-1])]
        words += [row.strip() for row in rows if row.strip()]
    return " ".join(words)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def recovered(article: Article, data: bytes) -> float:
    """The share of the body's words that liblouis finds again when reading the BRF back."""
    braille = body_text(pages_of(data)).replace(NOTE_OPEN, " ").replace(NOTE_CLOSE, " ")
    back = Counter(words(louis.backTranslateString(UEB, braille)))
    body = Counter(w for b in article.blocks if isinstance(b, Paragraph) for w in words(b.text))
    return sum(min(n, back[w]) for w, n in body.items()) / sum(body.values())


def divided_wrongly(pages: list[list[str]], expected: set[str]) -> list[str]:
    """Words a line end divided other than after their own hyphen or as an overlong word.

    A line-final piece and the next line's first piece must make one of the
    expected words whole again: joined as they are (a division after a
    hyphen), or without the mark that ended the first piece (a word or an
    address too long for any line, cut and marked with a hyphen or dot 5).
    """
    rows = [PAGE_NUMBER.sub("", row) if i == len(page) - 1 else row
            for page in pages for i, row in enumerate(page)]
    rows = [row.replace(NOTE_OPEN, "").replace(NOTE_CLOSE, "").split() for row in rows]
    wrong: list[str] = []
    carried: set[str] = set()      # ways to read the pieces carried from earlier lines
    for parts in (row for row in rows if row):
        for n, token in enumerate(parts):
            readings = {token} if not carried else \
                {c + token for c in carried} | {c[:-1] + token for c in carried}
            carried = set()
            if readings & expected:
                continue
            if n == len(parts) - 1 and token.endswith(("-", '"')):
                carried = readings
            else:
                wrong.append(token)
    return wrong + sorted(carried)


def write(article: Article, tmp_path: Path, **options) -> bytes:
    target = tmp_path / "a.brf"
    assert brf.write(article, target, Options(**options)) == [target]
    return target.read_bytes()


LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosis" * 2
LONG_URL = "https://harbor.example/reports/2024/tide-gauge-readings-for-the-east-pier-annual.html"

ARTICLE = Article(
    title="A Long Title About the Harbor Rising Faster Than Anyone Forecast in Town",
    authors=("Ana Ruiz",),
    url="https://harbor.example/rising",
    blocks=(
        Paragraph((Text("The gauge at the end of the east pier has measured the water every six "
                        "minutes since the well-known storm of the winter, and the council "
                        "publishes the readings each month for anyone who asks."),)),
        Photo("A survey boat passes the gauge.", "Marta Quill/Harbor Courier"),
        Heading("What the Readings Show"),
        Paragraph((Text(f"The doctors named it {LONG_WORD} in their report, which is at "
                        f"{LONG_URL} for those who write to clerk@harbor.example first."),)),
        Video("Inside the Gauge House", 105, "Engineers explain the gauge.", "Harbor Video"),
        Quote((Paragraph((Text("We saw it coming."),)),)),
        ListBlock(((Text("Monday"),), (Text("Friday"),)), ordered=True),
    ) + tuple(Paragraph((Text(f"Paragraph {n} adds a few more words so the file runs "
                              "on to several pages of braille."),)) for n in range(40)),
)


def test_registered_as_brf():
    assert WRITERS["brf"].suffix == ".brf" and WRITERS["brf"].write is brf.write


def test_shape_numbers_and_notes(tmp_path):
    pages = pages_of(write(ARTICLE, tmp_path))
    assert len(pages) >= 3
    assert page_numbers(pages) == [str(n) for n in range(1, len(pages) + 1)]
    braille = body_text(pages)
    assert braille.count(NOTE_OPEN) == braille.count(NOTE_CLOSE) == 2
    notes = re.findall(re.escape(NOTE_OPEN) + "(.*?)" + re.escape(NOTE_CLOSE), braille)
    back = [louis.backTranslateString(UEB, n) for n in notes]
    assert "Photo: A survey boat passes the gauge. (Credit: Marta Quill/Harbor Courier)" in back[0]
    assert "1:45" in back[1] and "Inside the Gauge House" in back[1] and "Harbor Video" in back[1]


def test_paragraphs_start_in_cell_3_and_run_over_from_cell_1(tmp_path):
    rows = pages_of(write(ARTICLE, tmp_path))[0]
    first = brf.translate(ARTICLE.blocks[0].text, "en-ueb-g2.ctb").split()
    start = next(i for i, row in enumerate(rows) if row.split()[:1] == first[:1])
    assert rows[start].startswith("  " + first[0])
    assert rows[start + 1][0] != " " and rows[start + 2][0] != " "
    # The photo's note follows in 7-5.
    note = next(i for i, row in enumerate(rows) if NOTE_OPEN in row)
    assert rows[note].startswith(" " * 6 + NOTE_OPEN)
    assert rows[note + 1].startswith(" " * 4) and rows[note + 1][4] != " "


def test_title_and_headings_centred_with_a_blank_line_before(tmp_path):
    pages = pages_of(write(ARTICLE, tmp_path))
    rows = [row for page in pages for row in page]
    title = [row for row in pages[0][:3] if row]
    assert len(title) >= 2    # too long for one line, so each line is centred
    for row in title:
        left = len(row) - len(row.lstrip())
        assert left >= 3 and abs(left - (40 - len(row))) <= 1
    heading = brf.translate("What the Readings Show", "en-ueb-g2.ctb")
    at = [i for i, row in enumerate(rows) if row.strip() == heading]
    assert len(at) == 1
    left = len(rows[at[0]]) - len(heading)
    assert abs(left - (40 - len(rows[at[0]]))) <= 1
    assert rows[at[0] - 1] == "" and rows[at[0] + 1].startswith("  ")


def test_words_divided_only_at_hyphens_and_overlong_words_cut(tmp_path):
    pages = pages_of(write(ARTICLE, tmp_path))
    expected = set()
    # The article's words as each edition words them (the notes as in the text edition).
    for text in (ARTICLE.title, "By Ana Ruiz", ARTICLE.url, "What the Readings Show",
                 "Photo: A survey boat passes the gauge. (Credit: Marta Quill/Harbor Courier)",
                 "Video, 1:45: Inside the Gauge House. Engineers explain the gauge. "
                 "(Credit: Harbor Video)", "“We saw it coming.”", "1. Monday", "2. Friday",
                 *(b.text for b in ARTICLE.blocks if isinstance(b, Paragraph))):
        expected |= set(brf.translate(text, "en-ueb-g2.ctb").split())
    assert not divided_wrongly(pages, expected)
    long_word = brf.translate(LONG_WORD, "en-ueb-g2.ctb")
    long_url = brf.translate(LONG_URL, "en-ueb-g2.ctb")
    rows = [row.strip() for page in pages for row in page]
    cut_word = [row for row in rows if row.endswith("-") and row[:-1].split()[-1] in long_word]
    assert cut_word, "the overlong word was not divided with a hyphen"
    cut_url = [row for row in rows if row.endswith('"')]
    assert cut_url and all(row[:-1].split()[-1] in long_url for row in cut_url)
    # ... after a slash (_/) where one falls in the second half of the line.
    assert cut_url[0].endswith('HARBOR4EXAMPLE_/REPORTS_/"')
    # The address is uncontracted: "harbor" keeps its letters (contracted it is H>BOR).
    assert "HARBOR4EXAMPLE" in long_url and "CLERK@AHARBOR4EXAMPLE" in body_text(pages)


def test_other_page_sizes(tmp_path):
    data = write(ARTICLE, tmp_path, cells=32, lines=12)
    pages = pages_of(data, cells=32, lines=12)
    assert len(pages) > len(pages_of(write(ARTICLE, tmp_path)))


def test_language_chooses_its_grade_2_table():
    assert brf.table_for("en") == brf.table_for("en-GB") == "en-ueb-g2.ctb"
    assert brf.table_for("de-AT") == "de-g2.ctb"
    assert brf.table_for("es") == "es-g2.ctb"
    german = Article(title="Der Hafen", language="de",
                     blocks=(Paragraph((Text("Der Hafen steigt schneller als erwartet."),)),))
    assert brf.render(german, brf.table_for("de")) != brf.render(german, "en-ueb-g2.ctb")


def escaped(text: str, table: str) -> bool:
    """Whether liblouis writes any of *text* as an escape: its braille changes when told to drop them."""
    mode = louis.dotsIO | louis.ucBrl
    return louis.translateString([table], text, mode=mode) != \
        louis.translateString([table], text, mode=mode | louis.noUndefined)


def table_info(table: str, feature: str) -> str | None:
    import ctypes
    lib = louis.liblouis
    lib.lou_findTable.restype = ctypes.c_char_p
    lib.lou_findTable.argtypes = [ctypes.c_char_p]
    lib.lou_getTableInfo.restype = ctypes.c_char_p
    lib.lou_getTableInfo.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    found = lib.lou_getTableInfo(table.encode(), feature.encode())
    return found.decode() if found else None


@pytest.mark.parametrize("language, louis_language", [
    ("ru", "ru"), ("el", "el"), ("he", "he"), ("zh", "cmn"), ("zh-TW", "cmn"), ("uk", "uk")])
def test_without_grade_2_the_languages_own_six_dot_table(language, louis_language):
    table = brf.table_for(language)
    assert table != brf.DEFAULT_TABLE
    assert table_info(table, "language").split("-")[0] == louis_language
    assert table_info(table, "dots") != "8"      # a braille-ready file has six dots


# Articles of a few sentences in scripts UEB has no braille for.
SCRIPTS = {
    "ru": ("Порт растёт", "Уровень воды у восточного причала поднимается быстрее, чем ожидали "
           "в городском совете, и рабочие каждый месяц публикуют новые измерения."),
    "el": ("Το λιμάνι", "Η στάθμη του νερού στην ανατολική προβλήτα ανεβαίνει πιο γρήγορα από "
           "ό,τι περίμενε το δημοτικό συμβούλιο, και οι μετρήσεις δημοσιεύονται κάθε μήνα."),
    "he": ("הנמל עולה", "מפלס המים ברציף המזרחי עולה מהר יותר ממה שציפתה מועצת העיר, "
           "והמדידות מתפרסמות בכל חודש לכל מי שמבקש."),
}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_other_scripts_are_written_in_their_own_braille(language, tmp_path):
    title, text = SCRIPTS[language]
    article = Article(title=title, language=language, blocks=(Paragraph((Text(text),)),))
    data = write(article, tmp_path)
    braille = body_text(pages_of(data))
    table = brf.table_for(language)
    assert not escaped(title + " " + text, table)
    if table_info(table, "direction") == "both":  # the table reads back: the words are all there
        back = louis.backTranslateString([brf.DISPLAY_TABLE, table], braille)
        assert set(text.lower().replace(",", " ").replace(".", " ").split()) <= set(
            back.lower().replace(",", " ").replace(".", " ").split())


def test_a_chinese_article_in_chinese_braille(tmp_path):
    article = load(LANGUAGES / "zh-gongyuan.txt")
    data = write(article, tmp_path)
    pages = pages_of(data)
    braille = body_text(pages)
    assert not escaped(brf.prose(article), brf.table_for(article.language))
    # About two cells a character, as Chinese braille spells a syllable.
    hanzi = sum("\u4e00" <= c <= "\u9fff" for c in article.title + brf.prose(article))
    assert len(braille.replace(" ", "")) >= 1.5 * hanzi


def test_no_six_dot_table_for_the_script_leaves_out_the_braille_edition_only(tmp_path):
    # liblouis's only Japanese table (kantenji) needs eight dots; UEB has no kana.
    source = LANGUAGES / "ja-sakura.md"
    with pytest.raises(NoBrailleError):
        write(load(source), tmp_path)
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path / "out"), "-f", "brf,txt"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {source}: no six-dot braille table writes Japanese (ja); the braille edition "
        "was not made (give --braille-table)"]
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [".txt"]


def test_a_few_characters_of_another_script_are_still_written(tmp_path):
    article = Article(title="Two Harbors", language="en", blocks=(Paragraph((Text(
        "The sister port of Yokohama (\u6a2a\u6d5c) measures its tide the same way, "
        "with a gauge at the end of a long pier that the town has kept since the war."),)),))
    pages_of(write(article, tmp_path))


def test_same_input_same_bytes(tmp_path):
    assert write(ARTICLE, tmp_path) == write(ARTICLE, tmp_path)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples(sample, tmp_path):
    article = load(sample)
    data = write(article, tmp_path)
    pages = pages_of(data)
    assert page_numbers(pages) == [str(n) for n in range(1, len(pages) + 1)]
    media = sum(isinstance(b, (Photo, Video)) for b in article.blocks)
    assert body_text(pages).count(NOTE_OPEN) == body_text(pages).count(NOTE_CLOSE) == media
    assert recovered(article, data) >= 0.95


def test_real_size_articles(real_size_path, tmp_path):
    article = load(real_size_path)
    data = write(article, tmp_path)
    pages = pages_of(data)
    assert len(pages) >= 2
    assert page_numbers(pages) == [str(n) for n in range(1, len(pages) + 1)]
    media = sum(isinstance(b, (Photo, Video)) for b in article.blocks)
    assert media and body_text(pages).count(NOTE_OPEN) == media
    assert recovered(article, data) >= 0.95


def test_cli_options_and_a_bad_table(tmp_path):
    runner = CliRunner()
    sample = ROOT / "input" / "tide-gauges.md"
    result = runner.invoke(app, [str(sample), "-o", str(tmp_path), "-f", "brf",
                                 "--cells", "30", "--lines", "20"])
    assert result.exit_code == 0, result.output
    [made] = tmp_path.glob("*.brf")
    pages_of(made.read_bytes(), cells=30, lines=20)
    result = runner.invoke(app, [str(sample), "-o", str(tmp_path / "x"), "-f", "brf",
                                 "--braille-table", "no-such-table.ctb"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: --braille-table: liblouis has no usable table 'no-such-table.ctb'"]
    assert not (tmp_path / "x").exists()


def test_without_liblouis_one_line_error(monkeypatch, tmp_path):
    from convert.errors import ToolError
    monkeypatch.setitem(sys.modules, "louis", None)    # as on a machine without python3-louis
    brf._louis.cache_clear()
    try:
        with pytest.raises(ToolError, match="needs liblouis"):
            brf.write(ARTICLE, tmp_path / "a.brf", Options())
    finally:
        brf._louis.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_readme_shows_a_samples_braille_as_made(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Braille**"):]
    section = section[:section.index("\n## ")]
    blocks = re.findall(r"```\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    sample = load(ROOT / "input" / "tide-gauges.md")
    made = "\n".join(row for page in pages_of(write(sample, tmp_path)) for row in page)
    for block in blocks:
        assert block in made + "\n"


@pytest.mark.parametrize("table", ["en-ueb-g2.ctb", "de-g2.ctb", "es-g2.ctb", "fr-bfu-g2.ctb"])
def test_any_character_any_table_gives_braille_ascii(table, tmp_path):
    from convert.model import Emphasis, Strong
    odd = Article(title="Größe été \u6f22 \U0001F600", blocks=(
        Paragraph((Text("Braille in print \u2801\u28ff, Größe, \u00e9t\u00e9, \u6f22\u5b57, "
                        "\U0001F600, \u00bd and \u2116 5."),)),
        # ... and in emphasis, which each table writes with its own indicators.
        Paragraph((Emphasis((Text("Größe \u6f22 \U0001F600 \u2801"),)), Text(" at "),
                   Strong((Emphasis((Text("www.harbor.example/a-b"),)),)), Text("."))),))
    pages_of(write(odd, tmp_path, braille_table=table))
    # Eight-dot braille in the print keeps its six upper dots: dots 1-8 become =, dots 1-6.
    assert brf.translate("\u28ff", table) == "="


def test_bad_options_through_the_writer_are_usage_errors(tmp_path):
    from convert.errors import UsageError
    with pytest.raises(UsageError, match="no usable table"):
        brf.write(ARTICLE, tmp_path / "a.brf", Options(braille_table="nope.ctb"))
    with pytest.raises(UsageError, match="at least 20 cells"):
        brf.write(ARTICLE, tmp_path / "a.brf", Options(cells=8))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("filler", range(17, 25))
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(filler, tmp_path):
    # One-line paragraphs push the heading down a line at a time, past the
    # last lines of the first page.
    article = Article(title="Tides", blocks=(
        *(Paragraph((Text(f"Reading {n}."),)) for n in range(filler)),
        Heading("Later Readings"),
        Paragraph((Text("The gauge went on measuring."),)),
    ))
    pages = pages_of(write(article, tmp_path))
    heading = brf.translate("Later Readings", "en-ueb-g2.ctb")
    after = brf.translate("The gauge went on measuring.", "en-ueb-g2.ctb")
    [(rows, at)] = [(rows, i) for rows in pages for i, row in enumerate(rows)
                    if PAGE_NUMBER.sub("", row).strip() == heading]
    # On the heading's own page: the blank line before it (unless it opens
    # the page) and the first line of what follows.
    assert at == 0 or rows[at - 1] == ""
    assert at + 1 < len(rows) and rows[at + 1].startswith("  " + after.split()[0])


# --- emphasis ----------------------------------------------------------------

def louis_brf(table: str, text: str) -> str:
    """*text* in braille ASCII straight from liblouis, with no emphasis."""
    dots = louis.translateString([table], text, mode=louis.dotsIO | louis.ucBrl)
    return louis.dotsToChar([brf.DISPLAY_TABLE], dots)


def one_paragraph(inlines, tmp_path, language="en") -> str:
    article = Article(title="Tides", language=language, blocks=(Paragraph(tuple(inlines)),))
    pages = pages_of(write(article, tmp_path))
    return body_text(pages)[len(brf.translate("Tides", brf.table_for(language))):].strip()


def test_ueb_marks_emphasis_with_its_own_indicators(tmp_path):
    from convert.model import Emphasis, Strong
    inlines = (Text("The keeper saw the "), Emphasis((Text("tide"),)), Text(" rise over "),
               Strong((Text("damp silt and mud"),)), Text(" before "), Strong((Text("noon"),)),
               Text("."))
    braille = one_paragraph(inlines, tmp_path)
    # The Rules of UEB, §9: the italic word indicator (dots 46-2, braille
    # ASCII ".1") before a single word, ended by the space after it; a
    # passage of three or more words in bold opens with the bold passage
    # indicator (45-2356, "^7") and closes with the bold terminator (45-3,
    # "^'") after its last symbol; a single bold word takes the bold word
    # indicator (45-2, "^1"), and the full stop after it needs no terminator
    # (§9.7.3).  "and" is its wordsign (dots 12346, "&").
    assert " .1TIDE " in braille
    assert " ^7DAMP SILT & MUD^' " in braille
    assert braille.endswith(" ^1NOON4")
    assert braille.count("^") == 3 and braille.count(".1") == 1
    # Without those indicators, liblouis reads the words back unchanged.
    bare = braille.replace(".1TIDE", "TIDE").replace("^7", "").replace("^'", "").replace("^1", "")
    assert louis.backTranslateString(UEB, bare) == \
        "The keeper saw the tide rise over damp silt and mud before noon."


def test_german_braille_marks_emphasis_with_its_own_indicators(tmp_path):
    from convert.model import Emphasis, Strong
    table = brf.table_for("de")
    inlines = (Text("Das Wasser stieg "), Emphasis((Text("schneller"),)), Text(" als "),
               Strong((Text("die ganze Stadt"),)), Text(" befürchtet hatte."))
    braille = one_paragraph(inlines, tmp_path, "de")
    # Das System der deutschen Blindenschrift, 2.7 Hervorhebungen: a single
    # word is preceded by dots 456 (braille ASCII "_"); more than one word
    # opens with that sign doubled and closes after the last word with
    # dots 6-3 (",'").
    word, phrase = louis_brf(table, "schneller"), louis_brf(table, "die ganze Stadt")
    plain_braille = louis_brf(table, "Das Wasser stieg schneller als die ganze Stadt befürchtet hatte.")
    assert f" {word} " in plain_braille and f" {phrase} " in plain_braille
    assert braille == plain_braille.replace(f" {word} ", f" _{word} ").replace(
        f" {phrase} ", f" __{phrase},' ")


def test_a_table_without_emphasis_rules_writes_the_words_alone(tmp_path):
    from convert.model import Emphasis
    # Greek braille in liblouis declares no emphasis classes: the words come out as they are.
    assert brf.emphasis_form("el.ctb", "italic") == 0
    inlines = (Text("Η στάθμη "), Emphasis((Text("ανεβαίνει"),)), Text(" γρήγορα."))
    assert one_paragraph(inlines, tmp_path, "el") == \
        louis_brf(brf.table_for("el"), "Η στάθμη ανεβαίνει γρήγορα.")


def test_emphasis_indicators_count_in_the_line_length(tmp_path):
    from convert.model import Strong
    words_ = " ".join(f"reading{n}" for n in range(60))
    article = Article(title="Tides", blocks=(Paragraph((Strong((Text(words_),)), Text("."))),))
    [page] = pages_of(write(article, tmp_path))
    rows = [row for row in page[:-1] if row][1:]      # the title and the number line left out
    # One bold passage over many lines: opened once on its first line, closed once on its last.
    assert len(rows) > 5
    assert rows[0].startswith("  ^7") and sum(row.count("^7") for row in rows) == 1
    # The full stop right after the passage counts as in it (UEB §9.7.2-3), so the terminator follows it.
    assert rows[-1].endswith("4^'") and sum(row.count("^'") for row in rows) == 1
    # Filled to the line: no line could have taken the next line's first word.
    for row, after in zip(rows, rows[1:]):
        assert len(row) + 1 + len(after.split()[0]) > 40


# --- quotations --------------------------------------------------------------

QUOTED = ("We watched the water climb the steps of the old customs house every spring, "
          "and every spring it climbed one step higher than the year before.",
          "Nobody in the harbor office wanted to be the one to say it out loud.")


def kinds(rows: list[str]) -> str:
    """Each row as B (blank), 3 (text from cell 3), 1 (text from cell 1) or C (centred)."""
    out = []
    for row in rows:
        row = PAGE_NUMBER.sub("", row).rstrip()
        out.append("B" if not row else "3" if row.startswith("  ") and row[2] != " "
                   else "1" if row[0] != " " else "C")
    return "".join(out)


def test_a_quotation_is_displayed_in_blocked_paragraphs_between_blank_lines(tmp_path):
    article = Article(title="Tides", blocks=(
        Paragraph((Text("The keeper spoke."),)),
        Quote(tuple(Paragraph((Text(q),)) for q in QUOTED)),
        Paragraph((Text("The council met the next week and heard the readings."),)),
    ))
    [page] = pages_of(write(article, tmp_path))
    # Braille Formats' displayed material: a blank line before and after,
    # the quotation's blocked paragraphs from cell 1 with runover lines in
    # cell 1, a blank line between them; the text after it goes on in 3-1.
    first, second = (louis_brf("en-ueb-g2.ctb", f"\u201c{q}\u201d") for q in QUOTED)
    layout = kinds(page)
    assert re.match(r"CB3B(1{3})B(1{2})B31B+$", layout), layout
    starts = [m.start() for m in re.finditer("B1", layout)]
    assert " ".join(page[starts[0] + 1:starts[0] + 4]) == first
    assert " ".join(page[starts[1] + 1:starts[1] + 3]) == second


@pytest.mark.parametrize("filler", range(14, 24))
def test_a_quotation_keeps_its_blank_lines_across_a_page_change(filler, tmp_path):
    article = Article(title="Tides", blocks=(
        *(Paragraph((Text(f"Reading {n}."),)) for n in range(filler)),
        Quote((Paragraph((Text(QUOTED[0]),)),)),
        Paragraph((Text("The council met."),)),
    ))
    pages = pages_of(write(article, tmp_path))
    assert page_numbers(pages) == [str(n) for n in range(1, len(pages) + 1)]
    quote = louis_brf("en-ueb-g2.ctb", f"\u201c{QUOTED[0]}\u201d").split()
    where = [(p, i) for p, rows in enumerate(pages) for i, row in enumerate(rows)
             if PAGE_NUMBER.sub("", row).split()[:1] == quote[:1]
             or PAGE_NUMBER.sub("", row).split()[-1:] == quote[-1:]]
    (p0, i0), (p1, i1) = where[0], where[-1]
    # The blank line before is on the quotation's own page, on line 1 at the top of one.
    assert i0 >= 1 and PAGE_NUMBER.sub("", pages[p0][i0 - 1]) == ""
    # The blank line after: on the next line, or on line 1 of the next page
    # when the quotation ends on the page's last two lines.
    if i1 >= 23:
        assert pages[p1 + 1][0] == "" and pages[p1 + 1][1].startswith("  ,! ")
    else:
        assert pages[p1][i1 + 1] == "" and pages[p1][i1 + 2].startswith("  ,! ")
    # Never two blank lines in a row above the last line of text.
    rows = [PAGE_NUMBER.sub("", row) for rows in pages for row in rows[:-1]]
    last = max(i for i, row in enumerate(rows) if row)
    assert "BB" not in "".join("B" if not r else "x" for r in rows[:last])
