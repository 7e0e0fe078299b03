"""Feeds that are not well-formed XML: how long each tree's parse_feed takes, entries it gives, its feed title.

    python bench/bench_broken_feed.py [--before REF ...]

Made-up hostile feeds (an entry left open among many, after a channel description of 1 MB, with
a doctype's entities expanded in the channel's title, 9,000 tiny broken entries) are read by
parse_feed of each REF (default origin/main; its reader/ taken with `git archive`) and of this
checkout, each in its own process, in the same run: wall time, the entries read, the feed's
title (the outlet), cut to 40 characters, and a digest of all the entries' text and metadata (the
same digest: the same entries read).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The council approved the transit plan after a long debate on Tuesday evening. " * 3


def item(n: int) -> str:
    return f"<item><title>T{n}</title><link>https://x.example/{n}</link><description>{TEXT}</description></item>"


def feed(items: list[str], channel: str = "<title>Daily</title>", doctype: str = "") -> bytes:
    items[1] = f"<item><title>Broken<link>https://x.example/b</link><description>{TEXT}</item>"
    head = f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel>{channel}'
    return (head + "".join(items) + "</channel></rss>").encode()


def cases() -> dict[str, bytes]:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    return {
        "1,000 entries, one broken": feed([item(n) for n in range(1000)]),
        "10,000 entries, one broken": feed([item(n) for n in range(10_000)]),
        "1,000 entries, one in 50 broken": feed(
            [item(n) if n % 50 else item(n).replace("</title>", "") for n in range(1000)]
        ),
        "1,000 entries, 1 MB channel description": feed(
            [item(n) for n in range(1000)], "<title>Daily</title><description>" + "x" * 1_000_000 + "</description>"
        ),
        "200 entries, entities in the title": feed(
            [item(n) for n in range(200)], "<title>Daily &l9;</title>", f"<!DOCTYPE rss [{laughs}]>"
        ),
        "9,000 tiny broken entries (180 KB)": (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>D</title>'
            + "<item><title>x<link>" * 9000
            + "</channel></rss>"
        ).encode(),
    }


RUN = """
import hashlib, json, sys, time
from reader.corpus.formats import parse_feed
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
out = parse_feed(data)
seconds = time.perf_counter() - start
digest = hashlib.sha256(json.dumps(out, sort_keys=True, default=str).encode()).hexdigest()[:12]
print(json.dumps([seconds, len(out), out[0][1].get("_feed_title") if out else None, digest]))
"""


def run(tree: Path, path: Path) -> tuple[float, int, str | None, str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(path)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(tree)},
    )
    return tuple(json.loads(done.stdout.splitlines()[-1]))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", action="append", help="a git ref to compare (default origin/main)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    trees = {}
    for ref in args.before or ["origin/main"]:
        tree = work / ref.replace("/", "_")
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "reader"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        trees[ref] = tree
    trees["now"] = ROOT
    for name, data in cases().items():
        path = work / "feed.xml"
        path.write_bytes(data)
        print(f"{name} ({len(data):,} bytes)")
        for ref, tree in trees.items():
            seconds, entries, title, digest = run(tree, path)
            print(
                f"  {ref:>12}: {seconds:7.2f} s, {entries:,} entries, feed title {str(title)[:40]!r},"
                f" entries' digest {digest}"
            )


if __name__ == "__main__":
    main()
