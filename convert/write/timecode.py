"""Points in a recording as the media formats write them: WebVTT timestamps, SMIL clock values."""

from __future__ import annotations


def clock(seconds: float, hour_digits: int = 1) -> str:
    """*seconds* as ``hours:minutes:seconds.milliseconds``, hours padded to *hour_digits*.

    Rounded to the millisecond first, so 59.9996 s is ``0:01:00.000``, never
    a 60th second.
    """
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:0{hour_digits}d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def webvtt_timestamp(seconds: float) -> str:
    """A WebVTT timestamp, hours always written: ``01:02:05.500``.

    WebVTT wants two or more digits of hours, which may be left out only
    when they are zero; writing them always keeps every cue line alike.
    """
    return clock(seconds, hour_digits=2)


def smil_clock(seconds: float) -> str:
    """A SMIL 3.0 full clock value, as EPUB Media Overlays use it: ``1:02:05.500``."""
    return clock(seconds)
