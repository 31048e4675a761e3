"""Conversion of an Article to a narrated EPUB 3: the EPUB edition with its spoken audio inside.

The book is the EPUB edition (``epub.render``), extended before it is
written: every sentence read aloud gets a ``<span id>`` in the article
document, each sentence is spoken as its own clip (through the audio
edition's engine, clip cache, joining and mastering), and an EPUB 3 Media
Overlay (SMIL) pairs each span with its stretch of one MP3, so a reading
system can highlight the sentence being read.  Speaking sentence by sentence
makes every clip boundary exact, not estimated.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pysbd
from ebooklib import epub as ebook
from lxml import etree

from .. import speech
from ..errors import ToolError, UsageError
from ..model import Article
from ..options import Options
from ..speech.numerals import spoken_date
from ..speech.script import PARAGRAPH_PAUSE, SECTION_PAUSE, sentence
from ..tts.batch import EngineSpec, speak_all
from . import audio, epub, files

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
SENTENCE_PAUSE = 0.15   # seconds between sentences of one paragraph, items of one list
# pysbd's languages; an article in any other language is split by the English rules.
PYSBD_LANGUAGES = {"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl",
                   "fa", "nl", "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"}
H = f"{{{epub.XHTML}}}"
# A time of day, then a day: one sentence, though the abbreviation ends with a full stop.
TIME_OF_DAY = re.compile(r"\b[ap]\.m\.$")
DAY = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(today|tonight|yesterday|tomorrow)\b",
                 re.IGNORECASE)

Wording = Callable[[str, int], str]   # (a sentence's text, its index in the element) -> words said


@dataclass(frozen=True)
class Sentence:
    """One sentence span and what is said for it (a ``SegmentLike`` for ``audio.assemble``)."""

    block_id: str          # the span's id, s0001…
    text: str              # speakable
    pause_before: float
    chapter: str | None = None


@dataclass(frozen=True)
class _Unit:
    """An element read aloud: split into sentences, or read whole in set words."""

    node: etree._Element
    pause: float
    wording: Wording | None = None
    whole: str | None = None


def write(article: Article, target: Path, options: Options) -> list[Path]:
    """Write *article* as a narrated EPUB 3 file at *target*; return the path written."""
    if options.audio_format != "mp3":
        raise UsageError("the narrated EPUB carries MP3 audio, so the audio format must be mp3")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".narrated-", dir=target.parent) as scratch:
        def narrate(book: ebook.EpubBook) -> None:
            _narrate(book, article, target, options, Path(scratch))
        data = epub.render(article, extend=narrate)
    with files.atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return [target]


def _narrate(book: ebook.EpubBook, article: Article, target: Path, options: Options,
             work: Path) -> None:
    page = book.get_item_with_id("article")
    html = etree.fromstring(page.content)
    sentences = mark_sentences(html, article, options, speech.Lexicon.load(options.lexicon))
    if not sentences:
        raise UsageError("the article has nothing to read aloud", article.origin)
    page.content = etree.tostring(html, xml_declaration=True, encoding="utf-8",
                                  doctype="<!DOCTYPE html>", pretty_print=True)
    mp3, timings, seconds = speak(sentences, article, target, options, work)
    book.add_item(ebook.EpubItem(uid="narration", file_name=AUDIO_FILE, media_type="audio/mpeg",
                                 content=mp3))
    book.add_item(ebook.EpubSMIL(uid=OVERLAY_ID, file_name=SMIL_DOC,
                                 content=smil(timings, epub.ARTICLE_DOC, AUDIO_FILE)))
    page.media_overlay = OVERLAY_ID
    css = book.get_item_with_id("css")
    css.content = css.content + ACTIVE_CSS
    _metadata(book, seconds)


# --- sentences in the article document ------------------------------------------------

def mark_sentences(html, article: Article, options: Options,
                   lexicon: speech.Lexicon) -> list[Sentence]:
    """Wrap each sentence read aloud in ``<span id="s0001">``…; return them in reading order."""
    segmenter = pysbd.Segmenter(language=_language(article.language), clean=False)
    sentences: list[Sentence] = []
    for unit in _units(html, article, options):
        if unit.whole is not None:
            spans, said = [_wrap_whole(unit.node)], [unit.whole]
        else:
            spans = _wrap(unit.node, segmenter)
            said = [unit.wording(_text(span), n) for n, span in enumerate(spans)]
        for n, (span, words) in enumerate(zip(spans, said)):
            span.set("id", f"s{len(sentences) + 1:04d}")
            sentences.append(Sentence(span.get("id"), sentence(speech.speakable(words, lexicon)),
                                      unit.pause if n == 0 else SENTENCE_PAUSE))
    return sentences


def _language(lang: str) -> str:
    code = (lang or "en").split("-")[0].lower()
    return code if code in PYSBD_LANGUAGES else "en"


def _plain(text: str, index: int) -> str:
    return text


def _units(html, article: Article, options: Options) -> list[_Unit]:
    """What is read aloud, in order, as in the audio edition's script.

    Title, dek, byline and date; then paragraphs, headings, quotes, list
    items, captions (announced as a photo's or a video's) and closing notes.
    The source line is not read, and credits only when asked for.
    """
    header = html.find(f".//{H}header")
    units: list[_Unit] = []
    for node in header:
        classes = _classes(node)
        if node.get("id") == "title":
            units.append(_Unit(node, 0.0, _plain))
        elif classes & {"dek", "byline"}:
            units.append(_Unit(node, PARAGRAPH_PAUSE, _plain))
        elif "dateline" in classes and article.published:
            units.append(_Unit(node, SENTENCE_PAUSE, whole=spoken_date(article.published)))
    body: list[_Unit] = []
    for node in header.getparent().iter(f"{H}*"):
        if node is header or header in node.iterancestors():
            continue
        unit = _body_unit(node, options)
        if unit is not None:
            body.append(unit)
    if body and body[0].pause < SECTION_PAUSE:
        first = body[0]
        body[0] = _Unit(first.node, SECTION_PAUSE, first.wording, first.whole)
    return units + body


def _body_unit(node, options: Options) -> _Unit | None:
    tag = etree.QName(node).localname
    parent = node.getparent()
    where = etree.QName(parent).localname
    classes = _classes(node)
    first = parent.index(node) == 0
    if tag == "h2":
        return _Unit(node, SECTION_PAUSE, _plain)
    if tag == "p" and where == "footer":
        return _Unit(node, SECTION_PAUSE, _plain)
    if tag == "p" and where == "blockquote":
        return _Unit(node, PARAGRAPH_PAUSE if first else SENTENCE_PAUSE, _plain)
    if tag == "li":
        pause = PARAGRAPH_PAUSE if first else SENTENCE_PAUSE
        if where == "ol":
            number = parent.index(node) + 1
            return _Unit(node, pause, lambda text, n: f"{number}. {text}" if n == 0 else text)
        return _Unit(node, pause, _plain)
    if tag == "p" and "video-title" in classes:
        title = node.find(f"{H}strong")
        words = f"Video: {_text(title)}" if title is not None else "Video"
        return _Unit(node, PARAGRAPH_PAUSE, whole=words)
    if tag == "span" and classes & {"caption", "credit"}:
        figure = parent.getparent()
        video = "video" in _classes(figure)
        kind = "Video" if video else "Photo"
        if "credit" in classes:
            if not options.read_credits:
                return None
            credit = _text(node).removeprefix(epub.credit_line(""))
            return _Unit(node, SENTENCE_PAUSE, whole=f"{kind} credit: {credit}")
        if video:
            return _Unit(node, SENTENCE_PAUSE, _plain)
        return _Unit(node, PARAGRAPH_PAUSE, lambda text, n: f"Photo: {text}" if n == 0 else text)
    if tag == "p" and node.get("id") and where in ("article", "section"):
        return _Unit(node, PARAGRAPH_PAUSE, _plain)
    return None


def _classes(node) -> set[str]:
    return set((node.get("class") or "").split())


def _text(node) -> str:
    return "".join(node.itertext())


def _wrap_whole(node):
    """Move all of *node*'s content into one span, its only child."""
    span = etree.Element(f"{H}span")
    span.text, node.text = node.text, None
    for child in list(node):
        span.append(child)          # moves the child, and its tail with it
    node.append(span)
    return span


def _wrap(node, segmenter: pysbd.Segmenter) -> list:
    """Rebuild *node*'s content with each sentence in a span; return the spans.

    Inline markup (em, strong, a) is kept; one that crosses a sentence
    boundary is split in two, one part in each sentence's span.
    """
    leaves = list(_leaves(node, ()))
    text = "".join(piece for piece, _ in leaves)
    ranges = _sentence_ranges(text, segmenter)
    if not ranges:
        return []
    node.text = None
    for child in list(node):
        node.remove(child)
    spans = []
    cursor = 0
    for start, end in ranges:
        _emit(node, leaves, cursor, start, bare=True)
        span = etree.SubElement(node, f"{H}span")
        _emit(span, leaves, start, end)
        spans.append(span)
        cursor = end
    _emit(node, leaves, cursor, len(text), bare=True)
    return spans


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


def _sentence_ranges(text: str, segmenter: pysbd.Segmenter) -> list[tuple[int, int]]:
    """Where each sentence of *text* starts and ends, without surrounding spaces."""
    stripped = text.strip()
    if not stripped:
        return []
    ranges = []
    cursor = 0
    for found in segmenter.segment(text):
        found = found.strip()
        if not found:
            continue
        at = text.find(found, cursor)
        if at < 0:      # the segmenter changed the text: read the element as one sentence
            lead = text.index(stripped)
            return [(lead, lead + len(stripped))]
        if ranges and _false_stop(text[ranges[-1][0]:ranges[-1][1]], found):
            ranges[-1] = (ranges[-1][0], at + len(found))
        else:
            ranges.append((at, at + len(found)))
        cursor = at + len(found)
    return ranges


def _false_stop(before: str, after: str) -> bool:
    """Whether the segmenter split after an abbreviation that ends no sentence.

    pysbd takes "p.m." before a capital for a sentence's end ("at 3:04 p.m.
    Wednesday as people crowded the road", in the seed article); a clause
    that goes on in lower case is not a new sentence either.
    """
    return bool(after[:1].islower() or (TIME_OF_DAY.search(before) and DAY.match(after)))


# --- the audio and the overlay -----------------------------------------------------------

def speak(sentences: list[Sentence], article: Article, target: Path, options: Options,
          work: Path) -> tuple[bytes, list[audio.Timing], float]:
    """One mastered MP3 of every sentence, each timing, and the file's measured duration."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise ToolError(f"ffmpeg is not installed ({audio.FFMPEG_HINT})")
    spec = EngineSpec(options.engine, options.voice, options.rate, options.volume,
                      article.language or None)
    spoken = speak_all([s.text for s in sentences], spec, work, audio.speech_cache(options, target),
                       options.jobs, options.progress)
    joined = work / "speech.wav"
    timings, seconds = audio.assemble(sentences, spoken.clips, joined, work, ffmpeg)
    encoded = work / "narration.mp3"
    audio.master(ffmpeg, joined, encoded, "mp3", [], work)
    return encoded.read_bytes(), timings, duration(encoded) or seconds


def duration(path: Path) -> float | None:
    """An audio file's duration in seconds as ffprobe reads it (None without ffprobe)."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    result = subprocess.run([ffprobe, "-v", "error", "-show_entries", "format=duration",
                             "-of", "json", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    return float(json.loads(result.stdout)["format"]["duration"])


def clock(seconds: float) -> str:
    """A SMIL full clock value: 0:01:02.345."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def smil(timings: list[audio.Timing], text_href: str, audio_href: str) -> bytes:
    """The media overlay: one ``par`` per sentence span, in reading order."""
    root = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": epub.OPS})
    root.set("version", "3.0")
    body = etree.SubElement(root, f"{{{SMIL}}}body")
    body.set(f"{{{epub.OPS}}}textref", text_href)
    for number, timing in enumerate(timings, start=1):
        par = etree.SubElement(body, f"{{{SMIL}}}par", id=f"par{number:04d}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"{text_href}#{timing.id}")
        etree.SubElement(par, f"{{{SMIL}}}audio", src=audio_href,
                         clipBegin=clock(timing.start), clipEnd=clock(timing.end))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _metadata(book: ebook.EpubBook, seconds: float) -> None:
    def meta(prop: str, value: str, **attrs: str) -> None:
        book.add_metadata(None, "meta", value, {"property": prop, **attrs})

    meta("media:duration", clock(seconds), refines=f"#{OVERLAY_ID}")
    meta("media:duration", clock(seconds))
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
