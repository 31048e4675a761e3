"""What a run loads: only the libraries the article and the editions asked for need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("ftfy", "charset_normalizer", "yaml", "ebooklib", "pysbd", "mutagen", "pydantic",
         "convert.audio", "convert.tts")

RUN = """
import json, sys
from pathlib import Path
from convert.pipeline import convert_all
outcomes = list(convert_all([Path(sys.argv[1])], sys.argv[2].split(","), Path(sys.argv[3])))
assert all(o.error is None for o in outcomes), outcomes
print(json.dumps(sorted(m for m in sys.modules)))
"""


def loaded(article: Path, formats: str, out: Path) -> set[str]:
    result = subprocess.run([sys.executable, "-c", RUN, str(article), formats, str(out)],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    modules = json.loads(result.stdout.splitlines()[-1])
    return {heavy for heavy in HEAVY if any(m == heavy or m.startswith(heavy + ".") for m in modules)}


def test_a_clean_text_article_loads_no_repair_yaml_epub_or_speech_stack(tmp_path):
    article = tmp_path / "plain.txt"
    article.write_text("Harbor Opens Early\n\nThe ferry left at dawn. Riders cheered.\n",
                       encoding="utf-8")
    assert loaded(article, "txt", tmp_path / "out") == set()
    assert loaded(article, "txt,epub", tmp_path / "out") == {"ebooklib"}


def test_front_matter_loads_yaml(tmp_path):
    article = tmp_path / "clipped.md"
    article.write_text("---\ntitle: Harbor Opens Early\nauthor: Ann Lee\n---\n\n"
                       "The ferry left at dawn.\n", encoding="utf-8")
    assert loaded(article, "txt", tmp_path / "out") == {"yaml"}


@pytest.mark.parametrize("data", [
    "Caf\u00e9 Opens\n\nThe caf\u00e9 opened at dawn.\n".encode("cp1252"),      # not UTF-8
    "Caf\u00c3\u00a9 Opens\n\nIt\u00e2\u20ac\u2122s open.\n".encode("utf-8"),  # mojibake
])
def test_encoding_repair_loads_only_for_bytes_that_need_it(tmp_path, data):
    article = tmp_path / "odd.txt"
    article.write_bytes(data)
    assert "ftfy" in loaded(article, "txt", tmp_path / "out")


CLI = """
import json, sys
from convert.__main__ import main
sys.argv = ["article-convert", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
import mimetypes
print(json.dumps(mimetypes.inited))   # whether the system's MIME tables were read
print(json.dumps(sorted(sys.modules)))
"""


def test_markdown_to_text_and_epub_loads_no_progress_bar_url_cleaner_extractor_or_speech(tmp_path):
    """The whole command, as run from a script: what it must not start up for a clipped article."""
    address = "https://www.Example.com/2024/01/05/harbor-opens.html?utm_source=news&te=1&page=2"
    article = tmp_path / "clipped.md"
    article.write_text(f"# Harbor Opens Early\n\n[{address}]({address})\n\nBy Ann Lee\n\n"
                       "Jan. 5, 2024\n\nThe ferry left at dawn. Riders cheered as it went.\n",
                       encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", CLI, str(article), "-o", str(out),
                             "-f", "txt,epub"], capture_output=True, text=True, check=True, cwd=ROOT)
    mime_tables_read, modules = map(json.loads, result.stdout.splitlines()[-2:])
    assert not mime_tables_read   # every EPUB item's media type is given, none guessed
    unwanted = ("rich", "courlan", "trafilatura", "babel", "tld", "urllib3", "convert.tts",
                "convert.audio", "convert.speech", "pysbd", "mutagen", "pyttsx3", "ftfy",
                "charset_normalizer", "yaml", "pydantic", "bs4", "dateutil",
                "lxml.html")   # the EPUB's pages are stored as built, never re-parsed as HTML
    assert [m for m in modules if m.split(".")[0] in unwanted or m.startswith(unwanted)] == []
    # It did the work: the EPUB names the article's address, trackers removed.
    epub = next(out.glob("*.epub"))
    import zipfile
    with zipfile.ZipFile(epub) as book:
        text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist()
                       if n.endswith((".opf", ".xhtml")))
    assert "https://www.example.com/2024/01/05/harbor-opens.html?page=2" in text
    assert "utm_source" not in text
