"""Small corpora for the index tests, built in tmp_path (no development corpora needed)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "reuters/budget-vote": (
        "Senate passes budget after long night",
        "Reuters",
        "2025-10-02",
        'The Senate passed the budget on Thursday. "This is a good day for '
        'taxpayers," said Maria Lopez, the committee chair. Inflation worries '
        "remained as lawmakers argued over spending.",
    ),
    "ap/budget-vote": (
        "Budget bill clears Senate",
        "Associated Press",
        "2025-10-03",
        "Lawmakers approved the spending plan late on Thursday night. Critics said "
        'inflation would rise. "We will fight on," said Tom Brown of the opposition.',
    ),
    "reuters/storm": (
        "Storm hits coastal towns",
        "Reuters",
        "2025-09-15",
        "A powerful storm flooded coastal towns on Monday, cutting power to thousands. "
        "Emergency crews worked through the night.",
    ),
    "bbc/football": (
        "Cup final ends in draw",
        "BBC",
        "2025-11-20",
        "The cup final ended in a goalless draw after extra time. Fans of both clubs sang through the rain.",
    ),
    "ap/inflation": (
        "Inflation slows for third month",
        "Associated Press",
        "2025-10-20",
        "Inflation slowed again in October, the statistics office said. Prices of "
        "food and energy fell while rents kept rising.",
    ),
}


def write_article(root: Path, rel: str, title: str, outlet: str, date: str, body: str) -> Path:
    path = root / f"{rel}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: '{title}'\noutlet: {outlet}\ndate: '{date}'\n---\n\n{body}\n", encoding="utf-8")
    return path


def make_corpus(root: Path, articles: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, (title, outlet, date, body) in (articles or ARTICLES).items():
        write_article(root, rel, title, outlet, date, body)
    return root
