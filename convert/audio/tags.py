"""Tags players read: title, authors, source, date, address, cover, chapters, language.

MP3s get ID3v2.4 (one version throughout: TDRC, the recording date, exists
only in v2.4), with chapters as CHAP frames listed by a CTOC, stored in
time order.  M4B files get iTunes-style MP4 atoms; their chapters and track
language go in when ffmpeg writes the file.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Article, Photo
from .master import Chapter

# Where the edition keeps the hash of what it was made from.
ID3_KEY = "article-convert edition"
MP4_KEY = "----:org.article-convert:edition"
MP4_URL = "----:com.apple.iTunes:URL"


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


def language_code(language: str | None) -> str:
    """The ISO 639-2 code MP4 tracks carry ("eng" for "en-US"); "und" when unknown."""
    if not language:
        return "und"
    import langcodes   # only the M4B needs it
    try:
        return langcodes.Language.get(language).to_alpha3()
    except (LookupError, ValueError):
        return "und"


def _id3_class():
    from mutagen.id3 import ID3

    class TimeOrderedID3(ID3):
        """ID3 that writes its CHAP frames in time order, after every other frame.

        mutagen orders frames it does not rank by their size, so a short
        chapter title came before a long one, and players that list chapters
        in file order (ffprobe, ffmpeg-based ones) showed them shuffled.
        """

        def _write(self, config):
            chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
            self.delall("CHAP")
            try:
                data = super()._write(config)
                for frame in chapters:
                    one = ID3()
                    one.add(frame)
                    data += one._write(config)
            finally:
                for frame in chapters:
                    self.add(frame)
            return data

    return TimeOrderedID3


def tag_mp3(path: Path, article: Article, chapters: list[Chapter],
            cover: tuple[bytes, str] | None, key: str | None = None) -> None:
    from mutagen.id3 import (
        APIC, CHAP, CTOC, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TXXX, WOAS, CTOCFlags, PictureType,
    )
    tags = _id3_class()()
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
    if article.language:
        tags.add(TLAN(encoding=3, text=[language_code(article.language)]))
    if article.url:
        tags.add(WOAS(url=article.url))
    if cover:
        data, mime = cover
        tags.add(APIC(encoding=3, mime=mime, type=PictureType.COVER_FRONT, desc="Cover", data=data))
    if chapters:
        ids = [f"ch{n:03d}" for n in range(1, len(chapters) + 1)]
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                      child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
        for element_id, chapter in zip(ids, chapters):
            tags.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000),
                          end_time=round(chapter.end * 1000),
                          sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    tags.save(str(path), v2_version=4)


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
    if article.url:
        audio[MP4_URL] = [MP4FreeForm(article.url.encode("utf-8"))]
    audio["\xa9gen"] = ["Speech"]
    audio["stik"] = [2]   # media kind: audiobook
    if cover:
        data, mime = cover
        kind = MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG
        audio["covr"] = [MP4Cover(data, imageformat=kind)]
    audio.save()
