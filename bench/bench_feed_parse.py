"""How long a big feed takes to parse: a realistic RSS feed of about 3 MB (500 entries of full
article HTML in content:encoded, links, images, a script each), written to a temporary folder.
Never touches the internet.

    python bench/bench_feed_parse.py [--megabytes 3] [--rounds 5]

Times, in one run (rounds interleaved, the median of each printed, so a loaded machine weighs
on both alike):
  - feedparser.parse as feedparser's defaults have it (its HTML sanitizer and the resolving of
    the links inside each entry's HTML on), and as reader calls it (both off);
  - parse_feed, all of reader's reading of it, "before": with feedparser's defaults and the feed
    footer patterns tried on every entry; and as it is now.
Then checks that both readings give the same entries.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "minister council budget summit harbour election river market court village border energy school "
    "railway museum festival treaty storm factory hospital said would could the of and to in a that for on with"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def big_feed(megabytes: float, seed: int = 7) -> bytes:
    """An RSS 2.0 feed of about `megabytes`, as a news site's full-text feed is made."""
    rng = random.Random(seed)
    target, size, items = int(megabytes * 1_000_000), 0, []
    while size < target:
        n = len(items)
        paragraphs = "".join(
            f"<p>{' '.join(_sentence(rng, rng.randint(8, 25)) for _ in range(rng.randint(3, 6)))} "
            f'<a href="/tag/{rng.choice(WORDS)}">{rng.choice(WORDS)}</a> &amp; <em>{rng.choice(WORDS)}</em></p>'
            for _ in range(rng.randint(6, 14))
        )
        body = (
            f'{paragraphs}<figure><img src="/img/{n}.jpg" alt="x"><figcaption>{_sentence(rng, 8)}</figcaption>'
            f"</figure><script>track({n})</script>"
        )
        item = (
            f"<item><title>{_sentence(rng, 9)}</title><link>https://news.example/{n}</link>"
            f'<guid isPermaLink="false">id-{n}</guid><pubDate>Tue, 21 Oct 2025 10:{n % 60:02d}:00 GMT</pubDate>'
            f"<dc:creator>Jane Doe</dc:creator><category>{rng.choice(WORDS)}</category>"
            f"<description><![CDATA[{_sentence(rng, 30)}]]></description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n"
        )
        items.append(item)
        size += len(item)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Example News</title><link>https://news.example/</link><description>All the news</description>\n"
    )
    return (head + "".join(items) + "</channel></rss>\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import feedparser

    from reader.corpus import formats

    folder = Path(tempfile.mkdtemp(prefix="bench-feed-parse-"))
    try:
        path = folder / "feed.xml"
        path.write_bytes(big_feed(args.megabytes))
        data = path.read_bytes()
    finally:
        shutil.rmtree(folder)  # the bytes are all it is needed for
    print(f"feed: {len(data):,} bytes, {data.count(b'<item>')} entries")

    plain_parse = feedparser.parse
    footer_now = formats.without_feed_footer

    def footer_before(fragment: str) -> str:
        if "</a>" not in fragment[-1200:]:
            return fragment
        cut = max(0, len(fragment) - 4000)
        return fragment[:cut] + formats._READ_MORE_LINK.sub("", formats._FEED_FOOTER.sub("", fragment[cut:]))

    def with_defaults(body, **kwargs):
        kwargs.pop("sanitize_html", None)
        kwargs.pop("resolve_relative_uris", None)
        return plain_parse(body, **kwargs)

    def read(before: bool):
        feedparser.parse = with_defaults if before else plain_parse
        formats.without_feed_footer = footer_before if before else footer_now
        try:
            return formats.parse_feed(
                data, stamps=True, base="https://news.example/rss", content_type="application/rss+xml"
            )
        finally:
            feedparser.parse, formats.without_feed_footer = plain_parse, footer_now

    runs = {
        "feedparser.parse, its defaults": lambda: plain_parse(data),
        "feedparser.parse, no sanitizing or link resolving": lambda: plain_parse(
            data, sanitize_html=False, resolve_relative_uris=False
        ),
        "parse_feed before": lambda: read(before=True),
        "parse_feed now": lambda: read(before=False),
    }
    read(before=False)  # imports and caches warm
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _round in range(args.rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    for name, seconds in times.items():
        print(f"{name:52} median {statistics.median(seconds):5.2f} s  (min {min(seconds):.2f})")
    same = read(before=True) == read(before=False)
    print(f"the same entries either way: {same}")


if __name__ == "__main__":
    main()
