"""Marks lost when `reader state repair` races windows writing marks: --races repairs of a
damaged marks file, each while 1 to 3 writer processes (as windows are) set marks one by one,
before, during and after it (a repair refused, the other processes keeping the file locked
past its wait, leaves the file as it was: counted apart). A race loses marks when the repaired file lacks a mark the damaged
file's intact pages held (the salvage's) or one a writer was told was saved. This checkout's
repair and the --baseline revision's (its `reader` package, from git) run in the same run.

    python bench/bench_marks_repair_race.py [--races 200] [--baseline main] [--marks 300]

Run it with `nice` on a shared machine; it starts up to three writer processes per side.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = 4096
WRITERS_MOST = 3

# A window: for each marks file named on its stdin, marks set one by one (each in its own
# connection, as MarkStore does) until <file>.stop appears; each said "saved N" or "not saved N".
WRITER = """
import sys
import time
from pathlib import Path
from reader.state.marks import MarkStore
me = sys.argv[1]
for line in sys.stdin:
    path = Path(line.strip())
    store = MarkStore(path, [path.parent])
    number = 0
    while not Path(f"{path}.stop").exists():
        number += 1
        try:
            store.change({f"{me}/{number:05d}": {"read": True}})
        except OSError as exc:
            print("not saved", number, str(exc).splitlines()[0][-80:], flush=True)
            continue
        print("saved", number, flush=True)
        time.sleep(0.005)  # a window's marks come a keypress apart
    print("done", flush=True)
"""


def damaged_marks_file(path: Path, marks: int, seed: int) -> bytes:
    """A marks file of `marks` marks, random bytes over one table leaf page (SQLite still opens,
    locks and writes it, as a window does)."""
    from reader.state.marks import Mark, MarkStore

    store = MarkStore(path, [path.parent])
    store.put({f"outlet/article-{n:05d}": Mark(read=n % 2 == 0, starred=n % 3 == 0) for n in range(marks)})
    data = bytearray(path.read_bytes())
    leaves = [n for n in range(len(data) // PAGE) if data[n * PAGE + (100 if n == 0 else 0)] == 0x0D]
    page = leaves[len(leaves) // 2]
    data[page * PAGE + 8 : (page + 1) * PAGE] = random.Random(seed).randbytes(PAGE - 8)
    path.write_bytes(bytes(data))
    return bytes(data)


def read_until(writer: subprocess.Popen, word: bytes) -> list[bytes]:
    lines = []
    while True:
        line = writer.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError("a writer ended")
        lines.append(line)
        if line.startswith(word):
            return lines


def race(folder: Path, writers: list[subprocess.Popen], marks: int, seed: int) -> tuple[int, int, str, bool]:
    """One repair racing the writers: (salvaged marks lost, writers' saved marks lost, the
    repair's error or "", whether it refused, the file left as it was: nothing lost then)."""
    from reader.state import repair as repairing
    from reader.state.marks import MarkStore

    path = folder / "marks.sqlite3"
    path.parent.mkdir(parents=True)
    damaged = damaged_marks_file(path, marks, seed)
    intact = {(m.corpus, m.article) for m in repairing._best_page_reading(damaged)}
    said: list[list[bytes]] = []
    for writer in writers:
        writer.stdin.write(f"{path}\n".encode())  # type: ignore[union-attr]
        writer.stdin.flush()  # type: ignore[union-attr]
    for writer in writers:
        said.append(read_until(writer, b"saved"))  # each writes before the repair
    error, refused = "", False
    try:
        repairing.repair(path)
    except OSError as exc:
        error, refused = str(exc).splitlines()[0][-100:], getattr(exc, "aside", None) is None
    for at, writer in enumerate(writers):
        said[at] += read_until(writer, b"saved")  # and after it
    Path(f"{path}.stop").touch()
    for at, writer in enumerate(writers):
        said[at] += read_until(writer, b"done")
    saved = {
        (str(path.parent.resolve()), f"w{at}/{int(line.split()[1]):05d}")
        for at, lines in enumerate(said)
        for line in lines
        if line.startswith(b"saved")
    }
    try:
        now = {(m.corpus, m.article) for m in MarkStore(path, []).stored()}
    except OSError as exc:
        now, error = set(), error or str(exc).splitlines()[0][-100:]
    if refused:
        return 0, 0, error, True
    return len(intact - now), len(saved - now), error, False


def inner(races: int, marks: int) -> int:
    """The races, with the `reader` package on this process's path; one line of figures."""
    scratch = tempfile.TemporaryDirectory(prefix="bench-repair-race-")
    work = Path(scratch.name)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{n}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ
        )
        for n in range(WRITERS_MOST)
    ]
    lost_races = salvaged_lost = saved_lost = errors = refusals = 0
    started = time.perf_counter()
    try:
        for number in range(races):
            count = 1 + number % WRITERS_MOST
            salvaged, saved, error, refused = race(work / f"race-{number:04d}", writers[:count], marks, number)
            lost_races += bool(salvaged or saved)
            salvaged_lost += salvaged
            saved_lost += saved
            errors += bool(error) and not refused
            refusals += refused
            if error and errors <= 3:
                print(f"  race {number}: {error}", file=sys.stderr)
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
        scratch.cleanup()
    seconds = time.perf_counter() - started
    print(f"{lost_races} {salvaged_lost} {saved_lost} {errors} {refusals} {seconds:.1f}")
    return 0


def baseline_tree(revision: str, into: Path) -> Path:
    """The `reader` package of `revision`, from git, under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "reader"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--races", type=int, default=200)
    parser.add_argument("--marks", type=int, default=300)
    parser.add_argument("--baseline", default="main", help="the git revision to compare with (default: main)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args.races, args.marks)
    print(f"{args.races} repairs of a damaged file of {args.marks} marks, each racing 1 to {WRITERS_MOST} writers")
    print(
        f"{'repair':24} {'races losing':>12} {'salvaged lost':>13} {'saved lost':>10} {'errors':>6} "
        f"{'refused':>7} {'s':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-repair-baseline-") as folder:
        trees = {f"baseline ({args.baseline})": baseline_tree(args.baseline, Path(folder)), "this checkout": ROOT}
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            command = [sys.executable, __file__, "--inner", "--races", str(args.races), "--marks", str(args.marks)]
            figures = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            sys.stderr.write(figures.stderr)
            lost_races, salvaged, saved, errors, refusals, seconds = figures.stdout.split()
            print(f"{name:24} {lost_races:>12} {salvaged:>13} {saved:>10} {errors:>6} {refusals:>7} {seconds:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
