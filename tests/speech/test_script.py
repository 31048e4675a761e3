"""The spoken order of an article and the wording of photos and videos."""

import datetime as dt
import re
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path

import pytest

from convert.model import (
    Article, EndNote, Heading, Link, ListBlock, Paragraph, Photo, Quote, Text, Video,
)
from convert.options import Options
from convert.speech.lexicon import Lexicon
from convert.speech.script import (
    PARAGRAPH_PAUSE, SECTION_PAUSE, Segment, byline, describe, script,
)

SEEDS = Path("/work/shared/seeds")


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def para(text):
    return Paragraph((Text(text),))


ARTICLE = Article(
    title="Blasts in the City",
    dek="What we know so far.",
    authors=("Ann Lee", "Bo Park", "Cy Diaz"),
    published=dt.date(2024, 1, 5),
    blocks=(
        para("The first blast came at 3:04 p.m. Wednesday."),
        Photo("Crowds near the site.", credit="Jo Roe/AFP"),
        Heading("What Happened Next"),
        Paragraph((Text("Officials "), Link((Text("said"),), "https://example.com/x"),
                   Text(" 84 people died."))),
        Video("Blasts Kill Dozens", seconds=30, caption="Two bombs exploded.",
              credit="Tasnim via Storyful"),
        Quote((para("We will respond."), para("Soon."))),
        ListBlock(((Text("First point"),), (Text("Second point"),))),
        EndNote((Text("Ed Ma contributed reporting."),)),
    ),
)


def test_spoken_order_and_text(lexicon):
    segments = script(ARTICLE, Options(), lexicon)
    assert [(s.block_id, s.text) for s in segments] == [
        ("title", "Blasts in the City."),
        ("dek", "What we know so far."),
        ("byline", "By Ann Lee, Bo Park and Cy Diaz. January 5th, twenty twenty-four."),
        ("b001", "The first blast came at 3 oh 4 PM Wednesday."),
        ("b002", "Photo: Crowds near the site."),
        ("b003", "What Happened Next."),
        ("b004", "Officials said 84 people died."),
        ("b005", "Video: Blasts Kill Dozens. Two bombs exploded."),
        ("b006", "We will respond. Soon."),
        ("b007", "First point. Second point."),
        ("b008", "Ed Ma contributed reporting."),
    ]


def test_chapters_start_at_title_headings_and_end_note(lexicon):
    chapters = [(s.block_id, s.chapter) for s in script(ARTICLE, Options(), lexicon) if s.chapter]
    assert chapters == [("title", "Blasts in the City"), ("b003", "What Happened Next"),
                        ("b008", "Contributors")]


def test_pauses_are_longer_before_sections(lexicon):
    pauses = {s.block_id: s.pause_before for s in script(ARTICLE, Options(), lexicon)}
    assert pauses["title"] == 0.0
    assert 0.5 <= pauses["b002"] == PARAGRAPH_PAUSE <= 0.7
    assert 1.2 <= pauses["b003"] == SECTION_PAUSE <= 1.5
    assert pauses["b008"] == SECTION_PAUSE
    assert pauses["b001"] == SECTION_PAUSE   # the body after the head


def test_credits_and_running_time_only_when_asked(lexicon):
    texts = {s.block_id: s.text for s in script(ARTICLE, Options(read_credits=True), lexicon)}
    assert texts["b002"] == "Photo: Crowds near the site. Photo credit: Jo Roe A.F.P."
    assert texts["b005"] == ("Video: Blasts Kill Dozens. Two bombs exploded. "
                             "Running time: 30 seconds. Video credit: Tasnim via Storyful.")


def test_head_without_authors_or_date(lexicon):
    segments = script(Article(title="Hello", blocks=(para("Hi."),)), Options(), lexicon)
    assert [s.block_id for s in segments] == ["title", "b001"]


def test_ordered_list_items_are_numbered(lexicon):
    article = Article(title="T", blocks=(ListBlock(((Text("Go"),), (Text("Stop"),)), ordered=True),))
    assert script(article, Options(), lexicon)[-1].text == "1. Go. 2. Stop."


def test_block_that_says_nothing_is_left_out(lexicon):
    article = Article(title="T", blocks=(para("https://example.com/only-a-link"), Photo("")))
    assert [s.block_id for s in script(article, Options(), lexicon)] == ["title"]


def test_unknown_block_raises(lexicon):
    @dataclass(frozen=True)
    class Table:
        rows: tuple = ()

    with pytest.raises(TypeError, match="Table"):
        script(Article(title="T", blocks=(Table(),)), Options(), lexicon)


def test_segment_is_frozen():
    with pytest.raises(FrozenInstanceError):
        Segment("b001", "Hi.").text = "Bye."


@pytest.mark.parametrize("block, read_credits, wording", [
    (Photo("A crowd."), False, "Photo: A crowd."),
    (Photo("A crowd", credit="Jo Roe"), True, "Photo: A crowd. Photo credit: Jo Roe."),
    (Photo("", credit="Jo Roe"), False, ""),
    (Photo("A crowd. Credit...Jo Roe/ISNA"), False, "Photo: A crowd."),
    (Video("Blasts", seconds=95), False, "Video: Blasts."),
    (Video("Blasts", seconds=95), True, "Video: Blasts. Running time: 1 minute and 35 seconds."),
    (Video("Blasts", caption="Two bombs."), False, "Video: Blasts. Two bombs."),
])
def test_describe(block, read_credits, wording):
    assert describe(block, read_credits) == wording


@pytest.mark.parametrize("authors, line", [
    ((), ""), (("Ann Lee",), "By Ann Lee."), (("A", "B"), "By A and B."),
    (("A", "B", "C"), "By A, B and C."),
])
def test_byline(authors, line):
    assert byline(authors) == line


# An empty list (no seeds on this machine) makes pytest skip the test.
@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")))
def test_seed_article_script_reads_no_markup_links_or_credits(seed, lexicon):
    markdown = pytest.importorskip("convert.parse.markdown")
    article = markdown.parse(seed.read_text(encoding="utf-8"))
    spoken = " ".join(s.text for s in script(article, Options(), lexicon))
    for never in ("[", "](", "http", "Credit", "0:30", "\\", "*", "#"):
        assert never not in spoken
    assert not re.search(r"\b(Maj|Gen|Mr)\.", spoken)
