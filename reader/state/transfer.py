"""Read marks and stars out of the marks file and back in (`reader state export` / `import`): a
backup, or another machine's marks merged with these.

The export is one JSON document of every mark of every corpus folder, each with its folder's path
as this machine spells it, whether that folder is the fetched articles' (which lives in the data
folder, so its path changes with the machine), and when it was last changed. An import puts each
folder's marks under the folder that holds those articles here: the data folder's `fetched/` for
the fetched ones; the same path when it exists here; else the corpus folder holding most of its
marked articles (as a moved folder takes over its marks); else the path as exported, for a folder
that is not here yet. Marks are merged, the newer of two winning (MarkStore.merge).

The export also holds the links of deleted versions the marks file keeps (`version_links`:
reader.state.version_links), each with its folder as a mark has: imported, a deleted version's
marks show on its newest there too. An export written before them has none, and imports as
before; a reader that predates them ignores the key and imports the marks.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.state.marks import (
    MOVED_SAMPLE,
    MOVED_SHARE,
    MarkStore,
    MergeCounts,
    StoredLink,
    StoredMark,
    holds_article,
    root_key,
)
from reader.state.version_marks import Newest, links_to_keep

FORMAT = "reader-state"
FORMAT_VERSION = 1
# An article id longer than this is no id of ours (a path is at most 4096 bytes on Linux).
ID_MAX = 4096
# A document bigger than this is refused before it is parsed (a million marks take ~140 MB, and
# parsing takes about 7 times a document's size in memory).
DOCUMENT_MAX = 256 * 1024 * 1024


class BadStateFile(ValueError):
    """The file is no state export reader can read: the message says where and why, in one line."""


def _iso(seconds: float) -> str:
    """A time of change in UTC; one no date can hold (year 0, stored before imports were
    bounded) as the epoch's, the oldest: every other mark wins over it."""
    try:
        when = _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        when = _dt.datetime.fromtimestamp(0, _dt.timezone.utc)
    return when.isoformat(timespec="microseconds")


def export_document(store: MarkStore, fetched_root: Path, version: str) -> dict[str, Any]:
    """Every mark `store`'s file holds, as the JSON document `reader state export` prints."""
    fetched_key = root_key(fetched_root)
    marks = [
        {
            "folder": mark.corpus,
            "fetched": mark.corpus == fetched_key,
            "article": mark.article,
            "read": mark.read,
            "starred": mark.starred,
            "changed": _iso(mark.changed),
        }
        for mark in store.stored()
    ]
    links = [
        {"folder": link.corpus, "fetched": link.corpus == fetched_key, "article": link.article, "older": link.older}
        for link in store.stored_links()
    ]
    exported = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "reader": version,
        "exported": exported,
        "marks": marks,
        "version_links": links,
    }


@dataclass(frozen=True)
class ExportedMark:
    folder: str
    fetched: bool
    mark: StoredMark


@dataclass(frozen=True)
class ExportedLink:
    folder: str
    fetched: bool
    link: StoredLink


@dataclass
class StateExport:
    """What an export holds: its marks, and the version links that carry some to their newest."""

    marks: list[ExportedMark]
    links: list[ExportedLink] = field(default_factory=list)


def parse_document(data: bytes, name: str) -> StateExport:
    """The marks and links of an export (`name` says where it came from, in errors).
    BadStateFile, naming the first problem, when anything in it is not as `export_document` writes it: nothing of a
    file half understood is imported."""
    if len(data) > DOCUMENT_MAX:
        raise BadStateFile(f"{name}: over {DOCUMENT_MAX // 2**20} MB, no state export of reader's")
    if not data.strip():
        raise BadStateFile(f"{name}: empty, no state export of reader's")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BadStateFile(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise BadStateFile(f"{name}: not JSON (nested too deep)") from None
    except ValueError as exc:
        raise BadStateFile(f"{name}: not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadStateFile(f'{name}: not a state export of reader\'s (no "format": "{FORMAT}")')
    if document.get("version") != FORMAT_VERSION:
        raise BadStateFile(
            f"{name}: a state export of version {str(document.get('version'))[:20]}; "
            f"this reader reads version {FORMAT_VERSION} (a newer reader wrote it?)"
        )
    marks = document.get("marks")
    if not isinstance(marks, list):
        raise BadStateFile(f'{name}: "marks" is not a list')
    links = document.get("version_links", [])  # (none in an export written before them)
    if not isinstance(links, list):
        raise BadStateFile(f'{name}: "version_links" is not a list')
    now = time.time()
    return StateExport(
        [_exported_mark(item, f"{name}: marks[{number}]", now) for number, item in enumerate(marks)],
        [_exported_link(item, f"{name}: version_links[{number}]") for number, item in enumerate(links)],
    )


def _exported_mark(item: object, where: str, now: float) -> ExportedMark:
    """One mark of the export; its time of change no later than `now` (the import's)."""
    item, folder, article = _folder_and_id(item, where, "article")
    changed = item.get("changed")
    for key in ("read", "starred", "fetched"):
        if not isinstance(item.get(key, False), bool):
            raise BadStateFile(f'{where}: "{key}" is not true or false')
    try:
        when = _dt.datetime.fromisoformat(changed) if isinstance(changed, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise BadStateFile(f'{where}: "changed" is not an ISO 8601 time with its offset')
    # A time to come (a machine whose clock was ahead, a hand-edited file) is taken as now: else
    # that mark would win every later merge, over every change made on either machine till then.
    # One before 1970 is the epoch (year 1 at +01:00 was year 0 in UTC, which no export can write).
    changed = min(max(when.timestamp(), 0.0), now)
    mark = StoredMark(folder, article, item.get("read", False), item.get("starred", False), changed)
    return ExportedMark(folder, bool(item.get("fetched", False)), mark)


def _exported_link(item: object, where: str) -> ExportedLink:
    """One version link of the export."""
    item, folder, article = _folder_and_id(item, where, "article")
    older = _folder_and_id(item, where, "older")[2]
    if not isinstance(item.get("fetched", False), bool):
        raise BadStateFile(f'{where}: "fetched" is not true or false')
    return ExportedLink(folder, bool(item.get("fetched", False)), StoredLink(folder, article, older))


def _folder_and_id(item: object, where: str, id_key: str) -> tuple[dict, str, str]:
    """One item of the export, its "folder" and the article id under `id_key`, checked."""
    if not isinstance(item, dict):
        raise BadStateFile(f"{where}: not an object")
    folder, article = item.get("folder"), item.get(id_key)
    if not isinstance(folder, str) or not Path(folder).is_absolute() or "\x00" in folder or not _encodable(folder):
        raise BadStateFile(f'{where}: "folder" is not an absolute path')
    if not isinstance(article, str) or not _relative_id(article) or not _encodable(article):
        raise BadStateFile(f'{where}: "{id_key}" is not an article id')
    return item, folder, article


def _encodable(text: str) -> bool:
    """Whether `text` is whole Unicode: JSON's \\ud800 escapes give lone surrogates, which neither
    SQLite nor a file name takes (a traceback at the write)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _relative_id(article: str) -> bool:
    """Whether `article` can be an article id: a path inside its folder (never leaving it)."""
    if not article or len(article) > ID_MAX or "\x00" in article or article.startswith("/"):
        return False
    return ".." not in article.partition("#")[0].split("/")


@dataclass
class ImportReport:
    """What an import did: the marks read, MarkStore.merge's counts, and each folder whose marks
    went under another path here ({exported path: path here})."""

    marks: int = 0
    links: int = 0  # the version links read (counts.links_added: those added)
    counts: MergeCounts = field(default_factory=MergeCounts)
    moved: dict[str, str] = field(default_factory=dict)
    # {folder: its marks} of the folders that are not of this corpus (another corpus's, one not
    # here at all): imported under their paths, where the app of this corpus does not show them.
    elsewhere: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "marks": self.marks,
            "added": self.counts.added,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "kept": self.counts.kept,
            "folders": [{"from": old, "to": new} for old, new in self.moved.items()],
            "elsewhere": [{"folder": folder, "marks": count} for folder, count in self.elsewhere.items()],
            "version_links": self.links,
            "version_links_added": self.counts.links_added,
            "version_links_kept": self.counts.links_kept,
        }


def import_marks(
    store: MarkStore, exported: StateExport, roots: list[Path], fetched_root: Path, chains: Newest | None = None
) -> ImportReport:
    """Merge `exported` into `store`'s file, each folder's marks and links under its place here.
    `chains`: this corpus's versions as its index last worked them out (None: no index yet). The
    links from each imported mark's version up to its newest are kept with the marks, as a mark
    set here keeps them (version_marks.links_to_keep): else only the next index update that
    wrote something kept them, and an export or a cleared cache before it had the marks alone."""
    articles: dict[tuple[str, bool], list[str]] = {}
    for item in exported.marks:
        articles.setdefault((item.folder, item.fetched), []).append(item.mark.article)
    for link in exported.links:  # (after its marks: the sample telling a moved folder takes those first)
        articles.setdefault((link.folder, link.fetched), []).append(link.link.article)
    places = _places(articles, roots, fetched_root)
    merged = [
        StoredMark(
            places[item.folder, item.fetched], item.mark.article, item.mark.read, item.mark.starred, item.mark.changed
        )
        for item in exported.marks
    ]
    links = [
        StoredLink(places[item.folder, item.fetched], item.link.article, item.link.older) for item in exported.links
    ]
    report = ImportReport(marks=len(merged), links=len(links))
    report.moved = {folder: place for (folder, _), place in places.items() if place != folder}
    ours = {root_key(root) for root in roots}
    for mark in merged:
        if mark.corpus not in ours:
            report.elsewhere[mark.corpus] = report.elsewhere.get(mark.corpus, 0) + 1
    kept_links = _links_to_newest(merged, ours, chains) if chains is not None else []
    report.counts = store.merge(merged, links, kept_links)
    return report


def _links_to_newest(marks: list[StoredMark], ours: set[str], chains: Newest) -> list[StoredLink]:
    """The links from each of `marks` (read or starred, in a folder of this corpus: `ours`) up
    to the newest version of its article, each under its mark's folder."""
    marked: dict[str, list[str]] = {}
    for mark in marks:
        if mark.corpus in ours and (mark.read or mark.starred):
            marked.setdefault(mark.corpus, []).append(mark.article)
    return [
        StoredLink(corpus, article, older)
        for corpus, articles in marked.items()
        for article, older in links_to_keep(articles, chains).items()
    ]


def _places(
    articles: dict[tuple[str, bool], list[str]], roots: list[Path], fetched_root: Path
) -> dict[tuple[str, bool], str]:
    """{(exported folder, fetched): the key its marks go under here}; `articles`: the ids each
    folder's marks (then links) name, which tell a folder moved here."""
    places: dict[tuple[str, bool], str] = {}
    # One listing per folder of this corpus, whatever the number of folders exported (a file of
    # 100,000 folders of one mark each listed the corpus's folders again for each).
    listings: dict[Path, dict[Path, set[str]]] = {root: {} for root in roots}
    for (folder, fetched), ids in articles.items():
        if fetched:
            places[folder, fetched] = root_key(fetched_root)
        elif _is_here(folder):
            places[folder, fetched] = root_key(Path(folder))
        else:
            places[folder, fetched] = _holding_folder(roots, ids, listings) or folder
    return places


def _is_here(folder: str) -> bool:
    """Whether `folder` exists here; not for a path this system cannot look up (longer than a
    path may be, a component over 255 bytes, a folder it may not enter)."""
    try:
        return os.path.isdir(folder)
    except (OSError, ValueError):
        return False


def _holding_folder(roots: list[Path], ids: list[str], listings: dict[Path, dict[Path, set[str]]]) -> str | None:
    """The key of the corpus folder holding at least MOVED_SHARE of the first MOVED_SAMPLE of
    `ids` (the folder they were marked in, under another path here), else None. `listings`:
    each root's folders as holds_article lists them, kept from one call to the next."""
    sample = ids[:MOVED_SAMPLE]
    best, best_share = None, MOVED_SHARE
    for root in roots:
        share = sum(holds_article(root, article, listings[root]) for article in sample) / len(sample)
        if share >= best_share:
            best, best_share = root_key(root), share
    return best
