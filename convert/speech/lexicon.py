"""The pronunciation lexicon: written words and how a voice should say them."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from convert.errors import UsageError
from convert.language import primary_subtag

BUILTIN = "lexicon.txt"


class Lexicon:
    """Whole-word, case-sensitive replacements applied before any other rule."""

    def __init__(self, entries: Mapping[str, str]):
        self.entries = MappingProxyType(dict(entries))
        # Longest keys first, so "ISIS-K" wins over "ISIS" at the same place.
        keys = sorted(self.entries, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
            if keys else None
        )

    @classmethod
    def load(cls, extra: Path | None = None, language: str = "en") -> "Lexicon":
        """The built-in lexicon of *language*, extended and overridden by a user's file.

        English has ``lexicon.txt``; another language ``lexicon.<code>.txt`` if
        there is one (its acronyms are spelled with its own letter names).
        """
        code = primary_subtag(language or "en")
        name = BUILTIN if code == "en" else f"lexicon.{code}.txt"
        builtin = resources.files(__package__).joinpath(name)
        entries = parse(builtin.read_text(encoding="utf-8"), name) if builtin.is_file() else {}
        if extra is not None:
            entries.update(parse(_read(extra), extra))
        return cls(entries)

    def apply(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.entries[m.group(0)], text)


def parse(text: str, source: Path | str) -> dict[str, str]:
    """Entries of a lexicon file; a malformed line raises UsageError naming it."""
    entries: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in re.split(r"\t+", line.strip())]
        if len(parts) != 2 or not all(parts):
            raise UsageError(
                f"line {number}: expected WORD<TAB>spoken form, got {line!r}", source)
        word, spoken = parts
        if word in first_seen:
            raise UsageError(
                f"line {number}: {word!r} is already defined on line {first_seen[word]}",
                source)
        first_seen[word] = number
        entries[word] = spoken
    return entries


def _read(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError("lexicon file not found", path) from None
    except UnicodeDecodeError:
        raise UsageError("lexicon file is not UTF-8 text", path) from None
    except OSError as error:
        raise UsageError(f"cannot read lexicon file: {error.strerror}", path) from None
