"""Read an input file into text, refusing what is not an article."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .clean import normalize_text
from .errors import InputError

MB = 1024 * 1024   # --max-size counts in these, as the command line does
DEFAULT_MAX_BYTES = 20 * MB

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
    """An input file read as text, and which parser it goes to."""

    path: Path
    text: str   # through clean.normalize_text
    kind: str  # "html" or "markdown"


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """The decoded text of *path* and the parser it needs."""
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        # Folders are opened to their articles before this; one reaching here holds none.
        raise InputError(f"no articles to convert in this folder (looked for {' '.join(ARTICLE_SUFFIXES)})", path)
    if not path.is_file():
        raise InputError("is not a regular file (a device or pipe?)", path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"is {size / MB:.1f} MB, over the {round(max_bytes / MB, 3):g} MB limit "
                             "(raise it with --max-size)", path)
        data = path.read_bytes()
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path) from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror})", path) from None
    raw = decode(data, path)
    text = normalize_text(CONTROLS.sub("", repair_mojibake(raw)))
    if not text.strip():
        raise InputError("holds only white space" if raw else "is empty", path)
    return Source(path, text, sniff_kind(path, text))


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: BOMs honoured, UTF-8 preferred, other encodings detected."""
    for signature, what in NOT_ARTICLES:
        if data.startswith(signature):
            raise InputError(f"is {what}, not an article", path)
    # UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(_strict(data, encoding, path), path)
    if b"\x00" in data:
        encoding = utf16_without_bom(data)
        if encoding is not None:
            return _checked(_strict(data, encoding, path), path)
    try:
        # Valid UTF-8 is text even with a NUL or a few stray controls in it:
        # they are removed, and only a page made mostly of them is refused.
        return _checked(data.decode("utf-8"), path, share=20, floor=16)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:   # zero bytes in what is neither UTF-8 nor UTF-16
        raise InputError("is binary data, not text", path)
    text = mixed_utf8(data)
    if text is None:
        text = guess_legacy(data)
    if text is None or looks_binary(text):
        raise InputError("is not text in any encoding that could be recognised", path)
    return _checked(text, path)


def mixed_utf8(data: bytes) -> str | None:
    """UTF-8 text with some lines in a legacy code page (a paragraph pasted from an old page).

    Each line is read as UTF-8 when it is valid UTF-8, and the others in
    the one legacy code page that reads them best together.  None unless at
    least one line holds UTF-8 beyond ASCII: without that there is no sign
    of UTF-8 at all, and the whole file is legacy.
    """
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = []
    utf8_lines = 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(None)
    if not utf8_lines:
        return None
    legacy = [line for line, text in zip(lines, decoded) if text is None]
    # Joined by line feeds, which every code page keeps, so each line comes back apart.
    joined = guess_legacy(b"\n".join(line.rstrip(b"\r\n") for line in legacy)) or ""
    parts = joined.split("\n")
    if len(parts) != len(legacy):
        parts = [line.rstrip(b"\r\n").decode(WESTERN, "replace") for line in legacy]
    it = iter(parts)
    out = []
    for line, text in zip(lines, decoded):
        if text is None:
            ending = line[len(line.rstrip(b"\r\n")):].decode("ascii")
            text = next(it) + ending
        out.append(text)
    return "".join(out)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes fall where ASCII text in UTF-16 puts them."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return encoding
    return None


# The legacy encoding nearly every Western page without a declared charset
# uses; Latin-1 is its subset for every printable character.
WESTERN = "cp1252"
# A word of accented Latin letters with hardly a plain one ("Ïðèâåò") is
# Cyrillic or Greek read in the wrong code page, not a word of any language.
WORD = re.compile(r"[^\W\d_]{4,}")
MISREAD_SHARE = 0.8


def misread_words(text: str) -> int:
    return sum(1 for word in WORD.findall(text)
               if sum("\u00c0" <= ch <= "\u024f" for ch in word) >= MISREAD_SHARE * len(word))
ODD_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s'’.,;:!?\-–—\"”“()/&]+(?=[^\W\d_])")


def guess_legacy(data: bytes) -> str | None:
    """Text from bytes that are not UTF-8: Windows-1252 unless another code page reads better.

    charset-normalizer alone often names a Baltic or Central European code
    page for short Western text (all of them decode plain ASCII alike), so
    its candidates are ranked by how plausible their text looks, with
    Windows-1252 first among equals.
    """
    texts: list[str] = []
    try:
        texts.append(data.decode(WESTERN))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes   # only for bytes that are not UTF-8
    texts += [str(match) for match in list(from_bytes(data))[:6]]
    return min(texts, key=implausibility) if texts else None


def implausibility(text: str) -> int:
    """How many signs of a wrong code page *text* shows; 0 for ordinary prose."""
    from ftfy.badness import badness
    return (badness(text) + len(ODD_IN_WORD.findall(text)) + misread_words(text)
            + 10 * len(CONTROLS.findall(text)))


# Control characters no article holds (tab, line feed, carriage return and
# form feed are white space and stay), and the replacement character.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def looks_binary(text: str) -> bool:
    """Random or binary bytes read as text: control characters, or hardly a space."""
    if len(CONTROLS.findall(text)) > max(2, len(text) // 200):
        return True
    return len(text) >= 200 and sum(ch.isspace() for ch in text) < len(text) // 100


def _checked(text: str, path: Path, share: int = 200, floor: int = 2) -> str:
    """*text*, unless more than *floor* and one character in *share* are control characters.

    Text that is valid UTF-8 is given more room (1 in 20, at least 16) than
    text from a guessed code page, where controls are the sign of a wrong guess.
    """
    if len(CONTROLS.findall(text)) > max(floor, len(text) // share):
        raise InputError("is binary data, not text", path)
    return text


# Mojibake repair only: text decoded in the wrong code page somewhere upstream
# ("â€™" for "’").  Every fix that would change ordinary text is off: quotes
# stay curly, ligatures and wide letters stay, HTML entities are left to the
# HTML parser, and normalization is done by clean.normalize_text.
MOJIBAKE_ONLY = dict(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=False,
    replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    fix_surrogates=True, remove_control_chars=False, normalization=None, explain=False,
)
# What every mojibake these fixes undo contains: a UTF-8 lead byte read as
# Latin-1 or Windows-1252 ("Ã", "â") before a continuation byte read the same
# way, a C1 control, or a lone surrogate.  Text without any is left alone,
# and ftfy (50 ms to import) is not loaded for it.
CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{CP1252_HIGH}]|[\u0080-\u009f]"
                           f"|[\ud800-\udfff]")
# The characters a hint begins with.  Searching for one of them and trying the hint
# only there is many times faster on a large page than searching with the alternation.
HINT_START = re.compile("[\u00c2-\u00f4\u0080-\u009f\ud800-\udfff]")


def has_mojibake_hint(text: str) -> bool:
    return any(MOJIBAKE_HINT.match(text, start.start()) for start in HINT_START.finditer(text))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 or Latin-1; ordinary text comes back unchanged."""
    if not has_mojibake_hint(text):
        return text
    import ftfy
    return ftfy.fix_text(text, ftfy.TextFixerConfig(**MOJIBAKE_ONLY))


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
