"""Speak many texts at once: a content-addressed clip cache and worker processes.

A clip's cache key is a hash of everything that decides its sound: engine,
engine and voice-data versions, voice, language, rate, volume and the text.
A re-run finds every clip; a run after one paragraph changed speaks only it.

espeak-ng keeps one voice per process, so parallel speech needs processes.
The engine is built once, by the caller or here, and each worker is handed
it when it starts (inherited by a forked worker, unpickled once by a spawned
one); a worker speaks every clip it is given (the espeak-ng engine in a
child forked per clip, see ``pyttsx3_engine``).  Workers are forked, which
costs no new interpreter, even after this process has loaded espeak-ng: in
the synchronous mode used here its one thread (the queue of its asynchronous
modes) stays idle, so a fork cannot copy it halfway through a command.
They ignore Ctrl-C: the parent cancels what has not started, lets running
clips finish, and removes its scratch folder.  With one job, clips are
spoken in this process.  Spawning re-imports the main script, so a script
that calls this must keep its work under ``if __name__ == "__main__":``
(the console script and ``python -m convert`` already do).

Every clip is checked against its text and rate (``convert.tts.speak``)
before it is used or cached; one that fails twice raises and is not kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path

from ..errors import ConvertError, ToolError
from ..options import Progress, no_progress
from ..write.files import temp_file
from . import Engine, create, engine_class, speak, wav


@dataclass(frozen=True)
class EngineSpec:
    """How to build an engine; small and picklable, for worker processes."""

    name: str = "pyttsx3"
    voice: str | None = None
    rate: int = 175
    volume: float = 1.0
    language: str | None = None

    def build(self):
        return create(self.name, self.voice, self.rate, self.volume, self.language)

    def version(self) -> str:
        return engine_class(self.name).version()


def cache_key(spec: EngineSpec, version: str, text: str) -> str:
    fields = {**asdict(spec), "version": version, "text": text}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Result:
    clips: list[Path]          # one per text, in order
    synthesized: int           # how many clips the engine actually spoke


def speak_all(texts: list[str], spec: EngineSpec, workdir: Path, cache_dir: Path | None = None,
              jobs: int | None = None, progress: Progress = no_progress,
              engine: Engine | None = None) -> Result:
    """A checked WAV clip for every text, from the cache where possible.

    Clips are kept in *cache_dir* when given, else in *workdir*, which the
    caller owns and removes.  Identical texts are spoken once.  *engine* is
    *spec* already built (a run speaking many articles builds it once);
    without it, it is built here.
    """
    if engine is None:
        engine = spec.build()   # refuse a bad engine name, voice or setting before any work
    version = spec.version()
    store = cache_dir if cache_dir is not None else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    store.mkdir(parents=True, exist_ok=True)
    keys = [cache_key(spec, version, text) for text in texts]
    paths = {key: store / f"{key}.wav" for key in keys}
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts):
        if key not in missing and not _usable(paths[key]):
            missing[key] = text
    total = len(texts)
    done = total - sum(1 for key in keys if key in missing)
    progress(done, total, "Speaking")
    if missing:
        uses = Counter(keys)
        for key in _synthesize(missing, engine, workdir, jobs):
            _store(workdir / f"{key}.new.wav", paths[key])
            done += uses[key]
            progress(done, total, "Speaking")
    return Result([paths[key] for key in keys], len(missing))


def _usable(path: Path) -> bool:
    try:
        return wav.header(path).frames > 0
    except (OSError, EOFError, wav.Error):
        return False


def _store(src: Path, dest: Path) -> None:
    """Move a finished clip into place atomically, across file systems too."""
    try:
        os.replace(src, dest)
    except OSError:
        name = temp_file(dest.parent, dest.name)
        try:
            shutil.copyfile(src, name)
            os.replace(name, dest)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        src.unlink(missing_ok=True)


def _synthesize(missing: dict[str, str], engine: Engine, workdir: Path, jobs: int | None):
    """Yield each key as its clip is ready at ``workdir/<key>.new.wav``."""
    if jobs == 1:
        for key, text in missing.items():
            _speak_checked(engine, text, workdir / f"{key}.new.wav")
            yield key
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(os.getpid(), engine))
    try:
        pending = {pool.submit(_work, text, str(workdir / f"{key}.new.wav")): key
                   for key, text in missing.items()}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                key = pending.pop(future)
                try:
                    future.result()   # a worker's ConvertError is raised here
                except BrokenProcessPool:
                    raise ToolError("a speech worker process died (out of memory, or killed)") from None
                yield key
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _context():
    """Fork on Linux, spawn elsewhere."""
    return get_context("fork" if sys.platform == "linux" else "spawn")


# --- inside a worker process ---------------------------------------------------

_engine: Engine | None = None


def _init_worker(parent: int, engine: Engine) -> None:
    global _engine
    _engine = engine
    # The parent handles Ctrl-C; a worker finishes its clip and is shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # not the command's handler, if forked from it
    # Nothing a worker or its engine prints may reach the command's output;
    # a fresh stream, so no lock another thread of the parent held is inherited.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")
    # A parent killed outright (SIGKILL, out of memory) cannot shut the pool
    # down; a worker left waiting on its queue would live on, so it leaves
    # as soon as it is orphaned.  The parent's id comes from the parent: a
    # worker that starts after the parent was killed (a loaded machine, a
    # slow start) would read its new parent's id here and wait forever.
    threading.Thread(target=_leave_when_orphaned, args=(parent,), daemon=True).start()


def _leave_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(text: str, path: str) -> float:
    return _speak_checked(_engine, text, Path(path))


def _speak_checked(engine: Engine, text: str, path: Path) -> float:
    try:
        return speak(engine, text, path)
    except ConvertError:
        raise
    except Exception as exc:
        # Engine libraries raise their own types; keep the message, lose no clip silently.
        raise ToolError(f"the {engine.name} engine failed: {exc}") from None
