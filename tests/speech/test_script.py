"""The spoken order of an article and the wording of photos and videos."""

import datetime as dt
import re
from dataclasses import FrozenInstanceError, dataclass

import pytest

from convert.model import (
    Article, EndNote, Heading, Link, ListBlock, Paragraph, Photo, Quote, Text, Video,
)
from convert.options import Options
from convert.speech.lexicon import Lexicon
from convert.speech.script import (
    PARAGRAPH_PAUSE, SECTION_PAUSE, SENTENCE_PAUSE, Sentence, script, uncredited,
)



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


def said(article, **options) -> list[tuple[str, str, str]]:
    return [(s.block, s.part, s.text) for s in script(article, Options(**options), Lexicon.load())]


def test_spoken_order_and_text(lexicon):
    assert said(ARTICLE) == [
        ("title", "", "Blasts in the City."),
        ("dek", "", "What we know so far."),
        ("byline", "", "By Ann Lee, Bo Park and Cy Diaz."),
        ("dateline", "", "January 5th, twenty twenty-four."),
        ("b001", "", "The first blast came at 3 oh 4 PM Wednesday."),
        ("b002", "caption", "Photo: Crowds near the site."),
        ("b003", "", "What Happened Next."),
        ("b004", "", "Officials said 84 people died."),
        ("b005", "title", "Video: Blasts Kill Dozens."),
        ("b005", "caption", "Two bombs exploded."),
        ("b006", "1", "We will respond."),
        ("b006", "2", "Soon."),
        ("b007", "1", "First point."),
        ("b007", "2", "Second point."),
        ("b008", "", "Ed Ma contributed reporting."),
    ]


def test_sentences_are_numbered_in_reading_order_and_keep_their_printed_words(lexicon):
    sentences = script(ARTICLE, Options(), lexicon)
    assert [s.id for s in sentences] == [f"s{n:04d}" for n in range(1, len(sentences) + 1)]
    printed = {s.block: s.written for s in sentences if not s.part}
    assert printed["b001"] == "The first blast came at 3:04 p.m. Wednesday."
    assert printed["dateline"] is None   # read in other words than printed


def test_a_paragraph_is_split_into_its_sentences(lexicon):
    article = Article(title="T", blocks=(para(
        "Maj. Gen. Ruth Hale cut the ribbon at 9 p.m. Monday. Traffic flowed. Mr. Lee cheered."),))
    body = [s for s in script(article, Options(), lexicon) if s.block == "b001"]
    assert [s.written for s in body] == ["Maj. Gen. Ruth Hale cut the ribbon at 9 p.m. Monday.",
                                         "Traffic flowed.", "Mr. Lee cheered."]
    assert [s.pause_before for s in body] == [SECTION_PAUSE, SENTENCE_PAUSE, SENTENCE_PAUSE]


def test_sentences_are_split_by_the_articles_language(lexicon):
    chinese = Article(title="标题", language="zh",
                      blocks=(para("今天上午市政府宣布了新的计划。地铁将于明年开通。"),))
    body = [s.written for s in script(chinese, Options(), lexicon) if s.block == "b001"]
    assert body == ["今天上午市政府宣布了新的计划。", "地铁将于明年开通。"]


def test_chapters_start_at_title_headings_and_end_note(lexicon):
    chapters = [(s.block, s.chapter) for s in script(ARTICLE, Options(), lexicon) if s.chapter]
    assert chapters == [("title", "Blasts in the City"), ("b003", "What Happened Next"),
                        ("b008", "Contributors")]


def test_pauses_are_longer_before_sections(lexicon):
    pauses = {(s.block, s.part): s.pause_before for s in script(ARTICLE, Options(), lexicon)}
    assert pauses["title", ""] == 0.0
    assert 0.5 <= pauses["b002", "caption"] == PARAGRAPH_PAUSE <= 0.7
    assert 1.2 <= pauses["b003", ""] == SECTION_PAUSE <= 1.5
    assert pauses["b008", ""] == SECTION_PAUSE
    assert pauses["b001", ""] == SECTION_PAUSE   # the body after the head
    assert pauses["b006", "2"] == SENTENCE_PAUSE


def test_credits_and_running_time_only_when_asked(lexicon):
    spoken = said(ARTICLE, read_credits=True)
    assert ("b002", "credit", "Photo credit: Jo Roe A.F.P.") in spoken
    assert ("b005", "title", "Video: Blasts Kill Dozens. Running time: 30 seconds.") in spoken
    assert ("b005", "credit", "Video credit: Tasnim via Storyful.") in spoken
    assert not [s for s in said(ARTICLE) if "credit" in s[2].lower() or s[1] == "credit"]


@pytest.mark.parametrize("read_credits", [False, True])
def test_a_credit_glued_to_a_caption_is_read_only_when_asked(lexicon, read_credits):
    article = Article(title="T", blocks=(Photo("A crowd at the gate. Credit...Jo Roe/ISNA"),))
    spoken = " ".join(s.text for s in script(article, Options(read_credits=read_credits), lexicon))
    assert ("Jo Roe" in spoken) is read_credits
    assert ("Photo credit: Jo Roe" in spoken) is read_credits
    assert "Photo: A crowd at the gate." in spoken


def test_head_without_authors_or_date(lexicon):
    sentences = script(Article(title="Hello", blocks=(para("Hi."),)), Options(), lexicon)
    assert [s.block for s in sentences] == ["title", "b001"]


def test_ordered_list_items_are_numbered(lexicon):
    article = Article(title="T", blocks=(ListBlock(((Text("Go"),), (Text("Stop"),)), ordered=True),))
    assert [s.text for s in script(article, Options(), lexicon)][1:] == ["1. Go.", "2. Stop."]


def test_block_that_says_nothing_is_left_out(lexicon):
    article = Article(title="T", blocks=(para("https://example.com/only-a-link"), Photo("")))
    assert [s.block for s in script(article, Options(), lexicon)] == ["title"]


def test_unknown_block_raises(lexicon):
    @dataclass(frozen=True)
    class Table:
        rows: tuple = ()

    with pytest.raises(TypeError, match="Table"):
        script(Article(title="T", blocks=(Table(),)), Options(), lexicon)


def test_sentence_is_frozen():
    with pytest.raises(FrozenInstanceError):
        Sentence("s0001", "b001", "", "Hi.", "Hi.").text = "Bye."


@pytest.mark.parametrize("caption, words, credit", [
    ("A crowd.", "A crowd.", ""),
    ("A crowd. Credit...Jo Roe/ISNA", "A crowd.", "Credit...Jo Roe/ISNA"),
    ("A crowd Credit: Jo Roe", "A crowd", "Credit: Jo Roe"),
])
def test_uncredited(caption, words, credit):
    assert uncredited(caption) == (words, credit)


def test_seed_article_script_reads_no_markup_links_or_credits(real_size_article, lexicon):
    article = real_size_article
    spoken = " ".join(s.text for s in script(article, Options(), lexicon))
    for never in ("[", "](", "http", "Credit", "0:30", "\\", "*", "#"):
        assert never not in spoken
    assert not re.search(r"\b(Maj|Gen|Mr)\.", spoken)
