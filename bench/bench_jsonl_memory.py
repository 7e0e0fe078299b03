"""Peak memory and time to the first count of loading one large JSON Lines file as an update's
worker does, this tree against another, in one run.

    python bench/bench_jsonl_memory.py FILE [--before REF] [--analyse] [--limit-mb 1000]

FILE is a JSON Lines file (e.g. `synth_real.py`'s `big.jsonl`, 200 MB). For each tree (REF,
default origin/main, in a temporary git worktree, then this checkout), in a fresh process each:
`store.load_files` of FILE with a spill folder (what a loading worker runs), with the trees'
MAX_COLLECTION_BYTES raised to `--limit-mb` (a tree that refuses a file over 40 MB reads it
whole then); printed: articles, seconds to the first article counted and in all, the process's
peak RSS, spill files written. Without `--analyse`, quotations and story records are not made
(the file's reading, cleaning and holding; a machine under load runs the whole much longer).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = r"""
import json, os, resource, sys, tempfile, time
from reader.corpus import loader
from reader.index import store

path, limit, analyse, spill = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
loader.MAX_COLLECTION_BYTES = limit
st = os.stat(path)
job = ("key", path, os.path.dirname(path), [st.st_size, st.st_mtime_ns, 0, 0], None)
def digest(record, spill):
    # What the file gave (its articles' metadata, problems, story records, the spilled texts),
    # without the names of the spill files.
    import hashlib, pickle
    from reader.index import spill as spilled
    kept = {k: v for k, v in record.items() if k not in ("spill", "chunks", "hash")}
    h = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in kept.items())).encode())
    files = [path for path, _index in spilled.places(record.get("spill") or [], len(record["articles"]))]
    for path in dict.fromkeys(files):
        for item in spilled.read(path).get("key", []):
            h.update(repr(item).encode())
    return h.hexdigest()[:12]

first = []
started = time.perf_counter()
(record,) = store.load_files(
    [job], "reader.corpus:load_file", analyse, analyse, spill_dir=spill,
    on_article=lambda done, count, _path: first or first.append(time.perf_counter() - started),
)
print(json.dumps({
    "articles": len(record["articles"]),
    "skipped": len(record["skipped"]),
    "first_s": first[0] if first else None,
    "total_s": time.perf_counter() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "spill_files": len(record["spill"]) if isinstance(record.get("spill"), list) else 1,
    "digest": digest(record, spill),
}))
"""


def run(tree: Path, path: Path, limit: int, analyse: bool, work: Path) -> dict:
    spill = Path(tempfile.mkdtemp(dir=work))
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": str(work)}
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(path), str(limit), "1" if analyse else "0", str(spill)],
        env=env,
        capture_output=True,
        text=True,
        cwd=work,  # not in a checkout: its `reader` would come before PYTHONPATH's
    )
    shutil.rmtree(spill, ignore_errors=True)
    if out.returncode:
        sys.exit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--before", default="origin/main")
    ap.add_argument("--analyse", action="store_true")
    ap.add_argument("--limit-mb", type=int, default=1000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-jsonl-"))
    base = work / "before"
    try:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.before], check=True
        )
        # Compiled first: the new worktree's first import would compile every module, in its time.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(base / "reader")], check=True)
        size = args.file.stat().st_size / 1e6
        for name, tree in (("before", base), ("now", ROOT)):
            r = run(tree, args.file.resolve(), args.limit_mb * 1024 * 1024, args.analyse, work)
            first = "-" if r["first_s"] is None else f"{r['first_s']:.1f} s"
            print(
                f"{name:>6}: {size:.0f} MB, {r['articles']} articles ({r['skipped']} skipped), first count {first},"
                f" all {r['total_s']:.0f} s, peak RSS {r['peak_mb']:.0f} MB, {r['spill_files']} spill file(s),"
                f" digest {r['digest']}",
                flush=True,
            )
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
