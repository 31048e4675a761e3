"""Which part of a saved page is the article.

trafilatura (with its own fall-backs, a port of readability and jusText)
reads the page and says which words are the article; the element of our
parsed page whose word pairs match that text best (F1 over the pairs) is
taken as the body, so that our walker can keep its photos, captions, lists, quotes,
headings and links, which the library's text drops.  When the library
finds nothing, the element that the page marks as the article, or the one
richest in paragraph text, is taken instead.

Code, embeds, forms and hidden elements are dropped before anything is
chosen; furniture marked by its class or id (share bars, related links,
newsletter boxes) is dropped inside the chosen body.
"""

from __future__ import annotations

import logging
import re
import warnings

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from .tree import ancestor, elements, previous

# Nothing these libraries log belongs on the user's screen: their notes are
# about pages, and the parser reports what matters itself.
for _name in ("trafilatura", "readability", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)

# Elements that never hold article text, or that run code or load things.
DROP_TAGS = frozenset("""
    script style noscript template iframe frame frameset object applet form button
    select option textarea label nav aside footer svg math canvas audio map
    dialog menu portal title
""".split())   # not <head>: lxml puts a body-less page's text inside it
# Void elements: lxml sometimes nests what follows them inside them, so they
# are taken out and their (misplaced) content kept.
VOID_TAGS = frozenset("embed input source track area link meta base param wbr keygen".split())

# AMP's image elements, read as the <img> they stand for.
AMP_IMAGES = ("amp-img", "amp-anim")
# Where a lazy-loading script keeps an image's real address until it is shown
# (WordPress's lazy-load plug-ins, lazysizes, Lozad); ``src`` then holds a placeholder.
LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-orig-file", "data-actualsrc",
                "data-srcset", "data-lazy-srcset")
# Where restore_images keeps the address of the ``<noscript>`` copy of a lazy image.
FALLBACK_SOURCE = "data-noscript-src"

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
# Class words of a control, furniture unless the control is a link within a sentence.
BUTTON_WORDS = frozenset("button buttons btn cta".split())
INLINE_TAGS = frozenset("a span em strong b i".split())
# Junk words this long also mark a class word they begin: "relatedposts", "sharebuttons", "newsletterform"
# (Jetpack, share plug-ins and newsletter widgets write them as one word).
COMPOUND_MIN = 5
WORD_BREAKS = re.compile(r"[\s_]+")
WORD_BREAKS_AND_HYPHENS = re.compile(r"[\s_-]+")
# ARIA roles that are not the article.
JUNK_ROLES = frozenset("navigation banner complementary contentinfo search dialog alertdialog menu menubar".split())

# Where a page says "this is the article", most specific first.
BODY_SELECTORS = ("[itemprop=articleBody]", "[property=articleBody]", "[name=articleBody]",
                  "article", "main", "[role=main]")
KEEP_SHARE = 0.5    # a marked element is kept when the library's text holds this share of its words
HEADER_REACH = 300        # elements looked at between the headline and the body
HEADER_LINE_WORDS = 20    # a byline or dateline is short
LINE_BREAKERS = frozenset("p div section header ul ol li h1 h2 h3 h4 h5 h6 figure table".split())
CLIMB_SHARE = 0.6   # a parent scoring this share of the best block's score holds the whole body

# Words for matching: letters and digits, lower case; each Chinese or
# Japanese character is a word, since those scripts put no spaces between words.
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def shingles(text: str) -> list[str]:
    """Pairs of neighbouring words: a pair says far more than a single word about where text came from."""
    found = tokens(text)
    return [f"{a} {b}" for a, b in zip(found, found[1:])] or found


# --- dropping ----------------------------------------------------------------------


def drop_code_and_hidden(soup: BeautifulSoup) -> None:
    """Comments, scripts, embeds, forms, navigation and hidden elements go before anything else."""
    restore_images(soup)
    mark_figures(soup)
    for node in [node for node in soup.descendants if isinstance(node, NOT_TEXT)]:
        node.extract()
    for tag in elements(soup, DROP_TAGS):
        if not vars(tag).get("_decomposed"):   # not inside one dropped already
            tag.decompose()
    for tag in elements(soup, VOID_TAGS):
        tag.unwrap()
    _drop_where(soup, is_hidden)


def restore_images(soup: BeautifulSoup) -> None:
    """Images that a script or a ``<noscript>`` copy would show, made plain ``<img>`` elements.

    An AMP page's ``<amp-img>`` is its image.  A lazy-loaded image often
    comes with a ``<noscript>`` copy for readers without scripts; where the
    copy stands beside its lazy twin, the copy's address is kept on the twin
    as a fall-back (one photo, not two), and where it stands alone it is the image.
    """
    for tag in elements(soup, AMP_IMAGES):
        tag.name = "img"
    for noscript in soup.find_all("noscript"):
        copy = noscript.find("img")
        if copy is None:
            continue
        twin = _lazy_twin(noscript)
        if twin is None:
            noscript.unwrap()
            continue
        if isinstance(copy.get("src"), str):
            twin[FALLBACK_SOURCE] = copy["src"]
        if not str(twin.get("alt", "")).strip() and str(copy.get("alt", "")).strip():
            twin["alt"] = copy["alt"]


def mark_figures(soup: BeautifulSoup) -> None:
    """An image and its caption in plain boxes, made the ``<figure>`` and ``<figcaption>`` they are.

    Classic WordPress writes ``<div class="wp-caption"><img><p class="wp-caption-text">``,
    other systems ``<div class="image"><img><div class="caption">``: a box whose class
    names a caption, beside exactly one image, with no other words around them than a
    credit's, is that image's caption.
    """
    # Only elements with "caption" in a class can be one; the rest are passed over unsplit.
    candidates = [tag for tag in elements(soup) if "caption" in " ".join(tag.get("class") or ()).lower()]
    for caption in candidates:
        if vars(caption).get("_decomposed") or caption.name in ("figcaption", "caption", "table", "figure") \
                or "caption" not in _class_words(caption) or caption.find("img") is not None:
            continue
        box = caption.parent
        if not isinstance(box, Tag) or box.name in ("figure", "body", "html", "article", "main") \
                or ancestor(box, ("figure",)) is not None or len(box.find_all("img")) != 1:
            continue
        rest = [s for s in box.descendants
                if isinstance(s, NavigableString) and s.strip() and caption not in s.parents and not any(_is_credit_box(p) for p in s.parents if p is not box)]
        if rest:
            continue
        box.name, caption.name = "figure", "figcaption"


def _class_words(tag: Tag) -> set[str]:
    return set(re.split(r"[\s_-]+", " ".join(tag.get("class", [])).lower()))


def _is_credit_box(tag: Tag) -> bool:
    return bool(_class_words(tag) & {"credit", "credits", "copyright", "byline", "photographer", "source"})


def _lazy_twin(noscript: Tag) -> Tag | None:
    """The visible image a ``<noscript>`` copy stands for: an ``<img>`` just before it or around it."""
    previous = noscript.find_previous_sibling(True)
    if previous is not None and previous.name == "img":
        return previous
    if previous is not None and previous.name == "picture":
        return previous.find("img")
    parent = noscript.parent
    if isinstance(parent, Tag) and parent.name == "img":   # AMP: <amp-img><noscript><img>
        return parent
    return None


def drop_furniture(root: Tag, reference: set[str] | None = None) -> None:
    """Elements inside *root* whose class, id or role marks them as page furniture.

    Ids are often made from a heading's words ("sharing-with-a-team"), so
    where the library's text holds most of an element's words the element
    is the article's, whatever its name says.
    """
    if reference is None:
        _drop_where(root, is_junk)
    else:
        _drop_where(root, lambda tag: is_junk(tag) and not _mostly_in(tag, reference))


def _mostly_in(tag: Tag, reference: set[str]) -> bool:
    found = shingles(tag.get_text(" "))
    return bool(found) and sum(s in reference for s in found) >= KEEP_SHARE * len(found)


def _drop_where(root: Tag, test) -> None:
    for tag in root.find_all(True):
        # vars(), not tag.decomposed: a missing attribute on a Tag becomes a
        # search of all its descendants, which made deep pages quadratic.
        if vars(tag).get("_decomposed") or tag.name in ("html", "body"):
            continue
        if test(tag):
            tag.decompose()


def is_hidden(tag: Tag) -> bool:
    if not tag.attrs:   # most elements have no attributes at all
        return False
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_junk(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs or ("class" not in attrs and "id" not in attrs and "role" not in attrs):
        return False   # nothing names it
    if str(tag.get("role", "")).lower() in JUNK_ROLES:
        return True
    if tag.get("itemprop") == "articleBody":
        return False
    words = " ".join([*tag.get("class", []), str(tag.get("id", ""))]).lower()
    found = set(WORD_BREAKS.split(words)) | set(WORD_BREAKS_AND_HYPHENS.split(words))
    if found & JUNK_WORDS or any(word[:size] in JUNK_WORDS for word in found
                                 for size in range(COMPOUND_MIN, len(word) - 2)):
        return True
    return bool(found & BUTTON_WORDS) and not _in_a_sentence(tag)


def _in_a_sentence(tag: Tag) -> bool:
    """Is *tag* an inline element with words right beside it ("the <a class=btn>full report</a> is online")?"""
    return tag.name in INLINE_TAGS and any(
        isinstance(side, NavigableString) and not isinstance(side, NOT_TEXT) and side.strip()
        for side in (tag.previous_sibling, tag.next_sibling))


# --- choosing ----------------------------------------------------------------------


def main_content(soup: BeautifulSoup, html: str) -> Tag | None:
    """The element holding the article, with the furniture inside it dropped."""
    drop_code_and_hidden(soup)
    reference = shingles(library_text(html))
    root = matching_element(soup, reference)
    if root is not None:
        drop_furniture(root, set(reference))
        return root
    drop_furniture(soup)
    return marked_or_densest(soup)


def library_text(html: str) -> str:
    """The article's words as trafilatura extracts them; nothing is ever fetched."""
    with warnings.catch_warnings():
        # Its download helpers warn about optional proxy support; nothing is downloaded here.
        warnings.simplefilter("ignore")
        import trafilatura   # imported here: a Markdown-only run need not load it
    try:
        return trafilatura.extract(html, include_comments=False, include_tables=True,
                                   include_formatting=False, include_links=False) or ""
    except (ValueError, TypeError, RecursionError, LookupError):
        return ""


def matching_element(soup: BeautifulSoup, wanted: list[str]) -> Tag | None:
    """The element whose word pairs best match *wanted*: highest bag-of-words F1."""
    if not wanted:
        return None
    # A one-word string (a link's text, a word between two links) is
    # matched as a word.
    vocabulary = set(wanted) | {word for pair in wanted for word in pair.split(" ")}
    known = vocabulary.__contains__
    matched: dict[int, int] = {}
    total: dict[int, int] = {}
    candidates: dict[int, Tag] = {}
    # Children before parents, so each element adds up its children's counts
    # once: walking up from every string was quadratic on deep pages.
    for element in reversed([soup, *soup.find_all(True)]):
        hits = count = 0
        for child in element.contents:
            if isinstance(child, Tag):
                hits += matched[id(child)]
                count += total[id(child)]
            elif not isinstance(child, NOT_TEXT) and not child.isspace():   # white space has no words
                words = shingles(child)
                hits += sum(map(known, words))
                count += len(words)
        key = id(element)
        candidates[key], matched[key], total[key] = element, hits, count
    if not total[id(soup)]:
        return None
    # F1 = 2PR / (P + R) with P = hits / words and R = hits / wanted.
    best = max(candidates, key=lambda key: 2 * matched[key] / (total[key] + len(wanted)) if total[key] else 0)
    return candidates[best] if matched[best] else None


def marked_or_densest(soup: BeautifulSoup) -> Tag | None:
    """One element the page marks as the article, else the one richest in paragraphs."""
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


def _paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) or \
        len(tag.get_text(" ", strip=True)) // 4


def header_lines(root: Tag) -> list[str]:
    """Short lines between the story's headline and its body: where bylines and datelines sit."""
    headline = previous(root, ("h1",))
    if headline is None:
        return []
    above = {id(parent) for parent in root.parents}
    lines: list[str] = []
    for count, node in enumerate(headline.next_elements):
        if node is root or count > HEADER_REACH:
            break
        if isinstance(node, Tag) and id(node) not in above \
                and not any(isinstance(c, Tag) and c.name in LINE_BREAKERS for c in node.children):
            text = " ".join(node.get_text(" ").split())
            if text and len(text.split()) <= HEADER_LINE_WORDS:
                lines.append(text)
    return lines


def lead_figures(root: Tag) -> list[Tag]:
    """Figures above the body in the same article (the lead photo sits in the story's header)."""
    story = ancestor(root, ("article", "main"))
    if story is None:
        return []
    out: list[Tag] = []
    for node in story.descendants:
        if node is root:
            break
        if isinstance(node, Tag) and node.name == "figure" and not ancestor(node, ("figure",)):
            out.append(node)
    return out
