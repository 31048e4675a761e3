"""The spoken script: every sentence read aloud, once per article, in reading order.

Every spoken edition reads this one script: the MP3 or M4B, the narrated
EPUB's media overlay, ``.timings.json`` and the WebVTT transcript, so their
wording cannot differ.  Each sentence names the element it is printed in
(``block`` and ``part``, the same names the EPUB writer hands its sentence
hook), what is printed there and what the voice says for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from convert.model import (
    Article, Block, EndNote, Heading, ListBlock, Paragraph, Photo, Quote, Video, plain,
)
from convert.language import primary_subtag
from convert.locale import byline, messages
from convert.options import Options
from convert.speech import sentences as splitter
from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable
from convert.speech.numerals import spoken_date, spoken_duration

# Seconds of silence before a sentence.
SENTENCE_PAUSE = 0.15  # between sentences of one element, items of one list
PARAGRAPH_PAUSE = 0.6
SECTION_PAUSE = 1.4    # before a heading, the end note, and the body after the head

HEAD = frozenset({"title", "dek", "byline", "dateline"})   # what is read before the body
_CREDIT_IN_CAPTION = re.compile(r"\s*\bCredit(?:\.{2,}|…|:)\s*")


@dataclass(frozen=True)
class Sentence:
    id: str                  # s0001…, in reading order
    block: str               # "title", "dek", "byline", "dateline" or a block's id (b001…)
    part: str                # the element within the block: "", "1"…, "caption", "credit", "title"
    written: str | None      # the words as printed; None when the whole element is read in other words
    text: str                # what the voice says
    pause_before: float = PARAGRAPH_PAUSE
    chapter: str | None = None   # a chapter starts here, with this title


@dataclass(frozen=True)
class _Element:
    """One element read aloud: split into sentences, or read whole in set words."""

    block: str
    part: str
    written: str = ""
    pause: float = PARAGRAPH_PAUSE
    chapter: str | None = None
    prefix: str = ""          # said before its first sentence ("Photo: ", "2. ")
    whole: str | None = None  # the words said for the whole element, instead of its sentences
    later: tuple[tuple[str, str], ...] = ()   # (printed, said) sentences after its own


def script(article: Article, options: Options, lexicon: Lexicon) -> tuple[Sentence, ...]:
    """Title, dek, byline and date, then the body, one sentence at a time."""
    said: list[Sentence] = []
    body_started = False
    language = article.language or "en"
    for element in _elements(article, options.read_credits, language):
        if element.whole is not None:
            pieces = [(None, element.whole)]
        else:
            found = splitter.split(element.written, article.language)
            pieces = [(text, element.prefix + text if n == 0 else text)
                      for n, text in enumerate(found)]
        pieces += list(element.later)
        first = True
        for written, wording in pieces:
            text = sentence(speakable(wording, lexicon, language))
            if not re.search(r"\w", text):
                continue     # nothing a voice can say (a bare link, a symbol)
            pause = element.pause if first else SENTENCE_PAUSE
            if element.block not in HEAD and not body_started:
                pause, body_started = max(pause, SECTION_PAUSE), True
            said.append(Sentence(f"s{len(said) + 1:04d}", element.block, element.part, written,
                                 text, pause, element.chapter if first else None))
            first = False
    return tuple(said)


def _elements(article: Article, read_credits: bool, language: str = "en") -> Iterator[_Element]:
    yield _Element("title", "", article.title, 0.0, article.title)
    if article.dek:
        yield _Element("dek", "", article.dek)
    if article.authors:
        yield _Element("byline", "", byline(article.authors, language))
    if article.published:
        yield _Element("dateline", "", pause=SENTENCE_PAUSE,
                       whole=spoken_date(article.published, language))
    # The source line and addresses are printed, never read.
    for block_id, block in article.numbered():
        yield from _block(block_id, block, read_credits, language)


def _block(bid: str, block: Block, read_credits: bool, language: str = "en") -> Iterator[_Element]:
    match block:
        case Paragraph():
            yield _Element(bid, "", block.text)
        case Heading(text):
            yield _Element(bid, "", text, SECTION_PAUSE, text)
        case Quote(paragraphs):
            for n, paragraph in enumerate(paragraphs, start=1):
                yield _Element(bid, str(n), paragraph.text,
                               PARAGRAPH_PAUSE if n == 1 else SENTENCE_PAUSE)
        case ListBlock(items, ordered):
            for n, item in enumerate(items, start=1):
                yield _Element(bid, str(n), plain(item), PARAGRAPH_PAUSE if n == 1 else SENTENCE_PAUSE,
                               prefix=f"{n}. " if ordered else "")
        case Photo() | Video():
            yield from figure(bid, block, read_credits, language)
        case EndNote():
            labels = messages(language)
            chapter = labels["contributors"] if "contribut" in block.text.lower() else labels["note"]
            yield _Element(bid, "", block.text, SECTION_PAUSE, chapter)
        case _:
            raise TypeError(f"no spoken form for block {block!r}")


def figure(bid: str, block: Photo | Video, read_credits: bool = False,
           language: str = "en") -> Iterator[_Element]:
    """How a photo or video is announced: the one place a caption's spoken wording is decided.

    A credit is never read unless asked for, whether it has a line of its
    own or is still glued to the caption ("Credit...Name/Agency").  The
    labels are in the article's language.
    """
    labels = messages(language)
    match block:
        case Photo(caption, credit):
            photo, pause = True, PARAGRAPH_PAUSE
            credit_label = labels["photo_credit"]
        case Video(title, seconds, caption, credit):
            photo, pause = False, SENTENCE_PAUSE
            credit_label = labels["video_credit"]
            said = f"{labels['video']}: {title.strip()}" if title.strip() else labels["video"]
            if read_credits and seconds and primary_subtag(language) == "en":
                # Only English has a spoken duration ("1 minute and 45 seconds") yet.
                said = f"{sentence(said)} {labels['running_time']}: {spoken_duration(seconds)}"
            yield _Element(bid, "title", pause=PARAGRAPH_PAUSE, whole=said)
        case _:
            raise TypeError(f"not a photo or video: {block!r}")
    words_part, glued = uncredited(caption)
    later = ((glued, f"{credit_label}: {_CREDIT_IN_CAPTION.sub('', glued, count=1)}"),) \
        if read_credits and glued else ()
    if words_part or later:
        yield _Element(bid, "caption", words_part, pause,
                       prefix=f"{labels['photo']}: " if photo else "", later=later)
    if read_credits and credit.strip():
        yield _Element(bid, "credit", pause=SENTENCE_PAUSE, whole=f"{credit_label}: {credit.strip()}")


def uncredited(caption: str) -> tuple[str, str]:
    """The caption's own words, and a credit still glued to its end ("" if none)."""
    found = _CREDIT_IN_CAPTION.search(caption)
    if found is None:
        return caption.strip(), ""
    return caption[:found.start()].strip(), caption[found.start():].strip()


def sentence(text: str) -> str:
    """text closed with a full stop, so the voice falls as at a sentence's end."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."
