"""Reading an input file: encodings detected, mojibake repaired, text normalized, junk refused."""

from __future__ import annotations

import codecs
import random

import pytest

from convert.errors import InputError
from convert.pipeline import load
from convert.read import read_source, repair_mojibake

# Invented text with the characters that go wrong: curly quotes, dashes,
# accents, the euro sign and a non-breaking space.
WESTERN = "Café owners said the ‘new’ rules — announced Tuesday — cost €40 a week.\n\nNaïve? Perhaps.\n"
LATIN1 = "Le garçon à la crème brûlée a payé ½ prix, dit Mme Loïc.\n"


def read(tmp_path, data: bytes, name: str = "article.md") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path).text


@pytest.mark.parametrize("data", [
    WESTERN.encode("utf-8"),
    codecs.BOM_UTF8 + WESTERN.encode("utf-8"),
    WESTERN.encode("utf-16"),                      # with its byte-order mark
    WESTERN.encode("utf-16-le"),                   # without one
    WESTERN.encode("utf-16-be"),
    WESTERN.encode("utf-32"),
    WESTERN.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16", "utf16le-nobom", "utf16be-nobom", "utf32", "cp1252"])
def test_encodings_decode_to_the_same_text(tmp_path, data):
    assert read(tmp_path, data) == WESTERN


def test_latin1_is_detected(tmp_path):
    assert read(tmp_path, LATIN1.encode("latin-1")) == LATIN1


@pytest.mark.parametrize("text,encoding", [
    ("Zażółć gęślą jaźń, powiedział Łukasz w środę rano.", "cp1250"),
    ("Сегодня в порту прошло собрание городского совета.", "cp1251"),
])
def test_other_code_pages_are_not_forced_into_windows_1252(tmp_path, text, encoding):
    assert read(tmp_path, text.encode(encoding)) == text


@pytest.mark.parametrize("broken,fixed", [
    ("It\u00e2\u20ac\u2122s here", "It’s here"),
    ("the \u00e2\u20ac\u0153gauge\u00e2\u20ac\u009d house", "the “gauge” house"),
    ("caf\u00c3\u00a9 owners", "café owners"),
])
def test_mojibake_is_repaired(tmp_path, broken, fixed):
    assert repair_mojibake(broken) == fixed
    assert read(tmp_path, broken.encode("utf-8")) == fixed


def test_mojibake_after_many_accented_letters_is_found():
    # Every "é" and "à" could begin a hint; the one that does comes last.
    text = "Déjà vu à Genève, " * 500 + "It\u00e2\u20ac\u2122s here"
    assert repair_mojibake(text).endswith("Genève, It’s here")


@pytest.mark.parametrize("text", [
    "Zażółć gęślą jaźń", "Привет мир", "Ελληνικά", "日本語の文章", "مرحبا بالعالم", "emoji 😀 ok",
    "x ≤ y ± 2°C", "“curly” ‘quotes’ — dashes – too", "ﬁne ligature", "ＦＵＬＬ width", "½ ¼ ¾",
    "naïve façade", "&amp; stays an entity", "<p>tags stay</p>", "Straße in Görlitz, £5",
    "1.5\u00a0km", "À propos", "Ça va", "SÃO PAULO e a NAÇÃO", "Ação", "Ø and Å and Æ",
])
def test_ordinary_text_is_not_altered_by_the_repair(text):
    assert repair_mojibake(text) == text


def test_line_ends_nfc_and_invisible_characters(tmp_path):
    data = ("Title\r\n\r\nCafe\u0301 has a zero\u200bwidth space,\u200e bidi\u202e marks\u2066 and a"
            "\ufeff stray BOM.\rOld Mac line.\x07\n").encode("utf-8")
    text = read(tmp_path, data)
    assert text == "Title\n\nCafé has a zerowidth space, bidi marks and a stray BOM.\nOld Mac line.\n"
    assert "\r" not in text


@pytest.mark.parametrize("name,body", [
    ("page.html", "<!DOCTYPE html><html><head><title>Tide Cafe\u200b\u0301</title></head><body><article>"
                  "<h1>Tide Cafe\u200b\u0301</h1><p>{}</p></article></body></html>"),
    ("page.md", "# Tide Cafe\u200b\u0301\n\n{}\n"),
])
def test_a_loaded_article_is_normalized_fully_though_parsed_once(tmp_path, name, body):
    # The parsers trust the pipeline's reading to have normalized the text; an accent
    # kept from its letter by an invisible character must still come out composed.
    words = "The cafe\u00ad\u0301 by the east quay reopens\u200b\u0300 on Monday with a new terrace and a longer menu."
    (tmp_path / name).write_text(body.format(words), encoding="utf-8")
    article = load(tmp_path / name)
    assert article.title == "Tide Café"
    assert article.blocks[0].text == "The café by the east quay reopens\u0300 on Monday with a new terrace and a longer menu."


def test_html_is_sniffed_by_name_or_doctype(tmp_path):
    (tmp_path / "page.htm").write_text("<p>x</p>")
    (tmp_path / "saved.txt").write_text("  <!DOCTYPE html><html><p>x</p></html>")
    (tmp_path / "note.md").write_text("# Title\n\nText.")
    assert read_source(tmp_path / "page.htm").kind == "html"
    assert read_source(tmp_path / "saved.txt").kind == "html"
    assert read_source(tmp_path / "note.md").kind == "markdown"


@pytest.mark.parametrize("data,message", [
    (b"", "is empty"),
    (b"   \n\t\r\n  ", "holds only white space"),
    (codecs.BOM_UTF8, "is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file, not an article"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not an article"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "is a JPEG image, not an article"),
    (b"PK\x03\x04\x14\x00", "is a ZIP archive"),
    (bytes(range(1, 32)) * 20, "is binary data, not text"),
])
def test_what_is_not_an_article_is_refused(tmp_path, data, message):
    path = tmp_path / "article.md"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert message in caught.value.message
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_refused(tmp_path, seed):
    data = random.Random(seed).randbytes(4096)
    path = tmp_path / "noise.md"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_source(path)


def test_random_bytes_without_zeros_are_refused(tmp_path):
    data = bytes(b or 1 for b in random.Random(7).randbytes(4096))
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_source(path)


def test_missing_folder_and_unreadable(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "absent.md")
    with pytest.raises(InputError, match="no articles to convert in this folder"):
        read_source(tmp_path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + "word " * 3000)
    with pytest.raises(InputError, match=r"over the 0\.01 MB limit \(raise it with --max-size\)"):
        read_source(path, max_bytes=int(0.01 * 1024 * 1024))
    assert read_source(path).text.startswith("# Big")


# --- issue 13 ---------------------------------------------------------------------------

UTF8_BODY = ("Зелёный паром вышел в море.\n\nCafé owners said the “new” rules cost €40.\n\n"
             "日本語の文章もある。\n\n")


def test_one_latin1_paragraph_in_utf8_is_decoded_by_itself(tmp_path):
    # Case 11: the whole file was read in a Cyrillic code page, garbled throughout.
    pasted = "Le garçon à la crème brûlée a payé, dit Loïc.\n"
    data = UTF8_BODY.encode("utf-8") + pasted.encode("latin-1") + "Fin — the end.\n".encode("utf-8")
    assert read(tmp_path, data) == UTF8_BODY + pasted + "Fin — the end.\n"


def test_crlf_lines_keep_their_ends_when_decoded_apart(tmp_path):
    data = "Café one.\r\n".encode("utf-8") + "Ça va.\r\n".encode("cp1252") + b"Plain.\r\n"
    assert read(tmp_path, data) == "Café one.\nÇa va.\nPlain.\n"


@pytest.mark.parametrize("stray", ["\x00", "\x00\x01\x02", "\x07\x1b\x7f\x00\x08"])
def test_a_few_controls_in_good_utf8_are_text(tmp_path, stray):
    # Case 17: one NUL byte made the whole article "binary data, not text".
    body = "# Harbor\n\nThe ferry left at dawn" + stray + " and came back at dusk.\n\nÉté.\n"
    assert read(tmp_path, body.encode("utf-8")) == "# Harbor\n\nThe ferry left at dawn and came back at dusk.\n\nÉté.\n"


def test_utf8_that_is_mostly_controls_is_still_binary(tmp_path):
    data = (bytes(range(0, 9)) * 40) + "a few words".encode("utf-8")
    with pytest.raises(InputError, match="is binary data, not text"):
        read(tmp_path, data)
