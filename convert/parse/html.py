"""Saved web pages (HTML) to the document model.

A page saved with a browser's "Save page as" holds far more than the
article: menus, ads, share buttons, newsletter boxes, comments and related
links.  The article's facts come from the page's own metadata (JSON-LD,
OpenGraph, ``<meta>``, ``<link rel=canonical>``, ``<html lang>``); its body
is the element that holds most of the page's paragraph text once the
furniture is gone.  The page is untrusted: only words, real links and local
image files inside the page's folder reach the model.  No bs4 object leaves
this module.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from .. import clean
from ..errors import InputError
from ..model import (Article, Block, Emphasis, Heading, Inline, Link, ListBlock, Paragraph, Photo,
                     Quote, Strong, Text, Video, plain)

# --- rules, kept as data ---------------------------------------------------------

# Elements that never hold article text, or that run code or load things.
DROP_TAGS = frozenset("""
    script style noscript template iframe frame frameset object applet form button
    select option textarea label nav aside footer svg math canvas audio map
    dialog menu portal title
""".split())   # not <head>: lxml puts a body-less page's text inside it
# Void elements: lxml sometimes nests what follows them inside them, so they
# are taken out and their (misplaced) content kept.
VOID_TAGS = frozenset("embed input source track area link meta base param wbr keygen".split())

# Class or id words (split at "-", "_" and spaces) that mark page furniture.
JUNK_WORDS = frozenset("""
    ad ads adsbygoogle advert adverts advertisement advertising sponsor sponsored promo promotion
    banner nav navbar navigation menu breadcrumb breadcrumbs masthead topbar toolbar
    share sharing sharebar social socials sharetools
    newsletter newsletters signup subscribe subscription paywall regwall
    comment comments disqus discussion replies
    related recommended recommendations outbrain taboola trending popular most-read mostread
    more-stories readmore read-more further-reading
    sidebar rail footer cookie cookies consent gdpr modal popup overlay
    print skip skiplink visually-hidden sr-only screen-reader-text
""".split())

# ARIA roles that are not the article.
JUNK_ROLES = frozenset("navigation banner complementary contentinfo search dialog alertdialog menu menubar".split())

# Where a page says "this is the article", most specific first.
BODY_SELECTORS = (
    "[itemprop=articleBody]",
    "[property=articleBody]",
    "[name=articleBody]",
    "article",
    "main",
    "[role=main]",
)

# JSON-LD types that describe an article.
ARTICLE_TYPES = frozenset("""
    NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle
    BackgroundNewsArticle ReviewNewsArticle BlogPosting LiveBlogPosting Report SocialMediaPosting
""".split())

# Inside a figure, elements with these class words hold the credit, not the caption.
CREDIT_WORDS = frozenset("credit credits byline copyright attribution photographer source courtesy".split())

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

NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
REAL_LINK = re.compile(r"^(?:https?://[^\s/]+|mailto:[^\s@]+@)", re.I)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")  # "Headline | Site Name"
MAX_DEPTH = 60      # deeper nesting is read as plain words: no article needs more
CLIMB_SHARE = 0.6   # a parent scoring this share of the best block's score holds the whole body
PIXEL_MAX = 2   # an image this small (width or height) is a tracking pixel
HEADER_WINDOW = 8   # byline and date lines are looked for among the first blocks


@dataclass
class Meta:
    """What the page says about itself; the first value found for each fact wins."""

    title: str = ""
    dek: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    url: str = ""
    source: str = ""
    language: str = ""

    def offer(self, name: str, value) -> None:
        if value and not getattr(self, name):
            setattr(self, name, value)


# --- the entry point ---------------------------------------------------------------


def parse(html: str, origin: Path | None = None) -> Article:
    """Parse a saved web page into an Article."""
    try:
        return _parse(html, origin)
    except RecursionError:
        raise InputError("is nested too deeply to be read as a page", origin) from None


def _parse(html: str, origin: Path | None) -> Article:
    with warnings.catch_warnings():
        # A page that is only an address is still a page (and then no article).
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(clean.normalize_text(html), "lxml")
    meta = page_metadata(soup)
    page_title = _page_title(soup)
    remove_furniture(soup)
    root = main_content(soup)
    if root is None:
        raise InputError("no article text found", origin)
    if not _words(root):
        raise InputError("no article text found", origin)
    base = meta.url or ""
    title = meta.title or _first_heading(root) or _first_heading(soup) or page_title
    if not title:
        raise InputError("no title found", origin)
    walker = _Walker(origin, base, title)
    blocks = [photo for figure in lead_figures(root) for photo in walker.figure(figure)]
    blocks += walker.blocks(root)
    blocks, header = take_header(blocks, title, meta.dek)
    if meta.dek and blocks and isinstance(blocks[0], Paragraph) \
            and blocks[0].text.startswith(meta.dek.rstrip(".…").rstrip()):
        meta.dek = ""   # a description that only repeats the first paragraph
    if not any(isinstance(b, (Paragraph, Quote, ListBlock, Heading)) for b in blocks):
        raise InputError("no article text found", origin)
    url = clean.canonical_url(meta.url) if meta.url else ""
    published = (clean.parse_date_value(meta.date) if meta.date else None) or header.get("date")
    if published is None and (stamp := _time_element(root) or _time_element(soup)):
        published = clean.parse_date_value(stamp)
    return Article(
        title=title,
        blocks=tuple(clean.mark_end_notes(blocks)),
        dek=meta.dek,
        authors=meta.authors or header.get("authors", ()),
        published=published,
        source=meta.source or clean.site_name(url),
        url=url,
        language=meta.language or "en",
        origin=origin,
    )


# --- metadata ---------------------------------------------------------------------


def page_metadata(soup: BeautifulSoup) -> Meta:
    """Title, dek, authors, date, address, site and language from the page's metadata."""
    meta = Meta()
    for data in _json_ld(soup):
        _from_json_ld(meta, data)
    props = _meta_tags(soup)
    meta.offer("title", props.get("og:title") or props.get("twitter:title"))
    meta.offer("dek", props.get("og:description") or props.get("twitter:description")
               or props.get("description"))
    for key in ("author", "byl", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = props.get(key, "")
        if value and not REAL_LINK.match(value):   # article:author is often a profile URL
            meta.offer("authors", _names(value))
    for key in ("article:published_time", "og:article:published_time", "datepublished", "date",
                "pubdate", "publishdate", "publish-date", "dc.date", "dcterms.created",
                "parsely-pub-date", "sailthru.date"):
        meta.offer("date", props.get(key))
    canonical = soup.find("link", rel="canonical", href=True)
    if canonical is not None:
        meta.url = clean.canonical_url(str(canonical["href"])) or meta.url
    meta.offer("url", clean.canonical_url(props.get("og:url", "")))
    meta.offer("source", props.get("og:site_name") or props.get("application-name"))
    html = soup.find("html")
    lang = str(html.get("lang") or html.get("xml:lang") or "") if isinstance(html, Tag) else ""
    for candidate in (lang, meta.language, props.get("og:locale", "").replace("_", "-"),
                      props.get("content-language", "").split(",")[0]):
        candidate = candidate.strip()
        if LANGUAGE_TAG.match(candidate):
            meta.language = candidate
            break
    else:
        meta.language = ""
    meta.title = clean.collapse_spaces(meta.title)
    meta.dek = clean.collapse_spaces(meta.dek)
    return meta


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    props: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            props.setdefault(key.strip().lower(), clean.collapse_spaces(value))
    return props


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    """The JSON-LD objects describing an article, flattened out of lists and graphs."""
    found: list[dict] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type")
                types = set(types) if isinstance(types, list) else {types}
                if types & ARTICLE_TYPES:
                    found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def _from_json_ld(meta: Meta, data: dict) -> None:
    meta.offer("title", _string(data.get("headline")) or _string(data.get("name")))
    meta.offer("dek", _string(data.get("description")) or _string(data.get("alternativeHeadline")))
    authors = data.get("author") or data.get("creator")
    authors = authors if isinstance(authors, list) else [authors]
    names = [clean.collapse_spaces(_string(a.get("name")) if isinstance(a, dict) else _string(a))
             for a in authors]
    meta.offer("authors", tuple(n for n in names if n and not REAL_LINK.match(n)))
    meta.offer("date", _string(data.get("datePublished")) or _string(data.get("dateCreated")))
    page = data.get("mainEntityOfPage")
    page_url = _string(page.get("@id")) if isinstance(page, dict) else _string(page)
    meta.offer("url", clean.canonical_url(_string(data.get("url")) or page_url))
    publisher = data.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    meta.offer("source", _string(publisher.get("name")) if isinstance(publisher, dict) else _string(publisher))
    meta.offer("language", _string(data.get("inLanguage")))


def _string(value) -> str:
    return clean.collapse_spaces(value) if isinstance(value, str) else ""


def _names(value: str) -> tuple[str, ...]:
    """Author names from a metadata value: "A, B and C" or a byline "By A and B"."""
    found = clean.byline_authors(value) or clean.byline_authors(f"By {value}")
    return found or ()


def _page_title(soup: BeautifulSoup) -> str:
    tag = soup.find("title")
    title = clean.collapse_spaces(tag.get_text()) if tag else ""
    return TITLE_SEPARATOR.sub("", title)


def _first_heading(root: Tag) -> str:
    h1 = root.find("h1")
    return clean.collapse_spaces(h1.get_text(" ")) if h1 else ""


def _time_element(root: Tag) -> str:
    time = root.find("time", datetime=True)
    return str(time["datetime"]) if time else ""


# --- furniture --------------------------------------------------------------------


def remove_furniture(soup: BeautifulSoup) -> None:
    """Drop code, embeds, forms, hidden elements and everything marked as page furniture."""
    for node in soup.find_all(string=lambda s: isinstance(s, NOT_TEXT)):
        node.extract()
    for tag in soup.find_all(list(DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(list(VOID_TAGS)):
        tag.unwrap()
    for tag in soup.find_all(True):
        # vars(), not tag.decomposed: a missing attribute on a Tag becomes a
        # search of all its descendants, which made deep pages quadratic.
        if vars(tag).get("_decomposed") or tag.name in ("html", "body"):
            continue
        if is_junk(tag):
            tag.decompose()


def is_junk(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if str(tag.get("role", "")).lower() in JUNK_ROLES:
        return True
    if tag.get("itemprop") == "articleBody":
        return False
    words = " ".join([*tag.get("class", []), str(tag.get("id", ""))]).lower()
    tokens = set(re.split(r"[\s_]+", words)) | set(re.split(r"[\s_-]+", words))
    return bool(tokens & JUNK_WORDS)


def main_content(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article: one the page marks, else the one richest in paragraphs."""
    for selector in BODY_SELECTORS:
        candidates = soup.select(selector)
        if candidates:
            best = max(candidates, key=_paragraph_text)
            if _paragraph_text(best) > 0:
                return best
    scores: dict[int, tuple[float, Tag]] = {}
    for p in soup.find_all("p"):
        length = len(p.get_text(" ", strip=True))
        for share, parent in zip((1.0, 0.5), (p.parent, p.parent.parent if p.parent else None)):
            if isinstance(parent, Tag):
                old = scores.get(id(parent), (0.0, parent))[0]
                scores[id(parent)] = (old + share * length, parent)
    if not scores:
        return soup.body or soup
    score, best = max(scores.values(), key=lambda item: item[0])
    # A body split over sibling blocks scores best as a whole in their parent.
    while isinstance(best.parent, Tag) and id(best.parent) in scores \
            and scores[id(best.parent)][0] >= CLIMB_SHARE * score:
        best = best.parent
    return best


def lead_figures(root: Tag) -> list[Tag]:
    """Figures above the body in the same article (the lead photo sits in the story's header)."""
    story = root.find_parent(("article", "main"))
    if story is None:
        return []
    out: list[Tag] = []
    for node in story.descendants:
        if node is root:
            break
        if isinstance(node, Tag) and node.name == "figure" and not node.find_parent("figure"):
            out.append(node)
    return out


def _paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) or \
        len(tag.get_text(" ", strip=True)) // 4


# --- the body ---------------------------------------------------------------------


class _Walker:
    """Turns the article element into model blocks and inlines."""

    def __init__(self, origin: Path | None, base: str, title: str):
        self.origin = origin
        self.base = base
        self.title = title
        self.title_seen = False

    def blocks(self, root: Tag, depth: int = 0) -> list[Block]:
        if depth > MAX_DEPTH:
            text = _words(root)
            return [Paragraph((Text(text),))] if text else []
        out: list[Block] = []
        run: list = []

        def flush() -> None:
            if run:
                inlines = tidy(self.inlines(run))
                if plain(inlines).strip():
                    out.append(Paragraph(inlines))
                run.clear()

        for child in root.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, NOT_TEXT):
                    run.append(child)
            elif isinstance(child, Tag):
                if child.name == "br" and run and isinstance(run[-1], Tag) and run[-1].name == "br":
                    run.pop()
                    flush()       # two line breaks in a row end a paragraph
                elif child.name in ("img", "picture"):
                    flush()       # an image between paragraphs: a photo if it says what it shows
                    out.extend(self.images(child))
                elif child.name in BLOCK_TAGS or (child.name in CONTAINER_TAGS and _has_blocks(child)):
                    flush()
                    out.extend(self.block(child, depth + 1))
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
            words = _words(tag)
            if not self.title_seen and (words == self.title or not words):
                self.title_seen = True
                return []
            return [Heading(words)] if words else []
        if name in HEADING_TAGS:
            words = _words(tag)
            return [Heading(words)] if words else []
        if name in MINOR_HEADINGS:
            inlines = tidy(self.inlines(tag.children))
            return [Paragraph((Strong(inlines),))] if inlines else []
        if name == "blockquote":
            paragraphs = tuple(_as_paragraph(b) for b in self.blocks(tag, depth))
            paragraphs = tuple(p for p in paragraphs if p is not None and p.text)
            return [Quote(paragraphs)] if paragraphs else []
        if name in ("ul", "ol"):
            items = tuple(i for i in (tidy(self.inlines(li.children)) for li in tag.find_all("li", recursive=False))
                          if plain(i).strip())
            return [ListBlock(items, ordered=name == "ol")] if items else []
        if name == "figure":
            return self.figure(tag)
        if name == "video":
            return [Video(title=clean.collapse_spaces(str(tag.get("title", ""))))]
        if name == "pre":
            text = clean.collapse_spaces(tag.get_text(" "))
            return [Paragraph((Text(text),))] if text else []
        if name == "tr":
            cells = [_words(cell) for cell in tag.find_all(("td", "th"), recursive=False)]
            text = "; ".join(c for c in cells if c)
            return [Paragraph((Text(text),))] if text else []
        if name == "hr":
            return []
        return self.blocks(tag, depth)

    def paragraph(self, tag: Tag) -> list[Block]:
        inlines = tidy(self.inlines(tag.children))
        return [Paragraph(inlines)] if plain(inlines).strip() else []

    # --- photos ---

    def figure(self, tag: Tag) -> list[Block]:
        caption_tag = tag.find("figcaption")
        credit_parts: list[str] = []
        caption = ""
        if caption_tag is not None:
            for credit_tag in caption_tag.find_all(_is_credit):
                credit_parts.append(_words(credit_tag))
                credit_tag.decompose()
            caption = _words(caption_tag)
            caption_tag.decompose()
        for credit_tag in tag.find_all(_is_credit):
            credit_parts.append(_words(credit_tag))
            credit_tag.decompose()
        credit = clean.collapse_spaces(" ".join(p for p in credit_parts if p))
        credit = re.sub(r"^(?:credit|photo|photograph|image)s?\s*(?:\.{2,}|…|:|by)\s*", "", credit, flags=re.I)
        if not credit and (split := clean.split_credit(caption)) is not None:
            caption, credit = split
        if tag.find("video") is not None:
            return [Video(title="", caption=caption, credit=credit)]
        img = tag.find("img")
        if img is None:
            inner = self.blocks(tag, MAX_DEPTH)
            return inner + ([Paragraph((Text(caption),))] if caption else [])
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
        candidates = [img.get("src"), img.get("data-src")]
        srcset = img.get("srcset")
        if isinstance(srcset, str) and srcset.strip():
            candidates.append(srcset.strip().split(",")[0].split()[0])
        for src in candidates:
            if not isinstance(src, str) or not src.strip():
                continue
            parts = urlsplit(src.strip())
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
            if name == "br":
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
                out.append(Link(tuple(children), url) if url else _Run(children))
            elif name == "q":
                out.extend([Text("“"), *self.inlines(node.children, depth + 1), Text("”")])
            elif name in BLOCK_TAGS or name in ("li",):
                out.extend([Text(" "), *self.inlines(node.children, depth + 1), Text(" ")])
            else:
                out.extend(self.inlines(node.children, depth + 1))
        return out

    def link(self, href) -> str | None:
        """A real http(s) or mailto address; relative ones are resolved against the page's."""
        if not isinstance(href, str):
            return None
        href = href.strip()
        if self.base and not urlsplit(href).scheme and not href.startswith("#") and href:
            href = urljoin(self.base, href)
        if not REAL_LINK.match(href) or any(ch.isspace() for ch in href):
            return None
        return href


class _Run(list):
    """A run of inlines to be spliced into its parent (a link that is not real)."""


def tidy(nodes: list) -> tuple[Inline, ...]:
    """Splice runs, join neighbouring Text, fold white space, trim the ends, drop empties."""
    flat = _flatten(nodes)
    if flat and isinstance(flat[0], Text):
        flat[0] = Text(flat[0].text.lstrip())
    if flat and isinstance(flat[-1], Text):
        flat[-1] = Text(flat[-1].text.rstrip())
    return tuple(n for n in flat if not (isinstance(n, Text) and not n.text))


def _flatten(nodes: list) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, _Run):
            items = _flatten(node)
        elif isinstance(node, (Emphasis, Strong)):
            children = tuple(_flatten(list(node.children)))
            items = [type(node)(children)] if _has_words(children) else list(children)
        elif isinstance(node, Link):
            children = tuple(_flatten(list(node.children)))
            items = [Link(children, node.url)] if _has_words(children) else list(children)
        else:
            items = [Text(re.sub(r"\s+", " ", node.text))]
        for item in items:
            if isinstance(item, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(re.sub(r"\s+", " ", out[-1].text + item.text))
            else:
                out.append(item)
    return out


# --- helpers ------------------------------------------------------------------------


def _has_words(nodes: tuple[Inline, ...]) -> bool:
    """Does a run hold any word?  Children are already flattened, so one level suffices."""
    return any((n.text.strip() if isinstance(n, Text) else True) for n in nodes)


def _words(tag: Tag) -> str:
    return clean.collapse_spaces(tag.get_text(" "))


def _has_blocks(tag: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name in BLOCK_TAGS for c in tag.children)


def _only_images(tag: Tag) -> bool:
    return tag.find("img") is not None and not _words(tag)


def _is_pixel(img: Tag) -> bool:
    for side in ("width", "height"):
        value = str(img.get(side, "")).strip().removesuffix("px")
        if value.isdigit() and int(value) <= PIXEL_MAX:
            return True
    return False


def _is_credit(tag: Tag) -> bool:
    if not isinstance(tag, Tag) or tag.attrs is None:
        return False
    words = set(re.split(r"[\s_-]+", " ".join(tag.get("class", [])).lower()))
    prop = str(tag.get("itemprop", "")).lower()
    return bool(words & CREDIT_WORDS) or prop in ("copyrightholder", "creator", "author", "creditText".lower())


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


def take_header(blocks: list[Block], title: str, dek: str) -> tuple[list[Block], dict]:
    """Drop the title, dek, byline and date lines a page repeats above the text; keep what they say."""
    header: dict = {}
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if index < HEADER_WINDOW and isinstance(block, (Paragraph, Heading)) and "body" not in header:
            text = block.text
            if text in (title, dek):
                continue
            if (authors := clean.byline_authors(text)) is not None:
                header.setdefault("authors", authors)
                continue
            if (date := clean.parse_date(text)) is not None:
                header.setdefault("date", date)
                continue
        if isinstance(block, Paragraph) and len(block.text.split()) > 12:
            header["body"] = True
        out.append(block)
    header.pop("body", None)
    return out, header
