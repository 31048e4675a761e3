"""Saved web pages (HTML) to the document model.

A page saved with a browser's "Save page as" holds far more than the
article: menus, ads, share buttons, newsletter boxes, comments and related
links.  The work is split by job: ``metadata`` reads what the page says
about itself, ``content`` chooses the element that holds the article, and
``walk`` turns that element into blocks and inlines.  The page is
untrusted: only words, real links and local image files inside the page's
folder reach the model.  No bs4 object leaves this package.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from ... import clean
from ...errors import InputError
from ...model import Article, Heading, ListBlock, Paragraph, Quote, plain
from ..facts import apply
from .content import header_lines, lead_figures, main_content
from .metadata import first_heading, page_facts, page_title, time_element, title_heading
from .walk import (HEADER_WINDOW, Walker, drop_inserts, drop_leading_menu, drop_note_marks, drop_permalinks,
                   is_byline, take_header, words)


def parse(html: str, origin: Path | None = None, normalized: bool = False) -> Article:
    """Parse a saved web page into an Article.

    *normalized*: *html* has been through clean.normalize_text already (the
    pipeline reads every file so), and a second pass would change nothing.
    """
    try:
        return _parse(html if normalized else clean.normalize_text(html), origin)
    except RecursionError:
        raise InputError("is nested too deeply to be read as a page", origin) from None


# How sites end a description cut from the text: "…", "...", "(...)", "[…]", "… Continued".
CUT_MARK = re.compile(r"\s*(?:\.{3}|…|[(\[]\s*(?:\.{3}|…)\s*[)\]])\s*(?:continued|read more|more)?\s*$", re.I)
OPENING = 8   # the description is compared with the text's opening paragraphs


def repeats_the_text(dek: str, blocks: list) -> bool:
    """Is the description only the opening of the text, whole or cut short?"""
    stem = _bare(CUT_MARK.sub("", dek))
    texts = [_bare(_text(b)) for b in blocks[:OPENING] if isinstance(b, (Paragraph, Heading, ListBlock))]
    return bool(stem) and any("".join(texts[i:i + 3]).startswith(stem) for i in range(len(texts)))


STANDFIRST_REACH = 3   # a standfirst stands this close above the byline or dateline


def is_standfirst(dek: str, blocks: list, authors: tuple[str, ...] = ()) -> bool:
    """Is the description the page's own standfirst: a subtitle heading, or a line set above the
    byline or dateline?  Then it is the dek, however much it reads like the text's opening."""
    bare = _bare(dek)
    for index, block in enumerate(blocks[:HEADER_WINDOW]):
        if isinstance(block, (Paragraph, Heading)) and _bare(block.text) == bare:
            return isinstance(block, Heading) or any(
                isinstance(b, (Paragraph, Heading)) and (is_byline(b.text, authors)
                                                         or clean.parse_date(b.text) is not None)
                for b in blocks[index + 1:index + 1 + STANDFIRST_REACH])
    return False


# Menu items as a description strings them: "Home | News | Sport | Weather".
MENU_SEPARATOR = re.compile(r"\s+[|·•»›/>]\s+|\s*[|·•»›]\s*")
MENU_ITEMS, MENU_ITEM_WORDS = 3, 3


def is_menu(dek: str, linked: list) -> bool:
    """Is the description the site's menu: a run of short items, or the words of a block of links?"""
    items = [item for item in MENU_SEPARATOR.split(dek) if item.strip()]
    if len(items) >= MENU_ITEMS and all(len(item.split()) <= MENU_ITEM_WORDS for item in items):
        return True
    bare = _bare(dek)
    return any(_bare(_text(block)) == bare for block in linked)


def _text(block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(plain(item) for item in block.items)
    return block.text


def _bare(text: str) -> str:
    """*text* without its spaces: Chinese and Japanese paragraphs join without one, others with one."""
    return "".join(text.split())


def _parse(html: str, origin: Path | None) -> Article:
    with warnings.catch_warnings():
        # A page that is only an address is still a page (and then no
        # article); an XHTML page is read as HTML on purpose.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    drop_permalinks(soup)
    drop_note_marks(soup)
    facts = page_facts(soup)
    tab_title = page_title(soup)
    headline = title_heading(soup, tab_title)
    root = main_content(soup, html)
    if root is None or not words(root):
        raise InputError("no article text found", origin)
    title = facts.title or headline or first_heading(root) or tab_title or first_heading(soup)
    if not title:
        raise InputError("no title found", origin)
    walker = Walker(origin, facts.url, title)
    blocks = [photo for figure in lead_figures(root) for photo in walker.figure(figure)]
    blocks += walker.blocks(root)
    blocks = drop_inserts(drop_leading_menu(blocks, walker.linked), walker.link_text)
    if facts.dek and not is_standfirst(facts.dek, blocks, facts.authors) and (
            repeats_the_text(facts.dek, blocks) or is_menu(facts.dek, walker.linked)):
        facts.dek = ""   # the page's description is only the text's opening, or its menu: no dek
    blocks, header = take_header(blocks, title, facts.dek, facts.authors, walker.above_title)
    for line in header_lines(root):
        if (byline := clean.split_byline(line)) is not None:
            header.setdefault("authors", byline.names)
            if byline.date is not None:
                header.setdefault("date", byline.date)
        elif (date := clean.parse_date(line)) is not None:
            header.setdefault("date", date)
    if not any(isinstance(b, (Paragraph, Quote, ListBlock, Heading)) for b in blocks):
        raise InputError("no article text found", origin)
    facts.offer("published", header.get("date") or time_element(root) or time_element(soup))
    facts.offer("authors", header.get("authors"))
    facts.title = title
    article = Article(title=title, blocks=tuple(clean.mark_end_notes(blocks)), origin=origin,
                      source=clean.site_name(facts.url))
    return apply(article, facts)
