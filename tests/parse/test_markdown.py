"""The clipped-Markdown parser: the seed article point by point, then the project's samples."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.texts import texts
from convert import clean
from convert.errors import InputError
from convert.model import (EndNote, Heading, Link, ListBlock, Paragraph, Photo, Quote, Strong,
                           Emphasis, Text, Video, plain)
from convert.parse.markdown import parse

INPUT = Path(__file__).resolve().parents[2] / "input"


# --- the seed ---------------------------------------------------------------------

def test_seed_header(seed_article):
    a = seed_article
    assert a.title == "Islamic State Claims Responsibility for Deadly Bombings in Iran"
    assert a.dek.startswith("The group, which has struck before in Iran")
    assert a.authors == ("Vivian Yee", "Hwaida Saad", "Eric Schmitt")
    assert a.published == dt.date(2024, 1, 5)
    assert a.source == "NY Times"
    assert a.url.endswith("us-isis-iran-general-suleimani.html")
    assert "?" not in a.url and "\\" not in a.url


def test_seed_photos_have_credits_split_off(seed_article):
    photos = [b for b in seed_article.blocks if isinstance(b, Photo)]
    assert len(photos) == 4
    assert photos[0].credit == "Sare Tajalli/ISNA, via Agence France-Presse — Getty Images"
    assert photos[0].caption.endswith("in the city of Kerman.")
    for photo in photos:
        assert "Credit" not in photo.caption and photo.credit
    for block in seed_article.blocks:
        if isinstance(block, Paragraph):
            assert "Credit..." not in block.text


def test_seed_video(seed_article):
    videos = [b for b in seed_article.blocks if isinstance(b, Video)]
    assert len(videos) == 1
    video = videos[0]
    assert video.title == "Blasts Kill Dozens in Iran"
    assert video.seconds == 30
    assert video.caption.startswith("Two bombs exploded along the road")
    assert video.credit == "Tasnim News Agency via Storyful"
    assert not any(isinstance(b, Heading) for b in seed_article.blocks)


def test_seed_torn_paragraphs_are_rejoined(seed_article):
    paragraphs = [b.text for b in seed_article.blocks if isinstance(b, Paragraph)]
    assert any(p.endswith("during a memorial procession for Maj. Gen. Qassim Suleimani, according to "
                          "a post on the extremist group's official Telegram account.") for p in paragraphs)
    assert any("the fourth anniversary of General Suleimani's death. General Suleimani, the powerful "
               "military leader regarded as a malign force in the West," in p for p in paragraphs)
    assert not any(p.startswith(("Qassim Suleimani", "Suleimani, the")) for p in paragraphs)


def test_seed_end_note(seed_article):
    last = seed_article.blocks[-1]
    assert isinstance(last, EndNote)
    assert last.text.endswith("contributed reporting.")
    assert sum(isinstance(b, EndNote) for b in seed_article.blocks) == 1


def test_seed_no_markup_left(seed_article):
    for text in texts(seed_article):
        for mark in ("[", "](", "\\", "*", "#", "  "):
            assert mark not in text, (mark, text)
        assert text == text.strip()


def words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text)


def test_seed_keeps_every_body_word_in_order(seed_path, seed_article):
    raw = seed_path.read_text(encoding="utf-8")
    # The body begins after the address line; drop link targets and the
    # markers the parser is meant to remove, and compare what remains.
    body = raw.split("emc=edit_ufn_20240104)", 1)[1]
    body = re.sub(r"\]\([^)]*\)", "", body)
    body = re.sub(r"^\s*\d+:\d\d\s*$", "", body, flags=re.M)
    expected = [w for w in words(body) if w != "Credit"]
    blocks = seed_article.blocks[1:]  # the lead photo sits in the header
    got = []
    for block in blocks:
        match block:
            case Paragraph() | EndNote():
                got += words(block.text)
            case Photo(caption, credit):
                got += words(caption) + words(credit)
            case Video(title, _, caption, credit):
                got += words(title) + words(caption) + words(credit)
    assert got == expected


def test_seed_real_links_only(seed_article):
    # Every link in the seed was broken to (#): none may survive as a link.
    def links(inlines):
        for node in inlines:
            if isinstance(node, Link):
                yield node
            elif isinstance(node, (Strong, Emphasis)):
                yield from links(node.children)
    for block in seed_article.blocks:
        if isinstance(block, Paragraph):
            assert not list(links(block.inlines))


# --- the project's samples ---------------------------------------------------------

def load(name: str):
    path = INPUT / name
    return parse(path.read_text(encoding="utf-8"), path)


def test_sample_clipped_news():
    a = load("tide-gauges.md")
    assert a.title == "Tide Gauges Show the Harbor Rising Faster Than Forecast"
    assert a.authors == ("Lena Okafor", "Tomasz Wróbel")
    assert a.published == dt.date(2025, 3, 3)
    assert a.source == "Harbor Courier"
    assert a.url == "https://www.harborcourier.example/2025/03/03/science/tide-gauges-harbor.html?page=2"
    kinds = [type(b).__name__ for b in a.blocks]
    assert kinds == ["Photo", "Paragraph", "Paragraph", "Video", "Paragraph", "Paragraph", "Heading",
                     "Paragraph", "Photo", "Paragraph", "EndNote"]
    assert a.blocks[1].text.endswith("presented on Monday by Dr. Anneke Vos, who leads the port "
                                     "authority's coastal monitoring program.")
    assert a.blocks[3] == Video("Inside the Gauge House", 105,
                                "Engineers explain how the gauge measures the water every six minutes.",
                                "Harbor Courier Video")
    assert "they say the same thing every year, only louder.”" in a.blocks[5].text.replace('"', "”")
    links = [n for n in a.blocks[2].inlines if isinstance(n, Link)]
    assert links == [Link((Text("full review"),),
                          "https://www.harborcourier.example/council/review")]


def test_sample_other_clipper_habits():
    a = load("library-reading-room.md")
    assert a.title == "The Old Library's Reading Room Opens Again After Four Years"
    assert a.dek == "Restorers found the original ceiling under six layers of paint."
    assert a.authors == ("Samira Haddad",)
    assert a.published == dt.date(2024, 1, 5)
    assert a.url == "https://news.example.org/culture/library-reading-room"
    photo = a.blocks[0]
    assert photo.caption == "Sunlight falls across the long oak tables of the restored reading room."
    assert photo.credit == "Jonas Berg for The Gazette"
    assert photo.image == (INPUT / "images" / "reading-room.png").resolve()
    first = a.blocks[1]
    assert isinstance(first, Paragraph)
    assert "overseen by the retired Brig. Gen. Harold Mensah, who chairs" in first.text
    assert Emphasis((Text("Thursday"),)) in first.inlines
    lists = [b for b in a.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and len(lists[0].items) == 3 and not lists[0].ordered
    quotes = [b for b in a.blocks if isinstance(b, Quote)]
    assert len(quotes) == 1 and "Odette Lindqvist" in quotes[0].paragraphs[0].text
    labelled = [b for b in a.blocks if isinstance(b, Photo)][1]
    assert labelled == Photo("A child reads under one of the restored brass lamps.")


def test_sample_plain_text():
    a = load("night-market.txt")
    assert a.title == "Night Market Returns to the Riverside With Longer Hours"
    assert a.authors == ("Carlos Mendes", "Aiko Tanaka", "Ruth Oyelaran")
    assert a.published == dt.date(2024, 6, 14)
    assert all(isinstance(b, Paragraph) for b in a.blocks)
    assert len(a.blocks) == 4
    assert "drew more than 20,000 visitors" in a.blocks[1].text


def test_no_text_is_an_error():
    with pytest.raises(InputError):
        parse("\n \n\t\n")
    with pytest.raises(InputError):
        parse("---\n\n***\n")


PAGE_CLIPPING = """\
Supported by

SKIP ADVERTISEMENT

A ferry crosses the bay at dusk. Credit...Ines Moura/The Ledger

# Ferry Fares Rise for the First Time in a Decade

Commuters say the increase is fair; the timing is not.

Share full article

Listen to this article · 4:10 min [Learn more](https://ledger.example/audio)

By Ines Moura

Reporting from Bay Harbor

Published Feb. 2, 2025 Updated Feb. 3, 2025, 9:15 a.m. ET

Fares on the bay ferry will rise by a quarter in April, the operator said on Monday.

Advertisement

The operator said fuel costs had doubled since the last increase.
"""


def test_page_furniture_is_dropped_and_the_header_still_found():
    a = parse(PAGE_CLIPPING)
    assert a.title == "Ferry Fares Rise for the First Time in a Decade"
    assert a.dek == "Commuters say the increase is fair; the timing is not."
    assert a.authors == ("Ines Moura",)
    assert a.published == dt.date(2025, 2, 2)
    assert a.source == ""
    assert a.blocks[0] == Photo("A ferry crosses the bay at dusk.", "Ines Moura/The Ledger")
    body = [b.text for b in a.blocks[1:]]
    assert body == ["Reporting from Bay Harbor",
                    "Fares on the bay ferry will rise by a quarter in April, the operator said on Monday.",
                    "The operator said fuel costs had doubled since the last increase."]
    assert not any(isinstance(b, Video) for b in a.blocks)


def test_image_line_and_its_caption_line_make_one_photo():
    a = parse("# Storm Closes the Coast Road\n\nResidents face a long detour.\n\n"
              "![](https://img.example.com/road.jpg)\n"
              "Waves break over the wall at dawn. Photograph: Jo Penrose/PA\n\n"
              "Thu 4 Jan 2024 12.00 GMT\n\n![](https://img.example.com/pixel.gif)\n\n"
              "The road will stay closed until next week, the council said.\n")
    assert a.published == dt.date(2024, 1, 4)
    assert a.blocks == (Photo("Waves break over the wall at dawn.", "Jo Penrose/PA"),
                        Paragraph((Text("The road will stay closed until next week, the council said."),)))


# --- clipper defects met on real pages ---------------------------------------------

WALL = """# Harbor Wall to Grow

By Ana Ruiz

March 3, 2025

The council voted on Tuesday to extend the harbor wall by forty meters, a plan that has been debated for a decade.

{body}
"""


def test_a_loose_ordered_list_keeps_its_numbering():
    a = parse(WALL.format(body="1. Close the east basin.\n\n2. Drive the new piles.\n\n3. Pour the cap.\n\n"
                               "- one bullet\n\n- another bullet"))
    lists = [b for b in a.blocks if isinstance(b, ListBlock)]
    assert [([plain(i) for i in b.items], b.ordered) for b in lists] == [
        (["Close the east basin.", "Drive the new piles.", "Pour the cap."], True),
        (["one bullet", "another bullet"], False)]
    assert "2. Drive the new piles." in render(a) and "3. Pour the cap." in render(a)


def render(article):
    from convert.write.text import render as text
    return text(article)


def test_a_dek_cut_short_by_the_site_stays_the_dek():
    text = ("# Harbor Wall to Grow\n\nThe council ends a decade of debate over the east wall and votes to build forty\n\n"
            "By Ana Ruiz\n\nMarch 3, 2025\n\n"
            "Engineers told the council that waves overtopped the old wall eleven times last winter.\n")
    a = parse(text)
    assert a.dek == "The council ends a decade of debate over the east wall and votes to build forty"
    assert [b.text for b in a.blocks] == [
        "Engineers told the council that waves overtopped the old wall eleven times last winter."]


def test_a_dek_cut_short_is_known_by_the_front_matter_description():
    text = ("---\ntitle: Harbor Wall to Grow\ndescription: The council ends a decade of debate over the east "
            "wall and votes to build forty meters more.\n---\n\n# Harbor Wall to Grow\n\n"
            "The council ends a decade of debate over the east wall and votes to build…\n\n"
            "Engineers told the council that waves overtopped the old wall eleven times last winter.\n")
    a = parse(text)
    assert a.dek == "The council ends a decade of debate over the east wall and votes to build forty meters more."
    assert [b.text for b in a.blocks] == [
        "Engineers told the council that waves overtopped the old wall eleven times last winter."]


@pytest.mark.parametrize("closing", ["[Quay Gazette](#)", "\\[Quay Gazette\\](#)", "**[Quay Gazette](#)**",
                                     "[Quay Gazette]()"])
def test_a_closing_link_broken_to_the_site_is_dropped(closing):
    a = parse(WALL.format(body=f"Work starts in April.\n\n{closing}"))
    assert [b.text for b in a.blocks][-1] == "Work starts in April."
    assert "Quay Gazette" not in render(a) and "](#)" not in render(a)


def test_escaped_link_syntax_keeps_its_words_only():
    a = parse(WALL.format(body="Read the \\[full plan\\](#) or \\[the map\\](https://quay.example/map?utm_source=x)."
                               "\n\nThe clerk wrote \\[sic\\](2019) in the minutes."))
    assert a.blocks[-2] == Paragraph((Text("Read the full plan or "),
                                      Link((Text("the map"),), "https://quay.example/map"), Text(".")))
    assert a.blocks[-1].text == "The clerk wrote [sic](2019) in the minutes."


def test_body_links_lose_tracking_parameters_and_keep_the_page():
    a = parse(WALL.format(body="See [the plan](https://quay.example/plan?page=2&utm_source=nl&fbclid=x), "
                               "<https://quay.example/map?utm_medium=email> and [more][m].\n\n"
                               "[m]: https://quay.example/more?id=7&gclid=1"))
    found = [n.url for n in a.blocks[-1].inlines if isinstance(n, Link)]
    assert found == ["https://quay.example/plan?page=2", "https://quay.example/map",
                     "https://quay.example/more?id=7"]


@pytest.mark.parametrize("target", [
    "https://quay.example/a|b", "https://quay.example/{x}", "https://quay.example/a^b",
    "https://quay.example/a\\\\b", "https://quay.example/%zz", "https://quay.example:99999/x",
    "http://[oops/story",
])
def test_invalid_link_targets_become_words(target):
    a = parse(WALL.format(body=f"See [the plan]({target}) for details."))
    assert a.blocks[-1] == Paragraph((Text("See the plan for details."),))


@pytest.mark.parametrize("text", [
    "---\ntitle: Harbor Wall\nurl: http://[oops/story\n---\n\nThe council voted to extend the wall.\n",
    "# Harbor Wall\n\nhttp://[oops/story\n\nThe council voted to extend the wall.\n",
    "# Harbor Wall\n\n<http://[oops/story>\n\nThe council voted to extend the wall.\n",
])
def test_an_unclosed_ipv6_bracket_is_no_address(text):
    a = parse(text)
    assert a.title == "Harbor Wall" and a.url == ""


def test_raw_script_and_style_blocks_reach_no_edition():
    text = WALL.format(body="<script>\nvar tracker = 'SCRIPT-CODE';\n\nsend(tracker);\n</script>\n\n"
                            "<style type='text/css'>.wall { color: STYLE-CODE }</style>\n\n"
                            "Work starts in <script>alert('INLINE-CODE')</script>April.\n\n"
                            "<!-- COMMENT-CODE -->\n\n<script src='x.js'>UNCLOSED-CODE\n\nThe end of the story.")
    a = parse(text)
    words = "\n".join(texts(a))
    for leak in ("SCRIPT-CODE", "send(", "STYLE-CODE", "INLINE-CODE", "COMMENT-CODE", "UNCLOSED-CODE", "tracker"):
        assert leak not in words, leak
    assert "Work starts in April." in words and "The end of the story." in words


# Targets a clipper can leave behind: some invalid (they must become words),
# some odd but valid (they must stay links, cleaned).
ODD_TARGETS = [
    "https://quay.example/a|b", "https://quay.example/{x}", "https://quay.example/a^b", "https://quay.example/%zz",
    "https://quay.example:99999/", "http://[oops/story", "https://quay.example/x#a b", "https://-quay.example/",
    "https://bücher.example/straße?q=ü", "https://quay.example/a%20b?x=%E2%82%AC", "HTTPS://QUAY.EXAMPLE:8080/x",
    "https://[::1]:80/x", "https://quay.example/x#a#b", "https://quay.example/~ana/ä;p=1",
    "mailto:ana@quay.example?subject=Hi%20there", "https://quay.example/x?r='x'",
    "https://xn--bcher-kva.example/", "https://1.2.3.4/x?utm_source=feed",
]


def test_every_link_that_survives_gives_an_epub_epubcheck_passes(tmp_path):
    from convert.options import Options
    from convert.write import WRITERS
    from tests import checkers
    body = ", ".join(f"[link {i}]({t})" for i, t in enumerate(ODD_TARGETS))
    a = parse(WALL.format(body=f"Links: {body}."))
    inlines = a.blocks[-1].inlines
    kept = {plain(n.children): n.url for n in inlines if isinstance(n, Link)}
    # 0-7 are no address a reader can follow: a character URLs may not carry
    # (| { ^ space), a "%" with no hex pair, a port past 65535, an unclosed
    # IPv6 bracket, a host starting with "-".  8-17 are odd but valid.
    assert sorted(kept, key=lambda label: int(label.split()[1])) == [f"link {i}" for i in range(8, 18)]
    words = plain(inlines)
    assert all(f"link {i}" in words for i in range(8))    # the dropped ones keep their words
    assert kept["link 10"] == "https://quay.example:8080/x"         # scheme and host lower-cased
    assert kept["link 14"] == "mailto:ana@quay.example?subject=Hi%20there"
    assert kept["link 17"] == "https://1.2.3.4/x"                   # the tracker removed
    assert all("utm_" not in url for url in kept.values())
    book = WRITERS["epub"].write(a, tmp_path / "links.epub", Options())[0]
    assert checkers.epubcheck_problems(checkers.epubcheck_report(book)) == []


# --- habits of other clippers and pages --------------------------------------------

LIVE = WALL.format(body="**21:04**\n\nThe vote has begun in the chamber.\n\n"
                        "21:30\n\nMembers are still queueing at the lobby doors, one clerk said.\n\n"
                        "**21:47** – *Result due*\n\nThe speaker will read the result within minutes.")


def test_live_page_time_stamps_are_entry_headings_not_videos():
    a = parse(LIVE)
    assert not any(isinstance(b, Video) for b in a.blocks)
    assert [(type(b).__name__, b.text) for b in a.blocks[1:]] == [
        ("Heading", "21:04"), ("Paragraph", "The vote has begun in the chamber."),
        ("Heading", "21:30"), ("Paragraph", "Members are still queueing at the lobby doors, one clerk said."),
        ("Heading", "21:47 – Result due"), ("Paragraph", "The speaker will read the result within minutes.")]


def test_live_page_time_stamps_with_am_and_zone():
    a = parse(WALL.format(body="10.32am BST\n\nThe vote has begun in the chamber.\n\n"
                               "9.58am BST\n\nMembers are queueing at the doors."))
    assert [(type(b).__name__, b.text) for b in a.blocks[1:]] == [
        ("Heading", "10.32am BST"), ("Paragraph", "The vote has begun in the chamber."),
        ("Heading", "9.58am BST"), ("Paragraph", "Members are queueing at the doors.")]


def test_a_running_time_under_a_video_title_or_over_a_credit_is_still_a_video():
    a = parse(WALL.format(body="## Piles Go In\n\n0:45\n\nThe first pile is driven. Credit...Quay TV\n\n"
                               "The work went on.\n\n2:10\n\nDivers check the footing. Credit...Quay TV"))
    assert [b for b in a.blocks if isinstance(b, Video)] == [
        Video("Piles Go In", 45, "The first pile is driven.", "Quay TV"),
        Video("", 130, "Divers check the footing.", "Quay TV")]


@pytest.mark.parametrize("furniture", [
    "Read more: [How the old wall was built](https://quay.example/old-wall)",
    "Related: Harbor towns weigh their options: what we know so far",
    "Leggi anche: Le città di mare a confronto",
    "**Sign up to our Coast Weekly newsletter**",
    "[Subscribe to our newsletters](https://quay.example/newsletters)",
    "[Share on Facebook](https://facebook.example/sharer?u=x) [Share on X](https://x.example/intent?u=x)",
    "Facebook | Twitter | Email",
    "Pubblicità", "Anzeige", "Publicité",
    "© 2025 Quay Gazette. All rights reserved.",
    "Riproduzione riservata © Copyright Quay",
    "Reading time: 4 minutes", "Leestijd 2 minuten", "6-minute read",
    "3 hours ago", "Updated 20 minutes ago", "vandaag om 14:22", "vor 2 Stunden", "Today at 9:15 am",
    "Enlarge this image", "toggle caption", "Leave a comment", "12 comments",
    "Thanks for reading! Subscribe for free to receive new posts and support my work.",
    "Deel dit artikel", "Delen via WhatsApp", "Artikel teilen",
    "Foto: ANP", "Photo: Jo Penrose/PA", "Bild: dpa/Jan van der Berg",
    "Gift this article", "Save", "Listen · 7:41",
    "Show key events only", "Key event", "Live feed", "Updated at 10.41am BST",
    "Please turn on JavaScript to use this feature",
])
def test_page_furniture_lines_are_dropped_and_never_join_the_text(furniture):
    a = parse(WALL.format(body=f"Work starts in April on the wall's first\n\n{furniture}\n\n"
                               "forty meters, the clerk said.\n\nThe end of the story."))
    assert [b.text for b in a.blocks] == [
        "The council voted on Tuesday to extend the harbor wall by forty meters, a plan that has been "
        "debated for a decade.",
        "Work starts in April on the wall's first forty meters, the clerk said.", "The end of the story."]


@pytest.mark.parametrize("label", [*clean.PHOTO_LABELS.split("|"), "Credit", "Photos", "Fotos"])
def test_a_credit_left_without_its_photo_is_dropped_under_every_photo_label(label):
    a = parse(WALL.format(body=f"Work starts in April.\n\n{label}: Jo Penrose/PA\n\nThe end of the story."))
    assert [b.text for b in a.blocks][-2:] == ["Work starts in April.", "The end of the story."]


@pytest.mark.parametrize("line", [
    "Related: the council also voted to repaint the lighthouse, which had not been painted since 1990, and to "
    "open the old customs house to visitors on weekends through the summer season.",
    "Share prices in the harbor company fell after the vote.",
    "Copyright lawyers for the builder declined to comment.",
    "Email from the mayor's office, seen by the Gazette, shows the plan was changed twice.",
    "Today at 9:15 the council will meet again to vote on the second phase of the plan.",
])
def test_sentences_that_open_like_furniture_stay(line):
    a = parse(WALL.format(body=f"{line}\n\nThe end of the story."))
    assert [b.text for b in a.blocks][-2:] == [line.replace("**", ""), "The end of the story."]


def test_a_pipe_table_becomes_one_list_item_a_row_each_cell_named_by_its_column():
    a = parse(WALL.format(body="Costs so far:\n\n| Section | Length | Cost |\n|:--|--:|--:|\n"
                               "| East | 25 m | €1.2 million |\n| West | | €0.8 million \\| est. |\n\n"
                               "- a bullet list after it\n\nWork starts in April."))
    lists = [b for b in a.blocks if isinstance(b, ListBlock)]
    assert [[plain(i) for i in b.items] for b in lists] == [[
        "East — Length: 25 m; Cost: €1.2 million", "West — Cost: €0.8 million | est."],
        ["a bullet list after it"]]
    assert [b.text for b in a.blocks if isinstance(b, Paragraph)][-1] == "Work starts in April."


@pytest.mark.parametrize("byline", ["By Ana Ruiz | March 3, 2025", "By Ana Ruiz · 3 Mar 2025",
                                    "By Ana Ruiz, March 3, 2025", "By Ana Ruiz — Published March 3, 2025"])
def test_a_date_on_the_byline_line_is_the_date(byline):
    a = parse(f"# Harbor Wall to Grow\n\n{byline}\n\nThe council voted on Tuesday to extend the wall.\n")
    assert (a.authors, a.published) == (("Ana Ruiz",), dt.date(2025, 3, 3))
    assert [b.text for b in a.blocks] == ["The council voted on Tuesday to extend the wall."]


@pytest.mark.parametrize("title, url, expected, source", [
    ("Harbor Wall to Grow | The Quay Gazette", "https://www.quay-gazette.example/wall", "Harbor Wall to Grow",
     "The Quay Gazette"),
    ("Harbor Wall to Grow - Quay Gazette", "https://quaygazette.example/wall", "Harbor Wall to Grow", "Quay Gazette"),
    ("Harbor Wall to Grow - A Decade in the Making", "https://quaygazette.example/wall",
     "Harbor Wall to Grow - A Decade in the Making", "quaygazette.example"),
])
def test_the_site_name_after_a_clipped_page_title_goes_to_the_source(title, url, expected, source):
    a = parse(f"---\ntitle: \"{title}\"\nsource: {url}\n---\n\n# {title}\n\n"
              "The council voted on Tuesday to extend the wall.\n")
    assert (a.title, a.source) == (expected, source)


def test_a_credit_line_under_an_image_is_its_credit_and_alone_it_goes():
    a = parse(WALL.format(body="![Piles stacked on the quay](https://quay.example/piles.jpg)\n\n"
                               "Photo: Jo Penrose/PA\n\nWork starts in April.\n\nFoto: ANP\n\nThe end."))
    assert a.blocks[1:] == (Photo("Piles stacked on the quay", "Jo Penrose/PA"),
                            Paragraph((Text("Work starts in April."),)), Paragraph((Text("The end."),)))


def test_a_linked_image_and_its_caption_set_in_italics_make_one_photo():
    a = parse(WALL.format(body="[![](https://quay.example/piles.jpg)](https://quay.example/piles-large.jpg)\n\n"
                               "*Piles stacked on the quay before the work.*\n\n"
                               "![Divers](https://quay.example/divers.jpg)\n\n"
                               "Divers check the footing at dawn. *Ana Ruiz*\n\nWork starts in April."))
    assert a.blocks[1:] == (Photo("Piles stacked on the quay before the work."),
                            Photo("Divers check the footing at dawn.", "Ana Ruiz"),
                            Paragraph((Text("Work starts in April."),)))


def test_an_italic_sentence_that_is_no_caption_stays_a_paragraph():
    a = parse(WALL.format(body="![Divers](https://quay.example/divers.jpg)\n\n"
                               "The divers went down at dawn. *It was cold*, one said, *and dark.*"))
    assert isinstance(a.blocks[-1], Paragraph) and a.blocks[-1].text.startswith("The divers went down")


def test_a_subtitle_heading_above_the_byline_is_the_dek_and_a_lone_author_line_no_source():
    a = parse("---\nauthor: Ana Ruiz\nsource: https://anaruiz.blog.example/p/wall\n---\n\n# Harbor Wall to Grow\n\n"
              "### The council ends a decade of debate\n\n**Ana Ruiz**\n\nMar 3, 2025\n\n"
              "The council voted on Tuesday to extend the wall.\n\n## What comes next\n\nWork starts in April.\n")
    assert (a.dek, a.authors, a.source) == ("The council ends a decade of debate", ("Ana Ruiz",),
                                            "anaruiz.blog.example")
    assert [type(b).__name__ for b in a.blocks] == ["Paragraph", "Heading", "Paragraph"]


def test_obsidian_habits_heading_anchors_embeds_callouts_and_a_related_list():
    a = parse("---\ntitle: Harbor Wall to Grow\nsource: https://quay.example/wall\n---\n"
              "# Harbor Wall to Grow [#](#harbor-wall)\n\n![[piles.jpg|Piles stacked on the quay]]\n\n"
              "The council voted on Tuesday to extend the wall.\n\n"
              "> [!note] Correction\n> An earlier version gave the wrong length.\n\n"
              "## [¶](#next) What comes next\n\nWork starts in April.\n\nMore from Quay Gazette\n\n"
              "- [The old wall](https://quay.example/old)\n- [**Tides**](https://quay.example/tides)\n\n"
              "Topics\n\n- [Harbors](https://quay.example/t/harbors)\n")
    assert a.title == "Harbor Wall to Grow"
    assert a.blocks == (Photo("Piles stacked on the quay"),
                        Paragraph((Text("The council voted on Tuesday to extend the wall."),)),
                        Quote((Paragraph((Text("Correction: An earlier version gave the wrong length."),)),)),
                        Heading("What comes next"), Paragraph((Text("Work starts in April."),)))


def test_a_list_under_a_related_heading_stays_when_it_is_more_than_links():
    a = parse(WALL.format(body="More from the council:\n\n- [The plan](https://quay.example/plan), "
                               "approved on Tuesday\n- A vote on the budget in May"))
    assert isinstance(a.blocks[-1], ListBlock) and len(a.blocks[-1].items) == 2


def test_a_reference_style_image_with_bbc_source_and_caption_lines_is_one_photo():
    a = parse(WALL.format(body="![Piles on the quay][piles]\n\nImage source, Quay Wire\n\n"
                               "Image caption, The piles arrived by barge on Monday\n\nWork starts in April.\n\n"
                               "Image source, Getty Images\n\nThe end.\n\n[piles]: https://quay.example/piles.jpg"))
    assert a.blocks[1:] == (Photo("The piles arrived by barge on Monday", "Quay Wire"),
                            Paragraph((Text("Work starts in April."),)), Paragraph((Text("The end."),)))
