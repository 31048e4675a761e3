"""Each clean-up step on its own, on lines written for these tests."""

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from convert import clean


@pytest.mark.parametrize("text, expected", [
    ("The mayor cuts the ribbon. Credit...Ana Ruiz/The Daily Post", ("The mayor cuts the ribbon.", "Ana Ruiz/The Daily Post")),
    ("Boats at dawn. Credit…Kei Sato for The Ledger", ("Boats at dawn.", "Kei Sato for The Ledger")),
    ("Boats at dawn. Credit: Kei Sato", ("Boats at dawn.", "Kei Sato")),
    ("Crowds on the bridge (Credit: Ola Nord/Reuters)", ("Crowds on the bridge", "Ola Nord/Reuters")),
    ("Crowds on the bridge. Photograph: Ola Nord/AP", ("Crowds on the bridge.", "Ola Nord/AP")),
    ("A worker clears snow. (AP Photo/Ola Nord)", ("A worker clears snow.", "AP Photo/Ola Nord")),
    ("Smoke over the port. REUTERS/Kei van Sato", ("Smoke over the port.", "REUTERS/Kei van Sato")),
    ("Smoke over the port. AFP/Getty Images", ("Smoke over the port.", "AFP/Getty Images")),
    ("The talks went well. NATO/UN officials met again", None),
    ("The council gave the bank credit for the idea.", None),
    ("No caption here at all", None),
])
def test_split_credit(text, expected):
    assert clean.split_credit(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Photo: Fans wait outside the stadium.", "Fans wait outside the stadium."),
    ("Image: A map of the route", "A map of the route"),
    ("Image caption, The bridge carries 30,000 vehicles a day", "The bridge carries 30,000 vehicles a day"),
    ("Image, sound and text were all archived.", None),
    ("Photographers waited outside.", None),
])
def test_caption_label(text, expected):
    assert clean.caption_label(text) == expected


@pytest.mark.parametrize("text, seconds", [
    ("0:30", 30), ("4:05", 245), ("1:02:03", 3723), (" 12:00 ", 720),
    ("0:75", None), ("3:04 p.m.", None), ("2024", None), ("1:60:00", None),
])
def test_running_time(text, seconds):
    assert clean.running_time(text) == seconds


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.com/a/b.html?utm_source=x&utm_medium=y", "https://www.example.com/a/b.html"),
    ("https://Example.COM/story?te=1&nl=morning&emc=edit\\\\_mbe\\\\_2024", "https://example.com/story"),
    ("https://example.com/story?id=42&fbclid=abc#comments", "https://example.com/story?id=42"),
    ("<https://example.com/x?page=2&gclid=9>", "https://example.com/x?page=2"),
    ("javascript:alert(1)", ""),
    ("#", ""),
    # Trackers no fixed list here knew of: only parameters that choose content stay.
    ("https://quay.example/2024/wall.html?referringSource=articleShare&sgrp=c-cb&edit_mb=1&page=3",
     "https://quay.example/2024/wall.html?page=3"),
    # A script's path names no page: its query does, less the trackers.
    ("https://forum.quay.example/viewtopic.php?t=512&utm_campaign=x", "https://forum.quay.example/viewtopic.php?t=512"),
    ("http://[oops/story", ""), ("https://quay.example:99999/a", ""), ("https://quay.example/a|b", ""),
])
def test_canonical_url(url, expected):
    assert clean.canonical_url(url) == expected


@pytest.mark.parametrize("href, base, expected", [
    ("https://quay.example/a?utm_source=x&fbclid=y&q=wall", "", "https://quay.example/a?q=wall"),
    ("/plans?page=2&utm_medium=email#costs", "https://quay.example/2024/wall.html", "https://quay.example/plans?page=2#costs"),
    ("mailto:desk@quay.example", "", "mailto:desk@quay.example"),
    ("#top", "https://quay.example/", ""), ("", "", ""), ("javascript:void(0)", "", ""), ("ftp://quay.example/x", "", ""),
    ("https://quay.example/%zz", "", ""), ("https://quay.example/{x}", "", ""), ("https://quay.example/a\\b", "", ""),
    ("https://quay.example:70000/", "", ""), ("http://[oops/story", "", ""), ("https://-quay.example/", "", ""),
])
def test_link_url(href, base, expected):
    assert clean.link_url(href, base) == expected


@pytest.mark.parametrize("line, authors", [
    ("By Ana Ruiz", ("Ana Ruiz",)),
    ("By Ana Ruiz and Kei Sato", ("Ana Ruiz", "Kei Sato")),
    ("By Ana Ruiz, Kei Sato and Ola Nord", ("Ana Ruiz", "Kei Sato", "Ola Nord")),
    ("BY ANA RUIZ & KEI SATO", ("ANA RUIZ", "KEI SATO")),
    ("By ANA RUIZ and KEI SATO Associated Press", ("ANA RUIZ", "KEI SATO")),
    ("By J. R. NORD, Quay Wire", ("J. R. NORD", "Quay Wire")),
    ("By Ana Ruiz, Culture correspondent", ("Ana Ruiz",)),
    ("By Ana Ruiz and Kei Sato, Staff Writers", ("Ana Ruiz", "Kei Sato")),
    ("By Ana Ruiz | Reuters", ("Ana Ruiz",)),
    ("Written by Mary Ann de la Cruz", ("Mary Ann de la Cruz",)),
    ("By the time the ferry arrived, the crowd had gone home to wait for news of the vote.", None),
    ("Bystanders watched.", None),
])
def test_byline_authors(line, authors):
    assert clean.byline_authors(line) == authors


@pytest.mark.parametrize("line, names, date, leftovers", [
    ("By Ana Ruiz | March 3, 2025", ("Ana Ruiz",), dt.date(2025, 3, 3), ()),
    ("By Ana Ruiz, Updated 5:42 PM EST, March 2, 2026", ("Ana Ruiz",), dt.date(2026, 3, 2), ()),
    ("Ana Ruiz · 3 min read · Mar 3, 2025", ("Ana Ruiz",), dt.date(2025, 3, 3), ("3 min read",)),
    ("By Ana Ruiz | Reuters | March 3, 2025, 10:15 AM", ("Ana Ruiz",), dt.date(2025, 3, 3), ("Reuters",)),
    ("By Ana Ruiz, Culture correspondent — 3 Mar 2025", ("Ana Ruiz",), dt.date(2025, 3, 3),
     ("Culture correspondent",)),
    ("By Ana Ruiz, on assignment", ("Ana Ruiz",), None, ("on assignment",)),
    ("By Ana Ruiz - Quay Wire", ("Ana Ruiz",), None, ("Quay Wire",)),
    ("Par Ana Ruiz · 3 mars 2025", ("Ana Ruiz",), dt.date(2025, 3, 3), ()),
    ("By Ana Ruiz, On Kim and Kei Sato", ("Ana Ruiz", "On Kim", "Kei Sato"), None, ()),
    ("By Ana Ruiz, on Tuesday, March 3, 2025", ("Ana Ruiz",), dt.date(2025, 3, 3), ()),
])
def test_split_byline(line, names, date, leftovers):
    assert clean.split_byline(line) == (names, date, leftovers)


@pytest.mark.parametrize("line", [
    "Ana Ruiz · Reuters",              # no "By" and no date: nothing says these are names
    "World News · March 3, 2025",      # a section's label
    "Last Updated: January 7, 2025",   # a dateline
    "The vote · March 3, 2025",
    "Harbor Festival March 3, 2025",   # no "By", and the date not set apart: a title
    "Di notte, Marco dorme",           # "Di" opens a sentence: a name in lower case follows it
    "By the time the ferry arrived, the crowd had gone home to wait for news of the vote.",
])
def test_split_byline_needs_a_byline(line):
    assert clean.split_byline(line) is None


@pytest.mark.parametrize("text, names", [
    ("Jo Penrose/PA", True), ("Marta de Vries", True), ("dpa/Jan Weber, Quay Wire", True), ("共同通信", True),
    ("the crowd at dawn", False), ("Jo Penrose at dawn", False), ("Ana Bo Cy Di Ed Fa Gu", False),
])
def test_names_only(text, names):
    assert clean.names_only(text) is names


@pytest.mark.parametrize("line, date", [
    ("Jan. 5, 2024", dt.date(2024, 1, 5)),
    ("January 5, 2024", dt.date(2024, 1, 5)),
    ("Sept. 12, 2023", dt.date(2023, 9, 12)),
    ("5 Jan 2024", dt.date(2024, 1, 5)),
    ("2024-01-05", dt.date(2024, 1, 5)),
    ("Published March 3, 2025", dt.date(2025, 3, 3)),
    ("Updated Jan. 5, 2024, 3:04 p.m. ET", dt.date(2024, 1, 5)),
    ("Friday, 14 June 2024", dt.date(2024, 6, 14)),
    ("Thu 4 Jan 2024 12.00 GMT", dt.date(2024, 1, 4)),
    ("Wed, Sept. 18, 2024 at 7:30 a.m.", dt.date(2024, 9, 18)),
    ("Updated 5:42 PM EST, March 2, 2026", dt.date(2026, 3, 2)),
    ("10:04 a.m. on Sept. 18, 2024", dt.date(2024, 9, 18)),
    ("May", None),
    ("NY Times", None),
    ("The vote is set for Jan. 5, 2024, the council said.", None),
])
def test_parse_date(line, date):
    assert clean.parse_date(line) == date


@pytest.mark.parametrize("first, second, torn", [
    ("The award went to a team led by Maj. Gen.", "Ana Ruiz, who accepted it.", True),
    ("The talk was given by Dr.", "Kei Sato of the university.", True),
    ("The bridge reopened on Monday after a long repair and a", "Delay caused by the storm.", True),
    ("The bridge reopened on Monday after a long repair and", "the city celebrated.", True),
    ("The bridge reopened on Monday.", "The city celebrated.", False),
    ("The bridge reopened in the U.S.", "The city celebrated.", False),
    ("What Comes Next", "The council will vote in May.", False),
    ("“We are glad,” she said.", "The council will vote in May.", False),
    ("Le maire l'a dit : « Le pont rouvrira en mai. »", "Le conseil votera demain.", False),
    ("« Le pont rouvrira bientôt ! »", "Le conseil votera demain.", False),
    ("Le maire a dit que le pont rouvrira bientôt et que le", "Conseil votera demain.", True),
])
def test_is_torn(first, second, torn):
    assert clean.is_torn(first, second) is torn


def test_normalize_text_removes_invisible_and_odd_spaces():
    raw = "Caf\u0065\u0301\u200b here\r\n \u00a0 \r\nnext\u202e line\t\tend"
    assert clean.normalize_text(raw) == "Café here\n\nnext line end"


@pytest.mark.parametrize("raw,normal", [
    ("Cafe\u200b\u0301 open", "Café open"),              # an accent a zero-width space kept apart
    ("n\u00ad\u0303o \u2001\t x", "ño x"),               # a soft hyphen; an em quad and a tab
    ("\u1100\u200d\u1161 \ufeff\r\nx", "\uac00\nx"),    # Hangul jamo that compose once joined
])
def test_normalize_text_composes_across_removed_invisibles_and_is_then_stable(raw, normal):
    assert clean.normalize_text(raw) == normal
    assert clean.normalize_text(normal) == normal


def test_unescape_markdown():
    assert clean.unescape_markdown(r"edit\\_ufn\_2024 \*star\* end\\") == "edit_ufn_2024 *star* end"


@pytest.mark.parametrize("title, expected", [
    ("The Old Library's Reading Room", "the-old-librarys-reading-room"),
    ("Café Owners Say “No”", "cafe-owners-say-no"),
    ("../../etc/passwd", "etc-passwd"),
    (".hidden", "hidden"),
    ("x" * 200, "x" * 60),
    ("港口防波堤将延长四十米", "港口防波堤将延长四十米"),
    ("桜の季節、公園がにぎわう", "桜の季節-公園がにぎわう"),
    ("Ｔｏｋｙｏ　マラソン 2024", "tokyo-マラソン-2024"),
    ("Новый мост через реку", "новый-мост-через-реку"),
])
def test_slug(title, expected):
    assert clean.slug(title) == expected


# --- addresses normalized without loading courlan -------------------------------

_HOSTS = st.sampled_from(["example.com", "WWW.Example.COM", "news.example.org.", "127.0.0.1",
                          "[2001:db8::1]", "a-b.example.net"])
_PORTS = st.sampled_from(["", ":80", ":443", ":8080", ":8443"])
_PATH = st.text(alphabet="/.%aZ9-_~:=,!é +@;()", max_size=30)
_NAMES = st.sampled_from(["id", "ID", "page", "p", "lang", "utm_source", "te", "nl", "emc",
                          "fbclid", "q", "article_id", "ref", "s"])
_QUERY = st.lists(st.tuples(_NAMES, st.text(alphabet="abc19 %+&=é", max_size=6)), max_size=5)


def _courlan_result(parts, strict, fragment):
    from urllib.parse import urlsplit, urlunsplit

    from courlan import normalize_url
    scheme, netloc, path, query, frag = urlsplit(normalize_url(parts, strict=strict))
    return urlunsplit((scheme, netloc, path or "/", query, frag if fragment else ""))


@settings(max_examples=400, deadline=None)
@given(scheme=st.sampled_from(["http", "https", "HTTPS"]), host=_HOSTS, port=_PORTS, path=_PATH,
       query=_QUERY, frag=st.sampled_from(["", "top", "a=1&utm_source=x"]),
       strict=st.booleans(), fragment=st.booleans())
def test_addresses_normalized_here_match_courlan(scheme, host, port, path, query, frag, strict,
                                                 fragment):
    from urllib.parse import quote, urlsplit

    raw = quote("/" + path.lstrip("/"), safe="/%:=,!@;()+~")
    if query:
        raw += "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query)
    if frag:
        raw += "#" + frag
    parts = urlsplit(f"{scheme}://{host}{port}{raw}")
    ours = clean._without_courlan(parts, strict, fragment)
    assume(ours is not None)   # the others courlan decides
    from urllib.parse import urlunsplit
    s, n, p, q, f = urlsplit(ours)
    assert urlunsplit((s, n, p or "/", q, "")) == _courlan_result(parts, strict, fragment)


def test_a_tracked_article_address_is_cleaned_without_courlan():
    url = ("https://www.Example.com:443/2024/01/04/world/harbor.html"
           "?te=1&nl=from-the-times&emc=edit_ufn_20240104&page=2")
    parts = __import__("urllib.parse").parse.urlsplit(url)
    assert clean._without_courlan(parts, True, False) == "https://www.example.com/2024/01/04/world/harbor.html?page=2"
    assert clean.canonical_url(url) == _courlan_result(parts, True, False)


_MONTHS = ["Jan", "Jan.", "January", "Feb.", "February", "Mar", "March", "Apr.", "April", "May",
           "June", "Jun.", "July", "Aug.", "August", "Sept.", "Sep", "September", "Oct.",
           "October", "Nov.", "November", "Dec", "December", "Foo", "Mayo"]


@settings(max_examples=300, deadline=None)
@given(month=st.sampled_from(_MONTHS), day=st.integers(0, 32), year=st.integers(1900, 2100),
       form=st.sampled_from(["{m} {d}, {y}", "{m} {d} {y}", "{d} {m} {y}", "{d} {m}, {y}",
                             "{y}-{n:02d}-{d:02d}", "{d} of {m} {y}"]),
       number=st.integers(0, 13))
def test_common_dates_read_here_match_dateutil(month, day, year, form, number):
    from dateutil import parser
    value = form.format(m=month, d=day, y=year, n=number)
    ours = clean._common_date(value.replace(" of ", " "))
    assume(ours is not None)   # the others dateutil reads, or nothing does
    assert ours == parser.parse(value.replace(" of ", " "), default=dt.datetime(2000, 1, 1)).date()


def test_a_common_dateline_is_read_without_dateutil():
    assert clean._common_date("Jan. 5, 2024") == dt.date(2024, 1, 5)
    assert clean._common_date("5 September 2024") == dt.date(2024, 9, 5)
    assert clean._common_date("Friday, Jan. 5, 2024") is None        # dateutil's
    assert clean.parse_date("Friday, Jan. 5, 2024") == dt.date(2024, 1, 5)


def test_slug_is_bounded_in_bytes_and_never_cuts_a_character():
    name = clean.slug("防波堤" * 40)
    assert len(name.encode()) <= clean.SLUG_LIMIT and name == "防波堤" * 6 + "防波"


@pytest.mark.parametrize("line", ["Sep 30, 2024 • 4 min read", "30 September 2024 · 12 minutes", "Sep 30, 2024 - 4 min. read"])
def test_a_dateline_with_a_reading_time_is_a_dateline(line):
    assert clean.parse_date(line) == dt.date(2024, 9, 30)


def test_a_reading_time_alone_is_no_dateline():
    assert clean.parse_date("4 min read") is None
