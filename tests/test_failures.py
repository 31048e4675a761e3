"""Failure behaviour: one line naming the file, the right exit code, nothing half-written."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from convert import pipeline
from convert.cli import app
from convert.clean import SLUG_LIMIT, slug
from convert.errors import InputError
from convert.options import Options
from convert.write import WRITERS
from convert.write import text as text_writer
from convert.write.files import atomic_path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from tiny_png import tiny_png  # noqa: E402

runner = CliRunner()
GOOD = "# A Quiet Harbor\n\nBy Ana Ruiz\n\nThe harbor was quiet on Sunday, the first calm day in a week.\n"


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


def assert_one_line_error(result, path: Path, message: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert error_lines(result) == [f"Error: {path}: {message}"], result.output


# --- inputs that are not articles -------------------------------------------------

@pytest.mark.parametrize("name,data,message", [
    ("empty.md", b"", "is empty"),
    ("blank.md", b"  \n\n\t \r\n", "holds only white space"),
    ("noise.md", random.Random(3).randbytes(3000), "is binary data, not text"),
    ("photo.md", tiny_png(), "is a PNG image, not an article"),
    ("photo.png", tiny_png(), "is a PNG image, not an article"),
    ("paper.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n", "is a PDF file, not an article"),
    ("nothing.html", b"<html><head><title>T</title></head><body><nav>Home</nav></body></html>",
     "no article text found"),
])
def test_not_an_article(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out"
    result = run(path, "-f", "txt", "-o", out)
    assert_one_line_error(result, path, message)
    assert not out.exists()


def test_missing_file(tmp_path):
    out = tmp_path / "out"
    result = run(tmp_path / "absent.md", "-f", "txt", "-o", out)
    assert_one_line_error(result, tmp_path / "absent.md", "no such file")
    assert not out.exists()


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.md"
    path.write_text(GOOD)
    if os.geteuid() != 0:
        path.chmod(0)
    else:   # root reads anything: make the read itself fail as it would for a user
        def refuse(self):
            raise PermissionError(13, "Permission denied", str(self))
        monkeypatch.setattr(Path, "read_bytes", refuse)
    out = tmp_path / "out"
    result = run(path, "-f", "txt", "-o", out)
    assert_one_line_error(result, path, "cannot be read (permission denied)")
    assert not out.exists()


def test_folder_with_nothing_to_convert(tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.md").write_text(GOOD)
    out = tmp_path / "out"
    result = run(folder, "-f", "txt", "-o", out)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1
    assert error_lines(result)[0].startswith(f"Error: {folder}: no articles to convert in this folder")
    assert not out.exists()


# --- usage and output errors, before any work ------------------------------------------

def test_output_that_is_a_file_is_a_usage_error_and_nothing_is_converted(tmp_path):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    target = tmp_path / "taken"
    target.write_text("x")
    result = run(source, "-f", "txt", "-o", target)
    assert_one_line_error(result, target, "the output is a file, not a folder", code=2)
    assert target.read_text() == "x"


def test_unwritable_output_is_refused_before_any_work(tmp_path, monkeypatch):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "locked" / "out"
    real_access = os.access
    monkeypatch.setattr("convert.cli.os.access", lambda path, mode: not mode & os.W_OK and real_access(path, mode))
    loaded = []
    monkeypatch.setattr(pipeline, "load", lambda *a, **k: loaded.append(a))
    result = run(source, "-f", "txt", "-o", out)
    assert_one_line_error(result, out, "the output folder cannot be written")
    assert loaded == [] and not out.exists()


def test_output_under_a_file_is_refused(tmp_path):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    (tmp_path / "plain").write_text("x")
    out = tmp_path / "plain" / "sub"
    result = run(source, "-f", "txt", "-o", out)
    assert result.exit_code in (1, 2)
    assert len(error_lines(result)) == 1 and "Traceback" not in result.output


def test_unknown_format_exits_2(tmp_path):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    result = run(source, "-f", "txt,docx", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown format docx" in result.output
    assert not (tmp_path / "out").exists()


# --- batches --------------------------------------------------------------------------

def test_batch_converts_the_rest_and_lists_failures(tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "a-good.md").write_text(GOOD)
    (folder / "b-empty.md").write_text("")
    (folder / "c-noise.txt").write_bytes(random.Random(5).randbytes(2000))
    (folder / "d-good.html").write_text("<html lang=en><title>Second Story</title><article><h1>Second Story</h1>"
                                        "<p>The ferry ran late on Monday because of fog in the strait.</p></article>")
    out = tmp_path / "out"
    result = run(folder, "-f", "txt", "-o", out, "-q")
    assert result.exit_code == 1
    lines = error_lines(result)
    assert lines[:2] == [f"Error: {folder / 'b-empty.md'}: is empty",
                         f"Error: {folder / 'c-noise.txt'}: is binary data, not text"]
    assert lines[2] == f"2 of 4 articles failed: {folder / 'b-empty.md'}, {folder / 'c-noise.txt'}"
    assert sorted(p.name for p in out.iterdir()) == ["a-quiet-harbor.txt", "second-story.txt"]


# --- nothing half-written ----------------------------------------------------------------

@pytest.mark.parametrize("error", [RuntimeError("writer broke"), KeyboardInterrupt()])
def test_atomic_path_leaves_nothing_on_failure(tmp_path, error):
    target = tmp_path / "edition.txt"
    with pytest.raises(type(error)):
        with atomic_path(target) as tmp:
            tmp.write_text("half an edi")
            raise error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("error", [RuntimeError("writer broke"), KeyboardInterrupt()])
def test_atomic_path_keeps_the_old_edition_on_failure(tmp_path, error):
    target = tmp_path / "edition.txt"
    target.write_text("old edition")
    with pytest.raises(type(error)):
        with atomic_path(target) as tmp:
            tmp.write_text("new half")
            raise error
    assert [p.name for p in tmp_path.iterdir()] == ["edition.txt"]
    assert target.read_text() == "old edition"


@pytest.mark.parametrize("error", [RuntimeError("writer broke"), KeyboardInterrupt()])
def test_a_writer_failing_midway_leaves_no_file(tmp_path, monkeypatch, error):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "out"

    def broken(article, target, options):
        with atomic_path(target) as tmp:
            with tmp.open("w") as handle:
                handle.write(article.title)
                handle.flush()
                raise error
        return [target]

    monkeypatch.setattr(text_writer, "write", broken)
    with pytest.raises(type(error)):
        list(pipeline.convert_all([source], ["txt"], out, Options()))
    assert list(out.iterdir()) == []


def test_every_edition_goes_through_atomic_path():
    for name, edition in WRITERS.items():
        module = sys.modules[edition.write.__module__]
        assert "atomic_path(" in Path(module.__file__).read_text(), f"the {name} writer bypasses atomic_path"


# --- size -----------------------------------------------------------------------------

def test_max_size_refuses_a_larger_input(tmp_path):
    source = tmp_path / "story.md"
    source.write_text(GOOD + "More words here. " * 200)
    out = tmp_path / "out"
    result = run(source, "-f", "txt", "-o", out, "--max-size", "0.001")
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {source}: is 0.0 MB, over the 0.001 MB limit (raise it with --max-size)"]
    assert not out.exists()


def test_default_limit_is_20_mb(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(InputError, match="over the 20 MB limit"):
        pipeline.load(path)


def test_100k_words_convert_to_text_in_reasonable_time(tmp_path):
    rng = random.Random(1)
    vocabulary = ["harbor", "council", "ferry", "island", "vote", "tide", "wall", "said", "the", "on",
                  "Tuesday", "engineers", "residents", "report", "water", "boats", "plan", "years"]
    paragraphs = []
    for _ in range(2000):
        words = [rng.choice(vocabulary) for _ in range(50)]
        paragraphs.append(" ".join(words).capitalize() + ".")
    source = tmp_path / "long.md"
    source.write_text("# A Very Long Report\n\n" + "\n\n".join(paragraphs) + "\n")
    out = tmp_path / "out"
    started = time.perf_counter()
    result = run(source, "-f", "txt", "-o", out, "-q")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    text = (out / "a-very-long-report.txt").read_text()
    assert len(text.split()) >= 100_000
    assert elapsed < 30, f"100,000 words took {elapsed:.1f} s"


# --- output names -----------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "../../../etc/passwd", "..", ".hidden", "/absolute/path", "a\\b\\c", "C:\\Windows\\evil",
    "name\x00with nul", "x" * 500, "日本語のタイトル", "%2e%2e%2f", "~/.ssh/authorized_keys", "CON", "-rf",
])
def test_slugs_are_safe_file_names(title):
    name = slug(title)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith((".", "-", "~"))
    assert len(name) <= SLUG_LIMIT


def test_hostile_titles_land_inside_the_output_folder(tmp_path):
    titles = ["../../../escaped", ".dotfile", "/etc/cron.d/job", "日本語のタイトル"]
    sources = []
    for index, title in enumerate(titles):
        source = tmp_path / f"in{index}.md"
        source.write_text(f"# {title}\n\nThe harbor was quiet on Sunday, the first calm day in a week.\n")
        sources.append(source)
    out = tmp_path / "out"
    result = run(*sources, "-f", "txt", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["escaped.txt", "etc-cron-d-job.txt", "dotfile.txt", "in3.txt"] or all(
        not n.startswith(".") and "/" not in n for n in names)
    assert len(names) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", *(s.name for s in sources)])
