"""Read, parse and write: the one path every conversion takes.

Three rules hold for every article of a run, whatever its editions:

* it is isolated: whatever goes wrong with one article is reported for that
  article, and the batch goes on (an exception the tool did not expect
  becomes an ``InternalError``, a bug with its own exit status);
* its editions are written all or nothing: they are made in a staging
  folder inside the output folder and moved into place only when every one
  is done, so a failure leaves nothing of this article behind;
* its file names are unique in the run: no two editions of any articles
  share a name, and no edition takes the name of an input of the run.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .clean import slug
from .errors import ConvertError, InputError, InternalError, LeftOutError, OutputError, UsageError
from .language import settle_language
from .model import Article, Photo
from .options import MB, SPOKEN, Options, cache_folder, check_formats
from .read import DEFAULT_MAX_BYTES, read_source
from .safe import text_size, xml_safe
from .write import WRITERS
from .write import files

# Each parser module is imported only when an input of its kind turns up:
# a text-only run need not pay for BeautifulSoup's start-up.
PARSERS = {"markdown": "convert.parse.markdown", "html": "convert.parse.html"}


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, language: str | None = None,
         note: Callable[[str], None] | None = None) -> Article:
    """The article in *path*, parsed by the parser its kind needs, its language settled,
    checked for the writers.  *note* hears how the language was settled when it was not declared.
    """
    source = read_source(path, max_bytes)
    try:
        parser = import_module(PARSERS[source.kind]).parse
    except KeyError:
        raise UsageError(f"{source.kind} input is not supported yet", path) from None
    article = parser(source.text, path, normalized=True)   # read_source normalized it
    check_size(article, path, max_bytes)   # before anything rebuilds an expanded article
    article, how = settle_language(xml_safe(article), language)
    if how and note is not None:
        note(how)
    if not article.title.strip():   # it held only characters XML cannot carry
        raise InputError("no title found", path)
    if not article.blocks:
        raise InputError("no article text found", path)
    return article


def check_size(article: Article, path: Path, max_bytes: int) -> None:
    """--max-size bounds what parsing made of the input, and every image it brings in.

    An input's characters never outnumber its bytes, so an article holding
    more characters than the limit has been expanded (YAML aliases, entities).
    """
    if text_size(article) > max_bytes:
        raise InputError(f"expands to more than the {_limit(max_bytes)} MB limit of text "
                         "(raise it with --max-size)", path)
    for block in article.blocks:
        if isinstance(block, Photo) and block.image is not None:
            try:
                image_size = block.image.stat().st_size
            except OSError as error:
                raise InputError(f"image {block.image} cannot be read ({error.strerror})", path) from None
            if image_size > max_bytes:
                raise InputError(f"image {block.image} is {image_size / MB:.1f} MB, over the "
                                 f"{_limit(max_bytes)} MB limit (raise it with --max-size)", path)


def _limit(max_bytes: int) -> str:
    return f"{round(max_bytes / MB, 3):g}"


# --- names -----------------------------------------------------------------------

def edition_names(stem: str, formats: Iterable[str]) -> dict[str, str]:
    return {name: f"{stem}{WRITERS[name].suffix}" for name in formats}


class Names:
    """The file names given out in one run, and the inputs no edition may replace."""

    def __init__(self, out_dir: Path, inputs: Iterable[Path]):
        self.out_dir = out_dir
        self.taken: set[str] = set()
        self.inputs = {_key(path) for path in inputs}

    def claim(self, article: Article, source: Path) -> str:
        """A stem from the title (else the input's name) whose every edition's name is free.

        Every format's name is reserved, not only the ones asked for, so
        "Budget Narrated" (budget-narrated.epub) and the narrated edition of
        "Budget" (also budget-narrated.epub) never meet, whatever the formats.
        """
        stem = slug(article.title) or slug(source.stem) or "article"
        unique, n = stem, 2
        while not self._free(unique):
            unique, n = f"{stem}-{n}", n + 1
        self.taken.update(_fold(name) for name in edition_names(unique, WRITERS).values())
        return unique

    def _free(self, stem: str) -> bool:
        for name in edition_names(stem, WRITERS).values():
            if _fold(name) in self.taken or _key(self.out_dir / name) in self.inputs:
                return False
        return True


def _fold(name: str) -> str:
    # Two names differing only in case are one file on macOS and Windows.
    return name.casefold()


def _key(path: Path) -> str:
    return _fold(os.path.realpath(path))


# --- writing ---------------------------------------------------------------------------

def write_editions(article: Article, stem: str, formats: list[str], out_dir: Path,
                   options: Options) -> tuple[list[Path], LeftOutError | None]:
    """Write every edition of *article*, all or nothing; return the paths written.

    The editions are made in a staging folder beside their final place and
    moved there once all are done; a file already there with the same bytes
    is kept as it is, so a re-run changes no modification time in vain.  On
    any failure, an interruption included, whatever this article wrote is
    removed again.  The one exception: an edition that cannot be made in the
    article's language (no installed voice speaks it, no braille table
    writes it) is left out, the others are written, and the error is
    returned with them.
    """
    # The speech cache outlives the staging folder.
    if options.cache and options.cache_dir is None:
        options = dataclasses.replace(options, cache_dir=cache_folder(options, out_dir))
    options = with_spoken_run(options, formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    moved: list[Path] = []      # replaced or new: what a failure must take away again
    with files.temp_dir(out_dir, "stage") as stage:
        try:
            staged: list[Path] = []
            mute: LeftOutError | None = None
            for name, file_name in edition_names(stem, formats).items():
                try:
                    staged += WRITERS[name].write(article, stage / file_name, options)
                except LeftOutError as error:
                    mute = mute or error   # the article can still be read: go on with the rest
            for path in dict.fromkeys(staged):
                final = out_dir / path.relative_to(stage)
                if files.move_if_changed(path, final):    # an unchanged file keeps its mtime
                    moved.append(final)
                written.append(final)
        except BaseException:
            for path in moved:
                path.unlink(missing_ok=True)
            raise
        finally:
            if options.spoken is not None:
                options.spoken.release()   # a batch holds one article's speech at a time
    return written, mute


def with_spoken_run(options: Options, formats: list[str]) -> Options:
    """*options* carrying the state the spoken editions share, when any of *formats* speaks.

    Made once a run: one engine for each voice, and one master for every
    container the editions carry (an M4B audio edition and the narrated
    EPUB's MP3 are encoded from the same pass).
    """
    if options.spoken is not None or not any(name in SPOKEN for name in formats):
        return options
    from .audio.spoken import SpokenRun, containers
    return dataclasses.replace(options, spoken=SpokenRun(containers(formats, options.audio_format)))


@dataclass(frozen=True)
class Outcome:
    """What became of one input: the files written, or the error that stopped it."""

    source: Path
    written: list[Path]
    error: ConvertError | None = None
    notes: tuple[str, ...] = ()     # how the article was understood, shown with -v


def convert_all(sources: list[Path], formats: list[str], out_dir: Path, options: Options = Options(),
                max_bytes: int = DEFAULT_MAX_BYTES,
                on_start: Callable[[Path], None] | None = None) -> Iterator[Outcome]:
    """Convert each article into each format; one failing article does not stop the rest."""
    formats = check_formats(formats)
    options = with_spoken_run(options, formats)
    # What killed runs left: in the output folder, the speech cache, and the
    # system's temporary folder (a run's scratch when nothing is cached).
    cache = cache_folder(options, out_dir)
    for folder in (out_dir, cache / "speech", cache / "editions", Path(tempfile.gettempdir())):
        files.sweep(folder)
    names = Names(out_dir, sources)
    for source in sources:
        if on_start is not None:
            on_start(source)
        notes: list[str] = []
        try:
            article = load(source, max_bytes, options.language, notes.append)
            stem = names.claim(article, source)
            written, mute = write_editions(article, stem, formats, out_dir, options)
            if mute is not None and mute.path is None:
                mute.path = source
            yield Outcome(source, written, mute, tuple(notes))
        except ConvertError as error:
            if error.path is None:
                error.path = source
            yield Outcome(source, [], error, tuple(notes))
        except OSError as error:
            yield Outcome(source, [], write_error(error, source), tuple(notes))
        except Exception as error:   # a bug: reported for this article, and the batch goes on
            failure = InternalError(f"unexpected error ({type(error).__name__}: {error})", source)
            failure.__cause__ = error
            yield Outcome(source, [], failure, tuple(notes))


def write_error(error: OSError, source: Path) -> OutputError:
    """An OSError from writing an edition, as one line naming the file that could not be written."""
    named = getattr(error, "filename2", None) or error.filename
    where = Path(named).name if named else ""
    if where.startswith(files.PREFIX):
        where = ""   # a staging name says nothing to the user
    what = error.strerror or str(error)
    return OutputError(f"an edition could not be written{f' ({where})' if where else ''}: {what}", source)
