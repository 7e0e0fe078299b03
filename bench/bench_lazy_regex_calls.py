"""What a pattern compiled when first used (reader.lazy_regex) costs per call, once compiled, next
to a plain compiled pattern, on the hot paths that use them: splitting sentences, textstats'
words and names, the index's terms, inferring dates and titles, finding quotes and loading the
files (decoding, front matter, cleaning). In one process, alternately:
every lazy_regex stand-in held by a module (all of sys.modules, so names imported elsewhere too)
swapped for re.compile's pattern (the baseline), then put back; the medians printed.

    python bench/bench_lazy_regex_calls.py [--count 300] [--repeat 7]

The machine may be shared: compare the two columns of one run. Also printed: one call's cost,
the fastest of 15 loops of each. At a load average of 17-20 on a shared machine: one call 330-410 vs
390-630 ns; the cases within the runs' noise (-12% to +9% either way).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reader import lazy_regex  # noqa: E402
from reader.analysis import quotes, sentences, textstats  # noqa: E402
from reader.corpus import infer, loader  # noqa: E402
from reader.index import textproc  # noqa: E402


def _holders() -> list[tuple[dict, str, object, re.Pattern]]:
    """(module globals, name, stand-in, its compiled equivalent) for every stand-in a module holds."""
    found = []
    for module in list(sys.modules.values()):
        for name, value in list(getattr(module, "__dict__", {}).items()):
            if isinstance(value, lazy_regex.LazyPattern):
                found.append((module.__dict__, name, value, re.compile(value.pattern, value.flags)))
    return found


CASES = {
    "split_sentences": lambda texts: [sentences.split_sentences(t) for t in texts],
    "textstats.tokenize+name_phrases": lambda texts: [
        (textstats.tokenize(t), textstats.name_phrases(t), textstats.content_words(t)) for t in texts
    ],
    "textproc.term_positions": lambda texts: [textproc.term_positions(t) for t in texts],
    "infer title/date/author": lambda texts: [
        (infer.infer_title(t), infer.date_from_text(t), infer.author_from_text(t)) for t in texts
    ],
    "quotes.find_quotes": lambda texts: [quotes.find_quotes(t) for t in texts],
}
# Loading the files themselves (decoding, front matter, cleaning), while they are there.
FILE_CASE = "loader.load_file"


def _per_call(pattern, calls: int = 100_000) -> float:
    """Nanoseconds a call of pattern.match on a one-letter string takes, loop included."""
    started = time.perf_counter()
    for _ in range(calls):
        pattern.match("x")
    return (time.perf_counter() - started) / calls * 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="synthetic articles")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    import synth

    with tempfile.TemporaryDirectory(prefix="reader-lazy-calls-") as work:
        paths = synth.generate(Path(work), args.count)
        texts = [
            "Published Monday, March 3, 2025 at 10:40 a.m.\nBy Jane Roe and John Doe\n\n" + synth.parse_file(p)["text"]
            for p in paths
        ]
        cases = {**CASES, FILE_CASE: lambda _texts: [loader.load_file(p, Path(work)) for p in paths]}
        holders = _holders()
        for case in cases.values():  # every pattern compiled (the stand-ins' first use) before timing
            case(texts[:20])
        holders = _holders()  # (with those of modules the cases imported)
        times: dict[tuple[str, bool], list[float]] = {}
        for _ in range(args.repeat):
            for eager in (True, False):
                for globals_, name, deferred, compiled in holders:
                    globals_[name] = compiled if eager else deferred
                for label, case in cases.items():
                    started = time.perf_counter()
                    case(texts)
                    times.setdefault((label, eager), []).append(time.perf_counter() - started)
    deferred, compiled = lazy_regex.compile(r"\w"), re.compile(r"\w")
    deferred.match("x")
    calls = [(_per_call(compiled), _per_call(deferred)) for _ in range(15)]
    plain_call, deferred_call = (min(pair[k] for pair in calls) for k in (0, 1))
    print(f"one call, fastest of 15: compiled {plain_call:.0f} ns, lazy_regex {deferred_call:.0f} ns")
    print(f"{len(holders)} stand-ins swapped; {len(texts)} texts; medians of {args.repeat} alternated runs")
    for label in cases:
        plain, deferred = (statistics.median(times[(label, eager)]) for eager in (True, False))
        print(
            f"{label:<34} compiled {plain:7.3f} s   lazy_regex {deferred:7.3f} s   {100 * (deferred / plain - 1):+5.1f}%"
        )


if __name__ == "__main__":
    main()
