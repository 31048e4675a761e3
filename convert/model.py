"""The document model every parser produces and every writer reads.

Frozen dataclasses and the standard library only: no parser or writer
library may leak in here.  A writer that needs a fact about the article
finds it in these types; a parser computes that fact once.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Union


# --- inlines ---------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """Words with no markup."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Stressed words (``*a*``, ``<em>``)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Strong:
    """Words of strong importance (``**a**``, ``<strong>``)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    """A real hyperlink (http, https or mailto); broken links become Text."""

    children: tuple["Inline", ...]
    url: str


@dataclass(frozen=True)
class Foreign:
    """A passage its source marks as in another language (``<span lang="fr">``).

    The EPUB keeps the mark, so a screen reader switches voice for it.
    """

    children: tuple["Inline", ...]
    language: str


Inline = Union[Text, Emphasis, Strong, Link, Foreign]


def plain(inlines: tuple[Inline, ...]) -> str:
    """The words of a run of inlines, with all markup dropped."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text):
                parts.append(text)
            case Emphasis(children) | Strong(children) | Link(children, _) | Foreign(children, _):
                parts.append(plain(children))
            case _:
                raise TypeError(f"unknown inline {node!r}")
    return "".join(parts)


# --- blocks ----------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body."""

    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain(self.inlines)


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body (the title is not a Heading)."""

    text: str


@dataclass(frozen=True)
class Quote:
    """A block quotation: one or more paragraphs set apart."""

    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class ListBlock:
    """A list: each item a run of inlines, numbered when *ordered*."""

    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class Photo:
    """A photo: its caption is what a screen reader announces as alt text."""

    caption: str
    credit: str = ""
    image: Path | None = None  # a local image file, already checked to exist


@dataclass(frozen=True)
class Video:
    """An embedded video; only its description survives into the editions."""

    title: str
    seconds: int | None = None
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class EndNote:
    """A closing line set apart, e.g. who contributed reporting."""

    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain(self.inlines)


Block = Union[Paragraph, Heading, Quote, ListBlock, Photo, Video, EndNote]


def with_inlines(block: Block, change: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> Block:
    """*block* with *change* applied to each of its runs of inlines.

    Headings, photos and videos hold plain strings and come back as they are.
    """
    match block:
        case Paragraph(inlines):
            return Paragraph(change(inlines))
        case EndNote(inlines):
            return EndNote(change(inlines))
        case Quote(paragraphs):
            return Quote(tuple(Paragraph(change(p.inlines)) for p in paragraphs))
        case ListBlock(items, ordered):
            return ListBlock(tuple(change(item) for item in items), ordered)
        case _:
            return block


# --- the article -----------------------------------------------------------

@dataclass(frozen=True)
class Article:
    """One news article: what every parser makes and every writer reads."""

    title: str
    blocks: tuple[Block, ...] = ()
    dek: str = ""
    authors: tuple[str, ...] = ()
    published: _dt.date | None = None
    source: str = ""
    url: str = ""
    # BCP 47 tag.  A parser sets only what the source declares; convert.language
    # settles it after parsing, so every writer finds it set.
    language: str = ""
    # Where the article came from (its file); images are resolved against it.
    origin: Path | None = field(default=None, compare=False)

    def numbered(self) -> Iterator[tuple[str, Block]]:
        """Each block with its stable id (``b001``…), shared by every edition."""
        for index, block in enumerate(self.blocks, start=1):
            yield block_id(index), block


def block_id(index: int) -> str:
    return f"b{index:03d}"
