"""Where fetched articles live: a managed corpus folder in the user data dir, and the fetch state.

    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.md        Markdown + YAML front matter
    <data dir>/fetched/<outlet>/<date>-<title>-<url hash>.html.gz   the raw page, gzip-compressed
    <data dir>/fetched/<outlet>/<...>-v2.md                         a later version of the article
    <data dir>/fetch-state.json   per feed: ETag, Last-Modified, last fetch and its outcome;
                                  per canonical URL: the file, text hash and version;
                                  per host: its robots.txt (kept a day)
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


def slug(text: str | None, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:limit].strip("-")
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


def _other_text_at(path: Path, digest: str) -> bool:
    """Whether `path` holds an article whose text is not the one hashed to `digest`."""
    try:
        stored = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return False
    except OSError:
        return True  # unreadable: keep off it
    body = stored.split("\n---\n", 1)[1] if stored.startswith("---\n") and "\n---\n" in stored else stored
    return text_hash(body) != digest


class ArticleStore:
    def __init__(self, root: Path | None = None, state_path: Path | None = None):
        self.root = Path(root) if root else config.fetched_corpus_dir()
        self.state_path = Path(state_path) if state_path else self.root.parent / "fetch-state.json"
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
        empty = {"version": STATE_VERSION, "feeds": {}, "urls": {}, "hashes": {}, "robots": {}}
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # Missing or damaged: start afresh. File names are stable, so a refetch of the same
            # text rewrites the same file rather than duplicating it; other text never goes over
            # a stored article (save() picks a later version's name).
            return empty
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return empty
        for key in ("feeds", "urls", "hashes", "robots"):
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

    def note_alias(self, canonical: str, target: str, stamp: str | None = None) -> None:
        if canonical != target:
            self.state["urls"][canonical] = {"alias": target, "stamp": stamp}

    def note_gone(self, canonical: str, reason: str, stamp: str | None) -> None:
        """A page that failed for good (404, robots, no text): not asked again until its feed entry
        changes."""
        self.state["urls"][canonical] = {"gone": reason, "stamp": stamp}

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
        if previous and previous.get("hash") == digest:
            previous.update(stamp=stamp, etag=etag, last_modified=last_modified)
            return None
        version = previous["version"] + 1 if previous else 1
        url = meta.get("url") or canonical
        fetched = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        date = meta.get("date") or fetched.date().isoformat()
        url_hash = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:8]
        base = f"{date[:10]}-{slug(meta.get('title'))}-{url_hash}"
        folder = self.root / slug(meta.get("outlet"), 40)
        # A file of that name with other text is an article the state no longer knows (a damaged
        # or deleted fetch-state.json): never written over; this text becomes a later version.
        while _other_text_at(folder / f"{base}{f'-v{version}' if version > 1 else ''}.md", digest):
            version += 1
        name = base + (f"-v{version}" if version > 1 else "")
        front = {
            "title": meta.get("title"),
            "outlet": meta.get("outlet"),
            "date": meta.get("date"),
            "url": url,
            "author": meta.get("author"),
            "fetched": fetched.isoformat(),
            "feed": feed_url,
        }
        if previous:
            front["version"] = version
            front["previous"] = previous["id"]
        front = {k: v for k, v in front.items() if v is not None}
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096)
        if raw is not None:
            write_atomically(folder / f"{name}.html.gz", gzip.compress(raw, mtime=0))
        path = folder / f"{name}.md"
        write_atomically(path, f"---\n{header}---\n\n{text.strip()}\n".encode("utf-8"))
        article_id = path.relative_to(self.root).with_suffix("").as_posix()
        urls[canonical] = {
            "id": article_id,
            "hash": digest,
            "version": version,
            "stamp": stamp,
            "feed": feed_url,
            "etag": etag,
            "last_modified": last_modified,
        }
        self.state["hashes"][digest] = canonical
        return Saved(
            article_id, path, url, meta.get("title"), meta.get("outlet"), version, previous["id"] if previous else None
        )
