"""The EPUB 3 edition: valid, accessible, faithful to the model, and reproducible."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import struct
import subprocess
import sys
import uuid
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from convert.errors import InputError
from convert.model import (Article, Emphasis, EndNote, Heading, Link, ListBlock, Paragraph,
                           Photo, Quote, Strong, Text, Video)
from convert.options import Options
from convert.parse import markdown
from convert.write import WRITERS, epub

try:                        # the project root is on sys.path (python -m pytest, pythonpath = ".")
    from tests import checkers
    from tests.conftest import real_size_paths
except ImportError:         # only tests/ is, through its conftest (pytest's default import mode)
    import checkers
    from conftest import real_size_paths

# The seed articles beside the project, and one of our own that is always there.
SEEDS = real_size_paths()

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# --- articles written for these tests --------------------------------------------

def harbour_article(**changes) -> Article:
    fields = dict(
        title="Harbour Town Votes to Keep Its Lighthouse Lit",
        dek="A council meeting became a debate about what a coast owes its sailors.",
        authors=("Mara Lindqvist", "Tomas Okafor", "Jun Park"),
        published=dt.date(2023, 11, 14),
        source="The Coastal Ledger",
        url="https://example.org/2023/11/14/lighthouse-vote.html",
        language="en",
        blocks=(
            Paragraph((Text("The council of "), Emphasis((Text("Port Alder"),)), Text(" voted "),
                       Strong((Text("seven to two"),)), Text(" on Tuesday, after "),
                       Link((Text("a petition"),), "https://example.org/petition"),
                       Text(" gathered 3,000 names."))),
            Photo("The lighthouse at dusk, seen from the northern breakwater.",
                  "Ines Ferreira for The Coastal Ledger"),
            Heading("A Light Older Than the Town"),
            Paragraph((Text("The tower was built in 1871 and automated a century later."),)),
            Quote((Paragraph((Text("We do not switch off a promise."),)),
                   Paragraph((Text("Not while boats still come home at night."),)))),
            ListBlock(((Text("Repaint the tower"),), (Text("Replace the lens"),)), ordered=True),
            Video("Inside the lamp room", 30, "The keeper climbs the 112 steps to the lamp.",
                  "Coastal Ledger video"),
            Heading("What Comes Next"),
            ListBlock(((Text("A public fund"),), (Text("A volunteer rota"),))),
            Paragraph((Text("Write to "), Link((Text("the harbour office"),), "mailto:office@example.org"),
                       Text(" to volunteer."))),
            EndNote((Text("Reporting was contributed by Ana Ruiz."),)),
        ),
    )
    fields.update(changes)
    return Article(**fields)


def tiny_png(path: Path) -> Path:
    """A real 2×2 PNG, written byte by byte so no image library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x30\x60\x90" * 2 for _ in range(2))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    path.write_bytes(png)
    return path


def photo_article(folder: Path) -> Article:
    image = tiny_png(folder / "keeper.png")
    return harbour_article(
        url="",
        published=None,
        blocks=(Paragraph((Text("The keeper has tended the lamp for forty years."),)),
                Photo("The keeper polishing the lens.", "Ines Ferreira", image=image)),
    )


def seed_article(path: Path) -> Article:
    return markdown.parse(path.read_text(encoding="utf-8"), origin=path)


# --- reading a book back -----------------------------------------------------------

class Book:
    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.root = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def manifest(self, media_type: str) -> list[etree._Element]:
        return self.opf.xpath(f"//opf:item[@media-type='{media_type}']", namespaces=NS)

    def documents(self) -> dict[str, etree._Element]:
        return {item.get("href"): etree.fromstring(self.zip.read(self.root + item.get("href")))
                for item in self.manifest("application/xhtml+xml")}

    def article(self) -> etree._Element:
        return self.documents()["article.xhtml"]

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//dc:{name}", namespaces=NS)]


def write_book(article: Article, folder: Path, name: str = "book.epub") -> Book:
    target = folder / name
    assert epub.write(article, target, Options()) == [target]
    return Book(target)


def text_of(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Book]:
    """The books every checker test looks at, written once per module."""
    folder = tmp_path_factory.mktemp("epub")
    made = {"hand-built": write_book(harbour_article(), folder, "harbour.epub"),
            "local photo, no url or date": write_book(photo_article(folder), folder, "photo.epub")}
    return made


# --- the checkers -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hand-built", "local photo, no url or date"])
def test_epubcheck_reports_nothing(books, name):
    report = checkers.epubcheck_report(books[name].path)
    assert report["checker"]["nFatal"] + report["checker"]["nError"] + report["checker"]["nWarning"] == 0
    assert checkers.epubcheck_problems(report) == []


@pytest.mark.parametrize("name", ["hand-built", "local photo, no url or date"])
def test_ace_reports_no_violations(books, name):
    report = checkers.ace_report(books[name].path)
    assert checkers.ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # Ace read the accessibility metadata we meant it to read.
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary",
            "dcterms:conformsTo", "a11y:certifiedBy"} <= set(report["a11y-metadata"]["present"])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_passes_both_checkers(seed, tmp_path):
    book = write_book(seed_article(seed), tmp_path)
    assert checkers.epubcheck_problems(checkers.epubcheck_report(book.path)) == []
    assert checkers.ace_violations(checkers.ace_report(book.path)) == []
    assert_content_rules(book)


# --- what the content documents must say ---------------------------------------

def assert_content_rules(book: Book) -> None:
    documents = book.documents()
    h1s = [h for doc in documents.values() for h in doc.iter("{*}h1")]
    assert len(h1s) == 1, "exactly one h1 in the whole book: the title"
    for href, doc in documents.items():
        assert doc.get("lang") and doc.get("lang") == doc.get(XML_LANG), href
        body = doc.find("{*}body")
        for element in body.iter():
            for piece in (element.text, element.tail if element is not body else None):
                if piece:
                    assert "[" not in piece and "](" not in piece and "\\" not in piece, (href, piece)
        # Nothing is fetched from the network.
        for element in doc.iter():
            if element.tag.endswith("}a"):
                continue
            for attribute in ("src", "href", "data", "poster"):
                value = element.get(attribute) or ""
                assert "://" not in value and not value.startswith("//"), (href, value)
    article = documents["article.xhtml"]
    for figure in article.iter("{*}figure"):
        img = figure.find("{*}img")
        if img is not None:
            caption = figure.find("{*}figcaption")
            assert img.get("alt"), "every picture has a text alternative"
            # Read once from the alt; the printed copy is hidden from assistive technology.
            for span in caption.iter("{*}span"):
                if span.get("class") == "caption":
                    assert span.get("aria-hidden") == "true"
                    assert span.text == img.get("alt")


def test_content_rules_hold(books):
    for book in books.values():
        assert_content_rules(book)


def test_photo_alt_is_the_caption_and_the_credit_is_in_the_figcaption(books):
    figure = books["hand-built"].article().xpath("//h:figure[h:img]", namespaces=NS)[0]
    assert figure.find("{*}img").get("alt") == "The lighthouse at dusk, seen from the northern breakwater."
    credit = figure.xpath(".//h:figcaption/h:span[@class='credit']", namespaces=NS)[0]
    assert text_of(credit) == "Credit: Ines Ferreira for The Coastal Ledger"


def test_header_holds_title_dek_byline_and_date(books):
    header = books["hand-built"].article().xpath("//h:article/h:header", namespaces=NS)[0]
    assert text_of(header.find("{*}h1")) == "Harbour Town Votes to Keep Its Lighthouse Lit"
    assert "what a coast owes its sailors" in text_of(header)
    assert "By Mara Lindqvist, Tomas Okafor and Jun Park" in text_of(header)
    time = header.find(".//{*}time")
    assert time.get("datetime") == "2023-11-14" and time.text == "November 14, 2023"


def test_blocks_keep_their_structure(books):
    doc = books["hand-built"].article()
    first = doc.xpath("//h:p[@id='b001']", namespaces=NS)[0]
    assert first.find("{*}em").text == "Port Alder"
    assert first.find("{*}strong").text == "seven to two"
    assert first.find("{*}a").get("href") == "https://example.org/petition"
    assert doc.xpath("//h:a[@href='mailto:office@example.org']/text()", namespaces=NS) == ["the harbour office"]
    assert [text_of(h) for h in doc.iter("{*}h2")] == ["A Light Older Than the Town", "What Comes Next"]
    assert [len(q.findall("{*}p")) for q in doc.iter("{*}blockquote")] == [2]
    assert [text_of(li) for li in doc.iter("{*}ol") for li in li] == ["Repaint the tower", "Replace the lens"]
    assert len(list(doc.iter("{*}ul"))) == 1
    # The closing note is set apart from the body, at the article's end.
    footer = doc.xpath("//h:article/h:footer", namespaces=NS)
    assert len(footer) == 1 and text_of(footer[0]) == "Reporting was contributed by Ana Ruiz."
    assert doc.xpath("//h:article/*[last()]", namespaces=NS)[0] is footer[0]


def test_video_is_described_not_played(books):
    doc = books["hand-built"].article()
    figure = doc.xpath("//h:figure[@class='video']", namespaces=NS)[0]
    words = text_of(figure)
    assert words.startswith("Video, 0:30: Inside the lamp room")
    assert "The keeper climbs the 112 steps to the lamp." in words
    assert "Credit: Coastal Ledger video" in words
    assert figure.find(".//{*}time").get("datetime") == "PT30S"
    assert not doc.xpath("//h:video | //h:audio | //h:iframe | //h:object | //h:script", namespaces=NS)


def test_navigation_lists_title_sections_and_landmarks(books):
    book = books["hand-built"]
    nav = book.documents()["nav.xhtml"]
    toc = nav.xpath("//h:nav[@epub:type='toc']", namespaces=NS)[0]
    assert [a.text for a in toc.iter("{*}a")] == [
        "Harbour Town Votes to Keep Its Lighthouse Lit", "A Light Older Than the Town", "What Comes Next"]
    assert [a.get("href") for a in toc.iter("{*}a")][1:] == ["article.xhtml#b003", "article.xhtml#b008"]
    marks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert marks == ["cover", "bodymatter"]
    ncx = etree.fromstring(book.zip.read(book.root + book.manifest("application/x-dtbncx+xml")[0].get("href")))
    labels = ncx.xpath("//ncx:navLabel/ncx:text/text()", namespaces=NS)
    assert labels == [a.text for a in toc.iter("{*}a")]


def test_cover_is_generated_declared_and_described(books):
    book = books["hand-built"]
    cover = book.opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert len(cover) == 1 and cover[0].get("media-type") == "image/svg+xml"
    svg = book.zip.read(book.root + cover[0].get("href")).decode()
    assert "Harbour Town" in svg and "The Coastal Ledger" in svg
    img = book.documents()["cover.xhtml"].find(".//{*}img")
    assert img.get("src") == cover[0].get("href")
    assert img.get("alt") == "Cover: Harbour Town Votes to Keep Its Lighthouse Lit, from The Coastal Ledger"


# --- package metadata -------------------------------------------------------------

def test_package_metadata(books):
    book = books["hand-built"]
    assert book.dc("title") == ["Harbour Town Votes to Keep Its Lighthouse Lit"]
    assert book.dc("creator") == ["Mara Lindqvist", "Tomas Okafor", "Jun Park"]
    assert book.dc("publisher") == ["The Coastal Ledger"]
    assert book.dc("language") == ["en"]
    assert book.dc("date") == ["2023-11-14"]
    url = "https://example.org/2023/11/14/lighthouse-vote.html"
    assert book.dc("identifier") == [f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}"]
    assert book.meta("dcterms:modified") == ["2023-11-14T00:00:00Z"]


def test_accessibility_metadata_tells_the_truth(books):
    placeholders, photo = books["hand-built"], books["local photo, no url or date"]
    # Placeholders carry nothing to see, so only a real photo makes the book visual.
    assert placeholders.meta("schema:accessMode") == ["textual"]
    assert photo.meta("schema:accessMode") == ["textual", "visual"]
    assert "textual" in photo.meta("schema:accessModeSufficient")
    for book in (placeholders, photo):
        assert set(book.meta("schema:accessibilityFeature")) == {
            "structuralNavigation", "tableOfContents", "readingOrder",
            "alternativeText", "displayTransformability"}
        assert book.meta("schema:accessibilityHazard") == ["none"]
        assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
        assert book.meta("a11y:certifiedBy") == ["article-convert"]
    assert "placeholder" in placeholders.meta("schema:accessibilitySummary")[0]
    assert "placeholder" not in photo.meta("schema:accessibilitySummary")[0]


def test_local_photo_is_embedded_with_its_media_type(books):
    book = books["local photo, no url or date"]
    images = book.manifest("image/png")
    assert [i.get("href") for i in images] == ["images/b002.png"]
    img = book.article().xpath("//h:figure/h:img", namespaces=NS)[0]
    assert img.get("src") == "images/b002.png" and img.get("alt") == "The keeper polishing the lens."
    assert not book.manifest("image/svg+xml")[0].get("href").endswith("placeholder.svg")


def test_unknown_image_kind_is_refused(tmp_path):
    odd = tmp_path / "photo.bmp"
    odd.write_bytes(b"BM not a picture EPUB readers show")
    article = harbour_article(blocks=(Photo("A caption.", image=odd),))
    with pytest.raises(InputError):
        epub.write(article, tmp_path / "out.epub", Options())
    assert not (tmp_path / "out.epub").exists()


# --- reproducibility ------------------------------------------------------------

def test_same_article_gives_identical_bytes(tmp_path):
    first = write_book(harbour_article(), tmp_path / "one").path.read_bytes()
    second = write_book(harbour_article(), tmp_path / "two").path.read_bytes()
    assert first == second


def test_zip_layout_and_times_come_from_the_article(books):
    for book, stamp in ((books["hand-built"], (2023, 11, 14, 0, 0, 0)),
                        (books["local photo, no url or date"], (2000, 1, 1, 0, 0, 0))):
        entries = book.zip.infolist()
        assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
        assert book.zip.read("mimetype") == b"application/epub+zip"
        assert entries[0].extra == b""
        assert {e.date_time for e in entries} == {stamp}
    assert books["local photo, no url or date"].meta("dcterms:modified") == ["2000-01-01T00:00:00Z"]


def test_identifier_without_url_follows_the_content():
    a = harbour_article(url="")
    assert epub.identifier(a) == epub.identifier(harbour_article(url=""))
    assert epub.identifier(a) != epub.identifier(harbour_article(url="", title="Another Title"))
    assert epub.identifier(a).startswith("urn:uuid:")


def test_identical_bytes_in_another_process(tmp_path):
    """Nothing from the clock, the time zone or hash ordering reaches the file."""
    article = harbour_article()
    script = ("import pickle, sys; from convert.write import epub; "
              "sys.stdout.buffer.write(epub.render(pickle.load(sys.stdin.buffer)))")
    env = dict(os.environ, TZ="Pacific/Kiritimati", PYTHONHASHSEED="12345")
    done = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(article),
                          capture_output=True, env=env, cwd=Path(epub.__file__).resolve().parents[2],
                          check=True)
    assert done.stdout == write_book(article, tmp_path).path.read_bytes()


# --- what the package assembly must keep ------------------------------------------

def test_words_survive_package_assembly(tmp_path):
    """Each page is read back through an HTML parser while the package is put together; no word may change."""
    tricky = ("A & B < C > D", "“quoted” ‘single’ — dash…", "non\u00a0breaking\u2009thin space",
              "emoji 🚢 and e\u0301 combining", "<script>alert(1)</script>", "&amp; written out",
              "x]]>y", "עברית and 中文")
    blocks = tuple(Paragraph((Text(t),)) for t in tricky) + (
        Paragraph((Emphasis((Text("a"),)), Text(" "), Strong((Text("b"),)), Text(" "),
                   Link((Text("c & d"),), "https://example.org/?q=1&r=2"), Text("  end"))),)
    article = harbour_article(title="Tides <&> “Times”", blocks=blocks)
    doc = write_book(article, tmp_path).article()
    for bid, block in article.numbered():
        paragraph = doc.xpath(f"//h:p[@id='{bid}']", namespaces=NS)[0]
        assert "".join(paragraph.itertext()) == block.text
    assert doc.xpath("//h:h1/text()", namespaces=NS) == ["Tides <&> “Times”"]
    assert doc.xpath("//h:p/h:a[. = 'c & d']/@href", namespaces=NS) == ["https://example.org/?q=1&r=2"]


def test_structure_survives_package_assembly(books):
    book = books["hand-built"]
    documents = book.documents()
    assert book.opf.get(XML_LANG) == "en"
    article, cover = documents["article.xhtml"], documents["cover.xhtml"]
    assert article.xpath("/h:html/h:body/h:main/@epub:type", namespaces=NS) == ["bodymatter"]
    assert cover.xpath("//h:section[@epub:type='cover']/h:img/@role", namespaces=NS) == ["doc-cover"]
    for doc, title in ((article, "Harbour Town Votes to Keep Its Lighthouse Lit"), (cover, "Cover")):
        assert doc.xpath("/h:html/h:head/h:title/text()", namespaces=NS) == [title]
        assert doc.xpath("/h:html/h:head/h:link[@rel='stylesheet']/@href", namespaces=NS) == ["style/epub.css"]
    assert book.opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS) == ["cover", "article"]
    assert not book.opf.xpath("//opf:spine/opf:itemref[@linear='no']", namespaces=NS)


# --- the style sheet and the registry -------------------------------------------

def test_style_sheet_leaves_fonts_sizes_and_colours_to_the_reader(books):
    book = books["hand-built"]
    css = book.zip.read(book.root + book.manifest("text/css")[0].get("href")).decode()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"\d(px|pt|pc|cm|mm|in)\b", css)
    assert not re.search(r"(^|[;{\s])(font-family|color|background(-color)?)\s*:", css)
    assert "@import" not in css and "url(" not in css


def test_registered_as_the_epub_edition():
    assert WRITERS["epub"].write is epub.write and WRITERS["epub"].suffix == ".epub"
