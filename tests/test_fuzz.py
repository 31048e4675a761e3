"""Fuzzing with hostile structure: generated HTML and Markdown, not just random text.

The pages are built from parts that break converters: deep nesting, huge
attributes, control characters and character references XML forbids,
malformed and hostile URLs, script and style blocks, YAML front matter.
For every one:

* reading and parsing it fails, if at all, only with the project's ConvertError;
* no edition holds a word of a script or style block;
* the EPUB is a well-formed book, and a bounded sample passes EPUBCheck.
"""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert import pipeline
from convert.errors import ConvertError
from convert.write import epub, text

try:
    from tests import checkers
except ImportError:
    import checkers

# A word no article holds, planted in every script and style block.
SECRET = "zqxscriptword"

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäßé", min_size=2, max_size=9)
WORDS = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
CONTROL = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
                           "\ufeff", "\u202e", "\ufffe"])
REFERENCE = st.sampled_from(["&#0;", "&#1;", "&#12;", "&#x1F;", "&#xFFFE;", "&#xFFFF;", "&#xD800;",
                             "&#x110000;", "&#99999999999;", "&#128;", "&#x85;", "&amp;", "&nbsp;", "&bogus;"])
URL = st.one_of(
    st.sampled_from([
        "http://[oops/story", "https://exa mple.com/a b", "https://example.com:99999/", "http://a|b.example/{x}^",
        "https://example.com/%zz%", 'https://example.com/"quoted"', "javascript:alert(1)", "data:text/html,<b>x",
        "https://example.com\\evil\\path", "//no-scheme.example", "mailto:", "mailto:a@", "http://", "#",
        "https://xn--nxasmq6b.example/ä", "file:///etc/passwd", "../../../etc/passwd", "https://example.com/" + "a" * 3000,
        "vbscript:x", "https://user:pass@example.com/", "http://[::1]:80/", "https://example.com/\x00\x01",
    ]),
    st.text(alphabet="hts:/[]{}|^%\\\"'<> .#?=&", max_size=30),
)
INLINE_TEXT = st.lists(st.one_of(WORDS, CONTROL, REFERENCE), min_size=1, max_size=6).map(" ".join)
ATTRIBUTE = st.one_of(WORDS, URL, st.integers(1, 200_000).map(lambda n: "x" * n))

BLOCK_TAGS = ["div", "section", "article", "main", "p", "blockquote", "ul", "ol", "li", "figure",
              "figcaption", "table", "tr", "td", "header", "footer", "aside", "nav", "h1", "h2", "h3", "pre"]
INLINE_TAGS = ["span", "em", "strong", "b", "i", "a", "code", "sup", "time", "font", "u"]
HIDDEN_TAGS = ["script", "style"]


def _element(tag: str, attrs: dict[str, str], children: list[str]) -> str:
    rendered = "".join(f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in attrs.items())
    return f"<{tag}{rendered}>{''.join(children)}</{tag}>"


def _hidden(kind: str) -> str:
    body = f"var {SECRET} = 1;" if kind == "script" else f".{SECRET} {{ color: red }}"
    return f"<{kind}>{body}</{kind}>"


HTML_ATTRS = st.dictionaries(st.sampled_from(["href", "src", "alt", "title", "class", "id", "lang", "datetime",
                                              "srcset", "data-src", "style", "onclick"]),
                             ATTRIBUTE, max_size=3)
HTML_LEAF = st.one_of(INLINE_TEXT, st.sampled_from(HIDDEN_TAGS).map(_hidden),
                      st.builds(lambda u, w: f'<a href="{u}">{w}</a>', URL, WORDS),
                      st.builds(lambda u, w: f'<img src="{u}" alt="{w}">', URL, WORDS))
HTML_TREE = st.recursive(
    HTML_LEAF,
    lambda children: st.builds(_element, st.sampled_from(BLOCK_TAGS + INLINE_TAGS), HTML_ATTRS,
                               st.lists(children, min_size=1, max_size=4)),
    max_leaves=30,
)
DEEP = st.builds(lambda depth, tag, words: f"<{tag}>" * depth + words + f"</{tag}>" * depth,
                 st.integers(50, 3000), st.sampled_from(["div", "span", "blockquote", "em", "li"]), WORDS)
JSON_LD = st.builds(
    lambda title, url: '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "'
                       + title.replace("\\", "\\\\").replace('"', '\\"') + '", "url": "'
                       + url.replace("\\", "\\\\").replace('"', '\\"') + '", "author": {"name": "\\u0001x"}}</script>',
    INLINE_TEXT, URL)


@st.composite
def html_pages(draw) -> str:
    head = draw(st.lists(st.one_of(JSON_LD, st.sampled_from(HIDDEN_TAGS).map(_hidden),
                                   st.builds(lambda u: f'<link rel="canonical" href="{u}">', URL),
                                   st.builds(lambda w: f"<title>{w}</title>", INLINE_TEXT)), max_size=4))
    body = draw(st.lists(st.one_of(HTML_TREE, DEEP), min_size=1, max_size=5))
    if draw(st.integers(0, 3)):   # most pages have a headline and some prose, as real ones do
        body = [f"<h1>{draw(WORDS)}</h1>", *body, f"<p>{draw(WORDS)}. {draw(WORDS)}.</p>"]
    lang = draw(st.sampled_from(["en", "", "x-\x01", "fr" * 50]))
    return f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head><body>{"".join(body)}</body></html>'


MD_INLINE = st.lists(st.one_of(
    WORDS, CONTROL,
    st.builds(lambda w, u: f"[{w}]({u})", WORDS, URL),
    st.builds(lambda w, u: f"![{w}]({u})", WORDS, URL),
    st.builds(lambda u: f"<{u}>", URL),
    st.sampled_from(["*", "**", "_", "`", "[", "](", ")", "\\", "<b>", "</i>", "&#1;", "[^1]"]),
), min_size=1, max_size=8).map(" ".join)
MD_BLOCK = st.one_of(
    MD_INLINE,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), MD_INLINE),
    st.builds(lambda n, t: "> " * n + t, st.integers(1, 400), MD_INLINE),
    st.builds(lambda n, t: "  " * n + "- " + t, st.integers(0, 300), MD_INLINE),
    st.builds(lambda t: f"1. {t}\n2. {t}", MD_INLINE),
    st.sampled_from(HIDDEN_TAGS).map(_hidden),
    st.sampled_from(HIDDEN_TAGS).map(lambda kind: _hidden(kind).replace(">", ">\n", 1)),
    st.builds(lambda u: f"[{u}]({u})", URL),
    URL,
    st.builds(lambda t: f"```\n{t}\n```", MD_INLINE),
    st.builds(lambda label, u: f"[{label}]: {u}", WORD, URL),
    DEEP,
)
YAML_VALUE = st.one_of(WORDS, URL, st.sampled_from(['"\\x01\\f\\x7f"', '"\\uFFFE x"', "&a x", "*a", "[*a, *a]",
                                                    "!!python/object:os.system x", "{a: [b, {c: d}]}", "- x"]))


@st.composite
def markdown_pages(draw) -> str:
    parts = []
    if draw(st.booleans()):
        fields = draw(st.dictionaries(st.sampled_from(["title", "author", "url", "source", "date", "description"]),
                                      YAML_VALUE, max_size=5))
        parts.append("---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---")
    parts += draw(st.lists(MD_BLOCK, min_size=1, max_size=10))
    return "\n\n".join(parts) + "\n"


def _load(tmp_path, page: str, suffix: str):
    path = tmp_path / f"page{suffix}"
    path.write_bytes(page.encode("utf-8", "surrogatepass"))
    try:
        article = pipeline.load(path)
    except ConvertError as error:
        event(f"refused: {error.message[:40]}")
        return None
    event("converted")
    return article


def _editions(article) -> tuple[str, bytes | None]:
    """The text edition, and the EPUB (None when the EPUB writer refused with a ConvertError)."""
    words = text.render(article)
    try:
        book = epub.render(article)
    except ConvertError:
        book = None
    return words, book


def _check(article) -> bytes | None:
    words, book = _editions(article)
    assert SECRET not in words
    if book is not None:
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                assert SECRET.encode() not in data, name
                if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                    etree.fromstring(data, etree.XMLParser(huge_tree=True))   # well-formed
    return book


@FUZZ
@given(page=html_pages())
def test_hostile_html(tmp_path_factory, page):
    article = _load(tmp_path_factory.mktemp("html"), page, ".html")
    if article is not None:
        _check(article)


@FUZZ
@given(page=markdown_pages())
def test_hostile_markdown(tmp_path_factory, page):
    article = _load(tmp_path_factory.mktemp("md"), page, ".md")
    if article is not None:
        _check(article)


# EPUBCheck takes seconds a book: a few books, not every example.
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(page=st.one_of(html_pages().map(lambda p: (p, ".html")), markdown_pages().map(lambda p: (p, ".md"))))
def test_a_sample_of_hostile_pages_passes_epubcheck(tmp_path_factory, page):
    folder = tmp_path_factory.mktemp("check")
    article = _load(folder, *page)
    assume(article is not None)
    book = _check(article)
    assume(book is not None)
    path = folder / "book.epub"
    path.write_bytes(book)
    assert checkers.epubcheck_problems(checkers.epubcheck_report(path)) == []
