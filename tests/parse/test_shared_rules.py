"""Habits both parsers meet, read by one rule in convert/clean.py: each checked through each parser."""

from __future__ import annotations

import datetime as dt

import pytest

from convert.model import ListBlock, Paragraph
from convert.parse import html, markdown

LONG = ("The council voted on Tuesday to extend the harbor wall by forty meters, a plan that has been "
        "debated for more than a decade and that engineers say is now urgent.")
NEXT = "Work starts in April, and the first stones arrive by barge from the quarry up the coast."


def from_markdown(line: str, head: str = ""):
    front = f"---\n{head}---\n\n" if head else ""
    return markdown.parse(f"{front}# Harbor Wall to Grow\n\n{line}\n\n{LONG}\n\n{NEXT}\n")


def from_html(line: str, head: str = ""):
    return html.parse(f"<!DOCTYPE html><html lang='en'><head><title>Harbor Wall to Grow</title>{head}</head>"
                      f"<body><article><h1>Harbor Wall to Grow</h1><p class='byline'>{line}</p>"
                      f"<p>{LONG}</p><p>{NEXT}</p></article></body></html>")


def from_html_header(line: str, head: str = ""):
    """The byline in the story's header, outside the element that holds the text."""
    return html.parse(f"<!DOCTYPE html><html lang='en'><head><title>Harbor Wall to Grow</title>{head}</head>"
                      f"<body><header><h1>Harbor Wall to Grow</h1><div class='meta'>{line}</div></header>"
                      f"<div class='story'><p>{LONG}</p><p>{NEXT}</p></div></body></html>")


PARSERS = [from_markdown, from_html, from_html_header]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("line, authors", [
    ("By Ana Ruiz | March 3, 2025", ("Ana Ruiz",)),
    ("By Ana Ruiz, Updated 5:42 PM EST, March 3, 2025", ("Ana Ruiz",)),
    ("By Ana Ruiz, Published March 3, 2025", ("Ana Ruiz",)),
    ("Ana Ruiz · 3 min read · Mar 3, 2025", ("Ana Ruiz",)),
    ("Ana Ruiz · Mar 3, 2025", ("Ana Ruiz",)),
    ("By Ana Ruiz and Kei Sato · 3 Mar 2025", ("Ana Ruiz", "Kei Sato")),
    ("By Ana Ruiz | Quay Wire | March 3, 2025, 10:15 AM", ("Ana Ruiz",)),
    ("By Ana Ruiz March 3, 2025", ("Ana Ruiz",)),
    ("By Ana Ruiz on March 3, 2025", ("Ana Ruiz",)),
    ("Von Ana Ruiz | 3. März 2025", ("Ana Ruiz",)),
])
def test_a_date_on_the_byline_line_is_the_date_and_no_part_of_a_name(parse, line, authors):
    a = parse(line)
    assert (a.authors, a.published) == (authors, dt.date(2025, 3, 3))
    assert [b.text for b in a.blocks] == [LONG, NEXT]


@pytest.mark.parametrize("parse, head", [
    (from_markdown, "author: Kei Sato\ndate: 2025-02-01\n"),
    (from_html, "<meta property='article:published_time' content='2025-02-01T08:00:00Z'>"
                "<meta name='author' content='Kei Sato'>"),
    (from_html_header, "<meta property='article:published_time' content='2025-02-01T08:00:00Z'>"
                       "<meta name='author' content='Kei Sato'>"),
])
def test_the_pages_own_date_and_author_win_over_the_bylines(parse, head):
    a = parse("By Ana Ruiz | March 3, 2025", head)
    assert (a.authors, a.published) == (("Kei Sato",), dt.date(2025, 2, 1))


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("line", ["World News · March 3, 2025", "Last Updated: March 3, 2025"])
def test_a_section_label_or_a_dateline_beside_a_date_names_no_author(parse, line):
    a = parse(line)
    assert a.authors == ()


# One label from each list the parsers kept before they shared clean.RELATED_LABELS: the page
# furniture lines, the Markdown parser's pointer lines and its headings over links, the HTML
# parser's lines of links.
LABELS = ["Related stories", "Lea también", "You may also like", "More from Quay Gazette", "Watch"]
HEADLINE = "Pier repairs finished ahead of schedule"


@pytest.mark.parametrize("headline", [HEADLINE, "Ferry fares"])
@pytest.mark.parametrize("label", LABELS)
def test_a_related_label_over_links_is_dropped_by_both_parsers(label, headline):
    line = f"{label}: [{headline}](https://quay.example/pier)"
    a = markdown.parse(f"# Harbor Wall to Grow\n\n{LONG}\n\n{line}\n\n{NEXT}\n")
    assert [b.text for b in a.blocks] == [LONG, NEXT]
    a = markdown.parse(f"# Harbor Wall to Grow\n\n{LONG}\n\n{NEXT}\n\n## {label}\n\n"
                       f"- [{HEADLINE}](https://quay.example/pier)\n- [Ferry fares](https://quay.example/fares)\n")
    assert [b.text for b in a.blocks] == [LONG, NEXT]
    a = html.parse(f"<html><head><title>Harbor Wall to Grow</title></head><body><article>"
                   f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p>"
                   f"<p><strong>{label}:</strong> <a href='https://quay.example/pier'>{headline}</a></p>"
                   f"<p>{NEXT}</p></article></body></html>")
    assert [b.text for b in a.blocks] == [LONG, NEXT]
    a = html.parse(f"<html><head><title>Harbor Wall to Grow</title></head><body><article>"
                   f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p><p>{NEXT}</p><h2>{label}</h2>"
                   f"<ul><li><a href='https://quay.example/pier'>{headline}</a></li>"
                   f"<li><a href='https://quay.example/fares'>Ferry fares</a></li></ul></article></body></html>")
    assert [b.text for b in a.blocks] == [LONG, NEXT]


def test_a_list_under_a_related_label_stays_when_it_is_more_than_links():
    items = "".join(f"<li>{text}</li>" for text in (
        "The council approved the <a href='https://quay.example/plan'>plan</a> on Tuesday.",
        "Work on the first section starts in April and ends before the winter storms."))
    a = html.parse(f"<html><head><title>Harbor Wall to Grow</title></head><body><article>"
                   f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p><h2>More from the council</h2><ul>{items}</ul>"
                   f"<p>{NEXT}</p></article></body></html>")
    assert "More from the council" in [b.text for b in a.blocks if not isinstance(b, ListBlock)]
    assert any(isinstance(b, ListBlock) for b in a.blocks)


@pytest.mark.parametrize("label", LABELS)
def test_a_related_label_standing_alone_is_dropped_by_both_parsers(label):
    a = markdown.parse(f"# Harbor Wall to Grow\n\n{LONG}\n\n{label}\n\n{NEXT}\n")
    assert [b.text for b in a.blocks] == [LONG, NEXT]
    a = html.parse(f"<html><head><title>Harbor Wall to Grow</title></head><body><article>"
                   f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p><p>{label}</p><p>{NEXT}</p></article></body></html>")
    assert [b.text for b in a.blocks] == [LONG, NEXT]


@pytest.mark.parametrize("line", [
    "More on that later.",
    "Watch: the tide will reach the old quay steps twice this month, the harbor master said in a letter "
    "to the council, and the steps must be closed while it does.",
])
def test_a_sentence_that_opens_like_a_label_stays(line):
    a = markdown.parse(f"# Harbor Wall to Grow\n\n{LONG}\n\n{line}\n\n{NEXT}\n")
    assert line in [b.text for b in a.blocks]
    a = html.parse(f"<html><head><title>Harbor Wall to Grow</title></head><body><article>"
                   f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p><p>{line}</p><p>{NEXT}</p></article></body></html>")
    assert line in [b.text for b in a.blocks if isinstance(b, Paragraph)]
