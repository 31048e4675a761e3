"""The saved-page (HTML) parser: the sample page point by point, metadata sources, furniture, safety."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from tests.texts import texts
from convert.errors import ConvertError, InputError
from convert.model import (Article, Emphasis, EndNote, Heading, Link, ListBlock, Paragraph, Photo,
                           Quote, Strong, Text, Video, plain)
from convert.parse.html import parse
from convert.write.text import render

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "input" / "ferry-timetable.html"
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
from tiny_png import tiny_png  # noqa: E402


def page(body: str, head: str = "", lang: str = "en") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


LONG = ("The council voted on Tuesday to extend the harbor wall by forty meters, a plan that has been "
        "debated for more than a decade and that engineers say is now urgent.")


def article_page(extra: str = "", head: str = "") -> str:
    return page(f"<article><h1>Harbor Wall to Grow</h1><p>{LONG}</p>{extra}</article>",
                head or "<title>Harbor Wall to Grow</title>")


def links(article: Article) -> list[str]:
    found: list[str] = []

    def walk(nodes):
        for node in nodes:
            if isinstance(node, Link):
                found.append(node.url)
                walk(node.children)
            elif isinstance(node, (Emphasis, Strong)):
                walk(node.children)

    for block in article.blocks:
        match block:
            case Paragraph(inlines) | EndNote(inlines):
                walk(inlines)
            case Quote(paragraphs):
                for p in paragraphs:
                    walk(p.inlines)
            case ListBlock(items):
                for item in items:
                    walk(item)
    return found


# --- the sample page --------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> Article:
    return parse(SAMPLE.read_text(encoding="utf-8"), SAMPLE)


def test_sample_metadata(sample):
    assert sample.title == "Ferry Service Cuts Winter Crossings as Fuel Costs Climb"
    assert sample.dek.startswith("The island route will lose two of its six daily sailings")
    assert sample.authors == ("Priya Raman", "Dov Adler")
    assert sample.published == dt.date(2025, 4, 14)
    assert sample.url == "https://www.harborcourier.example/2025/04/14/city/ferry-timetable-winter-crossings.html"
    assert sample.source == "Harbor Courier"
    assert sample.language == "en-GB"


def test_sample_lead_photo_embeds_the_local_image(sample):
    lead = sample.blocks[0]
    assert isinstance(lead, Photo)
    assert lead.caption.startswith("The evening ferry tied up at the north dock")
    assert lead.credit == "Ines Kowalczyk for the Harbor Courier"
    assert lead.image == (SAMPLE.parent / "ferry-timetable_files" / "ferry-dock.png").resolve()


def test_sample_body_structure(sample):
    kinds = [type(b).__name__ for b in sample.blocks]
    assert kinds == ["Photo", "Paragraph", "Paragraph", "Paragraph", "Heading", "Paragraph", "Quote",
                     "Paragraph", "ListBlock", "Photo", "Heading", "Paragraph", "EndNote"]
    headings = [b.text for b in sample.blocks if isinstance(b, Heading)]
    assert headings == ["What the board says", "A petition and a meeting"]
    steps = next(b for b in sample.blocks if isinstance(b, ListBlock))
    assert steps.ordered and len(steps.items) == 3
    assert Strong((Text("next spring"),)) in steps.items[2]
    second = sample.blocks[2]
    assert Emphasis((Text("early"),)) in second.inlines
    assert Strong((Text("or pay for a water taxi"),)) in second.inlines
    assert sample.blocks[-1].text == "Tomas Lind contributed reporting from Gullrock Island."


def test_sample_links_are_real_and_kept(sample):
    assert links(sample) == [
        "https://www.harborcourier.example/2025/02/10/business/marine-fuel-prices.html",   # tracker gone
        "https://gullrock.example/meeting",
        "mailto:board@transport.example",
    ]
    # The javascript: link keeps its words and loses its target.
    assert any("had examined several alternatives, including" in t for t in texts(sample))


def test_sample_furniture_is_gone(sample):
    words = "\n".join(texts(sample))
    for furniture in ("Advertisement", "Skip to content", "Share on Facebook", "Email this story",
                      "Harbor Briefing", "Sign up", "Most Read", "Harbor seals", "bridge study",
                      "Comments", "disgrace", "All rights reserved", "Privacy", "Search", "Opinion",
                      "dataLayer", "min-height", "tracking"):
        assert furniture not in words, furniture


def test_sample_refuses_images_outside_its_folder(sample):
    timetable = next(b for b in sample.blocks if isinstance(b, Photo) and "timetable" in b.caption)
    assert timetable.image is None             # src="../../../etc/passwd"
    assert timetable.credit == "Harbor Courier"
    photos = [b for b in sample.blocks if isinstance(b, Photo)]
    assert len(photos) == 2                    # tracking pixels are no photos


def test_sample_text_edition(sample):
    text = render(sample)
    assert "](" not in text and "<" not in text
    assert "[Photo: The evening ferry tied up" in text


# --- where the facts come from ------------------------------------------------------

def test_open_graph_and_meta_without_json_ld():
    head = ("<title>Harbor Wall to Grow | The Quay Gazette</title>"
            "<meta property='og:title' content='Harbor Wall to Grow by Forty Meters'>"
            "<meta property='og:description' content='A decade of debate ends in a vote.'>"
            "<meta property='og:site_name' content='The Quay Gazette'>"
            "<meta property='og:url' content='https://quay.example/wall?utm_campaign=x#top'>"
            "<meta name='author' content='Ana Ruiz, Bo Chen'>"
            "<meta property='article:published_time' content='2024-11-02T08:00:00Z'>")
    a = parse(article_page(head=head))
    assert a.title == "Harbor Wall to Grow by Forty Meters"
    assert a.dek == "A decade of debate ends in a vote."
    assert a.source == "The Quay Gazette"
    assert a.url == "https://quay.example/wall"
    assert a.authors == ("Ana Ruiz", "Bo Chen")
    assert a.published == dt.date(2024, 11, 2)


def test_page_title_and_body_when_there_is_no_metadata():
    html = page(f"<div><h1>Harbor Wall to Grow</h1><div class='byline'>By Ana Ruiz</div>"
                f"<p><time datetime='2023-06-09'>June 9, 2023</time></p><p>{LONG}</p></div>",
                "<title>Harbor Wall to Grow - Quay Gazette</title>"
                "<link rel='canonical' href='https://www.quay.example/2023/wall.html'>")
    a = parse(html)
    assert a.title == "Harbor Wall to Grow"
    assert a.authors == ("Ana Ruiz",)
    assert a.published == dt.date(2023, 6, 9)
    assert a.url == "https://www.quay.example/2023/wall.html"
    assert a.source == "quay.example"
    assert [b.text for b in a.blocks] == [LONG]


def test_json_ld_in_a_list_with_a_bad_block_beside_it():
    head = ("<script type='application/ld+json'>{not json</script>"
            "<script type='application/ld+json'>[{\"@type\": \"Organization\", \"name\": \"X\"},"
            "{\"@type\": [\"NewsArticle\"], \"headline\": \"Wall Vote Passes\", \"author\": \"Ana Ruiz\","
            "\"datePublished\": \"2022-01-31\", \"publisher\": \"Quay Gazette\", \"inLanguage\": \"fr\"}]</script>")
    a = parse(article_page(head=head))
    assert (a.title, a.authors, a.published, a.source) == ("Wall Vote Passes", ("Ana Ruiz",),
                                                            dt.date(2022, 1, 31), "Quay Gazette")
    assert a.language == "en"     # <html lang> wins over JSON-LD


def test_language_falls_back_to_metadata_and_refuses_junk():
    html = page(f"<article><h1>T</h1><p>{LONG}</p></article>", "<meta property='og:locale' content='de_DE'>", lang="")
    assert parse(html).language == "de-DE"
    html = page(f"<article><h1>T</h1><p>{LONG}</p></article>", lang="<script>")
    assert parse(html).language == ""     # undeclared: settled after parsing
    # "und" (undetermined) declares nothing, so the page's locale is the language.
    html = page(f"<article><h1>T</h1><p>{LONG}</p></article>", "<meta property='og:locale' content='de_DE'>", lang="und")
    assert parse(html).language == "de-DE"


def test_a_description_that_repeats_the_first_paragraph_is_no_dek():
    head = f"<meta name='description' content='{LONG[:80]}…'>"
    assert parse(article_page(head=head)).dek == ""


def test_body_found_by_paragraph_density_without_article_markup():
    menu = "".join(f"<p><a href='/s{i}'>Section {i}</a></p>" for i in range(5))
    html = page(f"<div id='top'>{menu}</div><div id='story'><h1>Harbor Wall to Grow</h1>"
                f"<div><p>{LONG}</p><p>{LONG.upper()}</p></div><div><p>{LONG[::-1]}</p></div></div>")
    a = parse(html)
    assert [b.text for b in a.blocks] == [LONG, LONG.upper(), LONG[::-1]]


# --- blocks and inlines -------------------------------------------------------------

def test_figure_credit_forms():
    html = article_page(
        "<figure><img src='x.jpg' alt='alt words'><figcaption>Boats at dawn. Credit...Ana Ruiz/Quay Gazette"
        "</figcaption></figure>"
        "<figure><img src='y.jpg' alt='Only alt text'></figure>"
        "<figure><img src='z.jpg'><figcaption>Dock at night <small class='photo-credit'>Photo: Bo Chen</small>"
        "</figcaption></figure>")
    photos = [b for b in parse(html).blocks if isinstance(b, Photo)]
    assert [(p.caption, p.credit, p.image) for p in photos] == [
        ("Boats at dawn.", "Ana Ruiz/Quay Gazette", None),
        ("Only alt text", "", None),
        ("Dock at night", "Bo Chen", None),
    ]


def test_minor_headings_line_breaks_tables_and_pre():
    html = article_page("<h5>Key facts</h5><div>First line<br><br>Second line</div>"
                        "<table><tr><th>Route</th><th>Sailings</th></tr><tr><td>North</td><td>4</td></tr></table>"
                        "<pre>  code   kept </pre><h1>Another part</h1>")
    blocks = parse(html).blocks[1:]
    assert blocks == (Paragraph((Strong((Text("Key facts"),)),)), Paragraph((Text("First line"),)),
                      Paragraph((Text("Second line"),)), Paragraph((Text("Route; Sailings"),)),
                      Paragraph((Text("North; 4"),)), Paragraph((Text("code kept"),)), Heading("Another part"))


def test_relative_links_resolve_against_the_canonical_address():
    head = "<link rel='canonical' href='https://quay.example/news/wall.html'>"
    a = parse(article_page(f"<p>See <a href='../maps/wall.html'>the map</a> and <a href='#x'>this</a>.</p>", head))
    assert links(a) == ["https://quay.example/maps/wall.html"]


def test_entities_and_inline_markup():
    a = parse(article_page("<p>Fish &amp; chips cost &pound;5 &mdash; <q>cheap</q>, <span>said</span> "
                           "<b><i>everyone</i></b>.</p>"))
    para = a.blocks[-1]
    assert para.text == "Fish & chips cost £5 — “cheap”, said everyone."
    assert Strong((Emphasis((Text("everyone"),)),)) in para.inlines


# --- untrusted pages ----------------------------------------------------------------

HOSTILE = """
<script>alert('script-text')</script>
<iframe src="https://evil.example/frame">iframe-text</iframe>
<form action="https://evil.example/steal"><input value="form-value"><textarea>form-text</textarea></form>
<object data="evil.swf">object-text</object><embed src="evil.swf">
<p onclick="alert('handler-text')" onmouseover="x()">Clicking <a href="javascript:alert('js-url')">here</a>
 or <a href="JaVaScRiPt:void(0)">there</a> or <a href=" data:text/html,evil">that</a> or
 <a href="vbscript:x">this</a> does nothing.</p>
<img src="https://tracker.example/pixel.gif" alt="remote image">
<img src="https://tracker.example/p.gif" width="1" height="1" alt="pixel">
<p style="display:none">hidden-text</p><div hidden>hidden-attr</div>
<svg><script>svg-script</script><text>svg-text</text></svg>
<template>template-text</template><noscript>noscript-text</noscript>
<style>body { background: url(https://tracker.example/bg.png) }</style>
<!-- comment-text -->
<link rel="stylesheet" href="https://tracker.example/x.css">
"""


def test_hostile_page_yields_only_words_and_real_links():
    a = parse(article_page(HOSTILE))
    words = "\n".join(texts(a))
    for leak in ("script-text", "iframe-text", "form-value", "form-text", "object-text", "handler-text",
                 "alert", "javascript", "js-url", "hidden-text", "hidden-attr", "svg-", "template-text",
                 "noscript-text", "background", "comment-text", "tracker", "evil", "pixel"):
        assert leak not in words.lower(), leak
    assert "Clicking here or there or that or this does nothing." in words
    assert links(a) == []
    photos = [b for b in a.blocks if isinstance(b, Photo)]
    assert [(p.caption, p.image) for p in photos] == [("remote image", None)]
    assert "javascript" not in render(a).lower()


def test_no_parser_object_leaves_the_parser():
    a = parse(SAMPLE.read_text(encoding="utf-8"), SAMPLE)

    def check(value):
        if isinstance(value, str):
            assert type(value) is str, type(value)
        elif isinstance(value, tuple):
            for item in value:
                check(item)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                check(getattr(value, f.name))
        else:
            assert value is None or type(value).__module__.split(".")[0] in ("builtins", "datetime", "pathlib",
                                                                            "posixpath"), type(value)

    check(a)


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    html = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
            '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            f"<html><body><article><h1>Title</h1><p>{LONG} &xxe; &lol2;</p></article></body></html>")
    a = parse(html, tmp_path / "page.html")
    words = "\n".join(texts(a))
    assert "TOP-SECRET" not in words
    assert "lollol" not in words


@pytest.fixture
def folder(tmp_path):
    """A saved page's folder, with images inside and outside it."""
    site = tmp_path / "site"
    (site / "page_files").mkdir(parents=True)
    (site / "page_files" / "photo one.png").write_bytes(tiny_png())
    (site / "page_files" / "notes.png").write_text("not an image")
    (tmp_path / "outside.png").write_bytes(tiny_png())
    os.symlink(tmp_path / "outside.png", site / "page_files" / "link-out.png")
    os.symlink(site / "page_files" / "photo one.png", site / "page_files" / "link-in.png")
    return site


@pytest.mark.parametrize("src,found", [
    ("./page_files/photo%20one.png", "page_files/photo one.png"),
    ("page_files/photo one.png?v=3#x", "page_files/photo one.png"),
    ("page_files/link-in.png", "page_files/link-in.png"),
    ("page_files/link-out.png", None),
    ("../outside.png", None),
    ("page_files/../../outside.png", None),
    ("{outside}", None),
    ("file://{outside}", None),
    ("https://example.com/page_files/photo%20one.png", None),
    ("//example.com/photo.png", None),
    ("data:image/png;base64,iVBORw0KGgo=", None),
    ("page_files/notes.png", None),
    ("page_files/missing.png", None),
    ("page_files/", None),
])
def test_local_images_only_from_inside_the_folder(folder, src, found):
    src = src.format(outside=folder.parent / "outside.png")
    html = article_page(f"<figure><img src='{src}' alt='A photo'></figure>")
    photo = next(b for b in parse(html, folder / "page.html").blocks if isinstance(b, Photo))
    if found is None:
        assert photo.image is None
    else:
        assert photo.image == (folder / found).resolve(strict=False) or photo.image == (folder / found)
        assert photo.image.is_relative_to(folder.resolve())


def test_lazy_images_use_a_local_data_src(folder):
    html = article_page("<figure><img src='https://cdn.example/x.png' data-src='page_files/photo%20one.png' "
                        "alt='Lazy'></figure>")
    photo = next(b for b in parse(html, folder / "page.html").blocks if isinstance(b, Photo))
    assert photo.image == (folder / "page_files" / "photo one.png").resolve()


# --- refusals ---------------------------------------------------------------------

@pytest.mark.parametrize("html,message", [
    ("<html><body><article><p>" + LONG + "</p></article></body></html>", "no title found"),
    (page("<article><h1>Only a title</h1></article>", "<title>Only a title</title>"), "no article text found"),
    (page("<nav><p>" + LONG + "</p></nav>", "<title>T</title>"), "no article text found"),
    ("", "no article text found"),
    ("<b>" * 20000 + "deep" + "</b>" * 20000, ""),
])
def test_pages_without_an_article_are_refused(html, message):
    with pytest.raises(ConvertError) as caught:
        parse(html, Path("page.html"))
    assert isinstance(caught.value, InputError)
    assert message in caught.value.message


# --- content chosen by the library, walked by ours ----------------------------------

STORY = [
    "The harbor board approved a forty-meter extension of the east wall on Tuesday, ending a "
    "decade of argument over how to shelter the inner basin from winter storms.",
    "Engineers told the board that waves overtopped the old wall eleven times last winter, "
    "twice flooding the fish market and once tearing two pontoons from their moorings.",
    "Work is to start in April and take two summers, the board said, with the ferry berth "
    "kept open throughout and the fish market moved to the north quay for one season.",
]
TEASERS = [f"<p><a href='/2024/story-{i}'>Teaser number {i} about another story from the same "
           f"paper, long enough to look like a paragraph of running text to a density count</a></p>"
           for i in range(10)]


def two_column_page() -> str:
    """An article with no article markup beside a column of teasers holding more paragraph text."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return page(
        "<div class='col-a'><h1>Harbor Board Approves East Wall Extension</h1>"
        "<div class='line'>By Ana Ruiz</div>"
        f"<figure><img src='wall.jpg' alt='The east wall'><figcaption>Waves break over the east wall "
        f"in January. <span class='credit'>Kei Sato/Quay Gazette</span></figcaption></figure>{story}"
        "<blockquote><p>We cannot lose another winter to the sea.</p></blockquote>"
        "<ul><li>Cost: 14 million</li><li>Length: 40 meters</li></ul></div>"
        f"<div class='col-b'>{''.join(TEASERS)}</div>",
        "<title>Harbor Board Approves East Wall Extension | Quay Gazette</title>")


def test_the_library_chooses_the_article_over_denser_teasers():
    a = parse(two_column_page())
    body = "\n".join(texts(a))
    assert all(p in body for p in STORY)
    assert "Teaser" not in body
    assert a.title == "Harbor Board Approves East Wall Extension"
    assert a.authors == ("Ana Ruiz",)
    # The walker keeps what the library's text would have flattened.
    assert Photo("Waves break over the east wall in January.", "Kei Sato/Quay Gazette") in a.blocks
    assert Quote((Paragraph((Text("We cannot lose another winter to the sea."),)),)) in a.blocks
    assert ListBlock(((Text("Cost: 14 million"),), (Text("Length: 40 meters"),))) in a.blocks


def test_furniture_words_in_a_heading_s_id_do_not_cut_the_section():
    sections = "".join(f"<section id='sharing-the-{w}'><h2>Sharing the {w}</h2><p>{p}</p></section>"
                       for w, p in zip(("wall", "cost", "work"), STORY))
    a = parse(page(f"<article><h1>Harbor Wall to Grow</h1>{sections}</article>",
                   "<title>Harbor Wall to Grow</title>"))
    assert [b.text for b in a.blocks if isinstance(b, Paragraph)] == STORY
    assert [b.text for b in a.blocks if isinstance(b, Heading)] == ["Sharing the wall", "Sharing the cost",
                                                                   "Sharing the work"]


def test_the_headline_is_the_h1_the_title_repeats_not_the_site_banner():
    html = page(f"<header><h1>Quay Gazette</h1></header><div class='head'><h1>Harbor Wall to Grow</h1></div>"
                f"<div class='text'><p>{STORY[0]}</p><p>{STORY[1]}</p></div>",
                "<title>Harbor Wall to Grow - Harbor - Quay Gazette</title>")
    assert parse(html).title == "Harbor Wall to Grow"


def test_without_an_h1_the_title_is_the_tab_title_less_the_site_name():
    html = page(f"<header><p>Quay Gazette</p></header><div><p>{STORY[0]}</p><p>{STORY[1]}</p></div>",
                "<title>Harbor Wall to Grow · Quay Gazette</title>")
    assert parse(html).title == "Harbor Wall to Grow"


def test_nothing_is_fetched_while_a_page_is_parsed(monkeypatch):
    import socket
    tried: list = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    a = parse(two_column_page())
    assert STORY[0] in "\n".join(texts(a))
    assert tried == []


def test_an_xhtml_fragment_parses_without_warnings(recwarn):
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<article><h1>Harbor Wall to Grow</h1>'
             f"<p>{STORY[0]}</p></article>")
    assert parse(xhtml).title == "Harbor Wall to Grow"
    assert [str(w.message) for w in recwarn] == []


@pytest.mark.parametrize("href", [
    "https://quay.example/a|b", "https://quay.example/{x}", "https://quay.example/a^b",
    "https://quay.example/a\\b", "https://quay.example/%zz", 'https://quay.example/"q"',
    "https://quay.example:99999/", "http://[oops/story", "https://quay.example/a b",
])
def test_invalid_link_targets_become_plain_words(href):
    html = article_page(f"<p>See <a href='{href}'>the plans</a> for the wall, which the board published.</p>"
                        .replace("'" + href + "'", '"' + href.replace('"', "&quot;") + '"'))
    a = parse(html)
    assert links(a) == []
    assert "See the plans for the wall, which the board published." in texts(a)


def test_body_links_lose_trackers_and_keep_what_selects_content():
    html = article_page("<p>Read <a href='/wall/plans?page=2&amp;utm_source=feed&amp;fbclid=x'>the plans</a>"
                        " and <a href='https://search.example/find?q=harbor+wall&amp;utm_medium=email'>more</a>"
                        " about the wall, which the board approved.</p>",
                        "<title>Harbor Wall to Grow</title>"
                        "<link rel='canonical' href='https://quay.example/2024/wall.html?sgrp=c&amp;smid=tw'>")
    a = parse(html)
    assert a.url == "https://quay.example/2024/wall.html"
    assert links(a) == ["https://quay.example/wall/plans?page=2", "https://search.example/find?q=harbor+wall"]


def test_a_list_put_straight_inside_a_list_keeps_its_items():
    html = article_page("<ol><li>Close the basin.</li><li>Choose a site:</li>"
                        "<ol><li>on the east side;</li><li>else on the west side.</li></ol>"
                        "<li>Pour the cap.</li></ol>")
    lists = [b for b in parse(html).blocks if isinstance(b, ListBlock)]
    assert [[plain(i) for i in b.items] for b in lists] == [
        ["Close the basin.", "Choose a site:", "on the east side;", "else on the west side.", "Pour the cap."]]


@pytest.mark.parametrize("og_title, site, expected", [
    ("Harbor Wall to Grow | Quay Gazette", "Quay Gazette", "Harbor Wall to Grow"),
    ("Harbor Wall to Grow - QuayGazette", "", "Harbor Wall to Grow"),          # named by the address
    ("Harbor Wall to Grow - Part Two", "Quay Gazette", "Harbor Wall to Grow - Part Two"),
])
def test_the_site_name_is_taken_off_a_metadata_title(og_title, site, expected):
    head = (f"<meta property='og:title' content='{og_title}'><meta property='og:site_name' content='{site}'>"
            "<link rel='canonical' href='https://www.quaygazette.example/wall.html'>")
    assert parse(article_page(head=head)).title == expected


@pytest.mark.parametrize("description", [
    STORY[0][:60] + "...",
    STORY[0] + " " + STORY[1][:40] + "… Continued",
    STORY[0],
])
def test_a_description_cut_from_the_text_is_no_dek(description):
    head = f"<meta name='description' content='{description}'>"
    html = page("<article><h1>Harbor Wall to Grow</h1><p>Quay Gazette staff</p>"
                + "".join(f"<p>{p}</p>" for p in STORY) + "</article>", head + "<title>Harbor Wall to Grow</title>")
    assert parse(html).dek == ""


def test_a_description_of_its_own_is_the_dek():
    head = "<meta name='description' content='A decade of argument ends with forty meters of stone.'>"
    html = page("<article><h1>Harbor Wall to Grow</h1>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>", head)
    assert parse(html).dek == "A decade of argument ends with forty meters of stone."


@pytest.mark.parametrize("wrap", ["<![CDATA[{}]]>", "//<![CDATA[\n{}\n//]]>", "<!--{}-->"])
def test_json_ld_wrapped_in_cdata_or_comment_marks_is_read(wrap):
    data = ('{"@type": "NewsArticle", "headline": "Harbor Wall to Grow", "datePublished": "2024-06-25",'
            ' "author": {"@type": "Person", "name": "Ana Ruiz"}}')
    head = f"<script type='application/ld+json'>{wrap.format(data)}</script>"
    a = parse(article_page(head=head))
    assert (a.published, a.authors) == (dt.date(2024, 6, 25), ("Ana Ruiz",))


ZH_OPENING = ("市议会周二投票决定将港口防波堤延长四十米。", "工程师表示这项工程已经刻不容缓。")


@pytest.mark.parametrize("body, description", [
    # Chinese paragraphs: the description runs on from one paragraph into the next without a space.
    ("".join(f"<p>{p}</p>" for p in ZH_OPENING) + f"<p>{LONG}</p>", "".join(ZH_OPENING)[:30] + "…"),
    # A description cut with "(...)".
    (f"<p>{LONG}</p>", LONG[:70] + " (...)"),
    # A text that opens with a heading, then a list.
    (f"<h2>What was decided</h2><ul><li>A longer wall</li><li>A new quay</li></ul><p>{LONG}</p>",
     "What was decided A longer wall A new quay"),
])
def test_a_description_that_repeats_an_opening_of_any_kind_is_no_dek(body, description):
    html = page(f"<article><h1>Harbor Wall to Grow</h1>{body}</article>",
                f"<title>Harbor Wall to Grow</title><meta name='description' content='{description}'>")
    assert parse(html).dek == ""


def test_a_description_of_its_own_is_kept_beside_an_opening_heading():
    head = "<title>Harbor Wall to Grow</title><meta name='description' content='Forty more meters.'>"
    html = page(f"<article><h1>Harbor Wall to Grow</h1><h2>What was decided</h2><p>{LONG}</p></article>", head)
    assert parse(html).dek == "Forty more meters."


def test_permalink_signs_after_headings_and_the_title_are_dropped():
    sign = "<a class='headerlink' href='#{0}' title='Permalink to this headline'>¶</a>"
    body = (f"<div class='section'><h1>Harbor Wall to Grow{sign.format('top')}</h1><p>{LONG}</p>"
            f"<h2>The vote<a href='#vote'>#</a></h2><p>{LONG}</p>"
            f"<h3>The cost<a class='anchor-link' href='#cost'><svg></svg></a></h3>"
            f"<p>It costs <a href='https://example.org/budget'>§ 12</a> of the budget.<a href='#c'>🔗</a></p></div>")
    article = parse(page(body, "<title>Harbor Wall to Grow</title>"))
    assert article.title == "Harbor Wall to Grow"
    assert [b.text for b in article.blocks if isinstance(b, Heading)] == ["The vote", "The cost"]
    assert article.blocks[-1].text == "It costs § 12 of the budget."
    assert "¶" not in render(article) and "🔗" not in render(article)


@pytest.mark.parametrize("creator, authors", [
    ("Kooman, F.", ("F. Kooman",)),
    ("van Dijk, Anna", ("Anna van Dijk",)),
    ("Kooman, F. J.; Berg, Lise", ("F. J. Kooman", "Lise Berg")),
    ("Anna van Dijk, Lise Berg", ("Anna van Dijk", "Lise Berg")),   # a list of full names still splits
])
def test_author_names_written_surname_first_are_one_name(creator, authors):
    assert parse(article_page(head=f"<title>Harbor Wall to Grow</title>"
                                   f"<meta name='DC.Creator' content='{creator}'>")).authors == authors


def test_a_menu_above_the_text_in_a_page_laid_out_with_a_table_is_dropped():
    menu = ("<p>Not signed in</p><p><a href='/login'>Sign in</a></p><p><a href='/join'>Join</a></p>"
            "<div><a href='/'>Front</a><br><a href='/port'>Port</a><br><a href='/town'>Town news</a></div>"
            "<p>Sections</p><ul><li><a href='/a'>Archive</a></li><li><a href='/c'>Contact</a></li></ul>")
    story = (f"<h2>Harbor Wall to Grow</h2><p>By Nina Holt<br>March 25, 2015</p><p>{LONG}</p>"
             f"<p>Work starts in <a href='https://example.org/plan'>spring</a>, the council said.</p>")
    html = page(f"<table><tr><td class='side'>{menu}</td><td>{story}</td></tr></table>",
                "<title>Harbor Wall to Grow</title>")
    article = parse(html)
    assert [b.text for b in article.blocks] == [LONG, "Work starts in spring, the council said."]
    assert article.dek == "" and article.authors == ("Nina Holt",)


def test_a_table_of_data_stays_one_line_a_row():
    rows = "<tr><th>Year</th><th>Length</th></tr><tr><td><p>1990</p></td><td><p>120 m</p><ul><li>rebuilt</li></ul></td></tr>"
    article = parse(article_page(f"<table>{rows}</table>"))
    assert [b.text for b in article.blocks][-2:] == ["Year; Length", "1990; 120 m rebuilt"]


def test_links_at_the_top_of_a_short_text_are_kept_when_they_are_no_menu():
    html = page(f"<article><h1>Harbor Wall to Grow</h1><p><a href='https://example.org/vote'>The vote</a></p>"
                f"<p>{LONG}</p></article>", "<title>Harbor Wall to Grow</title>")
    assert parse(html).blocks[0].text == "The vote"


@pytest.mark.parametrize("description", [
    "Home | Port | Town news | Weather | Contact",
    "Front page · Port · Town",
])
def test_a_description_that_is_the_site_menu_is_no_dek(description):
    assert parse(article_page(head=f"<title>Harbor Wall to Grow</title>"
                                   f"<meta name='description' content='{description}'>")).dek == ""


def test_a_description_that_repeats_a_block_of_links_is_no_dek():
    menu = "<p><a href='/'>Front page</a> <a href='/port'>Port and harbor</a> <a href='/town'>Town hall news</a></p>"
    head = "<title>Harbor Wall to Grow</title><meta name='description' content='Front page Port and harbor Town hall news'>"
    assert parse(article_page(f"<p>{LONG}</p>" * 8 + menu, head)).dek == ""   # the menu is below the opening


def test_a_description_with_a_separator_that_is_no_menu_is_kept():
    head = "<title>Harbor Wall to Grow</title><meta name='description' content='Forty more meters | and soon'>"
    assert parse(article_page(head=head)).dek == "Forty more meters | and soon"
