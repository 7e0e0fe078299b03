"""How many links of deleted versions the index and the marks file keep, with and without pruning.

    python bench/bench_version_links.py [--articles 50000] [--share 0.01] [--rounds 10] [--keep 3] [--marked 0.1]

A corpus of `--articles` articles, `--share` of them pages `reader fetch` keeps in versions: each
round every such page gets a new version (its `previous:` the last one) and the oldest beyond
`--keep` versions is deleted (fetch's keep_pages). `--marked` of the pages had their first
version read. After each round the state database works the chains out as an index save does
(statedb._write_versions) and the marks file keeps the links no file gives again
(reader.state.version_links). Printed per round: the links the index remembers, the rows kept
in the marks file, and its size, for this tree (pruned) and, in the same run, the same with
nothing pruned (the baseline: every link kept for good, as before pruning). No index is built:
the articles table is written directly, so the figures are the links', not an update's time. Last,
how many marked first versions the newest version of their page still reaches (their mark shows).

    python bench/bench_version_links.py --timed [--articles 50000] [--share 0.01] [--rounds 10]

times, per round, what an update spends on the links of versions: its grouping's (the stored
rows a chain can involve, read, with the new versions, then the chains: story_groups) and its
save's (statedb._write_versions, under the marks file's lock), with a digest of the versions table
written (the same in both trees: the same chains). Run it in a worktree of the tree before as
well (an older tree's grouping hands nothing to its save, which works the chains out again).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import tempfile
import time
from pathlib import Path

from reader.index import statedb
from reader.index.article_versions import Replacements
from reader.state.marks import Mark, MarkStore
from reader.state.version_links import KeptVersionLinks


class _NothingPruned(KeptVersionLinks):
    def marked(self, ids):  # the marks unknown: nothing is let go (the baseline)
        return None


def _article(article_id: str, page: int, previous: str | None) -> tuple:
    info = {"id": article_id, "outlet": "Fox News", "title": "t", "url": f"https://fox.example/{page}"}
    return statedb.article_row({**info, "previous": previous})


def _run(folder: Path, pruned: bool, args) -> tuple[list[tuple[int, int, int]], int]:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    marks = MarkStore(folder / "marks.sqlite3", [corpus])
    keeper = KeptVersionLinks(marks) if pruned else _NothingPruned(marks)
    pages = int(args.articles * args.share)
    marks.put({f"page{p}/v1": Mark(read=True) for p in range(int(pages * args.marked))})
    (folder / "ix").mkdir()
    con = statedb.StateDB(folder / "ix")._connect(write=True)  # (autocommit: BEGIN and COMMIT said)
    insert = f"INSERT INTO articles ({', '.join(statedb.ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(statedb.ARTICLE_COLUMNS))})"
    con.execute("BEGIN")
    con.executemany(insert, [_article(f"plain/{n}", pages + n, None) for n in range(args.articles - pages)])
    con.executemany(insert, [_article(f"page{p}/v1", p, None) for p in range(pages)])
    con.execute("COMMIT")
    figures = []
    for version in range(2, args.rounds + 2):
        con.execute("BEGIN")
        con.executemany(insert, [_article(f"page{p}/v{version}", p, f"page{p}/v{version - 1}") for p in range(pages)])
        oldest = version - args.keep
        if oldest >= 1:
            con.executemany("DELETE FROM articles WHERE id = ?", [(f"page{p}/v{oldest}",) for p in range(pages)])
        lost = statedb._write_versions(con, keeper)
        con.execute("COMMIT")
        keeper.keep(lost or {})
        remembered = con.execute("SELECT count(*) FROM versions WHERE remembered IS NOT NULL").fetchone()[0]
        figures.append((remembered, len(keeper.kept()), marks.path.stat().st_size))
    chains = Replacements.from_rows(con.execute(f"SELECT {', '.join(statedb.VERSION_COLUMNS)} FROM versions"))
    con.close()
    newest = args.rounds + 1
    showing = sum(f"page{p}/v1" in chains.versions(f"page{p}/v{newest}") for p in range(int(pages * args.marked)))
    return figures, showing


def _timed(folder: Path, args) -> list[tuple[float, float]]:
    """(grouping's seconds, save's seconds) of each round, as an update works them out."""
    from reader.index import story_groups

    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    marks = MarkStore(folder / "marks.sqlite3", [corpus])
    keeper = KeptVersionLinks(marks)
    pages = int(args.articles * args.share)
    marks.put({f"page{p}/v1": Mark(read=True) for p in range(int(pages * args.marked))})
    (folder / "ix").mkdir()
    db = statedb.StateDB(folder / "ix")
    con = db._connect(write=True)
    insert = f"INSERT INTO articles ({', '.join(statedb.ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(statedb.ARTICLE_COLUMNS))})"
    con.execute("BEGIN")
    con.executemany(insert, [_article(f"plain/{n}", pages + n, None) for n in range(args.articles - pages)])
    con.executemany(insert, [_article(f"page{p}/v1", p, None) for p in range(pages)])
    con.execute("COMMIT")
    chains_once = hasattr(story_groups, "version_chains")
    figures = []
    for version in range(2, args.rounds + 2):
        new = [
            dict(zip(statedb.ARTICLE_COLUMNS, _article(f"page{p}/v{version}", p, f"page{p}/v{version - 1}")))
            for p in range(pages)
        ]
        oldest = version - args.keep
        stale = {f"page{p}/v{oldest}" for p in range(pages)} if oldest >= 1 else set()
        started = time.perf_counter()  # the grouping's (update._version_chains)
        rows = db.chain_rows([a["url"] for a in new], [a["previous"] for a in new]) or []
        kept = [row for row in rows if row["id"] not in stale]
        if chains_once:
            versions = story_groups.version_chains([*kept, *new])
            versions.links()
        else:
            story_groups.version_links([*kept, *new])
        grouped = time.perf_counter()
        con.execute("BEGIN")
        con.executemany(insert, [statedb.article_row(a) for a in new])
        con.executemany("DELETE FROM articles WHERE id = ?", [(aid,) for aid in stale])
        saving = time.perf_counter()
        with keeper.held():
            lost = (
                statedb._write_versions(con, keeper, versions) if chains_once else statedb._write_versions(con, keeper)
            )
        saved = time.perf_counter()
        con.execute("COMMIT")
        keeper.keep(lost or {})
        figures.append((grouped - started, saved - saving))
    written = con.execute(f"SELECT {', '.join(statedb.VERSION_COLUMNS)} FROM versions ORDER BY id").fetchall()
    con.close()
    print(f"versions table digest: {hashlib.sha256(repr(written).encode()).hexdigest()[:16]} ({len(written)} rows)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--keep", type=int, default=3)
    parser.add_argument("--marked", type=float, default=0.1)
    parser.add_argument("--timed", action="store_true", help="time an update's grouping and save of the links")
    args = parser.parse_args()
    if args.timed:
        with tempfile.TemporaryDirectory() as work:
            figures = _timed(Path(work), args)
        print("round  grouping ms  save ms  total ms")
        for number, (grouping, save) in enumerate(figures, 1):
            print(f"{number:5}  {grouping * 1000:11.1f}  {save * 1000:7.1f}  {(grouping + save) * 1000:8.1f}")
        totals = sorted(g + s for g, s in figures)
        print(f"median total {totals[len(totals) // 2] * 1000:.1f} ms")
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        pruned, showing = _run(Path(work) / "pruned", True, args)
        baseline, showing_before = _run(Path(work) / "baseline", False, args)
    print(f"{args.articles} articles, {int(args.articles * args.share)} pages in versions, keep {args.keep}")
    print("round  index links (pruned / kept for good)  marks-file links  marks file bytes")
    for number, (mine, base) in enumerate(zip(pruned, baseline), 1):
        print(
            f"{number:5}  {mine[0]:10} / {base[0]:<10}               {mine[1]:6} / {base[1]:<6}   {mine[2]:8} / {base[2]}"
        )
    marked = int(args.articles * args.share * args.marked)
    print(f"marked first versions reached from their page's newest: {showing} / {showing_before} of {marked}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    sqlite3.enable_callback_tracebacks(True)
    main()
