"""Properties that hold for any input: parsers fail only with ConvertError, the text edition keeps every word."""

from __future__ import annotations

import html as html_escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.errors import ConvertError
from convert.model import Paragraph
from convert.parse import html, markdown
from convert.write.text import render

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that matter to the parsers: markup, brackets, entities,
# line ends, invisible and bidi characters, and anything else Unicode has.
MARKUP = st.sampled_from(list("#*_[]()<>!`>-+=|:\\^&;\"'\n\r\t \u200b\u202e\ufeff\u00a0") +
                         ["](", "[^1]", "<p>", "</p>", "<a href=", "javascript:", "---\n", "http://x.y/",
                          "<!DOCTYPE html>", "<script>", "&amp;", "&#0;", "\x00"])
ANY_TEXT = st.lists(st.one_of(st.text(max_size=20), MARKUP), max_size=40).map("".join)

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøß", min_size=4, max_size=10)
PARAGRAPH = st.lists(WORD, min_size=4, max_size=20)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=6)


@SETTINGS
@given(ANY_TEXT)
def test_markdown_parse_raises_only_convert_errors(text):
    try:
        markdown.parse(text)
    except ConvertError:
        pass


@SETTINGS
@given(ANY_TEXT)
def test_html_parse_raises_only_convert_errors(text):
    try:
        html.parse(text)
    except ConvertError:
        pass


# Text in which "](" can only come from link syntax: link and image constructs,
# whole or broken, between words and markup that holds no "]" or "(".  No
# backticks: a code span binds tighter than a link, so "`[`](x)" rightly
# keeps a literal "](" (CommonMark, "Code spans"); no backslashes, since "\\[" is
# a bracket the writer asked to keep.
LABEL = st.text(alphabet="abc xyz*_!éß", min_size=0, max_size=12)
TARGET = st.one_of(st.sampled_from(["https://a.example/x", "#", "", "mailto:a@b.example", "javascript:x", "../up",
                                    "https://a.example/a b", "<https://a.example/>", "http://[oops/story",
                                    "https://a.example/%zz", "x.png", 'https://a.example/ "title"']),
                   st.text(alphabet="abc:/.#?&= %<>\"'", max_size=20))
LINK = st.builds(lambda bang, label, target, close: f"{bang}[{label}]({target}{close}",
                 st.sampled_from(["", "!"]), LABEL, TARGET, st.sampled_from([")", "", " )", ")"]))
PLAIN = st.one_of(WORD, st.sampled_from([" ", "\n", "*", "_", "**", "[", ")", "<b>", "&amp;"]))


@SETTINGS
@given(st.lists(st.one_of(PLAIN, LINK), min_size=1, max_size=30))
def test_text_edition_never_holds_link_syntax(pieces):
    # One body paragraph (a lone link line at the top is the article's address,
    # which the URL tests and the fuzz target check).
    text = "# Title Words\n\nThe council met on Tuesday.\n\nSee " + "".join(pieces)
    # Joining "[" to a link's "[" or ")" to "(" makes no new "](": only links hold one.
    assert text.count("](") == sum(piece.count("](") for piece in pieces)
    edition = render(markdown.parse(text))
    assert "](" not in edition


LINKED = st.lists(st.tuples(WORD, st.sampled_from(["https://a.example/x", "mailto:a@b.example", "#", "javascript:x",
                                                   "../up", ""])), min_size=1, max_size=5)


@SETTINGS
@given(LINKED, PARAGRAPH)
def test_links_never_leave_their_syntax_in_the_text_edition(links, words):
    body = " ".join(words) + " " + " ".join(f"[{label}]({url})" for label, url in links)
    edition = render(markdown.parse(f"# Title\n\n{body}.\n"))
    assert "](" not in edition
    for label, _ in links:
        assert label in edition


def test_broken_link_syntax_leaves_no_residue():
    edition = render(markdown.parse("# T\n\nSee [the map](https://x.y/a b) and [x](<broken>.\n"))
    assert "](" not in edition


@SETTINGS
@given(ARTICLE)
def test_every_paragraph_word_survives_markdown(paragraphs):
    text = "# Title Words\n\n" + "\n\n".join(" ".join(p) + "." for p in paragraphs) + "\n"
    article = markdown.parse(text)
    edition = render(article).split()
    words = set(edition) | {w.strip(".,") for w in edition}
    for paragraph in paragraphs:
        for word in paragraph:
            assert word in words


@SETTINGS
@given(ARTICLE, st.sampled_from(["p", "div", "section"]), st.sampled_from(["em", "strong", "span", "a"]))
def test_every_paragraph_word_survives_html(paragraphs, block, inline):
    def mark(words):
        first, *rest = words
        open_tag = f'<{inline} href="https://a.example/">' if inline == "a" else f"<{inline}>"
        return f"{open_tag}{html_escape.escape(first)}</{inline}> " + " ".join(html_escape.escape(w) for w in rest)

    body = "".join(f"<{block}>{mark(p)}.</{block}>" for p in paragraphs)
    article = html.parse(f"<html><head><title>Title Words</title></head><body><article><h1>Title Words</h1>"
                         f"{body}</article></body></html>")
    assert all(isinstance(b, Paragraph) for b in article.blocks)
    edition = render(article).split()
    words = set(edition) | {w.strip(".,") for w in edition}
    for paragraph in paragraphs:
        for word in paragraph:
            assert word in words
