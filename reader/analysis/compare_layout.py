"""The row layout of the compare screen, as plain data (no Textual, no rich: testable alone).

A comparison (the dict of `Comparison.to_dict()`) pairs sentences many-to-many. A side-by-side view
needs rows in reading order on both sides, so the layout is built like a side-by-side diff:

1. Anchors: the monotone chain of pairs (strictly increasing on both sides) with the highest total
   score (a weighted longest-increasing-subsequence over the pairs, O(P log P)).
2. Many-to-many: a paired sentence next to an anchor row, paired with a sentence of that row, joins
   the row (one long sentence on the left aligned with two short ones on the right), repeatedly.
3. Gaps: the sentences between two anchor rows form a hunk shown side by side, the shorter side padded.
   Each is marked "only" (no partner at all), "possible" (a close partner below the link
   threshold), "moved" (its partner sits in another row, out of order) or "skipped" (not a
   sentence: caption, embed, dateline). Aligned rows whose links are all weak are "weak".

Offsets in marks (shared quotes, figures) refer to each side's `text` (the article's clean text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALIGNED = "aligned"
GAP = "gap"
ONLY = "only"
MOVED = "moved"
WEAK = "weak"  # aligned, but the link has little to spare
POSSIBLE = "possible"  # no link; a close partner below the threshold ("possibly told in ...")
SKIPPED = "skipped"  # a caption, embed, lone dateline or punctuation: shown, not compared

# The gutter mark of each status, and what it means (the help screen and README show this).
GUTTER = {ONLY: "+ ", POSSIBLE: "? ", MOVED: "~ ", WEAK: "≈ ", SKIPPED: "· ", ALIGNED: "", "": ""}
LEGEND = [
    ("(no mark)", "told by both outlets: the sentences side by side report the same fact"),
    ("≈", "a weak link: probably the same fact, with little to spare"),
    ("~", "told elsewhere: its counterpart sits in another row, out of order"),
    ("?", "possibly told by the other outlet: a close sentence (named in the row's tooltip "
          "and by ]/[) fell just below the link threshold"),
    ("+", "only this outlet reports it: no sentence of the other comes near"),
    ("·", "not compared: a photo caption, embedded post, lone dateline or punctuation"),
    ("highlight", "a quotation both outlets print (numbered alike; shortened, censored or "
                  "altered ones marked apart); figures that differ; framing words"),
]

# Length-preserving: offsets from the core stay valid. The core strips controls at load time; this
# is the last line of defence for a display (a control character becomes U+FFFD, a newline a space).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_text(text: str) -> str:
    return _UNSAFE.sub(lambda m: " " if m.group() in "\n\t\r\u2028\u2029" else "\ufffd", text)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "exact" | "fragment" | "censored" | "altered" | "figure" | "framing"
    number: int = 0  # 1-based number of the shared quote / figure, the same on both sides


@dataclass
class Side:
    id: str
    outlet: str
    title: str
    text: str
    sentences: list[tuple[int, int]]
    marks: list[Mark] = field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]


@dataclass
class Row:
    kind: str  # ALIGNED | GAP
    left: list[int]
    right: list[int]
    left_status: str = ""  # ALIGNED | ONLY | MOVED | "" (empty cell)
    right_status: str = ""
    score: float | None = None
    reasons: list[str] = field(default_factory=list)  # why this row is a difference (empty: it is not)


@dataclass
class Difference:
    """Rows first..last (inclusive) differ between the outlets, for the given reasons."""

    first: int
    last: int
    reasons: list[str] = field(default_factory=list)


@dataclass
class CompareModel:
    data: dict
    left: Side
    right: Side
    rows: list[Row]
    name_variants: list[tuple[str, str]]
    figures: list[tuple[str, str]]
    quote_counts: dict[str, int]
    differences: list[Difference]
    figure_kinds: list[str] = field(default_factory=list)  # what each figure counts ("money")
    framing: list[str] = field(default_factory=list)  # one line per framing flag
    # What each headline stresses (runs of words the other lacks), left and right
    headline: tuple[list[str], list[str]] | None = None

    @property
    def aligned_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == ALIGNED)

    @property
    def only_left(self) -> int:
        return sum(1 for row in self.rows if row.left_status == ONLY)

    @property
    def only_right(self) -> int:
        return sum(1 for row in self.rows if row.right_status == ONLY)

    @property
    def possible_count(self) -> int:
        return sum((row.left_status == POSSIBLE) + (row.right_status == POSSIBLE) for row in self.rows)

    def swapped(self) -> "CompareModel":
        return build_model(mirror(self.data), self.right.text, self.left.text)


# -- input handling ------------------------------------------------------------------------------


def _str(value) -> str:
    return "" if value is None else str(value)


def _int(value, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def mirror(data: dict) -> dict:
    """The same comparison with the sides exchanged."""

    def flip(item):
        """Exchange every left*/right* key pair ("left"/"right", "left_name"/"right_name"...)."""
        if not isinstance(item, dict):
            return item
        out = dict(item)
        for key in item:
            if key.startswith("left"):
                other = "right" + key[4:]
                out[key], out[other] = item.get(other), item[key]
        return out

    out = dict(data)
    out["left"], out["right"] = data.get("right", {}), data.get("left", {})
    out["pairs"] = [flip(p) for p in data.get("pairs") or []]
    out["only_left"], out["only_right"] = data.get("only_right") or [], data.get("only_left") or []
    for key in ("possibly", "skipped"):
        if f"{key}_left" in data or f"{key}_right" in data:
            out[f"{key}_left"], out[f"{key}_right"] = data.get(f"{key}_right") or [], data.get(f"{key}_left") or []
    for key in ("shared_quotes", "name_variants", "figures"):
        out[key] = [flip(item) for item in data.get(key) or []]
    if "framing" in data:
        out["framing"] = [flip(item) for item in data.get("framing") or []]
    if isinstance(data.get("headline"), dict):
        out["headline"] = flip(data["headline"])
    return out


def _side(info: dict, text: str | None) -> Side:
    info = info if isinstance(info, dict) else {}
    raw = [s for s in info.get("sentences") or [] if isinstance(s, dict)]
    source = display_text(text) if isinstance(text, str) else None
    offsets_ok = source is not None and all(
        0 <= _int(s.get("start")) <= _int(s.get("end")) <= len(source)
        and source[_int(s.get("start")) : _int(s.get("end"))].split()
        == display_text(_str(s.get("text"))).split()
        for s in raw
    )
    if offsets_ok:
        sentences = [(_int(s["start"]), _int(s["end"])) for s in raw]
    else:
        # The offsets do not fit the text we have: show the sentences' own text, joined.
        parts, sentences, pos = [], [], 0
        for s in raw:
            piece = display_text(_str(s.get("text")))
            sentences.append((pos, pos + len(piece)))
            parts.append(piece)
            pos += len(piece) + 1
        source = " ".join(parts)
    return Side(
        id=_str(info.get("id")),
        outlet=_str(info.get("outlet")) or "unknown outlet",
        title=_str(info.get("title")),
        text=source,
        sentences=sentences,
    )


def _mark(side: Side, span, kind: str, number: int) -> Mark | None:
    if not isinstance(span, dict):
        return None
    start, end = _int(span.get("start")), _int(span.get("end"))
    wanted = display_text(_str(span.get("text")))
    if 0 <= start < end <= len(side.text) and (
        not wanted or side.text[start:end].split() == wanted.split()
    ):
        return Mark(start, end, kind, number)
    if wanted:  # offsets refer to another text (fallback layout): find the words instead
        found = side.text.find(wanted)
        if found >= 0:
            return Mark(found, found + len(wanted), kind, number)
    return None


# -- the alignment --------------------------------------------------------------------------------


def _anchor_chain(pairs: list[tuple[int, int, float]], m: int) -> list[tuple[int, int, float]]:
    """The strictly increasing chain of pairs with the highest total score (Fenwick tree, prefix max)."""
    if not pairs:
        return []
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    tree_val = [0.0] * (m + 1)
    tree_arg = [-1] * (m + 1)
    best = [0.0] * len(pairs)
    back = [-1] * len(pairs)
    for k in order:
        i, j, score = pairs[k]
        # best chain ending at a right index < j
        pos, value, arg = j, 0.0, -1  # query prefix [0, j-1] -> fenwick indices 1..j
        while pos > 0:
            if tree_val[pos] > value:
                value, arg = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        best[k] = value + max(score, 1e-6)
        back[k] = arg
        pos = j + 1
        while pos <= m:
            if best[k] > tree_val[pos]:
                tree_val[pos], tree_arg[pos] = best[k], k
            pos += pos & -pos
    k = max(range(len(pairs)), key=lambda x: best[x])
    chain = []
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain


def build_model(data: dict, left_text: str | None, right_text: str | None) -> CompareModel:
    """Rows, marks and differences for a comparison dict and the two articles' clean texts."""
    data = data if isinstance(data, dict) else {}
    left = _side(data.get("left"), left_text)
    right = _side(data.get("right"), right_text)
    n, m = len(left.sentences), len(right.sentences)

    pairs: list[tuple[int, int, float]] = []
    strong: set[tuple[int, int]] = set()
    for p in data.get("pairs") or []:
        if not isinstance(p, dict):
            continue
        i, j = _int(p.get("left")), _int(p.get("right"))
        if 0 <= i < n and 0 <= j < m:
            try:
                score = float(p.get("score") or 0.0)
            except (TypeError, ValueError):
                score = 0.0
            pairs.append((i, j, score))
            if p.get("weak") is not True:
                strong.add((i, j))
    possible_l = _graded(data.get("possibly_left"), n, m)
    possible_r = _graded(data.get("possibly_right"), m, n)
    skipped_l = _skipped(data.get("skipped_left"), n)
    skipped_r = _skipped(data.get("skipped_right"), m)
    partners_l: dict[int, set[int]] = {}
    partners_r: dict[int, set[int]] = {}
    scores: dict[tuple[int, int], float] = {}
    for i, j, score in pairs:
        partners_l.setdefault(i, set()).add(j)
        partners_r.setdefault(j, set()).add(i)
        scores[(i, j)] = max(score, scores.get((i, j), 0.0))

    chain = _anchor_chain(pairs, m)
    row_of_l: dict[int, int] = {}
    row_of_r: dict[int, int] = {}
    anchors: list[Row] = []
    for i, j, score in chain:
        if i in row_of_l or j in row_of_r:
            continue
        row_of_l[i] = row_of_r[j] = len(anchors)
        anchors.append(Row(ALIGNED, [i], [j], ALIGNED, ALIGNED, score))

    # Many-to-many: grow each anchor row with adjacent sentences paired into it.
    changed = True
    while changed:
        changed = False
        for r, row in enumerate(anchors):
            for side_rows, partners, mine, other, limit in (
                (row_of_l, partners_l, row.left, row.right, n),
                (row_of_r, partners_r, row.right, row.left, m),
            ):
                for candidate in (min(mine) - 1, max(mine) + 1):
                    if 0 <= candidate < limit and candidate not in side_rows:
                        if partners.get(candidate, set()) & set(other):
                            side_rows[candidate] = r
                            mine.append(candidate)
                            mine.sort()
                            changed = True
    for row in anchors:
        row.score = max(
            (scores.get((i, j), 0.0) for i in row.left for j in row.right if (i, j) in scores),
            default=row.score,
        )
        if not any((i, j) in strong for i in row.left for j in row.right):
            row.left_status = row.right_status = WEAK

    def status(index: int, partners: dict[int, set[int]], possible: dict, skipped: set) -> str:
        if partners.get(index):
            return MOVED
        if index in skipped:
            return SKIPPED
        return POSSIBLE if index in possible else ONLY

    rows: list[Row] = []
    li = ri = 0
    for anchor in anchors + [None]:
        stop_l = min(anchor.left) if anchor else n
        stop_r = min(anchor.right) if anchor else m
        gap_l = [i for i in range(li, stop_l) if i not in row_of_l]
        gap_r = [j for j in range(ri, stop_r) if j not in row_of_r]
        for k in range(max(len(gap_l), len(gap_r))):
            row = Row(GAP, [], [])
            if k < len(gap_l):
                row.left = [gap_l[k]]
                row.left_status = status(gap_l[k], partners_l, possible_l, skipped_l)
            if k < len(gap_r):
                row.right = [gap_r[k]]
                row.right_status = status(gap_r[k], partners_r, possible_r, skipped_r)
            rows.append(row)
        if anchor is not None:
            rows.append(anchor)
            li, ri = max(anchor.left) + 1, max(anchor.right) + 1

    # Marks: shared quotes (numbered alike on both sides) and differing figures.
    quote_counts = {"exact": 0, "fragment": 0, "censored": 0, "altered": 0}
    for number, quote in enumerate(data.get("shared_quotes") or [], start=1):
        if not isinstance(quote, dict):
            continue
        kind = _str(quote.get("match")) or "exact"
        kind = kind if kind in quote_counts else "altered"
        quote_counts[kind] += 1
        for side, key in ((left, "left"), (right, "right")):
            mark = _mark(side, quote.get(key), kind, number)
            if mark:
                side.marks.append(mark)
    figures: list[tuple[str, str]] = []
    figure_kinds: list[str] = []
    for number, figure in enumerate(data.get("figures") or [], start=1):
        if not isinstance(figure, dict):
            continue
        figure_kinds.append(_str(figure.get("what")))
        texts = []
        for side, key in ((left, "left"), (right, "right")):
            span = figure.get(key) if isinstance(figure.get(key), dict) else {}
            texts.append(_str(span.get("text")))
            mark = _mark(side, span, "figure", number)
            if mark:
                side.marks.append(mark)
        figures.append((texts[0], texts[1]))
    framing = _framing_marks(data.get("framing"), left, right)
    left.marks.sort(key=lambda mk: (mk.start, mk.end))
    right.marks.sort(key=lambda mk: (mk.start, mk.end))
    headline = data.get("headline") if isinstance(data.get("headline"), dict) else None
    stressed = None
    if headline is not None:
        stressed = tuple(
            [_str(w) for w in (headline.get(key) or {}).get("stressed") or []]
            if isinstance(headline.get(key), dict) else []
            for key in ("left", "right")
        )

    name_variants = [
        (_str(v.get("left_name") or v.get("left")), _str(v.get("right_name") or v.get("right")))
        for v in data.get("name_variants") or []
        if isinstance(v, dict)
    ]

    # Differences: what a reader wants to jump to. A run of gap rows (a hunk) is one difference;
    # an aligned row with an altered or shortened quote or a differing figure is one too.
    for row in rows:
        if row.kind == GAP:
            for status_, outlet, other, mine, possible in (
                (row.left_status, left.outlet, right.outlet, row.left, possible_l),
                (row.right_status, right.outlet, left.outlet, row.right, possible_r),
            ):
                if status_ == ONLY:
                    row.reasons.append(f"only in {outlet}")
                elif status_ == MOVED:
                    row.reasons.append(f"{outlet}: told elsewhere")
                elif status_ == POSSIBLE:
                    candidate = possible[mine[0]] + 1
                    row.reasons.append(f"{outlet}: possibly told by {other} (sentence {candidate})")
        kinds = _kinds_in(left, row.left) | _kinds_in(right, row.right)
        if "figure" in kinds:
            row.reasons.append("figures differ")
        if "altered" in kinds:
            row.reasons.append("quote altered")
        if "fragment" in kinds:
            row.reasons.append("quote shortened")
        if "censored" in kinds:
            row.reasons.append("quote censored")
        if "framing" in kinds:
            row.reasons.append("framed differently")
    differences: list[Difference] = []
    for r, row in enumerate(rows):
        if not row.reasons:
            continue
        previous = differences[-1] if differences else None
        if row.kind == GAP and previous and previous.last == r - 1 and rows[r - 1].kind == GAP:
            previous.last = r
        else:
            differences.append(Difference(r, r))
    for difference in differences:
        counts: dict[str, int] = {}
        for row in rows[difference.first : difference.last + 1]:
            for reason in row.reasons:
                counts[reason] = counts.get(reason, 0) + 1
        difference.reasons = [f"{n}× {reason}" if n > 1 else reason for reason, n in counts.items()]

    return CompareModel(
        data=data,
        left=left,
        right=right,
        rows=rows,
        name_variants=name_variants,
        figures=figures,
        quote_counts=quote_counts,
        differences=differences,
        figure_kinds=figure_kinds,
        framing=framing,
        headline=stressed,
    )


def _graded(items, size: int, other: int) -> dict[int, int]:
    """{sentence: candidate} from a comparison's possibly_left / possibly_right."""
    out = {}
    for item in items or []:
        if isinstance(item, dict):
            k, candidate = _int(item.get("sentence")), _int(item.get("candidate"))
            if 0 <= k < size and 0 <= candidate < other:
                out[k] = candidate
    return out


def _skipped(items, size: int) -> set[int]:
    return {
        _int(item.get("sentence"))
        for item in items or []
        if isinstance(item, dict) and 0 <= _int(item.get("sentence")) < size
    }


def _framing_marks(flags, left: Side, right: Side) -> list[str]:
    """Mark the framing words on both sides; one summary line per flag (literal text)."""
    lines: list[str] = []
    for number, flag in enumerate(flags or [], start=1):
        if not isinstance(flag, dict):
            continue
        texts = []
        for side, key in ((left, "left"), (right, "right")):
            info = flag.get(key) if isinstance(flag.get(key), dict) else {}
            words = [w for w in info.get("words") or [] if isinstance(w, dict)]
            for word in words:
                mark = _mark(side, word, "framing", number)
                if mark:
                    side.marks.append(mark)
            texts.append(" … ".join(_str(w.get("text")) for w in words) or "(plain)")
        line = f"{_str(flag.get('kind')) or 'framing'}: {texts[0]} ↔ {texts[1]}"
        if flag.get("about"):
            line += f" ({_str(flag.get('about'))})"
        lines.append(line)
    return lines


def _kinds_in(side: Side, indices: list[int]) -> set[str]:
    kinds = set()
    for index in indices:
        start, end = side.sentences[index]
        for mark in side.marks:
            if mark.start < end and mark.end > start:
                kinds.add(mark.kind)
    return kinds


def cell_spans(side: Side, indices: list[int], separator: str = " ") -> tuple[str, list[tuple[int, int, Mark]]]:
    """The text of a cell (its sentences joined) and the marks clipped to it, offsets into that text."""
    pieces, spans, pos = [], [], 0
    for n_, index in enumerate(indices):
        if n_:
            pieces.append(separator)
            pos += len(separator)
        start, end = side.sentences[index]
        pieces.append(side.text[start:end])
        for mark in side.marks:
            s, e = max(mark.start, start), min(mark.end, end)
            if s < e:
                spans.append((pos + s - start, pos + e - start, mark))
        pos += end - start
    return "".join(pieces), spans
