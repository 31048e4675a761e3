"""Failure behaviour: one line naming the file, the right exit code, nothing half-written."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
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
from convert.write.files import atomic_path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from tiny_png import tiny_png  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
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
    assert_one_line_error(result, out, f"the output would be inside {tmp_path / 'plain'}, which is a file, "
                                       "not a folder", code=2)
    assert (tmp_path / "plain").read_text() == "x"


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


def _failing_replace(monkeypatch, fail_on: str, error: BaseException):
    """os.replace as it is, except that renaming anything onto a name ending in *fail_on* raises."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(fail_on):
            raise error
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_edition_failing_leaves_nothing_of_its_article(tmp_path, monkeypatch, error):
    # The text edition is written first and succeeds; the EPUB's rename then fails.
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "out"
    _failing_replace(monkeypatch, ".epub", error)
    if isinstance(error, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            list(pipeline.convert_all([source], ["txt", "epub"], out, Options()))
    else:
        [outcome] = pipeline.convert_all([source], ["txt", "epub"], out, Options())
        assert str(outcome.error) == f"{source}: an edition could not be written: No space left on device"
    assert list(out.iterdir()) == []


def test_a_failing_commit_removes_the_editions_already_moved(tmp_path, monkeypatch):
    # The text edition is already in place when the EPUB cannot be moved beside it.
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "out"
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).parent == out and str(dst).endswith(".epub"):
            raise OSError(27, "File too large", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = run(source, "-f", "txt,epub", "-o", out)
    assert_one_line_error(result, source, "an edition could not be written (a-quiet-harbor.epub): File too large")
    assert list(out.iterdir()) == []


def test_a_rerun_leaves_unchanged_editions_alone_and_replaces_changed_ones(tmp_path):
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "out"
    assert run(source, "-f", "txt,epub", "-o", out).exit_code == 0
    past = 1_000_000_000_000_000_000
    editions = sorted(out.glob("a-quiet-harbor.*"))
    assert [p.suffix for p in editions] == [".epub", ".txt"]
    for path in editions:
        os.utime(path, ns=(past, past))
    assert run(source, "-f", "txt,epub", "-o", out).exit_code == 0
    assert [p.stat().st_mtime_ns for p in editions] == [past, past]
    source.write_text(GOOD + "\nThe ferry ran again on Monday.\n")
    old_text = editions[1].stat().st_ino
    assert run(source, "-f", "txt,epub", "-o", out).exit_code == 0
    assert all(p.stat().st_mtime_ns != past for p in editions)
    assert editions[1].stat().st_ino != old_text       # replaced by a rename
    assert "The ferry ran again on Monday." in editions[1].read_text()
    assert sorted(out.iterdir()) == editions


@pytest.mark.parametrize("name", list(WRITERS))
def test_no_writer_writes_its_edition_in_place(tmp_path, monkeypatch, name):
    # Every file a writer makes must appear under its name only by an atomic
    # rename: with renames failing, nothing may be left in the folder.
    source = tmp_path / "in" / "story.md"
    source.parent.mkdir()
    source.write_text(GOOD)
    article = pipeline.load(source)
    out = tmp_path / "out"
    out.mkdir()
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).parent == out:   # a rename into the edition's folder: the final step
            raise OSError(5, "Input/output error")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    options = Options(cache=False)
    with pytest.raises(OSError, match="Input/output error"):
        WRITERS[name].write(article, out / f"story{WRITERS[name].suffix}", options)
    assert list(out.iterdir()) == []


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
    titles = ["../../../escaped", ".dotfile", "/etc/cron.d/job", "日本語のタイトル", "¿?…"]
    sources = []
    for index, title in enumerate(titles):
        source = tmp_path / f"in{index}.md"
        source.write_text(f"# {title}\n\nThe harbor was quiet on Sunday, the first calm day in a week.\n")
        sources.append(source)
    out = tmp_path / "out"
    result = run(*sources, "-f", "txt", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    # A title in another script keeps its letters; one with no letters at all falls back to the input's name.
    assert names == ["dotfile.txt", "escaped.txt", "etc-cron-d-job.txt", "in4.txt", "日本語のタイトル.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", *(s.name for s in sources)])


# --- issue 13: each case a user met, reproduced ------------------------------------------

def written(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def leftovers(folder: Path) -> list[str]:
    """Temporary files and folders of this tool anywhere under *folder*."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.startswith(".article-convert-") or p.name.endswith(".part"))


FORBIDDEN = [chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0xFFFE, 0xFFFF)]


@pytest.mark.parametrize("name,page", [
    ("refs.html", "<html lang=en><head><title>Tide Report</title></head><body><article><h1>Tide &#12;Report</h1>"
                  "<p>The tide&#1; rose &#xFFFE;early and&#x7f; the &#x0B;boats left.</p></article></body></html>"),
    ("front.md", '---\ntitle: "Tide \\x01Report\\f"\nauthor: "Ana \\x0bRuiz"\n---\n\n'
                 "The tide rose early and the boats left.\n"),
    ("jsonld.html", '<html lang=en><head><title>Tide Report</title><script type="application/ld+json">'
                    '{"@type": "NewsArticle", "headline": "Tide \\u0001Report", "author": {"name": "Ana \\u000cRuiz"}}'
                    "</script></head><body><article><h1>Tide Report</h1>"
                    "<p>The tide rose early and the boats left.</p></article></body></html>"),
])
def test_characters_xml_forbids_never_reach_an_edition(tmp_path, name, page):
    # Case 1: a crash in the EPUB writer with the text edition left behind.
    source = tmp_path / name
    source.write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    result = run(source, "-f", "txt,epub", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert written(out) == ["tide-report.epub", "tide-report.txt"]
    text = (out / "tide-report.txt").read_text(encoding="utf-8")
    assert not any(ch in text for ch in FORBIDDEN)
    assert "Tide Report" in text and "boats left" in text


def test_an_unexpected_error_is_one_article_and_the_batch_goes_on(tmp_path, monkeypatch):
    # Case 2: a bug in one article stopped the batch.
    from convert.write import text as text_writer

    real = text_writer.render

    def render(article, wrap=None):
        if article.title == "Broken Story":
            raise ZeroDivisionError("division by zero")
        return real(article, wrap)

    monkeypatch.setattr(text_writer, "render", render)
    broken = tmp_path / "a.md"
    broken.write_text("# Broken Story\n\nIt breaks the writer.\n")
    good = tmp_path / "b.md"
    good.write_text(GOOD)
    out = tmp_path / "out"
    result = run(broken, good, "-f", "txt,epub", "-o", out, "-q")
    assert result.exit_code == 3
    assert error_lines(result) == [
        f"Error: {broken}: unexpected error (ZeroDivisionError: division by zero)",
        "This is a bug in article-convert; run with -v to see where it happened.",
        f"1 of 2 articles failed: {broken}",
    ]
    assert written(out) == ["a-quiet-harbor.epub", "a-quiet-harbor.txt"]
    verbose = run(broken, "-f", "txt", "-o", tmp_path / "out2", "-v")
    assert verbose.exit_code == 3
    assert "Traceback (most recent call last)" in verbose.output and 'in render' in verbose.output


def test_an_edition_never_takes_the_name_of_an_input(tmp_path):
    # Case 3: with -o on the inputs' folder, a.md (titled "Harbor Notes") wrote
    # harbor-notes.txt over the input of that name before it was read.
    first = tmp_path / "a.md"
    first.write_text("# Harbor Notes\n\nThe first story is short.\n")
    second = tmp_path / "harbor-notes.txt"
    second.write_text("Ferry Times\n\nThe second story is short too.\n")
    before = second.read_bytes()
    result = run(first, second, "-f", "txt", "-o", tmp_path, "-q")
    assert result.exit_code == 0, result.output
    assert second.read_bytes() == before
    assert (tmp_path / "harbor-notes-2.txt").read_text().startswith("Harbor Notes\n")
    assert (tmp_path / "ferry-times.txt").read_text().startswith("Ferry Times\n")


def test_names_are_unique_across_editions(tmp_path):
    # Case 4: "Budget Narrated" as an EPUB and the narrated EPUB of "Budget"
    # both wrote budget-narrated.epub.
    first = tmp_path / "one.md"
    first.write_text("# Budget Narrated\n\nThe council read the budget aloud.\n")
    second = tmp_path / "two.md"
    second.write_text("# Budget\n\nThe council passed the budget.\n")
    out = tmp_path / "out"
    result = run(first, second, "-f", "epub,narrated", "-o", out, "-q", "--no-cache")
    assert result.exit_code == 0, result.output
    assert written(out) == ["budget-2-narrated.epub", "budget-2.epub",
                            "budget-narrated-narrated.epub", "budget-narrated.epub"]
    import zipfile
    with zipfile.ZipFile(out / "budget-narrated.epub") as book:
        assert b"aloud" in book.read("EPUB/article.xhtml") and "EPUB/narration.mp3" not in book.namelist()


def test_a_paragraph_of_ten_million_characters_is_kept_whole_in_the_epub(tmp_path):
    # Case 5: ten million characters in one paragraph emptied the EPUB's body, exit 0.
    # lxml's HTML parser keeps nothing past about 10 MB; the pages are never
    # put through it, so every word must reach the book.
    source = tmp_path / "long.md"
    source.write_text("# One Long Paragraph\n\n" + "harbor " * 1_500_000 + "end.\n")
    out = tmp_path / "out"
    result = run(source, "-f", "txt,epub", "-o", out, "--max-size", "40")
    assert result.exit_code == 0, result.output
    import zipfile
    with zipfile.ZipFile(out / "one-long-paragraph.epub") as book:
        page = book.read("EPUB/article.xhtml")
    assert page.count(b"harbor ") == 1_500_000 and b"harbor end." in page


def test_yaml_aliases_do_not_expand_past_the_input(tmp_path):
    # Case 8: 2,000 aliases of one string made an 80 MB title from 46 KB.
    source = tmp_path / "aliases.md"
    source.write_text("---\nnote: &a " + "x" * 20_000 + "\ntitle: [" + ", ".join(["*a"] * 2000) + "]\n---\n\n"
                      "# Harbor Meeting\n\nThe council met on Tuesday.\n")
    article = pipeline.load(source)
    assert article.title == "Harbor Meeting"
    assert len(repr(article)) < source.stat().st_size


def test_parsed_text_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    # The general rule behind case 8: --max-size bounds the parsed article too.
    from convert.parse import markdown

    real = markdown.parse
    # (The stub adds text of its own, so the real parser is left to normalize it again.)
    monkeypatch.setattr(markdown, "parse",
                        lambda text, origin=None, **_: real(text + "\n\n" + "word " * 400_000, origin))
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    result = run(source, "-f", "txt", "-o", tmp_path / "out", "--max-size", "1")
    assert_one_line_error(result, source, "expands to more than the 1 MB limit of text (raise it with --max-size)")


def test_write_errors_are_one_line_and_the_batch_goes_on(tmp_path):
    # Case 10: an edition's name taken by a folder was a traceback that stopped the batch.
    first = tmp_path / "a.md"
    first.write_text(GOOD)
    second = tmp_path / "b.md"
    second.write_text("# Ferry Times\n\nThe ferry ran late.\n")
    out = tmp_path / "out"
    (out / "a-quiet-harbor.epub").mkdir(parents=True)
    result = run(first, second, "-f", "txt,epub", "-o", out, "-q")
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {first}: an edition could not be written (a-quiet-harbor.epub): Is a directory",
        f"1 of 2 articles failed: {first}",
    ]
    assert written(out) == ["a-quiet-harbor.epub", "ferry-times.epub", "ferry-times.txt"]
    assert list((out / "a-quiet-harbor.epub").iterdir()) == []
    assert leftovers(out) == []


def test_a_file_size_limit_is_a_one_line_error(tmp_path):
    # Case 10: past `ulimit -f` the process was killed by SIGXFSZ, or a traceback.
    import resource

    source = tmp_path / "story.md"
    source.write_text("# A Long Story\n\n" + "The harbor was quiet on Sunday. " * 4000 + "\n")
    small = tmp_path / "small.md"
    small.write_text(GOOD)
    out = tmp_path / "out"

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = subprocess.run([sys.executable, "-m", "convert", str(source), str(small), "-f", "txt,epub",
                           "-o", str(out), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          preexec_fn=limit)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"Error: {source}: an edition could not be written: File too large",
        f"1 of 2 articles failed: {source}",
    ]
    assert written(out) == ["a-quiet-harbor.epub", "a-quiet-harbor.txt"]
    assert leftovers(out) == []


def test_an_image_over_the_limit_is_refused_without_reading_it(tmp_path):
    # Case 12: a 400 MB file with a PNG signature was embedded despite --max-size 1.
    image = tmp_path / "huge.png"
    with image.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(400 * 1024 * 1024)   # sparse: no disk, and never read
    source = tmp_path / "story.md"
    source.write_text("# A Quiet Harbor\n\n![Boats at the quay](huge.png)\n\nThe harbor was quiet on Sunday.\n")
    out = tmp_path / "out"
    result = run(source, "-f", "txt,epub", "-o", out, "--max-size", "1")
    assert_one_line_error(result, source,
                          f"image {image} is 400.0 MB, over the 1 MB limit (raise it with --max-size)")
    assert written(out) == []


@pytest.mark.parametrize("name", ["x[/b].md", "story [draft].md", "[bold red]alarm[/].md", ":smile: notes.md"])
def test_file_names_are_printed_as_they_are(tmp_path, name):
    # Case 13: names were read as rich markup: "x[/b].md" crashed, "story [draft].md" lost "[draft]".
    good = tmp_path / name          # "x[/b].md" is the file "b].md" in the folder "x["
    good.parent.mkdir(exist_ok=True)
    good.write_text(GOOD)
    empty = tmp_path / f"empty {name}"
    empty.parent.mkdir(exist_ok=True)
    empty.write_text("")
    out = tmp_path / "out"
    result = run(good, empty, "-f", "txt", "-o", out)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{good} → {out / 'a-quiet-harbor.txt'}"]
    assert result.stderr.splitlines() == [f"Error: {empty}: is empty", f"1 of 2 articles failed: {empty}"]


@pytest.mark.parametrize("args,message", [
    (["-f", ","], f"no format given (choose from {', '.join(WRITERS)})"),
    (["-f", ""], f"no format given (choose from {', '.join(WRITERS)})"),
    (["-f", " , txt,docx"], f"unknown format docx (choose from {', '.join(WRITERS)})"),
    (["--max-size", "inf"], "--max-size must be a positive number of megabytes, not inf"),
    (["--max-size", "nan"], "--max-size must be a positive number of megabytes, not nan"),
    (["--max-size", "-1"], "--max-size must be a positive number of megabytes, not -1"),
    (["--max-size", "0"], "--max-size must be a positive number of megabytes, not 0"),
    (["-f", "audio", "--voice", "no-such-voice"], "unknown voice 'no-such-voice' for pyttsx3 (see --list-voices)"),
    (["-f", "txt", "--engine", "nope"], "unknown speech engine 'nope' (choose from pyttsx3, piper)"),
    (["--audio-format", "wav"], "--audio-format must be mp3 or m4b, not 'wav'"),
])
def test_bad_options_are_refused_before_any_article(tmp_path, monkeypatch, args, message):
    # Cases 14 and 16: nothing written with exit 0, a traceback, or an error
    # found per article after its text and EPUB were written.
    loaded = []
    monkeypatch.setattr(pipeline, "load", lambda *a, **k: loaded.append(a))
    source = tmp_path / "story.md"
    source.write_text(GOOD)
    out = tmp_path / "out"
    result = run(source, "-o", out, *args)
    assert result.exit_code == 2, result.output
    assert error_lines(result) == [f"Error: {message}"]
    assert loaded == [] and not out.exists()


def test_a_voice_is_found_by_id_name_or_language(tmp_path):
    from convert.options import check_voice
    from convert.tts import list_voices

    voice = next(v for v in list_voices("pyttsx3") if v.id.lower() == "gmw/en-us")
    for spelling in (voice.id, voice.name, "en-us", "EN-US", "English (America)"):
        check_voice("pyttsx3", spelling)


def test_an_empty_folder_among_the_inputs_is_its_own_error(tmp_path):
    # Case 18: an empty folder aborted the whole batch before anything was converted.
    empty = tmp_path / "empty"
    empty.mkdir()
    good = tmp_path / "story.md"
    good.write_text(GOOD)
    out = tmp_path / "out"
    result = run(empty, good, "-f", "txt", "-o", out, "-q")
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Error: {empty}: no articles to convert in this folder (looked for .md .markdown .txt .text .html .htm .xhtml)",
        f"1 of 2 articles failed: {empty}",
    ]
    assert written(out) == ["a-quiet-harbor.txt"]


# --- stopped mid-run -----------------------------------------------------------------------

def _start_long_audio_run(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A real run making the text and audio editions of a long article, stopped while it speaks."""
    source = tmp_path / "long.md"
    paragraph = "The ferry crossed the strait at dawn while the harbor master counted the boats. "
    source.write_text("# A Long Crossing\n\n" + "\n\n".join(f"{n}. {paragraph * 3}" for n in range(80)) + "\n")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "convert", str(source), "-f", "txt,audio", "-o", str(out),
                                "-j", "2", "-q"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        # Speaking has begun: the article is staged, the master has its scratch
        # folder in the cache, and clips are arriving from the workers.
        if list(out.glob(".article-convert-*-stage.*")) and \
                list(out.glob(".cache/editions/.article-convert-*-master.*")) and \
                list(out.glob(".cache/speech/*.wav")):
            return process, out
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"the run never reached its speech: {process.communicate()}")


def test_sigterm_mid_run_removes_every_temporary_file(tmp_path):
    process, out = _start_long_audio_run(tmp_path)
    process.send_signal(signal.SIGTERM)
    try:
        stdout, stderr = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 143, stderr
    assert stderr.splitlines()[-1] == "Error: stopped by SIGTERM; no edition was left half-written"
    assert leftovers(out) == []
    assert [name for name in written(out) if not name.startswith(".")] == []


def test_the_next_run_sweeps_what_a_killed_run_left(tmp_path):
    process, out = _start_long_audio_run(tmp_path)
    process.kill()   # SIGKILL to the run alone: its speech workers must notice and leave
    try:
        process.communicate(timeout=30)   # returns once no worker holds the run's stderr
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    left = leftovers(out)
    # SIGKILL cannot be cleaned up after: the staging and master scratch folders stay.
    assert any("-stage." in name for name in left) and any("-master." in name for name in left), left
    # A temporary file of a run still going (this test's own process) is not touched.
    alive = out / f".article-convert-{os.getpid()}-other.epub.x.part"
    alive.write_text("in use")
    result = run(tmp_path / "long.md", "-f", "txt", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert leftovers(out) == [alive.name]
    assert [name for name in written(out) if not name.startswith(".")] == ["a-long-crossing.txt"]


# A run whose speech workers start slowly (a loaded machine) and that is killed
# before they are ready.  The workers are real; only their start is delayed.
_KILLED_BEFORE_WORKERS_START = """
import os, signal, sys, threading, time
from pathlib import Path
from convert.tts import batch

real_init = batch._init_worker
def slow_init(*args):
    time.sleep(2)
    real_init(*args)
batch._init_worker = slow_init
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGKILL)).start()
texts = [f"Boat number {n} came in before the fog." for n in range(8)]
batch.speak_all(texts, batch.EngineSpec(), Path(sys.argv[1]), None, jobs=2)
"""


def test_speech_workers_that_start_after_their_run_was_killed_leave(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", _KILLED_BEFORE_WORKERS_START, str(tmp_path / "work")],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        # Returns once no worker holds the run's stderr.  A worker that took its
        # parent to be whichever process adopted it never left.
        process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError("a speech worker outlived its killed run") from None
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL


def test_a_title_or_heading_of_forbidden_characters_only_is_no_title(tmp_path):
    # Found by the fuzz target: a headline of U+FFFE alone gave an EPUB with an
    # empty title and contents entries without words.
    page = tmp_path / "page.html"
    page.write_text('<html lang=en><head><script type="application/ld+json">{"@type": "NewsArticle", '
                    '"headline": "\\ufffe"}</script></head><body><p>aa</p></body></html>')
    result = run(page, "-f", "txt", "-o", tmp_path / "out")
    assert_one_line_error(result, page, "no title found")
    story = tmp_path / "story.md"
    story.write_text("# Harbor\n\nThe ferry left.\n\n## \ufffe\uffff\n\nIt came back.\n")
    assert [type(b).__name__ for b in pipeline.load(story).blocks] == ["Paragraph", "Paragraph"]
