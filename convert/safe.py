"""The checks every parsed article passes before any writer sees it.

Parsers take text from many places (character references in HTML, escapes in
YAML front matter, JSON-LD) and any of them can carry characters no XML
document may hold.  Rather than trusting each parser, the pipeline passes
every article through ``xml_safe`` once; ``text_size`` measures it after
whatever expansion parsing did, so ``--max-size`` bounds the result too.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re

from urllib.parse import urlsplit

from .model import Article, EndNote, Heading, Link, Paragraph

# What XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates,
# U+FFFE and U+FFFF) and what it discourages and EPUB readers choke on (DEL,
# C1 controls, the non-characters).  A run of them goes; where it stood
# between two words, one space stays (a form feed separates words).
_FORBIDDEN_CLASS = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
_FORBIDDEN = re.compile(f"( ?){_FORBIDDEN_CLASS}+( ?)")
# One of them anywhere: a plain class searches far faster than the pattern with its optional spaces.
_FORBIDDEN_CHAR = re.compile(_FORBIDDEN_CLASS)
_SEPARATORS = frozenset("\x0b\x0c")


def _replace(match: re.Match) -> str:
    before, after = match.group(1), match.group(2)
    if before or after:
        return " "
    return " " if _SEPARATORS & set(match.group(0)) else ""


def xml_text(text: str) -> str:
    """*text* with every character XML cannot carry removed (or made a space)."""
    return _FORBIDDEN.sub(_replace, text) if _FORBIDDEN_CHAR.search(text) else text


# An address EPUBCheck accepts: RFC 3986 characters (and any beyond ASCII, as
# IRIs allow), each % starting an escape, a scheme, and for the web a host.
# (Everything from U+00A0 up is written as a negated class: a range that wide
# takes milliseconds to compile.)
_URL_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|[^\x00-\x9f]|%[0-9A-Fa-f]{2})*")


def valid_url(url: str) -> bool:
    """Whether *url* is a well-formed absolute http(s) or mailto address."""
    if not _URL_CHARS.fullmatch(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port   # noqa: B018  (raises on a port out of range)
    except ValueError:
        return False
    if parts.scheme.lower() == "mailto":
        return "@" in parts.path
    host = parts.hostname or ""
    return parts.scheme.lower() in ("http", "https") and bool(host) and "[" not in parts.path + parts.query


def xml_safe(article: Article) -> Article:
    """The article with every string in it, however deep, made safe for XML.

    A link whose address is not well-formed keeps its words and loses the
    link, and so does the article's own address: a last line of defence
    behind the parsers' URL cleaning, so no EPUB fails its checker on one.
    """
    article = _walk(article)
    # A heading or paragraph that held nothing else is gone with its characters.
    blocks = tuple(b for b in article.blocks
                   if not (isinstance(b, (Heading, Paragraph, EndNote)) and not b.text.strip()))
    url = article.url if not article.url or valid_url(article.url) else ""
    return dataclasses.replace(article, blocks=blocks, url=url)


def _walk(value):
    """*value* made safe; the very same object where nothing in it changed, which spares
    rebuilding every block and inline of an article that needed nothing."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, tuple):
        items = []
        for item in value:
            if isinstance(item, Link) and not valid_url(xml_text(item.url)):
                items += [_walk(child) for child in item.children]
            else:
                items.append(_walk(item))
        if type(value) is tuple and len(items) == len(value) and all(map(operator.is_, items, value)):
            return value
        return tuple(items)
    if names := _field_names(type(value)):
        changes = {name: _walk(getattr(value, name)) for name in names}
        if all(new is getattr(value, name) for name, new in changes.items()):
            return value
        return dataclasses.replace(value, **changes)
    return value


def text_size(article: Article) -> int:
    """The number of characters of text the article holds, everywhere."""
    return _size(article)


def _size(value) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return sum(_size(item) for item in value)
    if names := _field_names(type(value)):
        return sum(_size(getattr(value, name)) for name in names)
    return 0


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The fields of a model class, by name; none for anything else.  Asked for every node
    of every article, so worked out once for each class."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else ()
