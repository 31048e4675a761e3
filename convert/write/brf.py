"""Conversion of an Article to the braille edition: a braille-ready file (BRF).

liblouis translates the print into braille (Unified English Braille,
grade 2, unless the article's language has a six-dot table of its own,
see ``table_for``, or ``--braille-table`` names one) and writes it in North American braille
ASCII through its ``en-us-brf.dis`` display table.  This module only lays
the braille out on pages, after BANA's Braille Formats:

- ``--cells`` cells a line and ``--lines`` lines a page (40 × 25), CRLF line
  ends, a form feed between pages; every page is full length, so the braille
  page number stands at the right end of its last line, after at least three
  blank cells, and text shares that line only when it fits before them;
- the title centred, section headings centred with a blank line before and
  never left alone at the foot of a page;
- paragraphs in cell 3 with runover lines from cell 1 (3-1); the byline,
  date, source and address, and list items, in 1-3;
- a quotation as displayed material: a blank line before and after, and
  its paragraphs blocked (1-1) with a blank line between them;
- emphasis (italic) and strong emphasis (bold) with the indicators of the
  table's own emphasis rules, see ``translate``;
- photos and videos as transcriber's notes, opened and closed with UEB's
  transcriber's-note indicators and set in 7-5;
- web and e-mail addresses uncontracted, so they stay exact.

Words are never divided between lines except after a hyphen (or dash)
that is already there, and addresses not even there.  A word too long for
a whole line is the one exception: it is cut to fill each line, and every
piece but the last ends with a hyphen, as UEB (§10.13) divides words; an
address, which a hyphen would change, ends its pieces with the line
continuation indicator (dot 5) instead, and is divided after a slash or
before a dot when one falls in the second half of the line.  No piece ends
with a prefix such as the capital indicator, which belongs to the sign
after it.

An article whose letters the chosen table mostly cannot write (a script no
six-dot table liblouis has covers) gets no braille edition, and a one-line
error says so; a few odd characters are written as liblouis's escapes (a
backslash and the code point).  A table named with ``--braille-table`` is
used as given.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Union

from ..errors import NoBrailleError, ToolError, UsageError
from ..language import primary_subtag
from ..model import (Article, Block, Emphasis, EndNote, Foreign, Heading, Inline, Link, ListBlock,
                     Paragraph, Photo, Quote, Strong, Text, Video, plain)
from ..options import Options
from .files import atomic_path
from ..locale import byline, long_date
from .words import media_note

DEFAULT_TABLE = "en-ueb-g2.ctb"
DISPLAY_TABLE = "en-us-brf.dis"    # dots to North American braille ASCII
CRLF, FF = "\r\n", "\f"

# BANA's minimum blank cells between text and the page number on its line.
NUMBER_GAP = 3
# Centred headings keep at least three blank cells on either side.
CENTRE_MARGIN = 3

# UEB transcriber's-note indicators (dots 4-46-126 and 4-46-345) in braille ASCII.
TN_OPEN, TN_CLOSE = "@.<", "@.>"
HYPHEN = "-"                       # dots 36
CONTINUATION = '"'                 # dot 5, UEB's line continuation indicator
# Prefix cells (dots 4, 45, 456, 5, 46, 56, 6 and the numeric indicator 3456):
# each belongs to the sign after it, so a line may not end on one when a word is cut.
PREFIXES = frozenset('@^_".;,#')
# An address in braille ASCII: a scheme's "://" (3_/_/), a leading "www." (after
# any indicators, such as an emphasis indicator) or an at sign (@A).
ADDRESS_BRAILLE = re.compile(r"3_/_/|^[^A-Z]*WWW4|@A")

# Addresses written out in the text: with a scheme, starting www., or e-mail.
ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                     re.IGNORECASE)
TRAILING = ".,;:!?)]}'\u2019\u201d"
# Unicode braille patterns with dots 7 and 8 dropped: a six-dot page has none.
SIX_DOTS = {c: 0x2800 | (c - 0x2800) & 0x3F for c in range(0x2800, 0x2900)}


# --- translation -----------------------------------------------------------

@lru_cache(maxsize=None)
def _louis():
    try:
        import louis  # Debian's python3-louis, linked into the environment by scripts/setup
    except ImportError:
        raise ToolError("the braille edition needs liblouis (python3-louis): run scripts/setup") from None
    louis.setLogLevel(louis.LOG_OFF)   # table look-ups would otherwise chatter on stderr
    return louis


def check_table(table: str) -> str:
    """*table* if liblouis can compile it, else a UsageError."""
    try:
        _louis().checkTable([table])
    except RuntimeError:
        raise UsageError(f"--braille-table: liblouis has no usable table {table!r}") from None
    return table


# liblouis tags Chinese tables with the spoken language (Mandarin, "cmn") and
# Norwegian ones with the macrolanguage "no"; articles say "zh", "nb", "nn".
LOUIS_LANGUAGE = {"zh": "cmn", "nb": "no", "nn": "no"}
# The queries tried in turn, best first: contracted braille, then any
# literary table, then whatever liblouis has for the language.
QUERIES = ("grade:2 dots:6", "grade:2", "type:literary dots:6", "type:literary", "")


@lru_cache(maxsize=None)
def table_for(language: str) -> str:
    """The best six-dot table liblouis has for *language* (``de``, ``fr-CA``), else UEB grade 2.

    Contracted (grade 2) braille first, then any literary table, then any at
    all, asked of liblouis's own table metadata; a table for the region
    (``zh-TW``) before one for the language.  Eight-dot tables are passed
    over: a braille-ready file has six dots.  English always gets UEB, the
    code English-speaking braille authorities adopted; liblouis would also
    offer the older American and British codes.
    """
    primary = primary_subtag(language or "en")
    if primary == "en" or not primary.isalpha():
        return DEFAULT_TABLE
    code = LOUIS_LANGUAGE.get(primary, primary)
    subtags = (language or "").replace("_", "-").split("-")[1:]
    regions = [f"region:{code}-{t.upper()}" for t in subtags if len(t) == 2 and t.isalpha()]
    import ctypes
    lib = _louis().liblouis
    lib.lou_findTable.restype = ctypes.c_char_p
    lib.lou_findTable.argtypes = [ctypes.c_char_p]
    lib.lou_getTableInfo.restype = ctypes.c_char_p
    lib.lou_getTableInfo.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    for region in regions + [""]:
        for features in QUERIES:
            found = lib.lou_findTable(" ".join(filter(None, (f"language:{code}", region,
                                                             features))).encode())
            # findTable may answer with its best match even when a feature does
            # not match, so check the ones that matter.
            language_of = (lib.lou_getTableInfo(found, b"language") or b"").decode() if found else ""
            if primary_subtag(language_of) == code \
                    and lib.lou_getTableInfo(found, b"dots") != b"8":
                return Path(found.decode()).name
    return DEFAULT_TABLE


# A character no table has braille for, to tell a table's "undefined" sign.
NO_SUCH_CHARACTER = "\U0010FFFD"
# The share of an article's letters a table may leave without braille.
UNWRITTEN_LIMIT = 0.2


def unwritten(text: str, table: str) -> float:
    """The share of *text*'s letters for which *table* has no six-dot braille.

    liblouis would write such a letter as an escape (a backslash and its
    code point) or as the table's sign for an undefined character, and a
    letter it writes with dots 7 or 8 loses them on a six-dot page.
    """
    louis = _louis()
    mode = louis.dotsIO | louis.ucBrl | louis.noUndefined
    undefined = louis.translateString([table], NO_SUCH_CHARACTER, mode=mode)
    letters = collections.Counter(c for c in text if c.isalpha())
    missing = 0
    for char, count in letters.items():
        dots = louis.translateString([table], char, mode=mode)
        if dots in ("", undefined) or any((ord(d) - 0x2800) & 0xC0 for d in dots if 0x2800 <= ord(d) < 0x2900):
            missing += count
    total = letters.total()
    return missing / total if total else 0.0


# The model's inline emphasis and the liblouis emphasis class that writes it.
# Each table says, through its own rules for the class, which indicators
# mark a letter, a word or a passage, so every language's braille code is
# followed without this module knowing any of its indicators.
EMPHASIS_CLASS = {Emphasis: "italic", Strong: "bold"}


@lru_cache(maxsize=None)
def emphasis_form(table: str, name: str) -> int:
    """The typeform bit of *table*'s emphasis class *name*, 0 if the table has none.

    Asked of liblouis itself, as the bit is the class's place among the
    table's ``emphclass`` lines.  The binding's own getTypeformForEmphClass
    cannot be called on Python 3 (python3-louis 3.24 names an undefined
    ``_is_py3``), so the library function is called directly.
    """
    import ctypes
    function = _louis().liblouis.lou_getTypeformForEmphClass
    function.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    function.restype = ctypes.c_ushort
    return function(table.encode(), name.encode())


Content = Union[str, tuple[Inline, ...]]


def _styled(content: Content, table: str) -> list[tuple[str, int]]:
    """Each character of *content* with the typeform of the emphasis around it."""
    if isinstance(content, str):
        return [(c, 0) for c in content]
    out: list[tuple[str, int]] = []

    def walk(inlines: tuple[Inline, ...], form: int) -> None:
        for node in inlines:
            match node:
                case Text(text):
                    out.extend((c, form) for c in text)
                case Emphasis(children) | Strong(children):
                    walk(children, form | emphasis_form(table, EMPHASIS_CLASS[type(node)]))
                case Link(children, _) | Foreign(children, _):
                    walk(children, form)
                case _:
                    raise TypeError(f"the braille edition cannot render {node!r}")

    walk(content, 0)
    # UEB §9.7.3: a change of typeform for closing punctuation is ignored, so
    # "*taxi*." keeps one indicator instead of a terminator before the full
    # stop.  A table whose code leaves punctuation plain (German's
    # noemphchars) still does so.
    for i in range(1, len(out)):
        char, form = out[i]
        after = out[i + 1][0] if i + 1 < len(out) else " "
        if char in TRAILING and not form and (after.isspace() or after in TRAILING):
            out[i] = (char, out[i - 1][1])
    return out


def _collapsed(styled: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """The text with each run of white space made one space, and its typeforms.

    Spaces carry no typeform: liblouis finds a phrase from its emphasised
    words, and emphasis never spreads to the space after a word.
    """
    chars: list[str] = []
    forms: list[int] = []
    pending = False
    for char, form in styled:
        if char.isspace():
            pending = bool(chars)
            continue
        if pending:
            chars.append(" ")
            forms.append(0)
            pending = False
        chars.append(char)
        forms.append(form)
    return "".join(chars), forms


def translate(content: Content, table: str) -> str:
    """*content* (plain text or a run of inlines) in braille ASCII.

    Emphasis and strong emphasis are passed to liblouis as typeforms, so
    the table writes its own indicators; written-out addresses are left
    uncontracted.
    """
    louis = _louis()
    text, typeform = _collapsed(_styled(content, table))
    if not text:
        return ""
    for match in ADDRESS.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in TRAILING:
            end -= 1
        for i in range(match.start(), end):
            typeform[i] |= louis.no_contract
    # As dots first: some tables' own display rules, or braille in the print
    # itself, would otherwise put characters outside braille ASCII in the file.
    dots = louis.translateString([table], text, typeform=typeform, mode=louis.dotsIO | louis.ucBrl)
    return louis.dotsToChar([DISPLAY_TABLE], dots.translate(SIX_DOTS))


# --- layout ----------------------------------------------------------------

@dataclass
class Pages:
    """Braille lines filled page by page, each page ending with its number."""

    cells: int
    lines: int
    table: str
    done: list[list[str]] = field(default_factory=list)
    page: list[str] = field(default_factory=list)

    def number(self) -> str:
        return translate(str(len(self.done) + 1), self.table)

    def left(self) -> int:
        """Lines still free on this page, its last line included."""
        return self.lines - len(self.page)

    def room(self) -> int:
        """Cells free for text on the current line."""
        if self.left() == 1:
            return self.cells - len(self.number()) - NUMBER_GAP
        return self.cells

    def put(self, line: str) -> None:
        line = line.rstrip()
        if len(line) > self.cells:
            raise ValueError(f"a braille line of {len(line)} cells, over {self.cells}")
        if len(line) > self.room():
            self.put("")   # only on the last line: text that would crowd the number goes over
        self.page.append(line)
        if self.left() == 0:
            self._close()

    def blank(self) -> None:
        """A blank line, except at the top of a page, where it would be wasted, or after another."""
        if self.page and self.page[-1]:
            self.put("")

    def separate(self) -> None:
        """A blank line that sets material apart, kept even across a page change.

        BANA's 2024 update to Braille Formats (Braille Page Change and Blank
        Lines): a blank line the rules require goes on line 1 of the next
        page when the text before it ends on either of the page's last two
        lines, as the number line is no place to show a break.  Never two
        blank lines in a row.
        """
        if self.page and not self.page[-1]:
            return
        if self.left() == 1:
            self.new_page()
        self.put("")

    def new_page(self) -> None:
        while self.page:
            self.put("")

    def _close(self) -> None:
        number = self.number()
        last = self.page[-1]
        self.page[-1] = last + " " * (self.cells - len(last) - len(number)) + number
        self.done.append(self.page)
        self.page = []

    def text(self) -> str:
        self.new_page()
        return FF.join(CRLF.join(page) + CRLF for page in self.done)


def fill(pages: Pages, braille: str, first: int, runover: int) -> None:
    """Lay *braille* out from cell *first*+1, later lines from cell *runover*+1."""
    words = [(word, bool(ADDRESS_BRAILLE.search(word))) for word in braille.split()]
    line, indent = "", first
    while words:
        width = pages.room() - indent
        word, address = words[0]
        gap = 1 if line else 0
        if len(line) + gap + len(word) <= width:
            line += " " * gap + word
            words.pop(0)
            continue
        head, tail = ("", word) if address else _at_hyphen(word, width - len(line) - gap)
        if not head and not line:
            if pages.room() < pages.cells:
                pages.put("")   # the line beside the page number is short: go on overleaf
                continue
            head, tail = _cut(word, width, CONTINUATION if address else HYPHEN)
        if head:
            line += " " * gap + head
            words[0] = (tail, address)
        pages.put(" " * indent + line)
        line, indent = "", runover
    if line:
        pages.put(" " * indent + line)


def _at_hyphen(word: str, space: int) -> tuple[str, str]:
    """*word* divided after the last hyphen (or dash) that leaves *space* cells; ("", word) if none."""
    cut = word.rfind(HYPHEN, 0, max(space, 0))
    while cut > 0:
        if cut + 1 < len(word):
            return word[:cut + 1], word[cut + 1:]
        cut = word.rfind(HYPHEN, 0, cut)
    return "", word


def _cut(word: str, width: int, mark: str) -> tuple[str, str]:
    """A word longer than a whole line: as much as fills it, ended by *mark*, and the rest."""
    cut = max(width - len(mark), 1)
    if mark == CONTINUATION:
        # An address is best divided after a slash or before a dot (braille _/ and 4),
        # where no number or group of letters is torn apart.
        after_slash = word.rfind("_/", 0, cut) + 2
        before_dot = word.rfind("4", 1, cut)
        best = max(after_slash, before_dot)
        if best > cut // 2:
            cut = best
    while cut > 1 and word[cut - 1] in PREFIXES:
        cut -= 1
    return word[:cut] + mark, word[cut:]


def _centred(pages: Pages, braille: str) -> list[str]:
    """*braille* in lines that leave at least three blank cells either side, centred."""
    scratch = Pages(max(pages.cells - 2 * CENTRE_MARGIN, 10), 10**9, pages.table)
    fill(scratch, braille, 0, 0)
    return [" " * ((pages.cells - len(line)) // 2) + line for line in scratch.page]


# --- the edition -----------------------------------------------------------

def render(article: Article, table: str, cells: int = 40, lines: int = 25) -> str:
    """The whole braille-ready file as one string."""
    pages = Pages(cells, lines, table)
    for line in _centred(pages, translate(article.title, table)):
        pages.put(line)
    pages.blank()
    if article.dek:
        fill(pages, translate(article.dek, table), 2, 0)
    language = article.language or "en"
    for fact in (byline(article.authors, language), long_date(article.published, language),
                 article.source, article.url):
        if fact:
            fill(pages, translate(fact, table), 0, 2)
    pages.blank()
    for block in article.blocks:
        render_block(pages, block, language)
    return pages.text()


def render_block(pages: Pages, block: Block, language: str = "en") -> None:
    table = pages.table
    match block:
        case Paragraph():
            fill(pages, translate(block.inlines, table), 2, 0)
        case Heading(text):
            braille = translate(text, table)
            # Kept with the blank line before it and a line of what follows.
            lines = _centred(pages, braille)
            if pages.page and pages.left() < len(lines) + 3:
                pages.new_page()
            pages.blank()
            for line in lines:
                pages.put(line)
        case Quote(paragraphs):
            # Displayed material, as BANA's Braille Formats set it (Rule 14
            # §1 of the 1997 code): a blank line before and after, and the
            # print's own indentation, which for a block quotation is none:
            # blocked paragraphs in 1-1, with a blank line between them, as
            # blocked paragraphs are told apart.
            for paragraph in paragraphs:
                pages.separate()
                fill(pages, translate(_quoted(paragraph.inlines), table), 0, 0)
            pages.separate()
        case ListBlock(items, ordered):
            for n, item in enumerate(items, start=1):
                marker = f"{n}." if ordered else "\u2022"
                fill(pages, translate((Text(f"{marker} "),) + item, table), 0, 2)
        case Photo() | Video():
            note(pages, media_note(block, language))
        case EndNote():
            pages.blank()
            fill(pages, translate(block.inlines, table), 2, 0)
        case _:
            raise TypeError(f"the braille edition cannot render {type(block).__name__}")


def note(pages: Pages, text: str) -> None:
    """A transcriber's note in 7-5, its indicators unspaced from the words they enclose."""
    fill(pages, TN_OPEN + translate(text, pages.table) + TN_CLOSE, 6, 4)


def _quoted(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A quotation's paragraph in quotation marks, unless the print already has them."""
    if plain(inlines).lstrip().startswith(("\u201c", '"')):
        return inlines
    return (Text("\u201c"),) + inlines + (Text("\u201d"),)


def prose(article: Article) -> str:
    """The article's own words: title, dek, paragraphs and headings."""
    return " ".join([article.title, article.dek or ""] + [
        b.text for b in article.blocks if isinstance(b, (Paragraph, Heading))])


# The smallest page the layout allows: a centred heading's margins and a page
# number must fit on a line, and a heading with a line of text on a page.
MIN_CELLS, MIN_LINES = 20, 5


def write(article: Article, target: Path, options: Options) -> list[Path]:
    if options.cells < MIN_CELLS or options.lines < MIN_LINES:
        raise UsageError(f"a braille page needs at least {MIN_CELLS} cells and {MIN_LINES} lines")
    if options.braille_table:
        table = check_table(options.braille_table)
    else:
        table = table_for(article.language)
        if unwritten(prose(article), table) > UNWRITTEN_LIMIT:
            from ..tts.voices import describe
            raise NoBrailleError(f"no six-dot braille table writes {describe(article.language or 'en')}; "
                                 "the braille edition was not made (give --braille-table)")
    brf = render(article, table, options.cells, options.lines)
    with atomic_path(target) as tmp:
        tmp.write_bytes(brf.encode("ascii"))
    return [target]
