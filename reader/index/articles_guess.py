"""How many articles a load's files hold, guessed before they are read (pool.WorkerPool.costly_grouping):
a JSON Lines file holds one a line, a feed one an <item> or <entry>, counted in one pass of its bytes;
any other file is guessed from its size. Guessed from the size alone, 1 MB of JSON Lines holding
10,000 headlines read as ~500 articles, and its grouping ran in the app's own process."""

from __future__ import annotations

import os
import stat

from reader.corpus.suffixes import FEED_SUFFIXES, JSONL_SUFFIXES

# The articles of a file guessed from its bytes, guessed high: basil-dev's news are ~4,000 bytes each.
BYTES_PER_ARTICLE = 2_000
CHUNK = 1 << 20
# What starts a feed's article: RSS's <item>, Atom's <entry> (an <items> or <entryList> counts too: high).
FEED_ARTICLE_TAGS = (b"<item", b"<entry")


def file_articles(path: str) -> int | None:
    """The articles of a plain JSON Lines file (its lines) or feed (its items' tags), counted;
    None for another format, or a file that cannot be read (its size tells then)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in JSONL_SUFFIXES:
        marks: tuple[bytes, ...] = (b"\n",)
    elif suffix in FEED_SUFFIXES:
        marks = FEED_ARTICLE_TAGS
    else:
        return None
    count, tail, last = 0, b"", b"\n"
    overlap = max(len(mark) for mark in marks) - 1  # a tag cut between two chunks
    try:
        # Not blocking, and only a regular file: a FIFO put in the scanned file's place meanwhile
        # would hang the update here (the loader says what it is).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            return None
        with os.fdopen(descriptor, "rb") as handle:
            while chunk := handle.read(CHUNK):
                text = tail + chunk
                count += sum(text.count(mark) for mark in marks)
                tail = text[-overlap:] if overlap else b""
                count -= sum(tail.count(mark) for mark in marks)  # counted again with the next chunk
                last = chunk[-1:]
    except OSError:
        return None
    count += sum(tail.count(mark) for mark in marks)
    if marks == (b"\n",) and last != b"\n":
        count += 1  # a last line with no newline
    return count


def guessed_articles(files, enough: int) -> int:
    """The articles of `files` ((path, size) pairs), counted where the format tells (file_articles)
    and guessed from the bytes of the others, up to `enough` (no more read once it is reached)."""
    counted, other_bytes = 0, 0
    for path, size in files:
        articles = file_articles(path) if size else 0
        if articles is None:
            other_bytes += size
        else:
            counted += articles
        if counted + other_bytes // BYTES_PER_ARTICLE >= enough:
            break
    return counted + other_bytes // BYTES_PER_ARTICLE
