"""One feed of 10,000 entries: `reader fetch` of it, then `reader feed list` and the app's list of
subscriptions, served by a local HTTP server on 127.0.0.1 (never the internet).

    python bench/bench_big_feed.py [--entries 10000] [--source DIR]

Two feeds are measured, each from empty data folders: one whose entries link to pages (the
per-run limits, `max_pages` and `max_host_pages`, bound the pages asked; host_delay 0 here), and
one kept from the entries' own text (`articles: false`: every entry is stored in the run). Each
command runs in a process of its own: its seconds, its CPU seconds (a loaded machine's waits
aside), its peak RSS (the kernel's, for that process
alone), and the files the fetch wrote in the data folder (articles, pages, the state) with the
state's size. Then a second and a third fetch (the feed unchanged: nothing new; the bytes read twice
in a row are not parsed a third time) and `feed list`, and the
subscriptions list as the app builds it (Library.feeds and the rows, in its worker). `--source`
measures another checkout's `reader` (the baseline) on the same load, in the same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server

APP_LIST = (
    "import time\n"
    "from reader.library import Library\n"
    "from reader.tui.screens.subscriptions import subscription_prompt, subscriptions_listed\n"
    "started = time.perf_counter()\n"
    "rows = subscriptions_listed(Library.feeds(), Library.feed_outcome)\n"
    "prompts = [subscription_prompt(row) for row in rows]\n"
    "print(len(prompts), rows[0].stored)\n"
)


def measured(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, float, str]:
    """(seconds, CPU seconds, peak RSS in MB, stdout) of one command, in a process of its own (its own rusage:
    os.wait4 reaps it before Popen can), run in `cwd`: `python -m` and `-c` put the folder they run
    in first on sys.path, and from a checkout's folder both measures were of that checkout."""
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda name=name, pipe=pipe: said.__setitem__(name, pipe.read()))
        for name, pipe in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    for reader in readers:
        reader.join()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # (reaped here: Popen must not wait for it again)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv[-3:])} exited {code}: {said.get('err', '')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, said.get("out", "")


def files_in(folder: Path) -> tuple[int, int]:
    """(files, bytes of fetch-state.json) under the data folder."""
    count = sum(len(names) for _dir, _dirs, names in os.walk(folder))
    state = folder / "fetch-state.json"
    return count, state.stat().st_size if state.exists() else 0


def one_source(label: str, source: Path, entries: int, linked: bool, server) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-big-feed-", dir=os.environ.get("BENCH_TMP")))
    env = dict(os.environ, PYTHONPATH=str(source))
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"READER_{name}_DIR"] = str(work / name.lower())
    (work / "config").mkdir()
    path = "/linked.xml" if linked else "/notes.xml"
    articles = "" if linked else "    articles: false\n"
    (work / "config" / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url(path)}\n    outlet: Big\n{articles}settings:\n  host_delay: 0\n  retries: 0\n",
        encoding="utf-8",
    )
    reader = [sys.executable, "-m", "reader"]
    kind = "linked pages" if linked else "articles: false"
    figures = []
    for step, argv in (
        ("fetch", [*reader, "fetch"]),
        ("fetch again", [*reader, "fetch", "--all", "--quiet"]),
        ("third fetch", [*reader, "fetch", "--all", "--quiet"]),
        ("feed list", [*reader, "feed", "list"]),
        ("app's list", [sys.executable, "-c", APP_LIST]),
    ):
        seconds, cpu, rss, out = measured(argv, env, work)
        figures.append(f"{step} {seconds:5.2f} s (CPU {cpu:5.2f} s) {rss:5.0f} MB")
        if step == "fetch":
            figures.append(out.strip().splitlines()[-1] if out.strip() else "(no summary)")
        if step == "fetch":
            files, state = files_in(work / "data")
            figures.append(f"{files} files, state {state / 1e6:.1f} MB")
    print(f"{label:14} {entries} entries ({kind}): " + "; ".join(figures), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--source", type=Path, help="another checkout to measure too (the baseline)")
    args = parser.parse_args()
    from http_fixture import LocalServer, Reply, page, rss

    server = LocalServer().start()
    body = " ".join(f"word{k % 997}" for k in range(120))
    short = body[:240]  # the feed stays under max_bytes (10 MB), which refuses it whole
    linked = [
        {
            "title": f"Story {n} on the budget",
            "link": server.url(f"/s/{n}"),
            "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT",
        }
        for n in range(args.entries)
    ]
    notes = [
        {**item, "link": server.url(f"/n/{n}"), "description": f"Entry {n}: {short} {n}"}
        for n, item in enumerate(linked)
    ]
    server.route("/linked.xml", Reply(rss("Big", linked), content_type="application/rss+xml"))
    server.route("/notes.xml", Reply(rss("Big notes", notes), content_type="application/rss+xml"))
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))

    def story(handler) -> Reply:
        n = handler.path.rsplit("/", 1)[-1]
        return Reply(page(f"Story {n} on the budget", [f"Story {n}: {body}", f"More of story {n}: {body}"]))

    for n in range(args.entries):
        server.route(f"/s/{n}", story)
    sources = [("this checkout", ROOT)] + ([("--source", args.source.resolve())] if args.source else [])
    try:
        for linked_pages in (True, False):
            for label, source in sources:
                one_source(label, source, args.entries, linked_pages, server)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
