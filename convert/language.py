"""The article's language: what the page declares, checked against what its text is.

A parser records only the language the source declares (``<html lang>``,
``og:locale``, JSON-LD ``inLanguage``, front matter), or nothing.  This
step runs once after parsing: a language detector reads the body, and the
detected language wins when nothing is declared or when the declaration
plainly contradicts the text (a Spanish page whose template says ``en``).
``--lang`` overrides both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .errors import UsageError
from .model import (Article, Block, Emphasis, EndNote, Foreign, Heading, Inline, Link, ListBlock,
                    Paragraph, Quote, Strong, Text, plain, with_inlines)

# What is used when there is no text to judge and nothing declared.
FALLBACK = "en"
# How much of the body the detector reads: enough to be sure, little enough to be quick.
SAMPLE_CHARS = 6000
# Below this much text a detector guesses; a declaration is then trusted as it is,
# and an undeclared article still takes the guess, as better than nothing.
MIN_LETTERS = 120
# A declaration is overruled only when the detector calls its answer reliable,
# finds it in at least this share of the text, and finds the declared language
# in no more than CONTRADICTED of it.
CERTAIN = 0.80
CONTRADICTED = 0.10
# Languages so close that a detector cannot tell them apart: a page that
# declares one of them and reads as another keeps its declaration.
CLOSE = (frozenset({"da", "no", "nb", "nn"}), frozenset({"hr", "sr", "bs", "sh", "cnr"}),
         frozenset({"ms", "id"}))

# A BCP 47 tag as pages write it: "de", "pt-BR", "zh-Hant-TW", "en_US".
TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
# Retired codes an article may still be labelled with: CLD2 says "iw" for Hebrew.
CURRENT = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
# Tags that name the same language under another code.
SAME = {**CURRENT, "tl": "fil"}


@dataclass(frozen=True)
class Verdict:
    """The language settled for an article, and why its declaration was set aside."""

    language: str
    note: str = ""     # why the declaration was not used, for -v


def normalize_tag(tag: str) -> str:
    """``en_US`` -> ``en-US``, ``DE`` -> ``de``; empty for anything that is no language tag."""
    tag = tag.strip().replace("_", "-")
    if not TAG.match(tag) or tag.lower() in ("und", "mul", "zxx", "x-default"):
        return ""
    primary, *rest = tag.split("-")
    rest = [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower()
            for part in rest]
    return "-".join([CURRENT.get(primary.lower(), primary.lower()), *rest])


def primary_subtag(tag: str) -> str:
    """The tag's language subtag as written, lower-cased: ``pt_BR`` -> ``pt``, ``tl`` -> ``tl``.

    The key for anything looked up by language code (speech rules, pysbd,
    num2words, liblouis, voices): each of those names a language by its own
    code, so no code is exchanged for another here.  Empty for an empty tag.
    """
    return tag.strip().replace("_", "-").split("-")[0].lower()


def canonical_language(tag: str) -> str:
    """The one code for the tag's language, whichever of its codes the tag uses: ``iw-IL`` -> ``he``.

    For asking whether two tags name the same language (``tl`` and ``fil``
    do), not for looking a code up in a table: see ``primary_subtag``.
    """
    code = primary_subtag(tag)
    return SAME.get(code, code)


def same_language(one: str, other: str) -> bool:
    """Whether two tags name one language, whatever their regions, scripts or retired codes."""
    return canonical_language(one) == canonical_language(other)


def body_text(article: Article) -> str:
    """The article's own words, title first, as the detector reads them."""
    parts = [article.title, article.dek]
    for block in article.blocks:
        match block:
            case Paragraph() | EndNote():
                parts.append(block.text)
            case Heading(text):
                parts.append(text)
            case Quote(paragraphs):
                parts += [p.text for p in paragraphs]
            case ListBlock(items):
                parts += [plain(item) for item in items]
        if sum(map(len, parts)) > SAMPLE_CHARS:
            break
    return "\n".join(p for p in parts if p)[:SAMPLE_CHARS]


@dataclass(frozen=True)
class Detected:
    """What the language detector read in a text."""

    languages: tuple[tuple[str, float], ...]   # (tag, share of the text), largest first
    reliable: bool

    @property
    def top(self) -> tuple[str, float]:
        return self.languages[0] if self.languages else ("", 0.0)


ADDRESS_OR_NOT_LETTERS = re.compile(r"\S*(?:https?://|www\.)\S*|[\d\W_]+")
NOT_LETTERS = re.compile(r"[\d\W_]+")


def detect(text: str) -> Detected:
    """The languages of *text*, by CLD2: the detector built for web pages, its tables compiled in."""
    import pycld2
    # Addresses and numbers say nothing about the language and skew short texts;
    # control characters are not valid input to CLD2.
    # (Without an address in the text the plain pattern does the same, several times faster.)
    has_address = "http://" in text or "https://" in text or "www." in text
    text = (ADDRESS_OR_NOT_LETTERS if has_address else NOT_LETTERS).sub(" ", text)
    try:
        reliable, _, found = pycld2.detect(text)
    except pycld2.error:
        return Detected((), False)
    languages = tuple((normalize_tag(code), percent / 100) for _, code, percent, _ in found
                      if code != "un" and normalize_tag(code))
    return Detected(languages, bool(reliable))


def close(one: str, other: str) -> bool:
    """The same language, or two a detector cannot tell apart."""
    one, other = canonical_language(one), canonical_language(other)
    return one == other or any(one in group and other in group for group in CLOSE)


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def settle(declared: str, text: str) -> Verdict:
    """The language of an article that declares *declared* (maybe empty) and reads *text*."""
    declared = normalize_tag(declared)
    if letters(text) == 0:
        return Verdict(declared or FALLBACK)
    detected = detect(text)
    found, share = detected.top
    if not declared:
        if not found:
            return Verdict(FALLBACK, f"no language declared and none detected; using {FALLBACK}")
        return Verdict(found, f"no language declared; detected {found} "
                              f"in {share:.0%} of the text")
    if not found or close(found, declared) or letters(text) < MIN_LETTERS:
        return Verdict(declared)
    declared_share = sum(s for code, s in detected.languages if close(code, declared))
    if detected.reliable and share >= CERTAIN and declared_share <= CONTRADICTED:
        return Verdict(found, f"declared {declared} but the text is {found} "
                              f"({share:.0%} of it); using {found}")
    return Verdict(declared)


def override_tag(override: str) -> str:
    """The normalized tag a user gave with --lang; UsageError when it is no language tag."""
    tag = normalize_tag(override)
    if not tag:
        raise UsageError(f"--lang must be a language tag such as de or pt-BR, not {override!r}")
    return tag


def settle_language(article: Article, override: str | None = None) -> tuple[Article, str]:
    """The article with its language settled, and a note saying how, when it was not declared."""
    if override:
        return replace(article, language=override_tag(override)), ""
    verdict = settle(article.language, body_text(article))
    return same_language_unmarked(replace(article, language=verdict.language)), verdict.note


# --- passages in another language -------------------------------------------------

def in_language(block: Block, language: str) -> Block:
    """*block* with its words marked as in *language* (a parser's ``<p lang="fr">``)."""
    def mark(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return (Foreign(tuple(inlines), language),) if inlines else ()

    return with_inlines(block, mark)     # headings, photos and videos carry plain strings


def same_language_unmarked(article: Article) -> Article:
    """The article without marks that only repeat its own language."""
    own = article.language

    def unmark(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in inlines:
            match node:
                case Foreign(children, language) if same_language(language, own):
                    out += unmark(children)
                case Foreign(children, language):
                    out.append(Foreign(unmark(children), language))
                case Emphasis(children):
                    out.append(Emphasis(unmark(children)))
                case Strong(children):
                    out.append(Strong(unmark(children)))
                case Link(children, url):
                    out.append(Link(unmark(children), url))
                case Text():
                    out.append(node)
                case _:
                    raise TypeError(f"unknown inline {node!r}")
        return tuple(out)

    return replace(article, blocks=tuple(with_inlines(b, unmark) for b in article.blocks))


# Scripts written right to left.
RTL_LANGUAGES = frozenset("ar arc ckb dv fa he ks ps sd syr ug ur yi".split())


def direction(tag: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    parts = normalize_tag(tag).split("-")
    if len(parts) > 1 and parts[1] in ("Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"):
        return "rtl"
    if len(parts) > 1 and len(parts[1]) == 4:
        return "ltr"   # an explicit left-to-right script, e.g. az-Latn
    return "rtl" if canonical_language(tag) in RTL_LANGUAGES else "ltr"
