"""Conversion of an Article to an accessible EPUB 3 file (EPUB Accessibility 1.1, WCAG 2.2 AA).

The package is written here rather than through ebooklib: ebooklib rebuilds
each content document through lxml's HTML parser, keeping only the body's
children (so the body's own ``epub:type`` is lost), and stamps every zip entry
with the clock.  Here every byte comes from the Article, so the same article
always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import textwrap
import uuid
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import (
    Article,
    Block,
    Emphasis,
    EndNote,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Photo,
    Quote,
    Strong,
    Text,
    Video,
    plain,
)
from ..options import Options
from . import files, words

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Used when the article carries no date: a fixed instant, never the clock.
EPOCH = dt.date(2000, 1, 1)
# Zip cannot store dates before 1980.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CERTIFIED_BY = "article-convert"

# Paths inside the container; the package document sits beside the content.
ROOT = "EPUB"
ARTICLE_DOC = "article.xhtml"
COVER_DOC = "cover.xhtml"
NAV_DOC = "nav.xhtml"
NCX_DOC = "toc.ncx"
CSS = "style/epub.css"
COVER_IMAGE = "images/cover.svg"
PLACEHOLDER_IMAGE = "images/placeholder.svg"

CONTAINER_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    "  <rootfiles>\n"
    f'    <rootfile full-path="{ROOT}/content.opf" media-type="application/oebps-package+xml"/>\n'
    "  </rootfiles>\n"
    "</container>\n"
).encode()

# Image types EPUB 3 reading systems must support, told apart by their first bytes.
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)


@dataclass
class _Resource:
    """One file of the package besides the package document itself."""

    href: str                 # relative to ROOT
    media_type: str
    data: bytes
    id: str
    properties: str = ""


@dataclass
class _Book:
    """What the content documents need from the package while they are built."""

    resources: list[_Resource] = field(default_factory=list)
    real_images: int = 0
    placeholders: int = 0
    videos: int = 0

    def add(self, resource: _Resource) -> None:
        if all(r.href != resource.href for r in self.resources):
            self.resources.append(resource)


def write(article: Article, target: Path, options: Options) -> list[Path]:
    """Write *article* as an EPUB 3 file at *target*; return the path written."""
    with files.atomic_path(target) as tmp:
        tmp.write_bytes(render(article))
    return [target]


def render(article: Article) -> bytes:
    """The whole EPUB file as bytes: a pure function of the article."""
    book = _Book()
    lang = article.language or "und"
    article_xhtml = _article_document(article, book, lang)
    book.add(_Resource(COVER_IMAGE, "image/svg+xml", _cover_svg(article), "cover-image", "cover-image"))
    book.add(_Resource(CSS, "text/css", _stylesheet(), "css"))
    documents = [
        _Resource(COVER_DOC, "application/xhtml+xml", _cover_document(article, lang), "cover"),
        _Resource(ARTICLE_DOC, "application/xhtml+xml", article_xhtml, "article"),
        _Resource(NAV_DOC, "application/xhtml+xml", _nav_document(article, lang), "nav", "nav"),
        _Resource(NCX_DOC, "application/x-dtbncx+xml", _ncx(article), "ncx"),
    ]
    everything = documents + book.resources
    opf = _package_document(article, book, everything, lang)
    entries = [("META-INF/container.xml", CONTAINER_XML), (f"{ROOT}/content.opf", opf)]
    entries += [(f"{ROOT}/{r.href}", r.data) for r in everything]
    return _zip(entries, _zip_time(article))


# --- identity and time -------------------------------------------------------

def identifier(article: Article) -> str:
    """A stable identifier: from the canonical URL, else from the words themselves."""
    if article.url:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, article.url)}"
    digest = hashlib.sha256(_fingerprint(article).encode()).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:sha256:' + digest)}"


def _fingerprint(article: Article) -> str:
    # Image paths are machine-specific, so only their names take part.
    blocks = [
        (type(b).__name__, b.caption, b.credit, b.image.name if b.image else "")
        if isinstance(b, Photo) else repr(b)
        for b in article.blocks
    ]
    return repr((article.title, article.dek, article.authors, article.published,
                 article.source, article.language, blocks))


def modified(article: Article) -> str:
    """dcterms:modified from the publication date (or a fixed epoch), never the clock."""
    day = article.published or EPOCH
    return f"{day.isoformat()}T00:00:00Z"


def _zip_time(article: Article) -> tuple[int, int, int, int, int, int]:
    day = article.published or EPOCH
    if day.year < 1980:
        return ZIP_EPOCH
    return (day.year, day.month, day.day, 0, 0, 0)


def _zip(entries: list[tuple[str, bytes]], when: tuple[int, ...]) -> bytes:
    """A zip with the mimetype first and stored, and fixed entry times and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        _zip_entry(zf, "mimetype", b"application/epub+zip", when, zipfile.ZIP_STORED)
        for name, data in entries:
            _zip_entry(zf, name, data, when, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _zip_entry(zf: zipfile.ZipFile, name: str, data: bytes, when, method: int) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = method
    info.create_system = 3          # the same on every platform
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compress_type=method, compresslevel=9 if method else None)


# --- XHTML building ----------------------------------------------------------

def _el(parent, tag: str, text: str | None = None, **attrs: str):
    """Append an XHTML element; ``epub_type`` becomes ``epub:type``, ``aria_x`` ``aria-x``."""
    node = etree.SubElement(parent, f"{{{XHTML}}}{tag}")
    for key, value in attrs.items():
        if key == "epub_type":
            node.set(f"{{{OPS}}}type", value)
        elif key == "class_":
            node.set("class", value)
        else:
            node.set(key.replace("_", "-"), value)
    if text is not None:
        node.text = text
    return node


def _append_text(parent, text: str) -> None:
    """Add text after the last child of *parent* (lxml keeps it in the child's tail)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inlines(parent, inlines: tuple[Inline, ...]) -> None:
    for node in inlines:
        match node:
            case Text(text):
                _append_text(parent, text)
            case Emphasis(children):
                _inlines(_el(parent, "em"), children)
            case Strong(children):
                _inlines(_el(parent, "strong"), children)
            case Link(children, url):
                anchor = _el(parent, "a", href=url)
                if plain(children).strip():
                    _inlines(anchor, children)
                else:
                    anchor.text = url   # a link must have words to be announced
            case _:
                raise TypeError(f"unknown inline {node!r}")


def _document(lang: str, title: str, body_type: str | None = None):
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", lang)
    html.set(XML_LANG, lang)
    head = _el(html, "head")
    _el(head, "meta", charset="utf-8")
    _el(head, "title", title)
    _el(head, "link", rel="stylesheet", type="text/css", href=CSS)
    body = _el(html, "body")
    if body_type:
        body.set(f"{{{OPS}}}type", body_type)
    return html, body



def _serialize(html) -> bytes:
    return etree.tostring(html, xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>", pretty_print=True)


# --- the article document ----------------------------------------------------

def _article_document(article: Article, book: _Book, lang: str) -> bytes:
    html, body = _document(lang, article.title, "bodymatter")
    main = _el(body, "main")
    container = _el(main, "article")
    _header(container, article)

    blocks = list(article.numbered())
    # Closing notes at the very end belong to the whole article, not its last section.
    tail_start = len(blocks)
    while tail_start > 0 and isinstance(blocks[tail_start - 1][1], EndNote):
        tail_start -= 1

    parent = container
    endnotes = None
    for bid, block in blocks[:tail_start]:
        if isinstance(block, Heading):
            parent = _el(container, "section")
        if not isinstance(block, EndNote):
            endnotes = None
        elif endnotes is None:
            endnotes = _el(parent, "footer", class_="endnote")
        _block(endnotes if isinstance(block, EndNote) else parent, bid, block, book)
    if tail_start < len(blocks):
        footer = _el(container, "footer", class_="endnote")
        for bid, block in blocks[tail_start:]:
            _block(footer, bid, block, book)
    return _serialize(html)


def _header(parent, article: Article) -> None:
    header = _el(parent, "header")
    _el(header, "h1", article.title, id="title")
    if article.dek:
        _el(header, "p", article.dek, class_="dek")
    if article.authors:
        _el(header, "p", words.byline(article.authors), class_="byline")
    if article.published:
        line = _el(header, "p", class_="dateline")
        _el(line, "time", words.long_date(article.published), datetime=article.published.isoformat())
    if article.source or article.url:
        line = _el(header, "p", "Source: ", class_="source")
        name = article.source or article.url
        if article.url:
            _el(line, "a", name, href=article.url)
        else:
            _append_text(line, name)




def _block(parent, bid: str, block: Block, book: _Book) -> None:
    match block:
        case Paragraph(inlines):
            _inlines(_el(parent, "p", id=bid), inlines)
        case Heading(text):
            _el(parent, "h2", text, id=bid)
        case Quote(paragraphs):
            quote = _el(parent, "blockquote", id=bid)
            for paragraph in paragraphs:
                _inlines(_el(quote, "p"), paragraph.inlines)
        case ListBlock(items, ordered):
            listing = _el(parent, "ol" if ordered else "ul", id=bid)
            for item in items:
                _inlines(_el(listing, "li"), item)
        case Photo():
            _photo(parent, bid, block, book)
        case Video():
            _video(parent, bid, block, book)
        case EndNote(inlines):
            _inlines(_el(parent, "p", id=bid), inlines)
        case _:
            raise TypeError(f"unknown block {block!r}")


def credit_line(credit: str) -> str:
    """The credit as printed under a picture, worded as in the text edition."""
    return f"Credit: {credit.strip()}"


def _photo(parent, bid: str, photo: Photo, book: _Book) -> None:
    if photo.image is not None:
        data = photo.image.read_bytes()
        media_type, suffix = _image_type(data, photo.image)
        href = f"images/{bid}{suffix}"
        book.add(_Resource(href, media_type, data, f"img-{bid}"))
        book.real_images += 1
    else:
        href = PLACEHOLDER_IMAGE
        book.add(_Resource(href, "image/svg+xml", _placeholder_svg(), "placeholder"))
        book.placeholders += 1
    figure = _el(parent, "figure", id=bid)
    # The caption is the image's text alternative, so assistive technology
    # reads it once, from the alt; the copy shown under the picture is hidden
    # from it.  The credit is read once, from the figcaption.
    _el(figure, "img", src=href, alt=photo.caption)
    if photo.caption or photo.credit:
        caption = _el(figure, "figcaption")
        if photo.caption:
            _el(caption, "span", photo.caption, class_="caption", aria_hidden="true")
        if photo.caption and photo.credit:
            _append_text(caption, " ")
        if photo.credit:
            _el(caption, "span", credit_line(photo.credit), class_="credit")



def _video(parent, bid: str, video: Video, book: _Book) -> None:
    # The player cannot come along; what is left is a description of the video.
    book.videos += 1
    figure = _el(parent, "figure", id=bid, class_="video")
    title = _el(figure, "p", class_="video-title")
    _append_text(title, "Video")
    if video.seconds is not None:
        _append_text(title, ", ")
        _el(title, "time", words.running_time(video.seconds), datetime=f"PT{video.seconds}S")
    if video.title:
        _append_text(title, ": ")
        _el(title, "strong", video.title)
    if video.caption or video.credit:
        caption = _el(figure, "figcaption")
        if video.caption:
            _el(caption, "span", video.caption, class_="caption")
        if video.caption and video.credit:
            _append_text(caption, " ")
        if video.credit:
            _el(caption, "span", credit_line(video.credit), class_="credit")


def _image_type(data: bytes, path: Path) -> tuple[str, str]:
    for magic, media_type, suffix in _MAGIC:
        if data.startswith(magic):
            return media_type, suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if b"<svg" in data[:2048]:
        return "image/svg+xml", ".svg"
    raise InputError("image is not a JPEG, PNG, GIF, WebP or SVG file", path)


# --- cover and navigation ------------------------------------------------------

def cover_alt(article: Article) -> str:
    if article.source:
        return f"Cover: {article.title}, from {article.source}"
    return f"Cover: {article.title}"


def _cover_document(article: Article, lang: str) -> bytes:
    html, body = _document(lang, "Cover")
    body.set("class", "cover")
    section = _el(body, "section", epub_type="cover")
    _el(section, "img", src=COVER_IMAGE, alt=cover_alt(article), role="doc-cover")
    return _serialize(html)


def _nav_document(article: Article, lang: str) -> bytes:
    html, body = _document(lang, "Contents")
    toc = _el(body, "nav", epub_type="toc", role="doc-toc", id="toc", aria_labelledby="toc-title")
    _el(toc, "h2", "Contents", id="toc-title")
    top = _el(_el(toc, "ol"), "li")
    _el(top, "a", article.title, href=ARTICLE_DOC)
    headings = [(bid, b) for bid, b in article.numbered() if isinstance(b, Heading)]
    if headings:
        sub = _el(top, "ol")
        for bid, heading in headings:
            _el(_el(sub, "li"), "a", heading.text, href=f"{ARTICLE_DOC}#{bid}")
    marks = _el(body, "nav", epub_type="landmarks", id="landmarks",
                aria_labelledby="landmarks-title", hidden="hidden")
    _el(marks, "h2", "Landmarks", id="landmarks-title")
    listing = _el(marks, "ol")
    _el(_el(listing, "li"), "a", "Cover", href=COVER_DOC, epub_type="cover")
    _el(_el(listing, "li"), "a", "Start of content", href=ARTICLE_DOC, epub_type="bodymatter")
    return _serialize(html)


def _ncx(article: Article) -> bytes:
    root = etree.Element(f"{{{NCX}}}ncx", nsmap={None: NCX}, version="2005-1")
    root.set(XML_LANG, article.language or "und")
    head = etree.SubElement(root, f"{{{NCX}}}head")
    for name, content in (("dtb:uid", identifier(article)), ("dtb:depth", "2"),
                          ("dtb:totalPageCount", "0"), ("dtb:maxPageNumber", "0")):
        etree.SubElement(head, f"{{{NCX}}}meta", name=name, content=content)
    etree.SubElement(etree.SubElement(root, f"{{{NCX}}}docTitle"), f"{{{NCX}}}text").text = article.title
    nav_map = etree.SubElement(root, f"{{{NCX}}}navMap")
    order = iter(range(1, 10_000))

    def point(parent, label: str, src: str):
        node = etree.SubElement(parent, f"{{{NCX}}}navPoint", id=f"np{(n := next(order))}", playOrder=str(n))
        etree.SubElement(etree.SubElement(node, f"{{{NCX}}}navLabel"), f"{{{NCX}}}text").text = label
        etree.SubElement(node, f"{{{NCX}}}content", src=src)
        return node

    top = point(nav_map, article.title, ARTICLE_DOC)
    for bid, block in article.numbered():
        if isinstance(block, Heading):
            point(top, block.text, f"{ARTICLE_DOC}#{bid}")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


# --- generated images ----------------------------------------------------------

def _svg_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _cover_svg(article: Article) -> bytes:
    """A plain cover: the title, then the source, dark on a pale ground."""
    lines = textwrap.wrap(article.title, width=18) or [""]
    size = 56 if len(lines) <= 5 else max(28, 280 // len(lines))
    lines = lines[: 620 // int(size * 1.2)]
    leading = int(size * 1.2)
    top = 200
    tspans = "".join(
        f'<tspan x="60" y="{top + i * leading}">{_svg_text(line)}</tspan>' for i, line in enumerate(lines)
    )
    source = _svg_text(article.source)
    label = _svg_text(cover_alt(article))
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 900" '
        f'width="600" height="900" role="img" aria-label="{label}">\n'
        f"<title>{label}</title>\n"
        '<rect width="600" height="900" fill="#f6f3ec"/>\n'
        '<rect x="60" y="110" width="120" height="8" fill="#1b1b1b"/>\n'
        f'<text font-family="serif" font-size="{size}" font-weight="bold" fill="#1b1b1b">{tspans}</text>\n'
        f'<text x="60" y="820" font-family="sans-serif" font-size="32" fill="#1b1b1b">{source}</text>\n'
        "</svg>\n"
    )
    return svg.encode()


def _placeholder_svg() -> bytes:
    """Stands where a photo was: a quiet frame with a camera outline, and no words.

    Words drawn into an image would not follow the reader's font settings;
    the caption is the image's text alternative and is printed under it.
    """
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 400 300" '
        'width="400" height="300">\n'
        "<title>Photo not included</title>\n"
        '<rect x="1" y="1" width="398" height="298" fill="#ececec" stroke="#767676" stroke-width="2"/>\n'
        '<g fill="none" stroke="#767676" stroke-width="6" stroke-linejoin="round">\n'
        '<rect x="140" y="115" width="120" height="80" rx="10"/>\n'
        '<path d="M170 115 l10 -16 h40 l10 16"/>\n'
        '<circle cx="200" cy="155" r="24"/>\n'
        "</g>\n"
        "</svg>\n"
    )
    return svg.encode()


def _stylesheet() -> bytes:
    return resources.files(__package__).joinpath("epub.css").read_bytes()


# --- the package document ----------------------------------------------------------

def accessibility_summary(article: Article, book: _Book) -> str:
    """Plain words for a person deciding whether this book will work for them."""
    parts = [
        f"A reflowable edition of the news article “{article.title}”"
        + (f" from {article.source}" if article.source else "") + ".",
        "It has a table of contents, a heading for each section, and text in the article's reading order.",
        "The cover image shows the title and source, and its text alternative says the same.",
    ]
    if book.real_images:
        parts.append("Each photo's text alternative is its caption, and the photo credit is printed below it.")
    if book.placeholders:
        parts.append(
            "The article's photos are not included: each is shown as a plain placeholder whose text "
            "alternative is the original caption, with the credit printed below it."
        )
    if book.videos:
        parts.append("Videos cannot be played here; each is described by its title, running time and caption.")
    parts.append(
        "The style sheet sets no fonts, sizes or colours, so text can be enlarged and restyled in the reading system."
    )
    parts.append("There are no flashing, sound or motion hazards.")
    return " ".join(parts)


def _package_document(article: Article, book: _Book, resources_: list[_Resource], lang: str) -> bytes:
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF},
                            version="3.0", **{"unique-identifier": "pub-id"})
    package.set(XML_LANG, lang)
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})

    def dc(name: str, text: str, **attrs: str):
        node = etree.SubElement(metadata, f"{{{DC}}}{name}", **attrs)
        node.text = text
        return node

    def meta(prop: str, text: str, **attrs: str):
        node = etree.SubElement(metadata, f"{{{OPF}}}meta", property=prop, **attrs)
        node.text = text
        return node

    dc("identifier", identifier(article), id="pub-id")
    dc("title", article.title)
    dc("language", lang)
    for number, author in enumerate(article.authors, start=1):
        dc("creator", author, id=f"creator{number}")
        meta("role", "aut", refines=f"#creator{number}", scheme="marc:relators")
    if article.source:
        dc("publisher", article.source)
    if article.published:
        dc("date", article.published.isoformat())
    if article.dek:
        dc("description", article.dek)
    if article.url:
        dc("source", article.url)
    meta("dcterms:modified", modified(article))

    visual = book.real_images > 0
    meta("schema:accessMode", "textual")
    if visual:
        meta("schema:accessMode", "visual")
    meta("schema:accessModeSufficient", "textual")
    if visual:
        meta("schema:accessModeSufficient", "textual,visual")
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder",
                    "alternativeText", "displayTransformability"):
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    meta("schema:accessibilitySummary", accessibility_summary(article, book))
    meta("dcterms:conformsTo", CONFORMS_TO)
    meta("a11y:certifiedBy", CERTIFIED_BY)
    # EPUB 2 reading systems find the cover through this.
    etree.SubElement(metadata, f"{{{OPF}}}meta", name="cover", content="cover-image")

    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")
    for r in resources_:
        attrs = {"id": r.id, "href": r.href, "media-type": r.media_type}
        if r.properties:
            attrs["properties"] = r.properties
        etree.SubElement(manifest, f"{{{OPF}}}item", **attrs)
    spine = etree.SubElement(package, f"{{{OPF}}}spine", toc="ncx")
    etree.SubElement(spine, f"{{{OPF}}}itemref", idref="cover")
    etree.SubElement(spine, f"{{{OPF}}}itemref", idref="article")
    return etree.tostring(package, xml_declaration=True, encoding="utf-8", pretty_print=True)
