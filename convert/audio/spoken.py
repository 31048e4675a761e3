"""One spoken master per article: its script synthesized once, mastered once, encoded to each container.

A run's spoken editions share one ``SpokenRun``: the engine for each voice,
built once for the whole run; the script of the article being written; and
the audio containers the run's editions carry (the audio edition's MP3 or
M4B, the narrated EPUB's MP3), so that one synthesis and one master feed
every one of them.  What belongs to one article is let go once its editions
are written (``SpokenRun.release``), so a batch of many articles holds no
more than one article's worth.

Each encoded master is kept under a key that hashes everything it is made
from (each sentence's clip key, pauses and chapters, the mastering recipe,
the container, the tags and the cover), in ``<cache>/editions/<key>.mp3``
(or ``.m4b``) with its timeline beside it.  Every spoken edition of one
run, and every later run of unchanged text, takes that same file: the audio
edition copies it, the narrated EPUB carries its bytes.  Without a cache,
masters live in one scratch folder for the run
(``.article-convert-<pid>-run.*``), each removed once its article is
written, the folder at exit, or by the next run if this one is killed.
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
from typing import Iterable

from ..errors import UsageError
from ..model import Article
from ..options import Options, cache_folder
from ..speech import Lexicon, Sentence, script
from ..tts import Engine
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


# The narrated EPUB carries MP3 audio, whatever the audio edition's format.
NARRATED_FORMAT = "mp3"
_scratch: list[Path] = []


def containers(editions: Iterable[str], audio_format: str) -> tuple[str, ...]:
    """The audio containers *editions* carry, each once: the audio edition's, the narrated EPUB's."""
    carried = {"audio": audio_format, "narrated": NARRATED_FORMAT}
    return tuple(dict.fromkeys(carried[name] for name in editions if name in carried))


class SpokenRun:
    """What the spoken editions of one run share.

    *formats* are the containers the run's editions carry: the first spoken
    edition of an article makes all of them from one master, and the next
    finds its own already made.  Engines live as long as the run (one for
    each voice and setting, so a batch in a few languages builds a few); an
    article's script and masters only until ``release``.
    """

    def __init__(self, formats: Iterable[str] = ()):
        self.formats = tuple(dict.fromkeys(formats))
        self._engines: dict[EngineSpec, tuple[Engine, str]] = {}
        self._voices: dict[tuple[str, str], str] = {}
        self._scripts: dict[tuple, tuple[Sentence, ...]] = {}
        self._made: dict[tuple[Path, str], Spoken] = {}

    def sentences(self, article: Article, options: Options) -> tuple[Sentence, ...]:
        """The article's spoken script, made once for every spoken edition."""
        lexicon = options.lexicon
        stamp = lexicon.stat().st_mtime_ns if lexicon is not None and lexicon.is_file() else None
        memo = (article, article.origin, options.read_credits, lexicon, stamp)
        if memo not in self._scripts:
            self._scripts[memo] = script(article, options,
                                         Lexicon.load(lexicon, article.language or "en"))
        return self._scripts[memo]

    def engine_spec(self, article: Article, options: Options) -> EngineSpec:
        """The engine and voice that read *article*: the voice asked for, else the best for its language.

        NoVoiceError when no installed voice speaks the language.
        """
        voice = options.voice
        if voice is None:
            wanted = (article.language or "en", options.engine)
            if wanted not in self._voices:
                self._voices[wanted] = choose_voice(*wanted).id
            voice = self._voices[wanted]
        return EngineSpec(options.engine, voice, options.rate, options.volume,
                          article.language or None)

    def engine(self, spec: EngineSpec) -> tuple[Engine, str]:
        """*spec* built, once a run, with its version; a bad name, voice or setting raises here."""
        if spec not in self._engines:
            self._engines[spec] = (spec.build(), spec.version())
        return self._engines[spec]

    def produce(self, article: Article, options: Options, audio_format: str,
                out_dir: Path) -> Spoken:
        """The article's mastered audio in *audio_format*, made only if no identical one exists.

        Every other container of the run still missing is encoded from the same master.
        """
        if audio_format not in master.FORMATS:
            raise UsageError(f"audio format must be mp3 or m4b, not {audio_format!r}")
        said = self.sentences(article, options)
        if not said:
            raise UsageError("the article has nothing to read aloud", article.origin)
        ffmpeg = master.ffmpeg()
        spec = self.engine_spec(article, options)
        engine, version = self.engine(spec)   # refuse a bad engine before any work
        cover = tags.cover_image(article)
        root = cache_root(options, out_dir)
        store = root / "editions" if root is not None else _run_scratch()
        keys = {name: edition_key(said, article, spec, version, name, cover)
                for name in dict.fromkeys((audio_format, *self.formats))}
        found: dict[str, Spoken] = {}
        for name, key in keys.items():
            known = self._made.get((store, key))
            if known is None or not known.path.is_file():
                known = _load(store, key, name)
            if known is not None:
                found[name] = known
        missing = {name: key for name, key in keys.items() if name not in found}
        if missing:
            found.update(_make(said, article, options, spec, engine, missing, cover, root, store,
                               ffmpeg))
        else:
            options.progress(len(said), len(said), "Speaking")
        for name, spoken in found.items():
            self._made[store, keys[name]] = spoken
        return found[audio_format]

    def release(self) -> None:
        """Let go of the article just written: its script, and its masters if nothing keeps them."""
        scratch = _scratch[0] if _scratch else None
        for (store, key), spoken in self._made.items():
            if store == scratch:
                spoken.path.unlink(missing_ok=True)
                (store / f"{key}.json").unlink(missing_ok=True)
        self._scripts.clear()
        self._made.clear()


def session(options: Options) -> SpokenRun:
    """The run's shared spoken state, or a fresh one for a writer called on its own."""
    return options.spoken if options.spoken is not None else SpokenRun()


def produce(article: Article, options: Options, audio_format: str, out_dir: Path) -> Spoken:
    """The article's mastered audio in *audio_format* (see ``SpokenRun.produce``)."""
    return session(options).produce(article, options, audio_format, out_dir)


def cache_root(options: Options, out_dir: Path) -> Path | None:
    """Where clips and masters are kept between runs (None: not kept)."""
    return cache_folder(options, out_dir) if options.cache else None


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


def _make(said: tuple[Sentence, ...], article: Article, options: Options, spec: EngineSpec,
          engine: Engine, keys: dict[str, str], cover: tuple[bytes, str] | None,
          root: Path | None, store: Path, ffmpeg: str) -> dict[str, Spoken]:
    """Speak *said*, master it once, and encode it to each format of *keys* (format: edition key)."""
    store.mkdir(parents=True, exist_ok=True)
    with temp_dir(store, "master") as work:
        clips = speak_all([s.text for s in said], spec, work,
                          root / "speech" if root is not None else None,
                          options.jobs, options.progress, engine=engine).clips
        joined = work / "speech.wav"
        spans, seconds = master.assemble(said, clips, joined, work, ffmpeg)
        chapters = master.chapter_marks(said, spans, seconds)
        encoded = {name: work / f"master.{name}" for name in keys}
        master.master(ffmpeg, joined, encoded, chapters, work,
                      {"language": tags.language_code(article.language)})
        cues = tuple(Cue(s.id, s.block, span.start, span.end, s.text) for s, span in zip(said, spans))
        timeline = json.dumps({"cues": [c.__dict__ for c in cues],
                               "chapters": [c.__dict__ for c in chapters],
                               "seconds": round(seconds, 3)})
        made: dict[str, Spoken] = {}
        for name, key in keys.items():
            if name == "mp3":
                tags.tag_mp3(encoded[name], article, chapters, cover, key)
            else:
                tags.tag_mp4(encoded[name], article, cover, key)
            spoken = Spoken(store / f"{key}.{name}", key, cues, tuple(chapters), round(seconds, 3))
            os.replace(encoded[name], spoken.path)
            written = work / f"{key}.json"
            written.write_text(timeline, encoding="utf-8")
            os.replace(written, store / f"{key}.json")   # last: a master is whole once this exists
            made[name] = spoken
    return made


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
