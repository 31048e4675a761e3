"""One spoken master per article: its script synthesized once, mastered once, encoded once.

The master is kept under a key that hashes everything it is made from (each
sentence's clip key, pauses and chapters, the mastering recipe, the tags and
the cover), in ``<cache>/editions/<key>.mp3`` (or ``.m4b``) with its
timeline beside it.  Every spoken edition of one run, and every later run
of unchanged text, takes that same file: the audio edition copies it, the
narrated EPUB carries its bytes.  Without a cache, masters live in one
scratch folder for the run (``.article-convert-<pid>-run.*``), removed at exit,
or by the next run if this one is killed.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..model import Article
from ..options import Options
from ..speech import Lexicon, Sentence, script
from ..tts.batch import EngineSpec, cache_key, speak_all
from ..tts.voices import choose_voice
from ..write.files import temp_dir, temp_prefix
from . import master, tags



@dataclass(frozen=True)
class Cue:
    """Where one sentence of the script is heard."""

    id: str          # the sentence's id, s0001…
    block: str       # the block it belongs to
    start: float
    end: float
    text: str        # what the voice says


@dataclass(frozen=True)
class Spoken:
    path: Path                   # the mastered, tagged audio file
    key: str
    cues: tuple[Cue, ...]
    chapters: tuple[master.Chapter, ...]
    seconds: float


_scripts: dict[tuple, tuple[Sentence, ...]] = {}
_made: dict[tuple[Path, str], Spoken] = {}
_scratch: list[Path] = []


def sentences(article: Article, options: Options) -> tuple[Sentence, ...]:
    """The article's spoken script, made once per run for every spoken edition."""
    lexicon = options.lexicon
    stamp = lexicon.stat().st_mtime_ns if lexicon is not None and lexicon.is_file() else None
    memo = (article, article.origin, options.read_credits, lexicon, stamp)
    if memo not in _scripts:
        _scripts[memo] = script(article, options, Lexicon.load(lexicon, article.language or "en"))
    return _scripts[memo]


def engine_spec(article: Article, options: Options) -> EngineSpec:
    """The engine and voice that read *article*: the voice asked for, else the best for its language.

    NoVoiceError when no installed voice speaks the language.
    """
    voice = options.voice or choose_voice(article.language or "en", options.engine).id
    return EngineSpec(options.engine, voice, options.rate, options.volume,
                      article.language or None)


def cache_root(options: Options, out_dir: Path) -> Path | None:
    """Where clips and masters are kept between runs (None: not kept)."""
    if not options.cache:
        return None
    return options.cache_dir if options.cache_dir is not None else out_dir / ".cache"


def edition_key(said: tuple[Sentence, ...], article: Article, spec: EngineSpec, version: str,
                audio_format: str, cover: tuple[bytes, str] | None) -> str:
    """A hash of everything the master is made from, also stored in its tags."""
    recipe = {
        "sentences": [(s.id, s.block, s.pause_before, s.chapter, s.text,
                       cache_key(spec, version, s.text)) for s in said],
        "format": [audio_format, repr(master.FORMATS[audio_format])],
        "mastering": list(master.RECIPE),
        "tags": [article.title, list(article.authors), article.source, article.url,
                 article.language, article.published.isoformat() if article.published else None],
        "cover": hashlib.sha256(cover[0]).hexdigest() if cover else None,
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()


def produce(article: Article, options: Options, audio_format: str, out_dir: Path) -> Spoken:
    """The article's mastered audio in *audio_format*, made only if no identical one exists."""
    if audio_format not in master.FORMATS:
        raise UsageError(f"audio format must be mp3 or m4b, not {audio_format!r}")
    said = sentences(article, options)
    if not said:
        raise UsageError("the article has nothing to read aloud", article.origin)
    ffmpeg = master.ffmpeg()
    spec = engine_spec(article, options)
    spec.build()   # refuse a bad engine name, voice or setting before any work
    version = spec.version()
    cover = tags.cover_image(article)
    key = edition_key(said, article, spec, version, audio_format, cover)
    root = cache_root(options, out_dir)
    store = root / "editions" if root is not None else _run_scratch()
    found = _made.get((store, key))
    if found is None or not found.path.is_file():
        found = _load(store, key, audio_format)
    if found is not None:
        options.progress(len(said), len(said), "Speaking")
        _made[store, key] = found
        return found
    store.mkdir(parents=True, exist_ok=True)
    with temp_dir(store, "master") as work:
        clips = speak_all([s.text for s in said], spec, work,
                          root / "speech" if root is not None else None,
                          options.jobs, options.progress).clips
        joined = work / "speech.wav"
        spans, seconds = master.assemble(said, clips, joined, work, ffmpeg)
        chapters = master.chapter_marks(said, spans, seconds)
        encoded = work / f"master.{audio_format}"
        master.master(ffmpeg, joined, {audio_format: encoded}, chapters, work,
                      {"language": tags.language_code(article.language)})
        if audio_format == "mp3":
            tags.tag_mp3(encoded, article, chapters, cover, key)
        else:
            tags.tag_mp4(encoded, article, cover, key)
        cues = tuple(Cue(s.id, s.block, span.start, span.end, s.text) for s, span in zip(said, spans))
        spoken = Spoken(store / f"{key}.{audio_format}", key, cues, tuple(chapters), round(seconds, 3))
        os.replace(encoded, spoken.path)
        timeline = work / "timeline.json"
        timeline.write_text(json.dumps({
            "cues": [c.__dict__ for c in cues],
            "chapters": [c.__dict__ for c in chapters],
            "seconds": spoken.seconds}), encoding="utf-8")
        os.replace(timeline, store / f"{key}.json")   # last: a master is whole once this exists
    _made[store, key] = spoken
    return spoken


def _load(store: Path, key: str, audio_format: str) -> Spoken | None:
    path = store / f"{key}.{audio_format}"
    try:
        data = json.loads((store / f"{key}.json").read_text(encoding="utf-8"))
        if not path.is_file():
            return None
        return Spoken(path, key, tuple(Cue(**c) for c in data["cues"]),
                      tuple(master.Chapter(**c) for c in data["chapters"]), data["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _run_scratch() -> Path:
    """One folder for this run's masters when nothing is cached; removed at exit."""
    if not _scratch:
        folder = Path(tempfile.mkdtemp(prefix=temp_prefix("run")))
        _scratch.append(folder)
        atexit.register(shutil.rmtree, folder, True)
    return _scratch[0]
