"""The cost of a fetch run saving its state as it goes (Fetcher._save_progress: a run killed
outright keeps what it stored), against the same run saving it only at its end, in the same
process, the two taking turns. Local servers (tests/http_fixture.py), no network; the state
already holds --known stored articles (a big state costs most to write).

    python bench/bench_fetch_progress.py [--feeds 10] [--entries 40] [--delay 0.02] [--known 50000] [--repeat 2]

Each page answers after --delay seconds (a network's latency). Prints, for each way, the run's
wall time (fastest of --repeat), the state saves it made and the seconds they took.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server

from http_fixture import LocalServer, Reply, page, rss  # noqa: E402

WORDS = "minister council budget summit harbour election river market court village border energy".split()


def serve(feeds: int, entries: int, delay: float) -> list[LocalServer]:
    servers = []
    for o in range(feeds):
        server = LocalServer().start()
        items = []
        for e in range(entries):
            title = f"Outlet {o} story {e}: the {WORDS[(o + e) % len(WORDS)]} question"
            text = [
                f"Outlet {o} story {e} paragraph {p}: " + " ".join(WORDS[(e + p + k) % 12] for k in range(40))
                for p in range(4)
            ]
            server.route(f"/news/{e}", Reply(page(title, text), delay=delay))
            items.append({"title": title, "link": server.url(f"/news/{e}")})
        server.route("/robots.txt", Reply("", status=404, content_type="text/plain"))
        server.route("/rss.xml", Reply(rss(f"Outlet {o}", items), content_type="application/rss+xml"))
        servers.append(server)
    return servers


def known_state(known: int) -> dict:
    urls = {
        f"https://old.example/{n}": {
            "id": f"old/2024-01-01-story-{n:x}",
            "hash": f"{n:064x}",
            "version": 1,
            "feed": "https://old.example/rss",
        }
        for n in range(known)
    }
    hashes = {record["hash"]: url for url, record in urls.items()}
    return {
        "version": 1,
        "feeds": {},
        "urls": urls,
        "hashes": hashes,
        "robots": {},
        "retries": {},
        "keys_checked": known,
    }


def one_run(servers: list[LocalServer], known: dict, progress: bool) -> tuple[float, int, float]:
    import reader.fetch.run as run
    from reader.fetch import fetch
    from reader.fetch.store import ArticleStore

    work = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    try:
        for name in ("CONFIG", "DATA", "CACHE"):
            os.environ[f"READER_{name}_DIR"] = str(work / name.lower())
        (work / "config").mkdir()
        (work / "data").mkdir()
        lines = ["feeds:"] + [f"  - url: {s.url('/rss.xml')}\n    outlet: Outlet {n}" for n, s in enumerate(servers)]
        (work / "config" / "feeds.yaml").write_text(
            "\n".join(lines) + "\nsettings:\n  host_delay: 0\n", encoding="utf-8"
        )
        (work / "data" / "fetch-state.json").write_text(json.dumps(known), encoding="utf-8")
        saves: list[float] = []
        real_save = ArticleStore.save_state

        def timed_save(self, feeds=None):
            started = time.perf_counter()
            real_save(self, feeds)
            saves.append(time.perf_counter() - started)

        ArticleStore.save_state = timed_save  # type: ignore[method-assign]
        seconds = run.PROGRESS_SECONDS
        run.PROGRESS_SECONDS = seconds if progress else math.inf
        try:
            started = time.perf_counter()
            report = fetch()
            wall = time.perf_counter() - started
        finally:
            ArticleStore.save_state = real_save  # type: ignore[method-assign]
            run.PROGRESS_SECONDS = seconds
        assert report.new == sum(1 for s in servers for _ in range(len(s.routes) - 2)), report.new
        return wall, len(saves), sum(saves)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--delay", type=float, default=0.02)
    parser.add_argument("--known", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    known = known_state(args.known)
    servers = serve(args.feeds, args.entries, args.delay)
    best: dict[str, tuple[float, int, float]] = {}
    try:
        for _ in range(args.repeat):
            for label, progress in (("saved as it goes", True), ("saved at the end", False)):
                result = one_run(servers, known, progress)
                if label not in best or result[0] < best[label][0]:
                    best[label] = result
    finally:
        for server in servers:
            server.stop()
    pages = args.feeds * args.entries
    print(
        f"{args.feeds} feeds x {args.entries} pages ({pages}), {args.known} articles known, pages after {args.delay} s"
    )
    for label, (wall, count, spent) in best.items():
        print(f"  {label:17} {wall:6.2f} s   {count} state saves, {spent:.2f} s in them")


if __name__ == "__main__":
    main()
