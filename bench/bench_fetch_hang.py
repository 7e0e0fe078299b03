"""A feed that hangs (its server accepts the connection and never answers) among others, served by
local HTTP servers on 127.0.0.1 (never the internet), with the default timeouts and retries.

    python bench/bench_fetch_hang.py [--feeds 3] [--source DIR] [--read-timeout 20]

One host serves the hanging feed and `--feeds` other feeds (one entry each); `--feeds` other hosts
serve one feed each. Prints, for a first `reader fetch` from empty data folders and a `--all` run
right after (the feed hangs still): the run's seconds, when the hanging host's other feeds were
asked for (seconds after the start), when the other hosts' feeds were, how many times the hanging
feed was asked, and the reason said for it.
`--source` measures another checkout's `reader` (the baseline) on the same load, in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(feeds: int, read_timeout: float) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server
    from http_fixture import LocalServer, Reply, page, rss

    work = Path(tempfile.mkdtemp(prefix="bench-fetch-hang-", dir=os.environ.get("BENCH_TMP")))
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"READER_{name}_DIR"] = str(work / name.lower())
    released = threading.Event()
    asked: dict[str, list[float]] = {}
    started = time.monotonic()

    def noted(name: str, reply: Reply):
        def answer(_handler):
            asked.setdefault(name, []).append(time.monotonic() - started)
            return reply

        return answer

    def hang(_handler):
        asked.setdefault("hanging", []).append(time.monotonic() - started)
        released.wait(600)  # accepted, never answered (until the bench ends)
        return Reply("late")

    def serve_feed(server, path: str, name: str, n: int) -> str:
        server.route(f"/a/{n}", Reply(page(f"Story {n}", [f"Paragraph of story {n} " + "word " * 80])))
        item = {"title": f"Story {n}", "link": server.url(f"/a/{n}"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
        server.route(path, noted(name, Reply(rss(f"Feed {n}", [item]), content_type="application/rss+xml")))
        return server.url(path)

    shared = LocalServer().start()
    shared.route("/robots.txt", Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    shared.route("/hang.xml", hang)
    urls = [shared.url("/hang.xml")]
    urls += [serve_feed(shared, f"/s{n}.xml", "same host", n) for n in range(feeds)]
    others = [LocalServer().start() for _ in range(feeds)]
    for n, server in enumerate(others):
        server.route("/robots.txt", Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        urls.append(serve_feed(server, "/feed.xml", "other hosts", 100 + n))
    (work / "config").mkdir()
    lines = ["feeds:"] + [f"  - url: {url}\n    outlet: Outlet {n}" for n, url in enumerate(urls)]
    lines.append(f"settings:\n  read_timeout: {read_timeout:g}")
    (work / "config" / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from reader.fetch import fetch

    runs = []
    for force in (False, True):  # the first run, then `--all` right after (the feed hangs still)
        asked.clear()
        started = time.monotonic()
        report = fetch(force=force)
        seconds = time.monotonic() - started
        (hanging,) = [f for f in report.feeds if f.url == urls[0]]
        runs.append(
            {
                "seconds": seconds,
                "same host": max(asked.get("same host", [0])),
                "other hosts": max(asked.get("other hosts", [0])),
                "hanging asked": len(asked.get("hanging", [])),
                "new": report.new,
                "reason": hanging.error,
            }
        )
    released.set()
    for server in [shared, *others]:
        server.stop()
    return {"runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--read-timeout", type=float, default=20.0)
    parser.add_argument("--source", type=Path, help="another checkout to measure too (the baseline)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single run, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.feeds, args.read_timeout)))
        return
    sources = [("this checkout", ROOT)] + ([("--source", args.source.resolve())] if args.source else [])
    print(f"1 hanging feed and {args.feeds} others on one host, {args.feeds} other hosts; defaults but read_timeout")
    for label, source in sources:
        # A fresh process importing `reader` from `source` (the bench itself from here).
        env = dict(os.environ, PYTHONPATH=str(source))
        command = [sys.executable, __file__, "--one", "--feeds", str(args.feeds)]
        command += ["--read-timeout", str(args.read_timeout)]
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        for n, run in enumerate(json.loads(out.strip().splitlines()[-1])["runs"]):
            print(
                f"  {label if n == 0 else '':14} {('first run', '--all after')[n]:10} {run['seconds']:5.1f} s;"
                f" the host's other feeds asked by {run['same host']:5.1f} s, other hosts' by {run['other hosts']:4.1f} s;"
                f" hanging feed asked {run['hanging asked']}x; {run['new']} new"
            )
        print(f"  {'':14} its reason: {run['reason']}")


if __name__ == "__main__":
    main()
