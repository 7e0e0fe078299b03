"""Survey of the metadata reader gives HTML pages: date, title and outlet, against what each page
states itself.

    python bench/survey_page_metadata.py FOLDER [FOLDER...] [--show]

Every .html page under the folders is loaded as a corpus file is (reader.corpus.load_path) and
its date, title and outlet compared with the page's own statements, read here with plain
regular expressions: its publication date (article:published_time, datePublished, in a <meta>
or JSON-LD) and the date in its address (a `ground-truth.json` beside the pages may give it,
as the article-extraction-benchmark's does), either agreeing; its og:title; its og:site_name. It prints how many
pages get each field, how many of those the page states too, how many disagree (a title
or an outlet disagrees when neither holds the other, case and spacing aside), and, with --show, each
disagreement.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_META = r"<meta\b[^>]*\b(?:property|name|itemprop)\s*=\s*[\"']{}[\"'][^>]*>"
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_PUBLISHED = re.compile(_META.format(r"(?:article:published_time|datePublished)"), re.IGNORECASE)
_JSON_LD_PUBLISHED = re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']([^\"'<>]{10,40})[\"']")
_TITLE = re.compile(_META.format("og:title"), re.IGNORECASE)
_SITE = re.compile(_META.format("og:site_name"), re.IGNORECASE)


def _content(pattern: re.Pattern, page: str) -> str | None:
    tag = pattern.search(page)
    found = _CONTENT.search(tag[0]) if tag else None
    value = (found[1] if found[1] is not None else found[2]) if found else None
    return " ".join(html_lib.unescape(value).split()) or None if value else None


def stated(page: str, url: str | None) -> dict[str, str | None]:
    """What the page says of itself: date (ISO), title, outlet."""
    from reader.corpus.infer import date_from_url, parse_date

    written = _content(_PUBLISHED, page)
    if written is None and (found := _JSON_LD_PUBLISHED.search(page)):
        written = found[1]
    # both days a page states: a moment in UTC ("2019-11-20T01:50:59Z") may be of the day
    # before in the page's own zone, as its address says (/2019-11-19/)
    days = {parse_date(written) if written else None, date_from_url(url)} - {None}
    return {"date": " ".join(sorted(days)) or None, "title": _content(_TITLE, page), "outlet": _content(_SITE, page)}


def _same(field: str, ours: str, theirs: str) -> bool:
    if field == "date":
        return ours in theirs.split()
    if field == "outlet":  # "The Hill" is "TheHill", "The Detroit News" "detroitnews"
        a, b = (re.sub(r"[\W_]", "", v.casefold()) for v in (ours, theirs))
    else:
        a, b = (" ".join(v.casefold().split()) for v in (ours, theirs))
    return a in b or b in a


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    from reader.corpus import load_path

    pages = sorted(p for folder in args.folders for p in folder.rglob("*.htm*"))
    urls: dict[str, str] = {}
    for folder in args.folders:
        truth = folder / "ground-truth.json"
        if truth.exists():
            urls.update({key: value.get("url") for key, value in json.loads(truth.read_text(encoding="utf-8")).items()})
    fields = ("date", "title", "outlet")
    got = dict.fromkeys(fields, 0)
    both = dict.fromkeys(fields, 0)
    wrong: dict[str, list[str]] = {field: [] for field in fields}
    inferred_dates = 0
    for path in pages:
        result = load_path(path)
        if not result.articles:
            print(f"skipped {path.name}: {result.skipped[0].reason if result.skipped else '?'}")
            continue
        article = result.articles[0]
        own = stated(path.read_text(encoding="utf-8", errors="replace"), urls.get(path.stem) or article.url)
        inferred_dates += "date" in article.inferred
        for field in fields:
            ours = getattr(article, field)
            got[field] += ours is not None
            if ours is not None and own[field] is not None:
                both[field] += 1
                if not _same(field, ours, own[field]):
                    wrong[field].append(f"{path.name[:16]}: {ours!r} / the page: {own[field]!r}")
    print(f"{len(pages)} pages")
    for field in fields:
        print(
            f"{field:7} given to {got[field]:3}; the page states it too: {both[field]:3}; disagree: {len(wrong[field])}"
        )
    print(f"dates marked inferred: {inferred_dates}")
    if args.show:
        for field in fields:
            for line in wrong[field]:
                print(f"  {field}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
