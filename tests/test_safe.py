"""xml_safe: every string of an article, however deep, made fit for XML; bad links unlinked."""

from __future__ import annotations

from convert.model import Article, Emphasis, Link, ListBlock, Paragraph, Quote, Strong, Text
from convert.safe import xml_safe, xml_text


def test_a_forbidden_character_deep_in_a_quote_goes():
    deep = Quote((Paragraph((Strong((Link((Emphasis((Text("the\x0bgauge\x01"),)),), "https://example.org/g"),)),)),))
    article = xml_safe(Article(title="Tides", blocks=(Paragraph((Text("First."),)), deep)))
    assert article.blocks[1] == Quote((Paragraph((Strong((Link((Emphasis((Text("the gauge"),)),),
                                                              "https://example.org/g"),)),)),))
    assert article.blocks[0] == Paragraph((Text("First."),))


def test_a_link_with_a_bad_address_keeps_its_words_in_a_list():
    items = ((Text("See "), Strong((Link((Text("the chart"),), "https://exa mple.org/\x7f"),))),)
    article = xml_safe(Article(title="Tides", blocks=(ListBlock(items),)))
    assert article.blocks == (ListBlock(((Text("See "), Strong((Text("the chart"),))),)),)


def test_an_article_with_nothing_to_mend_comes_back_equal():
    article = Article(title="Tides", dek="High water", authors=("Ana Ruiz",), url="https://example.org/t",
                      blocks=(Paragraph((Text("At "), Link((Text("the pier"),), "https://example.org/p"))),))
    assert xml_safe(article) == article


def test_xml_text_keeps_a_space_between_words_and_drops_a_stray_mark():
    assert xml_text("tide\x0cgauge") == "tide gauge"
    assert xml_text("tide \x01 gauge") == "tide gauge"
    assert xml_text("tide\x01gauge") == "tidegauge"
    assert xml_text("tide gauge") == "tide gauge"
