"""Conversion of an article to its spoken edition: MP3 (or M4B) with chapters, tags and timings.

The speech script (``convert.speech``) says what is read and where the pauses
and chapters fall; ``convert.tts`` speaks each segment to a cached WAV clip.
This module joins the clips with their silences into one WAV, brings it to
-18 LUFS integrated with true peaks at or below -3 dBTP (EBU R128 / ITU-R
BS.1770 measured by ffmpeg's ebur128), encodes it, and tags it.  Beside the
audio it writes ``<stem>.timings.json``: where each segment is spoken.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from ..errors import ToolError, UsageError
from ..model import Article, Photo
from ..options import Options
from ..tts import wav
from ..tts.batch import EngineSpec, cache_key, speak_all
from .files import atomic_path

TARGET_LUFS = -18.0
MAX_TRUE_PEAK = -3.0          # dBTP, measured on the decoded file
PEAK_MARGIN = 0.1            # dB kept below the limit on the measured file
# Aim this close to the target; a pass that misses is redone with the gain corrected.
AIM_LU = 0.4
# espeak-ng speech peaks about 20 dB above its loudness, but the target leaves
# 15 dB: a gentle compressor takes most of the difference, the limiter the rest.
COMPRESSOR = "acompressor=threshold=-18dB:ratio=4:attack=2:release=80:knee=6:makeup=1"
LIMITER_LOSS = 0.8            # dB of loudness the limiter usually takes off; first guess only
HEAD_SECONDS = 0.75
TAIL_SECONDS = 2.0
CHAPTER_LEAD = 0.2            # a chapter starts this long before its first word
SAMPLE_RATE = 22050
BITRATE = "64k"


@dataclass(frozen=True)
class Format:
    muxer: str
    codec: list[str]
    ceiling: float      # the limiter's ceiling, dBFS at twice the sample rate
    offset: float       # loudness the encoder adds, LU, so the fed level aims below it
    chapters: bool      # chapters go in through ffmpeg (MP4); ID3 chapters are tagged after


# Lossy encoders overshoot peaks, so each limiter ceiling sits below the
# -3 dBTP limit by what that encoder was measured to add on espeak-ng speech:
# LAME at 64 kb/s about 0.5 dB, ffmpeg's AAC at 64 kb/s about 0.5 dB (and +0.4 LU).
FORMATS = {
    "mp3": Format("mp3", ["-c:a", "libmp3lame", "-b:a", BITRATE, "-write_xing", "1",
                          "-id3v2_version", "0", "-write_id3v1", "0"], -4.5, 0.0, False),
    # The "fast" AAC coder: five times quicker than the default "twoloop" on
    # speech, and it overshoots less (its peaks came out 1.7 dB lower).
    "m4b": Format("ipod", ["-c:a", "aac", "-aac_coder", "fast", "-b:a", BITRATE,
                           "-movflags", "+faststart", "-brand", "M4B "], -4.8, 0.4, True),
}
FFMPEG_HINT = "install it with: apt-get install ffmpeg"
# Where the edition keeps the hash of what it was made from, to skip an identical re-run.
ID3_KEY = "article-convert edition"
MP4_KEY = "----:org.article-convert:edition"


class SegmentLike(Protocol):
    block_id: str
    text: str
    pause_before: float
    chapter: str | None


@dataclass(frozen=True)
class Timing:
    id: str
    start: float
    end: float


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


def write(article: Article, target: Path, options: Options) -> list[Path]:
    from .. import speech
    segments = speech.script(article, options, speech.Lexicon.load(options.lexicon))
    return render(segments, article, target, options)


def render(segments: Sequence[SegmentLike], article: Article, target: Path,
           options: Options) -> list[Path]:
    """Speak *segments* and write the audio edition and its timings beside *target*."""
    if options.audio_format not in FORMATS:
        raise UsageError(f"audio format must be mp3 or m4b, not {options.audio_format!r}")
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        raise UsageError("the article has nothing to read aloud", article.origin)
    ffmpeg = _ffmpeg()
    audio_path = target.with_suffix("." + options.audio_format)
    timings_path = target.with_suffix(".timings.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    cache_dir = speech_cache(options, target)
    spec = EngineSpec(options.engine, options.voice, options.rate, options.volume,
                      article.language or None)
    cover = cover_image(article)
    key = edition_key(segments, article, spec, options.audio_format, cover)
    if options.cache and timings_path.is_file() and stored_key(audio_path) == key:
        # Same clips, pauses, chapters and tags as the edition already there.
        options.progress(len(segments), len(segments), "Speaking")
        return [audio_path, timings_path]
    with tempfile.TemporaryDirectory(prefix=".audio-", dir=target.parent) as scratch:
        work = Path(scratch)
        spoken = speak_all([s.text for s in segments], spec, work, cache_dir,
                           options.jobs, options.progress)
        joined = work / "speech.wav"
        timings, seconds = assemble(segments, spoken.clips, joined, work, ffmpeg)
        chapters = chapter_marks(segments, timings, seconds)
        with atomic_path(audio_path) as part:
            master(ffmpeg, joined, part, options.audio_format, chapters, work)
            if options.audio_format == "mp3":
                tag_mp3(part, article, chapters, cover, key)
            else:
                tag_mp4(part, article, cover, key)
        with atomic_path(timings_path) as part:
            part.write_text(json.dumps([t.__dict__ for t in timings], indent=1) + "\n",
                            encoding="utf-8")
    return [audio_path, timings_path]


def speech_cache(options: Options, target: Path) -> Path | None:
    """Where spoken clips are kept between runs, shared by every spoken edition."""
    if not options.cache:
        return None
    return (options.cache_dir / "speech" if options.cache_dir is not None
            else target.parent / ".cache" / "speech")


def edition_key(segments: Sequence[SegmentLike], article: Article, spec: EngineSpec,
                audio_format: str, cover: tuple[bytes, str] | None) -> str:
    """A hash of everything the edition is made from, stored in its tags."""
    version = spec.version()
    recipe = {
        "segments": [(s.block_id, s.pause_before, s.chapter, cache_key(spec, version, s.text))
                     for s in segments],
        "format": audio_format,
        "mastering": [TARGET_LUFS, MAX_TRUE_PEAK, PEAK_MARGIN, COMPRESSOR, HEAD_SECONDS,
                      TAIL_SECONDS, CHAPTER_LEAD, SAMPLE_RATE, repr(FORMATS[audio_format])],
        "tags": [article.title, list(article.authors), article.source, article.url,
                 article.published.isoformat() if article.published else None],
        "cover": hashlib.sha256(cover[0]).hexdigest() if cover else None,
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()


def stored_key(path: Path) -> str | None:
    """The edition key in an existing MP3 or M4B's tags, if any."""
    if not path.is_file():
        return None
    try:
        if path.suffix == ".m4b":
            from mutagen.mp4 import MP4
            values = MP4(str(path)).get(MP4_KEY, [])
            return bytes(values[0]).decode("ascii") if values else None
        from mutagen.id3 import ID3
        frames = ID3(str(path)).getall(f"TXXX:{ID3_KEY}")
        return str(frames[0].text[0]) if frames else None
    except Exception:   # any unreadable file is simply rebuilt
        return None


def _ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        raise ToolError(f"ffmpeg is not installed ({FFMPEG_HINT})")
    return found


# --- joining clips and silences -------------------------------------------------

def assemble(segments: Sequence[SegmentLike], clips: list[Path], out: Path, work: Path,
             ffmpeg: str) -> tuple[list[Timing], float]:
    """Write one WAV: head silence, each clip after its pause, tail silence.

    Streams clip by clip, so memory stays flat however long the article is.
    Returns each segment's timing and the total length in seconds.
    """
    first = wav.header(clips[0])
    rate = first.rate
    timings: list[Timing] = []
    with wave.open(str(out), "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(2)
        joined.setframerate(rate)
        position = round(HEAD_SECONDS * rate)
        wav.write_silence(joined, position)
        for index, (segment, clip) in enumerate(zip(segments, clips)):
            if index:
                pause = round(max(0.0, segment.pause_before) * rate)
                wav.write_silence(joined, pause)
                position += pause
            clip = _conform(clip, rate, work, ffmpeg)
            frames = wav.copy_frames(clip, joined)
            timings.append(Timing(segment.block_id, round(position / rate, 3),
                                  round((position + frames) / rate, 3)))
            position += frames
        tail = round(TAIL_SECONDS * rate)
        wav.write_silence(joined, tail)
        position += tail
    return timings, position / rate


def _conform(clip: Path, rate: int, work: Path, ffmpeg: str) -> Path:
    """The clip as mono 16-bit at *rate*, converted only if it is not already."""
    found = wav.header(clip)
    if found.format == (rate, 1, 2):
        return clip
    converted = work / f"{clip.stem}.{rate}.wav"
    _run([ffmpeg, "-y", "-i", str(clip), "-ac", "1", "-ar", str(rate), "-c:a", "pcm_s16le",
          str(converted)], "convert a clip")
    return converted


def chapter_marks(segments: Sequence[SegmentLike], timings: list[Timing],
                  seconds: float) -> list[Chapter]:
    """A chapter at each segment that opens one; the first starts at 0, each ends at the next."""
    starts: list[tuple[str, float]] = []
    for segment, timing in zip(segments, timings):
        if segment.chapter:
            lead = min(CHAPTER_LEAD, max(0.0, segment.pause_before))
            starts.append((segment.chapter, 0.0 if not starts else round(timing.start - lead, 3)))
    return [Chapter(title, start, starts[n + 1][1] if n + 1 < len(starts) else round(seconds, 3))
            for n, (title, start) in enumerate(starts)]


# --- loudness and encoding ------------------------------------------------------

@dataclass(frozen=True)
class Loudness:
    integrated: float    # LUFS
    true_peak: float     # dBTP


def measure(path: Path, chain: str = "", ffmpeg: str | None = None,
            true_peak: bool = True) -> Loudness:
    """Integrated loudness and true peak of an audio file, after an optional filter chain.

    The true peak (4x oversampled) costs more than the loudness; without it
    ``true_peak`` in the result is NaN.
    """
    filters = f"{chain}," if chain else ""
    result = _run([ffmpeg or _ffmpeg(), "-nostats", "-i", str(path), "-af",
                   f"{filters}{_meter(true_peak)}", "-f", "null", "-"], "measure loudness")
    return _loudness(result.stderr)


def _meter(true_peak: bool) -> str:
    return "ebur128=framelog=verbose" + (":peak=true" if true_peak else "")


def _loudness(log: str) -> Loudness:
    integrated = re.findall(r"^\s*I:\s+(-?[\d.]+|-?inf) LUFS", log, re.M)
    peak = re.findall(r"^\s*Peak:\s+(-?[\d.]+|-?inf) dBFS", log, re.M)
    if not integrated:
        raise ToolError("ffmpeg gave no loudness summary (is its ebur128 filter missing?)")
    return Loudness(float(integrated[-1]), float(peak[-1]) if peak else float("nan"))


def _chain(gain: float, ceiling: float) -> str:
    limit = 10 ** (ceiling / 20)
    # The limiter works at twice the rate so that peaks between samples are caught too.
    return (f"{COMPRESSOR},volume={gain:.2f}dB,aresample={2 * SAMPLE_RATE},"
            f"alimiter=limit={limit:.4f}:attack=2:release=50:level=false:latency=true,"
            f"aresample={SAMPLE_RATE}")


def master(ffmpeg: str, source: Path, out: Path, audio_format: str, chapters: list[Chapter],
           work: Path) -> Loudness:
    """Normalize *source* to the target loudness and peak, and encode it to *out*.

    Measures once after the compressor, encodes while metering what goes into
    the encoder, then measures the encoded file itself, as a player decodes
    it.  A pass that misses is redone with its gain (or ceiling) corrected.
    Returns the encoded file's loudness and true peak.
    """
    fmt = FORMATS[audio_format]
    compressed = measure(source, COMPRESSOR, ffmpeg, true_peak=False)
    fed_target = TARGET_LUFS - fmt.offset
    gain = fed_target - compressed.integrated + LIMITER_LOSS
    ceiling = fmt.ceiling
    inputs = ["-i", str(source)]
    mapping = ["-map_metadata", "-1", "-map_chapters", "-1"]
    if fmt.chapters and chapters:
        meta = work / "chapters.txt"
        meta.write_text(ffmetadata(chapters), encoding="utf-8")
        inputs += ["-f", "ffmetadata", "-i", str(meta)]
        # Not -map_metadata -1: that would strip the chapters' titles too.
        mapping = ["-map_metadata", "1", "-map_chapters", "1"]
    for _ in range(4):
        # The limiter holds the peaks; this meter only checks the loudness.
        graph = (f"[0:a]{_chain(gain, ceiling)},asplit=2[out][m];"
                 f"[m]{_meter(False)}[meter]")
        result = _run([ffmpeg, "-y", "-nostats", *inputs, "-filter_complex", graph,
                       "-map", "[out]", *mapping, *fmt.codec, "-ar", str(SAMPLE_RATE), "-ac", "1",
                       "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", fmt.muxer, str(out),
                       "-map", "[meter]", "-f", "null", "-"], "encode the audio")
        fed = _loudness(result.stderr)
        if abs(fed.integrated - fed_target) > AIM_LU:
            gain += fed_target - fed.integrated
            continue
        level = measure(out, ffmpeg=ffmpeg)
        loud_ok = abs(level.integrated - TARGET_LUFS) <= AIM_LU
        peak_ok = level.true_peak <= MAX_TRUE_PEAK - PEAK_MARGIN
        if loud_ok and peak_ok:
            return level
        if not peak_ok:
            ceiling -= level.true_peak - (MAX_TRUE_PEAK - PEAK_MARGIN) + 0.3
        gain += TARGET_LUFS - level.integrated
    raise ToolError(f"could not bring the audio to {TARGET_LUFS} LUFS with peaks at or below "
                    f"{MAX_TRUE_PEAK} dBTP (reached {level.integrated} LUFS, {level.true_peak} dBTP)")


def ffmetadata(chapters: list[Chapter]) -> str:
    lines = [";FFMETADATA1"]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(chapter.start * 1000)}",
                  f"END={round(chapter.end * 1000)}", f"title={_escape(chapter.title)}"]
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def _run(command: list[str], what: str) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ToolError(f"ffmpeg is not installed ({FFMPEG_HINT})") from None
    if result.returncode != 0:
        last = result.stderr.strip().splitlines()[-1:] or ["no message"]
        raise ToolError(f"ffmpeg could not {what}: {last[0]}")
    return result


# --- tags -----------------------------------------------------------------------

def cover_image(article: Article) -> tuple[bytes, str] | None:
    """The lead photo as cover art, when it is a local PNG or JPEG."""
    for block in article.blocks:
        if isinstance(block, Photo) and block.image is not None:
            try:
                data = Path(block.image).read_bytes()
            except OSError:
                return None
            if data.startswith(b"\x89PNG\r\n\x1a\n"):
                return data, "image/png"
            if data.startswith(b"\xff\xd8\xff"):
                return data, "image/jpeg"
            return None
    return None


def tag_mp3(path: Path, article: Article, chapters: list[Chapter],
            cover: tuple[bytes, str] | None, key: str | None = None) -> None:
    from mutagen.id3 import (
        APIC, CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, TXXX, WOAS, CTOCFlags, PictureType,
    )
    tags = ID3()
    if key:
        tags.add(TXXX(encoding=3, desc=ID3_KEY, text=[key]))
    tags.add(TIT2(encoding=3, text=[article.title]))
    if article.authors:
        tags.add(TPE1(encoding=3, text=list(article.authors)))
    if article.source:
        tags.add(TALB(encoding=3, text=[article.source]))
    if article.published:
        tags.add(TDRC(encoding=3, text=[article.published.isoformat()]))
    tags.add(TCON(encoding=3, text=["Speech"]))
    if article.url:
        tags.add(WOAS(url=article.url))
    if cover:
        data, mime = cover
        tags.add(APIC(encoding=3, mime=mime, type=PictureType.COVER_FRONT, desc="Cover", data=data))
    if chapters:
        ids = [f"ch{n}" for n in range(1, len(chapters) + 1)]
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                      child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
        for element_id, chapter in zip(ids, chapters):
            tags.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000),
                          end_time=round(chapter.end * 1000),
                          sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    # ID3v2.3 is the version most players read; mutagen converts the frames.
    tags.save(str(path), v2_version=3)


def tag_mp4(path: Path, article: Article, cover: tuple[bytes, str] | None,
            key: str | None = None) -> None:
    from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm
    audio = MP4(str(path))
    if key:
        audio[MP4_KEY] = [MP4FreeForm(key.encode("ascii"))]
    audio["\xa9nam"] = [article.title]
    if article.authors:
        audio["\xa9ART"] = [", ".join(article.authors)]
    if article.source:
        audio["\xa9alb"] = [article.source]
    if article.published:
        audio["\xa9day"] = [article.published.isoformat()]
    audio["\xa9gen"] = ["Speech"]
    audio["stik"] = [2]   # media kind: audiobook
    if cover:
        data, mime = cover
        kind = MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG
        audio["covr"] = [MP4Cover(data, imageformat=kind)]
    audio.save()
