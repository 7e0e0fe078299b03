"""What sorting out a big feed's entries costs once they are all stored: the runs after the first,
each of a feed whose body changed by a byte (parsed again) and whose entries are all known, served
by a local HTTP server on 127.0.0.1 (never the internet).

    python bench/bench_entry_links.py [--entries 3000] [--rounds 3] [--source DIR]

One feed of `--entries` entries kept from their own text (`articles: false`: no page asked) is
fetched once, then `--rounds` times more, its channel's description changed each time. Each
round's CPU seconds of `fetch()` (the median printed) and the calls to canonical_url the fetch
made in it (reader.fetch.run's), in a process of its own per checkout; `--source` measures another
checkout (the baseline) in the same run, on the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server

ROUNDS = r"""
import json, statistics, sys, time
import reader.fetch.run as run
from reader.fetch import fetch

calls = [0]
real = run.canonical_url
def counted(url):
    calls[0] += 1
    return real(url)
run.canonical_url = counted
first = fetch()
assert first.new == int(sys.argv[1]), first.summary()
cpu, made = [], []
for _ in range(int(sys.argv[2])):
    calls[0] = 0
    started = time.process_time()
    report = fetch(force=True)
    cpu.append(time.process_time() - started)
    made.append(calls[0])
    assert report.new == 0 and report.feeds[0].status == "ok", report.summary()
print(json.dumps({"cpu": statistics.median(cpu), "calls": made[0]}))
"""


def one_source(label: str, source: Path, server, entries: int, rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-entry-links-", dir=os.environ.get("BENCH_TMP")))
    env = dict(os.environ, PYTHONPATH=str(source))
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"READER_{name}_DIR"] = str(work / name.lower())
    (work / "config").mkdir()
    (work / "config" / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/notes.xml')}\n    outlet: Big\n    articles: false\n"
        "settings:\n  host_delay: 0\n  retries: 0\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", ROUNDS, str(entries), str(rounds)],
        env=env,
        cwd=work,  # (`-c` puts the folder it runs in first on sys.path: not a checkout's)
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{label}: {done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"{label:14} {entries} entries, a run with all of them known: CPU {figures['cpu']:.2f} s (median of "
        f"{rounds}), canonical_url called {figures['calls']:,} times",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--source", type=Path, help="another checkout to measure too (the baseline)")
    args = parser.parse_args()
    from http_fixture import LocalServer, Reply, rss

    server = LocalServer().start()
    text = " ".join(f"word{k % 997}" for k in range(60))
    items = [
        {
            "title": f"Note {n} on the budget",
            "link": server.url(f"/n/{n}?utm_source=rss&id={n}"),
            "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT",
            "description": f"Entry {n}: {text} {n}",
        }
        for n in range(args.entries)
    ]
    asked = [0]

    def notes(_handler) -> Reply:  # a byte changed each time: parsed every run
        asked[0] += 1
        return Reply(rss(f"Big notes, asked {asked[0]} times", items), content_type="application/rss+xml")

    server.route("/notes.xml", notes)
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    sources = [("this checkout", ROOT)] + ([("--source", args.source.resolve())] if args.source else [])
    try:
        for label, source in sources:
            one_source(label, source, server, args.entries, args.rounds)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
