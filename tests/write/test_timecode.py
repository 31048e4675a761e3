"""Timestamps checked against the formats' own grammars: WebVTT's and SMIL 3.0's clock values.

The expected strings are worked out by hand from the specifications:

* WebVTT (W3C, "WebVTT timestamp"): hours as two or more digits, then
  ":", which may be left out only when the hours are zero; minutes as two
  digits, 00-59; ":"; seconds as two digits, 00-59; "."; three digits of
  thousandths.
* SMIL 3.0 (Timing, "Clock values"): Full-clock-value ::= Hours ":"
  Minutes ":" Seconds ("." Fraction)?, where Hours is one or more digits,
  Minutes and Seconds two digits each (00-59) and Fraction one or more
  digits.  EPUB Media Overlays 3.x use these for clipBegin, clipEnd and
  media:duration.
"""

from __future__ import annotations

import re

import pytest

from convert.write.timecode import smil_clock, webvtt_timestamp

WEBVTT = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
SMIL_FULL = re.compile(r"^(\d+):([0-5]\d):([0-5]\d)(?:\.(\d+))?$")


@pytest.mark.parametrize("seconds, expected", [
    (0, "00:00:00.000"),
    (0.5, "00:00:00.500"),
    (61.25, "00:01:01.250"),
    (3725.5, "01:02:05.500"),               # 1 h, 2 min, 5.5 s
    (36_000, "10:00:00.000"),
    (360_001.25, "100:00:01.250"),          # more than two digits of hours are allowed
    (59.9996, "00:01:00.000"),              # rounds up to a whole minute, never a 60th second
    (3599.9999, "01:00:00.000"),
    (12.3454, "00:00:12.345"),
])
def test_webvtt_timestamps(seconds, expected):
    assert webvtt_timestamp(seconds) == expected


@pytest.mark.parametrize("seconds, expected", [
    (0, "0:00:00.000"),
    (9003, "2:30:03.000"),                  # the specification's "02:30:03": 2 h 30 min 3 s
    (180_010.25, "50:00:10.250"),           # its "50:00:10.25": 50 h, 10 s and 250 ms
    (61.25, "0:01:01.250"),
    (59.9996, "0:01:00.000"),
    (12.3454, "0:00:12.345"),
])
def test_smil_full_clock_values(seconds, expected):
    assert smil_clock(seconds) == expected


def _value(match: re.Match) -> float:
    hours, minutes, secs, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + float(f"0.{fraction or 0}")


@pytest.mark.parametrize("write, grammar", [(webvtt_timestamp, WEBVTT), (smil_clock, SMIL_FULL)])
def test_every_time_fits_the_grammar_and_reads_back_to_the_millisecond(write, grammar):
    times = [n * 0.0137 for n in range(5000)] + [n * 59.9995 for n in range(200)] + [n * 3599.99951 for n in range(60)]
    for seconds in times:
        written = write(seconds)
        match = grammar.match(written)
        assert match, written
        assert _value(match) == pytest.approx(seconds, abs=0.0005 + 1e-9), written
