"""CPU time of `reader feed add` (a new process each run), for one or more checkouts in turns.

    python bench/bench_feed_add_start.py [--trees DIR,DIR...] [--runs 15]

Two commands: `feed add URL --no-check` (start-up and the write of feeds.yaml only) and `feed add
URL` of a small RSS feed served by a local server in this process (its check: one request, one
parse). Each run has new config, data and cache folders (a temp folder); each checkout's bytecode
is compiled first (PYTHONDONTWRITEBYTECODE would leave every run compiling reader from source).
The checkouts take turns run by run (A B A B ...), so a change in the machine's load falls on both;
CPU seconds (user + sys of the process), steadier than wall time on a shared machine, best and
median. Compare the working tree with main's: `git worktree add /tmp/base main`, then
`--trees .,/tmp/base`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench News</title>'
    b"<link>http://127.0.0.1/</link><item><title>One</title><link>http://127.0.0.1/one</link>"
    b"<description>" + b"word " * 80 + b"</description></item></channel></rss>"
)


class _Feed(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path == "/feed.xml"
        body = FEED if found else b""
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/rss+xml" if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def cpu_of(tree: Path, work: Path, args: list[str]) -> float:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0", NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"READER_{name}_DIR"] = str(work / name.lower())
    proc = subprocess.Popen([sys.executable, "-m", "reader", *args], env=env, cwd=work, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: reader {' '.join(args)} in {tree}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trees", default=".", help="checkouts, comma-separated (the first is the one measured)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    trees = [Path(tree).resolve() for tree in args.trees.split(",")]
    for tree in trees:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reader")], env=env, check=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    commands = {"feed add --no-check": ["feed", "add", url, "--no-check"], "feed add (checked)": ["feed", "add", url]}
    times: dict[tuple[str, Path], list[float]] = {(name, tree): [] for name in commands for tree in trees}
    with tempfile.TemporaryDirectory(prefix="bench-feed-add-") as temp:
        for _ in range(args.runs):
            for name, command in commands.items():
                for tree in trees:
                    times[name, tree].append(cpu_of(tree, Path(temp) / "work", command))
    server.shutdown()
    for name in commands:
        for tree in trees:
            spent = times[name, tree]
            print(f"{name:22} {str(tree):30} best {min(spent):.3f} s  median {statistics.median(spent):.3f} s CPU")


if __name__ == "__main__":
    main()
