"""Writing an edition's files: an unchanged file is left alone, a changed one replaced whole."""

from __future__ import annotations

import os

import pytest

from convert.write.files import PREFIX, copy_if_changed, write_if_changed

# A time long past, so a file written now cannot share it by chance.
PAST = 1_000_000_000_000_000_000


def _aged(path):
    os.utime(path, ns=(PAST, PAST))
    return path


def test_a_new_file_is_written(tmp_path):
    target = tmp_path / "story.vtt"
    assert write_if_changed(target, b"WEBVTT\n") is True
    assert target.read_bytes() == b"WEBVTT\n"


def test_an_unchanged_file_keeps_its_modification_time(tmp_path):
    target = tmp_path / "story.vtt"
    target.write_bytes(b"WEBVTT\n")
    before = os.stat(_aged(target))
    assert write_if_changed(target, b"WEBVTT\n") is False
    after = os.stat(target)
    assert (after.st_mtime_ns, after.st_ino) == (PAST, before.st_ino)


def test_a_changed_file_is_replaced_by_a_rename_never_rewritten_in_place(tmp_path):
    target = tmp_path / "story.vtt"
    target.write_bytes(b"WEBVTT\n\nold\n")
    old_inode = os.stat(_aged(target)).st_ino
    with open(target, "rb") as reader:            # someone reading the old file meanwhile
        assert write_if_changed(target, b"WEBVTT\n\nnew\n") is True
        assert reader.read() == b"WEBVTT\n\nold\n"   # still whole, not truncated or mixed
    after = os.stat(target)
    assert target.read_bytes() == b"WEBVTT\n\nnew\n"
    assert after.st_ino != old_inode and after.st_mtime_ns != PAST
    assert [p.name for p in tmp_path.iterdir()] == ["story.vtt"]    # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "story.vtt"
    target.write_bytes(b"old")

    def full_disk(self, data):
        with self.open("wb") as out:
            out.write(data[:1])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(target), "write_bytes", full_disk)
    with pytest.raises(OSError):
        write_if_changed(target, b"new contents")
    assert target.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(PREFIX)]


def test_a_copy_follows_the_same_rules(tmp_path):
    source, target = tmp_path / "master.mp3", tmp_path / "story.mp3"
    source.write_bytes(b"ID3 one")
    assert copy_if_changed(source, target) is True and target.read_bytes() == b"ID3 one"
    inode = os.stat(_aged(target)).st_ino
    assert copy_if_changed(source, target) is False
    assert (os.stat(target).st_mtime_ns, os.stat(target).st_ino) == (PAST, inode)
    source.write_bytes(b"ID3 two")
    assert copy_if_changed(source, target) is True and target.read_bytes() == b"ID3 two"
    assert os.stat(target).st_ino != inode
