"""Wording shared by the editions: running times, and photos and videos told in words."""

from __future__ import annotations

from ..locale import messages
from ..model import Photo, Video


def running_time(seconds: int) -> str:
    """0:30, 4:05, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def media_note(block: Photo | Video, language: str = "en") -> str:
    """A photo or video in words, where it cannot be shown.

    "Photo: caption (Credit: who)", "Video, 1:45: Title. Caption. (Credit: who)",
    or just "Video, 1:45" when it has no title or caption; labels in *language*.
    """
    said = messages(language)
    credit = f" ({said['credit']}: {block.credit})" if block.credit else ""
    if isinstance(block, Photo):
        return f"{said['photo']}: {block.caption}{credit}"
    length = f", {running_time(block.seconds)}" if block.seconds is not None else ""
    words = ". ".join(w.rstrip(".") for w in (block.title, block.caption) if w)
    return f"{said['video']}{length}: {words}.{credit}" if words else f"{said['video']}{length}"
