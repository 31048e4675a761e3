"""Small facts about 16-bit PCM WAV clips, read in bounded chunks."""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

Error = wave.Error

CHUNK_FRAMES = 1 << 16
PEAK_STRIDE = 4


@dataclass(frozen=True)
class Info:
    frames: int
    rate: int
    channels: int
    sample_width: int
    peak: int          # largest absolute value of every PEAK_STRIDE-th sample

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0

    @property
    def format(self) -> tuple[int, int, int]:
        return (self.rate, self.channels, self.sample_width)


def header(path: Path) -> Info:
    """The clip's format and length from its header alone (peak left at 0)."""
    with wave.open(str(path), "rb") as clip:
        return Info(clip.getnframes(), clip.getframerate(), clip.getnchannels(),
                    clip.getsampwidth(), 0)


def info(path: Path) -> Info:
    with wave.open(str(path), "rb") as clip:
        frames = clip.getnframes()
        width = clip.getsampwidth()
        peak = 0
        if width == 2:
            while True:
                data = clip.readframes(CHUNK_FRAMES)
                if not data:
                    break
                # Every PEAK_STRIDE-th sample: a peak within a few percent, read
                # at a fraction of the cost; enough to tell speech from silence.
                samples = _samples(data)[::PEAK_STRIDE]
                if samples:
                    peak = max(peak, max(samples), -min(samples))
        return Info(frames, clip.getframerate(), clip.getnchannels(), width, peak)


def _samples(data: bytes) -> array.array:
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def copy_frames(path: Path, out: wave.Wave_write) -> int:
    """Append every frame of the clip at *path* to *out*; return the frame count."""
    total = 0
    with wave.open(str(path), "rb") as clip:
        while True:
            data = clip.readframes(CHUNK_FRAMES)
            if not data:
                return total
            out.writeframesraw(data)
            total += len(data) // (clip.getsampwidth() * clip.getnchannels())


def write_silence(out: wave.Wave_write, frames: int) -> None:
    block = bytes(out.getsampwidth() * out.getnchannels() * min(frames, CHUNK_FRAMES))
    left = frames
    while left > 0:
        step = min(left, CHUNK_FRAMES)
        out.writeframesraw(block[: step * out.getsampwidth() * out.getnchannels()])
        left -= step
