"""The checks every parsed article passes before any writer sees it.

Parsers take text from many places (character references in HTML, escapes in
YAML front matter, JSON-LD) and any of them can carry characters no XML
document may hold.  Rather than trusting each parser, the pipeline passes
every article through ``xml_safe`` once; ``text_size`` measures it after
whatever expansion parsing did, so ``--max-size`` bounds the result too.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Article

# What XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates,
# U+FFFE and U+FFFF) and what it discourages and EPUB readers choke on (DEL,
# C1 controls, the non-characters).  A run of them goes; where it stood
# between two words, one space stays (a form feed separates words).
_FORBIDDEN = re.compile("( ?)[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                        "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]+( ?)")
_SEPARATORS = frozenset("\x0b\x0c")


def _replace(match: re.Match) -> str:
    before, after = match.group(1), match.group(2)
    if before or after:
        return " "
    return " " if _SEPARATORS & set(match.group(0)) else ""


def xml_text(text: str) -> str:
    """*text* with every character XML cannot carry removed (or made a space)."""
    return _FORBIDDEN.sub(_replace, text)


def xml_safe(article: Article) -> Article:
    """The article with every string in it, however deep, made safe for XML."""
    return _walk(article)


def _walk(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, tuple):
        return tuple(_walk(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
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
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(_size(getattr(value, f.name)) for f in dataclasses.fields(value))
    return 0
