"""The command line: exit codes and exact messages, in-process and as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from convert.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args: str, cwd: Path | None = None):
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(old)


def article(folder: Path, name: str = "story.md", body: str | None = None) -> Path:
    path = folder / name
    path.write_text(body or "# A Quiet Harbor\n\nBy Ana Ruiz\n\nMay 4, 2024\n\n"
                    "The harbor was quiet on Sunday, the first calm day in a week.\n", encoding="utf-8")
    return path


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0
    assert "--formats" in result.output and "--wrap" in result.output and "--list-voices" in result.output
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("article-convert ")


def test_converts_one_file(tmp_path):
    source = article(tmp_path)
    result = run(str(source), "-o", str(tmp_path / "out"), "-f", "txt")
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "a-quiet-harbor.txt"
    assert written.read_text(encoding="utf-8").startswith("A Quiet Harbor\n\nBy Ana Ruiz\nMay 4, 2024\n")


def test_no_input_converts_the_input_folder(tmp_path):
    (tmp_path / "input").mkdir()
    article(tmp_path / "input", "one.md")
    article(tmp_path / "input", "two.txt", "Second Story Title\n\nIt has one paragraph.\n")
    result = run("-f", "txt", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["a-quiet-harbor.txt", "second-story-title.txt"]


def test_same_title_twice_does_not_overwrite(tmp_path):
    article(tmp_path, "a.md")
    article(tmp_path, "b.md")
    result = run(str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(tmp_path / "out"), "-f", "txt")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-quiet-harbor-2.txt", "a-quiet-harbor.txt"]


def test_output_beside_input_never_overwrites_it(tmp_path):
    source = article(tmp_path, "a-quiet-harbor.txt")
    before = source.read_bytes()
    result = run(str(source), "-o", str(tmp_path), "-f", "txt")
    assert result.exit_code == 0
    assert source.read_bytes() == before
    assert (tmp_path / "a-quiet-harbor-2.txt").read_text().startswith("A Quiet Harbor\n")


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.md", "missing.md: no such file"),
    (lambda d: (d / "empty.md").write_text("") and d / "empty.md" or d / "empty.md", "empty.md: is empty"),
    (lambda d: (d / "blank.md").write_text("  \n\t\n") and d / "blank.md", "blank.md: holds only white space"),
    (lambda d: (d / "noise.md").write_bytes(bytes(range(256)) * 4) and d / "noise.md", "noise.md: is binary data, not text"),
    (lambda d: (d / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40) and d / "photo.md", "photo.md: is a PNG image, not an article"),
    (lambda d: (d / "empty-folder").mkdir() or d / "empty-folder", "empty-folder: no articles to convert in this folder"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, make, message):
    path = make(tmp_path)
    out = tmp_path / "out"
    result = run(str(path), "-o", str(out), "-f", "txt")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run(str(article(tmp_path)), "-o", str(tmp_path / "out"), "-f", "txt,pdf")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: unknown format pdf (choose from " + ", ".join(
        __import__("convert.write", fromlist=["WRITERS"]).WRITERS) + ")"
    assert not (tmp_path / "out").exists()


def test_output_that_is_a_file_is_refused_before_work(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    result = run(str(article(tmp_path)), "-o", str(blocker), "-f", "txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {blocker}: the output is a file, not a folder"


def test_batch_goes_on_after_a_failure(tmp_path):
    good = article(tmp_path, "good.md")
    bad = tmp_path / "bad.md"
    bad.write_text("")
    result = run(str(bad), str(good), "-o", str(tmp_path / "out"), "-f", "txt")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "a-quiet-harbor.txt").is_file()
    assert result.stderr.strip().splitlines() == [f"Error: {bad}: is empty",
                                                  f"1 of 2 articles failed: {bad}"]


def test_real_subprocess(tmp_path):
    source = article(tmp_path)
    done = subprocess.run([sys.executable, "-m", "convert", str(source), "-o", str(tmp_path / "out"), "-f", "txt"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "a-quiet-harbor.txt").is_file()
    missing = subprocess.run([sys.executable, "-m", "convert", str(tmp_path / "nope.md"), "-f", "txt"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert missing.returncode == 1
    assert missing.stderr == f"Error: {tmp_path / 'nope.md'}: no such file\n"
    assert missing.stdout == ""
