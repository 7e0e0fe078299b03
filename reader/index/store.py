"""Whoosh storage: open/create/verify the index, write documents and segments (no UI imports).

Worker processes (spawned, never forked) load files and write whole segments with an unlocked
SegmentWriter, as Whoosh's own multisegment writer does; the parent, which holds the lock,
deletes the old documents and commits the new segments in one TOC write (all or nothing).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import NO_MERGE

from reader.corpus.decode import outlet_key
from reader.corpus.discover import read_problem
from reader.corpus.model import Entries, Skipped
from reader.corpus.regular_file import bound_for, hash_regular, reading_inside
from reader.index import statedb, whoosh_internals
from reader.index.gcpause import collector_paused
from reader.index.languages import article_language
from reader.index.outlet_terms import outlet_search_text
from reader.index.layout import CURRENT_NAME, DEFAULT_DIR, INDEX_NAME, current_name  # noqa: F401 (named here too)
from reader.index.schema import SCHEMA_VERSION, LanguageText, build_schema
from reader.index.textproc import DEFAULT_LANGUAGE
from reader.index.whoosh_internals import FastSegmentWriter

# Every segment pickles its codec by class path; indexes written before whoosh_internals.py
# existed name reader.index.store.ReaderCodec, so that name must keep resolving here, or
# opening them fails and they are rebuilt as "damaged".
from reader.index.whoosh_internals import ReaderCodec  # noqa: F401

whoosh_internals.install_zero_copy_reads()

VERSION_FIELD = f"schema_v{SCHEMA_VERSION}"


class IndexCorrupt(Exception):
    """The index folder exists but cannot be used (old schema, missing or damaged files)."""


def whoosh_dir(index_dir: Path) -> Path:
    return Path(index_dir) / current_name(index_dir)


def create_fresh(index_dir: Path):
    """A new, empty index in a new folder (not active until activate()): (ix, folder name)."""
    import uuid

    name = f"{DEFAULT_DIR}-{uuid.uuid4().hex[:10]}"
    wdir = Path(index_dir) / name
    wdir.mkdir(parents=True)
    try:
        ix = FileStorage(str(wdir)).create_index(schema(), indexname=INDEX_NAME)
    except BaseException:  # a full disk: leave no half-made folder
        shutil.rmtree(wdir, ignore_errors=True)
        raise
    return ix, name


def abandon(writer) -> None:
    """Cancel a Whoosh writer; when cancelling itself fails (a full disk while closing its files),
    still release Whoosh's write lock so this process can write again."""
    try:
        writer.cancel()
    except Exception:
        try:
            if getattr(writer, "writelock", None):
                writer.writelock.release()
        except Exception:
            pass


def clean_unreferenced(wdir: Path) -> None:
    """After a failed or cancelled write: delete the segment files and the temp folder it left
    (files the committed table of contents does not name). Only the lock holder calls this."""
    try:
        whoosh_internals.clean_uncommitted(open_unchecked(wdir), INDEX_NAME)
    except Exception:  # nothing committed yet, or the folder is unreadable: the next commit cleans
        pass
    shutil.rmtree(Path(wdir) / f"{INDEX_NAME}.tmp", ignore_errors=True)


def activate(index_dir: Path, name: str) -> None:
    """Point CURRENT at `name` (atomically), then delete every other Whoosh folder."""
    index_dir = Path(index_dir)
    tmp = index_dir / f"{CURRENT_NAME}.tmp{os.getpid()}"
    try:
        tmp.write_text(name, encoding="utf-8")
        os.replace(tmp, index_dir / CURRENT_NAME)
    finally:
        tmp.unlink(missing_ok=True)
    remove_inactive(index_dir)


def remove_inactive(index_dir: Path) -> bool:
    """Delete Whoosh folders CURRENT does not name (left by a replaced or an interrupted build).
    Only the lock holder calls this; readers with files open keep them (POSIX). Whether one
    was deleted."""
    from reader.index.ownership import is_own_whoosh_folder

    active = current_name(index_dir)
    removed = False
    for path in Path(index_dir).iterdir():
        if path.name != active and is_own_whoosh_folder(path):
            shutil.rmtree(path, ignore_errors=True)
            removed = removed or not path.exists()
    return removed


def schema():
    from whoosh import fields

    s = build_schema()
    s.add(VERSION_FIELD, fields.STORED())
    return s


_OPEN_ATTEMPTS = 3  # a folder replaced while being opened, then again: rebuilds back to back


def open_existing(index_dir: Path, full: bool = False):
    """Open and sanity-check the active index; IndexCorrupt with a reason when it cannot be
    trusted; None when there is none. `full` checks every byte against the recorded checksums.

    A rebuild in another thread or process may switch CURRENT to its new folder and delete the
    old one while this opens it: a folder gone, or files missing from it, once it is no longer
    active is that, not "no index" or damage, so the new active folder is opened instead."""
    for _ in range(_OPEN_ATTEMPTS - 1):
        name = current_name(index_dir)
        try:
            ix = open_folder(Path(index_dir) / name, full)
        except IndexCorrupt:
            if current_name(index_dir) == name:
                raise
            continue
        if ix is not None or current_name(index_dir) == name:
            return ix
    return open_folder(whoosh_dir(index_dir), full)


def open_unchecked(wdir: Path):
    """Open an index this process has just committed (no verification pass)."""
    return whoosh_index.open_dir(str(wdir), indexname=INDEX_NAME)


def _other_version(names: list[str]) -> str:
    """Whether the index's schema field (schema_vN) says an older or a newer reader built it:
    "a newer" for a later N (one that was run since; it rebuilds the index again), else "an older"
    (none: older than the field)."""
    found = [int(n[len("schema_v") :]) for n in names if n.startswith("schema_v") and n[len("schema_v") :].isdigit()]
    return "a newer" if found and max(found) > SCHEMA_VERSION else "an older"


def open_folder(wdir: Path, full: bool = False):
    from reader.index import checksums

    wdir = Path(wdir)
    if not wdir.is_dir():
        return None
    try:
        if not whoosh_index.exists_in(str(wdir), indexname=INDEX_NAME):
            if any(wdir.iterdir()):
                raise IndexCorrupt("the index folder has no readable table of contents")
            return None
        ix = whoosh_index.open_dir(str(wdir), indexname=INDEX_NAME)
        if VERSION_FIELD not in ix.schema.names():
            raise IndexCorrupt(f"the index was built by {_other_version(ix.schema.names())} version of reader")
        verify(ix)
        problem = checksums.damage(wdir.parent, ix, full)
        if problem:
            raise IndexCorrupt(f"the index is damaged ({problem})")
        return ix
    except IndexCorrupt:
        raise
    except Exception as exc:  # unpickling an old schema, missing segment files, truncated data
        raise IndexCorrupt(f"the index is damaged ({type(exc).__name__})") from exc


def verify(ix) -> None:
    """Touch every segment's files: a half-deleted folder fails here, not in the middle of a search."""
    for segment in whoosh_internals.segments(ix):
        names = set(ix.storage.list())
        for fname in segment_files(segment):
            if fname not in names:
                raise IndexCorrupt(f"segment file {fname} is missing")
    with ix.searcher() as s:
        r = s.reader()
        if r.doc_count_all():
            for docnum in (0, r.doc_count_all() - 1):
                if not r.is_deleted(docnum):
                    r.stored_fields(docnum)
            for fieldname in ("id", "body"):
                for _ in zip(range(2), r.lexicon(fieldname)):
                    pass


def segment_files(segment) -> list[str]:
    if getattr(segment, "compound", False):
        return [segment.make_filename(".seg")]
    return []


FILE_HASH_LENGTH = 32  # hex digits of file_hash


def file_hash(path: Path) -> str:
    """OSError when `path` is no regular file (a FIFO put in a corpus file's place: see
    hash_regular)."""
    h = hashlib.blake2b(digest_size=FILE_HASH_LENGTH // 2)
    hash_regular(path, h)
    return h.hexdigest()


def content_hash(path: Path) -> str:
    """The file's hash, plus its folder's corpus.yaml (metadata for it) when there is one."""
    from reader.corpus.manifest import MANIFEST_NAME

    path = Path(path)
    digest = file_hash(path)
    manifest = path.parent / MANIFEST_NAME
    if manifest.is_file():
        digest += file_hash(manifest)
    return digest


# -- writing ------------------------------------------------------------------------------------


def writer(ix, timeout: float):
    return FastSegmentWriter(ix, timeout=timeout)


# -- documents ----------------------------------------------------------------------------------


def make_document(
    art: dict,
    quotes: list[dict],
    story: str | None,
    filemeta: dict,
    features: dict | str | bytes | None = None,
    language: str | None = None,
) -> dict:
    """Field values for one article (art is Article-like: a dict of its fields); `features` is
    its story-grouping record (reader.analysis.stories.story_features: a dict, its JSON or its
    packed bytes), stored as JSON; `language`, the one its words are stemmed in (None: told from
    its text, reader.index.languages)."""
    text = art["text"] or ""
    if language is None:
        # "lang": the language its stored document had (a renamed file's article, re-keyed).
        language = art.get("lang") or article_language(text)
    # Stemmed in its language (textproc.LANGUAGES): each text field that takes one gets its
    # text as a LanguageText, and stores the plain text.
    tagged = LanguageText if language != DEFAULT_LANGUAGE else None
    doc = {
        "id": art["id"],
        "file": filemeta["key"],
        "body": tagged(text, language) if tagged else text,
        "_stored_body": text,
        "lang": language,
        "quotes_json": json.dumps(quotes, ensure_ascii=False),
        "meta": {
            # Its file's key, as `file` (roots.py): a moved corpus folder rewrites no document.
            "path": filemeta["key"],
            "inferred": sorted(art.get("inferred") or ()),
            "title_source": art.get("title_source"),
            "time": art.get("time"),
            "previous": art.get("previous"),
            "fetched": art.get("fetched"),
            "signature": filemeta["signature"],
            "hash": filemeta["hash"],
            **({"folder_answer": filemeta["folder_answer"]} if "folder_answer" in filemeta else {}),
        },
        VERSION_FIELD: SCHEMA_VERSION,
    }
    if art.get("title"):
        doc["title"] = tagged(art["title"], language) if tagged else art["title"]
        doc["_stored_title"] = art["title"]
    if art.get("outlet"):
        doc["outlet"] = outlet_search_text(art["outlet"])  # its spellings, joined too (foxnews)
        doc["outlet_id"] = outlet_key(art["outlet"])  # one outlet, with or without an emoji's selector
        doc["_stored_outlet_id"] = art["outlet"]
    if art.get("date"):
        doc["date"] = art["date"]
    if art.get("url"):
        doc["url"] = art["url"]
    if art.get("author"):
        doc["author"] = art["author"]
    if story:
        doc["story"] = story
    if isinstance(features, bytes):  # packed (a large load's, as the parent keeps them)
        from reader.analysis.stories.packed import PackedRecord

        features = PackedRecord(features).to_dict()
    if features is not None:
        doc["story_features"] = (
            features if isinstance(features, str) else json.dumps(features, ensure_ascii=False, separators=(",", ":"))
        )
    if quotes:
        quoted = "\n".join(q.get("text") or "" for q in quotes)
        doc["quote"] = tagged(quoted, language) if tagged else quoted
        speakers = [q["speaker"] for q in quotes if q.get("speaker")]
        if speakers:
            doc["speaker"] = tagged("\n".join(speakers), language) if tagged else "\n".join(speakers)
    return doc


def article_row(art: dict, story: str | None, key: str) -> dict:
    """The article row (state.info_dict) of the document make_document writes for `art` read
    from the file `key`, without making it (the update may hold the article's metadata only: its
    text is spilled)."""
    row = {column: art.get(column) or None for column in statedb.ARTICLE_COLUMNS}
    row.update(id=art["id"], story=story or None, path=key)
    return row


def document_from_stored(stored: dict, story: str | None) -> dict:
    """Rebuild a document's field values from its stored fields (to change only its story)."""
    art = article_from_stored(stored)
    quotes = json.loads(stored.get("quotes_json") or "[]")
    meta = dict(stored["meta"])
    meta["key"] = stored["file"]
    return make_document(art, quotes, story, meta, stored.get("story_features"), stored.get("lang"))


# -- worker processes ---------------------------------------------------------------------------


# Counts the workers add to as they go, shared with the parent, which shows them as progress
# (pool.WorkerPool): files loaded; documents indexed (their words), and finished (stored: a
# segment started before the stories are known is finished once they are); story records read
# by the grouping (twice each), the articles whose partners it has looked for, and those it has
# compared (every pair scored); and the workers started (past worker_init). None outside a worker.
FILES_LOADED, DOCUMENTS_INDEXED, DOCUMENTS_FINISHED, RECORDS_READ, ARTICLES_COMPARED = 0, 1, 2, 3, 4
WORKERS_STARTED = 5
# A large file loaded by a worker (load_large_file): its number in the parent's list, and its
# articles loaded of how many; all 0 when none is being counted.
LARGE_FILE, LARGE_FILE_DONE, LARGE_FILE_ARTICLES = 6, 7, 8
ARTICLES_SEARCHED = 9
# The documents of a segment started before the stories are known whose postings (those before
# "story": the bodies) are written, counted as they are (write_spilled_segments).
POSTINGS_WRITTEN = 10
TALLY_SLOTS = 11
_tally: Any = None


def documents_written(tally) -> int:
    """The documents the workers wrote, each counted a third when indexed, a third as the
    postings of its body are written and a third when finished: the count goes on while a
    segment started early is finished (seconds at 5,000 articles), and while its bodies'
    postings are written, which a short grouping leaves to after it (10 s at 3,000 articles on a
    busy machine, under a count stuck at half)."""
    return (tally[DOCUMENTS_INDEXED] + tally[POSTINGS_WRITTEN] + tally[DOCUMENTS_FINISHED]) // 3


def records_grouped(tally) -> int:
    """The articles the grouping has done, each counted a quarter at each of its two readings, a
    quarter once its partners were looked for and a quarter once compared: the comparing went on
    under a full count (22 s at 4,000 articles on a busy machine), and the search for partners,
    between the readings and the comparing, under a still one (6 s at 10,000 articles)."""
    return (tally[RECORDS_READ] + tally[ARTICLES_SEARCHED] + tally[ARTICLES_COMPARED]) // 4


def counted(*slots: int) -> None:
    """One more file loaded or document indexed or finished (slots), for the parent's progress."""
    tally = _tally
    if tally is not None:
        with tally.get_lock():
            for slot in slots:
                tally[slot] += 1


def counted_up_to(slot: int) -> Callable[[int], None]:
    """A callback that raises a slot's count to the values it is given (a running total)."""
    last = 0

    def up_to(value: int) -> None:
        nonlocal last
        tally = _tally
        if tally is not None and value > last:
            with tally.get_lock():
                tally[slot] += value - last
            last = value

    return up_to


def _each_counted(docs: Iterable[dict], *slots: int) -> Iterator[dict]:
    for doc in docs:
        yield doc
        counted(*slots)


def worker_init(tally=None, parent_pid: int | None = None) -> None:
    """Ready a spawned worker; `parent_pid`: the process that spawned it (os.getppid() when
    not given)."""
    global _tally
    _tally = tally  # a multiprocessing Array of counts (see FILES_LOADED), or None
    # ctrl+c goes to the whole process group: the parent decides; workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # started with it blocked (pool.ctrl_c_blocked): now ignored
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # A pool worker holds both ends of its task queue, so it never sees EOF when its parent is
    # killed (kill -9): ask Linux to kill it with its parent, and also watch for the parent
    # to go away (other systems, or a worker stuck on a lock a dead sibling held).
    # The spawning process's pid as it gave it: asked here, a parent killed while this worker
    # was still starting (importing) is already gone, and the orphan's parent (init) watched.
    parent = parent_pid if parent_pid is not None else os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)

    def watch_parent() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
    counted(WORKERS_STARTED)  # its pool's semaphores are open here: the parent may remove their names


def import_module(name: str) -> None:
    """Import a module (a worker readying itself for a task to come)."""
    import importlib

    importlib.import_module(name)


def article_to_dict(article) -> dict:
    return {
        "id": article.id,
        "path": str(article.path),
        "text": article.text or "",
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
        "author": article.author,
        "story": article.story,
        "inferred": sorted(article.inferred or ()),
        "title_source": article.title_source,
        "time": article.time,
        "previous": article.previous,
        "fetched": article.fetched,
    }


def article_from_stored(stored: dict) -> dict:
    """The article (article_to_dict's shape) that a document's stored fields hold: the one place
    that reads an article back. The field `outlet_id` stores the outlet's name as written; its
    indexed terms are the name casefolded, which the outlet filter matches."""
    meta = stored.get("meta") or {}
    return {
        "id": stored["id"],
        "path": meta.get("path", ""),
        "text": stored.get("body") or "",
        "title": stored.get("title"),
        "outlet": stored.get("outlet_id"),
        "date": stored.get("date"),
        "url": stored.get("url"),
        "author": stored.get("author"),
        "story": stored.get("story"),
        "inferred": sorted(meta.get("inferred") or ()),
        "title_source": meta.get("title_source"),
        "time": meta.get("time"),
        "previous": meta.get("previous"),
        "fetched": meta.get("fetched"),
    }


def find_quotes_dicts(text: str) -> list[dict]:
    from reader.analysis.quotes import find_quotes

    return [q.to_dict() for q in find_quotes(text)]


def resolve_loader(name: str):
    """ "module:function" -> the function (picklable by name for spawned workers)."""
    import importlib

    module, _, func = name.partition(":")
    return getattr(importlib.import_module(module), func)


def pack_features(features: dict | None) -> bytes | None:
    """A story record packed (reader.analysis.stories.packed), or None."""
    from reader.analysis.stories.packed import pack

    return pack(features) if features is not None else None


def story_features_dict(art: dict, quotes: list[dict]) -> dict | None:
    """The article's story-grouping record."""
    from reader.analysis.stories import story_features
    from types import SimpleNamespace

    return story_features(SimpleNamespace(**art), quotes)


def load_files(
    jobs: list[tuple[str, str, str, list[int], str | None]],
    loader: str = "reader.corpus:load_file",
    quotes: bool = True,
    stories: bool = True,
    spill_dir: str | None = None,
    on_loaded=None,
    follow_links: bool = False,
    on_article: Callable[[int, int, str], None] | None = None,
) -> list[dict]:
    """Load, clean and analyse files: jobs are (key, path, root, signature, hash or None).

    Returns one record per file: {"key", "signature", "hash", "articles": [...],
    "quotes": {id: [...]}, "features": {id: story record as JSON}, "packed": {id: the record packed
    (reader.analysis.stories.packed) or None}, "skipped": [{"path", "reason"}],
    "unwritable": {index of an article: why it cannot be written}}. Never raises for a bad file.
    With `spill_dir`, the articles, their quotations and story records go to one spill file in
    that folder (spill.py), named by each record's "spill" (a large file's, spilled in chunks as
    it loads: the list of its chunks, spill.places); its articles keep their metadata but
    not their text, and its "quotes" are empty (the story records stay, packed when they can be,
    in "features": the state keeps them; there is no "packed"). `on_loaded()` is called after
    each file (a worker counts them for its parent's progress instead). Without `follow_links`,
    a file whose links lead out of its root now (swapped since the scan) is skipped, not read.
    `on_article(done, count, path)` is called after each article of a file is analysed: a JSON
    Lines file or feed of thousands of articles is minutes of work in one file (it may raise to
    stop there: an update cancelled).
    """
    from reader.corpus.outlets import registry_held

    load_file = resolve_loader(loader)
    out = []
    real_roots: dict[str, str | None] = {}  # each job's root -> the real folder its files must be in
    with registry_held():  # one look at the user's outlets.yaml per batch, not per file
        for job in jobs:
            root = job[2]
            if root not in real_roots:
                real_roots[root] = bound_for(root, follow_links)
            out.append(_load_one(job, load_file, quotes, stories, real_roots[root], on_article, spill_dir))
            counted(FILES_LOADED)
            if on_loaded is not None:
                on_loaded()
    if spill_dir is not None:
        _spill(out, spill_dir)
    return out


def empty_record(key: str, signature, digest: str | None) -> dict[str, Any]:
    """A load_files record of one file, before its articles are added."""
    return {
        "key": key,
        "signature": signature,
        "hash": digest,
        "articles": [],
        "quotes": {},
        "features": {},
        "packed": {},
        "skipped": [],
    }


def _load_one(
    job: tuple,
    load_file,
    quotes: bool,
    stories: bool,
    inside: str | None,
    on_article=None,
    spill_dir: str | None = None,
) -> dict:
    """load_files' record of one file, read only where `inside` lets it (regular_file.reading_inside);
    `on_article` as load_files has it. With `spill_dir`, a file's articles go to spill files
    SPILL_CHUNK_CHARS of text at a time as they are read (_spill_chunk), not all held until its
    end: a JSON Lines file of any size is loaded in bounded memory."""
    key, path, root, signature, digest = job
    record = empty_record(key, signature, digest)
    problems = FileProblems(path)
    try:
        if digest is None:
            record["hash"] = content_hash(Path(path))
        # Absolute (the folder as given, made absolute; links not resolved): the article's path
        # must name its file whatever folder a later command runs in.
        # Read as the scan saw it: a link out of the root put in its place since then is refused.
        entries, counted_to = Entries(), 0
        with reading_inside(inside):
            items = _file_items(
                load_file, Path(os.path.abspath(path)), Path(os.path.abspath(root)), entries, spill_dir is not None
            )
            for article in items:
                if isinstance(article, Skipped):
                    problems.add(article)
                else:
                    _add_article(record, article, path, quotes, stories)
                    if spill_dir is not None and _held_chars(record) >= SPILL_CHUNK_CHARS:
                        try:
                            _spill_chunk(record, spill_dir)
                        except OSError as exc:  # the disk full: the update fails, as _spill does
                            raise _SpillFailed from exc
                if on_article is not None and entries.done > counted_to:  # a skipped line counts too
                    counted_to = entries.done
                    on_article(entries.done, entries.total, path)
        if entries.folder_answer is not None:  # read as its folder said: read again when that changes
            record["folder_answer"] = entries.folder_answer
        record["skipped"].extend(problems.dicts())
    except _SpillFailed as exc:
        assert isinstance(exc.__cause__, OSError)
        raise exc.__cause__ from None
    except (OSError, UnicodeEncodeError) as exc:  # (a name the file system's encoding cannot take)
        record["skipped"].extend(problems.dicts())
        record["skipped"].append({"path": path, "reason": read_problem(exc, path)})
        from reader.corpus.loader import ReadStopped

        if isinstance(exc, ReadStopped):
            # Read in part: not recorded as read (no signature, no hash), the next update reads
            # it again rather than trust it until the file changes.
            record["signature"] = record["hash"] = None
    except Exception as exc:  # a loader bug: report the file, keep indexing the rest
        record["skipped"].extend(problems.dicts())
        record["skipped"].append({"path": path, "reason": f"could not load ({type(exc).__name__}: {exc})"})
    if record["skipped"] and not os.path.lexists(path):
        # Deleted or renamed while the update ran: not a problem of the file's to report ("cannot
        # read: No such file or directory" for each), just gone; the next update drops it.
        record["skipped"] = []
    # Checked here, before writing: a failure inside Whoosh's writer fails the whole commit.
    record["unwritable"] = {**record.get("unwritable", {}), **_unwritable_from(record, record.get("spilled_count", 0))}
    record.pop("held_chars", None)
    return record


# A file's problems of its own lines kept one by one; past these, counted by reason: a JSON Lines
# file of a million bad lines held ~500 bytes for each (479 MB), in the worker and in the state.
MAX_LINE_PROBLEMS = 100
_LINE = re.compile(r"line [0-9]+: (.*)", re.DOTALL)
_MORE_LINES = re.compile(r"and ([0-9,]+) more lines?: (.*)", re.DOTALL)


class FileProblems:
    """What a file's loading skipped or warned of (Skipped items, in order): the file's own
    problems all, its lines' ("line 12: why") the first MAX_LINE_PROBLEMS, then a count for each
    reason, said at the end ("and 999,900 more lines: expected a JSON object")."""

    def __init__(self, path: str):
        self.path = path
        self.kept: list[Skipped] = []
        self.lines = 0
        self.more: dict[tuple[str, bool], int] = {}

    def add(self, problem: Skipped) -> None:
        if more := _MORE_LINES.fullmatch(problem.reason):  # a count the loader made already
            self._count(more.group(2), problem.warning, int(more.group(1).replace(",", "")))
            return
        line = _LINE.fullmatch(problem.reason)
        if line is None or self.lines < MAX_LINE_PROBLEMS:
            self.lines += line is not None
            self.kept.append(problem)
            return
        self._count(line.group(1), problem.warning, 1)

    def _count(self, reason: str, warning: bool, count: int) -> None:
        self.more[reason, warning] = self.more.get((reason, warning), 0) + count

    def dicts(self) -> list[dict]:
        """The problems as load_files' records give them (each once: the list is emptied)."""
        out = [problem.to_dict() for problem in self.kept]
        for (reason, warning), count in self.more.items():
            more = {"path": self.path, "reason": f"and {count:,} more line{'s' if count > 1 else ''}: {reason}"}
            out.append({**more, "warning": True} if warning else more)
        self.kept, self.more = [], {}
        return out


class _SpillFailed(Exception):
    """Writing a spill chunk failed (its OSError the cause): not the file's problem to report."""


# Text a file's articles may hold in a loading worker before they go to a spill file (characters).
SPILL_CHUNK_CHARS = 16_000_000


def _held_chars(record: dict) -> int:
    """The text held by the record's articles not spilled yet (kept up to date by _add_article)."""
    return record.get("held_chars", 0)


def _unwritable_from(record: dict, start: int) -> dict[int, str]:
    """{index: why} of the record's articles from `start` that cannot be written (unwritable)."""
    articles = record["articles"]
    return {
        i: problem
        for i in range(start, len(articles))
        if (
            problem := unwritable(
                articles[i], record["quotes"].get(articles[i]["id"]), record["features"].get(articles[i]["id"])
            )
        )
    }


def _spill_chunk(record: dict, spill_dir: str) -> None:
    """Move the record's articles not spilled yet (their text, quotations, story records) to a
    spill file of their own, as _spill does at the end of a batch: the record then holds their
    metadata and packed story records, and "chunks" names the file and how many it holds."""
    from reader.index import spill

    start = record.get("spilled_count", 0)
    articles = record["articles"]
    record.setdefault("unwritable", {}).update(_unwritable_from(record, start))
    quotes, features, packed = record["quotes"], record["features"], record["packed"]
    heavy = [(art, quotes.pop(art["id"], []), features.get(art["id"])) for art in articles[start:]]
    path = spill.write(spill_dir, {record["key"]: heavy})
    record.setdefault("chunks", []).append((path, len(heavy)))
    for i in range(start, len(articles)):
        art = articles[i]
        articles[i] = {k: v for k, v in art.items() if k != "text"}
        aid = art["id"]
        if aid in features:
            features[aid] = packed.pop(aid, None) or features[aid]
    record["spilled_count"] = len(articles)
    record["held_chars"] = 0


def _file_items(load_file, path: Path, root: Path, entries: Entries, any_size_jsonl: bool) -> Iterator:
    """The file's articles and problems as the loader gives them: the corpus's own loader one at
    a time as it reads them (loader.iter_file: a JSON Lines file's first article is analysed and
    counted at once, not after the whole file is cleaned, ~14 s for 9,000 articles; of any size
    when `any_size_jsonl`: its articles are spilled as they come), another's (tests) once it
    returns."""
    from reader.corpus import loader as corpus_loader

    if load_file is corpus_loader.load_file:
        yield from corpus_loader.iter_file(path, root, entries, any_size_jsonl=any_size_jsonl)
        return
    result = load_file(path, root)
    entries.total = len(result.articles)
    for article in result.articles:
        entries.done += 1
        yield article
    yield from result.skipped


def _add_article(record: dict, article, path: str, quotes: bool, stories: bool) -> None:
    """Add an article, its quotations and story record to load_files' record of its file."""
    art = article_to_dict(article)
    record["articles"].append(art)
    try:
        record["quotes"][art["id"]] = find_quotes_dicts(art["text"]) if quotes else []
    except Exception as exc:  # a bug in quote finding must not lose the article
        record["quotes"][art["id"]] = []
        record["skipped"].append({"path": path, "reason": f"quotes not found: {exc}"})
    if stories:
        try:
            # As JSON: the parent holds every new article's record until the
            # index is written, and a dict takes ten times the memory. Packed too,
            # as the state database keeps it (statedb.feature_row).
            features = story_features_dict(art, record["quotes"][art["id"]])
            record["features"][art["id"]] = json.dumps(features, ensure_ascii=False, separators=(",", ":"))
            record["packed"][art["id"]] = pack_features(features)
        except Exception:  # a bug here must not lose the article: grouped from its text later
            record["features"][art["id"]] = None
    record["held_chars"] = record.get("held_chars", 0) + _held_by(record, art["id"], art["text"])


def _held_by(record: dict, article_id: str, text: str) -> int:
    """About what an article not spilled yet holds (in characters): its text, its quotations, its
    story record as JSON (~7 KB, more than a short article's text) and packed."""
    quotes = record["quotes"].get(article_id) or []
    quoted = sum(len(v) + 50 for q in quotes for v in q.values() if isinstance(v, str))
    features = record["features"].get(article_id)
    packed = record["packed"].get(article_id)
    return len(text) + quoted + (len(features) if features else 0) + (len(packed) if packed else 0)


def load_large_file(
    job: tuple,
    number: int,
    loader: str,
    quotes: bool,
    stories: bool,
    spill_dir: str | None,
    follow_links: bool,
    steps: int,
) -> list[dict]:
    """load_files of one large file in a worker, its articles counted for the parent's progress
    (LARGE_FILE...: the file's `number`, >= 1, and how many of its articles are loaded, at most
    `steps` times and at the last). Two large files loaded at once: the one counted first keeps
    the slots until it ends (the parent's message would flip between their names)."""

    def one_article(done: int, count: int, _path: str) -> None:
        tally = _tally
        if tally is not None and (done == count or done % max(1, count // steps) == 0):
            with tally.get_lock():
                if tally[LARGE_FILE] in (0, number):
                    tally[LARGE_FILE], tally[LARGE_FILE_DONE], tally[LARGE_FILE_ARTICLES] = number, done, count

    try:
        return load_files([job], loader, quotes, stories, spill_dir, None, follow_links, one_article)
    finally:
        tally = _tally
        if tally is not None:
            with tally.get_lock():
                if tally[LARGE_FILE] == number:
                    tally[LARGE_FILE], tally[LARGE_FILE_DONE], tally[LARGE_FILE_ARTICLES] = 0, 0, 0


def spill_records(records: list[dict], spill_dir: str) -> None:
    """Move loaded records' articles to a spill file (see _spill): those of moved files made
    from their stored documents (update.py: IndexUpdate._reuse_moved)."""
    _spill(records, spill_dir)


def _spill(records: list[dict], spill_dir: str) -> None:
    """Move the records' articles (text, quotations, story records) to one spill file (those of
    a file spilled in chunks as it loaded, _spill_chunk, its last chunk: its "spill" is then the
    list of its chunks, see spill.places)."""
    from reader.index import spill

    heavy = {
        rec["key"]: [
            (art, rec["quotes"].get(art["id"], []), rec["features"].get(art["id"]))
            for art in rec["articles"][rec.get("spilled_count", 0) :]
        ]
        for rec in records
        if len(rec["articles"]) > rec.get("spilled_count", 0)
    }
    path = spill.write(spill_dir, heavy) if heavy else None
    for rec in records:
        chunks = rec.pop("chunks", None)
        start = rec.pop("spilled_count", 0)
        rec["spill"] = path if chunks is None else [*chunks, *([(path, len(rec["articles"]) - start)] if path else [])]
        rec["articles"] = [{k: v for k, v in art.items() if k != "text"} for art in rec["articles"]]
        rec["quotes"] = {}
        # The parent keeps the story records for the state database only: packed (the
        # JSON is in the spill file), about half the memory, and stored as they come.
        packed = rec.pop("packed", {})
        rec["features"] = {aid: packed.get(aid) or text for aid, text in rec["features"].items()}


def write_segment(wdir: str, docs: Iterable[dict]):
    """Write docs as one new, uncommitted segment of the index in the Whoosh folder `wdir`
    (run in a worker; the parent holds the lock)."""
    from reader.corpus.outlets import registry_held

    ix = whoosh_index.open_dir(str(wdir), indexname=INDEX_NAME)
    with registry_held():  # each document's outlet spellings: one look at outlets.yaml, not one a document
        return whoosh_internals.write_uncommitted_segment(
            ix, _each_counted(docs, DOCUMENTS_INDEXED, POSTINGS_WRITTEN, DOCUMENTS_FINISHED)
        )


def spilled_documents(parts: list[tuple[str, list[tuple[str, int, str | None, dict, str | None]]]]) -> Iterator[dict]:
    """The index documents of spilled articles: parts are (spill file, [(file key, index in the
    file, story id, file entry with its key, story record to use instead of the spilled one or
    None)]), in the order to write them."""
    from reader.index import spill

    reader = spill.Reader()
    for path, entries in parts:
        for key, index, story, filemeta, record in entries:
            art, quotes, features = reader.get(path, key, index)
            yield make_document(art, quotes, story, filemeta, record if record is not None else features)


def write_spilled_segment(wdir: str, parts: list, stories_from: str | None = None):
    """write_segment of spilled articles (spilled_documents' parts), read back one spill file at
    a time. With `stories_from` (the spill folder), the parts name no stories: the documents are
    indexed while the parent groups the stories, held (their stored values) until it hands the
    stories over (spill.write_stories), then finished; meanwhile the postings of the fields
    before "story" (the bodies: most of the segment) are written."""
    if stories_from is None:
        return write_segment(wdir, spilled_documents(parts))
    return write_spilled_segments(wdir, [parts], stories_from)[0]


@collector_paused  # the pools' 100,000s of lists: every full collection would walk them all
def write_spilled_segments(wdir: str, parts_list: list[list], stories_from: str) -> list[tuple]:
    """[(segment, document count)]: write_spilled_segment(wdir, parts, stories_from) for each
    parts of `parts_list`, in one worker: every segment's documents are indexed (and its
    postings before "story" written) before the stories are awaited, so a worker given more
    segments than one keeps busy while the stories are grouped (a build of 50,000 articles
    writes six segments with two workers)."""
    from reader.corpus.outlets import registry_held
    from reader.index import spill

    ix = whoosh_index.open_dir(str(wdir), indexname=INDEX_NAME)
    started: list = []
    try:
        for parts in parts_list:
            documents = _each_counted(spilled_documents(parts), DOCUMENTS_INDEXED)
            with registry_held():  # each document's outlet spellings: one look at outlets.yaml a segment
                started.append(
                    whoosh_internals.start_uncommitted_segment(
                        ix, documents, ("story",), counted_up_to(POSTINGS_WRITTEN)
                    )
                )
        story_of = spill.wait_for_stories(stories_from)
    except BaseException:
        for writer in started:
            writer.pool.cleanup()
        raise

    def more(fields: dict) -> dict:
        counted(DOCUMENTS_FINISHED)
        story = story_of.get(fields["id"])
        return {"story": story} if story else {}

    written = []
    for n, writer in enumerate(started):
        try:
            written.append(whoosh_internals.finish_uncommitted_segment(writer, more))
        except BaseException:
            for left in started[n + 1 :]:
                left.pool.cleanup()
            raise
    return written


# A segment of at most this many documents may join a merge whatever the others' sizes (a small
# update's segment: merging a thousand documents takes about a second at most).
MERGE_FLOOR_DOCS = 1000


def segments_to_merge(segments: list) -> list:
    """The segments a merge should rewrite: the smallest first, each next one joining only while
    it holds at most twice the documents already chosen together (or MERGE_FLOOR_DOCS); none
    when fewer than two qualify. A merge so rewrites at most about three times what piled up
    since the one before, and a build's large segments only once the updates beside them add up
    to half as much (keeping the largest few instead merged two of a 50k build's six segments,
    26 s, as soon as three small updates had piled up)."""
    chosen: list = []
    total = 0
    for seg in sorted(segments, key=lambda s: s.doc_count()):
        size = seg.doc_count()
        if chosen and size > max(2 * total, MERGE_FLOOR_DOCS):
            break
        chosen.append(seg)
        total += size
    return chosen if len(chosen) >= 2 else []


def _merge_small(writer, segments, progress: Callable[[int, int], None] | None = None):
    """A Whoosh merge policy: segments_to_merge's segments go into the writer's new segment.
    `progress(done, total)`: their documents, each counted half when read and half as the new
    segment is written (the two halves of a merge's time)."""
    from whoosh.reading import SegmentReader

    merged = segments_to_merge(segments)
    total = sum(seg.doc_count() for seg in merged)
    read = 0
    for seg in merged:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
        read += seg.doc_count()
        if progress is not None:
            progress(read // 2, total)
    if progress is not None and total:
        writer.flush_progress = lambda done, terms: progress((total + total * done // terms) // 2, total)
    return [s for s in segments if s not in merged]


def commit_segments(writer, segments, merge: bool, progress: Callable[[int, int], None] | None = None) -> None:
    """Commit the parent writer's own changes (deletions, additions) plus worker segments.

    Without `merge`, existing segments are left alone (a small update writes one small segment);
    with it, the small segments are merged into the new one (segments_to_merge).
    `progress(done, total)`: the documents of the writer's new segment as it is written (a
    small update's own, which wait in memory until now; or those a merge rewrites).
    """
    if progress is not None and not merge and writer.docnum:
        documents = writer.docnum
        writer.flush_progress = lambda done, terms: progress(documents * done // terms, documents)
    policy = NO_MERGE
    if merge:
        policy = _merge_small if progress is None else (lambda w, segs: _merge_small(w, segs, progress))
    whoosh_internals.commit_with_segments(writer, segments, policy)


_SCALARS = (int, float, bool, type(None))


def _plainly_writable(value, depth: int = 0) -> bool:
    """True when `value` is made of JSON's own types (str keys) no deeper than a few levels and
    holds no surrogate (the one thing UTF-8 cannot encode): then it can be written for sure.
    False means only that unwritable() must look closer."""
    if isinstance(value, str):
        if value.isascii():
            return True
        try:
            value.encode("utf-8")  # in C, and faster than any search for a surrogate
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, _SCALARS):
        return True
    if depth > 8:
        return False
    if isinstance(value, (list, tuple)):
        return all(_plainly_writable(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(key, str) and _plainly_writable(key) and _plainly_writable(item, depth + 1)
            for key, item in value.items()
        )
    return False


def unwritable(*values) -> str | None:
    """Why these values (an article's fields, quotes, story record) cannot be written to the index,
    or None: checked before writing, since a failure inside Whoosh's writer fails the whole commit."""
    if _plainly_writable(values):  # the usual case, without making their JSON
        return None
    return unwritable_by_json(values)


def unwritable_by_json(values: tuple) -> str | None:
    """unwritable()'s definition: what JSON, then UTF-8, make of the values."""
    try:  # one pass in C over every string
        json.dumps(values, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"text that cannot be encoded ({exc.reason}: {exc.object[exc.start : exc.end]!a})"
    except (ValueError, TypeError, RecursionError) as exc:
        return f"values that cannot be stored ({type(exc).__name__})"
    return None
