"""Write an edition's files so that none is ever seen half-written.

Every temporary file or folder the tool makes carries one prefix and the id
of the process that made it (``.article-convert-<pid>-…``).  A run stopped
by SIGKILL, a power cut or a crash cannot clean up after itself, so the next
run removes what such a run left behind (``sweep``): only names of this
form, and only when the process that made them is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

PREFIX = ".article-convert-"
_OWNED = re.compile(re.escape(PREFIX) + r"(\d+)-")


def temp_prefix(label: str = "") -> str:
    """The start of a temporary name owned by this process: ``.article-convert-<pid>-<label>.``"""
    return f"{PREFIX}{os.getpid()}-{label}."


def temp_file(folder: Path, label: str = "", suffix: str = ".part") -> Path:
    """A new, empty temporary file in *folder*, named as this process's own."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=temp_prefix(label), suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


@contextlib.contextmanager
def temp_dir(folder: Path, label: str = "") -> Iterator[Path]:
    """A temporary folder in *folder*, removed with all it holds when the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=temp_prefix(label), dir=folder))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it into place on success.

    On any exception, KeyboardInterrupt included, the temporary file is
    removed and *target* is left as it was.
    """
    tmp = temp_file(target.parent, target.name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_if_changed(target: Path, data: bytes) -> bool:
    """Put *data* in *target* by way of ``atomic_path``, unless *target* holds exactly *data* already.

    A file whose bytes would not change is not touched, so its modification
    time still says when its contents last changed (a re-run of the same
    article leaves tools that watch the folder nothing to do).  Returns
    whether *target* was written.
    """
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass     # missing or unreadable: written afresh
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    """``write_if_changed`` for a file's contents, compared and copied without reading it whole."""
    if _same_bytes(source, target):
        return False
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    return True


def move_if_changed(source: Path, target: Path) -> bool:
    """Rename *source* over *target*, unless *target* has the same bytes: then *source* is removed.

    Returns whether *target* was replaced.
    """
    if _same_bytes(source, target):
        source.unlink()
        return False
    os.replace(source, target)
    return True


def _same_bytes(one: Path, other: Path) -> bool:
    if not other.is_file():
        return False
    import filecmp   # only when there is something to compare with
    return filecmp.cmp(one, other, shallow=False)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's process: alive, and not ours to judge
        return True
    return True


def sweep(folder: Path, depth: int = 1) -> list[Path]:
    """Remove the stale temporary files and folders under *folder*; return what was removed.

    Only *depth* levels are searched (an output folder may be anyone's home
    folder); a folder that is itself stale is removed whole.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        owned = _OWNED.match(entry.name)   # the system's temporary folder may hold thousands
        if owned and not _alive(int(owned.group(1))):
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
            except OSError:
                pass   # another run may be removing it too
        elif depth > 1 and entry.is_dir(follow_symlinks=False):
            removed += sweep(Path(entry.path), depth - 1)
    return removed
