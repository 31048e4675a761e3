"""Habits both parsers meet, read by one rule in convert/clean.py: each checked through each parser."""

from __future__ import annotations

import datetime as dt

import pytest

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
