"""Habits of common publishing systems that a saved page keeps: lazy images, AMP, galleries,
standfirsts, pull quotes and footnotes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from convert.model import Heading, ListBlock, Paragraph, Photo, Quote
from convert.parse.html import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from tiny_png import tiny_png  # noqa: E402

LONG = ("The council voted on Tuesday to extend the harbor wall by forty meters, a plan that has been "
        "debated for more than a decade and that engineers say is now urgent.")
SECOND = ("Fishing crews have asked for the work to start after the herring season, when the inner "
          "basin is quiet and the boats can be moved to the east quay for a month.")


def article_page(extra: str, head: str = "<title>Harbor Wall to Grow</title>") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>"
            f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p>{extra}<p>{SECOND}</p></article></body></html>")


@pytest.fixture
def folder(tmp_path):
    """A saved page's folder with the real photo and a lazy loader's placeholder, both local."""
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "wall.png").write_bytes(tiny_png())
    (tmp_path / "page_files" / "blank.png").write_bytes(tiny_png() + b"\0")
    return tmp_path


def photos(html: str, folder: Path) -> list[Photo]:
    return [b for b in parse(html, folder / "page.html").blocks if isinstance(b, Photo)]


@pytest.mark.parametrize("image", [
    # WordPress lazy-load: a local placeholder in src, the photo in data-src.
    "<img src='page_files/blank.png' data-src='page_files/wall.png' alt='The wall'>",
    "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-lazy-src='page_files/wall.png' alt='The wall'>",
    "<img src='page_files/blank.png' data-srcset='page_files/wall.png 800w, page_files/small.png 400w' alt='The wall'>",
    "<picture><source type='image/webp' data-srcset='page_files/wall.webp'>"
    "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-lazy-src='page_files/wall.png' alt='The wall'></picture>",
    # A lazy image whose only real address is its <noscript> copy.
    "<img class='lazyload' src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt='The wall'>"
    "<noscript><img src='page_files/wall.png' alt='The wall'></noscript>",
    # A script-only image: the <noscript> copy is all there is.
    "<noscript><img src='page_files/wall.png' alt='The wall'></noscript>",
    # AMP.
    "<amp-img src='page_files/wall.png' width='800' height='600' alt='The wall'>"
    "<noscript><img src='page_files/wall.png' alt='The wall'></noscript></amp-img>",
])
def test_a_lazy_or_amp_image_is_one_photo_of_the_real_file(folder, image):
    for html in (article_page(f"<figure>{image}</figure>"), article_page(image)):
        found = photos(html, folder)
        assert [(p.caption, p.image) for p in found] == [("The wall", (folder / "page_files" / "wall.png").resolve())]


def test_an_amp_figure_keeps_its_photo_and_credit(folder):
    html = article_page("<figure><amp-img src='page_files/wall.png' width='8' height='6' alt='Stones'></amp-img>"
                        "<figcaption>The old wall at low tide. Photo: Ana Ruiz</figcaption></figure>")
    assert [(p.caption, p.credit, p.image is not None) for p in photos(html, folder)] == \
        [("The old wall at low tide.", "Ana Ruiz", True)]


@pytest.mark.parametrize("item", [
    "<figure><img src='page_files/wall.png' alt='{0}'><figcaption>{0}. Photograph: Ana Ruiz</figcaption></figure>",
    "<img src='page_files/wall.png' alt='{0}'>",
    "<a href='page_files/wall.png'><img src='page_files/wall.png' alt='{0}'></a>",
])
def test_a_gallery_marked_up_as_a_list_keeps_its_photos(folder, item):
    names = ("Divers at the wall", "The crane at dawn")
    gallery = "<ul class='gallery'>" + "".join(f"<li>{item.format(n)}</li>" for n in names) + "</ul>"
    blocks = parse(article_page(gallery), folder / "page.html").blocks
    assert not any(isinstance(b, ListBlock) for b in blocks)
    found = [b for b in blocks if isinstance(b, Photo)]
    assert [p.caption.rstrip(".") for p in found] == list(names)
    assert all(p.image == (folder / "page_files" / "wall.png").resolve() for p in found)


def test_a_list_with_an_icon_in_running_text_stays_a_list(folder):
    html = article_page("<ul><li><img src='page_files/wall.png' alt='flag'> Norway sent two divers</li>"
                        "<li>Denmark sent one</li></ul>")
    lists = [b for b in parse(html, folder / "page.html").blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and len(lists[0].items) == 2


def test_a_photo_wrapped_in_a_link_to_its_larger_copy_is_kept(folder):
    html = article_page("<div class='image'><a href='https://example.org/wall-large.png'>"
                        "<img src='page_files/wall.png' alt='[The wall at low tide]'></a></div>")
    assert [p.caption for p in photos(html, folder)] == ["[The wall at low tide]"]


def test_the_site_logo_above_its_menu_goes_with_the_menu(folder):
    menu = "".join(f"<div><a href='/{w}'>{w}</a></div>" for w in ("News", "Sport", "Weather", "Travel"))
    html = ("<!DOCTYPE html><html lang='en'><head><title>Harbor Wall to Grow</title></head><body><div>"
            f"<div><a href='/'><img src='page_files/wall.png' alt='Harbor Times logo'></a></div>{menu}"
            f"<h1>Harbor Wall to Grow</h1><p>{LONG}</p><p>{SECOND}</p></div></body></html>")
    blocks = parse(html, folder / "page.html").blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == LONG


DEK = "Engineers say the forty-meter extension cannot wait for another winter of storms."


def header_page(header: str, head: str = "") -> str:
    meta = f"<title>Harbor Wall to Grow</title><meta property='og:description' content='{DEK}'>{head}"
    return ("<!DOCTYPE html><html lang='en'><head>" + meta + "</head><body><main><article>"
            f"<header>{header}</header><div class='body'><p>{LONG}</p><p>{SECOND}</p></div>"
            "</article></main></body></html>")


@pytest.mark.parametrize("header", [
    f"<h1>Harbor Wall to Grow</h1><p class='standfirst'>{DEK}</p><p>By Ana Ruiz</p><p>March 19, 2025</p>",
    f"<h1>Harbor Wall to Grow</h1><p>{DEK}</p><p>Published 19 March 2025 · Updated 20 March 2025</p>",
    f"<h1>Harbor Wall to Grow</h1><h3 class='subtitle'>{DEK}</h3><p>Ana Ruiz</p>",
])
def test_a_standfirst_that_the_description_repeats_is_the_dek(header):
    a = parse(header_page(header, "<meta name='author' content='Ana Ruiz'>"))
    assert a.dek == DEK
    assert [b.text for b in a.blocks] == [LONG, SECOND]


def test_a_description_that_is_the_first_paragraph_is_still_no_dek():
    html = header_page(f"<h1>Harbor Wall to Grow</h1><p>By Ana Ruiz</p>").replace(f"<p>{LONG}</p>",
                                                                                 f"<p>{DEK}</p><p>{LONG}</p>")
    a = parse(html)
    assert a.dek == "" and a.blocks[0].text == DEK


def test_a_line_of_only_the_authors_names_and_a_section_label_are_header_lines():
    a = parse(header_page("<p class='kicker'><a href='/news/harbors'>Harbors</a></p><h1>Harbor Wall to Grow</h1>"
                          "<p><a href='/by/ana'>Ana Ruiz</a> and <a href='/by/tom'>Tom Ode</a></p>",
                          '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
                          '[{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Ode"}]}</script>'))
    assert a.authors == ("Ana Ruiz", "Tom Ode")
    assert [b.text for b in a.blocks] == [LONG, SECOND]


def test_a_short_line_naming_someone_else_stays():
    a = parse(header_page("<h1>Harbor Wall to Grow</h1><p>Ana Ruiz</p><p>Tom Ode</p>",
                          "<meta name='author' content='Ana Ruiz'>"))
    assert "Tom Ode" in [b.text for b in a.blocks]


@pytest.mark.parametrize("pull", [
    "<blockquote class='wp-block-pullquote'><p>“A plan that has been debated for more than a decade”</p></blockquote>",
    "<div class='pull'><p>a plan that has been debated for more than a decade</p></div>",
    "<aside><p>A plan that has been debated for more than a decade</p></aside>",
])
def test_a_pull_quote_that_repeats_the_text_is_heard_once(pull):
    blocks = parse(article_page(pull)).blocks
    assert [b.text for b in blocks] == [LONG, SECOND]


def test_a_quotation_of_other_words_and_a_short_line_that_recurs_are_kept():
    quote = "<blockquote><p>The wall will hold for a century, said the engineer who built the last one.</p></blockquote>"
    blocks = parse(article_page(f"{quote}<p>Forty meters.</p><p>It is urgent, the engineers say.</p>")).blocks
    assert isinstance(blocks[1], Quote) and [b.text for b in blocks[2:4]] == ["Forty meters.", "It is urgent, the engineers say."]


def test_a_paragraph_said_twice_is_no_pull_quote_of_itself():
    refrain = "The gauge at the east quay read four meters and rising."
    blocks = parse(article_page(f"<p>{refrain}</p><p>{refrain}</p>")).blocks
    assert [b.text for b in blocks] == [LONG, refrain, refrain, SECOND]


def test_a_pull_quote_set_twice_goes_both_times():
    pull = "<blockquote><p>A plan that has been debated for more than a decade</p></blockquote>"
    assert [b.text for b in parse(article_page(pull + pull)).blocks] == [LONG, SECOND]


@pytest.mark.parametrize("insert", [
    "<p><strong>Related:</strong> <a href='/news/pier'>Pier repairs finished ahead of schedule</a></p>",
    "<p><em>Read more:</em> <a href='/news/pier'>Pier repairs finished ahead of schedule</a></p>",
    "<p>READ MORE: <a href='/a'>Pier repairs finished</a> | <a href='/b'>Ferry fares to rise</a></p>",
    "<p><a href='/news/pier'>See also: Pier repairs finished ahead of schedule</a></p>",
    "<p lang='fr'>À lire aussi : <a href='/news/pier'>Les travaux du quai terminés</a></p>",
])
def test_a_related_link_line_between_paragraphs_is_dropped(insert):
    assert [b.text for b in parse(article_page(insert)).blocks] == [LONG, SECOND]


def test_a_labelled_sentence_with_its_own_words_stays():
    line = "<p>Related: the <a href='/plan'>plan</a> also covers the lighthouse steps and the slipway.</p>"
    assert "Related: the plan also covers the lighthouse steps and the slipway." in \
        [b.text for b in parse(article_page(line)).blocks]


@pytest.mark.parametrize("mark,back", [
    ("<a class='footnote-anchor' id='footnote-anchor-1' href='#footnote-1'>1</a>",
     "<a id='footnote-1' href='#footnote-anchor-1' class='footnote-number'>1</a>"),
    ("<sup id='cite_ref-1'><a href='#cite_note-1'>[1]</a></sup>", "<a href='#cite_ref-1'>↑</a>"),
    ("<sup><a href='#fn2' id='r2'>2</a></sup>", "<a href='#r2'>2</a>"),
])
def test_footnote_marks_and_back_links_go_and_the_notes_stay(mark, back):
    html = article_page(f"<p>The wall is older than the harbor.{mark} It was first built of timber.</p>"
                        f"<div class='footnotes'>{back}<p>The harbor was dredged in 1841.</p></div>")
    texts = [b.text for b in parse(html).blocks]
    assert "The wall is older than the harbor. It was first built of timber." in texts
    assert texts[2:] == ["The harbor was dredged in 1841.", SECOND]


def test_numbers_that_are_no_note_marks_stay():
    html = article_page("<p>See section <a href='#section-2'>2</a> for the plan; the basin covers 40 m<sup>2</sup>.</p>"
                        "<h2 id='section-2'>The plan</h2>")
    assert "See section 2 for the plan; the basin covers 40 m2." in [b.text for b in parse(html).blocks]


@pytest.mark.parametrize("furniture", [
    "<div id='jp-relatedposts' class='jp-relatedposts'><h3>Related</h3><p>Spring walks on the river</p></div>",
    "<div class='sharebuttons'><p>Share this story with a friend</p></div>",
    "<p class='button-wrapper'><a class='button primary' href='/subscribe'><span>Subscribe now</span></a></p>",
])
def test_furniture_named_by_a_compound_class_word_is_dropped(furniture):
    assert [b.text for b in parse(article_page(furniture)).blocks] == [LONG, SECOND]


def test_a_class_word_that_only_looks_like_furniture_is_kept():
    third = "The harbor master said the new wall would also shelter the lifeboat station from the swell."
    html = article_page(f"<div class='commentary-body'><p>{third}</p></div>")
    assert third in [b.text for b in parse(html).blocks]


def test_a_ghost_header_with_the_author_as_a_heading_and_a_reading_time_keeps_its_dek():
    a = parse(header_page(f"<h1>Harbor Wall to Grow</h1><p class='article-excerpt'>{DEK}</p>"
                          "<h4 class='author-name'><a href='/author/ana/'>Ana Ruiz</a></h4>"
                          "<div><time datetime='2024-09-30'>Sep 30, 2024</time><span> • 4 min read</span></div>",
                          '<script type="application/ld+json">{"@type": "Article", "author": {"name": "Ana Ruiz"}}</script>'))
    assert (a.dek, a.authors) == (DEK, ("Ana Ruiz",))
    assert [b.text for b in a.blocks] == [LONG, SECOND]


def test_a_gallery_in_one_figure_gives_a_photo_for_each_image(folder):
    gallery = ("<figure class='kg-card kg-gallery-card'><div class='kg-gallery-row'>"
               "<div class='kg-gallery-image'><img src='page_files/wall.png' alt='Stones sorted by size'></div>"
               "<div class='kg-gallery-image'><img src='page_files/blank.png' alt='The first course laid'></div>"
               "</div><figcaption>Sorting, then the first course. Photo: Ana Ruiz</figcaption></figure>")
    blocks = parse(article_page(gallery), folder / "page.html").blocks
    assert [(p.caption, p.credit, p.image.name) for p in blocks if isinstance(p, Photo)] == \
        [("Stones sorted by size", "Ana Ruiz", "wall.png"), ("The first course laid", "Ana Ruiz", "blank.png")]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [LONG, "Sorting, then the first course.", SECOND]


def test_a_link_card_s_text_has_no_space_at_its_ends():
    card = ("<figure class='kg-card kg-bookmark-card'><a href='https://example.org/guide'>"
            "<div>A guide to harbor walls</div><div>Footings and copes explained.</div></a></figure>")
    assert "A guide to harbor walls Footings and copes explained." in [b.text for b in parse(article_page(card)).blocks]


def test_a_yoast_graph_names_the_author_and_publisher_by_reference():
    graph = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
             '{"@type": "Article", "@id": "https://harbor.example/wall/#article", "headline": "Harbor Wall to Grow",'
             ' "author": {"name": "Ana Ruiz", "@id": "https://harbor.example/#/schema/person/1"},'
             ' "publisher": {"@id": "https://harbor.example/#organization"}, "datePublished": "2024-05-02T08:00:00+00:00"},'
             '{"@type": "Organization", "@id": "https://harbor.example/#organization", "name": "Harbor Times"},'
             '{"@type": "Article", "@id": "https://harbor.example/other/#article", "headline": "x"}]}</script>'
             '<script type="application/ld+json">{"@graph": [{"@type": "BlogPosting", "headline": "Harbor Wall to Grow",'
             ' "author": [{"@id": "https://harbor.example/#/schema/person/2"}]},'
             ' {"@type": "Person", "@id": "https://harbor.example/#/schema/person/2", "name": "Tom Ode"}]}</script>')
    a = parse(article_page("", "<title>Harbor Wall to Grow</title>" + graph))
    assert (a.authors, a.source) == (("Ana Ruiz",), "Harbor Times")
    graph_only = graph.split("</script>")[1] + "</script>"
    assert parse(article_page("", "<title>Harbor Wall to Grow</title>" + graph_only)).authors == ("Tom Ode",)


@pytest.mark.parametrize("box", [
    "<div id='attachment_12' class='wp-caption alignnone'><img src='page_files/wall.png' alt='' width='600'>"
    "<p class='wp-caption-text'>The wall at low tide. Photo: Ana Ruiz</p></div>",
    "<dl class='wp-caption'><dt><a href='https://harbor.example/big.jpg'><img src='page_files/wall.png' alt=''></a></dt>"
    "<dd class='wp-caption-dd'>The wall at low tide. Photo: Ana Ruiz</dd></dl>",
    "<div class='image'><img src='page_files/wall.png' alt='Stones'><div class='image-caption'>The wall at low tide.</div>"
    "<div class='credit'>Ana Ruiz</div></div>",
])
def test_an_image_and_its_caption_in_plain_boxes_are_one_photo(folder, box):
    blocks = parse(article_page(box), folder / "page.html").blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [LONG, SECOND]
    assert [(p.caption, p.credit, p.image.name) for p in blocks if isinstance(p, Photo)] == \
        [("The wall at low tide.", "Ana Ruiz", "wall.png")]


def test_a_caption_box_among_other_words_is_left_as_text(folder):
    box = ("<div class='box'><img src='page_files/wall.png' alt='Stones'><p>The wall is made of local granite.</p>"
           "<p class='caption'>The wall at low tide.</p></div>")
    texts = [b.text for b in parse(article_page(box), folder / "page.html").blocks if isinstance(b, Paragraph)]
    assert texts == [LONG, "The wall is made of local granite.", "The wall at low tide.", SECOND]


@pytest.mark.parametrize("line", ["<div><p>Advertisement</p></div>", "<p class='x'>Story continues below advertisement</p>",
                                  "<div>ADVERTISEMENT</div>", "<p><a href='#after'>Continue reading the main story</a></p>"])
def test_a_page_s_own_lines_between_paragraphs_are_dropped(line):
    assert [b.text for b in parse(article_page(line)).blocks] == [LONG, SECOND]


def test_a_link_styled_as_a_button_within_a_sentence_keeps_its_words():
    line = "<p>The engineers' <a class='btn btn-primary' href='https://example.org/r.pdf'>full report</a> is online.</p>"
    assert "The engineers' full report is online." in [b.text for b in parse(article_page(line)).blocks]


@pytest.mark.parametrize("html,junk", [
    ("<p>The engineers' <a class='btn btn-primary' href='/r.pdf'>full report</a> is online.</p>", False),
    ("<p><a class='button' href='/subscribe'>Subscribe now</a></p>", True),
    ("<div><h3>Keep your notes in sync</h3><a class='button' href='/sync'>Get started</a></div>", True),
])
def test_a_button_is_furniture_unless_it_stands_in_a_sentence(html, junk):
    from bs4 import BeautifulSoup
    from convert.parse.html.content import is_junk
    assert is_junk(BeautifulSoup(html, "lxml").find(class_=True)) is junk
