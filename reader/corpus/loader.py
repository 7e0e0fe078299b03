"""Load articles: one file (`load_file`), a file anywhere (`load_path`), whole corpora (`load_corpus`).

Pipeline for every article: read the bytes (size cap, empty and binary files refused) -> decode
(BOM, UTF-8, cp1252, latin-1) -> sanitise (escape sequences and controls stripped, NFC) -> parse
the format (front matter, HTML, feed entry, JSON line) -> merge metadata with the folder's
corpus.yaml -> reader.corpus.clean.clean_and_infer (boilerplate, outlet/date/title inference)
-> sanitise again -> Article. Whatever fails is a Skipped with a reason; nothing raises for bad
input, and nothing is ever written.

Limits: an article file (text, Markdown, HTML) may be at most 10 MiB; a feed or JSON Lines file
(many articles) at most 40 MiB, each of its articles at most 10 MiB of text; a JSON Lines file
the indexer reads (iter_file's any_size_jsonl) at most 512 MiB, each of its lines at most 20 MiB
when the file is over 40 MiB. A JSON Lines file on the disk is read a line at a time, never whole.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO, Callable, Generator, Iterable, Iterator

from reader.corpus.decode import (
    BinaryFile,
    binary_reason,
    late_nul_line,
    blank_behind_bom,
    control_ratio,
    decode_bytes,
    is_wide_text,
    nfc,
    sanitize,
    sanitize_line,
    script_hint,
    read_with_strays,
    stray_bytes,
    strays_said,
    utf8_with_strays,
)
from reader.corpus.folder_charset import script_hint_for
from reader.corpus.discover import _printable, discover, outside_corpus, read_problem
from reader.corpus.compressed import (
    BadCompressed,
    GZIP,
    Codec,
    Decompressed,
    codec_of_data,
    codec_of_name,
    decompressed_size,
    most_compressed,
    decompression_errors,
    gather,
    ignored_bytes_warning,
    open_decompressed,
    read_decompressed,
)
from reader.corpus.embedded import TooLarge, read_without_embedded, without_embedded
from reader.corpus.raw_text import without_huge_raw_text
from reader.corpus.formats import (
    ALIASES,
    BODY_KEYS,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    SAVED_PAGE_SUFFIXES,
    SUPPORTED_SUFFIXES,
    FormatError,
    loads_json,
    normalise_meta,
    parse_feed,
    parse_json_line,
    parse_json_object,
    split_front_matter,
)
from reader.corpus.manifest import FIELDS, manifest_for
from reader.corpus.model import Article, Entries, LoadResult, Skipped
from reader.wording import quoted_key
from reader.corpus.suffixes import (
    EMAIL_SUFFIXES,
    WEBARCHIVE_SUFFIX,
    article_suffix,
    compression_suffix,
    is_compressed,
)
from reader.corpus.regular_file import LeadsOutside, bound_for, open_regular, reading_inside, special_kind

MIB = 1024 * 1024
MAX_ARTICLE_BYTES = 10 * MIB
MAX_COLLECTION_BYTES = 40 * MIB
# An HTML page over MAX_ARTICLE_BYTES is read a chunk at a time without the images and fonts it
# embeds (reader.corpus.embedded), and loaded when the rest is within MAX_ARTICLE_BYTES; past
# this, reading it through is not worth its time (a 256 MB page: ~1 s of reading and cutting).
MAX_PAGE_BYTES = 256 * MIB
# A page saved as one file (MHTML, a web archive) is read whole: its images are most of it, 5-50
# MB for a news page saved with them (a 49 MB MHTML file: 0.1 s, its size in memory).
MAX_SAVED_PAGE_BYTES = 128 * MIB
# A JSON Lines file the indexer reads a line at a time: its text is never held whole, but each
# article's metadata and story record (~7 KB) are, until the update ends (200 MB, 50,000
# articles: ~500 MB at the loading worker's peak), in the worker and in the update's process.
# Measured (tracemalloc, 1,500 articles of synth_real.py's big.jsonl): the packed story record
# ~3.8 KB (its words, names and shingles: what the grouping and the state database need), the
# metadata dict ~1.5 KB in memory; the analysis caches that also grow with the articles are
# bounded (features._CACHE_MAX, textstats' 500,000 words).
MAX_STREAMED_JSONL_BYTES = 512 * MIB
# Decoded text with more than this share of control characters is binary junk, not an article.
MAX_CONTROL_RATIO = 0.05


def _cleaner() -> Callable:
    from reader.corpus.clean import clean_and_infer

    return clean_and_infer


# The date a page states only as its last edit's (html.parse_html's date_is_edit), kept apart from
# the date it gives: the article's date only when nothing else dates it.
EDIT_DATE_KEY = "_edit_date"


def _parse_date(value) -> str | None:
    from reader.corpus.infer import parse_date

    return parse_date(value)


def _moment_fits_day(moment: str, day: str) -> bool:
    from reader.corpus.infer import moment_fits_day

    return moment_fits_day(moment, day)


def _date_problem(value) -> str:
    """Why a given date is refused: a date of an archive from 1850 is a full, valid one."""
    from reader.corpus.infer import MAX_YEAR, MIN_YEAR, is_epoch, parse_date

    if is_epoch(value):
        return "is the Unix epoch (1970-01-01 00:00 UTC), what a system writes for a date it does not have"
    if parse_date(value, any_year=True) is not None:
        return f"is outside the years reader reads dates in ({MIN_YEAR} to {MAX_YEAR})"
    return "is not a full, valid date"


def _html_parser() -> Callable:
    # Imported on first use: trafilatura is slow to import and most corpora hold no HTML.
    from reader.corpus.html import parse_html

    return parse_html


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MB" if n >= MIB / 10 else f"{n} bytes"


def _relative_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix()


def id_base(rel: str) -> str:
    """The id of the article of a corpus file at `rel` under its folder (a feed's or JSON Lines
    file's entries are this and "#n"), as load_file gives it."""
    return _strip_suffix(_printable(rel))


def _strip_suffix(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    # "page.html.gz" is the article "page", as "page.html" is; "feed.xml.gz", named on the
    # command line (no corpus reads it), the article "feed"
    cut = len(compression_suffix(name) or "")
    if cut and name[:-cut].lstrip("."):
        rel, name = rel[:-cut], name[:-cut]
    if "." in name.lstrip("."):
        return rel[: len(rel) - len(name)] + name[: name.rfind(".")]
    return rel


class _Context:
    """What every article of one file shares. `on_disk` false: bytes from no file (standard
    input), which no folder's corpus.yaml, file name or path describes."""

    def __init__(self, path: Path, rel: str, *, on_disk: bool = True):
        self.path = path
        self.rel = rel
        self.on_disk = on_disk
        self.id_base = _strip_suffix(rel) if on_disk else rel
        self.warnings: list[Skipped] = []  # about articles that were read all the same
        self.weekdays = True  # false: its given dates' weekdays are wrong throughout (_WeekdayTally)
        self.page_url: str | None = None  # the address a saved page's file says it was saved from
        manifest = manifest_for(path.parent) if on_disk else None
        self.defaults: dict
        self.entry: dict
        if manifest is None:
            self.defaults, self.entry = {}, {}
        else:
            self.defaults, self.entry = manifest.metadata_for(path.name)

    def article(
        self,
        article_id: str,
        body: str,
        own: dict,
        *,
        collection: bool,
        cut_from_sanitised: bool = False,
        path_date: bool = True,
    ) -> Article | Skipped:
        """The article of `body` (`cut_from_sanitised`: a piece of a text `sanitize` has seen,
        which has no controls left to strip) and its metadata."""
        where = article_id if collection else self.rel
        try:
            feed_title = own.get("_feed_title")
            saved = own.get("_saved")
            problems = list(own.get("_problems") or ())
            time_given = own.get("_time")
            site = own.get("_site")
            previous = None if collection else _previous_id(article_id, own.get("_previous"))
            fetched = None if collection else own.get("_fetched")  # (a feed's entries: none stored)
            # a page's last edit, when it states no publication date: its date only when nothing
            # else (its text, its address, its path) dates it, and then said to be inferred
            edit_date = own.get(EDIT_DATE_KEY)
            own = {k: v for k, v in own.items() if k in FIELDS}
            if collection:
                meta = {**self.defaults, **self.entry, **own}
            else:
                meta = {**self.defaults, **own, **self.entry}
            meta = {key: meta.get(key) for key in FIELDS}
            # the time of day of the date the article itself gives (a corpus.yaml's date has none),
            # when it can be of that day (a `time:` beside another `date:` is not)
            time = time_given if time_given and own.get("date") and meta["date"] == own["date"] else None
            # (the day of the date as written: "Tue, 05 Mar 2024 18:30:00 EST" is 2024-03-05)
            if time and not _moment_fits_day(time, _parse_date(meta["date"]) or ""):
                time = None
            body = (nfc(body) if cut_from_sanitised else sanitize(body)).strip()
            if len(body) > MAX_ARTICLE_BYTES:
                return Skipped(where, f"article too long ({_size(len(body))} of text; the limit is 10 MB)")
            if not body.strip():
                return Skipped(where, "no article text (empty after the metadata)")
            if not _has_visible_character(body):  # (was "no article text left after removing boilerplate")
                return Skipped(
                    where, "no article text (only invisible characters: zero-width spaces, joiners and the like)"
                )
            text, done, inferred = _cleaner()(
                body,
                meta,
                source_name=self.rel,
                feed_title=feed_title,
                path_hints=not collection and self.on_disk,
                path_date=path_date and self.on_disk,
                saved=saved,
                weekdays=self.weekdays,
                site=site,
            )
            text = sanitize(text).strip()
            if not text:
                return Skipped(where, "no article text left after removing boilerplate")
            if done.get("refused_date"):  # (clean.REFUSED_DATE_KEY) the time given was of that date
                time = None
            if time is None:  # (given only when the date is read from the text: clean.TEXT_TIME_KEY)
                time = done.get("text_time")  # "date 2025-10-21 6:30 PM", "Published … at 6:30 PM"
            values = {}
            for key in FIELDS:
                value = done.get(key)
                values[key] = sanitize_line(value) or None if isinstance(value, str) else None
            if edit_date and values["date"] is None and (edit_day := _parse_date(edit_date)):
                values["date"] = edit_day  # (an edit that reads as no date dates nothing, inferred or not)
                inferred = {*inferred, "date"}
            given_date = meta.get("date")
            if given_date is not None and _parse_date(given_date) is None:
                shown = sanitize_line(str(given_date))[:60]
                problems.append(f"the date {shown!r} {_date_problem(given_date)}; it is ignored")
            elif refused := done.get("refused_date"):
                problems.append(f"the date {sanitize_line(refused)}; it is ignored")
            self.warnings.extend(Skipped(where, problem, warning=True) for problem in problems)
            return Article(
                id=article_id,
                path=self.path,
                text=text,
                # (a time of another day than the article's is none of its: whatever read it)
                time=time if values["date"] and _moment_fits_day(time or "", values["date"]) else None,
                inferred=frozenset(k for k in inferred if k in FIELDS),
                title_source=done.get("title_source") if values["title"] else None,
                previous=previous,
                fetched=fetched,
                **values,
            )
        except Exception as exc:  # a bug in cleaning must not stop the rest of the corpus
            return Skipped(where, f"could not be processed ({type(exc).__name__}: {sanitize_line(str(exc))})")


def _previous_id(article_id: str, written: str | None) -> str | None:
    """The corpus id of the version an article's front matter names as the one it replaces.
    `reader fetch` writes it as an id under the fetched folder ("outlet/stem"), whose articles
    sit as deep as it: it stands for the same place under whatever corpus folder holds them
    ("fetched/outlet/stem" when the folder given is the data dir). None for none, or itself."""
    if not written:
        return None
    depth = written.count("/") + 1
    parts = article_id.split("/")
    if len(parts) < depth:
        return None
    resolved = "/".join([*parts[: len(parts) - depth], written])
    return None if resolved == article_id else resolved


def _add(result: LoadResult, item: Article | Skipped) -> None:
    if isinstance(item, Article):
        result.articles.append(item)
    else:
        result.skipped.append(item)


def load_file(path: Path, root: Path) -> LoadResult:
    """One file -> its articles (0..n) and the reasons anything in it was skipped. Never raises.

    Article ids are the path relative to `root` without the extension ("/" separators); entries
    of feeds and JSON Lines files get "#n" (1-based: the entry's position in a feed, the line
    number in a JSON Lines file). Picklable in and out: the indexer calls it in worker processes.
    """
    result = LoadResult()
    for item in iter_file(path, root):
        _add(result, item)
    return result


def iter_file(
    path: Path, root: Path, entries: Entries | None = None, *, any_size_jsonl: bool = False
) -> Iterator[Article | Skipped]:
    """_iter_file's articles and problems, its text decoded with what the file's name and its
    folder's other files say of its script when its bytes read as Russian and Greek alike
    (reader.corpus.folder_charset; `entries.folder_answer` says what the folder answered). The
    hint is set for each step alone: nothing the caller does between two items decodes with it."""
    entries = entries if entries is not None else Entries()
    items = _iter_file(path, root, entries, any_size_jsonl=any_size_jsonl)
    hint = script_hint_for(Path(path))
    try:
        while True:
            with script_hint(hint):
                item = next(items, None)
            entries.folder_answer = hint.folder_answer
            if item is None:
                return
            yield item
    finally:
        items.close()  # (a caller that stops early: the file it holds open is closed now)


def _iter_file(
    path: Path, root: Path, entries: Entries | None = None, *, any_size_jsonl: bool = False
) -> Generator[Article | Skipped, None, None]:
    """load_file's articles and problems one at a time, as they are read: a JSON Lines file's
    article by article (its first one comes at once, not after thousands; the caller may stop
    between two), other kinds once the file is read. `entries` is kept up to date before each
    item. A JSON Lines file (by its suffix) is read line by line from the disk (_stream_jsonl),
    its text never held whole. `any_size_jsonl`: one over MAX_COLLECTION_BYTES, up to
    MAX_STREAMED_JSONL_BYTES, is read rather than refused (the indexer, which spills the articles
    as they come; load_file holds them all), and a file that cannot be read to its end raises
    ReadStopped (its articles so far were given); without it, that file is skipped as unreadable.
    Never raises for a bad file."""
    entries = entries if entries is not None else Entries()
    path, root = Path(path), Path(root)
    rel = _printable(_relative_id(path, root))
    suffix = article_suffix(path.name) or path.suffix.lower()
    compressed = is_compressed(path.name)  # "page.html.gz": read as the page it decompresses to
    # A file of a kind the corpus does not read was named on purpose (`reader show notes.json`,
    # `reader show feed.xml.gz`): its format, and compression, is told from its content, as
    # standard input's is (_sniffed_items), rather than shown as raw text.
    unknown = suffix not in SUPPORTED_SUFFIXES
    collection = unknown or suffix in FEED_SUFFIXES or suffix in JSONL_SUFFIXES or suffix in JSON_SUFFIXES
    limit = MAX_COLLECTION_BYTES if collection else MAX_ARTICLE_BYTES
    if suffix in EMAIL_SUFFIXES:  # a mail with a report attached: only its text part is decoded
        limit = MAX_SAVED_PAGE_BYTES
    try:
        st, handle = open_regular(path)
        with handle:
            if compressed and stat.S_ISREG(st.st_mode):
                yield from _compressed_items(handle, st, suffix, limit, _Context(path, rel), entries)
                return
            if suffix in _SERVED_SUFFIXES and stat.S_ISREG(st.st_mode) and _gzip_body(handle):
                yield from _compressed_items(handle, st, suffix, limit, _Context(path, rel), entries, GZIP)
                return
            if suffix in JSONL_SUFFIXES and stat.S_ISREG(st.st_mode) and (any_size_jsonl or st.st_size <= limit):
                if st.st_size > MAX_STREAMED_JSONL_BYTES:
                    most = MAX_STREAMED_JSONL_BYTES // MIB
                    yield Skipped(rel, f"file too large ({_size(st.st_size)}; the limit is {most} MB for JSON Lines)")
                    return
                context = _Context(path, rel)
                items = _stream_jsonl(handle, st.st_size, context, entries, few_warnings=any_size_jsonl)
                yield from _guarded(items, context, streamed=True)
                return
            if unknown and stat.S_ISREG(st.st_mode) and st.st_size <= limit:
                yield from _sniffed_items(handle, _Context(path, rel), entries)
                return
            data: bytes | None
            if suffix in SAVED_PAGE_SUFFIXES and stat.S_ISREG(st.st_mode):
                yield from _saved_page_items(handle, st, suffix, _Context(path, rel), entries)
                return
            if suffix in HTML_SUFFIXES and stat.S_ISREG(st.st_mode) and limit < st.st_size <= MAX_PAGE_BYTES:
                data = _read_page_cut(lambda: _rewound(handle), limit)
            else:
                data = handle.read(limit + 1) if stat.S_ISREG(st.st_mode) and st.st_size <= limit else None
    except TooLarge:
        most = limit // MIB
        without = "without the images and fonts it embeds"
        yield Skipped(rel, f"page too large ({_size(st.st_size)}; over the {most} MB limit {without})")
        return
    except LeadsOutside as exc:  # a link swapped since the scan, which refused it (reading_inside)
        yield Skipped(rel, outside_corpus(str(path), exc.real))
        return
    except ReadStopped as exc:
        if any_size_jsonl:
            raise
        # load_file never raises: the file is said unreadable, as one that fails to open is.
        yield Skipped(rel, read_problem(exc, path))
        return
    except (OSError, UnicodeEncodeError) as exc:  # (a name the file system's encoding cannot take)
        yield Skipped(rel, read_problem(exc, path))
        return
    if not stat.S_ISREG(st.st_mode):
        kind = special_kind(st.st_mode) or "a folder"
        yield Skipped(rel, f"{kind}, not a regular file (not read)")
        return
    if data is None:
        if suffix in HTML_SUFFIXES:
            most = MAX_PAGE_BYTES // MIB
            yield Skipped(rel, f"file too large ({_size(st.st_size)}; the limit is {most} MB for an HTML page)")
            return
        yield Skipped(rel, f"file too large ({_size(st.st_size)}; the limit is {limit // MIB} MB)")
        return
    if len(data) > limit:
        yield Skipped(rel, f"file too large (over {limit // MIB} MB, the limit)")
        return
    if not data.strip():
        yield Skipped(rel, "empty file" if not data else "empty file (only whitespace)")
        return
    if blank := blank_behind_bom(data):
        yield Skipped(rel, blank)
        return
    if suffix in FEED_SUFFIXES:
        kind = "feed"
    elif suffix in JSONL_SUFFIXES:
        kind = "jsonl"
    elif suffix in JSON_SUFFIXES:
        kind = "json"
    elif suffix in EMAIL_SUFFIXES:
        kind = "email"
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "text"
    context = _Context(path, rel)
    yield from _data_items(data, _kind_by_content(data, kind, context), context, entries)


# A whole web page under a text file's name ("page.txt", a browser's "Save as" of the wrong type):
# its doctype or <html> tag and another tag next (an XML declaration or comments before, as
# Internet Explorer's "<!-- saved from url=… -->"). Text that names them, "<!DOCTYPE html> is the
# first line of every page", "<html> is the root element", is text.
_HTML_DOCUMENT_START = re.compile(
    rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html[^>]*>\s*(?:<!--.*?-->\s*)*<[!a-z]"
    rb"|<html(?:\s[^>]*)?>\s*(?:<!--.*?-->\s*)*<[a-z])",
    re.I | re.S,
)


# Lines of a text file read to tell JSON Lines from prose that opens with a brace.
_JSONL_PROBE_LINES = 20


def _json_under_text_name(data: bytes) -> str | None:
    """ "json", "jsonl" or "feed" when a text file's bytes are JSON (a JSON article, a list of
    them, JSON Lines, a JSON Feed saved as "article.txt"), told by content alone: the whole file
    parses as one object or list of objects, or each of its first lines as an object. Prose that
    opens with a brace ("{Editor's note: …}", "[Updated] …") parses as neither: text still."""
    from reader.corpus.formats import read_json_feed

    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith((b"{", b"[")):
        return None
    if _json_articles(start) is not None:
        return "feed" if start.startswith(b"{") and read_json_feed(data) is not None else "json"
    return "jsonl" if _opens_json_lines(start) else None


def _opens_json_lines(start: bytes, at_least: int = 1) -> bool:
    """Whether each of the first lines of `start` (no blank or byte-order mark before it), and
    `at_least` of them, is a JSON object: JSON Lines."""
    if not start.startswith(b"{"):
        return False
    lines = [line for line in start.split(b"\n", _JSONL_PROBE_LINES)[:_JSONL_PROBE_LINES] if line.strip()]
    if len(lines) < at_least:
        return False
    for line in lines:
        try:
            if not isinstance(loads_json(line), dict):
                return False
        except (ValueError, RecursionError):
            return False
    return True


def _is_json_feed(data: bytes) -> bool:
    from reader.corpus.formats import read_json_feed

    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and read_json_feed(data) is not None


def _kind_by_content(data: bytes, kind: str, context: _Context) -> str:
    """`kind` as the file's name says ("html", "text"), or the other when its bytes plainly are:
    a text file that opens a whole HTML document is a page (its markup was its article, "<html>…"
    its title), a page with no markup at all is text (skipped as "no article text found"), said
    in a warning. Markdown's own HTML ("<div>" in a .md file) opens no document: text still."""
    if kind == "json" and _is_json_feed(data):
        return "feed"  # a JSON Feed saved as "feed.json", its usual name
    if kind == "json" and _opens_json_lines(data.lstrip(b"\xef\xbb\xbf \t\r\n"), at_least=2):
        return "jsonl"  # JSON Lines named .json, as many tools write them (two objects are no one JSON value)
    if kind == "text" and (as_json := _json_under_text_name(data)) is not None:
        what = {"jsonl": "JSON Lines", "feed": "a JSON Feed"}.get(as_json, "JSON")
        context.warnings.append(Skipped(context.rel, f"{what} under a text file's name: read as {what}", warning=True))
        return as_json
    if kind == "text" and _HTML_DOCUMENT_START.match(data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")):
        context.warnings.append(
            Skipped(context.rel, "an HTML page under a text file's name: read as a page", warning=True)
        )
        return "html"
    if kind == "html" and b"<" not in data and not is_wide_text(data):
        context.warnings.append(Skipped(context.rel, "no markup in this page: read as plain text", warning=True))
        return "text"
    return kind


def _compressed_items(
    handle: BinaryIO,
    st: os.stat_result,
    suffix: str,
    limit: int,
    context: _Context,
    entries: Entries,
    codec: Codec | None = None,
) -> Iterator[Article | Skipped]:
    """The articles of a gzip, bzip2 or xz file holding a file of `suffix`, its decompressed bytes
    bounded as a plain file's are (a JSON Lines file's by a feed's limit, read a line at a time; a
    saved page's by MAX_SAVED_PAGE_BYTES); a page over an article's limit is read again without
    the files it embeds, as a plain one is. `codec`: the one its bytes are in, when its name
    does not say it (_gzip_body)."""
    rel, page, saved = context.rel, suffix in HTML_SUFFIXES, suffix in SAVED_PAGE_SUFFIXES
    codec = codec or codec_of_name(context.path.name)
    if saved:
        limit = MAX_SAVED_PAGE_BYTES
    most = MAX_PAGE_BYTES if page else limit
    # The limit is the data's: more compressed bytes than `most`'s worth of data compresses to is
    # refused as they are read (gzip header fields, of any length, not counted), or, for a codec
    # with no header fields, unread.
    if codec is not GZIP and st.st_size > most_compressed(most):
        yield Skipped(
            rel, f"file too large ({_size(st.st_size)} compressed; the limit is {most // MIB} MB once decompressed)"
        )
        return
    if suffix in JSONL_SUFFIXES:
        yield from _compressed_jsonl(handle, codec, limit, context, entries)
        return
    try:
        data, ignored = read_decompressed(handle, codec, limit, most)
        if page and len(data) > limit:
            opened: list[Decompressed] = []  # (read to its end, the last tells what it ignored)
            with decompression_errors(handle, codec):
                data = _read_page_cut(
                    lambda: _appended(opened, open_decompressed(_rewound(handle), codec, most)), limit
                )
            ignored = opened[-1].ignored
    except BadCompressed as exc:
        yield Skipped(rel, str(exc))
        return
    except TooLarge:
        without = "without the images and fonts it embeds"
        yield Skipped(rel, f"page too large (over the {limit // MIB} MB limit {without}, once decompressed)")
        return
    if len(data) > limit:
        yield Skipped(rel, f"file too large (over {limit // MIB} MB, the limit, once decompressed)")
        return
    if not data or data.isspace():  # (not .strip(): a copy of a saved page's tens of megabytes)
        yield Skipped(rel, "empty file (once decompressed)")
        return
    if blank := blank_behind_bom(data):
        yield Skipped(rel, f"{blank}, once decompressed")
        return
    if ignored:
        context.warnings.append(Skipped(rel, ignored_bytes_warning(ignored, codec), warning=True))
    if saved:
        found = _page_of_saved(data, suffix, rel)
        del data
        yield from _saved_page_article(found, context, entries)
        return
    kind = "feed" if suffix in FEED_SUFFIXES else "json" if suffix in JSON_SUFFIXES else "html" if page else "text"
    yield from _data_items(data, _kind_by_content(data, kind, context), context, entries, None)


def _compressed_jsonl(
    handle: BinaryIO, codec: Codec, limit: int, context: _Context, entries: Entries
) -> Iterator[Article | Skipped]:
    """The articles of a compressed file holding JSON Lines, read as a plain one on the disk is
    (_stream_jsonl, a line at a time: held whole, 40 MB of lines were ~3 times that in memory).
    It is decompressed once first, a block at a time, to know its size and that its data is
    whole (a damaged file gives none of its articles, as before), then twice more as it is read."""
    rel = context.rel
    try:
        with decompression_errors(handle, codec):
            counting = open_decompressed(_rewound(handle), codec, limit)
            size = decompressed_size(counting, limit)
    except BadCompressed as exc:
        yield Skipped(rel, str(exc))
        return
    if size > limit:
        yield Skipped(rel, f"file too large (over {limit // MIB} MB, the limit, once decompressed)")
        return
    if not size:
        yield Skipped(rel, "empty file (once decompressed)")
        return
    if counting.ignored:
        context.warnings.append(Skipped(rel, ignored_bytes_warning(counting.ignored, codec), warning=True))
    items = _stream_jsonl(open_decompressed(_rewound(handle), codec, limit), size, context, entries, few_warnings=False)
    try:
        with decompression_errors(handle, codec):  # (only a file rewritten since its first reading)
            for item in _guarded(items, context, streamed=True):
                if isinstance(item, Skipped) and item.path == rel and item.reason.startswith("empty file"):
                    item = Skipped(rel, "empty file (once decompressed)")
                yield item
    except BadCompressed as exc:
        yield Skipped(rel, str(exc))


def _saved_page_items(
    handle: BinaryIO, st: os.stat_result, suffix: str, context: _Context, entries: Entries
) -> Iterator[Article | Skipped]:
    """The article of a page saved as one file (an MHTML file, a Safari web archive). Its images
    make it large: it is read whole up to MAX_SAVED_PAGE_BYTES (one copy; only the page is decoded)."""
    rel = context.rel
    if st.st_size > MAX_SAVED_PAGE_BYTES:
        most = MAX_SAVED_PAGE_BYTES // MIB
        yield Skipped(rel, f"file too large ({_size(st.st_size)}; the limit is {most} MB for a saved page)")
        return
    data = handle.read(st.st_size + 1)  # (not the limit: read(n) sets n bytes aside first)
    if not data or data.isspace():  # (not .strip(): a copy of tens of megabytes)
        yield Skipped(rel, "empty file" if not data else "empty file (only whitespace)")
        return
    if len(data) > MAX_SAVED_PAGE_BYTES:  # grown since its size was read
        yield Skipped(rel, f"file too large (over {MAX_SAVED_PAGE_BYTES // MIB} MB, the limit for a saved page)")
        return
    found = _page_of_saved(data, suffix, rel)
    del data
    yield from _saved_page_article(found, context, entries)


def _page_of_saved(data: bytes, suffix: str, rel: str) -> tuple[bytes, str | None, str] | Skipped:
    """(the page, the address it was saved from, its kind: "html", or "text" for an MHTML file
    of plain text alone) of a saved page's bytes (a file's, decompressed, or piped in; not empty,
    within MAX_SAVED_PAGE_BYTES), or why it has none; `suffix` (".mhtml", ".webarchive") says
    which kind it is. The page is read as a .html file is (its text as a .txt file is), its
    address as the page's own (its outlet and date are told from it as from a canonical link)."""
    from reader.corpus import mhtml, webarchive

    url = None
    kind = "html"
    if _sniff(data[:65536])[0] == "html":  # a .html file renamed: read as the page it is
        page = data
    else:
        read = webarchive.saved_page if suffix == WEBARCHIVE_SUFFIX else mhtml.saved_page
        try:
            saved = read(data)
        except FormatError as exc:
            return Skipped(rel, str(exc))
        page, url = saved.html, saved.url
        kind = "text" if saved.plain else "html"
    if len(page) > MAX_ARTICLE_BYTES:
        page = _page_without_embedded(page, kind)
        if len(page) > MAX_ARTICLE_BYTES:
            most = MAX_ARTICLE_BYTES // MIB
            what = "its HTML is" if kind == "html" else "its text is"
            return Skipped(rel, f"page too large ({what} over the {most} MB limit without the images it embeds)")
    return page, url, kind


def _saved_page_article(
    found: tuple[bytes, str | None, str] | Skipped, context: _Context, entries: Entries
) -> Iterator[Article | Skipped]:
    """The article of what _page_of_saved found (its caller holds the saved page's bytes no more:
    its images, tens of megabytes, are not held while the page is read)."""
    if isinstance(found, Skipped):
        yield found
        return
    page, context.page_url, kind = found
    yield from _data_items(page, kind, context, entries, None)


def _read_page_cut(opened: Callable[[], BinaryIO], limit: int) -> bytes:
    """A page over `limit` (`opened` gives it from its start), read without the files it embeds;
    when that is still over the limit, read again without the content of its huge <script> and
    <style> elements too: only then, for such a script may hold the page's date. TooLarge when
    even that is over."""
    try:
        return read_without_embedded(opened(), limit, MAX_PAGE_BYTES)
    except TooLarge:
        return read_without_embedded(opened(), limit, MAX_PAGE_BYTES, cut_raw_text=True)


# Pages and feeds as a server sends them: one it sent gzip-compressed (Content-Encoding: gzip),
# saved by a tool that does not decompress it (`wget` without --compression=auto, curl without
# --compressed), is read decompressed, as "page.html.gz" is.
_SERVED_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES


def _gzip_body(handle: BinaryIO) -> bool:
    """Whether the file open in `handle` is gzip data (magic and deflate's method byte); rewound.
    Such a page was "binary file (a gzip-compressed file), not text"."""
    head = handle.read(3)
    handle.seek(0)
    return head == b"\x1f\x8b\x08"


def _rewound(handle: BinaryIO) -> BinaryIO:
    handle.seek(0)
    return handle


def _appended(opened: list[Decompressed], reader: Decompressed) -> Decompressed:
    opened.append(reader)
    return reader


def load_stream(stream: BinaryIO, name: str = "-") -> LoadResult:
    """The articles of bytes read from `stream` (standard input: `reader show -`) to its end, at
    most a feed's limit (a saved page's for one), their format told from their content
    (_sniffed_items), as there is no file name to tell it. Ids are `name`, and `name#n` in a feed
    or JSON Lines. Never raises for what is read; an error reading raises."""
    result = LoadResult()
    for item in _sniffed_items(stream, _Context(Path(name), name, on_disk=False), Entries()):
        _add(result, item)
    return result


def _sniffed_items(source: BinaryIO, context: _Context, entries: Entries) -> Iterator[Article | Skipped]:
    """The articles of bytes no name tells the format of (standard input; a file named with a
    suffix of no format the corpus reads, `reader show feed.xml.gz`), read from `source` to its
    end, at most a feed's limit (a saved page's for one): a feed, a page, a page saved as one
    file, JSON Lines, a JSON article or list of them, else text with or without front matter;
    any of them compressed with gzip, bzip2 or xz, read decompressed. One path for both, so a
    file named on the command line reads whatever the same bytes piped in read."""
    rel, piped = context.rel, not context.on_disk
    noun = "input" if piped else "file"
    gathered = io.BytesIO()
    gather(source, gathered, 64 * 1024 - 1)  # (its start, to tell a compression by)
    codec = codec_of_data(gathered.getvalue()[:16])  # (getvalue shares its buffer: no copy)
    ignored = 0
    try:
        if codec is not None:  # `… | gzip | reader show -`, `reader show feed.xml.gz`
            compressed = io.BufferedReader(_Rejoined(gathered.getvalue(), source))
            gathered = io.BytesIO()
            with decompression_errors(compressed, codec):
                reader = open_decompressed(compressed, codec)
                size = gather(reader, gathered, MAX_COLLECTION_BYTES)
                saved = _saved_page_suffix(gathered.getvalue()[:65536])
                if saved is not None and size > MAX_COLLECTION_BYTES:
                    size = gather(reader, gathered, MAX_SAVED_PAGE_BYTES)
            ignored = reader.ignored
        else:
            gather(source, gathered, MAX_COLLECTION_BYTES)
            saved = _saved_page_suffix(gathered.getvalue()[:65536])
            if saved is not None and gathered.tell() > MAX_COLLECTION_BYTES:
                gather(source, gathered, MAX_SAVED_PAGE_BYTES)
    except BadCompressed as exc:
        yield Skipped(rel, str(exc))
        return
    data = gathered.getvalue()
    del gathered  # (data is its buffer: held once)
    once = ", once decompressed" if codec is not None else ""
    if not data or data.isspace():
        if piped:
            yield Skipped(rel, "empty input, once decompressed" if codec else "nothing was piped in (empty input)")
        else:
            yield Skipped(
                rel, f"empty file{' (once decompressed)' if codec else '' if not data else ' (only whitespace)'}"
            )
        return
    if ignored:
        context.warnings.append(Skipped(rel, ignored_bytes_warning(ignored, codec), warning=True))  # type: ignore[arg-type]
    if saved is not None:
        if len(data) > MAX_SAVED_PAGE_BYTES:
            most = MAX_SAVED_PAGE_BYTES // MIB
            yield Skipped(rel, f"{noun} too large (over {most} MB, the limit for a saved page{once})")
            return
        found = _page_of_saved(data, saved, rel)
        del data
        yield from _saved_page_article(found, context, entries)
        return
    kind, document = _sniff_one_source(data)
    data = _page_without_embedded(data, kind)
    limit = MAX_COLLECTION_BYTES if kind in _COLLECTION_KINDS else MAX_ARTICLE_BYTES
    if len(data) > limit:
        yield Skipped(rel, f"{noun} too large (over {limit // MIB} MB, the limit{once})")
        return
    yield from _data_items(data, kind, context, entries, document)


class _Rejoined(io.RawIOBase):
    """The bytes of `head`, then the rest of `stream`: a stream whose start was read to tell
    what it is (standard input cannot be read again), read as a whole again."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            # (once read, the head is let go: it is held no longer than it is needed)
            self._head = self._head[n:] if n < len(self._head) else memoryview(b"")
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# An MHTML file opens with MIME headers (Chrome's: "From: <Saved by Blink>", then Subject, Date,
# MIME-Version and a Content-Type of multipart/related that may fold over lines).
_MIME_VERSION = re.compile(rb"^mime-version:", re.I | re.M)
_MULTIPART_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)
# (the key looked for after the first "<plist" only: a pattern that spans from each "<plist" to a
# key after it took 2 s on 64 KB of "<plist>" piped in)
_PLIST = re.compile(rb"<plist[\s>]")
_WEB_MAIN_RESOURCE_KEY = re.compile(rb"<key>\s*WebMainResource\s*</key>")


def _saved_page_suffix(data: bytes) -> str | None:
    """ ".mhtml" or ".webarchive" when bytes with no file name (piped in) are a page saved as one
    file, told from their start: a binary property list (Safari's web archive; an XML one of older
    Safaris names its WebMainResource) or MIME headers of a multipart/related message."""
    if data.startswith(b"bplist00"):
        return WEBARCHIVE_SUFFIX
    head = data[:65536]
    plist = _PLIST.search(head) if head.lstrip().startswith(b"<?xml") else None
    if plist is not None and _WEB_MAIN_RESOURCE_KEY.search(head, plist.end()):
        return WEBARCHIVE_SUFFIX
    headers = _HEADERS_END.split(head.lstrip(b"\r\n"), 1)[0]
    if _MIME_VERSION.search(headers) and _MULTIPART_RELATED.search(headers):
        return ".mhtml"
    return None


_HEADERS_END = re.compile(rb"\n\r?\n")


def _page_without_embedded(data: bytes, kind: str) -> bytes:
    """A page told from its content (piped in, an unknown suffix), held whole up to a feed's
    limit: over an article's, without the files it embeds, as a .html file is read."""
    if kind != "html" or len(data) <= MAX_ARTICLE_BYTES:
        return data
    page = without_embedded(data)
    return page if len(page) <= MAX_ARTICLE_BYTES else without_embedded(without_huge_raw_text(data))


_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_MARKUP_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|title|meta)[\s>/]", re.I)


# The kinds of bytes that may hold several articles, read up to a feed's limit.
_COLLECTION_KINDS = ("feed", "jsonl", "json")


def sniff_format(data: bytes) -> str:
    """ "feed", "html", "jsonl", "json" or "text": what bytes with no file name (or a name of no
    format the corpus reads) are, from their start. "json": one JSON document over several lines,
    an article object (news-please writes one a file) or a list of them, or an object or list
    of no articles (skipped with what it holds rather than shown as an article)."""
    return _sniff(data)[0]


def _sniff_one_source(data: bytes) -> tuple[str, dict | list | None]:
    """_sniff(data) of a whole file of no known suffix, or of standard input: one JSON object on
    one line is one article named as the source is (`-`, not `-#1`, as a `.json` file's is its
    name), not JSON Lines of one line: `curl … | reader show - --json` gave `-#1` for it and `-`
    for the same object printed over two lines."""
    kind, document = _sniff(data)
    if kind == "jsonl" and isinstance(whole := _json_articles(data), dict):
        return "json", whole
    return kind, document


def _sniff(data: bytes) -> tuple[str, dict | list | None]:
    """sniff_format(data), and for "json" the document of articles it read (see _json_articles)."""
    from reader.corpus.formats import read_json_feed

    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"{", b"[")):
        if start.startswith(b"{") and read_json_feed(data) is not None:
            return "feed", None
        try:
            first = loads_json(start.split(b"\n", 1)[0])
        except (ValueError, RecursionError):
            first = None
        if isinstance(first, dict):
            return "jsonl", None
        document = _json_articles(start)
        if document is None and _json_value(start) is None:
            return "text", None
        return "json", document  # (JSON of no articles: _load_json says what it holds)
    head = start[:4096]
    if head.startswith(b"<"):
        feed, page = _FEED_ROOT.search(head), _MARKUP_START.search(head)
        if feed and (page is None or feed.start() < page.start()):
            return "feed", None
        if page:
            return "html", None
    return "text", None


def _load_data(
    data: bytes, kind: str, context: _Context, result: LoadResult, document: dict | list | None = None
) -> None:
    """The articles of a file's bytes (not empty, within the limit) of `kind` ("feed", "jsonl",
    "json", "html", "text") into `result`; for "json", `document` is the JSON sniffing read, if
    it read it."""
    for item in _data_items(data, kind, context, Entries(), document):
        _add(result, item)


def _data_items(
    data: bytes, kind: str, context: _Context, entries: Entries, document: dict | list | None = None
) -> Iterator[Article | Skipped]:
    """_load_data's articles and problems one at a time: a JSON Lines file's as each line is
    read (`entries` counts its lines), the other kinds' once the whole file is parsed."""
    rel = context.rel
    # JSON Lines judges NUL bytes line by line: one damaged record does not make the file binary.
    reason = binary_reason(data, nul=kind not in ("jsonl", "feed"))
    if reason:
        yield Skipped(rel, reason)
        return
    late_nul = late_nul_line(data) if kind not in ("jsonl", "feed") else None
    if late_nul is not None:
        context.warnings.append(
            Skipped(
                rel, f"NUL bytes left out (the first on line {late_nul}): the file may be damaged there", warning=True
            )
        )
    if kind == "jsonl":
        yield from _guarded(_jsonl_items(data, context, entries), context)
        return
    result = LoadResult()
    try:
        if kind == "feed":
            _load_feed(data, context, result)
        elif kind == "json":
            _load_json(data, context, result, document)
        elif kind == "html":
            _load_html(data, context, result)
        elif kind == "email":
            _load_email(data, context, result)
        else:
            _load_text(data, context, result)
    except (FormatError, BinaryFile) as exc:
        result.skipped.append(Skipped(rel, str(exc)))
    except Exception as exc:  # a parser bug on hostile input: report this file, load the rest
        result.skipped.append(Skipped(rel, f"could not be read ({type(exc).__name__}: {sanitize_line(str(exc))})"))
    entries.total = entries.done + len(result.articles)
    for article in result.articles:
        entries.done += 1
        yield article
    yield from result.skipped
    yield from _file_end(context)


class ReadStopped(OSError):
    """A file read from the disk as it goes (a JSON Lines file streamed) could not be read to its
    end (an I/O error midway): its articles so far were given, the rest were not read. Not the
    file's own problem, to be recorded with its signature: it is to be read again."""


def _guarded(
    items: Iterator[Article | Skipped], context: _Context, *, streamed: bool = False
) -> Iterator[Article | Skipped]:
    """The items of a file read as it goes, then its warnings; a parser bug on hostile input
    ends the file with its reason (what was read before it stays). `streamed` (read from the
    disk as it goes): an OSError midway raises ReadStopped, the file is not done."""
    try:
        yield from items
    except OSError as exc:
        if streamed:
            raise ReadStopped(exc.errno, exc.strerror or str(exc)) from exc
        yield Skipped(context.rel, f"could not be read ({type(exc).__name__}: {sanitize_line(str(exc))})")
    except (FormatError, BinaryFile) as exc:
        yield Skipped(context.rel, str(exc))
    except Exception as exc:  # a parser bug on hostile input: report this file, load the rest
        yield Skipped(context.rel, f"could not be read ({type(exc).__name__}: {sanitize_line(str(exc))})")
    yield from _file_end(context)


_INVISIBLE_CATEGORIES = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cn"))


def _has_visible_character(text: str) -> bool:
    """Whether `text` holds a character that shows: not only spaces, controls, format characters
    (zero-width spaces and joiners, bidi controls) and unassigned code points. Stops at the first."""
    return any(unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text)


def _file_end(context: _Context) -> Iterator[Skipped]:
    """What is said of a file once read: warnings about articles read all the same, and the
    user's rules that ran out of time on it."""
    yield from context.warnings
    from reader.corpus.outlets import drain_timeouts

    for problem in drain_timeouts():  # a user rule that ran out of time on this file
        yield Skipped(context.rel, sanitize_line(problem), warning=True)


def _decoded(data: bytes, *, html: bool = False, context: _Context | None = None) -> str:
    """`data` as text; a warning on `context` when it is UTF-8 but for stray bytes (read as
    cp1252): the user can mend the file, and knows why a letter or two reads oddly."""
    text, encoding = decode_bytes(data, html=html)
    if control_ratio(text) > MAX_CONTROL_RATIO:
        raise BinaryFile("binary file (mostly control characters), not text")
    if context is not None and encoding == "utf-8":
        _warn_of_strays(data, context)
    return text


def _warn_of_strays(data: bytes, context: _Context) -> None:
    """A warning on `context` when `data`, read as UTF-8, holds stray bytes (read as cp1252): the
    same for a plain file, a page, a JSON document, JSON Lines and a feed."""
    if data.startswith(codecs.BOM_UTF8):  # (its stray bytes are replacement characters, not cp1252)
        return
    strays = stray_bytes(data)
    if strays is not None:
        context.warnings.append(_strays_warning(context, *strays))


def _strays_warning(context: _Context, count: int, line: int) -> Skipped:
    """The warning of a file read as UTF-8 with `count` stray bytes, the first on `line`."""
    mend = "if a letter there reads wrong, save the file as UTF-8"
    return Skipped(context.rel, f"{strays_said(count, line)}; {mend}", warning=True)


_FETCH_KEYS = (re.compile(r"^fetched:[ \t]", re.M), re.compile(r"^feed:[ \t]", re.M))


def _fetched_undated(head: str, own: dict, path: Path) -> bool:
    """Whether the file is a page `reader fetch` stored without a date (its front matter has the
    `fetched:` and `feed:` keys the store writes, and no date), in the fetch store. Older readers
    named such a file by the day they fetched it ("2026-11-03-title-….md"): that day is no
    publication date, and a user's own file named by a date still gives its date."""
    if own.get("date") is not None or not all(key.search(head) for key in _FETCH_KEYS):
        return False
    return in_fetch_store(path)


def in_fetch_store(path: Path | str) -> bool:
    """Whether the file lies in the folder `reader fetch` stores its pages in."""
    from reader import config

    store = os.path.realpath(config.fetched_corpus_dir())
    return os.path.realpath(path).startswith(store + os.sep)


def _load_text(data: bytes, context: _Context, result: LoadResult) -> None:
    text = sanitize(_decoded(data, context=context))
    body, own = split_front_matter(text)
    if context.page_url and not own.get("url"):  # an MHTML file of plain text: where it was saved from
        own["url"] = context.page_url
    fetched_undated = context.on_disk and _fetched_undated(text[: len(text) - len(body)], own, context.path)
    edited = own.pop("_edited", None)
    if fetched_undated and edited:  # (formats.EDITED_KEY: only `reader fetch` writes it, in its store)
        own[EDIT_DATE_KEY] = edited
    path_date = context.on_disk and not fetched_undated
    _add(
        result,
        context.article(context.id_base, body, own, collection=False, cut_from_sanitised=True, path_date=path_date),
    )


def _extract_html(html: str, source_name: str, url: str | None = None) -> tuple[str, dict]:
    parse_html = _html_parser()
    try:
        body, meta = parse_html(html, source_name=source_name, url=url)
    except ValueError as exc:
        raise FormatError(str(exc) or "no article text found") from None
    except Exception as exc:  # lxml/trafilatura on hostile markup
        raise FormatError(f"could not extract the article ({type(exc).__name__}: {exc})") from None
    meta = dict(meta or {})
    dated_by_edit = meta.pop("date_is_edit", False)
    own = normalise_meta(meta)
    if dated_by_edit and own.get("date"):
        own[EDIT_DATE_KEY] = own.pop("date")  # (set here only: no file's own metadata can say it)
    return body or "", own


def _load_html(data: bytes, context: _Context, result: LoadResult) -> None:
    # the images and fonts a page saved whole embeds: megabytes the text never needs
    html = sanitize(_decoded(without_embedded(data), html=True, context=context))
    body, own = _extract_html(html, context.rel, context.page_url)
    _add(result, context.article(context.id_base, body, own, collection=False))


def _load_email(data: bytes, context: _Context, result: LoadResult) -> None:
    """A saved mail's article: its headers' title, sender and date over what an HTML part's page
    says of itself (a newsletter's <title> is its subject, or nothing). A file named .eml with
    no mail headers is read as the text it is, with a warning (it was skipped, its article lost;
    its first line kept in the text, "Note: …" being no header of a mail's)."""
    from reader.corpus.email_file import NotMail, parse_email

    try:
        text, own, html = parse_email(data, MAX_ARTICLE_BYTES)
    except NotMail as exc:
        context.warnings.append(Skipped(context.rel, f"{exc}: read as plain text", warning=True))
        _load_text(data, context, result)
        return
    if html:
        body, page_own = _extract_html(sanitize(text), context.rel, None)
        own = {**page_own, **own}
    else:
        body = sanitize(text)
    _add(result, context.article(context.id_base, body, own, collection=False))


def _load_feed(data: bytes, context: _Context, result: LoadResult) -> None:
    # NUL bytes in a feed (a damaged copy, zeros a crash left behind) cost every entry as a
    # "binary file", while the feed parser reads the rest well: they go, and are said. Bytes that
    # are no feed without them are the binary file they looked like.
    at = -1 if is_wide_text(data) else data.find(b"\x00")
    if at >= 0:
        line = data.count(b"\n", 0, at) + 1
        try:
            entries = parse_feed(data.replace(b"\x00", b""))
        except FormatError:
            raise BinaryFile(f"binary file (contains NUL bytes, the first on line {line}), not text") from None
        note = f"NUL bytes removed (the first on line {line}); the feed was read without them"
        context.warnings.append(Skipped(context.rel, note, warning=True))
    else:
        entries = parse_feed(data)
    strays = read_with_strays(data)  # (as parse_feed reads them: formats._undeclared_as_utf8)
    if strays is not None:
        context.warnings.append(_strays_warning(context, *strays))
    for n, (body, own) in enumerate(entries, start=1):
        article_id = f"{context.id_base}#{n}"
        if not body.strip():
            result.skipped.append(Skipped(article_id, "feed entry without text"))
            continue
        _add(result, context.article(article_id, body, own, collection=True))


def _jsonl_items(data: bytes, context: _Context, entries: Entries) -> Iterator[Article | Skipped]:
    """Each line on its own, each article given as soon as it is read (`entries`: the lines that
    hold something, and how many are done): a line with NUL bytes or binary junk (a record
    damaged on disk, a crash that left zeros behind) is skipped with its line number, and a line
    that is not UTF-8 is decoded alone; either spoilt the whole file ("binary file", or every
    line read as cp1252)."""
    lines: list[tuple[str, str | None]] | None
    if is_wide_text(data):  # UTF-16/32: NUL bytes belong to the characters; decoded as a whole
        lines = [(line, None) for line in _decoded(data).split("\n")]
    else:
        lines = _jsonl_lines(data, context)
        if lines is None:
            yield Skipped(context.rel, "binary file (most lines hold NUL bytes or controls), not text")
            return
    entries.total = sum(1 for line, problem in lines if problem is not None or line.strip())
    tally = _WeekdayTally()
    for line, problem in lines[: tally.LINES]:
        if problem is None:
            tally.add(line)
    tally.decide(context)
    yield from _jsonl_entries(_freed_as_read(lines), context, entries)


class _WeekdayTally:
    """The given dates of a JSON Lines file's first LINES lines, to tell whether their weekdays
    are wrong throughout, as a feed's may be (formats._wrong_weekdays_throughout): two or more,
    most of those dated. Then its dates are kept, with one warning for the file: refused, each
    went undated with a warning each."""

    LINES = 200

    def __init__(self):
        self.seen = self.dated = 0
        self.wrong: list[str] = []

    def add(self, line: str) -> None:
        """Count a line (UTF-8 text, not known to be junk) while fewer than LINES are counted."""
        from reader.corpus.infer import contradicted_weekday, parse_date, wrong_weekday_reason

        if self.seen >= self.LINES or not line.strip():
            return
        self.seen += 1
        try:
            given = parse_json_line(line)[1].get("date")
        except FormatError:
            return
        if isinstance(given, str) and (day := parse_date(given)):
            self.dated += 1
            if contradicted_weekday(given, day):
                self.wrong.append(wrong_weekday_reason(" ".join(given.split()), day))

    def decide(self, context: _Context) -> None:
        """Tell `context` that its weekdays are wrong throughout, with a warning, when they are."""
        if len(self.wrong) < 2 or 2 * len(self.wrong) <= self.dated:
            return
        context.weekdays = False
        example = self.wrong[0].removeprefix("is not on its weekday: ")
        warning = (
            f"the file's dates are not on their weekdays ({len(self.wrong):,} of the {self.dated:,} its first lines"
            f" give; {example}): its weekdays are taken to be wrong, its dates are kept"
        )
        context.warnings.append(Skipped(context.rel, warning, warning=True))


def _freed_as_read(lines: list[tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
    """The lines in order, each one's text let go once given: not held for the whole file."""
    for n, line in enumerate(lines):
        lines[n] = ("", None)
        yield line


def _jsonl_entries(
    lines: Iterable[tuple[str, str | None]], context: _Context, entries: Entries
) -> Iterator[Article | Skipped]:
    """The article or the problem of each JSON line, (text, None) or ("", why it is skipped),
    numbered from 1; blank lines are none. `entries.total` is set by the caller."""
    read = 0
    for n, (line, problem) in enumerate(lines, start=1):
        if n == 1:  # a Windows tool's UTF-8 byte-order mark: "invalid JSON" lost the first article
            line = line.removeprefix("\ufeff")
        if problem is None and not line.strip():
            continue
        entries.done += 1
        read += 1
        article_id = f"{context.id_base}#{n}"
        if problem is not None:
            yield Skipped(article_id, f"line {n}: {problem}")
            continue
        try:
            body, own = _json_article(parse_json_line(line), article_id)
        except FormatError as exc:
            yield Skipped(article_id, f"line {n}: {exc}")
            continue
        yield context.article(article_id, body, own, collection=True)
    if not read:  # (a file of a byte-order mark alone was counted a line by the caller, and said nothing)
        yield Skipped(context.rel, "empty file (no JSON lines)")


# A JSON Lines file over MAX_COLLECTION_BYTES (read by _stream_jsonl): a line may be this long
# (an article of MAX_ARTICLE_BYTES with its JSON around it: escapes, an "html" field).
MAX_STREAMED_LINE = 2 * MAX_ARTICLE_BYTES
# Of its lines that are not UTF-8, those looked at to tell their encoding (decode_bytes).
_LEGACY_SAMPLE_BYTES = 4 * MIB
_TOO_LONG = object()  # a streamed line over MAX_STREAMED_LINE
# Of a streamed file's lines read with a warning, those held and said one by one (the rest counted).
MAX_LINE_WARNINGS = 100


def _raw_lines(handle: BinaryIO, size: int, longest: int) -> Iterator[bytes | object]:
    """The lines of the file's first `size` bytes (its size when opened: a file still written to
    is read as it was then, in both passes alike, a line cut short there is the last) without
    their "\n", one at a time (a file's last line ending in "\n" is followed by no empty one:
    only blank lines are numbered differently, and they count for nothing); _TOO_LONG for a line
    over `longest` bytes, which is read past, not kept."""
    left = size
    while left > 0:
        line = handle.readline(min(longest + 1, left))
        left -= len(line)
        if line.endswith(b"\n"):
            yield line[:-1]
            continue
        if left > 0 and len(line) <= longest:  # the end came before `size`
            raise _shortened()
        if len(line) <= longest:  # the last line, without "\n"
            yield line
            return
        while line and not line.endswith(b"\n") and left > 0:
            line = handle.readline(min(longest, left))
            left -= len(line)
        if left > 0 and not line.endswith(b"\n"):
            raise _shortened()
        yield _TOO_LONG


def _shortened() -> ReadStopped:
    """A file cut shorter while it is read (a fetch or a sync tool rewriting it): the lines
    already read were given, its last one is cut, the rest is gone; it is to be read again."""
    return ReadStopped(None, "It became shorter while it was read (a program writing it?)")


def _line_verdict(raw: bytes | object) -> tuple[str | None, str | None]:
    """(text, None) of a streamed line that is UTF-8 text, (None, None) of one that is not UTF-8
    (decoded once its file's encoding is known), ("", why it is skipped) of one that is none."""
    if raw is _TOO_LONG:
        return "", f"longer than {MAX_STREAMED_LINE // MIB} MB, not read; the other lines are read"
    assert isinstance(raw, bytes)
    if b"\x00" in raw:
        return "", "binary data (NUL bytes) in this line, not text; the other lines are read"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, None


_JUNK_REASON = "binary data (mostly control characters) in this line, not text; the other lines are read"


def _is_junk(text: str) -> bool:
    # A short record with a stray control or two is read (its controls go when sanitised): the
    # share of a few characters says nothing of binary junk.
    return len(text) >= _JUNK_LINE and control_ratio(text) > MAX_CONTROL_RATIO


def _legacy_line(raw: bytes, encoding: str) -> tuple[str, str]:
    """A line that is not UTF-8 decoded as its file's other such lines are (`encoding`), and the
    warning that says so when the file's other lines are UTF-8. Lines UTF-8 but for a stray byte
    or two (the encoding is "utf-8"): those bytes as cp1252."""
    strays = utf8_with_strays(raw) if encoding == "utf-8" else None
    text = strays if strays is not None else raw.decode(encoding, errors="replace")
    read_as = "UTF-8 but for its stray bytes, read as cp1252" if strays is not None else encoding
    return text, f"not valid UTF-8 unlike the other lines; read as {read_as}"


def _wide_head(head: bytes, size: int) -> bool:
    """Whether a file of `size` bytes opening with `head` is UTF-16/32 text, as is_wide_text says
    of it whole."""
    if len(head) < size:
        # A head cut inside the file may end in half a surrogate pair (an emoji astride its end),
        # which no UTF-16 decodes: its last unit is left out.
        head = head[:-2]
    # (UTF-16 without a byte-order mark needs a file of an even size: the head's is even.)
    return is_wide_text(head if size % 2 == 0 else head + b"\n")


def _stream_jsonl(
    handle: BinaryIO, size: int, context: _Context, entries: Entries, *, few_warnings: bool
) -> Iterator[Article | Skipped]:
    """_jsonl_items of a JSON Lines file on the disk, read from `handle` twice, a line at a time,
    never held whole (what it holds is the line being read, and the warnings): first what the
    whole file decides (how many lines hold something; the encoding of its lines that are not
    UTF-8, from their first _LEGACY_SAMPLE_BYTES; whether most lines are binary), then each
    line's article as it is read. A file within MAX_COLLECTION_BYTES gives what it gives read
    whole (no line of it is too long); a larger one's lines may be MAX_STREAMED_LINE long. A
    UTF-16/32 file is decoded as a whole, so it keeps the limit. `few_warnings`: its lines'
    warnings past MAX_LINE_WARNINGS are counted, not held (the indexer counts them so too)."""
    rel = context.rel
    within_limit = size <= MAX_COLLECTION_BYTES
    head = handle.read(64 * 1024)
    reason = binary_reason(head, nul=False)
    if reason:
        yield Skipped(rel, reason)
        return
    if _wide_head(head, size):
        if within_limit:  # NUL bytes belong to its characters: decoded as a whole
            handle.seek(0)
            data = handle.read(size)
            if len(data) < size:
                raise _shortened()
            yield from _jsonl_items(data, context, entries)
            return
        limit = MAX_COLLECTION_BYTES // MIB
        yield Skipped(
            rel, f"file too large ({_size(size)}; the limit is {limit} MB for JSON Lines in UTF-16 or UTF-32)"
        )
        return
    longest = max(size, 1) if within_limit else MAX_STREAMED_LINE
    handle.seek(0)
    total = binary = 0
    sample: list[bytes] = []
    sampled = 0
    utf8_beyond_ascii = False
    only_whitespace = True
    tally = _WeekdayTally()
    strays, first_stray = 0, 0  # the bytes of lines not UTF-8 that are no UTF-8, and the first one's line
    for n, raw in enumerate(_raw_lines(handle, size, longest), start=1):
        only_whitespace = only_whitespace and isinstance(raw, bytes) and not raw.strip()
        text, problem = _line_verdict(raw)
        if text is None:  # not UTF-8
            assert isinstance(raw, bytes)
            strays += (stray_bytes(raw) or (0, 0))[0]
            first_stray = first_stray or n
            if sampled < _LEGACY_SAMPLE_BYTES:
                sample.append(raw)
                sampled += len(raw) + 1
            text = raw.decode("cp1252", errors="replace")  # its junk judged as it is likely read
        elif problem is None:
            utf8_beyond_ascii = utf8_beyond_ascii or not text.isascii()
        if problem is None and _is_junk(text):
            problem = _JUNK_REASON
        if problem is not None:
            binary += 1
        if problem is not None or text.strip():
            total += 1
        if problem is None:
            tally.add(text)
    if only_whitespace:
        yield Skipped(rel, "empty file (only whitespace)" if size else "empty file")
        return
    if binary and binary * 2 > total:
        yield Skipped(rel, "binary file (most lines hold NUL bytes or controls), not text")
        return
    encoding = "cp1252"
    if sample:
        try:
            _text, encoding = decode_bytes(b"\n".join(sample))
        except BinaryFile:  # they open like a known binary format: read as cp1252 all the same
            pass
    del sample
    if encoding == "utf-8" and not utf8_beyond_ascii:  # (else each such line is said: _streamed_lines)
        context.warnings.append(_strays_warning(context, strays, first_stray))
    tally.decide(context)
    entries.total = total  # (none: _jsonl_entries says the file holds no JSON lines)
    handle.seek(0)
    lines = _streamed_lines(handle, size, longest, encoding, utf8_beyond_ascii, context, few_warnings)
    yield from _jsonl_entries(lines, context, entries)


def _streamed_lines(
    handle: BinaryIO,
    size: int,
    longest: int,
    encoding: str,
    utf8_beyond_ascii: bool,
    context: _Context,
    few_warnings: bool,
) -> Iterator[tuple[str, str | None]]:
    """_jsonl_lines' (text, problem) of each line of a file's first `size` bytes read a line at
    a time (_stream_jsonl), its lines that are not UTF-8 decoded as `encoding`; `few_warnings`:
    of their warnings, MAX_LINE_WARNINGS are held, the rest counted."""
    more: dict[str, int] = {}  # the warnings past MAX_LINE_WARNINGS, counted by reason
    for n, raw in enumerate(_raw_lines(handle, size, longest)):
        text, problem = _line_verdict(raw)
        if text is None:
            assert isinstance(raw, bytes)
            text, why = _legacy_line(raw, encoding)
            if utf8_beyond_ascii:
                if not few_warnings or len(context.warnings) < MAX_LINE_WARNINGS:
                    context.warnings.append(Skipped(f"{context.id_base}#{n + 1}", f"line {n + 1}: {why}", warning=True))
                else:
                    more[why] = more.get(why, 0) + 1
        if problem is None and _is_junk(text):
            text, problem = "", _JUNK_REASON
        yield text, problem
    for why, count in more.items():  # not held one by one: a million lines would be 500 MB
        context.warnings.append(
            Skipped(context.rel, f"and {count:,} more line{'s' if count > 1 else ''}: {why}", warning=True)
        )


def _json_article(read: tuple[str, dict, bool], article_id: str) -> tuple[str, dict]:
    """The body and metadata of a JSON article from what parse_json_line or parse_json_object
    `read`: an "html" body as its text, the object's own fields over what the page tells."""
    body, own, is_html = read
    if is_html:
        body, extracted = _extract_html(sanitize(body), article_id)
        own = {**extracted, **own}
    return body, own


def _json_articles(data: bytes) -> dict | list | None:
    """The JSON document the bytes are when it is an object or a list holding objects, else None."""
    parsed = _json_value(data)
    # (a list of articles with a stray item, a number or a null, is read: that item is skipped)
    if isinstance(parsed, dict) or (isinstance(parsed, list) and any(isinstance(x, dict) for x in parsed)):
        return parsed
    return None


def _json_value(data: bytes) -> dict | list | None:
    """The JSON object or list the bytes are, articles or not; None for what is no JSON."""
    try:
        parsed = loads_json(_decoded(data))
    except (ValueError, RecursionError, BinaryFile):
        return None
    return parsed if isinstance(parsed, (dict, list)) else None


def _not_articles(value: dict | list | None, data: bytes) -> str:
    """Why JSON that is no article nor list of articles (see _json_articles) was not read."""
    if not isinstance(value, list):
        return _invalid_json(data)
    if not value:
        return "an empty JSON list: no articles"
    return f"a JSON list of no articles: its item 1 is {_not_article(value[0])}"


def _not_article(item: object) -> str:
    """Why an item of a JSON list that is no object is no article."""
    if isinstance(item, list):
        kind = "a list"
    elif isinstance(item, str):
        kind = "text"
    elif isinstance(item, bool):
        kind = "true or false"
    else:
        kind = "null" if item is None else "a number"
    return f"{kind}, not an article (an object with a 'text' field)"


def _invalid_json(data: bytes) -> str:
    """Why bytes that _json_value refused are no JSON, in JSON's words and where (or, JSON of one
    value, that it is no article: `null`, `"text"`)."""
    try:
        value = loads_json(_decoded(data))
        return f"JSON {_not_article(value)}"
    except RecursionError:
        return "not valid JSON: nested too deeply"
    except ValueError as exc:
        if getattr(exc, "lineno", None):
            said = exc.msg.removesuffix(" at")  # type: ignore[attr-defined]
            return f"not valid JSON ({said} at line {exc.lineno}, column {exc.colno})"  # type: ignore[attr-defined]
    except BinaryFile as exc:
        return str(exc)
    return "not valid JSON"


# The keys an article object may have (JSON Lines' fields, their aliases, the body's names): JSON
# with none of them is a tool's (package.json, tsconfig.json, a map's GeoJSON), no article.
_ARTICLE_KEYS = frozenset((*FIELDS, *ALIASES, *BODY_KEYS, "html"))


def _has_article_fields(item: object) -> bool:
    return isinstance(item, dict) and any(str(key).strip().lower() in _ARTICLE_KEYS for key in item)


def _no_article_fields(parsed: dict | list) -> str | None:
    """Why a JSON document is not articles at all when none of its objects has an article's
    field: said as such (the keys it has), not as an article missing its text."""
    items = [parsed] if isinstance(parsed, dict) else parsed
    if any(_has_article_fields(item) for item in items):
        return None
    keyed = next((item for item in items if isinstance(item, dict) and item), {})
    what = "a JSON object" if isinstance(parsed, dict) else "a JSON list of objects"
    return f"{what}{_its_keys(keyed)} with no article field (title, text, ...): a tool's data or settings, not read"


def _its_keys(item: dict) -> str:
    """ " (its keys 'name', 'version', ...)": the first three keys of an object that is no article."""
    keys = list(item)
    named = ", ".join(quoted_key(key) for key in keys[:3]) + (", ..." if len(keys) > 3 else "")
    return f" (its keys {named})" if named else ""


def _load_json(data: bytes, context: _Context, result: LoadResult, document: dict | list | None = None) -> None:
    """One JSON document: an article object (the file's one article, as a page is), or a list
    of them (each `#n`, as a JSON Lines file's lines). `document`: the bytes as _json_articles
    reads them, when that was done already."""
    parsed = document if document is not None else _json_articles(data)
    if parsed is None:
        raise FormatError(_not_articles(_json_value(data), data))
    if (not_articles := _no_article_fields(parsed)) is not None:
        raise FormatError(not_articles)
    if parsed is not None and stray_bytes(data) is not None and decode_bytes(data)[1] == "utf-8":
        _warn_of_strays(data, context)  # (only bytes that are not UTF-8 are decoded again)
    items = [parsed] if isinstance(parsed, dict) else parsed or []
    single = isinstance(parsed, dict)
    for n, item in enumerate(items, start=1):
        article_id = context.id_base if single else f"{context.id_base}#{n}"
        where = "" if single else f"item {n}: "
        if not isinstance(item, dict):
            result.skipped.append(Skipped(article_id, f"{where}{_not_article(item)}"))
            continue
        if not _has_article_fields(item):  # a settings object among articles: not one missing its text
            said = f"{where}an object{_its_keys(item)} with no article field (title, text, ...), not an article"
            result.skipped.append(Skipped(article_id, said))
            continue
        try:
            body, own = _json_article(parse_json_object(item), article_id)
        except FormatError as exc:
            result.skipped.append(Skipped(article_id, f"{where}{exc}"))
            continue
        _add(result, context.article(article_id, body, own, collection=not single))


# Characters a JSON line needs before its share of control characters can call it binary junk.
_JUNK_LINE = 80


def _jsonl_lines(data: bytes, context: _Context) -> list[tuple[str, str | None]] | None:
    """(text, None) or ("", why it is skipped) for each line of a JSON Lines file; None when most
    lines are binary (a binary file named .jsonl: one reason, not one per line).

    Lines that are not UTF-8 are decoded together as a file would be (cp1252, or the legacy
    encoding charset-normalizer finds in them), each UTF-8 line as UTF-8; a file mixing both is
    said for each line so read."""
    raw = data.split(b"\n")
    out: list[tuple[str, str | None]] = []
    legacy: list[int] = []  # lines that are not UTF-8
    utf8_beyond_ascii = False
    for n, line in enumerate(raw):
        text, problem = _line_verdict(line)
        if text is None:
            legacy.append(n)
            out.append(("", None))
            continue
        if problem is None:
            utf8_beyond_ascii = utf8_beyond_ascii or not line.isascii()
        out.append((text, problem))
    if legacy:
        try:
            _text, encoding = decode_bytes(b"\n".join(raw[n] for n in legacy))
        except BinaryFile:  # they open like a known binary format: read as cp1252 all the same
            encoding = "cp1252"
        for n in legacy:
            text, why = _legacy_line(raw[n], encoding)
            out[n] = (text, None)
            if utf8_beyond_ascii:
                context.warnings.append(Skipped(f"{context.id_base}#{n + 1}", f"line {n + 1}: {why}", warning=True))
        if encoding == "utf-8" and not utf8_beyond_ascii:  # every line of UTF-8 has a stray byte
            _warn_of_strays(data, context)
    binary = 0
    for n, (text, problem) in enumerate(out):
        if problem is None and _is_junk(text):
            out[n] = ("", _JUNK_REASON)
        if out[n][1] is not None:
            binary += 1
    if binary and binary * 2 > sum(1 for text, problem in out if problem is not None or text.strip()):
        return None
    return out


def load_path(path: Path) -> LoadResult:
    """A file anywhere, in a corpus or not: its id is the file name without its extension.

    Its folder's corpus.yaml applies if there is one. A file with a suffix of no format the corpus
    reads (`.json`, none at all) is read as its content says, as standard input is: a feed, a page,
    JSON Lines, a JSON article or list of them, else plain text (the user named this file on purpose).
    """
    path = Path(path)
    return load_file(path, path.parent)


def dedupe_ids(articles: Iterable[Article]) -> tuple[list[Article], list[Skipped]]:
    """Keep the first article of each id (e.g. `a.txt` and `a.md` both give `a`); report the rest."""
    kept: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            skipped.append(
                Skipped(
                    str(article.path),
                    f"same id {article.id!r} as {first.path} (ids are paths without the extension); rename one of them",
                )
            )
    return list(kept.values()), skipped


def load_corpus(roots: list[Path], follow_links: bool = False) -> LoadResult:
    """Every article of every root (sorted by id) and every problem found, in one LoadResult.
    `follow_links`: follow symbolic links that lead outside a root (see discover)."""
    from reader.corpus.outlets import registry_held

    result = LoadResult()
    loaded: list[Article] = []
    # One look at the user's outlets.yaml for the whole load: looked up for each file (the config
    # folder found anew each time), a tenth of a load of tiny files (bench/bench_tiny_files.py).
    with registry_held():
        for root in roots:
            root = Path(root)
            inside = bound_for(root, follow_links)
            for item in discover(root, follow_links):
                if isinstance(item, Skipped):
                    result.skipped.append(item)
                    continue
                with reading_inside(inside):  # as the walk saw it: a link swapped since is not followed
                    one = load_file(item, root)
                loaded.extend(one.articles)
                result.skipped.extend(one.skipped)
    kept, duplicates = dedupe_ids(loaded)
    result.articles = sorted(kept, key=lambda a: a.id)
    result.skipped.extend(duplicates)
    return result
