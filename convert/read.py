"""Read an input file into text, refusing what is not an article."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Extensions taken from a folder; a file named on the command line is tried whatever its name.
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# File signatures of things people drop on the tool by mistake.
NOT_ARTICLES = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WAV or WebP) file"),
    (b"PK\x03\x04", "a ZIP archive (an EPUB or office document?)"),
    (b"ID3", "an MP3 file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    kind: str  # "html" or "markdown"


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """The decoded text of *path* and the parser it needs."""
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        raise InputError("is a folder, not an article", path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                             "(raise it with --max-size)", path)
        data = path.read_bytes()
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path) from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror})", path) from None
    text = decode(data, path)
    if not text.strip():
        raise InputError("is empty", path)
    return Source(path, text, sniff_kind(path, text))


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: BOMs honoured, UTF-8 preferred, other encodings detected."""
    for signature, what in NOT_ARTICLES:
        if data.startswith(signature):
            raise InputError(f"is {what}, not an article", path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32")):
        if data.startswith(bom):
            return _strict(data, encoding, path)
    if b"\x00" in data:
        raise InputError("is binary data, not text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.percent_chaos > 20:
        raise InputError("is not text in any encoding that could be recognised", path)
    return str(best)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"cannot be decoded as {encoding} ({err.reason})", path) from None


def sniff_kind(path: Path, text: str) -> str:
    if path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    head = text.lstrip()[:512].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "markdown"


def article_files(folder: Path) -> list[Path]:
    """The articles in a folder, in name order; hidden files skipped."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES)
