"""The plain-text edition, from models built by hand and from the samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from convert.model import (Article, EndNote, Emphasis, Heading, Link, ListBlock, Paragraph, Photo,
                           Quote, Text, Video)
from convert.options import Options
from convert.write import text

ARTICLE = Article(
    title="Ferry Service Returns to the Island",
    dek="The first boat in two years left the harbor at dawn.",
    authors=("Ana Ruiz", "Kei Sato"),
    published=dt.date(2024, 9, 2),
    source="The Ledger",
    url="https://ledger.example/ferry",
    blocks=(
        Photo("Passengers board the morning ferry.", "Ola Nord/The Ledger"),
        Paragraph((Text("The ferry left at six, "), Emphasis((Text("on time"),)), Text(", with "),
                   Link((Text("forty passengers"),), "https://ledger.example/list"), Text(" aboard."))),
        Heading("The Way Back"),
        Paragraph((Text("The crossing takes an hour."),)),
        Video("Leaving the Harbor", 75, "The ferry rounds the breakwater.", "Ledger Video"),
        Quote((Paragraph((Text("We waited a long time."),)),)),
        ListBlock(((Text("Monday"),), (Text("Friday"),)), ordered=True),
        EndNote((Text("Mia Holm contributed reporting."),)),
    ),
)

EXPECTED = """\
Ferry Service Returns to the Island

The first boat in two years left the harbor at dawn.

By Ana Ruiz and Kei Sato
September 2, 2024
The Ledger
https://ledger.example/ferry

[Photo: Passengers board the morning ferry. (Credit: Ola Nord/The Ledger)]

The ferry left at six, on time, with forty passengers aboard.


## The Way Back

The crossing takes an hour.

[Video, 1:15: Leaving the Harbor. The ferry rounds the breakwater. (Credit: Ledger Video)]

“We waited a long time.”

1. Monday
2. Friday

Mia Holm contributed reporting.
"""


def test_render_whole_article():
    assert text.render(ARTICLE) == EXPECTED


def test_wrap_breaks_lines_but_keeps_words():
    wrapped = text.render(ARTICLE, wrap=30)
    # Only a single word longer than the width (the address) may overrun it.
    assert all(len(line) <= 30 or " " not in line for line in wrapped.splitlines())
    assert any(len(line) > 30 for line in text.render(ARTICLE).splitlines())
    assert wrapped.split() == EXPECTED.split()


def test_minimal_article_has_no_empty_header_lines():
    assert text.render(Article(title="Short", blocks=(Paragraph((Text("One line."),)),))) == "Short\n\nOne line.\n"


def test_write_is_utf8_with_final_newline(tmp_path: Path):
    target = tmp_path / "ferry.txt"
    assert text.write(ARTICLE, target, Options()) == [target]
    data = target.read_bytes()
    assert data.decode("utf-8") == EXPECTED
    assert data.endswith(b"\n") and b"\r" not in data
    assert [p.name for p in tmp_path.iterdir()] == ["ferry.txt"]


def test_seed_text_edition(seed_article):
    out = text.render(seed_article)
    lines = out.split("\n")
    assert lines[0] == "Islamic State Claims Responsibility for Deadly Bombings in Iran"
    assert "By Vivian Yee, Hwaida Saad and Eric Schmitt" in lines
    assert "January 5, 2024" in lines
    assert out.count("[Photo: ") == 4
    assert "[Video, 0:30: Blasts Kill Dozens in Iran. Two bombs exploded" in out
    for mark in ("](", "\\", "*", "#", "Credit..."):
        assert mark not in out
    assert not any(line.strip() == "" and line for line in lines), "whitespace-only line"
    assert "  " not in out
