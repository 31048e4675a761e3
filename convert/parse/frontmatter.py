"""YAML front matter that Markdown clippers write above the article.

MarkDownload, Obsidian Web Clipper and Joplin put the page's facts in a
``---`` fenced block: ``title``, ``author``/``authors``, ``published``/
``date``, ``source``/``url``, ``description``, ``lang``.  Those values are
the page's own metadata, so they win over anything guessed from the text.
The block is read with PyYAML's ``safe_load`` (no tags, no objects); when a
clipper's template wrote YAML that does not parse (``title: A: B``), the
block is read line by line as ``key: value`` instead.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import re

from .. import clean
from ..language import normalize_tag
from .facts import Facts as FrontMatter, apply  # noqa: F401  (the parsers' one set of facts)

FENCE = re.compile(r"\A\s*---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
LINE = re.compile(r"^(?P<key>[A-Za-z][\w .-]*?)\s*:\s*(?P<value>.*)$")
MAX_BYTES = 64 * 1024   # front matter larger than this is not a clipper's header

# Which keys carry which fact, most specific first.
KEYS = {
    "title": ("title", "headline", "name"),
    "authors": ("authors", "author", "byline", "creator", "creators", "by"),
    "published": ("published", "date_published", "datepublished", "publish_date", "pubdate", "date"),
    "url": ("url", "source", "source_url", "link", "canonical", "canonical_url", "original_url", "origin"),
    "source": ("site", "site_name", "sitename", "publisher", "publication", "source_name", "source"),
    "dek": ("description", "excerpt", "summary", "subtitle", "dek", "standfirst"),
    "language": ("lang", "language", "locale", "inlanguage"),
}
WIKILINK = re.compile(r"^\[\[(?:[^|\]]*\|)?(?P<name>[^\]]+)\]\]$")   # Obsidian: "[[Name]]" or "[[page|Name]]"


# MarkDownload's default template repeats the page's description under the
# title as a quote headed "Excerpt"; it is the dek, not part of the article.
EXCERPT = re.compile(r"^> ?#{1,6} ?Excerpt[ \t]*\n(?P<body>(?:>.*(?:\n|\Z))*)", re.M | re.I)


def split(text: str) -> tuple[FrontMatter, str]:
    """The clipper's header at the top of *text* (front matter, an excerpt quote) and the text after it."""
    front = FrontMatter()
    match = FENCE.match(text)
    if match and len(match.group("body")) <= MAX_BYTES:
        fields = _load(match.group("body"))
        if fields is not None:   # else a rule and a paragraph, not front matter
            front, text = read_fields(fields), text[match.end():]
    excerpt = EXCERPT.search(text[:4096])
    if excerpt:
        words = clean.collapse_spaces(re.sub(r"^> ?", "", excerpt.group("body"), flags=re.M))
        text = text[:excerpt.start()] + text[excerpt.end():]
        if words and not front.dek:
            front = dataclasses.replace(front, dek=words)
    return front, text


class _Aliased(Exception):
    """The front matter uses YAML aliases."""


@functools.lru_cache(maxsize=1)
def _loader():
    """A YAML loader without aliases: a clipper never writes them, and a few
    thousand of them can make a 46 KB header expand to an 80 MB title."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                raise _Aliased()
            return super().compose_node(parent, index)

    return NoAliases


def _load(body: str) -> dict | None:
    import yaml   # only an article with front matter pays for loading it
    try:
        data = yaml.load(body, Loader=_loader())  # noqa: S506 (a SafeLoader)
    except _Aliased:
        return {}   # front matter, but none of it is read
    except (yaml.YAMLError, RecursionError, ValueError):
        data = None
    if isinstance(data, dict) and _bounded(data):
        return {str(k).strip().lower(): v for k, v in data.items()}
    pairs = [LINE.match(line) for line in body.splitlines() if line.strip() and not line.startswith((" ", "\t", "-"))]
    if not pairs or not all(pairs):
        return None
    return {m.group("key").strip().lower(): m.group("value").strip().strip("\"'") for m in pairs}


MAX_NODES = 2000   # aliases can make a small block expand without end ("billion laughs")
MAX_NESTING = 8


def _bounded(data) -> bool:
    """No cycles, little nesting and few values: a header, not a trap."""
    stack, seen = [(data, 0)], 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES or depth > MAX_NESTING:
            return False
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return True


def read_fields(fields: dict) -> FrontMatter:
    """The facts in a front-matter mapping, each normalized; unknown keys are ignored."""
    def first(fact: str):
        for key in KEYS[fact]:
            value = fields.get(key)
            if value not in (None, "", [], {}):
                return value
        return None

    url = next((clean.canonical_url(v) for key in KEYS["url"] if isinstance(v := fields.get(key), str)
                and clean.canonical_url(v)), "")
    source = next((_text(v) for key in KEYS["source"] if (v := fields.get(key)) and _text(v)
                   and not clean.canonical_url(_text(v))), "")
    language = _text(first("language")).replace("_", "-")
    return FrontMatter(
        title=_text(first("title")),
        authors=_authors(first("authors")),
        published=_date(first("published")),
        url=url,
        source=source,
        dek=_text(first("dek")),
        language=normalize_tag(language),
    )


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join(_text(v) for v in value)
    elif isinstance(value, dict):
        value = value.get("name", "")
    elif isinstance(value, (_dt.date, int, float)) and not isinstance(value, bool):
        value = str(value)
    return clean.collapse_spaces(value) if isinstance(value, str) else ""


def _authors(value) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, list):          # unquoted [[Name]] reads as a nested list
            item = _text(item)
        text = _text(item)
        if match := WIKILINK.match(text):
            text = match.group("name")
        if not text:
            continue
        found = clean.byline_authors(text) or clean.byline_authors(f"By {text}") or (text,)
        names += [n for n in found if n not in names]
    return tuple(names)


def _date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = _text(value)
    return clean.parse_date_value(text) if text else None


def with_title(text: str, title: str) -> str:
    """*text* starting with *title* as its heading, unless it already does."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    heading = clean.collapse_spaces(first.lstrip("#").strip().strip("*_"))
    if heading.lower() == title.lower():
        return text
    return f"# {title}\n\n{text}"
