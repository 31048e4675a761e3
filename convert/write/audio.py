"""Conversion of an article to its spoken edition: MP3 (or M4B), its timings and its transcript.

The audio itself is the article's one spoken master (``convert.audio``):
the same file, byte for byte, that the narrated EPUB carries.  Beside it go
``<stem>.timings.json`` (where each sentence of the spoken script is heard)
and ``<stem>.vtt``, a WebVTT transcript with one cue per sentence, which
podcast apps and players show beside the audio.  A file whose contents
would not change is left as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..audio.spoken import Cue, produce
from ..model import Article
from ..options import Options
from .files import copy_if_changed, write_if_changed
from .timecode import webvtt_timestamp


def write(article: Article, target: Path, options: Options) -> list[Path]:
    spoken = produce(article, options, options.audio_format, target.parent)
    audio_path = target.with_suffix("." + options.audio_format)
    timings_path = target.with_suffix(".timings.json")
    transcript_path = target.with_suffix(".vtt")
    copy_if_changed(spoken.path, audio_path)
    write_if_changed(timings_path, timings(spoken.cues).encode("utf-8"))
    write_if_changed(transcript_path, webvtt(spoken.cues).encode("utf-8"))
    return [audio_path, timings_path, transcript_path]


def timings(cues: Sequence[Cue]) -> str:
    """Each sentence's id, block, start and end in seconds, and its spoken words, as JSON."""
    return json.dumps([{"id": c.id, "block": c.block, "start": c.start, "end": c.end,
                        "text": c.text} for c in cues], indent=1, ensure_ascii=False) + "\n"


def webvtt(cues: Sequence[Cue]) -> str:
    """A WebVTT file: one cue per sentence, identified by the sentence's id.

    Written here rather than through a library: the format needs a header,
    timestamps and three escaped characters, and the edition must not pay a
    library's import for that.
    """
    lines = ["WEBVTT", ""]
    for cue in cues:
        lines += [cue.id, f"{webvtt_timestamp(cue.start)} --> {webvtt_timestamp(cue.end)}",
                  _escape(cue.text), ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
