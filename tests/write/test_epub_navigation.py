"""The EPUB's navigation and package furniture: labelled navs, the NCX depth, a truthful summary."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from convert.model import Article, Heading, Paragraph, Photo, Text
from convert.write import epub

try:
    from tests import checkers
except ImportError:
    import checkers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from tiny_png import tiny_png  # noqa: E402

OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def para(words: str) -> Paragraph:
    return Paragraph((Text(words),))


def files(article: Article) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(epub.render(article))) as book:
        return {name: book.read(name) for name in book.namelist()}


def summary(article: Article) -> str:
    opf = etree.fromstring(files(article)["EPUB/content.opf"])
    return next(m.text for m in opf.iter(f"{OPF}meta") if m.get("property") == "schema:accessibilitySummary")


SECTIONED = Article(title="Harbor Plans", blocks=(
    para("The council met."), Heading("The Vote"), para("It passed."), Heading("What Next"), para("Work starts."),
))


def test_each_nav_is_named_by_its_own_heading():
    nav = etree.fromstring(files(SECTIONED)["EPUB/nav.xhtml"])
    navs = list(nav.iter(f"{XHTML}nav"))
    assert [n.get(f"{OPS}type") for n in navs] == ["toc", "landmarks"]
    ids = [element.get("id") for element in nav.iter() if element.get("id")]
    assert len(ids) == len(set(ids)) and "id" not in ids
    labels = []
    for element in navs:
        label = nav.xpath("//*[@id=$id]", id=element.get("aria-labelledby"))
        assert len(label) == 1 and label[0].getparent() is element
        labels.append(label[0].text)
    assert labels == [epub.LABELS["contents"], epub.LABELS["landmarks"]]


@pytest.mark.parametrize("article,depth", [(SECTIONED, 2), (Article(title="Short", blocks=(para("One line."),)), 1)])
def test_ncx_depth_is_how_deep_its_entries_nest(article, depth):
    ncx = etree.fromstring(files(article)["EPUB/toc.ncx"])
    declared = next(m.get("content") for m in ncx.iter(f"{NCX}meta") if m.get("name") == "dtb:depth")

    def nesting(node) -> int:
        points = node.findall(f"{NCX}navPoint")
        return 1 + max(map(nesting, points)) if points else 0

    assert int(declared) == nesting(ncx.find(f"{NCX}navMap")) == depth


def test_summary_tells_a_photo_included_from_one_left_out(tmp_path):
    image = tmp_path / "quay.png"
    image.write_bytes(tiny_png())
    shown = Photo("Boats at the quay.", "Ana Ruiz", image=image)
    missing = Photo("The harbor wall.", "Kei Sato")
    mixed = summary(Article(title="Harbor", blocks=(shown, para("Text."), missing)))
    assert "The article's photos are not included" not in mixed
    assert "1 of the 2 photos could not be included" in mixed
    assert "Each photo's text alternative is its caption" in mixed
    only_shown = summary(Article(title="Harbor", blocks=(shown, para("Text."))))
    assert "not included" not in only_shown and "could not be included" not in only_shown
    only_missing = summary(Article(title="Harbor", blocks=(missing, para("Text."))))
    assert "The article's photos are not included" in only_missing


def test_a_book_with_both_kinds_of_photo_passes_epubcheck(tmp_path):
    image = tmp_path / "quay.png"
    image.write_bytes(tiny_png())
    article = Article(title="Harbor Plans", blocks=(
        Photo("Boats at the quay.", "Ana Ruiz", image=image), *SECTIONED.blocks, Photo("The harbor wall.")))
    target = tmp_path / "book.epub"
    target.write_bytes(epub.render(article))
    assert checkers.epubcheck_problems(checkers.epubcheck_report(target)) == []


def summary_meta(article: Article) -> etree._Element:
    opf = etree.fromstring(files(article)["EPUB/content.opf"])
    return next(m for m in opf.iter(f"{OPF}meta") if m.get("property") == "schema:accessibilitySummary")


def test_summary_is_in_the_articles_language_or_says_it_is_english(tmp_path):
    german = Article(title="Hafen", blocks=(para("Die Boote liegen still."),), language="de")
    meta = summary_meta(german)
    assert "Inhaltsverzeichnis" in meta.text and "table of contents" not in meta.text
    assert meta.get("{http://www.w3.org/XML/1998/namespace}lang") is None    # the package's de holds
    # A language the catalogue has no table for gets English, labelled as English.
    swedish = Article(title="Hamnen", blocks=(para("Båtarna ligger stilla i hamnen."),), language="sv")
    meta = summary_meta(swedish)
    assert "table of contents" in meta.text
    assert meta.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    target = tmp_path / "sv.epub"
    target.write_bytes(epub.render(swedish))
    assert checkers.epubcheck_problems(checkers.epubcheck_report(target)) == []


def test_photo_placeholder_speaks_the_articles_language():
    german = Article(title="Hafen", blocks=(Photo("Die Mole im Nebel.", "Kai Lenz"),), language="de")
    svg = etree.fromstring(files(german)["EPUB/images/placeholder.svg"])
    assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    title = svg.find("{http://www.w3.org/2000/svg}title").text
    assert "Foto" in title and "Photo" not in title
