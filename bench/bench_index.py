"""Index benchmark: our index vs plain Whoosh vs SQLite FTS5, on the same synthetic files.

    python bench/bench_index.py [--sizes 10000,50000] [--work DIR] [--queries 300] [--full N]

For each size: full build time (wall, and CPU including worker processes), time to apply 10
changed files, index size, cold open (open + first query), query latency p50/p95 with snippets
for the top 10 over a few hundred varied queries (terms, AND, OR, phrases). All three engines
read the files with the same minimal parser (synth.load_simple) so the figures compare the
engines. Plain Whoosh writes the very documents ours writes (same fields, same analysis and
boosts, with Whoosh's stock field types, analyzer chain and writer, in one process); the files
are parsed into documents before its clock starts, while ours is timed from the scan of the
folder to its state database. Both are then built afresh and must give every query the same
hits and scores (printed). `--full N` also times `reader index`'s whole pipeline (real loaders,
quotes, story grouping) on the first N files.
Run it with `nice` on a shared machine; figures are printed, with ratios to plain Whoosh.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import synth  # noqa: E402


def cpu() -> float:
    """CPU seconds of this process and its finished children (the index's worker processes):
    steadier than wall time on a shared machine, and it shows the work done per article."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def du(path: Path) -> int:
    if Path(path).is_file():
        return Path(path).stat().st_size
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
            except OSError:
                pass
    return total


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p50 = statistics.median(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return p50 * 1000, p95 * 1000


def load_all(root: Path) -> list[dict]:
    docs = []
    for path in sorted(root.rglob("*.md")):
        d = synth.parse_file(path)
        d["id"] = path.relative_to(root).with_suffix("").as_posix()
        docs.append(d)
    return docs


def modify(files: list[Path], round_: int) -> None:
    for path in files:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\nCorrection {round_}: an earlier version misstated the figures.\n")


# -- our index ------------------------------------------------------------------------------------


def bench_ours(root: Path, work: Path, queries: list[str], changed: list[Path]) -> dict:
    from reader.index import CorpusIndex

    index_dir = work / "ours"
    shutil.rmtree(index_dir, ignore_errors=True)
    ix = CorpusIndex([root], index_dir, loader="synth:load_simple", quotes=False, stories=False)
    t, c = time.perf_counter(), cpu()
    report = ix.update()
    build = time.perf_counter() - t
    build_cpu = cpu() - c
    assert report.indexed == len(list(root.rglob("*.md"))), report.to_dict()
    t = time.perf_counter()
    ix.update()
    noop = time.perf_counter() - t
    modify(changed, 1)
    t = time.perf_counter()
    report = ix.update()
    update = time.perf_counter() - t
    assert report.updated == len(changed), report.to_dict()
    ix.close()
    t = time.perf_counter()
    ix = CorpusIndex([root], index_dir)
    ix.search(queries[0], limit=10)
    cold = time.perf_counter() - t
    times = []
    for q in queries:
        t = time.perf_counter()
        res = ix.search(q, limit=10)
        for hit in res.hits:
            hit.snippets  # computed by search(): text + match ranges
        times.append(time.perf_counter() - t)
    ix.close()
    p50, p95 = percentiles(times)
    return {
        "build": build,
        "cpu": build_cpu,
        "noop": noop,
        "update10": update,
        "size": du(index_dir),
        "cold": cold,
        "p50": p50,
        "p95": p95,
    }


# -- plain Whoosh ---------------------------------------------------------------------------------


def plain_schema():
    """Our schema with Whoosh's stock field types: every fast text field becomes a stock TEXT
    with the same analysis (Whoosh's own analyzer chain: tokenizer, lower-case, stop words,
    stemmer) and the same boost; the ID and stored fields are stock already."""
    from whoosh import fields

    from reader.index import schema as our_schema
    from reader.index import store

    plain = fields.Schema()
    for name, field in store.schema().items():
        if isinstance(field, our_schema.FastText):
            field = fields.TEXT(
                analyzer=our_schema.reader_analyzer(),
                phrase=True,
                stored=field.stored,
                field_boost=field.format.field_boost,
            )
        plain.add(name, field)
    return plain


def documents(jobs: list) -> list[dict]:
    """The documents our index writes for these files (same loader, same fields), for the
    stock Whoosh writer."""
    from reader.index import store

    docs = []
    for rec in store.load_files(jobs, "synth:load_simple", quotes=False, stories=False):
        meta = {"key": rec["key"], "signature": rec["signature"], "hash": rec["hash"]}
        docs.extend(store.make_document(art, [], None, meta) for art in rec["articles"])
    return docs


def file_jobs(root: Path, paths: list[Path]) -> list:
    return [(os.path.abspath(p), str(p), str(root), [0, 0, 0, 0], None) for p in paths]


def bench_whoosh(docs: list[dict], root: Path, work: Path, queries: list[str], changed: list[Path]) -> dict:
    """Plain Whoosh writing the documents ours writes (same fields, same analysis), with its
    stock writer, in one process."""
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    from reader.index.search import DEFAULT_FIELDS

    schema = plain_schema()
    index_dir = work / "whoosh"
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    t, c = time.perf_counter(), cpu()
    ix = index.create_in(str(index_dir), schema)
    writer = ix.writer()
    for d in docs:
        writer.add_document(**d)
    writer.commit()
    build = time.perf_counter() - t
    build_cpu = cpu() - c
    modify(changed, 2)
    t = time.perf_counter()
    writer = ix.writer()
    for d in documents(file_jobs(root, changed)):
        writer.delete_by_term("file", d["file"])
        writer.add_document(**d)
    writer.commit()
    update = time.perf_counter() - t
    t = time.perf_counter()
    ix = index.open_dir(str(index_dir))
    searcher = ix.searcher()
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema, fieldboosts={"title": 2.0})
    searcher.search(parser.parse(queries[0]), limit=10)
    cold = time.perf_counter() - t
    times = []
    for q in queries:
        t = time.perf_counter()
        results = searcher.search(parser.parse(q), limit=10)
        for hit in results:
            hit.highlights("body", top=2)
        times.append(time.perf_counter() - t)
    searcher.close()
    p50, p95 = percentiles(times)
    return {
        "build": build,
        "cpu": build_cpu,
        "update10": update,
        "size": du(index_dir),
        "cold": cold,
        "p50": p50,
        "p95": p95,
    }


def same_results(root: Path, work: Path, queries: list[str], limit: int = 50) -> tuple[int, int, list[str]]:
    """(queries compared, queries with hits, queries whose hits differ): each query's hits (ids
    and scores) from our index and from plain Whoosh, both built afresh from the same files (an
    update's deleted documents still count in Whoosh's average field lengths, so indexes with
    different histories score a little differently). Hits tied with the last one's score may be
    cut differently at the limit: those are left out."""
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    from reader.index import CorpusIndex
    from reader.index.search import DEFAULT_FIELDS

    shutil.rmtree(work / "same-ours", ignore_errors=True)
    ours = CorpusIndex([root], work / "same-ours", loader="synth:load_simple", quotes=False, stories=False)
    ours.update()
    folder = work / "same-whoosh"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ix = index.create_in(str(folder), plain_schema())
    writer = ix.writer()
    for doc in documents(file_jobs(root, sorted(root.rglob("*.md")))):
        writer.add_document(**doc)
    writer.commit()
    parser = MultifieldParser(list(DEFAULT_FIELDS), ix.schema, fieldboosts={"title": 2.0})

    def settled(hits: list[tuple[str, float]]) -> set[tuple[str, float]]:
        if len(hits) < limit:
            return set(hits)
        return {(aid, score) for aid, score in hits if score > hits[-1][1]}

    differ, with_hits = [], 0
    with ix.searcher() as searcher:
        for q in queries:
            res = ours.search(q, limit=limit)
            mine = [(h.id, round(h.score, 4)) for h in res.hits]
            theirs = [(h["id"], round(h.score, 4)) for h in searcher.search(parser.parse(q), limit=limit)]
            with_hits += bool(mine or theirs)
            # (A query of stop words only finds nothing in either; ours also says why, in res.error.)
            if res.partial or settled(mine) != settled(theirs):
                differ.append(q)
    ours.close()
    return len(queries), with_hits, differ


# -- SQLite FTS5 ----------------------------------------------------------------------------------


def fts_query(q: str) -> str:
    if q.startswith('"'):
        return q
    parts = []
    for tok in q.split():
        if tok in ("AND", "OR"):
            parts.append(tok)
        else:
            parts.append('"' + tok.replace('"', "") + '"')
    return " ".join(parts)


def bench_fts(docs: list[dict], root: Path, work: Path, queries: list[str], changed: list[Path]) -> dict:
    path = work / "fts.sqlite"
    for p in (path, Path(str(path) + "-journal")):
        if p.exists():
            p.unlink()
    t, c = time.perf_counter(), cpu()
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, outlet UNINDEXED, title, body,"
        " date UNINDEXED, url UNINDEXED, tokenize='porter unicode61')"
    )
    db.executemany(
        "INSERT INTO docs VALUES (?,?,?,?,?,?)",
        [(d["id"], d["outlet"], d["title"], d["text"], d["date"], d["url"]) for d in docs],
    )
    db.commit()
    build = time.perf_counter() - t
    build_cpu = cpu() - c
    modify(changed, 3)
    t = time.perf_counter()
    for p in changed:
        d = synth.parse_file(p)
        rid = p.relative_to(root).with_suffix("").as_posix()
        db.execute("DELETE FROM docs WHERE id = ?", (rid,))
        db.execute(
            "INSERT INTO docs VALUES (?,?,?,?,?,?)", (rid, d["outlet"], d["title"], d["text"], d["date"], d["url"])
        )
    db.commit()
    update = time.perf_counter() - t
    db.close()
    sql = (
        "SELECT id, title, snippet(docs, 3, '[', ']', '…', 24) FROM docs WHERE docs MATCH ?"
        " ORDER BY bm25(docs, 0, 0, 3.0, 1.0) LIMIT 10"
    )
    t = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute(sql, (fts_query(queries[0]),)).fetchall()
    cold = time.perf_counter() - t
    times = []
    for q in queries:
        t = time.perf_counter()
        try:
            db.execute(sql, (fts_query(q),)).fetchall()
        except sqlite3.OperationalError:
            pass
        times.append(time.perf_counter() - t)
    db.close()
    p50, p95 = percentiles(times)
    return {
        "build": build,
        "cpu": build_cpu,
        "update10": update,
        "size": du(path),
        "cold": cold,
        "p50": p50,
        "p95": p95,
    }


# -- the whole pipeline ---------------------------------------------------------------------------


def bench_full(root: Path, work: Path, count: int) -> dict:
    """`reader index` as users run it (real loaders, quotes, story grouping) on `count` files."""
    from reader.index import CorpusIndex

    sub = work / f"full-{count}"
    if not sub.exists():
        files = sorted(root.rglob("*.md"))[:count]
        for f in files:
            target = sub / f.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, target)
    index_dir = work / "ours-full"
    shutil.rmtree(index_dir, ignore_errors=True)
    phases: dict[str, float] = {}
    last = {"msg": None, "t": time.perf_counter()}

    def progress(done, total, msg):
        now = time.perf_counter()
        if msg != last["msg"]:
            if last["msg"]:
                phases[last["msg"]] = phases.get(last["msg"], 0) + now - last["t"]
            last["msg"], last["t"] = msg, now

    ix = CorpusIndex([sub], index_dir)
    t = time.perf_counter()
    ix.update(progress=progress)
    build = time.perf_counter() - t
    phases[last["msg"]] = phases.get(last["msg"], 0) + time.perf_counter() - last["t"]
    changed = sorted(sub.rglob("*.md"))[:10]
    modify(changed, 4)
    t = time.perf_counter()
    ix.update()
    update = time.perf_counter() - t
    ix.close()
    return {"build": build, "update10": update, "phases": phases}


def main() -> None:
    ap = argparse.ArgumentParser(description="index benchmark: ours vs plain Whoosh vs FTS5")
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--full", type=int, default=0, help="also time the whole pipeline on N files")
    ap.add_argument("--skip-whoosh", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    queries = synth.queries(args.queries, seed=args.seed + 4)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {len(queries)} queries; work dir {args.work}")
    for size in sizes:
        root = args.work / f"corpus-{size}-{args.seed}"
        if not (root / ".complete").exists():
            shutil.rmtree(root, ignore_errors=True)
            t = time.perf_counter()
            synth.generate(root, size, args.seed)
            (root / ".complete").write_text("")
            print(f"generated {size} articles in {time.perf_counter() - t:.1f} s")
        # Phrases taken from the files themselves, so they match.
        sample = load_all_sample(root, 60)
        qs = [q for q in queries if not q.startswith('"')] + sample
        files = sorted(root.rglob("*.md"))
        work = args.work / f"run-{size}"
        work.mkdir(parents=True, exist_ok=True)
        rows = {}
        rows["ours"] = bench_ours(root, work, qs, files[0:10])
        print_row(size, "ours", rows["ours"])
        t = time.perf_counter()
        docs = load_all(root)
        parse = time.perf_counter() - t
        print(f"  (parsing the files once for the baselines: {parse:.1f} s, not counted below)")
        if not args.skip_whoosh:
            rows["whoosh"] = bench_whoosh(documents(file_jobs(root, files)), root, work, qs, files[10:20])
            print_row(size, "whoosh", rows["whoosh"])
            compared, nonempty, differ = same_results(root, work, qs)
            print(
                f"  same results, ours and plain Whoosh: {compared - len(differ)} of {compared} queries "
                f"({nonempty} with hits)" + (f"; differ: {differ[:5]}" if differ else "")
            )
        rows["fts5"] = bench_fts(docs, root, work, qs, files[20:30])
        print_row(size, "fts5", rows["fts5"])
        if "whoosh" in rows:
            w, o = rows["whoosh"], rows["ours"]
            print(
                f"  ratios plain Whoosh / ours: build {w['build'] / o['build']:.2f}x "
                f"(CPU {w['cpu'] / o['cpu']:.2f}x), "
                f"10 changed {w['update10'] / o['update10']:.2f}x, size {w['size'] / o['size']:.2f}x, "
                f"p50 {w['p50'] / o['p50']:.2f}x, p95 {w['p95'] / o['p95']:.2f}x"
            )
        f, o = rows["fts5"], rows["ours"]
        print(
            f"  ratios ours / FTS5: build {o['build'] / f['build']:.1f}x, p50 {o['p50'] / f['p50']:.1f}x, "
            f"p95 {o['p95'] / f['p95']:.1f}x"
        )
        if args.full:
            full = bench_full(root, work, args.full)
            phases = ", ".join(f"{k} {v:.1f} s" for k, v in full["phases"].items())
            print(
                f"  full pipeline on {args.full} files (real loaders, quotes, stories): build "
                f"{full['build']:.1f} s ({phases}); 10 changed {full['update10']:.2f} s"
            )


def load_all_sample(root: Path, count: int) -> list[str]:
    import random

    rng = random.Random(5)
    files = sorted(root.rglob("*.md"))
    out = []
    for path in rng.sample(files, min(count, len(files))):
        words = [w for w in synth.parse_file(path)["text"].split() if w.isalpha()]
        if len(words) > 3:
            i = rng.randrange(len(words) - 2)
            out.append('"' + " ".join(words[i : i + 2]) + '"')
    return out


def print_row(size: int, name: str, r: dict) -> None:
    extra = f", no-op update {r['noop']:.2f} s" if "noop" in r else ""
    print(
        f"{size:>6} {name:<7} build {r['build']:7.1f} s (CPU {r['cpu']:6.1f} s) | 10 changed {r['update10']:6.2f} s | "
        f"size {r['size'] / 1e6:7.1f} MB | cold open {r['cold'] * 1000:6.0f} ms | "
        f"p50 {r['p50']:6.1f} ms | p95 {r['p95']:6.1f} ms{extra}",
        flush=True,
    )


if __name__ == "__main__":
    main()
