"""Spoken editions measured from their files, with ffmpeg and ffprobe: what a listener's player gets.

Shared by the tests of the audio and narrated editions.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of the decoded file, by EBU R128."""
    result = subprocess.run(["ffmpeg", "-nostats", "-i", str(path), "-af",
                             "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
                            capture_output=True, text=True, check=True)
    integrated = re.findall(r"^\s*I:\s+(-?[\d.]+) LUFS", result.stderr, re.M)[-1]
    peak = re.findall(r"^\s*Peak:\s+(-?[\d.]+) dBFS", result.stderr, re.M)[-1]
    return float(integrated), float(peak)


def duration(path: Path) -> float:
    """The file's duration in seconds, as its container states it."""
    result = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                             str(path)], capture_output=True, text=True, check=True)
    return float(result.stdout)
