"""What choosing a story's pair costs when its articles are near-copies of one another
(Library.story_pair, versions.pick_pair), against the same code trying every member's partner.

    python bench/bench_story_pair.py [--copies 50,200,1000] [--sentences 30] [--repeat 3]

A corpus of one wire story: COPIES outlets print the wire text word for word under their own
byline (every text differs, each a copy of every other: no text is tried twice, no pair is
worth comparing). Each case is timed (CPU, time.process_time, the best of --repeat: a shared
machine stretches the wall time) as the code is now and, in the same run, with
versions.SurelyCopies saying no of every text (the baseline: each member's partner looked
for, each against every other, as before the bound): the members' copy checks grow with the
square of their number there. Cases:
  copies  every member a copy of every other: the first pair, a copy, is the story's
  own     the last member the paper's own version (a third of its sentences its own): the
          first member's partner is it, found past every copy (the ordinary case: no change)
  edited  the last two members each rewrote three sentences of their own (copies of the wire,
          not of each other): the first of them and the other are the pair
Both ways must choose the same pair (checked). The story is given (the grouping of 1,000 near
copies is not what is measured); the index is built once per size and not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.stories.model import Story  # noqa: E402
from reader.analysis.versions import SurelyCopies  # noqa: E402
from reader.library import Library  # noqa: E402

CASES = ("copies", "own", "edited")


def _wire(sentences: int, own: set[int] = frozenset(), by: str = "") -> str:
    return " ".join(
        f"{by} reporting adds point {n} of its own about the summit."
        if n in own
        else f"Sentence {n} of the wire story tells what happened at the summit today."
        for n in range(sentences)
    )


def _corpus(folder: Path, copies: int, sentences: int) -> dict[str, list[str]]:
    """Writes every case's articles; the members of each case's story, in order."""
    folder.mkdir(parents=True)
    texts: dict[str, tuple[str, str]] = {}
    for n in range(copies):
        texts[f"c{n:04d}"] = (f"Paper {n}", f"By Reporter {n}.\n\n{_wire(sentences)}")
    texts["own"] = ("Own", _wire(sentences, set(range(0, sentences, 3)), "Our"))
    texts["edited-b"] = ("Bugle", f"By B.\n\n{_wire(sentences, {1, 2, 3}, 'Bugle')}")
    texts["edited-c"] = ("Courier", f"By C.\n\n{_wire(sentences, {7, 8, 9}, 'Courier')}")
    for name, (outlet, text) in texts.items():
        (folder / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: {outlet}\ndate: 2025-10-21\n---\n\n{text}\n", encoding="utf-8"
        )
    reprints = [f"c{n:04d}" for n in range(copies)]
    return {"copies": reprints, "own": [*reprints, "own"], "edited": [*reprints, "edited-b", "edited-c"]}


def _best(action, repeat: int) -> tuple[float, object]:
    times, found = [], None
    for _ in range(repeat):
        start = time.process_time()
        found = action()
        times.append(time.process_time() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="50,200,1000")
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'copies':>6} {'case':>7} {'now':>10} {'baseline':>10}  pair")
    for copies in (int(n) for n in args.copies.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            cases = _corpus(Path(tmp) / "news", copies, args.sentences)
            library = Library([Path(tmp) / "news"], Path(tmp) / "index")
            try:
                articles = library.articles()
                for case in CASES:
                    members = cases[case]
                    stories = [Story(id="s-wire", label="Summit", articles=members)]

                    def pair() -> tuple[str, str, bool]:
                        left, right, copy = library.story_pair(members, stories, articles)
                        return left.id, right, copy

                    now, chosen = _best(pair, args.repeat)
                    with mock.patch.object(SurelyCopies, "of", lambda self, keys: False):
                        before, chosen_before = _best(pair, args.repeat)
                    assert chosen == chosen_before, (case, chosen, chosen_before)
                    print(f"{copies:>6} {case:>7} {now * 1000:>8.1f}ms {before * 1000:>8.1f}ms  {chosen}")
            finally:
                library.close()


if __name__ == "__main__":
    main()
