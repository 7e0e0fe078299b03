"""A large corpus made from real articles: the dev corpora's texts told again and again.

    python bench/synth_real.py CORPORA_DIR OUT_DIR [--articles 20000] [--jsonl-mb 200] [--html 5000] [--seed 7]

CORPORA_DIR holds `basil-dev/` (Markdown with front matter), `polnear-dev/text/` (plain text) and
`aeb-dev/html/` (pages); any of them may be missing, one is enough. OUT_DIR gets (all deterministic
by seed):

  articles/OUTLET/YYYY/slug.md   --articles Markdown files with front matter: a real body whose
                                  paragraphs are shuffled a little and cut, a varied title, one of 40
                                  outlets, a date over six years; articles come in stories of 1-6
                                  outlets telling the same body within a few days (so story grouping
                                  has real work)
  big.jsonl                      one JSON Lines file of about --jsonl-mb MB (news-please fields)
  pages/NNNN.html                --html pages: a real page with its title and some words changed

Nothing here is labelled: it is for time and memory, not for scores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

OUTLETS = [
    f"{town} {kind}"
    for town in ("Northfield", "Bay City", "Riverton", "Lakeside", "Granite", "Summit", "Harbor", "Oakdale")
    for kind in ("Herald", "Tribune", "Post", "Times", "Courier")
]
TITLE_OPENERS = ["", "", "Analysis: ", "Live: ", "Exclusive: ", "Update: ", "Opinion: ", "Explainer: "]
TITLE_TAILS = ["", "", "", " - report", ", officials say", " as talks go on", " amid criticism", " (updated)"]


def read_bodies(corpora: Path) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every usable text article in the dev corpora."""
    bodies = []
    for path in sorted((corpora / "basil-dev").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        title = re.search(r"^title: (.*)$", head, re.M)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        if paragraphs:
            bodies.append(((title.group(1).strip("'\"") if title else paragraphs[0]), paragraphs[1:] or paragraphs))
    for path in sorted((corpora / "polnear-dev" / "text").glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(paragraphs) > 1:
            bodies.append((paragraphs[0], paragraphs[1:]))
    truth = corpora / "aeb-dev" / "ground-truth.json"
    if truth.is_file():
        for entry in json.loads(truth.read_text(encoding="utf-8")).values():
            paragraphs = [p.strip() for p in entry.get("articleBody", "").split("\n") if p.strip()]
            if len(paragraphs) > 2:
                bodies.append((paragraphs[0][:90], paragraphs))
    return bodies


def varied_title(rng: random.Random, title: str, n: int) -> str:
    words = title.split()
    if len(words) > 4 and rng.random() < 0.5:
        words = words[: rng.randint(4, len(words))]
    return f"{rng.choice(TITLE_OPENERS)}{' '.join(words)}{rng.choice(TITLE_TAILS)}" + (f" ({n})" if n % 7 == 0 else "")


def varied_body(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The same story told by another outlet: most paragraphs, a few swapped, some left out."""
    kept = [p for p in paragraphs if rng.random() < 0.85] or paragraphs[:1]
    for _ in range(len(kept) // 4):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    return kept


def yaml_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_articles(rng: random.Random, bodies: list, out: Path, count: int, days: int = 6 * 365) -> None:
    """`count` articles in stories of 1-6 outlets, their dates over `days` days from 2019-01-01."""
    start = date(2019, 1, 1)
    n = 0
    while n < count:
        title, paragraphs = rng.choice(bodies)
        day = start + timedelta(days=rng.randrange(days))
        for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 2, 3, 3, 4, 6))):
            if n >= count:
                break
            when = day + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:40].strip("-") or "article"
            folder = out / re.sub(r"\W+", "-", outlet.lower()) / str(when.year)
            folder.mkdir(parents=True, exist_ok=True)
            head = varied_title(rng, title, n)
            text = "\n\n".join(varied_body(rng, paragraphs))
            (folder / f"{when:%m-%d}-{slug}-{n}.md").write_text(
                f"---\ntitle: {yaml_text(head)}\noutlet: {outlet}\ndate: '{when.isoformat()}'\n"
                f"url: https://{re.sub(r'[^a-z]', '', outlet.lower())}.example/{when:%Y/%m/%d}/{slug}-{n}\n"
                f"---\n\n{text}\n",
                encoding="utf-8",
            )
            n += 1


def write_jsonl(rng: random.Random, bodies: list, path: Path, megabytes: int) -> int:
    limit, written, n = megabytes * 1_000_000, 0, 0
    start = date(2019, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        while written < limit:
            title, paragraphs = rng.choice(bodies)
            when = start + timedelta(days=rng.randrange(6 * 365))
            outlet = rng.choice(OUTLETS)
            line = json.dumps(
                {
                    "title": varied_title(rng, title, n),
                    "maintext": "\n\n".join(varied_body(rng, paragraphs)),
                    "date_publish": f"{when.isoformat()} 08:00:00",
                    "source_domain": re.sub(r"[^a-z]", "", outlet.lower()) + ".example",
                    "url": f"https://{re.sub(r'[^a-z]', '', outlet.lower())}.example/jsonl/{n}",
                    "authors": [f"Reporter {n % 97}"],
                },
                ensure_ascii=False,
            )
            out.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            n += 1
    return n


def write_pages(rng: random.Random, corpora: Path, out: Path, count: int) -> None:
    pages = sorted((corpora / "aeb-dev" / "html").glob("*.html"))
    if not pages:
        return
    out.mkdir(parents=True, exist_ok=True)
    sources = [p.read_bytes() for p in pages]
    for n in range(count):
        page = rng.choice(sources).replace(b"<title>", f"<title>Page {n}: ".encode(), 1)
        (out / f"{n:05d}.html").write_bytes(page)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--jsonl-mb", type=int, default=200)
    ap.add_argument("--html", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    bodies = read_bodies(args.corpora)
    if not bodies:
        raise SystemExit(f"no articles found under {args.corpora}")
    if args.articles:
        write_articles(rng, bodies, args.out / "articles", args.articles)
        print(f"{args.articles} articles in {args.out / 'articles'}")
    if args.jsonl_mb:
        (args.out / "jsonl").mkdir(parents=True, exist_ok=True)
        lines = write_jsonl(rng, bodies, args.out / "jsonl" / "big.jsonl", args.jsonl_mb)
        print(f"{lines} lines in {args.out / 'jsonl' / 'big.jsonl'}")
    if args.html:
        write_pages(rng, args.corpora, args.out / "pages", args.html)
        print(f"{args.html} pages in {args.out / 'pages'}")


if __name__ == "__main__":
    main()
