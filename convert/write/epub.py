"""Conversion of an Article to an accessible EPUB 3 file (EPUB Accessibility 1.1, WCAG 2.2 AA).

The content documents are built here from the model; ebooklib assembles the
book around them: the manifest, spine, metadata, cover, navigation document,
NCX and the zip.  Where ebooklib falls short, the gap is filled here:

* its pages re-read their content through lxml's HTML parser, which keeps
  nothing past about 10 MB, and rebuild it from a template; the pages here
  are written exactly as built (``_Page``);
* it leaves ``xml:lang`` off ``<package>``, which Ace requires (``_Writer``);
* it stamps every zip entry with the clock, so the entries are re-stamped
  with the article's date (``_restamp``), the date ``dcterms:modified`` also
  gets through the writer's ``mtime`` option.  The same article always gives
  the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import textwrap
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ebooklib import epub as ebook
from lxml import etree

from ..errors import InputError
from ..language import direction, same_language
from ..locale import byline, long_date, messages, written_in
from ..model import (
    Article,
    Block,
    Emphasis,
    EndNote,
    Foreign,
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
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Used when the article carries no date: a fixed instant, never the clock.
EPOCH = dt.date(2000, 1, 1)
# Zip cannot store dates before 1980.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CERTIFIED_BY = "article-convert"

# Paths inside the package folder (ebooklib's FOLDER_NAME, "EPUB").
ARTICLE_DOC = "article.xhtml"
COVER_DOC = "cover.xhtml"
CSS = "style/epub.css"
COVER_IMAGE = "images/cover.svg"
PLACEHOLDER_IMAGE = "images/placeholder.svg"

# How ebooklib writes the package: no EPUB 2 guide (the landmarks in the
# navigation document replace it), no page list (articles have no pages),
# and playOrder on every NCX navPoint, which the NCX format requires.
WRITER_OPTIONS = {
    "epub2_guide": False,
    "epub3_landmark": True,
    "landmark_title": "Landmarks",   # the same words as LABELS["landmarks"]
    "epub3_pages": False,
    "play_order": {"enabled": True, "start_from": 1},
}

# Image types EPUB 3 reading systems must support, told apart by their first bytes.
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)


@dataclass
class _Media:
    """What the article document brings into the package besides itself.

    Its pictures become manifest items; the counts decide what the
    accessibility metadata may claim.
    """

    items: list[ebook.EpubItem] = field(default_factory=list)
    language: str = "en"    # the furniture around the pictures is worded in it
    real_images: int = 0
    placeholders: int = 0
    videos: int = 0

    def add(self, item: ebook.EpubItem) -> None:
        if all(i.file_name != item.file_name for i in self.items):
            self.items.append(item)


def write(article: Article, target: Path, options: Options) -> list[Path]:
    """Write *article* as an EPUB 3 file at *target*; return the path written."""
    with files.atomic_path(target) as tmp:
        tmp.write_bytes(render(article))
    return [target]


# Called with each element that holds words a voice may read, and the names
# the spoken script gives it (its block, and the part of that block); an
# edition built on this one (the narrated EPUB) marks its sentences there.
Marker = Callable[[etree._Element, str, str], None]


def _unmarked(node, block: str, part: str) -> None:
    return None


def render(article: Article, extend: Callable[[ebook.EpubBook], None] | None = None,
           mark: Marker = _unmarked, stored: dict[str, bytes] | None = None) -> bytes:
    """The whole EPUB file as bytes: a pure function of the article.

    This is what ``ebooklib.epub.write_epub`` does, with ``_Writer`` in place
    of its ``EpubWriter``, and the zip re-stamped afterwards.  An edition
    built on this one (the narrated EPUB) passes *extend*, which may change
    the book before it is written, and *mark*, called with each element of
    the article document that is read aloud.  Entries named in *stored*
    (paths in the zip) get those bytes, stored without compression: audio
    is compressed already, and deflating it again only costs time.
    """
    book = _book(article, mark)
    if extend is not None:
        extend(book)
    buffer = io.BytesIO()
    writer = _Writer(buffer, book, dict(WRITER_OPTIONS, mtime=modified(article),
                                        landmark_title=messages(book.language)["landmarks"]))
    writer.process()
    writer.write()
    return _restamp(buffer.getvalue(), _zip_time(article), stored or {})


class _Writer(ebook.EpubWriter):
    """ebooklib's writer, with the book's language on the package element.

    ``EpubWriter._write_opf`` builds ``<package>`` from a fixed set of
    attributes that leaves out ``xml:lang``; Ace reports a package without it
    as a serious violation (epub-lang), so it is added just before the
    package document is written.
    """

    def _write_opf_file(self, root) -> None:
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)

    def _get_nav(self, item) -> bytes:
        return label_navs(super()._get_nav(item), messages(self.book.language))

    def _get_ncx(self) -> bytes:
        return ncx_depth(super()._get_ncx())


# --- navigation ----------------------------------------------------------------

# The words of the reading furniture in English; every language's are in
# convert/locale/messages/.
LABELS = {"contents": "Contents", "landmarks": "Landmarks"}
# Each <nav> of the navigation document: its id, and the key of its label.
NAVS = {"toc": "contents", "landmarks": "landmarks"}


def label_navs(document: bytes, labels=LABELS) -> bytes:
    """The navigation document with each <nav> named by its heading.

    ebooklib gives the table of contents ``id="id"`` and neither <nav> a
    label, so a screen reader announces two unnamed navigation landmarks.
    Each gets an id after its kind and ``aria-labelledby`` pointing at its
    own heading, which carries the label text.
    """
    root = etree.fromstring(document)
    for nav in root.iter(f"{{{XHTML}}}nav"):
        kind = nav.get(f"{{{OPS}}}type", "")
        if kind not in NAVS:
            continue
        nav.set("id", kind)
        heading = next((child for child in nav if child.tag in {f"{{{XHTML}}}h{n}" for n in range(1, 7)}), None)
        if heading is None:
            heading = etree.Element(f"{{{XHTML}}}h2")
            nav.insert(0, heading)
        if not (heading.text or "").strip():
            heading.text = labels[NAVS[kind]]
        heading.set("id", f"{kind}-label")
        nav.set("aria-labelledby", f"{kind}-label")
    return etree.tostring(root.getroottree(), pretty_print=True, encoding="utf-8", xml_declaration=True)


NCX = "http://www.daisy.org/z3986/2005/ncx/"


def ncx_depth(document: bytes) -> bytes:
    """The NCX with ``dtb:depth`` set to how deep its navPoints nest (ebooklib always says 0)."""
    root = etree.fromstring(document)

    def depth(node) -> int:
        points = node.findall(f"{{{NCX}}}navPoint")
        return 1 + max(map(depth, points)) if points else 0

    nav_map = root.find(f"{{{NCX}}}navMap")
    levels = max(1, depth(nav_map)) if nav_map is not None else 1
    for meta in root.iter(f"{{{NCX}}}meta"):
        if meta.get("name") == "dtb:depth":
            meta.set("content", str(levels))
    return etree.tostring(root.getroottree(), pretty_print=True, encoding="utf-8", xml_declaration=True)


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


def modified(article: Article) -> dt.datetime:
    """dcterms:modified: midnight UTC on the publication date (or a fixed epoch), never the clock.

    ebooklib writes it from the ``mtime`` option; without one it uses the clock.
    """
    return dt.datetime.combine(article.published or EPOCH, dt.time())


def _zip_time(article: Article) -> tuple[int, int, int, int, int, int]:
    when = modified(article)
    if when.year < 1980:
        return ZIP_EPOCH
    return (when.year, when.month, when.day, 0, 0, 0)


def _restamp(data: bytes, when: tuple[int, ...], stored: dict[str, bytes]) -> bytes:
    """The zip ebooklib wrote, with fixed entry times and modes, in the same order.

    ebooklib's ``EpubWriter.write`` opens its own ``ZipFile`` and adds every
    entry with ``writestr(name, …)``, so zipfile stamps each one with the
    clock (and with the platform it runs on); no writer option reaches that.
    Each entry is copied with its name, contents and compression method, in
    ebooklib's order (the mimetype first and stored), and the article's time.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as written, zipfile.ZipFile(buffer, "w") as zf:
        for entry in written.infolist():
            if entry.filename in stored:
                _zip_entry(zf, entry.filename, stored[entry.filename], when, zipfile.ZIP_STORED)
            else:
                _zip_entry(zf, entry.filename, written.read(entry), when, entry.compress_type)
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
            case Foreign(children, language):
                span = _el(parent, "span", lang=language)
                span.set(XML_LANG, language)
                if direction(language) == "rtl":
                    span.set("dir", "rtl")
                _inlines(span, children)
            case Link(children, url):
                anchor = _el(parent, "a", href=url)
                if plain(children).strip():
                    _inlines(anchor, children)
                else:
                    anchor.text = url   # a link must have words to be announced
            case _:
                raise TypeError(f"unknown inline {node!r}")


def _document(lang: str, title: str, rtl: str | None = None):
    """A content document with its head (charset, title, stylesheet) and an empty body.

    It is stored exactly as built (``_Page``): ebooklib's own pages re-read
    their content with lxml's HTML parser, which keeps nothing of a page
    past about 10 MB of text, and rebuild it from a template.
    """
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", lang)
    html.set(XML_LANG, lang)
    if rtl:
        html.set("dir", rtl)
    head = _el(html, "head")
    _el(head, "meta", charset="utf-8")
    if title:
        _el(head, "title", title)
    _el(head, "link", href=CSS, rel="stylesheet", type="text/css")
    body = _el(html, "body")
    if rtl:
        body.set("dir", rtl)
    return html, body


def _serialize(html) -> bytes:
    return etree.tostring(html, xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>", pretty_print=True)


# --- the article document ----------------------------------------------------

def _article_document(article: Article, media: _Media, lang: str,
                      mark: Marker = _unmarked) -> bytes:
    html, body = _document(lang, article.title, _rtl(lang))
    main = _el(body, "main", epub_type="bodymatter")
    container = _el(main, "article")
    _header(container, article, mark)

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
        _block(endnotes if isinstance(block, EndNote) else parent, bid, block, media, mark)
    if tail_start < len(blocks):
        footer = _el(container, "footer", class_="endnote")
        for bid, block in blocks[tail_start:]:
            _block(footer, bid, block, media, mark)
    return _serialize(html)


def _header(parent, article: Article, mark: Marker = _unmarked) -> None:
    header = _el(parent, "header")
    mark(_el(header, "h1", article.title, id="title"), "title", "")
    if article.dek:
        mark(_el(header, "p", article.dek, class_="dek"), "dek", "")
    if article.authors:
        mark(_el(header, "p", byline(article.authors, article.language), class_="byline"),
             "byline", "")
    if article.published:
        line = _el(header, "p", class_="dateline")
        _el(line, "time", long_date(article.published, article.language),
            datetime=article.published.isoformat())
        mark(line, "dateline", "")
    if article.source or article.url:
        line = _el(header, "p", f"{messages(article.language)['source']}: ", class_="source")
        name = article.source or article.url
        if article.url:
            _el(line, "a", name, href=article.url)
        else:
            _append_text(line, name)




def _block(parent, bid: str, block: Block, media: _Media, mark: Marker = _unmarked) -> None:
    match block:
        case Paragraph(inlines) | EndNote(inlines):
            node = _el(parent, "p", id=bid)
            _inlines(node, inlines)
            mark(node, bid, "")
        case Heading(text):
            mark(_el(parent, "h2", text, id=bid), bid, "")
        case Quote(paragraphs):
            quote = _el(parent, "blockquote", id=bid)
            for n, paragraph in enumerate(paragraphs, start=1):
                node = _el(quote, "p")
                _inlines(node, paragraph.inlines)
                mark(node, bid, str(n))
        case ListBlock(items, ordered):
            listing = _el(parent, "ol" if ordered else "ul", id=bid)
            for n, item in enumerate(items, start=1):
                node = _el(listing, "li")
                _inlines(node, item)
                mark(node, bid, str(n))
        case Photo():
            _photo(parent, bid, block, media, mark)
        case Video():
            _video(parent, bid, block, media, mark)
        case _:
            raise TypeError(f"unknown block {block!r}")


def credit_line(credit: str, language: str = "en") -> str:
    """The credit as printed under a picture, worded as in the text edition."""
    return f"{messages(language)['credit']}: {credit.strip()}"


def _photo(parent, bid: str, photo: Photo, media: _Media, mark: Marker = _unmarked) -> None:
    if photo.image is not None:
        data = photo.image.read_bytes()
        media_type, suffix = _image_type(data, photo.image)
        href = f"images/{bid}{suffix}"
        media.add(ebook.EpubImage(uid=f"img-{bid}", file_name=href, media_type=media_type, content=data))
        media.real_images += 1
    else:
        href = PLACEHOLDER_IMAGE
        media.add(ebook.EpubImage(uid="placeholder", file_name=href, media_type="image/svg+xml",
                                 content=_placeholder_svg(media.language)))
        media.placeholders += 1
    figure = _el(parent, "figure", id=bid)
    # The caption is the image's text alternative, so assistive technology
    # reads it once, from the alt; the copy shown under the picture is hidden
    # from it.  The credit is read once, from the figcaption.
    _el(figure, "img", src=href, alt=photo.caption)
    if photo.caption or photo.credit:
        caption = _el(figure, "figcaption")
        if photo.caption:
            mark(_el(caption, "span", photo.caption, class_="caption", aria_hidden="true"),
                 bid, "caption")
        if photo.caption and photo.credit:
            _append_text(caption, " ")
        if photo.credit:
            mark(_el(caption, "span", credit_line(photo.credit, media.language), class_="credit"),
                 bid, "credit")



def _video(parent, bid: str, video: Video, media: _Media, mark: Marker = _unmarked) -> None:
    # The player cannot come along; what is left is a description of the video.
    media.videos += 1
    figure = _el(parent, "figure", id=bid, class_="video")
    title = _el(figure, "p", class_="video-title")
    _append_text(title, messages(media.language)["video"])
    if video.seconds is not None:
        _append_text(title, ", ")
        _el(title, "time", words.running_time(video.seconds), datetime=f"PT{video.seconds}S")
    if video.title:
        _append_text(title, ": ")
        _el(title, "strong", video.title)
    mark(title, bid, "title")
    if video.caption or video.credit:
        caption = _el(figure, "figcaption")
        if video.caption:
            mark(_el(caption, "span", video.caption, class_="caption"), bid, "caption")
        if video.caption and video.credit:
            _append_text(caption, " ")
        if video.credit:
            mark(_el(caption, "span", credit_line(video.credit, media.language), class_="credit"),
                 bid, "credit")


def _image_type(data: bytes, path: Path) -> tuple[str, str]:
    for magic, media_type, suffix in _MAGIC:
        if data.startswith(magic):
            return media_type, suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if b"<svg" in data[:2048]:
        return "image/svg+xml", ".svg"
    raise InputError("image is not a JPEG, PNG, GIF, WebP or SVG file", path)


# --- the cover ------------------------------------------------------------------

def cover_alt(article: Article) -> str:
    said = messages(article.language or "en")
    if article.source:
        return said["cover_alt_source"].format(title=article.title, source=article.source)
    return said["cover_alt"].format(title=article.title)


def _cover_document(article: Article, lang: str) -> bytes:
    html, body = _document(lang, messages(lang)["cover"], _rtl(lang))
    section = _el(body, "section", epub_type="cover", class_="cover")
    _el(section, "img", src=COVER_IMAGE, alt=cover_alt(article), role="doc-cover")
    return _serialize(html)


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


def _placeholder_svg(language: str) -> bytes:
    """Stands where a photo was: a quiet frame with a camera outline, and no words.

    Words drawn into an image would not follow the reader's font settings;
    the caption is the image's text alternative and is printed under it.
    """
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 400 300" '
        f'width="400" height="300" xml:lang="{_svg_text(language)}">\n'
        f"<title>{_svg_text(messages(language)['photo_not_included'])}</title>\n"
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
    return Path(__file__).with_name("epub.css").read_bytes()


# --- the package document ----------------------------------------------------------

SUMMARY_KEYS = ("summary_intro", "summary_intro_source", "summary_structure", "summary_cover",
                "summary_photos", "summary_some_missing", "summary_all_missing", "summary_videos",
                "summary_style", "summary_hazards")


def accessibility_summary(article: Article, media: _Media) -> tuple[str, str]:
    """Plain words for a person deciding whether this book will work for them, and their language.

    The sentences come from the message catalogue; a language with no
    summary of its own gets the English one, labelled as English.
    """
    lang = article.language or "und"
    said = messages(lang)
    parts = [
        said["summary_intro_source"].format(title=article.title, source=article.source)
        if article.source else said["summary_intro"].format(title=article.title),
        said["summary_structure"],
        said["summary_cover"],
    ]
    if media.real_images:
        parts.append(said["summary_photos"])
    if media.placeholders and media.real_images:
        # Both kinds in one book: say which is which, never that no photo is included.
        parts.append(said["summary_some_missing"].format(
            missing=media.placeholders, total=media.placeholders + media.real_images))
    elif media.placeholders:
        parts.append(said["summary_all_missing"])
    if media.videos:
        parts.append(said["summary_videos"])
    parts += [said["summary_style"], said["summary_hazards"]]
    return " ".join(parts), written_in(lang, "summary_intro")


def _book(article: Article, mark: Marker = _unmarked) -> ebook.EpubBook:
    """The article as an ebooklib book: content documents, resources, navigation, metadata."""
    lang = article.language or "und"
    said = messages(lang)
    media = _Media(language=lang)
    article_xhtml = _article_document(article, media, lang, mark)

    book = ebook.EpubBook()
    book.IDENTIFIER_ID = "pub-id"
    book.set_identifier(identifier(article))
    book.set_title(article.title)
    book.set_language(lang)
    rtl = _rtl(lang)
    if rtl:
        book.set_direction(rtl)
    for number, author in enumerate(article.authors, start=1):
        book.add_author(author, role="aut", uid=f"creator{number}")
    if article.source:
        book.add_metadata("DC", "publisher", article.source)
    if article.published:
        book.add_metadata("DC", "date", article.published.isoformat())
    if article.dek:
        book.add_metadata("DC", "description", article.dek)
    if article.url:
        book.add_metadata("DC", "source", article.url)
    _accessibility_metadata(book, article, media)

    # The cover image, its manifest property and the EPUB 2 <meta name="cover">.
    # The cover page is ours: ebooklib's EpubCoverHtml uses its page title as the
    # image's alt text and has neither epub:type="cover" nor role="doc-cover".
    # The image is added as ebooklib's set_cover() would, but with its media
    # type given: left to guess, ebooklib reads the system's MIME tables.
    cover_image = ebook.EpubCover(file_name=COVER_IMAGE)
    cover_image.media_type, cover_image.content = "image/svg+xml", _cover_svg(article)
    book.add_item(cover_image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_image.id})
    css = book.add_item(ebook.EpubItem(uid="css", file_name=CSS, media_type="text/css",
                                       content=_stylesheet()))
    cover = _Page(uid="cover", file_name=COVER_DOC, title=said["cover"], lang=lang,
                  content=_cover_document(article, lang), media_type=XHTML_TYPE)
    text = _Page(uid="article", file_name=ARTICLE_DOC, title=article.title, lang=lang,
                 content=article_xhtml, media_type=XHTML_TYPE)
    nav = ebook.EpubNav(title=said["contents"], direction=rtl)
    nav.add_item(css)
    for item in (cover, text, nav, ebook.EpubNcx(), *media.items):
        book.add_item(item)

    book.spine = [cover, text]
    sections = [ebook.Link(f"{ARTICLE_DOC}#{bid}", block.text, f"toc-{bid}")
                for bid, block in article.numbered() if isinstance(block, Heading)]
    book.toc = [(text, sections) if sections else text]
    book.guide = [{"type": "cover", "href": COVER_DOC, "title": said["cover"]},
                  {"type": "bodymatter", "href": ARTICLE_DOC, "title": said["start_of_content"]}]
    return book


def _rtl(lang: str) -> str | None:
    # Arabic, Hebrew, Persian: pages turn right to left, and every page says so.
    return "rtl" if direction(lang) == "rtl" else None


# Given, so ebooklib need not read the system's MIME tables.
XHTML_TYPE = "application/xhtml+xml"


class _Page(ebook.EpubHtml):
    """A content document stored exactly as ``_document`` built it, never re-parsed."""

    def get_content(self, default=None) -> bytes:
        return self.content


def _accessibility_metadata(book: ebook.EpubBook, article: Article, media: _Media) -> None:
    def meta(prop: str, value: str) -> None:
        book.add_metadata(None, "meta", value, {"property": prop})

    visual = media.real_images > 0
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
    summary, summary_lang = accessibility_summary(article, media)
    attributes = {"property": "schema:accessibilitySummary"}
    if not same_language(summary_lang, article.language or "und"):
        attributes[XML_LANG] = summary_lang    # the English fallback, said as such
    book.add_metadata(None, "meta", summary, attributes)
    meta("dcterms:conformsTo", CONFORMS_TO)
    meta("a11y:certifiedBy", CERTIFIED_BY)
