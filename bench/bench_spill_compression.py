"""The spill files and journal entries a first build keeps in build-resume/ (spill.py, resume.py):
their size and the time to write and read them back, as pickles (the baseline) and compressed, in
the same run.

    python bench/bench_spill_compression.py [--size 3000] [--work DIR] [--forms pickle,"zlib level 1"]

A generated corpus (bench/synth.py, made in --work and reused) gets a parallel first build
cancelled once it writes the index (every file loaded and spilled, kept for the next build).
Each kept spill file and records file is then read and encoded again in this process in every
form: written (pickle, then compress) and read (decompress, then unpickle), CPU seconds of the
best of 3 runs over all files, and the bytes on disk. The build's own loading CPU is printed
beside them, as what the extra time is a share of. `--forms`: only the forms whose names start
with one of these (comma-separated): at 20,000 articles the lzma forms take minutes.
"""

from __future__ import annotations

import argparse
import lzma
import pickle
import shutil
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMS = {
    "pickle (before)": (lambda data: data, lambda data: data),
    "zlib level 1 (now)": (lambda data: zlib.compress(data, 1), zlib.decompress),
    "zlib level 6": (lambda data: zlib.compress(data, 6), zlib.decompress),
    "lzma preset 0": (lambda data: lzma.compress(data, preset=0), lzma.decompress),
    "lzma preset 1": (lambda data: lzma.compress(data, preset=1), lzma.decompress),
}


def cancelled_build(corpus: Path, index_dir: Path) -> tuple[Path, float]:
    """The kept spill folder of a first build cancelled as it writes the index, and its CPU."""
    import resource

    from reader.index import CorpusIndex, resume

    seen = {"stop": False}

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("writing the index"):
            seen["stop"] = True

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    started, wall = cpu(), time.perf_counter()
    ix = CorpusIndex([corpus], index_dir, workers=2)
    assert ix.update(progress=progress, cancel=lambda: seen["stop"]).cancelled
    ix.close()
    print(
        f"the cancelled build: {time.perf_counter() - wall:.1f} s wall; build-resume/ keeps "
        f"{resume.kept_bytes(index_dir) / 1e6:.1f} MB ({resume.kept_files(index_dir):,} files)"
    )
    return index_dir / resume.FOLDER_NAME / resume.SPILL_NAME, cpu() - started


def best(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench_spill_compression")
    parser.add_argument("--forms", default="", help="comma-separated starts of form names (default: all)")
    args = parser.parse_args()
    wanted = [part.strip() for part in args.forms.split(",") if part.strip()]
    forms = {name: pair for name, pair in FORMS.items() if not wanted or name.startswith(tuple(wanted))}
    corpus = args.work / f"corpus-{args.size}"
    if not corpus.exists():
        generate(corpus, args.size)
    index_dir = args.work / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    folder, build_cpu = cancelled_build(corpus, index_dir)
    from reader.index import spill

    files = sorted(
        path
        for path in folder.iterdir()
        # (the stories handed to the writers are a plain pickle, and not kept: spill_dir)
        if path.suffix in (".pickle", ".records") and path.name != spill.STORIES_NAME
    )

    objects = {path: spill._load(str(path)) for path in files}  # as this code wrote them
    print(f"{args.size:,} generated articles: {len(files)} spill and records files; the cancelled build's CPU")
    print(f"(loading, spilling, the grouping begun) {build_cpu:.1f} s")
    print(f"  {'form':18} {'spill MB':>9} {'records MB':>11} {'write s':>8} {'read s':>7}")
    for name, (pack, unpack) in forms.items():
        encoded = {path: pack(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)) for path, obj in objects.items()}
        spill_mb = sum(len(data) for path, data in encoded.items() if path.suffix == ".pickle") / 1e6
        records_mb = sum(len(data) for path, data in encoded.items() if path.suffix == ".records") / 1e6

        def write() -> None:
            for obj in objects.values():
                pack(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))

        def read() -> None:
            for data in encoded.values():
                pickle.loads(unpack(data))

        print(f"  {name:18} {spill_mb:9.1f} {records_mb:11.2f} {best(write):8.2f} {best(read):7.2f}")
    journal(folder.parent, forms)
    shutil.rmtree(index_dir, ignore_errors=True)


def journal(resume_folder: Path, forms: dict) -> None:
    """The same for the journal's entries (*.loaded: a stamp digest, then the records), read as
    the code that wrote them does."""
    from reader.index import resume

    entries = sorted(resume_folder.glob(f"*{resume.JOURNAL_SUFFIX}"))
    on_disk = sum(path.stat().st_size for path in entries) / 1e6
    objects = [resume.read_entry(path.read_bytes()[32:]) for path in entries]
    print(f"the journal: {len(entries)} entries, {on_disk:.1f} MB on disk as this code wrote them")
    print(f"  {'form':18} {'journal MB':>11} {'write s':>8} {'read s':>7}")
    for name, (pack, unpack) in forms.items():
        encoded = [pack(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)) for obj in objects]

        def write() -> None:
            for obj in objects:
                pack(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))

        def read() -> None:
            for data in encoded:
                pickle.loads(unpack(data))

        mb = sum(len(data) for data in encoded) / 1e6
        print(f"  {name:18} {mb:11.2f} {best(write):8.2f} {best(read):7.2f}")


if __name__ == "__main__":
    main()
