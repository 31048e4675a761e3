"""Conversion of an Article to a narrated EPUB 3: the EPUB edition with its spoken audio inside.

The book is the EPUB edition (``epub.render``), with each sentence of the
article's spoken script wrapped in a ``<span id>`` through the EPUB
writer's sentence hook, and an EPUB 3 Media Overlay (SMIL) pairing each
span with its stretch of the audio.  The audio is the article's one spoken
master (``convert.audio``): the same MP3, byte for byte, as the audio
edition, with the same sentence times, stored in the zip as it is.  Only
the overlay is this module's own.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..audio.spoken import NARRATED_FORMAT, Cue, Spoken, session
from ..model import Article
from ..options import Options
from ..speech import Sentence
from . import epub, files
from .timecode import smil_clock

SMIL = "http://www.w3.org/ns/SMIL"
SMIL_DOC = "article.smil"
AUDIO_FILE = "audio/article.mp3"
OVERLAY_ID = "overlay"
ACTIVE_CLASS = "-epub-media-overlay-active"
# The highlight is the reading system's own selection colours, so it follows
# the reader's theme; the style sheet still names no colour of its own.
ACTIVE_CSS = f"""
/* The sentence being read aloud (EPUB 3 Media Overlays). */
.{ACTIVE_CLASS} {{
  background-color: Highlight;
  color: HighlightText;
}}
""".encode("utf-8")
NARRATION_SUMMARY = ("A synthetic voice reads the article aloud, and each sentence is "
                     "highlighted as it is read.")
H = f"{{{epub.XHTML}}}"


def write(article: Article, target: Path, options: Options) -> list[Path]:
    """Write *article* as a narrated EPUB 3 file at *target*; return the path written.

    The file is rewritten only when its bytes would change.
    """
    from ebooklib import epub as ebook

    run = session(options)
    said = run.sentences(article, options)
    spoken = run.produce(article, options, NARRATED_FORMAT, target.parent)
    by_element: dict[tuple[str, str], list[Sentence]] = {}
    for item in said:
        by_element.setdefault((item.block, item.part), []).append(item)

    def mark(node, block: str, part: str) -> None:
        found = by_element.get((block, part))
        if found:
            mark_sentences(node, found)

    def narrate(book) -> None:
        book.add_item(ebook.EpubItem(uid="narration", file_name=AUDIO_FILE,
                                     media_type="audio/mpeg", content=b""))
        book.add_item(ebook.EpubSMIL(uid=OVERLAY_ID, file_name=SMIL_DOC,
                                     content=smil(spoken.cues, epub.ARTICLE_DOC, AUDIO_FILE)))
        book.get_item_with_id("article").media_overlay = OVERLAY_ID
        css = book.get_item_with_id("css")
        css.content = css.content + ACTIVE_CSS
        _metadata(book, spoken)

    data = epub.render(article, extend=narrate, mark=mark,
                       stored={f"EPUB/{AUDIO_FILE}": spoken.path.read_bytes()})
    files.write_if_changed(target, data)
    return [target]


# --- sentences in the article document ------------------------------------------------

def mark_sentences(node, said: list[Sentence]) -> None:
    """Wrap each of *said* (the sentences of one element) in ``<span id="s0001">``.

    A sentence read in other words than it is printed (a date, a video's
    title) takes the whole element.  Inline markup (em, strong, a) is kept;
    one that crosses a sentence boundary is split in two, one part in each
    sentence's span.
    """
    if said[0].written is None:
        _wrap_whole(node).set("id", said[0].id)
        return
    leaves = list(_leaves(node, ()))
    text = "".join(piece for piece, _ in leaves)
    ranges = []
    cursor = 0
    for item in said:
        at = text.find(item.written, cursor) if item.written else -1
        if at < 0:
            # Printed differently (a link shown by its address): an empty span
            # keeps the sentence in the overlay, in its place.
            ranges.append((cursor, cursor))
            continue
        ranges.append((at, at + len(item.written)))
        cursor = at + len(item.written)
    node.text = None
    for child in list(node):
        node.remove(child)
    cursor = 0
    for item, (start, end) in zip(said, ranges):
        _emit(node, leaves, cursor, start, bare=True)
        span = etree.SubElement(node, f"{H}span")
        span.set("id", item.id)
        _emit(span, leaves, start, end)
        cursor = end
    _emit(node, leaves, cursor, len(text), bare=True)


def _wrap_whole(node):
    """Move all of *node*'s content into one span, its only child."""
    span = etree.Element(f"{H}span")
    span.text, node.text = node.text, None
    for child in list(node):
        span.append(child)          # moves the child, and its tail with it
    node.append(span)
    return span


def _leaves(node, path: tuple):
    """Each run of text under *node*, with the inline elements it sits in."""
    if node.text:
        yield node.text, path
    for child in node:
        yield from _leaves(child, path + (child,))
        if child.tail:
            yield child.tail, path


def _emit(parent, leaves, start: int, end: int, bare: bool = False) -> None:
    """Append the text between offsets *start* and *end*, in copies of its inline elements.

    The space between sentences is *bare*: plain text, outside any inline element.
    """
    if start >= end:
        return
    copies: dict = {}
    offset = 0
    for piece, path in leaves:
        low, high = offset, offset + len(piece)
        offset = high
        if high <= start or low >= end:
            continue
        target = parent
        for original in () if bare else path:
            copy = copies.get(original)
            if copy is None or copy.getparent() is not target or target[-1] is not copy:
                copy = etree.SubElement(target, original.tag, dict(original.attrib))
                copies[original] = copy
            target = copy
        words = piece[max(start, low) - low:min(end, high) - low]
        if len(target):
            target[-1].tail = (target[-1].tail or "") + words
        else:
            target.text = (target.text or "") + words


# --- the overlay -----------------------------------------------------------------------

def smil(timings: tuple[Cue, ...], text_href: str, audio_href: str) -> bytes:
    """The media overlay: one ``par`` per sentence span, in reading order."""
    root = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": epub.OPS})
    root.set("version", "3.0")
    body = etree.SubElement(root, f"{{{SMIL}}}body")
    body.set(f"{{{epub.OPS}}}textref", text_href)
    for number, timing in enumerate(timings, start=1):
        par = etree.SubElement(body, f"{{{SMIL}}}par", id=f"par{number:04d}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"{text_href}#{timing.id}")
        etree.SubElement(par, f"{{{SMIL}}}audio", src=audio_href,
                         clipBegin=smil_clock(timing.start), clipEnd=smil_clock(timing.end))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _metadata(book, spoken: Spoken) -> None:
    seconds = spoken.seconds

    def meta(prop: str, value: str, **attrs: str) -> None:
        book.add_metadata(None, "meta", value, {"property": prop, **attrs})

    meta("media:duration", smil_clock(seconds), refines=f"#{OVERLAY_ID}")
    meta("media:duration", smil_clock(seconds))
    meta("media:active-class", ACTIVE_CLASS)
    meta("schema:accessMode", "auditory")
    # Not "auditory" alone: the source line, link addresses and (unless asked)
    # credits are shown but not read, so the audio is not complete by itself.
    meta("schema:accessModeSufficient", "textual,auditory")
    meta("schema:accessibilityFeature", "synchronizedAudioText")
    entries = book.metadata[None]["meta"]
    for index, (value, attrs) in enumerate(entries):
        if (attrs or {}).get("property") == "schema:accessibilitySummary":
            entries[index] = (f"{value} {NARRATION_SUMMARY}", attrs)
