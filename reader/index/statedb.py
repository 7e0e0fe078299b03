"""The index's bookkeeping in SQLite (standard library): per-file signatures, article metadata,
stories and the folders watched for changes, for one Whoosh generation (no UI imports).

Why SQLite and not one JSON document: a reading command reads only the table it needs (`list`
the articles, `stories` the stories; `search` none of them), and an update rewrites only the rows
that changed, in one transaction. The Whoosh index stays the source of truth: the `meta` table
names the Whoosh folder and generation these rows describe; when they do not match the committed
index (a process killed between the two commits), the caller rebuilds the state from the index's
stored fields, as it did with state.json.

Tables:
    meta(key, value)                 JSON values: layout, schema, generation, dir, roots, follow_links,
                                     scan_skipped
    files(key, entry, signature)     key = "token:path under the corpus folder" (roots.py);
                                     entry = JSON {signature, hash, ids, skipped} (update.py: scan);
                                     signature = the entry's signature as compact JSON, so a check
                                     for changes (noop.py) compares texts without decoding entries
    articles(id, outlet, title, date, url, story, path, author, time, previous, fetched)
                                     path = its file's key; previous = the id of the version this
                                     article replaces; fetched = when reader fetch fetched it (UTC)
    grouped_stories(id, size, first, label, articles)   the grouping's stories, read by key:
                                     size = how many articles, first = the smallest id (their
                                     order is `ORDER BY size DESC, first`, story_order's; SQLite's
                                     binary collation orders UTF-8 as Python orders str); id is
                                     not unique (40 bits of a hash: two stories may share one)
    stories(pos, id, label, articles)   stories given by metadata (an index that groups none):
                                     their ids can repeat and their order is the articles'
                                     articles = JSON list of ids, in story order (both tables)
    watch(path, mtime_ns)            corpus folders (and corpus.yaml files) as last indexed; a
                                     folder's path with "/." after it (listing_key) holds what a
                                     walk finds in it instead (discover.listing_signature)
    features(id, record)             each article's story-grouping record, packed
                                     (reader.analysis.stories.packed; zlib'd JSON when it does not
                                     fit that form), so an update reads the date window it regroups
                                     without JSON or unpickling whole documents (a missing row is
                                     read from the Whoosh document instead)
    tops(id, data)                   each article's top terms as the story grouping last found
                                     them (reader.analysis.stories.topcache: used again while they
                                     hold); dropped whenever the article's record is written
    versions(id, number, count, newest, previous, missing, gone, remembered, versions)
                                     the chains of versions (reader.index.article_versions:
                                     Replacements.rows), worked out again from the articles table
                                     whenever a save writes it, so a reader of one article's place
                                     (`show --json`) reads one row; `remembered` links outlive the
                                     articles they name (a deleted version's), a full write too
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
import zlib
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection, Container, Iterator, Literal, MutableMapping, Protocol, Sequence, overload
from pathlib import Path

from reader.index.gcpause import collector_paused

if TYPE_CHECKING:
    from reader.index.article_versions import Replacements

DB_NAME = "state.sqlite"
# The tables' layout, in the meta table: 2 added files.signature (a database of layout 1 gets it
# at its next write, see _add_signature_column; an update writes one when the layout is older);
# 3 added articles.author (_add_author_column; index schema 29, so its rows are written anew);
# 4 added articles.time (the same way; index schema 40); 5 added articles.previous (index schema 52);
# 6 added grouped_stories, the grouping's stories read by key (index schema 53); 7 added versions
# (index schema 56), with the indexes articles_previous and articles_url that find a chain's articles;
# 8 works the chains out again: an older reader let another day's article at a page's address stand
# in for a version gone whose name says its day (article_versions._stand_ins), and kept the link;
# 9 again: one whose name says no day (an undated page's, a file named by hand) took any day's;
# 10 added articles.fetched, when reader fetch fetched the article (index schema 68).
LAYOUT = 10
# The meta key saying the last save could not read or keep the links of versions in the marks
# file (another process held it locked longer than they are waited for): the next update does
# it, even one that finds nothing else to do (keep_owed_links). Absent: none owed.
LINKS_OWED = "links_owed"
# The meta key counting the writes that changed the versions table, a commit of the index or
# none (keep_owed_links, an update's save with nothing to commit): readers holding the chains
# read them again when it changes (versions_stamp). Absent (a database written before it): 0.
VERSIONS_WRITTEN = "versions_written"
_IDS_PER_QUERY = 500  # bound parameters per query (SQLite allows 32,766 since 3.32, 999 before)
# The articles table's columns, an article row's keys (state.ArticleInfo's fields, in order): the
# table, its reads and writes, and the rows made elsewhere (state.info_dict, store.article_row) are
# all made from this one list.
ARTICLE_COLUMNS = ("id", "outlet", "title", "date", "url", "story", "path", "author", "time", "previous", "fetched")
# The versions table's columns, in the order of article_versions.ROW_COLUMNS (a test checks they agree).
VERSION_COLUMNS = ("id", "number", "count", "newest", "previous", "missing", "gone", "remembered", "versions")
PACKED_MAGIC = b"SF\x01"  # reader.analysis.stories.packed.MAGIC (a test checks they agree)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, entry TEXT NOT NULL, signature TEXT);
CREATE TABLE IF NOT EXISTS articles ({", ".join(f"{c} TEXT PRIMARY KEY" if c == "id" else f"{c} TEXT" for c in ARTICLE_COLUMNS)});
CREATE TABLE IF NOT EXISTS stories (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, label TEXT,
                                    articles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grouped_stories (id TEXT NOT NULL, size INTEGER NOT NULL, first TEXT NOT NULL,
                                            label TEXT, articles TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grouped_stories_id ON grouped_stories (id);
CREATE INDEX IF NOT EXISTS grouped_stories_order ON grouped_stories (size DESC, first);
CREATE TABLE IF NOT EXISTS watch (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS features (id TEXT PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tops (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS versions ({", ".join(f"{c} TEXT PRIMARY KEY" if c == "id" else f"{c} {'INTEGER' if c in ('number', 'count') else 'TEXT'}" for c in VERSION_COLUMNS)});
"""
# Made once the articles table has its columns (an older layout's gets them: _add_article_columns):
# what finds a chain's articles at each save (_CHAIN_ARTICLES).
_ARTICLE_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_previous ON articles (previous) WHERE previous IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
"""


# The entries an update reads whole at its start: with problems (skipped) or duplicates, or read
# as their folder said (update._read_again_as_folders_say asks it again).
_SPECIAL = "(entry NOT LIKE '%\"skipped\":[]%' OR entry LIKE '%\"duplicates\":%' OR entry LIKE '%\"folder_answer\":%')"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads_all(texts: list[str]) -> list:
    """json.loads of each text, parsed as one array: 10,000 small documents in a third of the
    time (each json.loads call has its own overhead)."""
    try:
        values = json.loads("[" + ",".join(texts) + "]")
    except ValueError:
        values = None
    if values is None or len(values) != len(texts):  # a damaged text ("1,2", "[1"): one by one,
        return [json.loads(text) for text in texts]  # as it would have been read
    return values


def signature_text(signature) -> str | None:
    """A file's signature (a list of four ints) as the files table's signature column holds it:
    the same text as compact JSON, made without the JSON encoder (a scan makes 10,000s)."""
    if type(signature) is list and len(signature) == 4:
        a, b, c, d = signature  # (not all() over a generator: a scan's 20,000 made 100,000 calls)
        if type(a) is int and type(b) is int and type(c) is int and type(d) is int:
            return "[%d,%d,%d,%d]" % (a, b, c, d)
    return None


def _add_signature_column(con: sqlite3.Connection) -> None:
    """A database written before the files table had its signature column gets it, filled in."""
    if any(row[1] == "signature" for row in con.execute("PRAGMA table_info(files)")):
        return
    con.execute("BEGIN IMMEDIATE")
    try:
        con.execute("ALTER TABLE files ADD COLUMN signature TEXT")
        rows = con.execute("SELECT key, entry FROM files").fetchall()
        con.executemany(
            "UPDATE files SET signature = ? WHERE key = ?",
            [(signature_text(json.loads(entry).get("signature")), key) for key, entry in rows],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _add_article_columns(con: sqlite3.Connection) -> None:
    """A database written before the articles table had its author (or time, previous, fetched) column gets it,
    empty: it was written for an older index schema, whose rows are all written again."""
    have = {row[1] for row in con.execute("PRAGMA table_info(articles)")}
    for column in ("author", "time", "previous", "fetched"):
        if column not in have:
            con.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")


def _signature(entry: dict) -> tuple:
    """What an update changes in place in a file's entry (a touched file gets a new signature)."""
    return (
        tuple(entry.get("signature") or ()),
        entry.get("hash"),
        len(entry.get("ids") or ()),
        len(entry.get("skipped") or ()),
    )


def _read_whole(state: dict) -> bool:
    """Whether the state is whole in memory, to write a new database with: the file entries read
    by key, and the parts of a lazy state never read, are read now, before the damaged database
    is removed (read after, from the new empty one, they were empty: a state of no article).
    False: they cannot be."""
    try:
        if isinstance(state, _LazyState):
            for key in state.unread():
                state[key]
        files = state["files"]
        if isinstance(files, FileEntries):
            files.read_all()
    except (sqlite3.DatabaseError, ValueError):
        return False
    return True


class StateUnreadable(sqlite3.DatabaseError):
    """Rows an update reads when it needs them (by key, or a lazy state's) cannot be read: a
    damaged page of a table or of its key's index. The database only mirrors the index's stored
    fields: the update removes it and makes the state from those (update.py)."""


@dataclass
class StoryChanges:
    """An update's changes to the grouping's stories, for a save whose state does not hold the
    stories it kept (update.py: the stories read by key): every story with one of the `removed`
    ids goes, the `added` ones ({id, label, articles}) come."""

    removed: list[str]
    added: list[dict]


class _NotWhole(Exception):
    """A save of ArticleChanges found the database must be written whole: it cannot be."""


def _story_row(story: dict) -> tuple:
    return (story["id"], story["label"], tuple(story["articles"]))


class FileEntries(MutableMapping):
    """Every file's entry of the state database, read by key (for the lock holder's update): it
    holds every key with its signature's text, which finds the files that changed as noop.py
    does, and parses only the entries asked for (those of the files that changed or went) and,
    at once, those with problems (skipped, or an id lost to another file: every update reports
    them or loads them again). A dict's order and changes: save() writes those it holds."""

    def __init__(self, db: StateDB, signatures: dict[str, str | None], special: list[tuple[str, str]]):
        self._db = db
        self._signatures = signatures  # {key: signature text} of every file, in the table's order
        self._entries: dict[str, dict] = {}  # the entries read, or set
        self._gone: set[str] = set()  # keys deleted since the last save
        self._read_texts(special)
        self.special = {key for key, _ in special}

    def _read_texts(self, rows: list[tuple[str, str]]) -> None:
        entries = _loads_all([text for _, text in rows])
        loaded = self._db._loaded_files()
        for (key, text), entry in zip(rows, entries):
            if key in self._signatures and key not in self._entries:
                self._entries[key] = entry
                loaded[key] = (entry, _signature(entry), text)

    def preload(self, keys: list[str]) -> None:
        """Read these keys' entries, in a few queries."""
        wanted = [key for key in keys if key in self._signatures and key not in self._entries]
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            rows = self._db._read(f"SELECT key, entry FROM files WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            if rows is None:
                raise StateUnreadable("the state database's file entries cannot be read")
            self._read_texts(rows)

    def read_all(self) -> None:
        if len(self._entries) < len(self._signatures):
            rows = self._db._read("SELECT key, entry FROM files")
            if rows is None:
                raise StateUnreadable("the state database's file entries cannot be read")
            self._read_texts(rows)

    def same_signature(self, key: str, signature) -> bool:
        """Whether the file of `key` has this signature and no problem: unchanged, not read."""
        if key in self._entries or key in self.special or key not in self._signatures:
            return False
        text = self._signatures[key]
        return text is not None and text == signature_text(signature)

    def ids_count(self) -> int | None:
        """The number of articles of every file as the database holds them (None: not known)."""
        rows = self._db._read("SELECT sum(json_array_length(entry, '$.ids')) FROM files")
        return None if rows is None else int(rows[0][0] or 0)

    def held_items(self) -> Iterator[tuple[str, dict]]:
        """(key, entry) of the entries read or set, in order: the only ones that can have changed."""
        for key in self._signatures:
            entry = self._entries.get(key)
            if entry is not None:
                yield key, entry

    def gone(self) -> list[str]:
        return [key for key in self._gone if key not in self._signatures]

    def saved(self) -> None:
        self._gone.clear()

    # -- the mapping -----------------------------------------------------------------------------
    def __getitem__(self, key: str) -> dict:
        entry = self._entries.get(key)
        if entry is None:
            if key not in self._signatures:
                raise KeyError(key)
            self.preload([key])
            entry = self._entries[key]
        return entry

    def __setitem__(self, key: str, entry: dict) -> None:
        self._signatures[key] = signature_text(entry.get("signature"))
        self._entries[key] = entry

    def __delitem__(self, key: str) -> None:
        del self._signatures[key]
        self._entries.pop(key, None)
        self._gone.add(key)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def __iter__(self) -> Iterator[str]:
        return iter(self._signatures)

    def __len__(self) -> int:
        return len(self._signatures)

    def items(self):  # every entry: read at once, not one query each
        self.read_all()
        return [(key, self._entries[key]) for key in self._signatures]

    def values(self):
        return [entry for _, entry in self.items()]


class _LazyState(dict):
    """A state whose articles and stories are read from the database on first use."""

    def __init__(self, data: dict, loaders: dict):
        super().__init__(data)
        self._loaders = loaders

    def __missing__(self, key):
        loader = self._loaders.get(key)
        if loader is None:
            raise KeyError(key)
        value = self[key] = loader()
        return value

    def get(self, key, default=None):
        if key in self or key in self._loaders:
            return self[key]
        return default

    def unread(self) -> list[str]:
        return [key for key in self._loaders if key not in self]

    @property
    def partly_read(self) -> bool:
        """Whether some part was never read (it would be read later, maybe from a newer state)."""
        return isinstance(dict.get(self, "files"), FileEntries) or any(key not in self for key in self._loaders)


@dataclass
class ArticleChanges:
    """An update's changes to the articles table, for a save whose state holds only the rows it
    changed (update.py: the articles read by key): what the diff of every row would write."""

    gone: set[str]  # ids whose rows (and feature records, top terms) are deleted
    rows: list[tuple]  # rows to write, in the order the diff of every row writes them
    before: dict  # every id the table held ({id: anything}), for which ids it holds after
    added: set[str]  # ids it did not hold

    def __contains__(self, aid: object) -> bool:
        """Whether the table holds `aid` once the changes are written."""
        return aid in self.added or (aid in self.before and aid not in self.gone)

    def count(self) -> int:
        return len(self.before) - len(self.gone) + len(self.added)


class LinkKeeper(Protocol):
    """Where the links of versions whose files are gone outlive the index, a cache (the user
    data dir: reader.state.version_links), with the marks that say which can go."""

    def kept(self) -> dict[str, str] | None:
        """{id: the id of the version it replaced} as last kept; None when they cannot be read."""
        ...

    def marked(self, ids: Collection[str]) -> set[str] | None:
        """Those of `ids` with a read mark or a star; None when the marks cannot be read."""
        ...

    def keep(self, links: dict[str, str]) -> bool:
        """Make `links` the kept ones; False when they could not be written."""
        ...

    def held(self) -> AbstractContextManager[None]:
        """Within it, kept(), marked() and keep() are one transaction of where the links are
        kept: no mark is set between the look at the marks and the write of the links."""
        ...


class StateDB:
    """One index folder's state database. Readers open it read-only (it is never created by a
    read); the writer (which holds the index lock) creates it and writes only what changed.
    `links`: where the links of deleted versions are kept beyond the index (_write_versions)."""

    def __init__(self, index_dir: Path, links: LinkKeeper | None = None):
        self.path = Path(index_dir) / DB_NAME
        self.links = links
        # Rows as loaded for the update in progress: saving writes only the ones that differ.
        self._loaded: dict | None = None

    # -- connections ---------------------------------------------------------------------------
    @overload
    def _connect(self, write: Literal[True]) -> sqlite3.Connection: ...
    @overload
    def _connect(self, write: Literal[False]) -> sqlite3.Connection | None: ...

    def _connect(self, write: bool) -> sqlite3.Connection | None:
        """A writing connection (the database created), or one that reads (None: none usable)."""
        if write:
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            con.executescript(_SCHEMA)
            _add_signature_column(con)
            _add_article_columns(con)
            con.executescript(_ARTICLE_INDEXES)
            return con
        if not self.path.is_file():
            return None
        try:
            # Quoted: a "#" or "?" in the folder's name (a corpus "news#1" names its default index
            # folder so) cut the URI there, and its state was never read (every update a full one).
            uri = f"file:{urllib.parse.quote(os.fsencode(self.path))}?mode=ro"
            con = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
        except sqlite3.Error:
            return None
        return con

    def _read(self, query: str, params=()) -> list[tuple] | None:
        con = self._connect(write=False)
        if con is None:
            return None
        try:
            return con.execute(query, params).fetchall()
        except sqlite3.Error:  # damaged, locked for too long, an older layout: not usable
            return None
        finally:
            con.close()

    # -- reading -------------------------------------------------------------------------------
    def file_count(self) -> int:
        """The number of files the database records (0 when it cannot be read): what a scan
        of the corpus expects to find (scan.counting_scan)."""
        rows = self._read("SELECT count(*) FROM files")
        return int(rows[0][0]) if rows else 0

    def meta(self) -> dict | None:
        rows = self._read("SELECT key, value FROM meta")
        if not rows:
            return None
        try:
            return {key: json.loads(value) for key, value in rows}
        except ValueError:
            return None

    def matches(self, meta: dict | None, schema: int, folder: str, generation: int) -> bool:
        return (
            meta is not None
            and meta.get("schema") == schema
            and meta.get("dir") == folder
            and meta.get("generation") == generation
        )

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def articles(self) -> dict[str, dict] | None:
        rows = self._article_rows()
        if rows is None:
            return None
        return {row[0]: dict(zip(ARTICLE_COLUMNS, row)) for row in rows}

    def _article_rows(self) -> list[tuple] | None:
        return self._read(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles")

    def versions(self, ids: list[str] | None = None) -> list[tuple] | None:
        """The versions table's rows (VERSION_COLUMNS), of these ids only when given: an article
        in no chain has none. None when they cannot be read (an index an older reader wrote)."""
        query = f"SELECT {', '.join(VERSION_COLUMNS)} FROM versions"
        if ids is None:
            return self._read(query)
        if len(ids) > _IDS_PER_QUERY:
            found = [self.versions(ids[start : start + _IDS_PER_QUERY]) for start in range(0, len(ids), _IDS_PER_QUERY)]
            return None if any(rows is None for rows in found) else [row for rows in found for row in rows or ()]
        return self._read(f"{query} WHERE id IN ({','.join('?' * len(ids))})", ids)

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def article_dates(self) -> dict[str, tuple[str | None, str | None]] | None:
        """{article id: (date, story)} of every article, in the table's order (that of the whole
        rows read by articles()): what an update's story grouping needs of the articles it does
        not change, a fifth of the memory of their whole rows. Only for the lock holder."""
        rows = self._read("SELECT id, date, story FROM articles ORDER BY rowid")
        return None if rows is None else {aid: (date, story) for aid, date, story in rows}

    def chain_rows(self, urls: list[str], ids: list[str]) -> list[dict] | None:
        """The rows (id, outlet, url, previous, date) of the articles a chain of versions can
        involve as stored (_CHAIN_ARTICLES), with those of these `urls` and `ids` (an update's
        new articles' pages and the versions they name): an update's story grouping links them
        (story_groups.version_links) without reading every row."""
        con = self._connect(write=False)
        if con is None:
            return None
        columns = "id, outlet, url, previous, date"
        try:
            found = {row[0]: row for row in con.execute(_CHAIN_ARTICLES)}
            for column, values in (("url", sorted(set(urls))), ("id", sorted(set(ids)))):
                query = f"SELECT {columns} FROM articles WHERE {column} IN ({{}})"
                found.update((row[0], row) for row in _rows_where_in(con, query, values))
        except sqlite3.Error:
            return None
        finally:
            con.close()
        return [dict(zip(("id", "outlet", "url", "previous", "date"), row)) for row in found.values()]

    def article_rows(self, ids: list[str]) -> dict[str, tuple] | None:
        """{article id: its whole row, as article_row() makes them} of these ids, those stored."""
        con = self._connect(write=False)
        if con is None:
            return None
        found: dict[str, tuple] = {}
        try:
            query = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({{}})"
            found.update((row[0], row) for row in _rows_where_in(con, query, ids))
        except sqlite3.Error:
            return None
        finally:
            con.close()
        return found

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def stories(self) -> list[dict] | None:
        """Every story, in story_order (the grouping's; those given by metadata in the articles'
        order: an index holds one kind or the other)."""
        grouped = self._read("SELECT id, label, articles FROM grouped_stories ORDER BY size DESC, first")
        given = self._given_stories()
        if grouped is None or given is None:
            return None
        members = _loads_all([ids for _, _, ids in grouped])
        return [{"id": sid, "label": label, "articles": ids} for (sid, label, _), ids in zip(grouped, members)] + given

    def _given_stories(self) -> list[dict] | None:
        rows = self._read("SELECT id, label, articles FROM stories ORDER BY pos")
        if rows is None:
            return None
        members = _loads_all([ids for _, _, ids in rows])
        return [{"id": sid, "label": label, "articles": ids} for (sid, label, _), ids in zip(rows, members)]

    def has_stories(self) -> bool:
        """Whether the database holds any story (a read error: False)."""
        rows = self._read("SELECT EXISTS (SELECT 1 FROM grouped_stories) OR EXISTS (SELECT 1 FROM stories)")
        return bool(rows and rows[0][0])

    def grouped_story_ids(self, ids: list[str]) -> set[str] | None:
        """Those of these ids that a story of the grouping has; None when they cannot be read."""
        con = self._connect(write=False)
        if con is None:
            return set() if not self.path.exists() else None
        found: set[str] = set()
        try:
            query = "SELECT DISTINCT id FROM grouped_stories WHERE id IN ({})"
            found.update(sid for (sid,) in _rows_where_in(con, query, ids))
        except sqlite3.Error:
            return None
        finally:
            con.close()
        return found

    def grouped_stories_of(self, ids: list[str]) -> list[dict] | None:
        """The grouping's stories with these ids (every story that has one: ids can repeat), in
        the table's order; None when they cannot be read."""
        con = self._connect(write=False)
        if con is None:
            return None
        rows: list[tuple] = []
        try:
            rows.extend(
                _rows_where_in(con, "SELECT rowid, id, label, articles FROM grouped_stories WHERE id IN ({})", ids)
            )
        except sqlite3.Error:
            return None
        finally:
            con.close()
        rows.sort()
        try:
            members = _loads_all([ids for _, _, _, ids in rows])
        except ValueError:
            return None
        return [{"id": sid, "label": label, "articles": ids} for (_, sid, label, _), ids in zip(rows, members)]

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def files(self) -> dict[str, dict] | None:
        rows = self._read("SELECT key, entry FROM files")
        if rows is None:
            return None
        return dict(zip([key for key, _ in rows], _loads_all([entry for _, entry in rows])))

    def skipped(self) -> list[dict] | None:
        """Files the last update could not load, with the reason (scan problems first)."""
        meta = self.meta()
        rows = self._read("SELECT key, entry FROM files WHERE entry NOT LIKE '%\"skipped\":[]%'")
        if meta is None or rows is None:
            return None
        from reader.index import roots
        from reader.index.problems import file_problems

        table = roots.read_table(self.path.parent)
        out = list(meta.get("scan_skipped") or [])
        for key, entry in rows:
            out.extend(file_problems(json.loads(entry).get("skipped") or [], roots.resolve(key, table)))
        return out

    def skipped_count(self) -> int | None:
        """How many of skipped()'s files were not read (those read with a warning left out), from
        the stored problems alone: no path is resolved (a command prints only the count)."""
        scan = self._read("SELECT value FROM meta WHERE key = 'scan_skipped'")
        rows = self._read("SELECT entry FROM files WHERE entry NOT LIKE '%\"skipped\":[]%'")
        if scan is None or rows is None:
            return None
        try:
            problems = list(json.loads(scan[0][0]) or []) if scan else []
            for (entry,) in rows:
                problems.extend(json.loads(entry).get("skipped") or [])
        except ValueError:
            return None
        from reader.index.problems import not_read

        return not_read(problems)

    def watched(self) -> dict[str, int] | None:
        rows = self._read("SELECT path, mtime_ns FROM watch")
        return None if rows is None else dict(rows)

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def signatures(self) -> tuple[dict, dict[str, str | None], dict[str, int], int, dict[str, list]] | None:
        """What a check for changes reads, and no more (for the lock holder, see noop.py): (meta,
        {file key: signature text}, the watched folders, the number of articles, {file key: its
        skipped problems} of the files that have some). None when the database is not usable."""
        con = self._connect(write=False)
        if con is None:
            return None
        try:
            meta = {key: json.loads(value) for key, value in con.execute("SELECT key, value FROM meta")}
            signatures = dict(con.execute("SELECT key, signature FROM files"))
            watched = dict(con.execute("SELECT path, mtime_ns FROM watch"))
            (count,) = con.execute("SELECT count(*) FROM articles").fetchone()
            problems = {
                key: json.loads(entry).get("skipped") or []
                for key, entry in con.execute("SELECT key, entry FROM files WHERE entry NOT LIKE '%\"skipped\":[]%'")
            }
        except (sqlite3.Error, ValueError, AttributeError):  # damaged, an older layout: not usable
            return None
        finally:
            con.close()
        return meta, signatures, watched, count, problems

    def feature_lookup(self):
        """(lookup, lookup_many, lookup_tops, close): lookup(article id) -> the stored feature
        record (its packed bytes, or its JSON text) or None; lookup_many(ids) -> {id: record} of
        those stored (a few queries for a date window's 1,000s of records instead of one each);
        lookup_tops(ids) -> {id: stored top terms} of those stored. Only for the lock holder,
        after load_for_update() matched the index."""
        con = self._connect(write=False)
        if con is None:
            return (lambda aid: None), (lambda ids: {}), (lambda ids: {}), (lambda: None)

        def text(blob) -> str | bytes | None:
            if isinstance(blob, bytes) and blob[:3] == PACKED_MAGIC:
                return blob  # reader.analysis.stories.packed reads it
            try:
                return zlib.decompress(blob).decode("utf-8")
            except (zlib.error, TypeError, UnicodeDecodeError):
                return None

        def lookup(aid: str) -> str | bytes | None:
            try:
                row = con.execute("SELECT record FROM features WHERE id = ?", (aid,)).fetchone()
            except sqlite3.Error:
                return None
            return text(row[0]) if row else None

        def rows_of(table: str, column: str, ids: list[str]):
            for start in range(0, len(ids), _IDS_PER_QUERY):
                chunk = ids[start : start + _IDS_PER_QUERY]
                query = f"SELECT id, {column} FROM {table} WHERE id IN ({','.join('?' * len(chunk))})"
                try:
                    yield from con.execute(query, chunk).fetchall()
                except sqlite3.Error:  # features: read one by one, later; tops: made again
                    continue

        def lookup_many(ids: list[str]) -> dict[str, str | bytes]:
            found: dict[str, str | bytes] = {}
            for aid, blob in rows_of("features", "record", ids):
                value = text(blob)
                if value is not None:
                    found[aid] = value
            return found

        def lookup_tops(ids: list[str]) -> dict[str, bytes]:
            return {aid: data for aid, data in rows_of("tops", "data", ids) if isinstance(data, bytes)}

        return lookup, lookup_many, lookup_tops, con.close

    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def load_for_update(self, schema: int, folder: str, generation: int, lazy: bool = False) -> dict | None:
        """The whole state for an update (the lock holder), or None when it does not describe
        this generation of the index. `lazy` reads the articles and stories only when the
        update asks for them (an update that finds nothing changed needs only the files), and
        the file entries by key (FileEntries)."""
        meta = self.meta()
        if meta is None or not self.matches(meta, schema, folder, generation):
            return None
        files: dict | FileEntries
        loaded = self._loaded = {
            "dir": folder,
            "generation": generation,
            # The entry objects handed out, with their text: save() dumps only entries that are
            # new objects or were changed in place (signature, hash).
            "files": {},
            "watch": self.watched() or {},
        }
        # The update's entries are read by key (a database of layout 1, with no signature
        # column until its next write, is read whole).
        signatures = self._read("SELECT key, signature FROM files ORDER BY rowid") if lazy else None
        special = self._read(f"SELECT key, entry FROM files WHERE {_SPECIAL} ORDER BY rowid") if lazy else None
        if signatures is not None and special is not None:
            files = FileEntries(self, dict(signatures), special)
        else:
            rows = self._read("SELECT key, entry FROM files")
            if rows is None:
                self._loaded = None
                return None
            files = dict(zip([key for key, _ in rows], _loads_all([entry for _, entry in rows])))
            loaded["files"] = {key: (files[key], _signature(files[key]), entry) for key, entry in rows}

        def articles() -> dict:
            rows = self._article_rows()
            if rows is None:
                raise StateUnreadable("the state database's articles cannot be read")
            loaded["articles"] = {row[0]: row for row in rows}  # as article_row() makes them
            return {row[0]: dict(zip(ARTICLE_COLUMNS, row)) for row in rows}

        def stories() -> list:
            found, given = self.stories(), self._given_stories()
            if found is None or given is None:
                raise StateUnreadable("the state database's stories cannot be read")
            loaded["given"] = [_story_row(s) for s in given]
            return found

        state = _LazyState(
            {
                "schema": schema,
                "generation": generation,
                "dir": folder,
                "files": files,
                "scan_skipped": list(meta.get("scan_skipped") or []),
            },
            {"articles": articles, "stories": stories},
        )
        if not lazy:
            try:
                state["articles"], state["stories"]
            except sqlite3.DatabaseError:
                self._loaded = None
                return None
            return dict(state)
        return state

    def _loaded_files(self) -> dict:
        """The entries handed out, as _save diffs them (FileEntries adds those it reads)."""
        if self._loaded is None:
            self._loaded = {}
        return self._loaded.setdefault("files", {})

    # -- writing -------------------------------------------------------------------------------
    @collector_paused  # 10,000s of rows, no cycles (gcpause.py)
    def save(
        self,
        state: dict,
        watch: dict[str, int] | None,
        features: dict[str, str | bytes] | None = None,
        tops: dict[str, bytes] | None = None,
        tops_reset: bool = False,
        changes: ArticleChanges | None = None,
        versions: Replacements | None = None,
    ) -> None:
        """Write `state` for the generation it names, in one transaction: only the rows that differ
        from what load_for_update() read (everything when it read nothing usable). With
        `changes`, `state` has no articles: the articles table gets those changes instead (and
        when the database must be written whole, it is removed: the next reader makes the
        state again from the index's stored fields, as after a process killed before this).
        `watch` None keeps the watched folders as they are; `features` are the feature records
        of the articles (re)indexed now, packed or as JSON (those of removed articles are deleted,
        and the stored top terms of both); `tops` are top terms to store (`tops_reset`: in place
        of every stored one). A damaged database (not a database, malformed) is replaced by a new
        one, written in full: it only mirrors the index's stored fields. `versions`: the chains
        of versions of the articles as `state` leaves them, worked out already (an update's, for
        its grouping: story_groups.version_chains); None works them out from the table written."""
        try:
            self._save(state, watch, features, tops, tops_reset, changes, versions)
        except (sqlite3.DatabaseError, _NotWhole) as exc:
            if isinstance(exc, sqlite3.OperationalError):  # locked, disk full: not damage
                raise
            whole = changes is None and not isinstance(dict.get(state, "stories"), StoryChanges) and _read_whole(state)
            self.remove()
            if whole:
                self._save(state, watch, features, tops, tops_reset, versions=versions)

    def remove(self) -> None:
        """Delete the database (it only mirrors the index's stored fields)."""
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._loaded = None

    def _save(
        self,
        state: dict,
        watch: dict[str, int] | None,
        features: dict[str, str | bytes] | None,
        tops: dict[str, bytes] | None,
        tops_reset: bool,
        changes: ArticleChanges | None = None,
        versions: Replacements | None = None,
    ) -> None:
        loaded, full = self._baseline(articles=changes is None)
        if full and changes is not None:
            raise _NotWhole
        links_held = ExitStack()  # the links' held(), from their read till they are kept
        con = self._connect(write=True)
        try:
            con.execute("BEGIN IMMEDIATE")
            if full or tops_reset:
                con.execute("DELETE FROM tops")
            if full:
                if isinstance(dict.get(state, "stories"), StoryChanges):
                    raise _NotWhole  # the stories kept are not in memory to write again
                for table in ("files", "articles", "stories", "grouped_stories", "features"):
                    con.execute(f"DELETE FROM {table}")
                loaded = {"files": {}, "articles": {}, "given": [], "watch": loaded.get("watch") or {}}
                if watch is None:
                    watch = loaded["watch"]
            entries = state["files"]
            if not isinstance(entries, FileEntries):
                files = _write_files(con, entries, loaded["files"])
            elif full:
                files = _write_files(con, dict(entries.items()), loaded["files"])
            else:
                files = _write_file_changes(con, entries, loaded["files"])
            if changes is None:
                articles = _write_articles(con, state["articles"], loaded["articles"], features or {})
                _write_tops(con, articles, features or {}, tops or {})
            else:
                _write_article_changes(con, changes, features or {})
                _write_tops(con, changes, features or {}, tops or {})
            given = _write_story_rows(con, state, loaded.get("given"), full)
            if watch is not None:
                _write_watch(con, watch, loaded.get("watch") or {})
            lost = self._write_versions_holding_links(con, links_held, versions)
            _write_meta(con, state)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            links_held.close()  # (nothing written there yet)
            raise
        finally:
            con.close()
        self._keep_links(links_held, lost)
        if isinstance(state["files"], FileEntries):
            state["files"].saved()
        self._loaded = {
            "dir": state["dir"],
            "generation": state["generation"],
            "files": files,
            "watch": watch if watch is not None else loaded.get("watch") or {},
        }
        if changes is None:  # else not held: a later save reads them (_baseline)
            self._loaded["articles"] = articles
        if given is not None:
            self._loaded["given"] = given

    def _write_versions_holding_links(
        self, con, links_held: ExitStack, versions: Replacements | None = None
    ) -> dict[str, str] | None:
        """_write_versions, the marks file's write lock entered on `links_held` first: held from
        the read of the links and marks to the write of the links (a mark set in between, its
        links the ones read, was let go). Notes in meta whether the links are owed: not read
        (the marks file locked too long), they are neither counted nor kept by this save."""
        if self.links is None:
            return _write_versions(con, versions=versions)
        links_held.enter_context(self.links.held())
        lost = _write_versions(con, self.links, versions)
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LINKS_OWED, _dumps(lost is None)))
        return lost

    def _keep_links(self, links_held: ExitStack, lost: dict[str, str] | None) -> None:
        """Keep the links a save worked out (after its commit), then let the marks file go; owed
        (LINKS_OWED) when they cannot be written."""
        with links_held:
            if self.links is not None and lost is not None and not self.links.keep(lost):
                con = self._connect(write=True)
                try:
                    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LINKS_OWED, _dumps(True)))
                finally:
                    con.close()

    def links_owed(self) -> bool:
        """Whether the last save could not read or keep the links of versions (LINKS_OWED)."""
        meta = self.meta()
        return bool(meta and meta.get(LINKS_OWED) is True)

    def versions_stamp(self) -> int:
        """How many writes changed the chains of versions (VERSIONS_WRITTEN): with the commit,
        what the chains read from here are as of. 0 when none was counted, or the database
        cannot be read."""
        return _versions_stamp(self._read(_VERSIONS_STAMP, (VERSIONS_WRITTEN,)))

    def file_stamp(self) -> tuple[int, int] | None:
        """(modification time, size) of the database file, None when there is none: what a
        write changes, read by a stat, where versions_stamp opens the database (ten times as
        long). Not by reading the file's header: a descriptor of it closed in this process
        drops the locks SQLite holds on it here (an update's, in another thread)."""
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_mtime_ns, found.st_size

    def keep_owed_links(self) -> None:
        """Read and keep the links of versions a save could not (the marks file was locked for
        longer than they are waited for: an import, a repair, a copy made): without it, an
        update that finds nothing else to do (noop.py) wrote nothing, and they waited for an
        update that changed something. The chains are worked out again with them, as a save
        does. The caller holds the index's write lock."""
        if self.links is None or not self.links_owed():
            return
        with self.links.held():
            if self.links.kept() is None:
                # Still not readable (locked yet, damaged, another application's): nothing to
                # work out them with, and a write on every start that finds nothing changed.
                return
        links_held = ExitStack()
        con = self._connect(write=True)
        try:
            con.execute("BEGIN IMMEDIATE")
            lost = self._write_versions_holding_links(con, links_held)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            links_held.close()
            raise
        finally:
            con.close()
        self._keep_links(links_held, lost)

    def _baseline(self, articles: bool = True) -> tuple[dict, bool]:
        """What the database holds, to diff against, and whether to rewrite it whole instead
        (nothing read yet, or another index generation or folder). `articles`: the article
        rows too (not for a save of ArticleChanges)."""
        loaded = self._loaded or {}
        meta = self.meta() or {}
        full = not loaded or meta.get("generation") != loaded.get("generation") or meta.get("dir") != loaded.get("dir")
        if not full:
            # Rows a lazily read state never read: what the database holds now is what to diff
            # against (only the lock holder writes it).
            if articles and "articles" not in loaded:
                rows = self._article_rows()
                full = rows is None
                loaded["articles"] = {row[0]: row for row in rows or ()}
            if "given" not in loaded:
                found = self._given_stories()
                full = full or found is None
                loaded["given"] = [_story_row(s) for s in found or []]
        return loaded, full


def _write_files(con, entries: dict, old_files: dict, delete: bool = True) -> dict:
    """Write the file entries that changed; {key: (entry, signature, json)} as now stored
    (`delete`: the keys of `old_files` not in `entries` are deleted)."""
    files, changed = {}, []
    for key, entry in entries.items():
        old = old_files.get(key)
        if old is not None and old[0] is entry and old[1] == _signature(entry):
            files[key] = old  # the same object, not changed in place
            continue
        text = _dumps(entry)
        files[key] = (entry, _signature(entry), text)
        if old is None or old[2] != text:
            changed.append((key, text, signature_text(entry.get("signature"))))
    if delete:
        con.executemany("DELETE FROM files WHERE key = ?", [(key,) for key in old_files if key not in files])
    con.executemany("INSERT OR REPLACE INTO files (key, entry, signature) VALUES (?, ?, ?)", changed)
    return files


def _write_file_changes(con, entries: FileEntries, old_files: dict) -> dict:
    """_write_files for entries read by key: those it holds are diffed (the others were never
    handed out, so not changed), the keys deleted are deleted; {key: (entry, signature, json)}
    of those held, as now stored."""
    files = _write_files(con, dict(entries.held_items()), old_files, delete=False)
    con.executemany("DELETE FROM files WHERE key = ?", [(key,) for key in entries.gone()])
    return files


def _rows_where_in(con, query: str, values: Sequence[str]) -> Iterator[tuple]:
    """The rows of `query` (its "IN ({})" left for the placeholders) for every value of `values`,
    asked _IDS_PER_QUERY at a time (SQLite bounds a query's parameters)."""
    for start in range(0, len(values), _IDS_PER_QUERY):
        chunk = values[start : start + _IDS_PER_QUERY]
        yield from con.execute(query.format(",".join("?" * len(chunk))), chunk)


def article_row(info: dict) -> tuple:
    """An article's row, in ARTICLE_COLUMNS' order."""
    return tuple(map(info.get, ARTICLE_COLUMNS))


def feature_row(record: str | bytes) -> bytes:
    """A story record as the features table stores it: packed (a JSON text is packed here), or
    its JSON zlib'd when it does not fit the packed form."""
    if isinstance(record, bytes):
        return record
    from reader.analysis.stories.packed import pack

    try:
        packed = pack(json.loads(record))
    except (ValueError, RecursionError):
        packed = None
    return packed if packed is not None else zlib.compress(record.encode("utf-8", "surrogatepass"), 1)


def _write_articles(con, infos: dict, old_articles: dict, features: dict[str, str | bytes]) -> dict:
    """Write the article rows that changed and the new story-feature records; the rows as now stored."""
    articles = {aid: article_row(info) for aid, info in infos.items()}
    _apply_article_writes(
        con,
        gone=[aid for aid in old_articles if aid not in articles],
        features=[(aid, feature_row(record)) for aid, record in features.items() if aid in articles],
        rows=[row for aid, row in articles.items() if old_articles.get(aid) != row],
    )
    return articles


def _write_article_changes(con, changes: ArticleChanges, features: dict[str, str | bytes]) -> None:
    """_write_articles for an update's changes: the same statements, in the same order."""
    _apply_article_writes(
        con,
        gone=list(changes.gone),
        features=[(aid, feature_row(record)) for aid, record in features.items() if aid in changes],
        rows=changes.rows,
    )


def _apply_article_writes(con, gone: list[str], features: list[tuple], rows: list) -> None:
    """The article writes both kinds of update share, in the order the state's tests pin: the gone
    articles' rows out of three tables, then the feature records, then the changed rows."""
    gone_keys = [(aid,) for aid in gone]
    con.executemany("DELETE FROM articles WHERE id = ?", gone_keys)
    con.executemany("DELETE FROM features WHERE id = ?", gone_keys)
    con.executemany("DELETE FROM tops WHERE id = ?", gone_keys)
    con.executemany("INSERT OR REPLACE INTO features (id, record) VALUES (?, ?)", features)
    con.executemany(
        f"INSERT OR REPLACE INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
        rows,
    )


# The articles a chain of versions can involve: those naming a `previous`, those named, those of
# the same page (URL) as one naming one (its stand-in when the named one is gone: article_versions),
# and those a remembered link names (present or not). Chains among them are the whole corpus's.
# Each part is read by an index (articles_previous, articles_url, the ids'), not by a scan of
# the whole table: every save, a one-file update's too, runs it (a scan of 50,000 rows: 0.04-0.15 s).
_CHAIN_ARTICLES = """
SELECT id, outlet, url, previous, date FROM articles WHERE previous IS NOT NULL
UNION SELECT id, outlet, url, previous, date FROM articles
WHERE id IN (SELECT previous FROM articles WHERE previous IS NOT NULL)
UNION SELECT id, outlet, url, previous, date FROM articles
WHERE url IN (SELECT url FROM articles WHERE previous IS NOT NULL)
UNION SELECT id, outlet, url, previous, date FROM articles
WHERE id IN (SELECT remembered FROM versions WHERE remembered IS NOT NULL)
"""


@dataclass(frozen=True)
class _ChainArticle:
    id: str
    outlet: str | None
    url: str | None
    previous: str | None
    date: str | None  # (a stand-in for a version gone is of the day its name says: article_versions)


def _write_versions(
    con, links: LinkKeeper | None = None, versions: Replacements | None = None
) -> dict[str, str] | None:
    """Work out the chains of versions again from the articles table as just written (one scan
    of it picks the few articles a chain can involve), keeping the links remembered before, and
    write the rows that changed. `versions`: those chains, worked out already from the articles
    as written (an update's: story_groups.version_chains); then only the articles the links
    remembered name are read (unless they are not the table's: _worked_out_from_the_table). With `links`, those kept in the user data dir count as
    remembered too (the index deleted since, they are all that is left of them), a link no
    mark needs any more is let go (prune_remembered), and the links no corpus file can give
    again, and those from a marked older version to its newest, are returned for `links` to
    keep; None without it."""
    from reader.index.article_versions import Replacements, lost_with_the_corpus, prune_remembered

    old = {row[0]: tuple(row) for row in con.execute(f"SELECT {', '.join(VERSION_COLUMNS)} FROM versions")}
    remembered = {row[0]: row[7] for row in old.values() if row[7] is not None}
    kept = links.kept() if links is not None else None
    if links is not None and kept is None:
        links = None  # not read: neither counted nor written over (a fresh index would drop them all)
    if links is not None:
        remembered = {**(kept or {}), **remembered}
    # The articles a chain can involve (none beyond `versions`' when given), with the versions
    # a remembered link names (_CHAIN_ARTICLES reads the index's: those kept beside are added).
    stored: dict[str, _ChainArticle] | None = None
    chain: Container[str]
    if versions is not None and not _worked_out_from_the_table(con, versions):
        versions = None  # (another set of articles than the table's: never written as they are)
    if versions is None:
        chain = stored = {row[0]: _ChainArticle(*row) for row in con.execute(_CHAIN_ARTICLES)}
    else:
        chain = versions.given
    named = sorted({older for older in remembered.values() if older not in chain})
    query = "SELECT id, outlet, url, previous, date FROM articles WHERE id IN ({})"
    named_rows = {row[0]: _ChainArticle(*row) for row in _rows_where_in(con, query, named)}
    present = {*chain, *named_rows}  # (a set: asked 10,000s of times)
    if links is not None:
        gone = {i for link in remembered.items() for i in link if i not in present}
        marked = links.marked(gone)
        if marked is not None:
            remembered = prune_remembered(remembered, present, marked)
    if stored is not None:
        found = Replacements.of([*stored.values(), *named_rows.values()], remembered)
    else:
        assert versions is not None
        found = versions.remembering(remembered, present)
    rows = {row[0]: row for row in found.rows()}
    dropped = [(aid,) for aid in old if aid not in rows]
    written = [row for aid, row in rows.items() if old.get(aid) != row]
    con.executemany("DELETE FROM versions WHERE id = ?", dropped)
    con.executemany(
        f"INSERT OR REPLACE INTO versions ({', '.join(VERSION_COLUMNS)}) VALUES ({', '.join('?' * len(VERSION_COLUMNS))})",
        written,
    )
    if dropped or written:
        # Not every write comes with a commit of the index (keep_owed_links; a save of an
        # update with nothing to commit, the folders watched written again): readers holding
        # the chains (the app's list) read them again by this count (versions_stamp).
        count = _versions_stamp(con.execute(_VERSIONS_STAMP, (VERSIONS_WRITTEN,)).fetchall())
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (VERSIONS_WRITTEN, _dumps(count + 1)))
    if links is None:
        return None
    return {
        **_marked_chain_links(found, links, kept or {}),
        **lost_with_the_corpus(found.remembered, present),
    }


def _worked_out_from_the_table(con, versions: Replacements) -> bool:
    """Whether the chains `versions` (an update's, worked out for its grouping before its save)
    were worked out from the articles the table holds: each article they were given is in it,
    and each article of it naming a `previous` was given them. A few milliseconds (by the keys
    and the index on `previous`), not the scan of _CHAIN_ARTICLES it spares."""
    given = versions.given
    query = "SELECT id FROM articles WHERE id IN ({})"
    if sum(1 for _ in _rows_where_in(con, query, sorted(given))) != len(given):
        return False
    return all(aid in given for (aid,) in con.execute("SELECT id FROM articles WHERE previous IS NOT NULL"))


def _marked_chain_links(found, links: LinkKeeper, kept: dict[str, str]) -> dict[str, str]:
    """The links from each present older version with a mark up to its newest: the corpus gives
    them again, but another machine's `state import` brings the marks to a fetched folder that
    may hold the newest version alone (the sender's `state export` carries what is kept). The
    ones kept already, when the marks cannot be read."""
    older = {version for versions in found.chains.values() for version in versions[:-1]}
    marked = links.marked(older)
    if marked is None:
        return {article: kept[article] for article in older.union(found.chains) & kept.keys()}
    kept_links: dict[str, str] = {}
    for versions in found.chains.values():
        first = next((place for place, version in enumerate(versions[:-1]) if version in marked), None)
        if first is not None:
            kept_links.update(zip(versions[first + 1 :], versions[first:]))
    return kept_links


def _write_tops(con, articles: Container[str], features: dict[str, str | bytes], tops: dict[str, bytes]) -> None:
    """Drop the stored top terms of articles whose record was written (they were its old
    record's) unless new ones come, and write those that come (removed articles' went with
    their rows, _write_articles)."""
    con.executemany("DELETE FROM tops WHERE id = ?", [(aid,) for aid in features if aid not in tops])
    con.executemany(
        "INSERT OR REPLACE INTO tops (id, data) VALUES (?, ?)",
        [(aid, data) for aid, data in tops.items() if aid in articles],
    )


def _write_story_rows(con, state: dict, old_given: list | None, full: bool) -> list | None:
    """Write the state's stories: a lazy state's never read are as stored (unless the database is
    written whole: read now); StoryChanges by key;
    a whole list in the table of its kind (the other emptied). The rows of stories given by
    metadata as now stored (None: not known)."""
    if "stories" not in state and not full:  # dict's own: a _LazyState's part never read
        return old_given
    records = state["stories"]
    if isinstance(records, StoryChanges):
        _write_story_changes(con, records)
        return old_given
    if state.get("stories_given"):
        con.execute("DELETE FROM grouped_stories")
        return _write_stories(con, records, old_given or [])
    con.execute("DELETE FROM stories")
    con.execute("DELETE FROM grouped_stories")
    _insert_grouped(con, records)
    return []


def _insert_grouped(con, records) -> None:
    con.executemany(
        "INSERT INTO grouped_stories (id, size, first, label, articles) VALUES (?, ?, ?, ?, ?)",
        [
            (str(st["id"]), len(ids), min(ids), str(st["label"] or ""), _dumps(list(ids)))
            for st in records
            if (ids := st["articles"])
        ],
    )


def _write_story_changes(con, changes: StoryChanges) -> None:
    ids = sorted(set(changes.removed))
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        con.execute(f"DELETE FROM grouped_stories WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    _insert_grouped(con, changes.added)


def _write_stories(con, records: list, old_stories: list) -> list:
    """Write the story rows that changed (by position); the rows as now stored."""
    stories = [_story_row(s) for s in records]
    con.execute("DELETE FROM stories WHERE pos >= ?", (len(stories),))
    con.executemany(
        "INSERT OR REPLACE INTO stories (pos, id, label, articles) VALUES (?, ?, ?, ?)",
        [
            (pos, sid, label, _dumps(list(ids)))
            for pos, (sid, label, ids) in enumerate(stories)
            if pos >= len(old_stories) or old_stories[pos] != (sid, label, ids)
        ],
    )
    return stories


def _write_watch(con, watch: dict[str, int], old_watch: dict[str, int]) -> None:
    con.executemany("DELETE FROM watch WHERE path = ?", [(path,) for path in old_watch if path not in watch])
    con.executemany(
        "INSERT OR REPLACE INTO watch (path, mtime_ns) VALUES (?, ?)",
        [(path, m) for path, m in watch.items() if old_watch.get(path) != m],
    )


_VERSIONS_STAMP = "SELECT value FROM meta WHERE key = ?"


def _versions_stamp(rows: list[tuple] | None) -> int:
    """StateDB.versions_stamp of the meta row read (none: 0)."""
    try:
        value = json.loads(rows[0][0]) if rows else 0
    except (ValueError, TypeError):
        return 0
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _write_meta(con, state: dict) -> None:
    meta = {
        "layout": LAYOUT,
        "schema": state["schema"],
        "generation": state["generation"],
        "dir": state["dir"],
        "roots": state.get("roots") or [],
        "follow_links": bool(state.get("follow_links")),
        "scan_skipped": state.get("scan_skipped") or [],
        "rules": state.get("rules"),  # config.user_outlets_stamp() of the update
        "reasons": state.get("reasons"),  # layout.SKIP_REASONS of the files' skipped reasons
        "large_hashes": state.get("large_hashes"),  # layout.LARGE_FILE_HASHES of the files over 1 GB
    }
    con.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [(key, _dumps(value)) for key, value in meta.items()]
    )


def folder_signatures(paths) -> dict[str, int]:
    """{path: mtime_ns} of folders (and files) now; a missing one maps to -1."""
    out = {}
    for path in paths:
        try:
            out[path] = os.stat(path).st_mtime_ns
        except OSError:
            out[path] = -1
    return out


# After a watched folder's path, the key of its listing's signature (no path of a folder or
# file ends so once normalised).
_LISTING = "/."


def listing_key(folder: str) -> str:
    """The watch key of what a walk finds in `folder` (discover.listing_signature)."""
    return folder + _LISTING


# Folders whose time moved since the last update while what the walk finds in them did not (a
# file of another kind added, an editor's lock file come and gone): {(folder, its listing as last
# indexed): (mtime_ns, ctime_ns) it was found the same at}. A check for changes (the app makes one
# every few seconds) lists such a folder once, not at every check until the next update. Its
# ctime too: rsync -a, tar x, cp -p set a folder's mtime back to an old one, the same as it was
# remembered at with other contents; they cannot set its ctime (it moves to now).
_SAME_LISTING_AT: dict[tuple[str, int], tuple[int, int]] = {}
_SAME_LISTING_MAX = 100_000  # folders remembered (forgotten all at once past it: listed again)
# A folder's times are trusted to move with its next change only once its ctime is this old: on a
# file system of coarse times (FAT's 2 s) a file added within the same tick leaves them as they were.
SETTLED_NS = 3_000_000_000


def changed_paths(watched: dict[str, int], limit: int = 20) -> list[str]:
    """Watched folders whose modification time differs from the last update (at most `limit`):
    a file added, removed or renamed in a folder changes the folder's time. Unless what the walk
    finds in the folder is as it was: a file of a kind the corpus does not read (notes.pdf) added
    or removed is no change (found so once for a folder's mtime and ctime, not listed again)."""
    changed = []
    for path, mtime in watched.items():
        if path.endswith(_LISTING):
            continue
        try:
            st = os.stat(path)
            now, times = st.st_mtime_ns, (st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            now, times = -1, None
        if now != mtime and not _same_listing(path, times, watched):
            changed.append(path)
            if len(changed) >= limit:
                break
    return changed


def _same_listing(folder: str, times: tuple[int, int] | None, watched: dict[str, int]) -> bool:
    """Whether the walk would find in `folder` (its (mtime_ns, ctime_ns) `times` now, None when
    gone) what it found at the last update (False when that is not known: a file, a folder with a
    corpus.yaml, an index an older reader wrote)."""
    was = watched.get(listing_key(folder))
    if was is None:
        return False
    if times is not None and _SAME_LISTING_AT.get((folder, was)) == times:
        return True
    import time

    from reader.corpus.discover import listing_signature

    listed_at = time.time_ns()  # before the listing: a file added during it is in a later tick
    same = listing_signature(folder) == was
    if same and times is not None and listed_at - times[1] >= SETTLED_NS:
        if len(_SAME_LISTING_AT) >= _SAME_LISTING_MAX:
            _SAME_LISTING_AT.clear()
        _SAME_LISTING_AT[folder, was] = times
    return same


def committed_versions(index_dir: Path) -> list[tuple] | None:
    """The versions table's rows (VERSION_COLUMNS) when the state database describes the last
    commit of the index in `index_dir`, else None; found from file names alone, the search engine
    neither opened nor imported (as noop.py: a `state import` reads them, 0.4 s more with it)."""
    from reader.index import layout

    folder = layout.current_name(index_dir)
    generation = layout.latest_generation(Path(index_dir) / folder)
    if generation < 0:
        return None
    db = StateDB(index_dir)
    if not db.matches(db.meta(), layout.SCHEMA_VERSION, folder, generation):
        return None
    rows = db.versions()
    # The index may have been committed again while the rows were read: then do not trust them.
    return rows if layout.latest_generation(Path(index_dir) / folder) == generation else None
