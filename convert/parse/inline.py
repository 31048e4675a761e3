"""Markdown inline syntax (emphasis, links, code) to the model's inlines."""

from __future__ import annotations

import dataclasses

import re

from ..clean import ESCAPE, collapse_spaces, link_url
from ..model import Emphasis, Foreign, Inline, Link, Strong, Text

# Escaped punctuation is hidden in the Private Use Area while parsing, so
# that ``\*`` is never read as emphasis, then put back as the plain character.
_HIDE_BASE = 0xE000


def _hide(match: re.Match) -> str:
    return chr(_HIDE_BASE + ord(match.group(1)))


def _reveal(text: str) -> str:
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _HIDE_BASE), text)


LINK_TEXT = r"\[(?P<{name}>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
URL = r"\(\s*<?(?P<url>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
TOKENS = re.compile(
    "|".join((
        r"(?P<image>!" + LINK_TEXT.format(name="alt") + URL.replace("url", "src") + ")",
        r"(?P<link>" + LINK_TEXT.format(name="label") + URL + ")",
        r"(?P<reflink>" + LINK_TEXT.format(name="reflabel") + r"\[(?P<ref>[^\[\]]*)\])",
        # Link syntax a clipper mangled (a space in the address, no closing
        # bracket): keep the words, drop the address.
        # The address ends before a bracket, so a link after it is still read.
        r"(?P<broken>" + LINK_TEXT.format(name="brokenlabel") + r"\((?:[^()\[\]\n]*\)|[^\s)\[\]]*))",
        r"<(?P<autolink>(?:https?|mailto):[^\s<>]+)>",
        r"(?P<code>`+)(?P<codetext>.+?)(?P=code)",
        r"\*\*(?=\S)(?P<strong1>.+?)(?<=\S)\*\*",
        r"(?<![\w_])__(?=\S)(?P<strong2>.+?)(?<=\S)__(?![\w_])",
        r"\*(?=[^\s*])(?P<em1>.+?)(?<=[^\s*])\*",
        r"(?<![\w_])_(?=[^\s_])(?P<em2>.+?)(?<=[^\s_])_(?![\w_])",
        r"<(?P<tag>/?[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>",
    ))
)

# Link syntax whose brackets a clipper escaped as if they were text:
# ``\[Site\](#)``.  An escaped ``]`` right before an address (or ``#``, or
# nothing) in parentheses is never prose; ``\[sic\](2019)`` stays as it is.
ESCAPED_LINK = re.compile(r"\\+\[(?P<label>(?:[^\[\]\\]|\\[^\[\]])*)\\+\]"
                          r"\((?P<url>(?:#|/|[a-z][a-z0-9+.-]*:)[^()\s]*|)\)", re.I)

# Stray emphasis marks that found no partner.
STRAY_MARKS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|\*+")


def link_target(url: str) -> str | None:
    """A real http(s) or mailto address, validated and without trackers; None for "#", "", "javascript:"…"""
    return link_url(_reveal(url)) or None


def _checked_target(url: str) -> str | None:
    """As ``link_target`` decides whether there is a link, with the address left as written.

    For text whose words alone are wanted: cleaning the address (courlan,
    for one with a query) would be work thrown away.
    """
    return link_url(_reveal(url), tidy=False) or None


def unescape_link_syntax(text: str) -> str:
    return ESCAPED_LINK.sub(r"[\g<label>](\g<url>)", text)


def parse_inlines(text: str, references: dict[str, str] | None = None, *,
                  words_only: bool = False) -> tuple[Inline, ...]:
    """Inline Markdown to model inlines; broken links become their words.

    With *words_only*, links keep their addresses as written (for ``plain``).
    """
    hidden = ESCAPE.sub(_hide, unescape_link_syntax(text))
    return tidy(_parse(hidden, references or {}, _checked_target if words_only else link_target))


# Link syntax alone: emphasis may wrap a link whole, never end inside one.
LINKS = re.compile(TOKENS.pattern.split("|(?P<code>")[0])
EMPHASIS = ("strong1", "strong2", "em1", "em2")


def _cuts_a_link(match: re.Match, text: str) -> bool:
    """Whether an emphasis match ends inside link syntax that starts within it ("*[a*](url)")."""
    for link in LINKS.finditer(text, match.start() + 1):
        if link.start() >= match.end():
            return False
        if link.group(0).startswith(("[", "![")) and link.end() > match.end():
            return True
    return False


def _parse(text: str, refs: dict[str, str], target=link_target) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    search = 0
    while (match := TOKENS.search(text, search)) is not None:
        kind = next(name for name in ("image", "link", "reflink", "broken", "autolink", "code", "strong1",
                                      "strong2", "em1", "em2", "tag") if match.group(name) is not None)
        if kind in EMPHASIS and _cuts_a_link(match, text):
            search = match.start() + 1   # the mark is plain text; the link is read whole
            continue
        if match.start() > pos:
            out.append(Text(_plain_text(text[pos:match.start()])))
        pos = search = match.end()
        if kind == "image":
            continue  # an image inside running text has no place in a paragraph
        if kind == "link":
            children = _parse(match.group("label"), refs, target)
            url = target(match.group("url"))
            out.append(Link(tuple(children), url) if url else _group(children))
        elif kind == "reflink":
            label = match.group("reflabel")
            url = target(refs.get((match.group("ref") or label).lower(), ""))
            children = _parse(label, refs, target)
            out.append(Link(tuple(children), url) if url else _group(children))
        elif kind == "broken":
            out.append(_group(_parse(match.group("brokenlabel"), refs, target)))
        elif kind == "autolink":
            url = link_target(match.group("autolink"))   # its words are the address
            out.append(Link((Text(url),), url) if url else Text(_reveal(match.group("autolink"))))
        elif kind == "code":
            out.append(Text(_reveal(match.group("codetext"))))
        elif kind in ("strong1", "strong2"):
            out.append(Strong(tuple(_parse(match.group(kind), refs, target))))
        elif kind in ("em1", "em2"):
            out.append(Emphasis(tuple(_parse(match.group(kind), refs, target))))
        elif kind == "tag":
            # Inline HTML: keep its words, drop the tag.
            if match.group("tag").lower() in ("br", "br/"):
                out.append(Text(" "))
    if pos < len(text):
        out.append(Text(_plain_text(text[pos:])))
    return out


def _group(children: list[Inline]) -> "Run":
    return Run(children)


class Run(tuple):
    """A run of inlines to be spliced into its parent (the words of a link that is not real)."""


def _plain_text(text: str) -> str:
    return _reveal(STRAY_MARKS.sub("", text)) if ("*" in text or "_" in text) else _reveal(text)


def tidy(nodes) -> tuple[Inline, ...]:
    """Splice runs, join neighbouring Text, fold white space, trim the ends, drop empties.

    Emphasis or a link left with no words (an icon's markup) is unwrapped.
    Both parsers finish their inlines here.
    """
    flat = _flatten(nodes)
    if flat:
        flat[0] = _trim(flat[0], str.lstrip, 0)
        flat[-1] = _trim(flat[-1], str.rstrip, -1)
    return tuple(n for n in flat if not (isinstance(n, Text) and not n.text))


def _trim(node: Inline, strip, end: int) -> Inline:
    """*node* without the white space at one end, inside a link or emphasis too
    (``<a> <div>A guide</div> </a>`` starts with a space inside the link)."""
    if isinstance(node, Text):
        return Text(strip(node.text))
    children = list(node.children)
    if not children:
        return node
    children[end] = _trim(children[end], strip, end)
    children = tuple(c for c in children if not (isinstance(c, Text) and not c.text))
    return dataclasses.replace(node, children=children)


def _flatten(nodes) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Run):
            items = _flatten(node)
        elif isinstance(node, (Emphasis, Strong)):
            children = tuple(_flatten(node.children))
            items = [type(node)(children)] if _has_words(children) else list(children)
        elif isinstance(node, Link):
            children = tuple(_flatten(node.children))
            items = [Link(children, node.url)] if _has_words(children) else list(children)
        elif isinstance(node, Foreign):
            children = tuple(_flatten(node.children))
            items = [Foreign(children, node.language)] if _has_words(children) else list(children)
        else:
            items = [Text(WHITE_SPACE.sub(" ", node.text))]
        for item in items:
            if isinstance(item, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(_join_folded(out[-1].text, item.text))
            else:
                out.append(item)
    return out


WHITE_SPACE = re.compile(r"\s+")


def _join_folded(before: str, after: str) -> str:
    """Two texts whose white space is folded to single spaces, joined and still folded.

    Only where they meet can two spaces stand together; folding the whole
    joined text again made a paragraph of many short strings quadratic.
    """
    if before.endswith(" ") and after.startswith(" "):
        return before + after[1:]
    return before + after


def _has_words(nodes: tuple[Inline, ...]) -> bool:
    """Does a run hold any word?  Children are already flattened, so one level suffices."""
    return any((n.text.strip() if isinstance(n, Text) else True) for n in nodes)


def plain_inline_text(text: str) -> str:
    """The words of an inline Markdown string, markup dropped."""
    from ..model import plain
    return collapse_spaces(plain(parse_inlines(text, words_only=True)))
