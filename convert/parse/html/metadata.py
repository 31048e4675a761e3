"""What a saved page says about itself: JSON-LD, OpenGraph, ``<meta>``, ``<link rel=canonical>``, ``<time>``.

The library extractors read these too, but keep one author or one date
where pages give several forms; these rules prefer the page's structured
data (JSON-LD), then OpenGraph and ``<meta>``, and only then the page's text.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

from ... import clean
from ...language import normalize_tag
from ..facts import Facts
from .tree import elements, first

# JSON-LD types that describe an article.
ARTICLE_TYPES = frozenset("""
    NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle
    BackgroundNewsArticle ReviewNewsArticle BlogPosting LiveBlogPosting Report SocialMediaPosting
""".split())
AUTHOR_KEYS = ("author", "byl", "article:author", "dc.creator", "parsely-author", "sailthru.author")
DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "date",
             "pubdate", "publishdate", "publish-date", "dc.date", "dcterms.created",
             "parsely-pub-date", "sailthru.date")
REAL_LINK = re.compile(r"^(?:https?://[^\s/]+|mailto:[^\s@]+@)", re.I)
TITLE_SEPARATOR = clean.TITLE_SEPARATOR
MAX_LD_OBJECTS = 50
LD_JSON = re.compile(r"ld\+json", re.I)   # a script's type: "application/ld+json"
# XHTML-era pages wrap a script's text in CDATA or comment marks, which JSON does not allow.
SCRIPT_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
MAX_HEADINGS = 50
# Library-catalogue order, one name: "Kooman, F.", "Kooman, F. J.", "van Dijk, Anna", "Kooman, Frank".
UPPER = "[A-ZÀ-ÖØ-Þ]"
INITIALS = rf"(?:{UPPER}[a-z]?\.-?\s*)+|{UPPER}"
INVERTED_NAME = re.compile(
    rf"^(?P<surname>(?:[a-z]+\s+)*[^\W\d_][\w'’-]*),\s*(?P<given>{INITIALS}|{UPPER}[^\W\d_A-Z][\w'’-]*(?:\s+(?:{UPPER}\.|{UPPER}[^\W\d_A-Z][\w'’-]*))?)$")


def page_facts(soup: BeautifulSoup) -> Facts:
    """Title, dek, authors, date, address, site and language from the page's metadata."""
    facts = Facts()
    articles, named = _json_ld(soup)
    for data in articles:
        _from_json_ld(facts, data, named)
    props = _meta_tags(soup)
    facts.offer("title", props.get("og:title") or props.get("twitter:title"))
    facts.offer("dek", props.get("og:description") or props.get("twitter:description")
                or props.get("description"))
    for key in AUTHOR_KEYS:
        value = props.get(key, "")
        if value and not REAL_LINK.match(value):   # article:author is often a profile URL
            facts.offer("authors", _names(value))
    for key in DATE_KEYS:
        facts.offer("published", clean.parse_date_value(props[key]) if key in props else None)
    canonical = first(soup, ("link",), _is_canonical_link)
    if canonical is not None:
        facts.url = clean.canonical_url(str(canonical["href"])) or facts.url
    facts.offer("url", clean.canonical_url(props.get("og:url", "")))
    facts.offer("source", props.get("og:site_name") or props.get("application-name"))
    html = soup.find("html")
    lang = str(html.get("lang") or html.get("xml:lang") or "") if isinstance(html, Tag) else ""
    candidates = (lang, facts.language, props.get("og:locale", "").replace("_", "-"),
                  props.get("content-language", "").split(",")[0])
    # The first that names a language ("und" and "x-default" do not).
    facts.language = next((tag for c in candidates if (tag := normalize_tag(c))), "")
    facts.title = without_site_name(clean.collapse_spaces(facts.title), facts.source, facts.url)
    facts.dek = clean.collapse_spaces(facts.dek)
    return facts


def _is_canonical_link(link: Tag) -> bool:
    """``<link rel="canonical" href=…>``; ``rel`` is a list of words (bs4 splits it)."""
    rel = link.get("rel")
    return (rel == "canonical" if isinstance(rel, str) else "canonical" in (rel or ())) and link.get("href") is not None


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    props: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            props.setdefault(key.strip().lower(), clean.collapse_spaces(value))
    return props


def _json_ld(soup: BeautifulSoup) -> tuple[list[dict], dict[str, dict]]:
    """The JSON-LD objects describing an article, flattened out of lists and graphs, and every
    object that has an ``@id``, by it: Yoast's graph names the author only by reference."""
    found: list[dict] = []
    named: dict[str, dict] = {}
    for script in elements(soup, ("script",)):
        if not LD_JSON.search(str(script.get("type", ""))):
            continue
        try:
            data = json.loads(SCRIPT_WRAPPER.sub("", script.string or ""))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < MAX_LD_OBJECTS:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("@id"), str) and len(named) < MAX_LD_OBJECTS:
                    named.setdefault(item["@id"], item)
                types = item.get("@type")
                types = set(types) if isinstance(types, list) else {types}
                if types & ARTICLE_TYPES:
                    found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found, named


def _from_json_ld(facts: Facts, data: dict, named: dict[str, dict]) -> None:
    facts.offer("title", _string(data.get("headline")) or _string(data.get("name")))
    facts.offer("dek", _string(data.get("description")) or _string(data.get("alternativeHeadline")))
    authors = data.get("author") or data.get("creator")
    authors = [_resolve(a, named) for a in (authors if isinstance(authors, list) else [authors])]
    names = [clean.collapse_spaces(_string(a.get("name")) if isinstance(a, dict) else _string(a))
             for a in authors]
    facts.offer("authors", tuple(n for n in names if n and not REAL_LINK.match(n)))
    date = _string(data.get("datePublished")) or _string(data.get("dateCreated"))
    facts.offer("published", clean.parse_date_value(date) if date else None)
    page = data.get("mainEntityOfPage")
    page_url = _string(page.get("@id")) if isinstance(page, dict) else _string(page)
    facts.offer("url", clean.canonical_url(_string(data.get("url")) or page_url))
    publisher = data.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    publisher = _resolve(publisher, named)
    facts.offer("source", _string(publisher.get("name")) if isinstance(publisher, dict) else _string(publisher))
    facts.offer("language", _string(data.get("inLanguage")))


def _resolve(value, named: dict[str, dict]):
    """A reference ``{"@id": …}`` as the object it names in the page's graph; anything else as it is."""
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return named.get(value["@id"], value)
    return value


def _string(value) -> str:
    return clean.collapse_spaces(value) if isinstance(value, str) else ""


def _names(value: str) -> tuple[str, ...]:
    """Author names from a metadata value: "A, B and C", a byline "By A and B", or names written
    surname first ("Kooman, F."; several separated by ";"), each of which is one name, not two."""
    parts = [part.strip() for part in value.split(";") if part.strip()]
    if parts and all(INVERTED_NAME.match(part) for part in parts):
        return tuple(_given_first(INVERTED_NAME.match(part)) for part in parts)
    return clean.byline_authors(value) or clean.byline_authors(f"By {value}") or ()


def _given_first(match: re.Match) -> str:
    """"Kooman, F." as "F. Kooman"; a bare initial gets its full stop ("Kooman, F" as "F. Kooman")."""
    given = re.sub(r"\b([A-Z])(?=\s|$)", r"\1.", match["given"].strip())
    return f"{given} {match['surname']}"


def page_title(soup: BeautifulSoup) -> str:
    """The ``<title>`` without the site's name after a separator."""
    tag = soup.find("title")
    title = clean.collapse_spaces(tag.get_text()) if tag else ""
    return TITLE_SEPARATOR.sub("", title)


def without_site_name(title: str, site: str, url: str) -> str:
    """*title* less a trailing "| Site" that names the page's own site ("How to Build a Shed | eHow")."""
    return clean.split_site_name(title, site, url)[0]


def title_heading(soup: BeautifulSoup, title: str) -> str:
    """The ``<h1>`` that the ``<title>`` repeats: the headline, not the site's name in a banner."""
    wanted = set(title.lower().split())
    best, shared = "", 0
    for h1 in elements(soup, ("h1",))[:MAX_HEADINGS]:
        text = clean.collapse_spaces(h1.get_text(" "))
        common = len(set(text.lower().split()) & wanted)
        if common > shared and common * 2 >= len(wanted):
            best, shared = text, common
    return best


def first_heading(root: Tag) -> str:
    h1 = root.find("h1")
    return clean.collapse_spaces(h1.get_text(" ")) if h1 else ""


def time_element(root: Tag):
    """The date of the first ``<time datetime>`` inside *root*, or None."""
    time = first(root, ("time",), lambda tag: tag.get("datetime") is not None)
    return clean.parse_date_value(str(time["datetime"])) if time else None
