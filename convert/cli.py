"""The article-convert command: options in, one pipeline call, errors mapped to exit codes."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Iterator, Optional

import typer

from . import __version__
from .errors import ConvertError, ExitStatus, InternalError, OutputError, UsageError
from .options import Options, check, check_formats, max_bytes
from .pipeline import convert_all
from .read import article_files
from .write import WRITERS

app = typer.Typer(add_completion=False, rich_markup_mode=None)

DEFAULT_INPUT = Path("input")
DEFAULT_OUTPUT = Path("dist")


def _version(value: bool) -> None:
    if value:
        say(f"article-convert {__version__}")
        raise typer.Exit()


def _list_voices(value: bool) -> None:
    if value:
        from .tts import list_voices
        for voice in list_voices():
            say(f"{voice.engine}\t{voice.id}\t{voice.name}\t{','.join(voice.languages)}")
        raise typer.Exit()


@app.command(help="Make accessible editions (plain text, EPUB 3, spoken audio, narrated EPUB, braille) of clipped "
                  "or saved news articles.\n\nWith no INPUT, converts every article in ./input "
                  "into ./dist.")
def run(
    inputs: Optional[list[Path]] = typer.Argument(
        None, metavar="[INPUT...]", help="Article files (Markdown, text or HTML) or folders of them.",
        show_default=False),
    output: Path = typer.Option(DEFAULT_OUTPUT, "-o", "--output", metavar="DIR", help="Folder the editions are written to."),
    formats: str = typer.Option(",".join(WRITERS), "-f", "--formats", metavar="LIST",
                                help=f"Comma-separated editions to make: {', '.join(WRITERS)}."),
    wrap: Optional[int] = typer.Option(None, "--wrap", min=20, metavar="N",
                                       help="Hard-wrap the text edition at N columns (default: one line a paragraph)."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="TAG",
                                       help="The articles' language (e.g. de, pt-BR), whatever they "
                                            "declare or the text looks like; by default detected."),
    engine: str = typer.Option("pyttsx3", "--engine", metavar="NAME", help="Speech engine: pyttsx3 (espeak-ng) or piper."),
    voice: Optional[str] = typer.Option(None, "--voice", metavar="VOICE", help="Voice id or name (see --list-voices)."),
    rate: int = typer.Option(175, "--rate", min=80, max=400, metavar="WPM", help="Speaking rate in words per minute."),
    volume: float = typer.Option(1.0, "--volume", min=0.1, max=1.0, metavar="0.1-1.0", help="Voice volume before loudness normalization."),
    read_credits: bool = typer.Option(False, "--read-credits", help="Read photo and video credits aloud."),
    audio_format: str = typer.Option("mp3", "--audio-format", metavar="mp3|m4b", help="mp3, or m4b for an audiobook."),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", metavar="FILE", help="Extra pronunciations, one 'WORD<TAB>spoken form' a line."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse speech already synthesized for unchanged text."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, metavar="N", help="Parallel speech workers (default: CPU count)."),
    braille_table: Optional[str] = typer.Option(
        None, "--braille-table", metavar="TABLE",
        help="liblouis table for the braille edition (default: the article language's "
             "six-dot table, grade 2 where there is one; UEB grade 2 for English)."),
    cells: int = typer.Option(40, "--cells", min=20, max=100, metavar="N", help="Braille cells a line."),
    lines: int = typer.Option(25, "--lines", min=5, max=100, metavar="N", help="Braille lines a page."),
    max_size: float = typer.Option(20, "--max-size", metavar="MB",
                                   help="Refuse inputs, images and parsed articles larger than this."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print errors only."),
    verbose: bool = typer.Option(False, "-v", "--verbose",
                                 help="Print every file written, how each article's language was "
                                      "settled, and the traceback of an unexpected error."),
    list_voices: bool = typer.Option(False, "--list-voices", callback=_list_voices, is_eager=True,
                                     help="List the installed voices and exit."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    options = Options(wrap=wrap, language=lang, engine=engine, voice=voice, rate=rate, volume=volume,
                      read_credits=read_credits, audio_format=audio_format, lexicon=lexicon,
                      cache=cache, jobs=jobs, braille_table=braille_table, cells=cells, lines=lines)
    try:
        # Every option is checked here, once, before any article is read.
        chosen = check_formats(formats.split(","))
        limit = max_bytes(max_size)
        check(options, chosen)
        check_output(output)
        sources = gather(inputs or [DEFAULT_INPUT], named=bool(inputs))
    except ConvertError as error:
        fail(error)
    # The progress display is for a person watching a terminal; pipes get plain lines.
    with progress_display(enabled=not quiet and sys.stderr.isatty()) as display:
        current = ""

        def start(source: Path) -> None:
            nonlocal current
            current = source.name
            display(current, 0, None)

        def report(done: int, total: int, what: str) -> None:
            display(f"{current}: {what}", done, total)

        options = dataclasses.replace(options, progress=report)
        failures = []
        for outcome in convert_all(sources, chosen, output, options, limit, start):
            if verbose:
                for note in outcome.notes:
                    complain(f"{outcome.source}: {note}")
            if outcome.error is not None:
                failures.append(outcome.error)
                complain(f"Error: {outcome.error}")
                if isinstance(outcome.error, InternalError):
                    if verbose and outcome.error.__cause__ is not None:
                        complain("".join(traceback.format_exception(outcome.error.__cause__)).rstrip())
                    else:
                        complain("This is a bug in article-convert; run with -v to see where it happened.")
            if not quiet and outcome.written:   # a spoken edition no voice can read: the rest
                shown = outcome.written if verbose else [p for p in outcome.written if p.suffix != ".json"]
                say(f"{outcome.source} → {', '.join(str(p) for p in shown)}")
    if failures:
        if len(sources) > 1:
            complain(f"{len(failures)} of {len(sources)} articles failed: "
                     + ", ".join(str(f.path) for f in failures))
        raise typer.Exit(max(f.exit_status for f in failures))


# --- output ------------------------------------------------------------------------
# Lines are printed as they are (file names may hold anything): no markup,
# wrapping or highlighting.  rich is loaded only for the live progress bar,
# which only a terminal gets; a pipe or a --quiet run never pays its start-up.

_live = None   # the progress display's console while one is shown


def say(line: str) -> None:
    print(line, flush=True)


def complain(line: str) -> None:
    if _live is not None:
        _live.print(line, soft_wrap=True, markup=False, highlight=False, emoji=False)
    else:
        print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def progress_display(enabled: bool) -> Iterator:
    """A function ``show(description, done, total)``; a bar on the terminal when *enabled*."""
    global _live
    if not enabled:
        yield lambda description, done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True, highlight=False, markup=False, emoji=False)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("Converting", total=None)
        _live = console
        try:
            yield lambda description, done, total: progress.update(
                task, description=description, completed=done, total=total)
        finally:
            _live = None


def check_output(folder: Path) -> None:
    """Refuse an output folder that cannot be written, before any work starts."""
    if folder.exists() and not folder.is_dir():
        raise UsageError("the output is a file, not a folder", folder)
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"the output would be inside {existing}, which is a file, not a folder", folder)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError("the output folder cannot be written", folder)


def gather(inputs: list[Path], named: bool) -> list[Path]:
    """The article files named, with folders opened to the articles they hold.

    A folder with no articles in it stays in the list as it is: reading it
    fails for that input alone, and the rest of the batch goes on.
    """
    sources: list[Path] = []
    for path in inputs:
        if path.is_dir():
            sources += article_files(path) or [path]
        elif not path.exists() and not named:
            raise UsageError("no input folder here; name the articles to convert", path)
        else:
            sources.append(path)
    return sources


def fail(error: ConvertError) -> None:
    complain(f"Error: {error}")
    raise typer.Exit(int(error.exit_status))


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so every temporary file is removed on the way out."""


def _terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # let the clean-up finish
    raise Terminated()


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(signal, "SIGXFSZ"):
        # Past a file-size limit (ulimit -f) the write fails with EFBIG and is
        # reported for its article, instead of the signal killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        app(prog_name="article-convert")
    except Terminated:
        complain("Error: stopped by SIGTERM; no edition was left half-written")
        sys.exit(int(ExitStatus.TERMINATED))
