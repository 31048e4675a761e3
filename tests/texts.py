"""Every piece of text a parsed article holds, for tests that scan them all."""

from __future__ import annotations

from convert.model import Article, EndNote, Heading, ListBlock, Paragraph, Photo, Quote, Video, plain


def texts(article: Article) -> list[str]:
    out = [article.title, article.dek, article.source, article.url, *article.authors]
    for block in article.blocks:
        match block:
            case Paragraph() | EndNote():
                out.append(block.text)
            case Heading(text):
                out.append(text)
            case Photo(caption, credit):
                out += [caption, credit]
            case Video(title, _, caption, credit):
                out += [title, caption, credit]
            case Quote(paragraphs):
                out += [p.text for p in paragraphs]
            case ListBlock(items):
                out += [plain(i) for i in items]
            case _:
                raise TypeError(f"unknown block {block!r}")
    return out
