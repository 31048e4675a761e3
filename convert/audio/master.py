"""Join speech clips with their pauses, bring the whole to broadcast loudness, encode it.

Loudness is EBU R128 / ITU-R BS.1770 as ffmpeg's ebur128 filter measures
it: -18 LUFS integrated with true peaks at or below -3 dBTP.  The joined
speech goes through one chain (compressor, one gain, limiter), the master,
that feeds every encoder the run needs (MP3, M4B or both) and a loudness
meter in the same pass; only a pass that missed the target is redone.  The
master is the same whichever containers it feeds, and its gain depends
only on the speech given, never on an earlier run, so the same clips always
give the same files.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Protocol, Sequence

from ..errors import ToolError
from ..tts import wav

TARGET_LUFS = -18.0
MAX_TRUE_PEAK = -3.0          # dBTP, measured on the decoded file
# A pass whose metered loudness misses the target by more than this is redone.
AIM_LU = 0.5
# espeak-ng speech peaks about 20 dB above its loudness, but the target leaves
# 15 dB: a gentle compressor takes most of the difference, the limiter the rest.
COMPRESSOR = "acompressor=threshold=-18dB:ratio=4:attack=2:release=80:knee=6:makeup=1"
# Loudness of espeak-ng speech after the compressor, before any gain: -25.8
# LUFS on the seed (default voice, 175 words a minute).  The first pass aims
# with it; a pass that misses is redone with its measured miss corrected.
COMPRESSED_LEVEL = -25.8
HEAD_SECONDS = 0.75
TAIL_SECONDS = 2.0
CHAPTER_LEAD = 0.2            # a chapter starts this long before its first word
SAMPLE_RATE = 22050
BITRATE = "64k"
FFMPEG_HINT = "install it with: apt-get install ffmpeg"


# Lossy encoders overshoot peaks, so the limiter's ceiling (dBFS, at the
# sample rate) sits below the -3 dBTP limit by more than an encoder was
# measured to add on espeak-ng speech: LAME and ffmpeg's AAC at 64 kb/s about
# 0.5 dB each.  One ceiling for every container, so that one master feeds them all.
CEILING = -4.8


@dataclass(frozen=True)
class Format:
    muxer: str
    codec: list[str]
    trim: float         # dB the encoder's input is raised by, for what the encoder itself takes off
    chapters: bool      # chapters and stream tags go in through ffmpeg (MP4); ID3 is tagged after


FORMATS = {
    # LAME's quality 7 ("fast") is its quicker algorithm; at 64 kb/s on
    # synthetic speech it makes no difference a listener hears.  Its low-pass
    # takes 0.4 LU off (measured on the seed: master -18.2, file -18.6), which
    # the trim gives back; the peaks it raises stay under -4 dBTP.
    "mp3": Format("mp3", ["-c:a", "libmp3lame", "-b:a", BITRATE, "-compression_level", "7",
                          "-write_xing", "1",
                          "-id3v2_version", "0", "-write_id3v1", "0"], 0.4, False),
    # The "fast" AAC coder is quicker than the default "twoloop", and on
    # speech it overshoots less (its peaks came out 1.7 dB lower).
    "m4b": Format("ipod", ["-c:a", "aac", "-aac_coder", "fast", "-b:a", BITRATE,
                           "-movflags", "+faststart", "-brand", "M4B "], 0.0, True),
}

# What decides the sound of a master besides its clips; part of every edition key.
RECIPE = (TARGET_LUFS, MAX_TRUE_PEAK, COMPRESSOR, CEILING, HEAD_SECONDS, TAIL_SECONDS,
          CHAPTER_LEAD, SAMPLE_RATE)


class Timed(Protocol):
    id: str
    pause_before: float
    chapter: str | None


@dataclass(frozen=True)
class Span:
    id: str
    start: float
    end: float


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


@dataclass(frozen=True)
class Loudness:
    integrated: float    # LUFS


def ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        raise ToolError(f"ffmpeg is not installed ({FFMPEG_HINT})")
    return found


# --- joining clips and silences -------------------------------------------------

def assemble(items: Sequence[Timed], clips: list[Path], out: Path, work: Path,
             ffmpeg_path: str) -> tuple[list[Span], float]:
    """Write one WAV: head silence, each clip after its pause, tail silence.

    Streams clip by clip, so memory stays flat however long the article is.
    Returns each item's span and the total length in seconds.
    """
    rate = SAMPLE_RATE
    spans: list[Span] = []
    with wave.open(str(out), "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(2)
        joined.setframerate(rate)
        position = round(HEAD_SECONDS * rate)
        wav.write_silence(joined, position)
        for index, (item, clip) in enumerate(zip(items, clips)):
            if index:
                pause = round(max(0.0, item.pause_before) * rate)
                wav.write_silence(joined, pause)
                position += pause
            clip = _conform(clip, rate, work, ffmpeg_path)
            frames = wav.copy_frames(clip, joined)
            spans.append(Span(item.id, round(position / rate, 3), round((position + frames) / rate, 3)))
            position += frames
        tail = round(TAIL_SECONDS * rate)
        wav.write_silence(joined, tail)
        position += tail
    return spans, position / rate


def _conform(clip: Path, rate: int, work: Path, ffmpeg_path: str) -> Path:
    """The clip as mono 16-bit at *rate*, converted only if it is not already."""
    if wav.header(clip).format == (rate, 1, 2):
        return clip
    converted = work / f"{clip.stem}.{rate}.wav"
    run([ffmpeg_path, "-y", "-i", str(clip), "-ac", "1", "-ar", str(rate), "-c:a", "pcm_s16le",
         str(converted)], "convert a clip")
    return converted


def chapter_marks(items: Sequence[Timed], spans: list[Span], seconds: float) -> list[Chapter]:
    """A chapter at each item that opens one; the first starts at 0, each ends at the next."""
    starts: list[tuple[str, float]] = []
    for item, span in zip(items, spans):
        if item.chapter:
            lead = min(CHAPTER_LEAD, max(0.0, item.pause_before))
            starts.append((item.chapter, 0.0 if not starts else round(span.start - lead, 3)))
    return [Chapter(title, start, starts[n + 1][1] if n + 1 < len(starts) else round(seconds, 3))
            for n, (title, start) in enumerate(starts)]


# --- loudness and encoding ------------------------------------------------------

METER = "ebur128=framelog=verbose"


def _loudness(log: str) -> Loudness:
    integrated = re.findall(r"^\s*I:\s+(-?[\d.]+|-?inf) LUFS", log, re.M)
    if not integrated:
        raise ToolError("ffmpeg gave no loudness summary (is its ebur128 filter missing?)")
    return Loudness(float(integrated[-1]))


def _chain(gain: float, ceiling: float) -> str:
    # No oversampling for the limiter: on espeak-ng speech at 22.05 kHz the
    # true peaks came out the same (-4.6 dBTP on the seed) without it, and the
    # two resamplings it would add are work for nothing.
    limit = 10 ** (ceiling / 20)
    return f"volume={gain:.2f}dB,alimiter=limit={limit:.4f}:attack=2:release=50:level=false:latency=true"


def master(ffmpeg_path: str, source: Path, outputs: Mapping[str, Path],
           chapters: list[Chapter], work: Path,
           metadata: dict[str, str] | None = None) -> Loudness:
    """Normalize *source* to the target loudness and peak, and encode it to each of *outputs*.

    *outputs* maps a format ("mp3", "m4b") to the file it is written to.
    One pass: ffmpeg compresses the speech, applies one gain and the limiter,
    and hands the result to every encoder and to a loudness meter, each a
    process of its own joined by pipes so that the machine's cores share the
    work; a run that needs an M4B and an MP3 masters the speech once.  The
    first gain assumes the loudness espeak-ng speech has after the compressor
    (COMPRESSED_LEVEL); a pass whose metered loudness misses the target by
    more than AIM_LU is redone with the miss corrected.  *metadata* are stream
    tags for the containers ffmpeg tags (MP4).  Returns the master's loudness.
    """
    if not outputs:
        raise ValueError("no output to master to")
    raw = ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1"]
    gain = TARGET_LUFS - COMPRESSED_LEVEL
    encoders = [_encoder(ffmpeg_path, raw, FORMATS[name], out, chapters, work, metadata or {})
                for name, out in outputs.items()]
    meter = [ffmpeg_path, "-nostats", *raw, "-i", "pipe:0", "-af", METER, "-f", "null", "-"]
    for _ in range(3):
        producer = [ffmpeg_path, "-nostats", "-i", str(source),
                    "-af", f"{COMPRESSOR},{_chain(gain, CEILING)}", *raw, "-c:a", "pcm_s16le",
                    "pipe:1"]
        fed = _loudness(fan_out(producer, [*encoders, meter], work)[-1])
        if fed.integrated == float("-inf"):
            raise ToolError("the speech is silent")
        fed = Loudness(round(fed.integrated, 2))
        if abs(fed.integrated - TARGET_LUFS) <= AIM_LU:
            return fed
        gain += TARGET_LUFS - fed.integrated
    raise ToolError(f"could not bring the audio to {TARGET_LUFS} LUFS "
                    f"(reached {fed.integrated:.1f} LUFS)")


def _encoder(ffmpeg_path: str, raw: list[str], fmt: Format, out: Path, chapters: list[Chapter],
             work: Path, metadata: dict[str, str]) -> list[str]:
    """The ffmpeg command that encodes the master, read from its standard input, to *out*."""
    inputs = [*raw, "-i", "pipe:0"]
    mapping = ["-map_metadata", "-1", "-map_chapters", "-1"]
    extra: list[str] = []
    if fmt.chapters:
        if chapters:
            meta = work / f"chapters.{fmt.muxer}.txt"
            meta.write_text(ffmetadata(chapters), encoding="utf-8")
            inputs += ["-f", "ffmetadata", "-i", str(meta)]
            # Not -map_metadata -1: that would strip the chapters' titles too.
            mapping = ["-map_metadata", "1", "-map_chapters", "1"]
        extra = [arg for key, value in metadata.items()
                 for arg in ("-metadata:s:a:0", f"{key}={value}")]
    trim = ["-af", f"volume={fmt.trim:.2f}dB"] if fmt.trim else []
    return [ffmpeg_path, "-y", "-nostats", *inputs, "-map", "0:a", *mapping, *extra, *trim,
            *fmt.codec, "-ar", str(SAMPLE_RATE), "-ac", "1", "-fflags", "+bitexact",
            "-flags:a", "+bitexact", "-f", fmt.muxer, str(out)]


CHUNK = 1 << 16


def fan_out(producer: list[str], consumers: list[list[str]], work: Path) -> list[str]:
    """Run *producer*, copying its output to each consumer's input.

    Returns the logs (standard error) of the producer, then of each consumer.
    """
    logs = [work / f"ffmpeg-{n}.log" for n in range(1 + len(consumers))]
    handles = [open(path, "w+", errors="replace") for path in logs]
    processes: list[subprocess.Popen] = []
    try:
        try:
            head = subprocess.Popen(producer, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=handles[0])
            processes.append(head)
            for command, log in zip(consumers, handles[1:]):
                processes.append(subprocess.Popen(command, stdin=subprocess.PIPE,
                                                  stdout=subprocess.DEVNULL, stderr=log))
        except FileNotFoundError:
            raise ToolError(f"ffmpeg is not installed ({FFMPEG_HINT})") from None
        while data := head.stdout.read(CHUNK):
            for process in processes[1:]:
                try:
                    process.stdin.write(data)
                except BrokenPipeError:
                    pass   # it failed; its exit code and log tell why
        for process in processes[1:]:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
        codes = [process.wait() for process in processes]
        texts = []
        for handle in handles:
            handle.seek(0)
            texts.append(handle.read())
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        for handle in handles:
            handle.close()
    for code, text in zip(codes, texts):
        if code != 0:
            last = text.strip().splitlines()[-1:] or ["no message"]
            raise ToolError(f"ffmpeg could not process the audio: {last[0]}")
    return texts


def ffmetadata(chapters: list[Chapter]) -> str:
    lines = [";FFMETADATA1"]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(chapter.start * 1000)}",
                  f"END={round(chapter.end * 1000)}", f"title={_escape(chapter.title)}"]
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def run(command: list[str], what: str) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ToolError(f"ffmpeg is not installed ({FFMPEG_HINT})") from None
    if result.returncode != 0:
        last = result.stderr.strip().splitlines()[-1:] or ["no message"]
        raise ToolError(f"ffmpeg could not {what}: {last[0]}")
    return result
