"""The chosen body of a saved page, walked into the model's blocks and inlines.

Only words, real links and local image files inside the page's folder
reach the model; no bs4 object leaves this package.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from bs4 import NavigableString, Tag

from ... import clean
from ...language import in_language, normalize_tag
from ...model import (Block, Emphasis, Foreign, Heading, Inline, Link, ListBlock, Paragraph, Photo,
                      Quote, Strong, Text, Video, plain)
from ..inline import Run, tidy
from .content import FALLBACK_SOURCE, LAZY_SOURCES, NOT_TEXT, tokens
from .tree import ancestor, children, elements, first

# Inside a figure, elements with these class words hold the credit, not the caption.
CREDIT_WORDS = frozenset("credit credits byline copyright attribution photographer source courtesy".split())
CREDIT_LABEL = re.compile(r"^(?:credit|photo|photograph|image)s?\s*(?:\.{2,}|…|:|by)\s*", re.I)

EMPHASIS_TAGS = frozenset({"em", "i", "cite", "dfn", "var"})
STRONG_TAGS = frozenset({"strong", "b"})
HEADING_TAGS = {"h2": 2, "h3": 3, "h4": 4}
MINOR_HEADINGS = frozenset({"h5", "h6"})   # below h4: a bold line, not a section
CONTAINER_TAGS = frozenset("""
    div section article main header hgroup body html center details summary dl dt dd address
    table thead tbody tfoot tr td th caption fieldset span
""".split())
BLOCK_TAGS = frozenset("""
    p h1 h2 h3 h4 h5 h6 blockquote ul ol figure img picture pre hr table tr li video
    div section article main header hgroup center details dl dt dd address
""".split()) - {"img", "picture"}   # an image inside running text is dropped, not a block

# A heading's own address: a link whose only text is a sign ("¶", "#", "§", "🔗") or whose
# class names it (Sphinx's "headerlink", "anchor-link", "header-anchor", "permalink").
PERMALINK_SIGNS = frozenset("¶ # § 🔗 ⚓ ⁋ ↩ ∞ 🔖".split())
PERMALINK_CLASS = re.compile(r"(?:^|\s)(?:header-?link|anchor-?link|(?:header|heading)-?anchor|perma-?link)(?:\s|$)",
                             re.I)
# A footnote's mark or its back-link: "1", "[12]", "(3)", "*", "†", "iv".
NOTE_MARK = re.compile(r"^[\[(]?(?:\d{1,3}|[*†‡]{1,3}|[ivx]{1,4})[\])]?$")
BACK_SIGNS = frozenset("↩ ↑ ^ ⤴ ⬆ ↩︎".split())   # a note's link back to its mark
NOTE_NAME = re.compile(r"foot|endnote|(?:^|[^a-z])(?:fn|fnref|note|notes|cite|ref|refs)(?:[^a-z]|$)", re.I)
# A table cell holding a table, a heading or a section, or more than LAYOUT_BLOCKS paragraphs
# and boxes, is page layout; a cell of data holds a few words, a paragraph or a list.
LAYOUT_CELL_TAGS = frozenset(["table", "h1", "h2", "h3", "h4", "article", "section", "main", "nav"])
LAYOUT_BOX_TAGS = frozenset(["p", "div", "ul", "ol", "blockquote"])
LAYOUT_BLOCKS = 3
LINKED_SHARE = 0.8   # a block this much link text is a menu's line, if it stands among others
MENU_LINES = 3       # link-like blocks before the text that make a menu
MAX_DEPTH = 60      # deeper nesting is read as plain words: no article needs more
PIXEL_MAX = 2       # an image this small (width or height) is a tracking pixel
HEADER_WINDOW = 8   # byline and date lines are looked for among the first blocks
PULL_QUOTE_WORDS = 6   # a shorter line may well recur in the text by chance
LABEL_WORDS = 3     # a section's label above the headline ("Transport", "World news")


class LinkText(NamedTuple):
    """How much of a paragraph's or list's words were link text on the page."""

    block: Block          # kept, so that the block's id stays its own
    linked: int           # words inside links
    words: int            # words in all
    above_title: bool     # met before the headline

    @property
    def mostly_links(self) -> bool:
        """A menu's line or a list of links to other pages: nearly all its words are link text."""
        return bool(self.words) and self.linked >= LINKED_SHARE * self.words


class Walker:
    """Turns the article element into model blocks and inlines."""

    def __init__(self, origin: Path | None, base: str, title: str):
        self.origin = origin
        self.base = base
        self.title = title
        self.title_seen = False
        self.link_text: dict[int, LinkText] = {}   # by the id of each paragraph and list made

    @property
    def linked(self) -> list[Block]:
        """The blocks whose words are nearly all link text."""
        return [found.block for found in self.link_text.values() if found.mostly_links]

    @property
    def above_title(self) -> list[Block]:
        """Those of them met before the headline."""
        return [found.block for found in self.link_text.values() if found.mostly_links and found.above_title]

    def blocks(self, root: Tag, depth: int = 0) -> list[Block]:
        if depth > MAX_DEPTH:
            text = words(root)
            return [Paragraph((Text(text),))] if text else []
        out: list[Block] = []
        run: list = []

        def flush() -> None:
            if run:
                inlines = tidy(self.inlines(run))
                if plain(inlines).strip():
                    out.append(self._note_links(Paragraph(inlines), run))
                run.clear()

        for child in root.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, NOT_TEXT):
                    run.append(child)
            elif isinstance(child, Tag):
                if child.name == "br" and run and isinstance(run[-1], Tag) and run[-1].name == "br":
                    run.pop()
                    flush()       # two line breaks in a row end a paragraph
                elif child.name in ("img", "picture") or (child.name not in BLOCK_TAGS and _only_images(child)):
                    # An image between paragraphs (bare, or wrapped in a link to its larger
                    # copy): a photo if it says what it shows.
                    flush()
                    out.extend(self.images(child))
                elif child.name in BLOCK_TAGS or (child.name in CONTAINER_TAGS and _has_blocks(child)):
                    flush()
                    found = self.block(child, depth + 1)
                    if language := _own_language(child):   # <blockquote lang="fr">
                        found = [self._same(block, in_language(block, language)) for block in found]
                    out.extend(found)
                else:
                    run.append(child)
        flush()
        return out

    def block(self, tag: Tag, depth: int) -> list[Block]:
        name = tag.name
        if name == "p":
            if _only_images(tag):
                return self.images(tag)
            return self.blocks(tag, depth) if _has_blocks(tag) else self.paragraph(tag)
        if name == "h1":
            text = words(tag)
            if not self.title_seen and (text == self.title or not text):
                self.title_seen = True
                return []
            return [Heading(text)] if text else []
        if name in HEADING_TAGS:
            text = words(tag)
            return [Heading(text)] if text else []
        if name in MINOR_HEADINGS:
            inlines = tidy(self.inlines(tag.children))
            return [Paragraph((Strong(inlines),))] if inlines else []
        if name == "blockquote":
            paragraphs = tuple(_as_paragraph(b) for b in self.blocks(tag, depth))
            paragraphs = tuple(p for p in paragraphs if p is not None and p.text)
            return [Quote(paragraphs)] if paragraphs else []
        if name in ("ul", "ol"):
            if any(first(li, ("figure",)) is not None or _only_images(li) for li in _list_items(tag)):
                # A gallery marked up as a list: its items are photos, which a list item cannot hold.
                return [block for li in _list_items(tag) for block in self.blocks(li, depth)]
            items = tuple(i for i in (tidy(self.inlines(li.children)) for li in _list_items(tag))
                          if plain(i).strip())
            return [self._note_links(ListBlock(items, ordered=name == "ol"), [tag])] if items else []
        if name == "figure":
            return self.figure(tag)
        if name == "video":
            return [Video(title=clean.collapse_spaces(str(tag.get("title", ""))))]
        if name == "pre":
            text = clean.collapse_spaces(tag.get_text(" "))
            return [Paragraph((Text(text),))] if text else []
        if name == "tr":
            cells = children(tag, ("td", "th"))
            if any(_is_layout(cell) for cell in cells):
                # A page laid out with a table: its cells hold paragraphs, not data.
                return [block for cell in cells for block in self.blocks(cell, depth)]
            text = "; ".join(c for c in (words(cell) for cell in cells) if c)
            return [self._note_links(Paragraph((Text(text),)), cells)] if text else []
        if name == "hr":
            return []
        return self.blocks(tag, depth)

    def paragraph(self, tag: Tag) -> list[Block]:
        inlines = tidy(self.inlines(tag.children))
        return [self._note_links(Paragraph(inlines), [tag])] if plain(inlines).strip() else []

    def _same(self, block: Block, new: Block) -> Block:
        """*new*, standing for *block* (the same words, now marked with their language)."""
        if (found := self.link_text.get(id(block))) is not None:
            self.link_text[id(new)] = found._replace(block=new)
        return new

    def _note_links(self, block: Block, nodes) -> Block:
        """*block*, remembered with how many of the words of its *nodes* are link text."""
        total = linked = 0
        for node in nodes:
            if isinstance(node, Tag):
                count = len(node.get_text(" ").split())
                total += count
                linked += count if node.name == "a" else sum(len(a.get_text(" ").split())
                                                              for a in node.find_all("a"))
            elif not isinstance(node, NOT_TEXT):
                total += len(str(node).split())
        self.link_text[id(block)] = LinkText(block, linked, total, not self.title_seen)
        return block

    # --- photos ---

    def figure(self, tag: Tag) -> list[Block]:
        caption_tag = first(tag, ("figcaption",))
        credit_parts: list[str] = []
        caption = ""
        if caption_tag is not None:
            for credit_tag in [t for t in elements(caption_tag) if _is_credit(t)]:
                credit_parts.append(words(credit_tag))
                credit_tag.decompose()
            caption = words(caption_tag)
            caption_tag.decompose()
        for credit_tag in [t for t in elements(tag) if _is_credit(t)]:
            credit_parts.append(words(credit_tag))
            credit_tag.decompose()
        credit = clean.collapse_spaces(" ".join(p for p in credit_parts if p))
        credit = CREDIT_LABEL.sub("", credit)
        if not credit and (split := clean.split_credit(caption)) is not None:
            caption, credit = split
        if first(tag, ("video",)) is not None:
            return [Video(title="", caption=caption, credit=credit)]
        img = first(tag, ("img",))
        if img is None:
            inner = self.blocks(tag, MAX_DEPTH)
            return inner + ([Paragraph((Text(caption),))] if caption else [])
        shown = [i for i in tag.find_all("img") if not _is_pixel(i)]
        if len(shown) > 1:
            # A gallery in one figure (Ghost, WordPress galleries): a photo for each image,
            # said by its own alt text; the shared caption follows them.
            photos = [Photo(caption=clean.collapse_spaces(str(i.get("alt", ""))) or caption,
                            credit=credit.rstrip("."), image=self.image(i)) for i in shown]
            photos = [p for p in photos if p.caption or p.credit]
            if caption and not any(p.caption == caption for p in photos):
                return photos + [Paragraph((Text(caption),))]
            return photos
        alt = clean.collapse_spaces(str(img.get("alt", "")))
        caption = caption or alt
        if not caption and not credit:
            return []
        return [Photo(caption=caption, credit=credit.rstrip("."), image=self.image(img))]

    def images(self, tag: Tag) -> list[Block]:
        photos: list[Block] = []
        for img in ([tag] if tag.name == "img" else tag.find_all("img", limit=1 if tag.name == "picture" else None)):
            alt = clean.collapse_spaces(str(img.get("alt", "")))
            if alt and not _is_pixel(img):
                photos.append(Photo(caption=alt, image=self.image(img)))
        return photos

    def image(self, img: Tag) -> Path | None:
        """The local file the image shows, inside the page's folder; else None."""
        # The lazy loader's address first: ``src`` may be a placeholder that
        # happens to be a local file too.
        keys = (*LAZY_SOURCES, "src", "srcset", FALLBACK_SOURCE)
        candidates = [_first_source(img.get(key)) if key.endswith("srcset") else img.get(key) for key in keys]
        for src in candidates:
            if not isinstance(src, str) or not src.strip():
                continue
            try:
                parts = urlsplit(src.strip())
            except ValueError:   # not an address at all ("http://[oops")
                continue
            if parts.scheme or parts.netloc:
                continue   # remote (or data:, file:, javascript:): never fetched, never embedded
            found = clean.local_image(unquote(parts.path), self.origin)
            if found is not None:
                return found
        return None

    # --- inlines ---

    def inlines(self, nodes, depth: int = 0) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            if depth > MAX_DEPTH and isinstance(node, Tag):
                out.append(Text(node.get_text(" ")))
                continue
            if isinstance(node, NavigableString):
                if not isinstance(node, NOT_TEXT):
                    out.append(Text(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if (language := _own_language(node)) and name not in BLOCK_TAGS:
                del node["lang"]    # read the element as usual, then mark its language
                node.attrs.pop("xml:lang", None)
                out.append(Foreign(tuple(self.inlines([node], depth + 1)), language))
            elif name == "br":
                out.append(Text(" "))
            elif name in ("img", "picture", "video", "hr"):
                continue   # an image in running text has no place in a paragraph
            elif name in EMPHASIS_TAGS:
                out.append(Emphasis(tuple(self.inlines(node.children, depth + 1))))
            elif name in STRONG_TAGS:
                out.append(Strong(tuple(self.inlines(node.children, depth + 1))))
            elif name == "a":
                children = self.inlines(node.children, depth + 1)
                url = self.link(node.get("href"))
                out.append(Link(tuple(children), url) if url else Run(children))
            elif name == "q":
                out.extend([Text("“"), *self.inlines(node.children, depth + 1), Text("”")])
            elif name in BLOCK_TAGS or name in ("li",):
                out.extend([Text(" "), *self.inlines(node.children, depth + 1), Text(" ")])
            else:
                out.extend(self.inlines(node.children, depth + 1))
        return out

    def link(self, href) -> str:
        """A real http(s) or mailto address, relative ones resolved against the page's; else ""."""
        return clean.link_url(href, self.base) if isinstance(href, str) else ""


# --- helpers ------------------------------------------------------------------------


def drop_note_marks(root: Tag) -> None:
    """Remove footnote marks and their back-links: a link within the page whose text is a
    note's number or sign ("1", "[2]", "*", "†"), and the link from the note back to it
    ("↩", "^", or the number again); no edition has note references, and a listener would
    hear "than that one".  The notes themselves stay."""
    inner = [a for a in elements(root, ("a",)) if a.get("href") is not None and str(a["href"]).startswith("#")]
    marks = [a for a in inner if NOTE_MARK.match(a.get_text().strip()) and _is_note_link(a, a.get_text().strip())]
    anchors = {str(tag["id"]) for a in marks for tag in (a, ancestor(a, ("sup",))) if tag is not None and tag.get("id")}
    backs = [a for a in inner if str(a["href"])[1:] in anchors
             and (NOTE_MARK.match(text := a.get_text().strip()) or text in BACK_SIGNS)]
    for link in marks + backs:
        if vars(link).get("_decomposed") or link.attrs is None:
            continue
        holder = link.parent
        link.decompose()
        if isinstance(holder, Tag) and holder.name == "sup" and not holder.get_text().strip():
            holder.decompose()


def _is_note_link(link: Tag, text: str) -> bool:
    """A mark set up (<sup>), in brackets, or whose address, class or id names a note; not a
    section's or page's number in a table of contents (``<a href="#section-2">2</a>``)."""
    names = " ".join([str(link["href"]), str(link.get("id", "")), *link.get("class", [])])
    return (ancestor(link, ("sup",)) is not None or text[0] in "[(" or text[0] in "*†‡"
            or NOTE_NAME.search(names) is not None)


def drop_permalinks(root: Tag) -> None:
    """Remove the permalink signs pages put after headings (and the title), which are no words of the text."""
    for link in elements(root, ("a",)):
        if vars(link).get("_decomposed") or link.attrs is None:
            continue
        text = "".join(link.get_text().split()).replace("\ufe0f", "").replace("\ufe0e", "")
        classes = " ".join(link.get("class", []))
        if text in PERMALINK_SIGNS or (PERMALINK_CLASS.search(classes) and not any(ch.isalnum() for ch in text)):
            link.decompose()


def _own_language(tag: Tag) -> str:
    """The language a tag inside the article marks its passage as, or empty."""
    attrs = tag.attrs
    if not attrs or ("lang" not in attrs and "xml:lang" not in attrs):
        return ""   # asked of every element walked: most have no attributes at all
    return normalize_tag(str(tag.get("lang") or tag.get("xml:lang") or ""))


def words(tag: Tag) -> str:
    return clean.collapse_spaces(tag.get_text(" "))


def _list_items(tag: Tag) -> list[Tag]:
    """A list's items, with those of a list put straight inside it (``<ol><li>…</li><ol>…</ol>``,
    which pages write for a sub-list) taken as items too."""
    items: list[Tag] = []
    for child in tag.children:
        if isinstance(child, Tag):
            if child.name == "li":
                items.append(child)
            elif child.name in ("ul", "ol"):
                items += _list_items(child)
    return items


def _is_layout(cell: Tag) -> bool:
    boxes = 0
    for node in cell.descendants:
        if isinstance(node, Tag):
            if node.name in LAYOUT_CELL_TAGS:
                return True
            if node.name in LAYOUT_BOX_TAGS:
                boxes += 1
    return boxes > LAYOUT_BLOCKS


def _has_blocks(tag: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name in BLOCK_TAGS for c in tag.children)


def _only_images(tag: Tag) -> bool:
    return first(tag, ("img",)) is not None and not words(tag)


def _first_source(value) -> str:
    """The first address of a ``srcset`` value ("a.jpg 800w, b.jpg 400w" gives "a.jpg")."""
    if not isinstance(value, str) or not value.strip():
        return ""
    return (value.strip().split(",")[0].split() or [""])[0]


def _is_pixel(img: Tag) -> bool:
    for side in ("width", "height"):
        value = str(img.get(side, "")).strip().removesuffix("px")
        if value.isdigit() and int(value) <= PIXEL_MAX:
            return True
    return False


def _is_credit(tag: Tag) -> bool:
    if not isinstance(tag, Tag) or tag.attrs is None:
        return False
    classes = set(re.split(r"[\s_-]+", " ".join(tag.get("class", [])).lower()))
    prop = str(tag.get("itemprop", "")).lower()
    return bool(classes & CREDIT_WORDS) or prop in ("copyrightholder", "creator", "author", "creditText".lower())


def _as_paragraph(block: Block) -> Paragraph | None:
    match block:
        case Paragraph():
            return block
        case Heading(text):
            return Paragraph((Text(text),))
        case ListBlock(items):
            return Paragraph(tuple(Text(plain(i) + " ") for i in items)) if items else None
        case Quote(paragraphs):
            return Paragraph((Text(" ".join(p.text for p in paragraphs)),))
        case _:
            return None


def drop_leading_menu(blocks: list[Block], linked: list[Block]) -> list[Block]:
    """*blocks* without the site's menu above the text: a run of short blocks, most of them only links.

    Pages laid out without navigation markup put the menu in the same
    container as the article; above the first heading, photo or full
    paragraph, at least MENU_LINES blocks of links (with the odd label such
    as "Not logged in" between them, and perhaps the site's logo above them)
    are the menu, not a dek or the text.
    """
    ids = {id(block) for block in linked}
    last, count = -1, 0
    for index, block in enumerate(blocks):
        if isinstance(block, Photo) and not count:
            continue   # the site's logo above its menu
        if not isinstance(block, (Paragraph, ListBlock)) or (
                isinstance(block, Paragraph) and len(block.text.split()) > 12 and id(block) not in ids):
            break
        if id(block) in ids:
            last, count = index, count + 1
    if count >= MENU_LINES and count * 2 > last + 1:
        return blocks[last + 1:]
    return blocks


def is_byline(text: str, authors: tuple[str, ...]) -> bool:
    """Is *text* a byline: "By A and B", or only the names of the *authors* the page names?"""
    if clean.byline_authors(text) is not None:
        return True
    names = {n.casefold() for n in clean.byline_authors(f"By {text}") or ()}
    return bool(names) and names == {n.casefold() for n in authors}


def take_header(blocks: list[Block], title: str, dek: str, authors: tuple[str, ...] = (),
                labels: list[Block] = ()) -> tuple[list[Block], dict]:
    """Drop the title, dek, byline and date lines a page repeats above the text; keep what they say.

    Above the text, a line of only the *authors* the page names is their byline
    ("Priya Nandakumar", no "By"), and a short line of only a link among the *labels*
    (the linked lines above the headline) is the section's label ("Transport").
    """
    header: dict = {}
    out: list[Block] = []
    labels = {id(block) for block in labels}
    for index, block in enumerate(blocks):
        if index < HEADER_WINDOW and isinstance(block, (Paragraph, Heading)) and "body" not in header:
            text = block.text
            if text in (title, dek):
                continue
            if id(block) in labels and len(text.split()) <= LABEL_WORDS:
                continue
            if (byline := clean.split_byline(text)) is not None:
                header.setdefault("authors", byline.names)
                if byline.date is not None:   # "By A | March 3, 2024"
                    header.setdefault("date", byline.date)
                continue
            if is_byline(text, authors):
                continue
            if (date := clean.parse_date(text)) is not None:
                header.setdefault("date", date)
                continue
        if "body" not in header and isinstance(block, Paragraph) and len(block.text.split()) > 12:
            header["body"] = True
        out.append(block)
    header.pop("body", None)
    return out, header


def drop_inserts(blocks: list[Block], link_text: dict[int, LinkText]) -> list[Block]:
    """*blocks* without what a page sets between its paragraphs: "Related: <link>" lines and
    "More from…" lists of links, the lines every page carries ("Advertisement"; the rules the Markdown parser uses too), and pull quotes.

    *link_text* tells how many words of a paragraph were link text on the page.

    A pull quote repeats words of the text in large type; read aloud it is
    heard twice.  A quote or a short paragraph whose words all stand, in
    order, inside one other paragraph is one.
    """
    plain_texts = [b.text if isinstance(b, Paragraph) else "" for b in blocks]   # each worked out once
    words = [tokens(text) for text in plain_texts]
    texts = [" " + " ".join(found) + " " if isinstance(b, Paragraph) else "" for b, found in zip(blocks, words)]
    # A needle stands in a longer paragraph when it is found more often than as a whole
    # paragraph; one search of the joined texts instead of one of each paragraph.
    joined, whole = "\n".join(texts), Counter(texts)
    out: list[Block] = []
    skip = False
    for index, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        text = plain_texts[index]
        # A heading over links to other articles (clean.RELATED): "More from Field Notes", "You may also like".
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, (Heading, Paragraph)) and clean.is_related_label(block.text) \
                and isinstance(nxt, ListBlock) and _mostly_links(nxt, link_text):
            skip = True
            continue
        if isinstance(block, Paragraph) and clean.is_page_furniture(text.strip()):
            continue   # "Advertisement", "Continue reading the main story"
        # A line of links after a label (clean.RELATED): "Related: …", "Read more: …", "Lire aussi : …".
        if isinstance(block, Paragraph) and (label := clean.RELATED.match(text)) \
                and label["rest"] is not None \
                and _words_linked(block, link_text) >= LINKED_SHARE * len(label["rest"].split()):
            continue
        if isinstance(block, (Quote, Paragraph)):
            if isinstance(block, Quote):
                found = tokens(" ".join(p.text for p in block.paragraphs))
                needle = " " + " ".join(found) + " "
            else:
                found, needle = words[index], texts[index]
            if len(found) >= PULL_QUOTE_WORDS and joined.count(needle) > whole[needle]:
                continue
        out.append(block)
    return out


def _words_linked(block: Block, link_text: dict[int, LinkText]) -> int:
    found = link_text.get(id(block))
    return found.linked if found is not None and found.block is block else 0


def _mostly_links(block: Block, link_text: dict[int, LinkText]) -> bool:
    found = link_text.get(id(block))
    return found is not None and found.block is block and found.mostly_links
