"""What a page or a clipper's header says about the article: one set of fields for every parser.

The Markdown front matter and the saved page's metadata both fill a
``Facts``; the facts found win over what a parser guessed from the text
(``apply``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from .. import clean
from ..model import Article


@dataclasses.dataclass
class Facts:
    """The article's own facts; the first value offered for each one wins."""

    title: str = ""
    dek: str = ""
    authors: tuple[str, ...] = ()
    published: _dt.date | None = None
    url: str = ""
    source: str = ""
    language: str = ""

    def offer(self, name: str, value) -> None:
        if value and not getattr(self, name):
            setattr(self, name, value)


def apply(article: Article, facts: Facts) -> Article:
    """*article* with every fact given put in place of the guessed one."""
    changes = {name: value for name, value in dataclasses.asdict(facts).items() if value}
    if "url" in changes and "source" not in changes and article.source == clean.site_name(article.url):
        changes["source"] = clean.site_name(changes["url"])
    return dataclasses.replace(article, **changes)
