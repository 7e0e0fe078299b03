"""`reader fetch` on a local fixture: 20 outlets, each its own HTTP server on 127.0.0.1 with a feed
of 10 entries (200 article pages in all). Never touches the internet.

    python bench/bench_fetch.py [--feeds 20] [--entries 10] [--delays 0,1.0]

For each per-host delay (0 = no politeness pause; 1.0 = the default), in fresh data folders:
  1. first run: every feed, then every page (robots.txt once per host) — all new;
  2. second run straight after: no feed is due, so nothing is requested and nothing is new;
  3. `--all` run: every feed asked again with its ETag — 304 each, nothing new;
then the index update that takes the 200 articles in (once, for the first delay).
Prints seconds, requests, new articles and statuses for each run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server

from http_fixture import LocalServer, Reply, page, rss  # noqa: E402

WORDS = (
    "minister council budget summit harbour election river market court village border energy "
    "school railway museum festival treaty storm factory hospital"
).split()


def paragraphs(outlet: int, entry: int) -> list[str]:
    out = []
    for p in range(4):
        words = [WORDS[(outlet * 5 + entry * 7 + p * 3 + k) % len(WORDS)] for k in range(40)]
        out.append(f"Outlet {outlet} story {entry} paragraph {p}: the " + " ".join(words) + ".")
    return out


def serve(feeds: int, entries: int) -> list[LocalServer]:
    servers = []
    for o in range(feeds):
        server = LocalServer().start()
        items = []
        for e in range(entries):
            title = f"Outlet {o} story {e}: the {WORDS[(o + e) % len(WORDS)]} question"
            server.route(f"/news/{e}", Reply(page(title, paragraphs(o, e), site=f"Outlet {o}")))
            items.append({"title": title, "link": server.url(f"/news/{e}"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"})
        server.route("/robots.txt", Reply("User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        server.route("/rss.xml", Reply(rss(f"Outlet {o}", items), content_type="application/rss+xml", etag='"v1"'))
        servers.append(server)
    return servers


def one_delay(servers: list[LocalServer], delay: float, index: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-fetch-"))
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"READER_{name}_DIR"] = str(work / name.lower())
    config = work / "config"
    config.mkdir()
    lines = ["feeds:"] + [f"  - url: {s.url('/rss.xml')}\n    outlet: Outlet {n}" for n, s in enumerate(servers)]
    lines.append(f"settings:\n  host_delay: {delay}")
    (config / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    from reader import config as reader_config
    from reader.fetch import fetch

    print(f"\nper-host delay {delay:g} s ({len(servers)} feeds, one host each):")
    for label, force in (("first run", False), ("second run", False), ("--all run", True)):
        report = fetch(force=force)
        statuses = Counter(f.status for f in report.feeds)
        print(
            f"  {label:11} {report.seconds:6.2f} s  {report.requests:4d} requests  {report.new:4d} new  "
            f"{len(report.failures)} failed  feeds: {dict(statuses)}"
        )
    if index:
        from reader.library import Library

        library = Library([reader_config.fetched_corpus_dir()], work / "index")
        started = time.perf_counter()
        result = library.update()
        print(f"  indexing the fetched articles: {time.perf_counter() - started:.2f} s ({result.indexed} indexed)")
        library.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--delays", default="0,1.0", help="per-host delays to measure, comma-separated")
    args = parser.parse_args()
    servers = serve(args.feeds, args.entries)
    try:
        for n, delay in enumerate(float(d) for d in args.delays.split(",")):
            one_delay(servers, delay, index=n == 0)
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
