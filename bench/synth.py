"""Synthetic news corpus: deterministic by seed, realistic lengths, vocabulary, outlets and dates.

    python bench/synth.py OUT_DIR --count 10000 [--seed 7]

Writes Markdown files with YAML front matter (title, outlet, date, url) in one folder per outlet.
Word frequencies follow a Zipf law over English function words plus pseudo-words (so stemming,
stop words and rare terms all occur); article lengths are log-normal around ~600 words (150-2,500);
bodies have paragraphs, quotations with attributions ("...," said Name Surname) and names.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import random
from pathlib import Path

FUNCTION_WORDS = (
    "the of and to a in that is was for on it with as he said by at from his be have has an are "
    "but not they this were who had been their its or will would after which more one also about "
    "than when new two up into over last out there could year other some people all we she if her "
    "government officials president state told week police percent told before new first because "
    "million since while during under against city country public former report minister party"
).split()
SUFFIXES = ["", "", "", "s", "ed", "ing", "er", "ly", "ation", "ness", "ment", "al", "ies", "ive"]
SYLLABLES = [a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]
OUTLET_BASE = [
    "Herald",
    "Tribune",
    "Post",
    "Times",
    "Journal",
    "Gazette",
    "Chronicle",
    "Observer",
    "Courier",
    "Dispatch",
    "Standard",
    "Ledger",
    "Monitor",
    "Express",
    "Wire",
]
CITIES = [
    "Northfield",
    "Riverton",
    "Lakeside",
    "Eastport",
    "Westbrook",
    "Hillcrest",
    "Bayview",
    "Fairmont",
    "Greenville",
    "Oakridge",
    "Summit",
    "Kingsbury",
    "Ashford",
    "Milton",
]
FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Victor",
]
VERBS = ["said", "told reporters", "said in a statement", "added", "wrote", "warned", "argued"]


class Vocabulary:
    def __init__(self, rng: random.Random, size: int = 60_000, zipf: float = 1.07):
        words = set()
        while len(words) < size:
            n = rng.choice((1, 2, 2, 3, 3, 3, 4))
            stem = "".join(rng.choice(SYLLABLES) for _ in range(n))
            words.add(stem + rng.choice(SUFFIXES))
        content = sorted(words)
        rng.shuffle(content)
        self.words = list(FUNCTION_WORDS) + content
        weights = [1.0 / (rank + 1) ** zipf for rank in range(len(self.words))]
        # Function words are more common than their Zipf rank alone says.
        for i in range(len(FUNCTION_WORDS)):
            weights[i] *= 1.5
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]
        self.surnames = [w.capitalize() for w in content[-3000:] if len(w) > 4][:800]

    def word(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_left(self.cumulative, rng.random() * self.total)]

    def words_(self, rng: random.Random, n: int) -> list[str]:
        return [self.word(rng) for _ in range(n)]


def _sentence(rng: random.Random, vocab: Vocabulary, names: list[str]) -> str:
    words = vocab.words_(rng, max(5, int(rng.gauss(20, 7))))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), rng.choice(CITIES))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", ".", "?", ";"))


def _article(rng: random.Random, vocab: Vocabulary, n_words: int) -> tuple[str, str]:
    names = [f"{rng.choice(FIRST)} {rng.choice(vocab.surnames)}" for _ in range(3)]
    paragraphs, count = [], 0
    while count < n_words:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.15:
                quote = _sentence(rng, vocab, names).rstrip(".?;")
                speaker = rng.choice(names)
                sentences.append(f"\u201c{quote},\u201d {speaker} {rng.choice(VERBS)}.")
            else:
                sentences.append(_sentence(rng, vocab, names))
        paragraph = " ".join(sentences)
        count += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    title_words = vocab.words_(rng, rng.randint(6, 12))
    title = " ".join(w.capitalize() if i == 0 or rng.random() < 0.4 else w for i, w in enumerate(title_words))
    return title, "\n\n".join(paragraphs)


def generate(out: Path, count: int, seed: int = 7, days: int = 3650) -> list[Path]:
    """`count` articles dated over `days` days from 2015-01-01 (ten years by default; a few days
    make a date-dense corpus, where every update's date window holds most of it)."""
    rng = random.Random(seed)
    vocab = Vocabulary(random.Random(seed + 1))
    outlets = [f"The {city} {base}" for city, base in zip(CITIES * 3, OUTLET_BASE * 3)][:40]
    paths = []
    for i in range(count):
        outlet = outlets[min(int(rng.paretovariate(1.2)) - 1, len(outlets) - 1)]
        day = rng.randrange(0, days)
        year, rest = 2015 + day // 365, day % 365
        date = f"{year}-{rest // 31 + 1:02d}-{rest % 28 + 1:02d}"
        n_words = int(min(2500, max(150, rng.lognormvariate(math.log(550), 0.45))))
        title, body = _article(rng, vocab, n_words)
        slug = outlet.lower().replace(" ", "-")
        folder = out / slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{date}-{i:06d}.md"
        url = f"https://{slug}.example/{date.replace('-', '/')}/{i}"
        safe_title = title.replace("'", "''")
        path.write_text(
            f"---\ntitle: '{safe_title}'\noutlet: {outlet}\ndate: '{date}'\nurl: {url}\n---\n\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def queries(count: int = 300, seed: int = 11) -> list[str]:
    """Varied queries over the same vocabulary: terms, AND, OR, phrases, fields."""
    rng = random.Random(seed)
    vocab = Vocabulary(random.Random(7 + 1))
    content = vocab.words[len(FUNCTION_WORDS) :]

    def term():
        # Mostly mid-frequency words, some very common, some rare.
        r = rng.random()
        if r < 0.2:
            return content[rng.randrange(0, 200)]
        if r < 0.85:
            return content[rng.randrange(200, 5000)]
        return content[rng.randrange(5000, 40000)]

    out = []
    for i in range(count):
        kind = i % 6
        if kind in (0, 1):
            out.append(term())
        elif kind == 2:
            out.append(f"{term()} {term()}")
        elif kind == 3:
            out.append(f"{term()} AND {term()}")
        elif kind == 4:
            sentence = _sentence(rng, vocab, ["Anna Smith"]).rstrip(".?;").lower().split()
            j = rng.randrange(max(1, len(sentence) - 2))
            out.append('"' + " ".join(sentence[j : j + 2]) + '"')
        else:
            out.append(f"{term()} OR {term()}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days", type=int, default=3650, help="the dates' spread, in days from 2015-01-01")
    args = ap.parse_args()
    paths = generate(args.out, args.count, args.seed, args.days)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()


def parse_file(path: Path) -> dict:
    """The fields of a generated file (front matter split by hand: the generator's own format)."""
    raw = Path(path).read_text(encoding="utf-8")
    _, head, body = raw.split("---\n", 2)
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        value = value.strip()
        if value.startswith("'") and value.endswith("'"):
            value = value[1:-1].replace("''", "'")
        meta[key] = value
    return {
        "title": meta.get("title"),
        "outlet": meta.get("outlet"),
        "date": meta.get("date"),
        "url": meta.get("url"),
        "text": body.strip(),
    }


def load_simple(path, root):
    """A minimal loader with reader.corpus.load_file's signature, for engine-only benchmarks
    (the same parsing cost for our index, plain Whoosh and FTS5)."""
    from reader.corpus.model import Article, LoadResult

    path, root = Path(path), Path(root)
    fields = parse_file(path)
    rel = path.relative_to(root).with_suffix("").as_posix()
    return LoadResult(articles=[Article(id=rel, path=path, **fields)])
