"""Clipped Markdown (and plain text) to the document model."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import clean
from ..clean import mark_end_notes
from ..errors import InputError
from ..model import (Article, Block, Emphasis, EndNote, Heading, Link, ListBlock, Paragraph, Photo,
                     Quote, Strong, Text, Video, plain)
from . import frontmatter
from . import inline
from .inline import parse_inlines

# --- raw chunks: what the clipper laid out, before any meaning is given ----------


@dataclass
class Chunk:
    """A run of lines as the clipper laid it out, before it means anything."""

    kind: str                 # heading, image, quote, list, rule, para, refdef
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    ordered: bool = False
    src: str = ""
    credit: str = ""
    captioned: bool = False   # an image whose caption line has been attached
    table: bool = False       # a list made of a table's rows
    ref: str = ""             # a reference-style image's label, resolved against refs


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^(=+|-+)\s*$")
RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
BULLET = re.compile(r"^\s{0,3}[-*+•]\s+(.*)$")
NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
QUOTE_LINE = re.compile(r"^\s{0,3}>\s?(.*)$")
IMAGE_ONLY = re.compile(r"^\s*!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<src>[^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)\s*$")
# A heading's link to itself, "## Who decides? [#](#who-decides)": a page's "¶" button, no words.
HEADING_ANCHOR = re.compile(r"^(?P<head>#{1,6}[ \t].*?)[ \t]*\[(?:#|¶|§|🔗|link)?\]\(#[^()\s]*\)[ \t]*(?P<tail>.*)$",
                            re.M)
# A reference-style image: "![A closed bridge][hero]" with "[hero]: url" further down.
REF_IMAGE = re.compile(r"^\s*!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\[(?P<ref>[^\[\]]*)\]\s*$")
# Obsidian's embed of a saved image: "![[door.jpg]]", "![[door.jpg|The vault door]]".
EMBED = re.compile(r"^\s*!\[\[(?P<src>[^\]|]+)(?:\|(?P<alt>[^\]]*))?\]\]\s*$")
# An Obsidian or GitHub callout's first line: "[!note] Correction".
CALLOUT = re.compile(r"^\s*\[!(?P<kind>[A-Za-z-]+)\][+-]?[ \t]*(?P<title>.*)$")
# "[![alt](src)](href)": an image linked to its full size.
LINKED_IMAGE = re.compile(r"^\s*\[\s*(?P<image>!\[.*\]\(.*\))\s*\]\(\s*<?[^()\s<>]*>?\s*\)\s*$")
REF_DEF = re.compile(r"^\s{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
URL_ONLY = re.compile(r"^(?:\[(?P<label>[^\]]*)\]\((?P<href>[^)\s]+)\)|<?(?P<bare>https?://\S+?)>?)$")

# "Read more: <headline>", "Related: <headline>" (clean.RELATED): a pointer to another article.
# Only a line a headline long: "See also" can open a sentence of the story.
POINTER_MAX_WORDS = 20

# A row of sharing buttons: "Share on Facebook Share on X", "Facebook | Twitter | Email".
SHARE_ROW = re.compile(
    r"^(?:(?:(?:share|tweet|post|e-?mail|print|copy link|save|pin)(?:\s+(?:this|article|story|link))?"
    r"(?:\s+(?:on|via|to|by))?"
    r"|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|messenger|bluesky|threads"
    r"|flipboard|mail)(?:\s*[|·•,/]\s*|\s+|$))+$"
    # The same in other languages: "Deel dit artikel", "Delen via WhatsApp", "Artikel teilen".
    r"|^(?:(?:deel|delen|teilen|partager|partagez|condividi|condividere|compartir|comparte|compartilhar)\b(?:\s+\S+){0,3}"
    r"|(?:\S+\s+){0,2}(?:teilen|delen|partager|condividi|compartir|compartilhar))$",
    re.I,
)

# A photo credit left without its photo: "Foto: ANP", "Photo: Getty Images", "Bild: dpa/Jan Weber".
CREDIT_LEFTOVER = re.compile(
    rf"^(?:(?:credit|{clean.PHOTO_LABELS})s?\s*(?:[:：]|by)|(?:image|media|photo) source\s*[,:])"
    r"\s*(?P<credit>[^.!?]{1,60})$", re.I)

# Raw HTML that runs code or styles the page: its contents are never words of
# the article.  An unclosed tag swallows the rest of its block, as a browser would.
RAW_CODE = re.compile(
    r"<(?P<tag>script|style|noscript|template|iframe|object|svg|math)\b[^>]*>"
    r"(?:.*?</(?P=tag)\s*>|[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*)"
    r"|<!--.*?(?:-->|\Z)",
    re.I | re.S,
)

# "Reporting from Kyiv, Ukraine" says where, not who published: it stays in the body.
DATELINE = re.compile(r"^(?:reporting|writing|filed|filing) from\b", re.I)

BYLINE_WINDOW = 8       # header fields are looked for among this many chunks after the title
SOURCE_MAX_WORDS = 5    # a source line is a short label ("NY Times"), never a sentence


def parse(text: str, origin: Path | None = None, normalized: bool = False) -> Article:
    """Parse a clipped Markdown or plain-text article.

    *normalized*: *text* has been through clean.normalize_text already (the
    pipeline reads every file so), and a second pass would change nothing.
    """
    _words.cache_clear()   # a memo for this article only
    text = RAW_CODE.sub("", text if normalized else clean.normalize_text(text))
    # Clippers' additions: a YAML header whose facts win, footnotes kept as end notes.
    front, text = frontmatter.split(text)
    text, notes = clean.split_footnotes(clean.separate_plain_lines(text))
    text = HEADING_ANCHOR.sub(lambda m: f"{m['head']} {m['tail']}".rstrip(), text)
    if front.title:
        text = frontmatter.with_title(text, front.title)
    chunks, refs = split_chunks(text)
    chunks = attach_captions(without_related(chunks, refs))
    if not any(c.kind in ("para", "heading", "quote", "list", "image") for c in chunks):
        raise InputError("no article text found", origin)
    title, rest = take_title(chunks, refs)
    if not title:
        raise InputError("no title found", origin)
    head, body = take_header(rest, refs, origin, front.dek)
    blocks = body_blocks(body, refs, origin)
    article = Article(
        title=title,
        dek=head.get("dek", ""),
        authors=head.get("authors", ()),
        published=head.get("date"),
        source=head.get("source") or clean.site_name(head.get("url", "")),
        url=head.get("url", ""),
        blocks=tuple(head.get("photos", [])) + blocks + tuple(EndNote(parse_inlines(n)) for n in notes),
        origin=origin,
    )
    return _without_site_name(frontmatter.apply(article, front))


def _without_site_name(article: Article) -> Article:
    """A clipper keeps the page's ``<title>``: "Headline | The Gazette" is the headline, from The Gazette."""
    if article.source in article.authors:   # a blog's author named alone above the text: no site name
        article = dataclasses.replace(article, source=clean.site_name(article.url))
    title, site = clean.split_site_name(article.title, article.source, article.url)
    if not site:
        return article
    source = site if article.source in ("", clean.site_name(article.url)) else article.source
    return dataclasses.replace(article, title=title, source=source)


def _dateline(lines: list[str], i: int) -> bool:
    """A line such as "12. September 2023" standing alone: a German dateline, not a list."""
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
    return alone and clean.foreign_date(clean.collapse_spaces(lines[i])) is not None


def split_chunks(text: str) -> tuple[list[Chunk], dict[str, str]]:
    """Blank-line separated chunks, with headings, lists, quotes and images told apart."""
    chunks: list[Chunk] = []
    refs: dict[str, str] = {}
    for group in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [line for line in group.split("\n") if line.strip()]
        if not lines:
            continue
        for chunk in _chunk_lines(lines, refs):
            previous = chunks[-1] if chunks else None
            if chunk.kind == "list" and previous is not None and previous.kind == "list" \
                    and previous.ordered == chunk.ordered and not (previous.table or chunk.table):
                previous.items.extend(chunk.items)   # a loose list: its items stand a blank line apart
            else:
                chunks.append(chunk)
    return chunks, refs


def _chunk_lines(lines: list[str], refs: dict[str, str]) -> list[Chunk]:
    out: list[Chunk] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(Chunk("para", " ".join(line.strip() for line in para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if m := REF_DEF.match(line):
            refs[m.group("label").lower()] = m.group("url")
        elif m := HEADING.match(line):
            flush()
            out.append(Chunk("heading", m.group(2), level=len(m.group(1))))
        elif para and SETEXT.match(line) and len(para) == 1:
            out.append(Chunk("heading", para.pop().strip(), level=1 if line.strip()[0] == "=" else 2))
        elif RULE.match(line):
            flush()
            out.append(Chunk("rule"))
        elif m := IMAGE_ONLY.match(line) or IMAGE_ONLY.match(_unlinked(line)):
            flush()
            out.append(Chunk("image", m.group("alt"), src=m.group("src")))
        elif m := REF_IMAGE.match(line):
            flush()
            out.append(Chunk("image", m.group("alt"), ref=(m.group("ref") or m.group("alt")).lower()))
        elif m := EMBED.match(line):
            flush()
            alt = m.group("alt") or ""
            out.append(Chunk("image", "" if re.fullmatch(r"\d+(?:x\d+)?", alt.strip()) else alt, src=m.group("src")))
        elif QUOTE_LINE.match(line):
            flush()
            quoted = []
            while i < len(lines) and (m := QUOTE_LINE.match(lines[i])):
                quoted.append(m.group(1))
                i += 1
            if quoted and (callout := CALLOUT.match(quoted[0])):
                # The callout's title opens its text: "Correction: An earlier version…".
                title = callout.group("title").strip()
                rest = quoted[1:]
                if title and rest and rest[0].strip():
                    rest[0] = f"{title}{'' if clean.TERMINAL.search(title) else ':'} {rest[0]}"
                quoted = rest if rest and (rest[0].strip() or not title) else [title]
            out.append(Chunk("quote", items=[p for p in re.split(r"\n\s*\n", "\n".join(quoted)) if p.strip()]))
            continue
        elif "|" in line and i + 1 < len(lines) and TABLE_RULE.match(lines[i + 1]) and "|" in lines[i + 1] + line:
            flush()
            header = _cells(line)
            i += 2
            rows = []
            while i < len(lines) and "|" in lines[i]:
                rows.append(_table_row(header, _cells(lines[i])))
                i += 1
            out.append(Chunk("list", items=[r for r in rows if r], table=True))
            continue
        elif (BULLET.match(line) or NUMBERED.match(line)) and not _dateline(lines, i):
            flush()
            ordered = bool(NUMBERED.match(line))
            pattern = NUMBERED if ordered else BULLET
            items: list[str] = []
            while i < len(lines):
                if m := pattern.match(lines[i]):
                    items.append(m.group(1))
                elif items and lines[i].startswith((" ", "\t")):
                    items[-1] += " " + lines[i].strip()   # an item's wrapped line
                else:
                    break
                i += 1
            out.append(Chunk("list", items=items, ordered=ordered))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return out


def _unlinked(line: str) -> str:
    return m.group("image") if (m := LINKED_IMAGE.match(line)) else ""


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip().replace("\\|", "|") for cell in CELL_SPLIT.split(line)]


def _table_row(header: list[str], cells: list[str]) -> str:
    """A table row read aloud: its first cell, then each other cell named by its column.

    The model has no tables; a row as "Lyon — Trips: 5.1 million; Cost: €0.42"
    tells a listener or a braille reader which number is which without the grid.
    """
    first, named = cells[0] if cells else "", []
    for index, cell in enumerate(cells[1:], start=1):
        if cell:
            label = header[index] if index < len(header) else ""
            named.append(f"{label}: {cell}" if label else cell)
    if not first:
        return "; ".join(named)
    return f"{first} — {'; '.join(named)}" if named else first


def attach_captions(chunks: list[Chunk]) -> list[Chunk]:
    """An image followed by its caption line ("… Credit: X", "Photo: …") becomes one figure."""
    out: list[Chunk] = []
    for chunk in chunks:
        previous = out[-1] if out else None
        if previous is not None and previous.kind == "image" and not previous.captioned \
                and (credit := credit_only(chunk)) is not None:
            # "Image source, X" comes before the caption line on some pages: the caption may follow.
            previous.credit, previous.captioned = credit, not SOURCE_FIRST.match(_words(chunk.text))
            continue
        if credit_only(chunk) is not None:
            continue   # a credit whose photo the clipper left out
        if previous is not None and previous.kind == "image" and not previous.captioned and chunk.kind == "para" \
                and (found := _set_caption(chunk.text)) is not None:
            previous.text, previous.credit, previous.captioned = found[0], found[1], True
            continue
        if previous is not None and previous.kind == "image" and not previous.captioned and chunk.kind == "para":
            words = _words(chunk.text)
            labelled = clean.caption_label(words)
            split = clean.split_credit(labelled or words)
            if split is not None or labelled is not None:
                caption, credit = split if split is not None else (labelled, "")
                previous.text, previous.credit, previous.captioned = \
                    caption or previous.text, credit or previous.credit, True
                continue
        out.append(chunk)
    return out


# Blogs set a caption in italics under the image, whole or with the credit alone in italics:
# "*The shop in 1987.*", "The shop in 1987. *Marta de Vries*".
SET_CAPTION = re.compile(r"^\s*(?P<mark>[*_])(?![*_\s])(?P<caption>[^*_]+?)(?<!\s)(?P=mark)\s*$")
SET_CREDIT = re.compile(r"^(?P<caption>.+?[.!?\"”’)])\s+(?P<mark>[*_])(?![*_\s])(?P<credit>[^*_]{2,80}?)(?<!\s)(?P=mark)\s*$")
SET_CAPTION_MAX_WORDS = 60


def _set_caption(text: str) -> tuple[str, str] | None:
    """(caption, credit) of a caption line set in italics under an image, or None."""
    if m := SET_CAPTION.match(text):
        words = _words(m.group("caption"))
        if len(words.split()) <= SET_CAPTION_MAX_WORDS:
            return clean.split_credit(words) or (words, "")
    if m := SET_CREDIT.match(text):
        credit = _words(m.group("credit"))
        if clean.names_only(credit):
            return _words(m.group("caption")), credit
    return None


def without_related(chunks: list[Chunk], refs: dict[str, str]) -> list[Chunk]:
    """*chunks* less page furniture, and less a "More from…" heading with its list of links."""
    out: list[Chunk] = []
    skip = False
    for index, chunk in enumerate(chunks):
        if skip:
            skip = False
            continue
        nxt = chunks[index + 1] if index + 1 < len(chunks) else None
        # A heading over links to other articles: "More from Field Notes", "Most read", "You may also like".
        if chunk.kind in ("para", "heading") and clean.is_related_label(_words(chunk.text)) \
                and nxt is not None and nxt.kind == "list" \
                and all(_only_link(item, refs) for item in nxt.items):
            skip = True
            continue
        if not is_furniture(chunk):
            out.append(chunk)
    return out


def _only_link(text: str, refs: dict[str, str]) -> bool:
    nodes = [n for n in parse_inlines(text, refs, words_only=True) if not (isinstance(n, Text) and not n.text.strip())]
    return len(nodes) == 1 and isinstance(_unwrap(nodes[0]), Link)


def _unwrap(node):
    while isinstance(node, (Emphasis, Strong)) and len(node.children) == 1:
        node = node.children[0]
    return node


def is_furniture(chunk: Chunk) -> bool:
    if chunk.kind != "para":
        return False
    words = _words(chunk.text)
    if clean.is_page_furniture(words) or SHARE_ROW.match(words):
        return True
    pointer = clean.RELATED.match(words)
    return pointer is not None and pointer["rest"] is not None and len(pointer["rest"].split()) <= POINTER_MAX_WORDS


SOURCE_FIRST = re.compile(r"^(?:image|media|photo) source\s*[,:]", re.I)


def credit_only(chunk: Chunk) -> str | None:
    """The credit of a line that is only a photo credit ("Foto: ANP", "Photo: Jo Penrose/PA"), or None."""
    if chunk.kind != "para" or (leftover := CREDIT_LEFTOVER.match(_words(chunk.text))) is None:
        return None
    credit = leftover.group("credit").strip()
    # Names and agencies only ("Jo Penrose/PA", "dpa/Jan Weber"): a caption has words in lower case.
    return credit if clean.names_only(credit) else None


# The header and body passes ask for the words of the same chunk many times;
# parse() empties this memo for each article.  Link definitions decide only
# whether a label is a link, never its words, so the text alone is the key.
@functools.lru_cache(maxsize=None)
def _words(text: str) -> str:
    return clean.collapse_spaces(plain(parse_inlines(text, words_only=True)))


# --- the header -----------------------------------------------------------------


def take_title(chunks: list[Chunk], refs: dict[str, str]) -> tuple[str, list[Chunk]]:
    """The first top-level heading is the title; failing that, the first heading or short line."""
    for wanted in (lambda c: c.kind == "heading" and c.level == 1,
                   lambda c: c.kind == "heading",
                   lambda c: c.kind == "para" and not clean.TERMINAL.search(_words(c.text))
                   and len(_words(c.text).split()) <= 25):
        for index, chunk in enumerate(chunks[:BYLINE_WINDOW]):
            if wanted(chunk) and _words(chunk.text):
                # A lead photo clipped above the title is kept; site names and
                # menus above it are not.
                above = [c for c in chunks[:index] if c.kind == "image" or _figure(c, refs, None)]
                return _words(chunk.text), above + chunks[index + 1:]
    first = next((c for c in chunks if c.kind == "para"), None)
    if first is None:
        return "", chunks   # only quotes, lists or images: parse() reports no title
    return _words(first.text), [c for c in chunks if c is not first]


def _header_field(chunk: Chunk) -> tuple[tuple[str, object], ...] | None:
    """The header facts a chunk gives: a byline (with the date it may carry), a date, an address."""
    if chunk.kind != "para":
        return None
    raw = clean.collapse_spaces(chunk.text)
    words = _words(raw)
    if (byline := clean.split_byline(words)) is not None:
        return (("authors", byline.names),) + ((("date", byline.date),) if byline.date else ())
    if (date := clean.parse_date(words)) is not None:
        return (("date", date),)
    if m := URL_ONLY.match(raw):
        url = clean.canonical_url(m.group("href") or m.group("bare"))
        if url:
            return (("url", url),)
    return None


def take_header(chunks: list[Chunk], refs: dict[str, str], origin: Path | None,
                known_dek: str = "") -> tuple[dict, list[Chunk]]:
    """Dek, byline, date, source and address from the chunks after the title.

    Header fields are looked for among the first chunks; anything else met
    before the last of them (a dateline, a note) stays in the body, first.
    A paragraph there that stops mid-sentence is the dek as the site cut it
    short, never the start of a sentence torn across the byline.
    """
    head: dict = {"photos": []}
    fields = [_header_field(c) for c in chunks[:BYLINE_WINDOW]]
    if known_dek:   # the page's description, cut short in the text: a dek wherever it stands
        fields = [f or ((("dek", _words(c.text)),) if _cut_from(c, known_dek) else None)
                  for c, f in zip(chunks, fields)]
    last_field = max((i for i, f in enumerate(fields) if f), default=-1)
    leftovers: list[Chunk] = []
    for index, chunk in enumerate(chunks[:last_field + 1]):
        found = fields[index]
        if found:
            for name, value in found:
                head.setdefault(name, value)
        elif chunk.kind == "rule":
            continue
        elif (figure := _figure(chunk, refs, origin)) is not None:
            head["photos"].append(figure)
        elif chunk.kind == "heading" and not leftovers and not head.get("dek") and not head.get("authors"):
            head["dek"] = _words(chunk.text)   # a subtitle set as a heading above the byline
        elif chunk.kind != "para":
            leftovers.append(chunk)
        else:
            words = _words(chunk.text)
            if not leftovers and "dek" not in head and "source" not in head \
                    and (clean.TERMINAL.search(words) or len(words.split()) > SOURCE_MAX_WORDS) \
                    and not DATELINE.match(words):
                head["dek"] = words
            elif "source" not in head and len(words.split()) <= SOURCE_MAX_WORDS \
                    and not clean.TERMINAL.search(words) and not DATELINE.match(words):
                head["source"] = words
            else:
                leftovers.append(chunk)
    return head, leftovers + chunks[last_field + 1:]


def _cut_from(chunk: Chunk, dek: str) -> bool:
    """Is *chunk* the description *dek*, whole or cut short (with or without an ellipsis)?"""
    if chunk.kind != "para":
        return False
    words = _words(chunk.text).rstrip(".…").rstrip()
    return len(words.split()) > SOURCE_MAX_WORDS and clean.collapse_spaces(dek).startswith(words)


# --- the body -------------------------------------------------------------------


def _figure(chunk: Chunk, refs: dict[str, str], origin: Path | None) -> Photo | None:
    """A photo, when the chunk is an image or a caption line with a credit or label."""
    if chunk.kind == "image":
        caption = _words(chunk.text)
        # An image with neither caption nor alt text says nothing to a listener.
        src = refs.get(chunk.ref, "") if chunk.ref else chunk.src
        return Photo(caption, chunk.credit, _local_image(src, origin)) if caption else None
    if chunk.kind != "para":
        return None
    words = _words(chunk.text)
    labelled = clean.caption_label(words)
    if (split := clean.split_credit(labelled or words)) is not None:
        return Photo(caption=split[0], credit=split[1])
    if labelled is not None:
        return Photo(caption=labelled)
    return None


def _local_image(src: str, origin: Path | None) -> Path | None:
    """The image file beside the article, if *src* names one inside its folder."""
    return clean.local_image(clean.unescape_markdown(src), origin)


def body_blocks(chunks: list[Chunk], refs: dict[str, str], origin: Path | None) -> tuple[Block, ...]:
    """Turn body chunks into blocks, then apply the clean-up steps in order."""
    items: list[Block | Chunk] = []
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        after = chunks[i + 2] if i + 2 < len(chunks) else None
        if nxt is not None and _video_title(chunk) and _video_time(nxt, chunk, after):
            video, used = _video(chunk, nxt, after)
            items.append(video)
            i += used
            continue
        if _video_time(chunk, None, nxt):
            video, used = _video(None, chunk, nxt)
            items.append(video)
            i += used
            continue
        figure = _figure(chunk, refs, origin)
        if figure is not None:
            items.append(figure)
        elif chunk.kind == "heading" or (chunk.kind == "para" and TIMESTAMP.match(_words(chunk.text))):
            # A live page's "**22:41** – Key seat": the entry's heading, never run into its text.
            items.append(Heading(_words(chunk.text)))
        elif chunk.kind == "quote":
            items.append(Quote(tuple(Paragraph(parse_inlines(p, refs)) for p in chunk.items)))
        elif chunk.kind == "list":
            items.append(ListBlock(tuple(parse_inlines(t, refs) for t in chunk.items), chunk.ordered))
        elif chunk.kind == "para":
            items.append(chunk)   # joined with its torn remainder below
        i += 1
    while items and isinstance(items[-1], Chunk) and is_back_link(items[-1].text):
        items.pop()
    items = rejoin_torn_paragraphs(items)
    blocks = [Paragraph(parse_inlines(it.text, refs)) if isinstance(it, Chunk) else it for it in items]
    blocks = [b for b in blocks if not (isinstance(b, Paragraph) and not b.text)]
    return tuple(mark_end_notes(blocks))


BACK_LINK = re.compile(r"^[*_]*\[[^\[\]]+\]\(\s*(?:#[^()\s]*)?\s*\)[*_]*$")


def is_back_link(text: str) -> bool:
    """A closing line that is only a link broken to ``[Site](#)``: the site's name, no part of the story."""
    return bool(BACK_LINK.match(clean.collapse_spaces(inline.unescape_link_syntax(text))))


# A live page's entry stamp: a time of day, perhaps with its zone and a short label.
TIMESTAMP = re.compile(
    r"^(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s*[ap]\.?m\.?)?|[.:][0-5]\d\s*[ap]\.?m\.?)(?:\s*[A-Z]{2,5})?"
    r"(?:\s*[–—|-]\s*[^.!?]{1,80})?$", re.I)


def _video_time(chunk: Chunk, title: Chunk | None, after: Chunk | None) -> bool:
    """Is *chunk* a video player's running time ("1:45") rather than a live page's time stamp?

    A player shows the time as it is, between the video's title (a heading or
    a short line) and its credited caption.  A time set in bold, or standing
    between whole paragraphs with no credit after it, stamps an entry instead.
    """
    if chunk.kind != "para" or clean.running_time(chunk.text) is None:
        return False
    if title is not None and _video_title(title):
        return True
    return after is not None and after.kind == "para" and clean.split_credit(_words(after.text)) is not None


def _video_title(chunk: Chunk) -> bool:
    """Can *chunk* be a video's title: a heading, or a short line that is no sentence and no time?"""
    if chunk.kind == "heading":
        return True
    words = _words(chunk.text)
    return chunk.kind == "para" and not clean.TERMINAL.search(words) \
        and len(words.split()) <= clean.TITLE_MAX_WORDS and not TIMESTAMP.match(words)


def _video(title: Chunk | None, time: Chunk, after: Chunk | None) -> tuple[Video, int]:
    used = 2 if title is not None else 1
    caption = credit = ""
    if after is not None and after.kind == "para":
        split = clean.split_credit(_words(after.text))
        if split is not None:
            caption, credit = split
            used += 1
    return Video(title=_words(title.text) if title else "", seconds=clean.running_time(_words(time.text)),
                 caption=caption, credit=credit), used


def rejoin_torn_paragraphs(items: list) -> list:
    """Join a paragraph that the clipper split mid-sentence with its remainder.

    Photos or videos that landed between the two halves move after the
    joined paragraph, where a reader meets them once the sentence is done.
    """
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        if not isinstance(item, Chunk):
            out.append(item)
            i += 1
            continue
        text, moved, j = item.text, [], i + 1
        while True:
            k, between = j, []
            while k < len(items) and isinstance(items[k], (Photo, Video)):
                between.append(items[k])
                k += 1
            if k < len(items) and isinstance(items[k], Chunk) \
                    and clean.is_torn(_words(text), _words(items[k].text)):
                text = f"{text} {items[k].text}"
                moved.extend(between)
                j = k + 1
            else:
                break
        out.append(Chunk("para", text))
        out.extend(moved)
        i = j
    return out
