"""The spoken order of a whole article, as segments a voice reads one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from convert.model import (
    Article, Block, EndNote, Heading, ListBlock, Paragraph, Photo, Quote, Video, plain,
)
from convert.options import Options
from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable
from convert.speech.numerals import spoken_date, spoken_duration

# Seconds of silence before a segment.
PARAGRAPH_PAUSE = 0.6
SECTION_PAUSE = 1.4   # before a heading, the end note, and the body after the head

END_NOTE_CHAPTER = "Contributors"
NOTE_CHAPTER = "Note"


@dataclass(frozen=True)
class Segment:
    block_id: str            # "title", "dek", "byline", or a block's id (b001…)
    text: str                # already speakable
    pause_before: float = PARAGRAPH_PAUSE
    chapter: str | None = None   # a chapter starts here, with this title


def script(article: Article, options: Options, lexicon: Lexicon) -> list[Segment]:
    """Title, dek, byline with date, then the body blocks in order."""
    def say(text: str) -> str:
        return sentence(speakable(text, lexicon))

    segments = [Segment("title", say(article.title), 0.0, article.title)]
    if article.dek:
        segments.append(Segment("dek", say(article.dek)))
    head = " ".join(part for part in (byline(article.authors), _date(article)) if part)
    if head:
        segments.append(Segment("byline", say(head)))
    first = True
    for block_id, block in article.numbered():
        segment = _segment(block_id, block, options, say)
        if segment is None or not segment.text:
            continue
        if first and segment.pause_before < SECTION_PAUSE:
            segment = Segment(segment.block_id, segment.text, SECTION_PAUSE, segment.chapter)
        first = False
        segments.append(segment)
    return segments


def _segment(block_id: str, block: Block, options: Options, say) -> Segment | None:
    match block:
        case Paragraph():
            return Segment(block_id, say(block.text))
        case Heading(text):
            return Segment(block_id, say(text), SECTION_PAUSE, text)
        case Quote(paragraphs):
            return Segment(block_id, " ".join(say(p.text) for p in paragraphs if p.text.strip()))
        case ListBlock(items, ordered):
            spoken = [say(plain(item)) for item in items if plain(item).strip()]
            if ordered:
                spoken = [f"{n}. {text}" for n, text in enumerate(spoken, start=1)]
            return Segment(block_id, " ".join(spoken))
        case Photo() | Video():
            wording = describe(block, options.read_credits)
            return Segment(block_id, say(wording)) if wording else None
        case EndNote():
            chapter = END_NOTE_CHAPTER if "contribut" in block.text.lower() else NOTE_CHAPTER
            return Segment(block_id, say(block.text), SECTION_PAUSE, chapter)
        case _:
            raise TypeError(f"no spoken form for block {block!r}")


def describe(block: Photo | Video, read_credits: bool = False) -> str:
    """How a photo or video is announced to a listener, before normalisation."""
    match block:
        case Photo(caption, credit):
            parts = [f"Photo: {sentence(_uncredited(caption))}"] if caption.strip() else []
            if read_credits and credit.strip():
                parts.append(f"Photo credit: {sentence(credit.strip())}")
        case Video(title, seconds, caption, credit):
            parts = [f"Video: {sentence(title.strip())}"] if title.strip() else ["Video."]
            if caption.strip():
                parts.append(sentence(_uncredited(caption)))
            if read_credits and seconds:
                parts.append(f"Running time: {spoken_duration(seconds)}.")
            if read_credits and credit.strip():
                parts.append(f"Video credit: {sentence(credit.strip())}")
        case _:
            raise TypeError(f"not a photo or video: {block!r}")
    return " ".join(parts)


def byline(authors: tuple[str, ...]) -> str:
    """By A, B and C."""
    names = [name.strip() for name in authors if name.strip()]
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"By {joined}."


def sentence(text: str) -> str:
    """text closed with a full stop, so the voice falls as at a sentence's end."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _date(article: Article) -> str:
    return sentence(spoken_date(article.published)) if article.published else ""


def _uncredited(caption: str) -> str:
    # Clipped captions can still carry "Credit...Name/Agency" when the parser
    # could not split it off; a credit is only read when asked for.
    return re.split(r"\s*\bCredit(?:\.{2,}|…|:)", caption, maxsplit=1)[0].strip()
