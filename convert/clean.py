"""Clean-up steps shared by every parser: small named functions, rules kept as data.

Each step describes a habit of web clippers and saved pages, not a
particular article, and is tested on its own in tests/test_clean.py.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from .model import Block, EndNote, Paragraph

# --- characters --------------------------------------------------------------

# Invisible characters that clippers carry over from the page and that a
# screen reader may announce or a braille display may show as junk.
INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff"          # zero-width space/joiners, word joiner, BOM
    "\u00ad"                                  # soft hyphen
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"  # bidi marks and embeddings
    "\u2066\u2067\u2068\u2069]"               # bidi isolates
)

SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# SPACES in two cheaper steps for whole pages: every odd space made a plain one, then runs of them one.
ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
SPACE_RUN = re.compile(r"  +")


def normalize_text(text: str) -> str:
    """NFC, Unix line ends, no invisible characters, no tabs or odd spaces.

    Normalized text comes back unchanged: invisible characters go before
    composing, so a letter and its accent that one stood between are joined
    too ("e", zero-width space, combining acute: "é").
    """
    # Whole-text substitutions, not a pass per line or str.translate with a table:
    # on a saved page of a megabyte this was a tenth of the parse.
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = SPACE_RUN.sub(" ", ODD_SPACE.sub(" ", unicodedata.normalize("NFC", text)))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def collapse_spaces(text: str) -> str:
    """One space between words, none at the ends."""
    return SPACES.sub(" ", text.replace("\n", " ")).strip()


# Markdown backslash escapes; clippers often escape twice (``\\_``).
ESCAPE = re.compile(r"\\+([!-/:-@\[-`{-~])")


def unescape_markdown(text: str) -> str:
    """``\\_`` and ``\\\\_`` become ``_``; a trailing hard-break backslash goes."""
    return ESCAPE.sub(r"\1", text).rstrip("\\").rstrip()


# --- torn paragraphs -----------------------------------------------------------

# Abbreviations that stand before a name: a paragraph ending in one of them
# was torn by the clipper, even though it ends in a full stop ("Maj. Gen." |
# "Qassim Suleimani").
TITLE_ABBREVIATIONS = frozenset("""
    Adm Brig Capt Cmdr Col Cpl Dr Fr Gen Gov Hon Insp Lt Maj Messrs Mr Mrs Ms
    Mt No Prof Pvt Rep Rev Sen Sgt Sr St Supt Vs
""".split())

# French sets a space (often a narrow no-break one) inside its quotation marks: "norme. »".
TERMINAL = re.compile(r"[.!?…:;](?:\s?[\"'”’»)\]])*$")
LAST_WORD = re.compile(r"(\w+)\.[\"'”’)]*$")
MIN_TORN_WORDS = 6  # a shorter unpunctuated line is a label or subhead, not a torn sentence


def is_torn(first: str, second: str) -> bool:
    """Does paragraph *first* run on into *second*?  Both are plain text."""
    first, second = first.strip(), second.strip()
    if not first or not second:
        return False
    if second[0].islower():
        return True
    match = LAST_WORD.search(first)
    if match and match.group(1) in TITLE_ABBREVIATIONS:
        return True
    if TERMINAL.search(first):
        return False
    return len(first.split()) >= MIN_TORN_WORDS and (second[0].isalnum() or second[0] in "\"“'‘(")


# --- captions and credits ------------------------------------------------------

# "Caption. Credit...Name/Agency" (the dots may be an ellipsis character),
# "Caption (Credit: Name)", "Caption Photograph: Name", "Caption Photo by Name".
# Other languages label a credit "Foto: Name", "Bild: Name", "Crédit photo : Name".
PHOTO_LABELS = (r"Photograph|Photo|Image|Picture|Foto|Fotografía|Fotografia|Bild|Beeld"
                r"|Crédit photo|Crédito|Credito|Bildnachweis|写真|图片|صورة")
CREDIT_PATTERNS = (
    re.compile(rf"^(?P<caption>.*?)\s*[(（]\s*(?:Credit|{PHOTO_LABELS})s?\s*(?:[:：]|by)\s*(?P<credit>[^()（）]+)[)）]\s*$", re.I),
    re.compile(r"^(?P<caption>.*?)\s*\bCredits?\s*(?:\.{2,}|…|:)\s*(?P<credit>.+?)\s*$"),
    re.compile(rf"^(?P<caption>.*?[.!?\"”。」])\s*(?:{PHOTO_LABELS})s?\s*(?:\s:|[:：]|by)\s*(?P<credit>.+?)\s*$"),
    # Agencies' own forms: "Caption. (AP Photo/Name)", "Caption. REUTERS/Name".
    re.compile(rf"^(?P<caption>.*?[.!?\"”])\s*[(（](?P<credit>(?:[\w&.-]+\s+){{1,3}}(?:{PHOTO_LABELS})s?\s*/\s*[^()（）]+)[)）]\s*$"),
    re.compile(r"^(?P<caption>.*?[.!?\"”])\s+(?P<credit>[A-Z]{2,}(?:\s[A-Z]{2,})*"
               r"(?:/[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|van|von|de|da|del|der|di|la|le)){0,4})+)\s*$"),
)

# "Photo: caption" and "Image: caption" styles put the label first.
# BBC pages write "Image caption, The bridge…".
CAPTION_LABEL = re.compile(r"^(?:(?:Photo|Photograph|Image|Picture|Caption)\s*:|(?:Image|Media|Photo) caption\s*[,:])"
                           r"\s*(?P<caption>.+)$", re.I)


def split_credit(text: str) -> tuple[str, str] | None:
    """Split a photo caption from its credit; None when *text* carries no credit."""
    for pattern in CREDIT_PATTERNS:
        match = pattern.match(text.strip())
        if match and match.group("credit").strip():
            return match.group("caption").strip(), match.group("credit").strip().rstrip(".")
    return None


def caption_label(text: str) -> str | None:
    """The caption of a "Photo: …" line, or None."""
    match = CAPTION_LABEL.match(text.strip())
    return match.group("caption").strip() if match else None


# --- running times ---------------------------------------------------------------

RUNNING_TIME = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")


def running_time(text: str) -> int | None:
    """Seconds in a video's running time such as ``0:30`` or ``1:02:03``; else None."""
    match = RUNNING_TIME.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    if seconds >= 60 or (match.group(1) and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + seconds


# --- URLs -----------------------------------------------------------------------

# Addresses are checked once, here, for the source address and for every link
# in the body: a target that is not a valid http(s) URL is no link (its words
# stay as plain text), because EPUBCheck rejects it and a reader cannot follow
# it.  Tracking parameters are removed by courlan's rules (trafilatura's own
# address cleaner, kept up to date with the ClearURLs and AdGuard lists)
# rather than by a list kept here.
INVALID_URL = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]|%(?![0-9A-Fa-f]{2})')
HOST = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.?|[0-9a-f:.]*:[0-9a-f:.]*)$", re.I)
MAILTO = re.compile(r"^mailto:[^\s@/]+@[^\s@/]+$", re.I)
# A path that names no page by itself: the query says which content is shown.
SCRIPT_PATH = re.compile(r"(?:^/?$|\.(?:php\d?|aspx?|jsp|cgi|pl|py|cfm)$)", re.I)


def _http_parts(url: str) -> SplitResult | None:
    """The parts of *url* if it is a valid http(s) address; else None."""
    if not url or INVALID_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port   # noqa: B018  (raises ValueError for a port out of range)
        host = parts.hostname or ""
    except ValueError:   # an unclosed IPv6 bracket, a port that is no number
        return None
    if parts.scheme.lower() not in ("http", "https") or not HOST.match(host) or "@" in parts.netloc:
        return None
    return parts


def link_url(href: str, base: str = "", tidy: bool = True) -> str:
    """A link target a reader can follow, trackers removed; "" when there is none.

    Relative targets are resolved against *base*, the page's own address.
    With *tidy* false the address is only checked, and returned as it is.
    """
    href = href.strip()
    if href.lower().startswith("mailto:"):
        return href if MAILTO.match(href) and not INVALID_URL.search(href) else ""
    if base and href and not href.startswith("#") and not URL_SCHEME.match(href):
        try:
            href = urljoin(base, href)
        except ValueError:
            return ""
    parts = _http_parts(href)
    if parts is None:
        return ""
    return _normalized(parts, strict=False, fragment=True) if tidy else href


def canonical_url(url: str) -> str:
    """The article's own address: no fragment, and only the query parameters that select content."""
    parts = _http_parts(unescape_markdown(url.strip().strip("<>")))
    if parts is None:
        return ""
    # An article's address names it by its path; its query keeps only what
    # courlan lists as choosing content (page, id, p...), unless the path is
    # a script or the root, where the query is what names the page.
    return _normalized(parts, strict=not SCRIPT_PATH.search(parts.path), fragment=False)


def _normalized(parts: SplitResult, strict: bool, fragment: bool) -> str:
    url = _without_courlan(parts, strict, fragment)
    if url is None:
        from courlan import normalize_url   # imported here: its start-up is paid only when needed
        try:
            url = normalize_url(parts, strict=strict)
        except ValueError:
            return ""
    scheme, netloc, path, query, frag = urlsplit(url)
    return urlunsplit((scheme, netloc, path or "/", query, frag if fragment else ""))


# courlan's import (about 50 ms: its network, language and domain-list
# modules) costs more than converting a whole article to text and EPUB.  An
# address with no trackers to look for (no query, or a query where only
# courlan's list of content-selecting parameters is kept) and no fragment to
# keep is normalized here by the same steps, with courlan's own parameter
# list; tests/test_clean.py checks the two agree.  Anything else goes to courlan.
_SLASHES = re.compile(r"/+")
_LEADING_PARENT = re.compile(r"^(?:/\.\.(?![^/]))+")
_DEFAULT_PORT = re.compile(r"(?<=\w):(?:80|443)")


def _without_courlan(parts: SplitResult, strict: bool, fragment: bool) -> str | None:
    """*parts* normalized as courlan would, or None where courlan itself must decide."""
    if (parts.query and not strict) or (fragment and parts.fragment) or "xn--" in parts.netloc.lower():
        return None
    kept = _content_parameters() if parts.query else frozenset()
    if kept is None:
        return None
    scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
    if (scheme, parts.port) in (("http", 80), ("https", 443)):
        netloc = _DEFAULT_PORT.sub("", netloc)
    path = quote(_LEADING_PARENT.sub("", _SLASHES.sub("/", parts.path)), safe="/%!=:,-")
    # By name, each name's values in their order.
    pairs = sorted(((k, v) for k, v in parse_qsl(parts.query) if k.lower() in kept),
                   key=lambda pair: pair[0])
    query = urlencode(pairs)
    if query and not path:
        path = "/"
    return urlunsplit((scheme, netloc, path, query, ""))


@functools.lru_cache(maxsize=1)
def _content_parameters() -> frozenset[str] | None:
    """courlan's query parameters that choose content, read without loading courlan; None if not found."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("courlan")
        folder = Path(next(iter(spec.submodule_search_locations)))
        settings_spec = importlib.util.spec_from_file_location("_courlan_settings", folder / "settings.py")
        settings = importlib.util.module_from_spec(settings_spec)
        settings_spec.loader.exec_module(settings)
        return frozenset(settings.ALLOWED_PARAMS) | frozenset(settings.LANG_PARAMS)
    except (AttributeError, ImportError, OSError, StopIteration, TypeError):
        return None


def site_name(url: str) -> str:
    """A fallback source name from the address: ``www.example.com`` gives ``example.com``."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:   # not an address at all
        return ""
    return host.removeprefix("www.")


TITLE_SEPARATOR = re.compile(r"\s+[|–—·-]\s+[^|–—·-]{2,40}$")  # "Headline | Site Name"


def split_site_name(title: str, site: str, url: str) -> tuple[str, str]:
    """*title* less a trailing "| Site" that names the page's own site, and that site's name ("" if none).

    The site is known by its name (*site*) or by its address (*url*):
    "Headline | The Example Gazette" on ``example-gazette.com``.
    """
    match = TITLE_SEPARATOR.search(title)
    if not match:
        return title, ""
    tail = match.group().lstrip(" |–—·-").strip()
    host = site_name(url).split(".")
    names = {_letters(site), *(_letters(label) for label in host[:-1]), _letters(".".join(host))} - {""}
    if _letters(tail) in names or _letters(re.sub(r"^the\s+", "", tail, flags=re.I)) in names:
        return title[:match.start()].rstrip(), tail
    return title, ""


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# --- bylines ---------------------------------------------------------------------

BYLINE = re.compile(r"^(?:by|written by|words by|story by|reporting by)\s*:?\s+(?P<names>.+)$", re.I)
# The same in other languages: "Von", "Par", "Por", "Di", "Door"; "文：" and
# "作者：" in Japanese and Chinese, "بقلم" in Arabic.  These words also open
# ordinary sentences ("Por la mañana"), so every name after them must be
# capitalised (or in a script without case).
FOREIGN_BYLINE = re.compile(
    r"^(?:(?:von|text|par|por|di|door|texto|testo|tekst)\s*:?\s+|(?:文|作者|记者|記者)\s*[:：]\s*"
    r"|(?:بقلم|كتب|كتبت)\s*:?\s+)(?P<names>.+)$", re.I)
NAME_SEPARATORS = re.compile(
    r"\s*(?:[,،]\s*(?:(?:and|und|et|y|e|en)\s+)?|\s+(?:and|und|et|y|e|en)\s+|\s*&\s*|\s*;\s*|、|\s+و)\s*",
    re.I)
# Where a byline's parts meet: "By A | Reuters", "By A · 3 Mar 2025", "By A — Staff writer",
# "By A - Reuters", and a comma before a date's label ("By A, Updated 5:42 PM EST, March 2, 2026").
BYLINE_PARTS = re.compile(
    r"\s+(?:[|—–·•]|-(?=\s))\s*|,\s+(?=(?:published|updated|posted)\b"
    r"|on\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))", re.I)
MAX_NAME_WORDS = 5        # a longer "name" is a sentence that begins with "By"
# Words that stand before names in a caption's credit or a byline and are no names.
NAME_PARTICLES = frozenset("van von de der den da di du del la le via for and und en y e et".split())
# A section's label set where a byline stands ("World News · March 3, 2026") is no name.
SECTION_WORDS = frozenset("""
    news world local national international politics business economy opinion sport sports culture
    arts science tech technology health travel lifestyle weather
""".split())


class Byline(NamedTuple):
    """What a byline's line says: who wrote the article, the date it may carry, and the rest."""

    names: tuple[str, ...]
    date: _dt.date | None
    leftovers: tuple[str, ...]   # "Reuters", "3 min read", "Culture correspondent"


def split_byline(line: str) -> Byline | None:
    """The names, date and other parts of a byline's line; None when *line* is no byline.

    "By A and B", "By A | March 3, 2024", "By A, Updated 5:42 PM EST, March 2,
    2026", "Von A · 12. September 2023".  Without "By", a line is a byline only
    when names alone stand first and a date follows ("A · 3 min read · Mar 3, 2024"),
    as blogs set it.  A date is never part of a name.
    """
    first, *rest = BYLINE_PARTS.split(collapse_spaces(line))
    separated = bool(rest)
    match = BYLINE.match(first)
    foreign = match is None
    match = match or FOREIGN_BYLINE.match(first)
    names = match.group("names") if match else first
    if tail := TRAILING_DATE.search(names):   # "By A. Writer March 25, 2015"
        names, rest = names[:tail.start()], [tail.group(), *rest]
    date, leftovers = None, []
    for part in rest:
        found = parse_date(_without_on(part)) if date is None else None
        if found is not None:
            date = found
        elif part.strip(" ,"):
            leftovers.append(part.strip(" ,"))
    authors = [_shouted_name(name.strip()) for name in NAME_SEPARATORS.split(names.rstrip(".")) if name.strip()]
    # "By Kofi Mensah, Culture correspondent": a job title after the names is no author.
    people = [name for name in authors if not ROLE_WORDS.intersection(name.lower().split())]
    named = people or authors
    if not named or any(len(name.split()) > MAX_NAME_WORDS for name in named):
        return None  # a sentence that begins with "By", not a byline
    if match is None:
        # No "By": names only, a person's two words or more each, and a date set apart from
        # them; "Last Updated: January 7, 2025" is a dateline, "Harbor Festival March 3, 2025" a title.
        if date is None or not separated or not people or not names_only(names, most=3 * MAX_NAME_WORDS) or any(
                len(name.split()) < 2 or any(ch.isdigit() or ch in ":：" for ch in name)
                or SECTION_WORDS.intersection(name.lower().split()) for name in people):
            return None
    elif foreign and any(name[0].islower() or TERMINAL.search(name) for name in named):
        return None  # "Por la mañana, ..."
    # Nor is a phrase in lower case ("By Kofi Mensah, on assignment"); a particle may open a name ("van Dijk").
    kept = [name for name in named if not (name[0].islower() and name.split()[0] not in NAME_PARTICLES)] or named
    return Byline(tuple(kept), date, tuple(leftovers + [name for name in authors if name not in kept]))


def _without_on(part: str) -> str:
    """A byline's part without the comma or "on" before its date (", on March 3, 2024")."""
    part = part.lstrip(" ,")
    return part[3:] if part[:3].lower() == "on " else part


def byline_authors(line: str) -> tuple[str, ...] | None:
    """The names in a byline such as "By A, B and C"; None when *line* is no byline."""
    byline = split_byline(line)
    return byline.names if byline is not None else None


def names_only(text: str, most: int = 6) -> bool:
    """Is *text* names alone ("Jo Penrose/PA", "Marta de Vries"): at most *most* words,
    each capitalised, a particle, or an agency's slash?  A caption has words in lower case."""
    words = [word for word in re.split(r"[\s,;]+", text) if word]
    return len(words) <= most and all(
        not word[0].islower() or word.lower() in NAME_PARTICLES or "/" in word for word in words)


ROLE_WORDS = frozenset("""
    correspondent correspondents editor editors reporter reporters writer writers columnist contributor
    contributors critic analyst producer photographer journalist staff desk
""".split())


def _shouted_name(name: str) -> str:
    """A name a wire service set in capitals, without the employer after it ("JANE DOE Associated Press")."""
    kept = []
    for word in name.split():
        if not word.isupper():
            break
        kept.append(word)
    # A surname in capitals, not only initials ("C. J. Park" is a name as it stands).
    shouted = any(sum(ch.isalpha() for ch in word) > 1 for word in kept)
    return " ".join(kept) if shouted and len(kept) > 1 else name


# --- dates -----------------------------------------------------------------------

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_FORMS = (
    rf"{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}",    # Jan. 5, 2024
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}",  # 5 Jan 2024
    r"\d{4}-\d{2}-\d{2}",                                    # 2024-01-05
    r"\d{1,2}/\d{1,2}/\d{4}",                                # 01/05/2024 (month first)
)
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|modified|date)\s*:?\s*)?"
    # A time before the date: "Updated 5:42 PM EST, March 2, 2026".
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?,?\s+(?:on\s+)?)?"
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
    rf"(?P<date>{'|'.join(DATE_FORMS)})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\.?"
    r"(?:\s*[|·•,]?\s*(?:updated|modified)\b.{0,60})?"     # "Published X Updated Y": X is the date
    r"(?:\s*[|·•,–-]?\s*\d{1,3}\s*min(?:ute)?s?\.?(?:\s+read)?)?$",   # "Sep 30, 2024 • 4 min read"
    re.I,
)


TRAILING_DATE = re.compile(rf"[\s,]+(?:on\s+)?(?:{'|'.join(DATE_FORMS)})\.?$", re.I)


def parse_date(line: str) -> _dt.date | None:
    """The date of a dateline such as "Jan. 5, 2024" or "Published 5 Jan 2024"; else None.

    Datelines in other languages ("12. September 2023", "3 de febrero de
    2024", "1er mai 2024", "2024年3月28日") are read too.
    """
    line = collapse_spaces(line)
    match = DATE_LINE.match(line)
    if not match:
        return foreign_date(line)
    return parse_date_value(match.group("date"))


# Month names of the languages whose datelines are recognised, from CLDR (Babel).
DATE_LOCALES = ("de", "fr", "es", "pt", "it", "nl", "ar")
# Words that may stand before a dateline: "Veröffentlicht am", "Publié le", "Publicado el".
DATE_PREFIX = (r"(?:(?:veröffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado"
               r"|atualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?:\s+(?:am|le|el|em|il|op))?"
               r"\s*:?\s*)?")
CJK_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                      r"(?:\s*[（(]?[日月火水木金土一二三四五六天][曜]?[日]?[）)]?)?"
                      r"(?:\s*\d{1,2}[:時]\d{2}分?)?$")
NUMERIC_DATE = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$")
FOREIGN_DATE_MAX = 80
# What every written-out dateline above has: a day, a one-word month, a year.
# Only a line of this shape loads the month names (Babel's start-up costs
# more than the rest of a text-and-EPUB run's date handling).
WRITTEN_DATE = re.compile(r"\d{1,2}(?:\.|er|º|°)?\s+(?:de\s+)?[^\W\d_]+\.?,?\s+(?:de\s+)?\d{4}")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@functools.lru_cache(maxsize=1)
def _foreign_months() -> tuple[re.Pattern, dict[str, int]]:
    from babel.dates import get_day_names, get_month_names
    months: dict[str, int] = {}
    days: set[str] = set()
    for code in DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, code).items():
                    months.setdefault(name.lower().rstrip("."), number)
        days |= {name.lower() for name in get_day_names("wide", "format", code).values()}
    names = "|".join(map(re.escape, sorted(months, key=len, reverse=True)))
    weekdays = "|".join(map(re.escape, sorted(days, key=len, reverse=True)))
    pattern = re.compile(
        rf"^{DATE_PREFIX}(?:(?:{weekdays}),?\s+)?"
        rf"(?P<d>\d{{1,2}})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<month>{names})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})"
        r"(?:,?\s*(?:um|à|a las|às|alle|om|-|–)?\s*\d{1,2}\s?[:.h]\s?\d{2}(?:\s?(?:Uhr|uur|h))?)?\.?$",
        re.I)
    return pattern, months


def foreign_date(line: str) -> _dt.date | None:
    """A dateline written in one of DATE_LOCALES, or in Chinese or Japanese; else None."""
    line = line.translate(ARABIC_DIGITS)
    if len(line) > FOREIGN_DATE_MAX or not re.search(r"\d{4}", line):
        return None   # no dateline: spare loading the month names of every locale
    pattern, months = _foreign_months() if WRITTEN_DATE.search(line) else (None, {})
    if pattern is not None and (match := pattern.match(line)):
        day, month, year = int(match["d"]), months[match["month"].lower().rstrip(".")], int(match["y"])
    elif match := CJK_DATE.match(line) or NUMERIC_DATE.match(line):
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    else:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: str) -> _dt.date | None:
    """A date from a metadata value (ISO 8601 or written out); None if it is not one."""
    value = value.replace(" of ", " ")
    date = _common_date(value)
    if date is not None:
        return date
    try:
        from dateutil import parser as _dateparser   # loaded on the first uncommon date
        return _dateparser.parse(value, default=_dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


# The forms nearly every dateline and metadata value takes, read by the
# standard library: dateutil's import costs more than the rest of a
# text-and-EPUB run's date handling.  Anything else goes to dateutil, and
# tests/test_clean.py checks that the two agree on these forms.
_WRITTEN_FORMS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


def _common_date(value: str) -> _dt.date | None:
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            return None
    if not re.fullmatch(r"[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.?,? \d{4}", text):
        return None
    words = text.replace(".", "").replace(",", "").replace("Sept ", "Sep ").split()
    for form in _WRITTEN_FORMS:
        try:
            return _dt.datetime.strptime(" ".join(words), form).date()
        except ValueError:
            continue
    return None


# --- slugs -----------------------------------------------------------------------

SLUG_LIMIT = 60   # bytes of UTF-8: file systems bound a name's bytes, not its characters


def slug(text: str) -> str:
    """A file name from a title: lower case, dashes, bounded, never hidden.

    Latin letters lose their accents ("Café" gives "cafe"); letters of other
    scripts are kept as they are (NFKC), so a Chinese, Japanese, Greek or
    Russian title gives a name its reader can read.
    """
    text = re.sub(r"['’]", "", unicodedata.normalize("NFKC", text))
    words = [w for w in (_slug_word(w) for w in re.findall(r"[^\W_]+", text.lower())) if w]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate.encode()) > SLUG_LIMIT:
            break
        out = candidate
    return out or (words[0].encode()[:SLUG_LIMIT].decode(errors="ignore") if words else "")


def _slug_word(word: str) -> str:
    """*word* with Latin letters folded to ASCII ("café" to "cafe"; as before, "ß" and "ø" are dropped)."""
    kept = []
    for ch in word:
        if ch.isascii():
            kept.append(ch)
        elif unicodedata.name(ch, "").startswith("LATIN"):
            kept.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode())
        elif unicodedata.category(ch)[0] in "LNM":   # letters, digits and the vowel signs of Indic scripts
            kept.append(ch)
    return "".join(kept)


# --- pointers to other articles ------------------------------------------------------

# Labels a page sets over links to its other articles: standing alone, over a
# list of links ("More from Field Notes", "You may also like"), or opening a
# line of them ("Related: <headline>", "Lire aussi : <headline>").  Both
# parsers read them here.  "More from/on/in …" names a section or a topic, never
# a sentence: it does not end in a full stop ("More on that later.").
RELATED_LABELS = (
    r"related(?: articles?| stories| story| content| coverage| reading| links| topics)?"
    r"|read more|read (?:also|next)|also read|see also|further reading"
    r"|more on this(?: story| topic)?|(?:explore )?more on (?:these|this) topics?"
    r"|more (?:from|on|about|in|stories|news)\b[^:：]{0,40}(?<![.!?])"
    r"|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared)"
    r"|you (?:may|might) also like|latest (?:news|stories)|top stories"
    r"|topics|tags|filed under|themen|argomenti|onderwerpen|watch|listen"
    r"|leggi anche|lees ook|(?:à )?lire aussi|lesen sie auch|mehr zum thema|lea también|lee también"
    r"|ver también|leia también|veja também"
)
# A label alone ("rest" is None), or a label and what it points to.
RELATED = re.compile(rf"^\W*(?:{RELATED_LABELS})\s*(?:[:：]\s*(?P<rest>.*))?$", re.I | re.S)


# Lines a web page carries that are no part of the article.
PAGE_FURNITURE = re.compile(
    r"^(?:advertisement|skip advertisement|supported by|share full article|share this article|"
    r"continue reading(?: the main story)?|"
    r"(?:story|article) continues below(?: (?:this )?advertisement)?|"
    r"(?:sign up|subscribe|register)\b.{0,60}\bnewsletters?\b.{0,60}|"
    r"listen to (?:this )?(?:article|story).*|listen(?:\s*[·|•:-]?\s*\d{1,2}:\d{2}.*)?|\d+[ -]min(?:ute)?s? read|"
    r"(?:gift|give|share) this (?:article|story)|save(?: (?:this )?(?:article|story))?|bookmark|"
    # Reading time: "Reading time: 5 minutes", "Leestijd 2 minuten", "Lesezeit: 3 Min."
    r"(?:reading time|read time|leestijd|lesezeit|temps de lecture|tempo di lettura|tiempo de lectura"
    r"|tempo de leitura)\s*:?\s*(?:ca\.\s*)?\d+\s*\w+\.?|"
    r"(?:see|view) more on our coverage.*|comments?|print|email|share|"
    # A live page's controls and entry marks.
    r"show key events only|key events?|live feed|pinned post|(?:live|latest) updates|"
    r"updated at \d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?|"
    r"(?:please )?(?:turn on|enable) javascript\b.{0,80}|"
    r"leave a comment|\d+ comments?|(?:view|show|read) (?:all )?comments|join the conversation|"
    # A gallery's or a photo viewer's buttons.
    r"enlarge this image|(?:toggle|hide|show) caption|(?:open|view) (?:image|photo)(?: in (?:gallery|full ?screen))?|"
    r"(?:thanks for reading\b.{0,80})?subscribe (?:for free|now|today|to (?:receive|get|support|read)).{0,100}|"
    # A date that says only how long ago: "3 hours ago", "vandaag om 14:22", "vor 2 Stunden".
    r"(?:(?:updated|published|posted|bijgewerkt|aktualisiert|aggiornato|mis à jour|actualizado)\s+)?"
    r"(?:\d+\s+\w+\s+(?:ago|geleden|fa)|(?:vor|il y a|hace|há)\s+\d+\s+\w+"
    r"|(?:today|yesterday|vandaag|gisteren|heute|gestern|oggi|ieri|aujourd'hui|hier|hoy|ayer|hoje|ontem)"
    r"(?:,?\s+(?:at|om|um|alle|à|a las|às)?\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?m\.?|uhr|uur))?)?)|"
    # "Advertisement" in the languages whose datelines are read (clean.DATE_LOCALES).
    r"anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|إعلان|"
    # A copyright notice: "© 2026 The Gazette", "Riproduzione riservata © Copyright ANSA".
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved|riproduzione riservata"
    r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
    r"|todos os direitos reservados|alle rechten voorbehouden).{0,150})$",
    re.I,
)


def is_related_label(line: str) -> bool:
    """A label over other articles standing alone: "Related stories", "You may also like:"."""
    label = RELATED.match(line)
    return label is not None and not label["rest"]


def is_page_furniture(line: str) -> bool:
    """A line a web page carries that is no part of the article: PAGE_FURNITURE, or a
    related-article label standing alone."""
    return PAGE_FURNITURE.match(line) is not None or is_related_label(line)


# --- end notes ---------------------------------------------------------------------

# The closing line naming who else worked on the story.
END_NOTE = re.compile(
    r"(?:contributed (?:reporting|research|writing|to this (?:report|article|story))|"
    r"^(?:additional )?reporting (?:was )?(?:contributed )?by\b|^(?:editing|edited) by\b|"
    r"^produced by\b|research by\b)",
    re.I,
)
END_NOTE_MAX_WORDS = 60


def mark_end_notes(blocks: list[Block]) -> list[Block]:
    """Closing paragraphs that name contributors become end notes."""
    out = list(blocks)
    for index in range(len(out) - 1, -1, -1):
        block = out[index]
        if isinstance(block, Paragraph) and END_NOTE.search(block.text) \
                and len(block.text.split()) <= END_NOTE_MAX_WORDS:
            out[index] = EndNote(block.inlines)
        else:
            break
    return out


# --- local images ----------------------------------------------------------------

# The first bytes of the image formats an EPUB reading system shows.  SVG is
# left out on purpose: it is a document that can carry scripts.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
WEBP = (b"RIFF", b"WEBP")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def local_image(src: str, origin: Path | None) -> Path | None:
    """The image file *src* names, only if it lies inside the article's folder.

    Remote addresses, ``data:`` and ``file:`` URLs, absolute paths, ``..``
    steps or symbolic links that lead out of the folder, and files that are
    not images all give None.
    """
    if origin is None or not src or URL_SCHEME.match(src) or src.startswith(("/", "\\")):
        return None
    folder = origin.parent.resolve()
    try:
        path = (folder / src).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return None
        with path.open("rb") as handle:
            head = handle.read(12)
    except (OSError, ValueError):
        return None
    if head.startswith(IMAGE_SIGNATURES) or (head[:4] == WEBP[0] and head[8:12] == WEBP[1]):
        return path
    return None


# --- footnotes -------------------------------------------------------------------

# "[^1]: text" definitions (with indented continuation lines) and "[^1]" markers.
# Continuation lines are indented (normalize_text leaves one space of it).
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]*(?P<text>.*(?:\n[ \t]+\S.*)*)", re.M)
FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")


def split_footnotes(text: str) -> tuple[str, list[str]]:
    """Markdown without its footnotes, and the footnotes' texts in order.

    The markers go: no edition has note references, and a listener would
    hear "caret one".  The notes themselves are kept, because on a news page
    they carry corrections and sources; a parser puts them after the text.
    """
    notes = [collapse_spaces(m.group("text")) for m in FOOTNOTE_DEF.finditer(text)]
    text = FOOTNOTE_MARK.sub("", FOOTNOTE_DEF.sub("", text))
    return text, [note for note in notes if note]


# --- plain text --------------------------------------------------------------------

TITLE_MAX_WORDS = 25
# Any of these means the text is Markdown, whose line breaks are left alone.
MARKUP = re.compile(r"^ {0,3}(?:#|>|[-*+•] |\d{1,3}[.)] |```|!\[|\[[^\]]+\]:|[=-]{3,}\s*$)|\]\(|\*\*|__", re.M)


def separate_plain_lines(text: str) -> str:
    """Plain text pasted without blank lines: every line is a paragraph, the first a title.

    Markdown joins lines that no blank line separates; text copied from a
    page or an app often has none, so it would all become one paragraph.
    A first line that reads as a title is set apart in any case.
    """
    if MARKUP.search(text):
        return text
    lines = text.strip("\n").split("\n")
    if len(lines) > 2 and not any(not line.strip() for line in lines):
        return "\n\n".join(lines)
    if len(lines) > 1 and lines[1].strip():
        first = lines[0].strip()
        if first and not TERMINAL.search(first) and len(first.split()) <= TITLE_MAX_WORDS \
                and not first.startswith(("#", ">", "-", "*", "+", "|", "[", "!", "<", "`")):
            return lines[0] + "\n\n" + "\n".join(lines[1:])
    return text
