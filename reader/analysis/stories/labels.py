"""Step 6: a story's label: the headline of its most central member, else shared names."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Mapping

from reader.analysis.stories.features import _folded
from reader.analysis.stories.stats import _Features
from reader.wording import clipped

# A lead paragraph made into a label is cut to this; a headline or names are kept whole (JSON and
# CSV give scripts the whole label; the screens cut it to their room: wording.SHOWN_LABEL_CELLS).
_LEAD_LABEL_MAX = 70


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _label(f: _Features, member: list[int], sims: Mapping[tuple[int, int], float]) -> str:
    """The headline of the story's most central article; shared names when there are no titles."""
    titled = [i for i in member if f.titles[i].strip()]
    if titled:

        def centrality(i: int) -> tuple[float, int]:
            total = sum(sims.get((min(i, j), max(i, j)), 0.0) for j in member if j != i)
            return (-total, i)

        return _one_line(f.titles[min(titled, key=centrality)])
    names = _shared_names(f, member)
    if names:
        return _one_line(", ".join(names))
    for i in member:
        lead = f.records[i].get("lead") if f.records else None
        if isinstance(lead, str) and lead.strip():
            return clipped(_one_line(lead), _LEAD_LABEL_MAX)
    return f.ids[member[0]]


def _shared_names(f: _Features, member: list[int]) -> list[str]:
    """Up to three name phrases found in most members, most distinctive first, as written."""
    need = 1 if len(member) == 1 else max(2, math.ceil(len(member) / 2))
    doc_count: Counter[str] = Counter()
    total: Counter[str] = Counter()
    written: dict[str, Counter] = defaultdict(Counter)
    for i in member:
        found = f.records[i].get("names") or {}
        names = _folded(found)
        doc_count.update(names.keys())
        total.update(names)
        for phrase, count in found.items():
            written[phrase.casefold()][phrase] += count
    model = f.name_model
    scored = sorted(
        (-(count * (model.idf(name) if model is not None else 1.0) * (1 + math.log(total[name]))), name)
        for name, count in doc_count.items()
        if count >= need
    )
    chosen: list[str] = []
    for _, name in scored:
        words = set(name.split())
        if any(words <= set(c.split()) for c in chosen):
            continue  # "cheney" when "liz cheney" is already there
        shorter = [k for k, c in enumerate(chosen) if set(c.split()) < words]
        if shorter:  # "jane holloway" takes the place of "holloway"
            chosen[shorter[0]] = name
            chosen = [c for k, c in enumerate(chosen) if k not in shorter[1:]]
        elif len(chosen) < 3:
            chosen.append(name)
    return [_written_form(written.get(c), c) for c in chosen]


def _written_form(forms: Counter | None, fallback: str) -> str:
    if not forms:
        return fallback
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
