"""Main-content extraction: our HTML parser against trafilatura and readability-lxml.

Runs each extractor, one after another on each page, on every saved page in ``../shared/extraction-pages/``
(or the folder given) and scores its body text against the page's
``expected.html`` with a bag-of-words precision, recall and F1: lower-case
words, punctuation dropped, counts kept; each Chinese or Japanese character
counts as a word.  Words of the article's own furniture (title, byline, date,
address, photo captions and credits, and the labels "photo", "credit",
"video") are expected in a text edition: surplus words that are furniture
are not held against precision.

A title is "found" when at least half of its words are in the expected
title and it holds at least half of that title's words (sites add their name to
``<title>``; a reader needs the headline).

    python bench/extraction.py [PAGES_DIR] [--pages NAME,...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bs4 import BeautifulSoup  # noqa: E402

from convert.errors import ConvertError  # noqa: E402
from convert.pipeline import load  # noqa: E402
from convert.write.text import render_block  # noqa: E402
from convert.locale import byline, long_date  # noqa: E402
from convert.model import Photo, Video  # noqa: E402

PAGES = HERE.parent.parent / "shared" / "extraction-pages"
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+")
LABELS = "photo credit video"


def words(text: str) -> Counter:
    return Counter(TOKEN.findall(text.lower()))


def html_text(html: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return BeautifulSoup(html, "lxml").get_text(" ")


def score(got: str, expected: Counter, furniture: str) -> tuple[float, float, float]:
    found = words(got)
    spare = words(furniture)
    overlap = sum((found & expected).values())
    surplus = found - expected
    excused = sum((surplus & spare).values())
    counted = sum(found.values()) - excused
    precision = overlap / counted if counted else 0.0
    recall = overlap / sum(expected.values()) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def title_found(got: str, want: str) -> bool:
    got_words, want_words = words(got), words(want)
    if not got_words or not want_words:
        return False
    common = sum((got_words & want_words).values())
    return common >= 0.5 * sum(got_words.values()) and common >= 0.5 * sum(want_words.values())


# --- the extractors: each gives (body text, title, furniture text) ----------------


def ours(path: Path, html: str) -> tuple[str, str, str]:
    article = load(path)
    body = "\n\n".join(render_block(block) for block in article.blocks)
    furniture = [article.title, article.dek, byline(article.authors), long_date(article.published),
                 article.source, article.url]
    for block in article.blocks:
        if isinstance(block, (Photo, Video)):
            furniture += [LABELS, block.caption, block.credit]
    return body, article.title, " ".join(furniture)


def trafilatura_(path: Path, html: str) -> tuple[str, str, str]:
    import trafilatura
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta else ""
    furniture = " ".join(filter(None, [title, meta.author, meta.date, meta.sitename])) if meta else ""
    if not text.strip():
        raise ValueError("no text extracted")
    return text, title, furniture


def readability_(path: Path, html: str) -> tuple[str, str, str]:
    from readability import Document
    document = Document(html)
    text = html_text(document.summary(html_partial=True))
    title = document.short_title() or ""
    if not text.strip():
        raise ValueError("no text extracted")
    return text, title, title


EXTRACTORS = {"article-convert": ours, "trafilatura": trafilatura_, "readability-lxml": readability_}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", type=Path, default=PAGES)
    parser.add_argument("--pages", dest="only", default="", help="comma-separated page names")
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"no saved pages at {args.pages}: nothing to compare", file=sys.stderr)
        return 0 if args.pages == PAGES else 1
    folders = sorted(p for p in args.pages.iterdir() if (p / "source.html").is_file())
    if args.only:
        folders = [f for f in folders if f.name in args.only.split(",")]
    if not folders:
        print(f"no pages in {args.pages}", file=sys.stderr)
        return 1
    logging_quiet()
    print("| page | " + " | ".join(f"{name} F1 (P/R)" for name in EXTRACTORS) + " |")
    print("| --- |" + " --- |" * len(EXTRACTORS))
    results: dict[str, list[tuple]] = {name: [] for name in EXTRACTORS}
    for folder in folders:
        html = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = words(html_text((folder / "expected.html").read_text(encoding="utf-8")))
        want_title = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8")).get("title") or ""
        row = []
        for name, extract in EXTRACTORS.items():
            start = time.perf_counter()
            try:
                text, title, furniture = extract(folder / "source.html", html)
                failed = ""
            except (ConvertError, ValueError) as error:
                text, title, furniture, failed = "", "", "", str(error)
            seconds = time.perf_counter() - start
            p, r, f = score(text, expected, furniture) if not failed else (0.0, 0.0, 0.0)
            results[name].append((p, r, f, bool(failed), title_found(title, want_title), seconds))
            row.append("fails" if failed else f"{f:.3f} ({p:.2f}/{r:.2f})"
                       + ("" if title_found(title, want_title) else " †"))
        print(f"| {folder.name} | " + " | ".join(row) + " |", flush=True)
    print(f"\n† title not found.  Overall, {len(folders)} pages:\n")
    print("| extractor | F1 | precision | recall | pages that fail | titles found | median time per page "
          "| time vs trafilatura |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    peer = statistics.median(r[5] for r in results["trafilatura"])
    for name, rows in results.items():
        mean = [statistics.fmean(r[i] for r in rows) for i in range(3)]
        fails = sum(r[3] for r in rows)
        titles = sum(r[4] for r in rows)
        median = statistics.median(r[5] for r in rows)
        print(f"| {name} | {mean[2]:.3f} | {mean[0]:.3f} | {mean[1]:.3f} | {fails} | {titles}/{len(rows)} "
              f"| {median * 1000:.0f} ms | {median / peer:.2f}x |")
    return 0


def logging_quiet() -> None:
    import logging
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("readability").setLevel(logging.CRITICAL)


if __name__ == "__main__":
    sys.exit(main())
