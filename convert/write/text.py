"""Conversion of an Article to the plain-text edition.

One paragraph per line by default: screen readers and braille displays
reflow text themselves, and hard line ends would break words on a
braille line.  ``--wrap N`` is there for those who want them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from ..model import (Article, Block, EndNote, Heading, ListBlock, Paragraph, Photo, Quote,
                     Video, plain)
from ..options import Options
from ..locale import byline, long_date
from .files import atomic_path
from .words import media_note


# Begins each section heading's line (as in Markdown); the README documents it.
HEADING_MARK = "## "


def render(article: Article, wrap: int | None = None) -> str:
    """The whole text edition as one string."""
    language = article.language or "en"
    head = [article.title]
    if article.dek:
        head.append(article.dek)
    facts = [line for line in (byline(article.authors, language),
                               long_date(article.published, language),
                               article.source, article.url) if line]
    parts = ["\n\n".join(head), "\n".join(facts)] if facts else ["\n\n".join(head)]
    for block in article.blocks:
        parts.append(render_block(block, language))
    return "\n\n".join(_wrap(part, wrap) for part in parts if part) + "\n"


def render_block(block: Block, language: str = "en") -> str:
    match block:
        case Paragraph():
            return block.text
        case Heading(text):
            # An extra blank line sets a section apart for the eye; the mark
            # tells a braille or screen reader a heading from a short paragraph.
            return f"\n{HEADING_MARK}{text}"
        case Quote(paragraphs):
            return "\n\n".join(f"“{p.text}”" if not p.text.startswith(("“", '"')) else p.text
                               for p in paragraphs)
        case ListBlock(items, ordered):
            return "\n".join(f"{n}. {plain(item)}" if ordered else f"- {plain(item)}"
                             for n, item in enumerate(items, start=1))
        case Photo() | Video():
            return f"[{media_note(block, language)}]"
        case EndNote():
            return block.text
        case _:
            raise TypeError(f"the text edition cannot render {type(block).__name__}")


def _wrap(part: str, width: int | None) -> str:
    if not width:
        return part
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line else line
        for line in part.split("\n")
    )


def write(article: Article, target: Path, options: Options) -> list[Path]:
    with atomic_path(target) as tmp:
        tmp.write_text(render(article, options.wrap), encoding="utf-8", newline="\n")
    return [target]
