"""Where fetched articles live: a managed corpus folder in the user data dir, and the fetch state.

    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.md        Markdown + YAML front matter
                                  (<date> is "undated" when the page and its feed give none)
    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.html.gz   the raw page, gzip-compressed
    <data dir>/fetched/<outlet>/<...>-v2.md                         a later version of the article
    <data dir>/fetch-state.json   per feed: ETag, Last-Modified, last fetch and its outcome;
                                  per canonical URL: the file, text hash and version;
                                  per host: its robots.txt (kept a day);
                                  per page that failed for now: its attempts and next try
    <data dir>/fetch.lock         held while a fetch runs (one at a time)

Every file is written to a hidden temporary file in the same folder, flushed and renamed into
place, so a crash leaves no half-written article (hidden files are never read as articles). The
state is written the same way. Nothing here deletes an article.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import gzip
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import yaml

from reader import config

STATE_VERSION = 1


class FetchBusy(Exception):
    """Another `reader fetch` is writing the same folder."""


def text_hash(text: str) -> str:
    """The content key: the words of the text, case and spacing ignored."""
    words = " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _slug_char(ch: str) -> str:
    """A Latin letter as ASCII (é -> e; ß, ø as before: dropped), a letter or digit of another
    script as it is (Cyrillic, Arabic, CJK titles and outlets were all "untitled"), else a break."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else " "
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
    if plain:
        return plain.lower()
    if not ch.isalnum() or unicodedata.name(ch, "").startswith("LATIN"):
        return "" if ch.isalnum() else " "
    return ch.lower()


def slug(text: str | None, limit: int = 60) -> str:
    mapped = "".join(map(_slug_char, unicodedata.normalize("NFC", text or "")))
    words = re.findall(r"[^\W_]+", mapped)
    out = "-".join(words)[:limit].strip("-")
    while len(out.encode("utf-8")) > 3 * limit:  # a file name is at most 255 bytes
        out = out[:-1].rstrip("-")
    return out or "untitled"


def write_atomically(path: Path, data: bytes) -> None:
    from reader.safe_write import replace_file

    replace_file(path, data)


@dataclass
class Saved:
    id: str  # the article id in the fetched corpus (path without extension)
    path: Path
    url: str
    title: str | None
    outlet: str | None
    version: int
    previous: str | None  # the id of the version this one replaces

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "path": str(self.path),
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "version": self.version,
            "previous": self.previous,
        }


def _forget_unresolved_links(state: dict) -> None:
    """Before relative links were resolved, an entry linking to "/fire.html" failed as "not an
    http(s) URL" and was noted as gone under that relative link, which no entry gives any more:
    such notes are dropped, and every feed's validators with them, so the next run reads each
    feed in full (not a 304) and fetches those entries at their resolved address."""
    stale = [
        key
        for key, record in state["urls"].items()
        if isinstance(record, dict)
        and str(record.get("gone") or "").startswith("not an http(s) URL")
        and not urlsplit(str(key)).scheme
    ]
    if not stale:
        return
    for key in stale:
        del state["urls"][key]
    for feed in state["feeds"].values():
        if isinstance(feed, dict):
            feed.pop("etag", None)
            feed.pop("last_modified", None)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _stored_hash(path: Path) -> str | None:
    """text_hash of the article text of a file `save` wrote (after its front matter)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    _front, sep, body = content.partition("\n---\n\n")
    return text_hash(body) if sep else None


class ArticleStore:
    def __init__(self, root: Path | None = None, state_path: Path | None = None):
        self.root = Path(root) if root else config.fetched_corpus_dir()
        self.state_path = Path(state_path) if state_path else self.root.parent / "fetch-state.json"
        self.problem: str | None = None  # the state file was damaged (one line for the user)
        self.state = self._load_state()
        self._lock_handle: IO[str] | None = None

    # -- the lock ----------------------------------------------------------------------------
    def lock(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.state_path.parent / "fetch.lock", "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise FetchBusy("another reader fetch is running; try again when it has finished") from None
        self._lock_handle = handle

    def unlock(self) -> None:
        if self._lock_handle is not None:
            fcntl.flock(self._lock_handle, fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    # -- state -------------------------------------------------------------------------------
    def _load_state(self) -> dict:
        empty = {"version": STATE_VERSION, "feeds": {}, "urls": {}, "hashes": {}, "robots": {}, "retries": {}}
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return empty
        except (OSError, ValueError) as exc:
            # Damaged: start afresh, and say so. File names are stable and a file already there
            # with the same text is recognised, so a refetch duplicates nothing.
            self.problem = f"{self.state_path} could not be read ({_one_line(exc)}): fetching starts afresh"
            return empty
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            self.problem = f"{self.state_path} is not a fetch state this reader writes: fetching starts afresh"
            return empty
        for key in ("feeds", "urls", "hashes", "robots", "retries"):
            if not isinstance(data.get(key), dict):
                data[key] = {}
        _forget_unresolved_links(data)
        return data

    def save_state(self) -> None:
        write_atomically(self.state_path, json.dumps(self.state, ensure_ascii=False, indent=1).encode("utf-8"))

    def feed_state(self, url: str) -> dict:
        return self.state["feeds"].setdefault(url, {})

    def record(self, canonical: str) -> dict | None:
        """What we know of an article URL, following an alias to the article it duplicates."""
        record = self.state["urls"].get(canonical)
        if record and "alias" in record:
            return self.state["urls"].get(record["alias"]) or None
        return record

    def _stamps(self, canonical: str, feed_url: str | None, stamp: str | None) -> dict:
        """The entry's stamp in each feed that gave it, with this feed's now."""
        record = self.state["urls"].get(canonical)
        known = record.get("stamps") if isinstance(record, dict) else None
        stamps = dict(known) if isinstance(known, dict) else {}
        if feed_url is not None:
            stamps[feed_url] = stamp
        return stamps

    def note_stamp(self, canonical: str, feed_url: str, stamp: str | None) -> None:
        """The entry as this feed gives it now was handled (stored, unchanged, or gone)."""
        record = self.state["urls"].get(canonical)
        if isinstance(record, dict):
            record.update(stamp=stamp, stamps=self._stamps(canonical, feed_url, stamp))

    def entry_changed(self, canonical: str, feed_url: str, stamp: str | None) -> bool:
        """Whether a known URL's entry changed since this feed last gave it (its stamp differs).
        Two feeds often date one article differently: a URL another feed brought in is not a
        change here (its stamp is noted for this feed), so it is not fetched again on every run."""
        record = self.state["urls"][canonical]
        if stamp is None:
            return False
        stamps = record.get("stamps")
        if not isinstance(stamps, dict) or not stamps:  # noted before stamps were kept per feed
            return record.get("stamp") != stamp
        if feed_url not in stamps:
            self.note_stamp(canonical, feed_url, stamp)
            return False
        return stamps[feed_url] != stamp

    def note_alias(self, canonical: str, target: str, stamp: str | None = None, feed_url: str | None = None) -> None:
        if canonical != target:
            stamps = self._stamps(canonical, feed_url, stamp)
            self.state["urls"][canonical] = {"alias": target, "stamp": stamp, "stamps": stamps}

    def note_gone(self, canonical: str, reason: str, stamp: str | None, feed_url: str | None = None) -> None:
        """A page that failed for good (404, robots, no text): not asked again until its feed entry
        changes."""
        stamps = self._stamps(canonical, feed_url, stamp)
        self.state["urls"][canonical] = {"gone": reason, "stamp": stamp, "stamps": stamps}

    def articles_count(self, feed_url: str) -> int:
        return sum(1 for r in self.state["urls"].values() if r.get("feed") == feed_url and "id" in r)

    # -- articles ----------------------------------------------------------------------------
    def duplicate_of(self, canonical: str, digest: str) -> str | None:
        """The canonical URL of another stored article with the same text, if any."""
        other = self.state["hashes"].get(digest)
        return other if other and other != canonical else None

    def save(
        self,
        *,
        canonical: str,
        text: str,
        meta: dict,
        raw: bytes | None,
        feed_url: str,
        stamp: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Saved | None:
        """Write a new article, or a new version of a known URL whose text changed. None when the
        text is what we already have (the state is refreshed)."""
        digest = text_hash(text)
        urls = self.state["urls"]
        previous = urls.get(canonical) if "id" in urls.get(canonical, {}) else None
        stamps = self._stamps(canonical, feed_url, stamp)
        if previous and previous.get("hash") == digest:
            previous.update(stamp=stamp, stamps=stamps, etag=etag, last_modified=last_modified)
            return None
        version = previous["version"] + 1 if previous else 1
        previous_id = previous["id"] if previous else None
        url = meta.get("url") or canonical
        fetched = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        # An undated page's name says so: a date there would be read as the article's (the loader
        # reads dates from file names) and the day we fetched it is not the day it was published.
        date = meta.get("date") or "undated"
        url_hash = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:8]
        stem = f"{date[:10]}-{slug(meta.get('title'))}-{url_hash}"
        folder = self.root / slug(meta.get("outlet"), 40)
        path = folder / f"{stem}{f'-v{version}' if version > 1 else ''}.md"
        # A file already there (the state was lost or damaged): the same text is the article we
        # have, not a new one; other text is never overwritten, so this one is a later version.
        while path.is_file():
            found = path.relative_to(self.root).with_suffix("").as_posix()
            if _stored_hash(path) == digest:
                self._note_stored(canonical, found, digest, version, stamp, stamps, feed_url, etag, last_modified)
                return None
            version, previous_id = version + 1, found
            path = folder / f"{stem}-v{version}.md"
        front = {
            "title": meta.get("title"),
            "outlet": meta.get("outlet"),
            "date": meta.get("date"),
            "url": meta.get("url"),  # none for a feed entry without a link (kept from its text)
            "author": meta.get("author"),
            "fetched": fetched.isoformat(),
            "feed": feed_url,
        }
        if previous_id:
            front["version"] = version
            front["previous"] = previous_id
        front = {k: v for k, v in front.items() if v is not None}
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096)
        if raw is not None:
            write_atomically(path.with_suffix(".html.gz"), gzip.compress(raw, mtime=0))
        write_atomically(path, f"---\n{header}---\n\n{text.strip()}\n".encode("utf-8"))
        article_id = path.relative_to(self.root).with_suffix("").as_posix()
        self._note_stored(canonical, article_id, digest, version, stamp, stamps, feed_url, etag, last_modified)
        return Saved(article_id, path, url, meta.get("title"), meta.get("outlet"), version, previous_id)

    def _note_stored(self, canonical, article_id, digest, version, stamp, stamps, feed_url, etag, last_modified):
        self.state["urls"][canonical] = {
            "id": article_id,
            "hash": digest,
            "version": version,
            "stamp": stamp,
            "stamps": stamps,
            "feed": feed_url,
            "etag": etag,
            "last_modified": last_modified,
        }
        self.state["hashes"][digest] = canonical
