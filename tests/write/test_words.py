"""Photos and videos are told in the same words by every edition that cannot show them."""

from __future__ import annotations

import louis
import pytest

from convert.model import Article, Paragraph, Photo, Text, Video
from convert.write import brf, text
from convert.write.words import media_note

PHOTO = Photo("A survey boat passes the gauge.", "Marta Quill/Harbor Courier")
VIDEO = Video("Inside the Gauge House", 105, "Engineers explain the gauge.", "Harbor Video")


def test_photo_and_video_notes_in_english():
    assert media_note(PHOTO) == "Photo: A survey boat passes the gauge. (Credit: Marta Quill/Harbor Courier)"
    assert media_note(Photo("A boat.", "")) == "Photo: A boat."
    assert media_note(VIDEO) == ("Video, 1:45: Inside the Gauge House. Engineers explain the gauge. "
                                 "(Credit: Harbor Video)")
    assert media_note(Video("", 3725, "", "")) == "Video, 1:02:05"
    assert media_note(Video("", None, "", "")) == "Video"


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("block", [PHOTO, VIDEO, Video("", 30, "", "Harbor Video")])
def test_text_and_braille_editions_say_the_same(block, language):
    said = media_note(block, language)
    article = Article(title="Tides", language=language,
                      blocks=(Paragraph((Text("The gauge."),)), block))
    assert f"[{said}]" in text.render(article).splitlines()
    table = "en-ueb-g2.ctb"
    # The braille note is the same words: liblouis reads it back to them.
    lines = [row.strip() for row in brf.render(article, table).split("\r\n")]
    start = next(i for i, row in enumerate(lines) if row.startswith(brf.TN_OPEN))
    end = next(i for i in range(start, len(lines)) if brf.TN_CLOSE in lines[i])
    braille = " ".join(lines[start:end + 1])
    braille = braille[len(brf.TN_OPEN):braille.index(brf.TN_CLOSE)]
    assert louis.backTranslateString([brf.DISPLAY_TABLE, table], braille) == said
