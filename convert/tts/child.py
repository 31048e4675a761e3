"""Speaking one clip in a child process forked for it alone.

Both engines keep state from one utterance to the next that none of their
calls resets: espeak-ng in its wave generator's static variables, Piper in
the random generators inside its ONNX model, which onnxruntime seeds once,
when the model is loaded.  So the same sentence came out different depending
on what the process had said before it, and two runs without the clip cache
gave different audio.  A process that has loaded its engine and never spoken
forks a child for each clip instead: every child starts from that same
untouched state, speaks, and exits, so a clip depends only on its text and
settings.  A fork costs a few milliseconds, against the tens or hundreds a
sentence takes.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import sys
import time
from typing import Callable

from ..errors import ToolError

# Linux's prctl option that signals a child when the thread that forked it ends.
_PR_SET_PDEATHSIG = 1


def run(speak: Callable[[], int], timeout: float, engine: str) -> tuple[int, str]:
    """Run *speak* in a forked child; return its exit code and what it said of a failure.

    *speak* returns the child's exit code (0 when the clip was written); an
    exception it raises becomes exit code 1, its text the message.  ToolError
    when the child is still going after *timeout* seconds (it is killed).
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:   # the child: speak, report, and leave without running any of our exit code
        code = 1
        try:
            os.close(read_end)
            _become_clip_child(parent)
            code = speak()
        except BaseException as exc:
            with contextlib.suppress(BaseException):
                os.write(write_end, str(exc).encode("utf-8", "replace")[:2000])
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        message = _read_until_closed(read_end, timeout)
        if message is None:
            raise ToolError(f"{engine} did not finish speaking within {timeout:.0f} s")
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        os.close(read_end)
        if pid:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    reason = message.decode("utf-8", "replace")
    if code != 0 and not reason:
        reason = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
    return code, reason


def _become_clip_child(parent: int) -> None:
    """Signals for a clip's child process: the parent decides about Ctrl-C, and its end is ours."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:   # the parent ended before that took effect
        os._exit(1)


def _read_until_closed(fd: int, timeout: float) -> bytes | None:
    """All a child writes to *fd* until it exits; None if it is still going after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    data = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            piece = os.read(fd, 4096)
            if not piece:
                return data
            data += piece
