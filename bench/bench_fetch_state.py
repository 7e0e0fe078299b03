"""The size of fetch-state.json and the time to load it, with every feed's entries noted as the
reader before ENTRY_KEYS wrote them (`entry_ids`: each entry's id and canonical URL, the baseline)
and as it writes them now (`entry_keys`: 12-character keys). Synthetic, no network: FEEDS feeds of
ENTRIES entries each, every entry's article stored (its record in `urls`, as a fetch notes it).

    python bench/bench_fetch_state.py [--feeds 200] [--entries 500] [--repeat 3]

Prints, for each layout: the file's size, the bytes of its entry notes per entry, the rest (each
stored article's record, indented and whole before, packed now) per article, and the load time
(ArticleStore, as each `reader fetch` and `feed list` pays it); then the old layout's conversion at
load, paid at every load before it was written back converted, and at the first load only now.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reader.fetch.store as store_module  # noqa: E402
from reader.fetch.store import ENTRY_IDS, ENTRY_KEYS, ArticleStore  # noqa: E402

SLUG = "council-agrees-harbour-wall-budget-after-night-of-talks"


def entry(outlet: int, n: int) -> tuple[str, str]:
    """(id, canonical URL) of an entry, ids in the three shapes feeds give them."""
    url = f"https://www.outlet-{outlet}-news.example/2025/10/21/politics/{SLUG}-{n}"
    ident = (
        f"tag:outlet-{outlet}-news.example,2025:article-{n}",
        f"https://www.outlet-{outlet}-news.example/?p={100000 + n}&preview=false",
        f"urn:uuid:{outlet:08x}-{n:04x}-4a1b-9c2d-{n * 7919:012x}",
    )[n % 3]
    return ident, url


def old_state(feeds: int, entries: int) -> dict:
    state: dict = {"version": 1, "feeds": {}, "urls": {}, "hashes": {}, "robots": {}, "retries": {}}
    for outlet in range(feeds):
        feed_url = f"https://www.outlet-{outlet}-news.example/feeds/politics.xml"
        ids = {}
        for n in range(entries):
            ident, url = entry(outlet, n)
            ids[ident] = url
            digest = f"{outlet:032x}{n:032x}"
            stamp = "Tue, 21 Oct 2025 10:00:00 GMT"
            state["urls"][url] = {
                "id": f"outlet-{outlet}-news/2025-10-21-{SLUG[:40]}-{n:08x}",
                "hash": digest,
                "version": 1,
                "stamp": stamp,
                "stamps": {feed_url: stamp},
                "feed": feed_url,
                "etag": None,
                "last_modified": None,
            }
            state["hashes"][digest] = url
        state["feeds"][feed_url] = {
            "fetched_at": 1_760_000_000.0,
            "status": "ok",
            "error": None,
            "kind": None,
            "etag": '"abc123"',
            "last_modified": "Tue, 21 Oct 2025 10:00:00 GMT",
            "title": f"Outlet {outlet} News - Politics",
            ENTRY_IDS: ids,
        }
    state["keys_checked"] = len(state["urls"])
    return state


def load_seconds(root: Path, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        ArticleStore(root, path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def notes_bytes(path: Path, key: str) -> int:
    """The bytes the feeds' entry notes take in the file (the file less the file without them,
    written as it is: indented by the reader before ENTRY_KEYS, compact now)."""
    text = path.read_text(encoding="utf-8")
    state = json.loads(text)
    for feed in state["feeds"].values():
        feed.pop(key, None)
    layout: dict = {"indent": 1} if text.startswith("{\n") else {"separators": (",", ":")}
    return path.stat().st_size - len(json.dumps(state, ensure_ascii=False, **layout).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-fetch-state-"))
    root = work / "fetched"
    root.mkdir()
    old = work / "fetch-state-old.json"
    old.write_text(json.dumps(old_state(args.feeds, args.entries), ensure_ascii=False, indent=1), encoding="utf-8")
    write_once = ArticleStore._save_converted
    ArticleStore._save_converted = lambda self: None  # type: ignore[method-assign]  # the old file kept as it is
    store = ArticleStore(root, old)  # converted at load; saved as the fetch saves it
    store.state_path = new = work / "fetch-state-new.json"
    store.save_state()
    listed = args.feeds * args.entries
    print(f"fetch-state.json, {args.feeds} feeds x {args.entries} entries ({listed:,} articles stored)")
    convert = store_module._compact_entry_ids
    for name, path, key in (("before (entry_ids)", old, ENTRY_IDS), ("after (entry_keys)", new, ENTRY_KEYS)):
        size, notes = path.stat().st_size, notes_bytes(path, key)
        # The baseline loaded as the reader before entry_keys loads it: no conversion.
        store_module._compact_entry_ids = convert if key == ENTRY_KEYS else lambda state: None  # type: ignore[assignment]
        seconds = load_seconds(root, path, args.repeat)
        store_module._compact_entry_ids = convert
        print(
            f"  {name:19} {size / 1e6:7.1f} MB in all, entry notes {notes / 1e6:6.1f} MB "
            f"({notes / listed:5.0f} bytes an entry), the rest {(size - notes) / listed:4.0f} bytes an article; "
            f"load {seconds:5.2f} s (median of {args.repeat})"
        )
    every = load_seconds(root, old, args.repeat)
    print(f"  the old layout converted at each load (as each `feed list` paid it before): {every:.2f} s a load")
    ArticleStore._save_converted = write_once  # type: ignore[method-assign]
    first = load_seconds(root, old, 1)
    print(
        f"  written converted at its first load: that load {first:.2f} s, "
        f"each load after it {load_seconds(root, old, args.repeat):.2f} s (median of {args.repeat})"
    )


if __name__ == "__main__":
    main()
