"""What looking for a story's partner past its first 12 articles costs (reader.analysis.versions).

    python bench/bench_copy_checks.py [--reprints 12,50,200] [--sentences 30] [--repeat 3]

A corpus of one wire story: REPRINTS outlets print the wire text word for word, one more tells
the story in its own words (a third of its sentences). `c` on the wire article (Library.partner)
passes over the copies up to the first article that is not one, reading each copy once. Printed
per size: the CPU time (time.process_time, the best of --repeat: a shared machine stretches the
wall time) with the own version last (every reprint read: the cost of looking past the first 12)
and, in the same run, with it first (one article read: the baseline); and the same two for
`reader compare STORY`'s pair (Library.story_comparison). And with no own version at all (own
"none": every article a copy): the story's pair tries every article as its left side, each text
once (versions.pick_pair), where it tried the first 12 only. The index is built once per corpus and
not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.library import Library  # noqa: E402


def _wire(sentences: int) -> str:
    return " ".join(
        f"Sentence {n} of the wire story tells what happened at the summit today." for n in range(sentences)
    )


def _own(sentences: int) -> str:
    """The wire story with every third sentence its own (two thirds the same: no copy)."""
    return " ".join(
        f"Our reporter saw event {n} at the summit and wrote it down."
        if n % 3 == 0
        else f"Sentence {n} of the wire story tells what happened at the summit today."
        for n in range(sentences)
    )


def _corpus(folder: Path, reprints: int, sentences: int, own: str) -> None:
    folder.mkdir(parents=True)
    texts = {f"b{n:04d}-reprint": (f"Paper {n}", _wire(sentences)) for n in range(reprints)}
    texts = {"a-wire": ("Agency", _wire(sentences)), **texts}
    if own != "none":
        texts[{"first": "a0000-own", "last": "z9999-own"}[own]] = ("Own", _own(sentences))
    for name, (outlet, text) in texts.items():
        (folder / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: {outlet}\ndate: 2025-10-21\nstory: wire\n---\n\n{text}\n", encoding="utf-8"
        )


def _best(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reprints", default="12,50,200")
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'reprints':>8} {'own':>6} {'partner':>10} {'story pair':>11}  chosen")
    for reprints in (int(n) for n in args.reprints.split(",")):
        for own in ("first", "last", "none"):
            with tempfile.TemporaryDirectory() as tmp:
                corpus = Path(tmp) / "news"
                _corpus(corpus, reprints, args.sentences, own)
                library = Library([corpus], Path(tmp) / "index")
                try:
                    story = next(s for s in library.stories() if "a-wire" in s.articles)
                    assert len(story.articles) == reprints + 1 + (own != "none"), "an article is in another story"
                    wire = library.article("a-wire")
                    chosen = library.partner(wire)
                    partner = _best(lambda: library.partner(wire), args.repeat)
                    pair = _best(lambda: library.story_comparison(story.id), args.repeat)
                finally:
                    library.close()
            print(f"{reprints:>8} {own:>6} {partner * 1000:>8.1f}ms {pair * 1000:>9.1f}ms  {chosen}")


if __name__ == "__main__":
    main()
