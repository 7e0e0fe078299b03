"""Loaded articles kept on disk between the load and the write of a large update.

A large update loads its files in worker processes. Each worker writes the heavy part of what it
loaded (the articles' text, quotations and story records) to a spill file, the story records
alone to a records file beside it, and sends the parent only what the parent needs (metadata,
story records for the state). The first grouping's process reads the records files; the workers
that write the segments read the spill files back, indexing the articles while the stories are
grouped, and finish the documents once the parent writes the stories into the folder
(write_stories). So no process holds the corpus's text: a large file's articles go to spill files
a chunk at a time as they load (store._spill_chunk), so not even one file's is held whole. The files are pickles, as Whoosh's own
table of contents is (compressed: COMPRESSION_LEVEL): they are read only from the index folder,
which only reader writes.

The spill folder, `spill_<random>.tmp`, is made inside the Whoosh folder being written and
deleted when the update ends (whatever the outcome). A process killed before that leaves it
behind: it is named by no commit, never read by readers, deleted with the whole folder when that
folder was a new one, and by the next update (under the write lock) otherwise. Only folders of
exactly that name are ever deleted. A first build's spill folder is `build-resume/spill/` in the
index folder instead, kept when the build is interrupted for the next to reuse (resume.py).
"""

from __future__ import annotations

import os
import pickle
import shutil
import time
import uuid
import zlib
from pathlib import Path
from reader import lazy_regex

SPILL_FOLDER = lazy_regex.compile(r"spill_[0-9a-f]{12}\.tmp")

# One spilled file's articles: [(article dict, quotations, story record JSON or None), ...].
Spilled = list[tuple[dict, list, "str | None"]]


def create(wdir: Path) -> Path:
    path = Path(wdir) / f"spill_{uuid.uuid4().hex[:12]}.tmp"
    path.mkdir()
    return path


def remove(path: Path | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def remove_stale(wdir: Path) -> None:
    """Delete the spill folders a killed update left in `wdir` (only the lock holder calls this)."""
    try:
        entries = list(os.scandir(wdir))
    except OSError:
        return
    for entry in entries:
        if SPILL_FOLDER.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


def write(folder: str, articles: dict[str, Spilled]) -> str:
    """Write {file key: its articles} as one new spill file in `folder`, and their story records
    alone beside it (records_path: what the grouping reads); the spill file's path."""
    path = os.path.join(folder, f"{uuid.uuid4().hex}.pickle")
    records = {key: [record for _art, _quotes, record in spilled] for key, spilled in articles.items()}
    _dump(records, records_path(path))
    _dump(articles, path)
    return path


# Spill and records files are zlib-compressed pickles, at level 1: a first build keeps them in
# build-resume/, and compressed they take 41% of the bytes for ~2% more of the build's CPU
# (bench/bench_spill_compression.py: 45.5 -> 18.8 MB at 3,000 articles, +0.8 s of ~35 s).
COMPRESSION_LEVEL = 1


def _dump(obj, path: str) -> None:
    data = zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), COMPRESSION_LEVEL)
    with open(path, "wb") as fh:
        fh.write(data)


def intact(path: str) -> bool:
    """Whether a spill or records file decompresses whole (zlib's checksum: what was written),
    read a block at a time without unpickling or holding it."""
    inflate = zlib.decompressobj()
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                inflate.decompress(block, 1 << 22)
                while inflate.unconsumed_tail:
                    inflate.decompress(inflate.unconsumed_tail, 1 << 22)
    except (OSError, zlib.error):
        return False
    return inflate.eof and not inflate.unused_data


def _load(path: str):
    with open(path, "rb") as fh:
        return pickle.loads(zlib.decompress(fh.read()))


STORIES_NAME = "stories.pickle"


def write_stories(folder: Path, story_of: dict[str, str | None]) -> None:
    """Hand the grouped stories to the segment writers waiting for them (wait_for_stories):
    written beside, then renamed, so a writer never reads half of it."""
    tmp = Path(folder) / f"{STORIES_NAME}.part"
    with open(tmp, "wb") as fh:
        pickle.dump(story_of, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, Path(folder) / STORIES_NAME)


def wait_for_stories(folder: str, poll: float = 0.05) -> dict[str, str | None]:
    """{article id: story id}, once the parent has written them (a writer waits for as long as
    the update runs: the parent stops it when it fails or is cancelled, or dies with it)."""
    path = os.path.join(folder, STORIES_NAME)
    while not os.path.exists(path):
        time.sleep(poll)
    with open(path, "rb") as fh:
        return pickle.load(fh)


def records_path(path: str) -> str:
    """The story records file beside a spill file."""
    return path.removesuffix(".pickle") + ".records"


def places(spilled: str | list[tuple[str, int]], count: int) -> list[tuple[str, int]]:
    """(spill file, index in it) of each of a record's `count` articles, from its "spill": one
    spill file, or the chunks a large file was spilled in as it loaded ([(spill file, how many
    of its articles, in order)], store._spill_chunk)."""
    if isinstance(spilled, str):
        return [(spilled, index) for index in range(count)]
    return [(path, index) for path, held in spilled for index in range(held)]


def read(path: str) -> dict[str, Spilled]:
    return _load(path)


class Reader:
    """Spilled articles by (spill file, file key, index), keeping the last file read (articles
    are asked for in the order they were loaded, file by file)."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._data: dict[str, Spilled] = {}

    def get(self, path: str, key: str, index: int) -> tuple[dict, list, str | None]:
        if path != self._path:
            self._data, self._path = read(path), path
        return self._data[key][index]


class SpilledRecords:
    """Story records (JSON texts or dicts) to group: `first`, then the spilled articles' in the
    order of `parts`, [(spill file, [(file key, index in the file, a record to use instead of
    the spilled one or None)])], read one records file at a time, on every pass (the full
    grouping reads its records twice). A missing record (None) is skipped."""

    def __init__(self, first: list, parts: list[tuple[str, list[tuple[str, int, "str | None"]]]]):
        self.first = first
        self.parts = parts

    def __iter__(self):
        yield from self.first
        for path, entries in self.parts:
            records = _load(records_path(path))
            for key, index, instead in entries:
                record = instead if instead is not None else records[key][index]
                if record is not None:
                    yield record
