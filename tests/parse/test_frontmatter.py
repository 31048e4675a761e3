"""Markdown from clippers: YAML front matter, excerpt quotes, footnotes, reference links, inline HTML, plain text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from convert import clean
from convert.model import EndNote, Link, Paragraph, Photo, Quote, Strong, Text
from convert.parse import frontmatter
from convert.parse.markdown import parse
from convert.pipeline import load
from convert.write.text import render

CLIPPINGS = Path(__file__).resolve().parents[1] / "fixtures" / "clippings"

BODY = "The council voted on Tuesday to extend the harbor wall by forty meters.\n"


# --- the front matter alone ---------------------------------------------------------

def test_no_front_matter_leaves_the_text_alone():
    text = "# Title\n\n---\n\nA rule above, not front matter.\n"
    assert frontmatter.split(text) == (frontmatter.FrontMatter(), text)


def test_a_rule_and_a_paragraph_are_not_front_matter():
    text = "---\nJust a sentence between rules, with no key.\n---\n\n" + BODY
    assert frontmatter.split(text) == (frontmatter.FrontMatter(), text)


def test_yaml_values_are_normalized():
    front, rest = frontmatter.split(
        "---\ntitle: \"Wall Vote: Forty Meters\"\nauthors: [Ana Ruiz, \"Bo Chen\"]\npublished: 2024-11-02T08:00:00Z\n"
        "url: https://quay.example/wall?utm_source=rss#top\nsite_name: Quay Gazette\n"
        "summary: A decade of debate ends.\nlanguage: pt_BR\ntags: [a, b]\n---\n" + BODY)
    assert front == frontmatter.FrontMatter(
        title="Wall Vote: Forty Meters", authors=("Ana Ruiz", "Bo Chen"), published=dt.date(2024, 11, 2),
        url="https://quay.example/wall", source="Quay Gazette", dek="A decade of debate ends.", language="pt-BR")
    assert rest == BODY


def test_yaml_that_does_not_parse_is_read_line_by_line():
    front, rest = frontmatter.split("---\ntitle: Wall Vote: Forty Meters\nauthor: By Ana Ruiz and Bo Chen\n"
                                    "date: Nov. 2, 2024\n---\n" + BODY)
    assert (front.title, front.authors, front.published) == ("Wall Vote: Forty Meters", ("Ana Ruiz", "Bo Chen"),
                                                             dt.date(2024, 11, 2))
    assert rest == BODY


@pytest.mark.parametrize("yaml_text", [
    "title: !!python/object/apply:os.system ['echo unsafe']",      # no tags, no code
    "title: &a [*a]",                                              # a self-referencing alias
    "title: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "title: 12\nauthor: {name: 7}\ndate: not a date\nlang: <script>",
])
def test_hostile_or_odd_yaml_never_raises(yaml_text):
    front, _ = frontmatter.split(f"---\n{yaml_text}\n---\n" + BODY)
    assert front.language == "" and front.published is None


def test_obsidian_wikilink_authors_quoted_or_not():
    front, _ = frontmatter.split('---\nauthor:\n  - "[[Ana Ruiz]]"\n  - [[Bo Chen]]\n  - "[[people/cj|C. J. Park]]"\n---\n')
    assert front.authors == ("Ana Ruiz", "Bo Chen", "C. J. Park")


def test_source_is_an_address_or_a_site_name():
    assert frontmatter.split("---\nsource: https://quay.example/a\n---\n")[0].url == "https://quay.example/a"
    front = frontmatter.split("---\nsource: Quay Gazette\nlink: https://quay.example/a\n---\n")[0]
    assert (front.source, front.url) == ("Quay Gazette", "https://quay.example/a")


def test_with_title_adds_a_heading_only_when_missing():
    assert frontmatter.with_title(BODY, "Wall Vote") == "# Wall Vote\n\n" + BODY
    assert frontmatter.with_title("# *Wall Vote*\n\n" + BODY, "Wall Vote") == "# *Wall Vote*\n\n" + BODY


# --- through the Markdown parser ----------------------------------------------------

def test_front_matter_wins_over_what_the_text_suggests():
    a = parse("---\ntitle: The Real Title\nauthor: Ana Ruiz\ndate: 2024-11-02\nlang: fr\n---\n"
              "# A Different Heading\n\nBy Someone Else\n\nJan. 5, 2020\n\n" + BODY)
    assert (a.title, a.authors, a.published, a.language) == ("The Real Title", ("Ana Ruiz",),
                                                             dt.date(2024, 11, 2), "fr")
    assert BODY.strip() in render(a)


def test_front_matter_title_keeps_the_first_paragraph():
    a = parse("---\ntitle: Wall Vote\n---\n" + BODY)
    assert a.title == "Wall Vote"
    assert [b.text for b in a.blocks] == [BODY.strip()]


def test_obsidian_clipping():
    a = load(CLIPPINGS / "obsidian.md")
    assert a.title == "Lighthouse Keeper's Cottage to Become a Weather Station"
    assert a.authors == ("Hanna Lindqvist", "Joseph Mbeki")
    assert a.published == dt.date(2024, 9, 2)          # "published", not "created"
    assert a.url == "https://www.coastalrecord.example/2024/09/02/local/lighthouse-weather-station.html"
    assert a.dek.startswith("The empty cottage at Skerry Point")
    photo = a.blocks[0]
    assert isinstance(photo, Photo) and photo.image is None      # a remote image is described, not fetched
    # A reference-style link resolves to its definition; the definition line disappears.
    first = a.blocks[1]
    assert Link((Text("met office"),), "https://met.example/stations/skerry") in first.inlines
    # Inline HTML: the tags go, the words stay, <b> is not read as Markdown.
    assert a.blocks[2].text == ("The station will record wind, rain and sea temperature every ten minutes, and a "
                                "volunteer observer will send a written report twice a day. Readings will be public.")
    assert isinstance(a.blocks[3], Quote)
    # Footnotes: the markers go, the notes become end notes, in order.
    notes = [b.text for b in a.blocks if isinstance(b, EndNote)]
    assert notes == ["An earlier version of this article gave the wrong year for the automation.",
                     "The cottage is listed, so the roof must be rebuilt in slate."]
    text = render(a)
    assert "[^" not in text and "](" not in text and "<span" not in text and "metoffice" not in text


def test_markdownload_clipping_with_its_excerpt_quote():
    a = load(CLIPPINGS / "markdownload.md")
    assert a.title == "Night Ferry Trial: Late Sailings Return for Summer"
    assert a.authors == ("Priya Raman", "Dov Adler")
    assert a.published == dt.date(2025, 5, 20)
    assert a.url == "https://harborcourier.example/2025/05/20/ferry-night-trial.html"
    assert a.dek == "A summer trial brings back the 11 p.m. sailing."
    assert not any(isinstance(b, Quote) for b in a.blocks)
    assert "Excerpt" not in render(a)


def test_joplin_clipping():
    path = CLIPPINGS / "joplin.md"
    assert parse(path.read_text(encoding="utf-8"), path).language == "sv"   # as declared
    a = load(path)
    # The clipping says "lang: sv" but is written in English: the text wins.
    assert (a.title, a.authors, a.language) == ("Bakery on Quay Street Wins Regional Bread Prize", ("Tomas Lind",), "en")
    assert a.published is None                       # "created" is when it was clipped
    assert a.source == "quaygazette.example"
    assert len(a.blocks) == 2


def test_plain_text_pasted_without_blank_lines():
    a = load(CLIPPINGS / "pasted.txt")
    assert a.title == "Harbor Seals Return to the Breakwater"
    assert a.authors == ("Ines Kowalczyk",)
    assert a.published == dt.date(2025, 3, 28)
    assert [type(b) for b in a.blocks] == [Paragraph] * 3


def test_plain_text_title_line_then_a_paragraph():
    a = parse("Harbor Seals Return\nA colony of seals has returned to the breakwater,\nofficers said on Sunday.\n\n"
              "Volunteers counted 23 animals.")
    assert a.title == "Harbor Seals Return"
    assert [b.text for b in a.blocks] == ["A colony of seals has returned to the breakwater, officers said on Sunday.",
                                         "Volunteers counted 23 animals."]


def test_setext_and_list_markdown_is_not_taken_for_plain_text():
    a = parse("Harbor Seals Return\n===================\nBy Ana Ruiz\n\n- one item\n- two items\n\nText of the story.")
    assert a.title == "Harbor Seals Return"


# --- footnotes alone ----------------------------------------------------------------

def test_split_footnotes():
    text, notes = clean.split_footnotes("Text one[^1] and two[^note].\n\n[^1]: First note.\n"
                                        "[^note]: A longer note\n that goes on.\n\nLast paragraph.")
    assert notes == ["First note.", "A longer note that goes on."]
    assert "[^" not in text and "Last paragraph." in text and "Text one and two." in text


def test_strong_survives_inline_html_stripping():
    a = parse("# T\n\nA **bold** claim with <em>emphasis</em> tags.")
    assert Strong((Text("bold"),)) in a.blocks[0].inlines
    assert a.blocks[0].text == "A bold claim with emphasis tags."


def test_yaml_alias_bombs_are_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    front, _ = frontmatter.split(f"---\ntitle: Safe\n{bomb}---\n" + BODY)
    assert front.authors == ()
