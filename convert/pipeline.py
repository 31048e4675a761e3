"""Read, parse and write: the one path every conversion takes."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterator

from .clean import slug
from .errors import ConvertError, UsageError
from .model import Article
from .options import Options
from .read import DEFAULT_MAX_BYTES, read_source
from .write import WRITERS

# Each parser module is imported only when an input of its kind turns up:
# a text-only run need not pay for BeautifulSoup's start-up.
PARSERS = {"markdown": "convert.parse.markdown", "html": "convert.parse.html"}


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article in *path*, parsed by the parser its kind needs."""
    source = read_source(path, max_bytes)
    try:
        parser = import_module(PARSERS[source.kind]).parse
    except KeyError:
        raise UsageError(f"{source.kind} input is not supported yet", path) from None
    return parser(source.text, path)


def check_formats(formats: list[str]) -> list[str]:
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)!s} (choose from {', '.join(WRITERS)})")
    return list(dict.fromkeys(formats))


def output_stem(article: Article, source: Path, taken: set[str]) -> str:
    """A file-name stem from the title (else the input's name), unique within a run."""
    stem = slug(article.title) or slug(source.stem) or "article"
    unique, n = stem, 2
    while unique in taken:
        unique, n = f"{stem}-{n}", n + 1
    taken.add(unique)
    return unique


def write_editions(article: Article, source: Path, stem: str, formats: list[str],
                   out_dir: Path, options: Options) -> list[Path]:
    written: list[Path] = []
    for name in formats:
        edition = WRITERS[name]
        target = out_dir / f"{stem}{edition.suffix}"
        if target.resolve() == source.resolve():   # never overwrite the article itself
            target = out_dir / f"{stem}.edition{edition.suffix}"
        written += edition.write(article, target, options)
    return written


@dataclass(frozen=True)
class Outcome:
    source: Path
    written: list[Path]
    error: ConvertError | None = None


def convert_all(sources: list[Path], formats: list[str], out_dir: Path, options: Options = Options(),
                max_bytes: int = DEFAULT_MAX_BYTES,
                on_start: Callable[[Path], None] | None = None) -> Iterator[Outcome]:
    """Convert each article into each format; one failing article does not stop the rest."""
    formats = check_formats(formats)
    taken: set[str] = set()
    for source in sources:
        if on_start is not None:
            on_start(source)
        try:
            article = load(source, max_bytes)
            stem = output_stem(article, source, taken)
            yield Outcome(source, write_editions(article, source, stem, formats, out_dir, options))
        except ConvertError as error:
            if error.path is None:
                error.path = source
            yield Outcome(source, [], error)
