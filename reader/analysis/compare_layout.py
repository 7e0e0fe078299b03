# Over 500 lines: one module, because every step of the layout reads the same typed mirror of a Comparison.
"""The row layout of the compare screen, as plain data (no Textual, no rich: testable alone).

A `Comparison` pairs sentences many-to-many. A side-by-side view needs rows in reading order on
both sides, so the layout is built like a side-by-side diff:

1. Anchors: the monotone chain of pairs (strictly increasing on both sides) with the highest total
   score (a weighted longest-increasing-subsequence over the pairs, O(P log P)).
2. Many-to-many: a paired sentence next to an anchor row, paired with a sentence of that row, joins
   the row (one long sentence on the left aligned with two short ones on the right), repeatedly.
3. Gaps: the sentences between two anchor rows form a hunk shown side by side, the shorter side padded.
   Each is marked "only" (no partner at all), "possible" (a close partner below the link
   threshold), "moved" (its partner sits in another row, out of order) or "skipped" (not a
   sentence: caption, embed, credit, promo, list number, dateline, time stamp). Aligned rows
   whose links are all weak are "weak".

Offsets in marks (shared quotes, figures, framing words) refer to each side's `text` (the
article's clean text).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Iterable, Sequence, TypeVar

from reader.analysis.compare import Comparison, Pair, Possible, Side
from reader.analysis.compare_terms import (
    MARKS,
    MOVED,
    ONLY,
    ONLY_ONE_TELLS,
    POSSIBLE,
    POSSIBLY_TOLD,
    QUOTE_KINDS,
    QUOTE_REASONS,
    SKIPPED,
    TOLD_ELSEWHERE,
    WEAK,
    only_in,
    possibly_told_by,
    shares,
    strength,
    told_elsewhere_by,
)
from reader.analysis.headline import NOT_HEADLINES
from reader.analysis.link_evidence import shared_words
from reader.analysis.names import variant_map, written_as_word
from reader.corpus.decode import outlet_key, without_bidi_controls
from reader.wording import framing_absent, outlet_shown

ALIGNED = "aligned"
GAP = "gap"
# The statuses of an unaligned or weakly linked sentence, their marks and the legend the help
# screen and README show: one vocabulary with `reader compare`'s text (compare_terms).
GUTTER = {**{status: f"{mark} " for status, mark in MARKS.items()}, ALIGNED: "", "": ""}
T = TypeVar("T")

# Length-preserving: offsets from the core stay valid. The core strips controls at load time; this
# is the last line of defence for a display (a control character becomes U+FFFD, a newline a space).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_text(text: str) -> str:
    return _UNSAFE.sub(lambda m: " " if m.group() in "\n\t\r\u2028\u2029" else "\ufffd", text)


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str:
    """One line of article text, safe for any output: no controls, white space folded. Bidi
    controls go too: the export is a file no terminal filter sees, and an unclosed right-to-left
    override there reverses the rest of the line in a viewer."""
    if not text:
        return ""
    return " ".join(without_bidi_controls(_CONTROLS.sub(" ", str(text))).split())


def clean_keep(text: str) -> str:
    """`clean` without folding white space at the edges (pieces of one sentence are joined)."""
    return without_bidi_controls(_CONTROLS.sub(" ", text))


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "exact" | "fragment" | "censored" | "altered" | "figure" | "framing" | "name" | "shared"
    number: int = 0  # 1-based number of the shared quote / figure, the same on both sides


@dataclass
class ShownSide:
    """One side as the screen shows it: its display text, sentence offsets and highlights."""

    id: str
    outlet: str
    title: str
    text: str
    sentences: list[tuple[int, int]]
    marks: list[Mark] = field(default_factory=list)
    # The sentences that open a paragraph of the article (a line break before them in its text:
    # the display text has none), so that text copied off the screen keeps its paragraphs.
    paragraph_starts: frozenset[int] = frozenset()

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
    # The other rows holding a counterpart of this row's left (right) sentences: a link out of
    # order ("~") or the close candidate of a "?" (rows in order). A gap row's two cells are
    # unrelated sentences side by side: a click on one must not show the other's counterparts.
    left_partners: list[int] = field(default_factory=list)
    right_partners: list[int] = field(default_factory=list)
    # A folded row (two versions of one article): how many sentences it stands for, each side,
    # kept word for word (kept_runs); 0 for any other row.
    kept: int = 0

    @property
    def partners(self) -> list[int]:
        """The rows holding a counterpart of any of its sentences (the screen's partner key visits them)."""
        return sorted({*self.left_partners, *self.right_partners})

    def cell(self, side: str) -> tuple[list[int], str]:
        """The sentences of one side ("left" or "right") in this row, and their status."""
        return (self.left, self.left_status) if side == "left" else (self.right, self.right_status)

    def partners_of(self, side: str) -> list[int]:
        """The rows holding a counterpart of this row's sentences on one side."""
        return self.left_partners if side == "left" else self.right_partners


def row_summary(row: Row) -> str:
    """A row's sentences as `reader compare` numbers them, and a linked row's strength ("L4, L5 ↔
    R39 · linked 0.85"; "L7 · R9" for a gap row): the screen shows no numbers, so a sentence the
    text or JSON names could not be found on it."""
    if row.kept:
        left, right, said = kept_run_words(row.left[0], row.right[0], row.kept)
        return f"{left} = {right} · {said}"
    left = ", ".join(f"L{i + 1}" for i in row.left)
    right = ", ".join(f"R{j + 1}" for j in row.right)
    if row.kind != ALIGNED:
        return " · ".join(part for part in (left, right) if part)
    return f"{left} ↔ {right} · {'weak link' if row.left_status == WEAK else 'linked'} {strength(row.score or 0.0)}"


@dataclass
class Difference:
    """Rows first..last (inclusive) differ between the outlets, for the given reasons."""

    first: int
    last: int
    reasons: list[str] = field(default_factory=list)


# What ] and [ visit on the compare screen (the visit key cycles through them), and how the
# summary bar names them.
VISITS = ("differences", "links", ONLY, POSSIBLE, MOVED)
VISIT_NAMES = {
    "differences": "differences",
    "links": "linked rows",
    # Rows, as counted ("Possibly told 2/17"): a row may hold a sentence of each side.
    ONLY: f"rows with a sentence {ONLY_ONE_TELLS} ({MARKS[ONLY]})",
    POSSIBLE: f"rows with a sentence {POSSIBLY_TOLD} ({MARKS[POSSIBLE]})",
    MOVED: f"rows with a sentence {TOLD_ELSEWHERE} ({MARKS[MOVED]})",
}
VISIT_ONE = {
    "differences": "Difference",
    "links": "Linked row",
    ONLY: "Only here",
    POSSIBLE: "Possibly told",
    MOVED: "Told elsewhere",
}


@dataclass
class Evidence:
    """Why a row's sentences are linked, as shown: how many links it holds, the words both sides
    share, and where (marks on each side's text). Its strength is the row's: Row.score (the
    strongest link's) and its WEAK status (every link weak)."""

    links: int
    words: list[str]
    left: list[Mark]
    right: list[Mark]


@dataclass
class CompareModel:
    comparison: Comparison
    left: ShownSide
    right: ShownSide
    rows: list[Row]
    name_variants: list[tuple[str, str]]
    figures: list[tuple[str, str]]
    quote_counts: dict[str, int]
    differences: list[Difference]
    figure_kinds: list[str] = field(default_factory=list)  # what each figure counts ("money")
    framing: list[str] = field(default_factory=list)  # one line per framing flag
    # What each headline stresses (runs of words the other lacks), left and right
    headline: tuple[list[str], list[str]] | None = None
    # Where a title stood in for a missing headline, per side ("its first sentence"; "" for a headline)
    headline_notes: tuple[str, str] = ("", "")
    # The figures the headlines tell differently: (what, left, right), as `figures` and figure_kinds
    headline_figures: list[tuple[str, str, str]] = field(default_factory=list)
    # Whether each differing figure is told loosely on a side ("some 16"), as figure_kinds
    figure_approximate: list[bool] = field(default_factory=list)
    # Two versions of one article: runs kept word for word folded (Row.kept), but those opened
    # (by their first left sentence)
    fold_kept: bool = False
    opened: frozenset[int] = frozenset()
    _visits: dict[str, list[Difference]] = field(default_factory=dict, repr=False, compare=False)
    # Each row's evidence once made: the app asks for it at every cursor move and draw
    _evidence: dict[int, Evidence] = field(default_factory=dict, repr=False, compare=False)

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

    def targets(self, visit: str) -> list[Difference]:
        """The stops of ] and [ for a kind of visit (VISITS): every difference, every linked row,
        or each row holding a sentence of one status (+, ?, ~), in reading order."""
        if visit == "differences":
            return self.differences
        if visit in self._visits:
            return self._visits[visit]
        found: list[Difference] = []
        for r, row in enumerate(self.rows):
            if visit == "links" and row.kind == ALIGNED:
                evidence = self.evidence(r)
                link = f"{'weak link' if row.left_status == WEAK else 'linked'} {strength(row.score or 0.0)}"
                if evidence.links > 1:  # several sentences linked in one row: the strongest's score
                    link += f" (strongest of {evidence.links} links)"
                found.append(Difference(r, r, [f"{link} · {shares(evidence.words)}"]))
            elif visit != "links" and visit in (row.left_status, row.right_status):
                found.append(Difference(r, r, list(row.reasons)))
        self._visits[visit] = found
        return found

    @functools.cached_property
    def _pairs(self) -> dict[tuple[int, int], Pair]:
        return {(p.left, p.right): p for p in self.comparison.pairs}

    @functools.cached_property
    def _links_by_sentence(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """The positions in comparison.pairs of each left sentence's links, and each right one's:
        built once per comparison, so that naming every row is linear (the links scanned for each
        row took 1.7 s at 6,000 sentences a side, bench/bench_also_linked.py)."""
        by_left: dict[int, list[int]] = {}
        by_right: dict[int, list[int]] = {}
        for position, pair in enumerate(self.comparison.pairs):
            by_left.setdefault(pair.left, []).append(position)
            by_right.setdefault(pair.right, []).append(position)
        return by_left, by_right

    def links_leaving(self, row: Row) -> list[Pair]:
        """The links with one end in `row` and the other in another row, in the comparison's
        order (both ends in the row are the row's own links)."""
        by_left, by_right = self._links_by_sentence
        touching = {k for i in row.left for k in by_left.get(i, ())}
        touching.update(k for j in row.right for k in by_right.get(j, ()))
        left, right = set(row.left), set(row.right)
        pairs = self.comparison.pairs
        return [pairs[k] for k in sorted(touching) if (pairs[k].left in left) != (pairs[k].right in right)]

    @functools.cached_property
    def _variants(self) -> dict[str, str]:
        return variant_map(list(self.comparison.name_variants))

    def evidence(self, index: int) -> Evidence:
        """What row `index`'s linked sentences share (empty for a row with no link)."""
        if index not in self._evidence:
            self._evidence[index] = self._make_evidence(self.rows[index])
        return self._evidence[index]

    def _make_evidence(self, row: Row) -> Evidence:
        pairs, variants = self._pairs, self._variants
        linked = [pairs[(i, j)] for i in row.left for j in row.right if (i, j) in pairs]
        words: list[str] = []
        marks: tuple[list[Mark], list[Mark]] = ([], [])
        for pair in linked:
            shared = shared_words(self.left.sentence_text(pair.left), self.right.sentence_text(pair.right), variants)
            words += [w for w in shared.written() if w not in words]
            for side, index_, spans, out in (
                (self.left, pair.left, shared.left, marks[0]),
                (self.right, pair.right, shared.right, marks[1]),
            ):
                base = side.sentences[index_][0]
                out.extend(Mark(base + s, base + e, "shared") for s, e in spans)
        return Evidence(
            links=len(linked),
            words=words,
            left=sorted(set(marks[0]), key=lambda m: (m.start, m.end)),
            right=sorted(set(marks[1]), key=lambda m: (m.start, m.end)),
        )

    def partner_rows(self, first: int, last: int) -> list[int]:
        """The rows outside first..last holding a counterpart of their sentences, in order."""
        found = {p for row in self.rows[first : last + 1] for p in row.partners}
        return sorted(p for p in found if not first <= p <= last)

    def swapped(self) -> "CompareModel":
        """The sides exchanged, the runs opened still open."""
        runs = kept_runs(self.comparison) if self.opened else {}
        opened = {runs[i][0] for i in self.opened if i in runs}
        return build_model(mirror(self.comparison), self.fold_kept, opened)

    def with_opened(self, opened: Iterable[int]) -> "CompareModel":
        """The same comparison with these runs kept word for word opened (the others folded)."""
        return build_model(self.comparison, self.fold_kept, opened)

    def run_of_row(self, index: int) -> int | None:
        """The first left sentence of the run kept word for word row `index` is (folded) or is in
        (opened), to open or fold it again; None for a row of no run."""
        row = self.rows[index]
        if not self.fold_kept or row.kind != ALIGNED or not row.left:
            return None
        if row.kept:
            return row.left[0]
        runs = self._runs
        for start in self.opened:
            j, count = runs.get(start, (0, 0))
            if start <= row.left[0] < start + count and row.right == [j + row.left[0] - start] and len(row.left) == 1:
                return start
        return None

    @functools.cached_property
    def _runs(self) -> dict[int, tuple[int, int]]:
        return kept_runs(self.comparison)

    @property
    def folds(self) -> bool:
        """Whether a row of it is folded (Row.kept)."""
        return any(row.kept for row in self.rows)

    def unfolded(self) -> "CompareModel":
        """Every run kept word for word opened (both articles whole show every sentence)."""
        return self.with_opened(self._runs) if self.folds else self


# -- the sides exchanged ---------------------------------------------------------------------------


def mirror(item: T) -> T:
    """The same comparison (or finding of one) with the sides exchanged: every left/right field
    pair swapped (left/right, left_name/right_name, only_left/only_right...), all the way down."""
    if isinstance(item, list):
        return [mirror(x) for x in item]  # type: ignore[return-value]
    if isinstance(item, dict) and item and set(item) <= {"left", "right"}:
        # keyed by side (Comparison.limited, .languages)
        return {"right" if key == "left" else "left": value for key, value in item.items()}  # type: ignore[return-value]
    if not is_dataclass(item) or isinstance(item, type):
        return item
    values = {f.name: mirror(getattr(item, f.name)) for f in fields(item) if f.init}
    swapped = dict(values)
    for name in values:
        other = (
            "right" + name[4:] if name.startswith("left") else name[:-4] + "right" if name.endswith("_left") else None
        )
        if other in values:
            swapped[name], swapped[other] = values[other], values[name]
    return replace(item, **swapped)


# -- the sides -------------------------------------------------------------------------------------


def _shown_side(side: Side) -> ShownSide:
    """A side's display text and sentence offsets; when the offsets do not fit its text, the
    sentences' own text, joined, instead."""
    source = display_text(side.text or "")
    sentences = [(s.start, s.end) for s in side.sentences]
    fits = all(
        0 <= s.start <= s.end <= len(source) and source[s.start : s.end].split() == display_text(s.text).split()
        for s in side.sentences
    )
    if not fits:
        parts, sentences, pos = [], [], 0
        for s in side.sentences:
            piece = display_text(s.text)
            sentences.append((pos, pos + len(piece)))
            parts.append(piece)
            pos += len(piece) + 1
        source = " ".join(parts)
    return ShownSide(
        id=side.id or "",
        outlet=outlet_shown(side.outlet),
        title=side.title or "",
        text=source,
        sentences=sentences,
        paragraph_starts=_paragraph_starts(side) if fits else frozenset(),
    )


def _paragraph_starts(side: Side) -> frozenset[int]:
    raw = side.text or ""
    spans = side.sentences
    return frozenset(k for k in range(1, len(spans)) if "\n" in raw[spans[k - 1].end : spans[k].start])


def _mark(side: ShownSide, span: Any, kind: str, number: int) -> Mark | None:
    """A highlight for a span of the comparison (text, start, end): at its offsets when they hold
    its words, else where its words are found (the fallback layout), else none."""
    if span is None:
        return None
    start, end = span.start, span.end
    wanted = display_text(span.text or "")
    if 0 <= start < end <= len(side.text) and (not wanted or side.text[start:end].split() == wanted.split()):
        return Mark(start, end, kind, number)
    if wanted:
        found = side.text.find(wanted)
        if found >= 0:
            return Mark(found, found + len(wanted), kind, number)
    return None


# -- the alignment ---------------------------------------------------------------------------------


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


@dataclass
class _Links:
    """The comparison's sentence pairs that fit both sides, indexed both ways."""

    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    strong: set[tuple[int, int]] = field(default_factory=set)  # not marked weak
    scores: dict[tuple[int, int], float] = field(default_factory=dict)
    partners_l: dict[int, set[int]] = field(default_factory=dict)
    partners_r: dict[int, set[int]] = field(default_factory=dict)


def strongest(scores: Sequence[float]) -> float:
    """The highest of the scores that are numbers; NaN when none is (strength() shows it "?")."""
    return max((score for score in scores if math.isfinite(score)), default=math.nan)


def _links(comparison: Comparison, n: int, m: int) -> _Links:
    links = _Links()
    for p in comparison.pairs:
        if not (0 <= p.left < n and 0 <= p.right < m):
            continue
        score = float(p.score or 0.0)
        # A score that is no number ranks as the weakest: NaN compares false both ways, so the
        # chain and max() could take it for the best (and the screen showed it as 1.00).
        links.pairs.append((p.left, p.right, score if math.isfinite(score) else 0.0))
        if not p.weak:
            links.strong.add((p.left, p.right))
        links.partners_l.setdefault(p.left, set()).add(p.right)
        links.partners_r.setdefault(p.right, set()).add(p.left)
        links.scores[(p.left, p.right)] = strongest([score, links.scores.get((p.left, p.right), math.nan)])
    return links


def _anchor_rows(links: _Links, n: int, m: int) -> tuple[list[Row], dict[int, int], dict[int, int]]:
    """The aligned rows (steps 1 and 2 above) and the row of each sentence in them, per side."""
    row_of_l: dict[int, int] = {}
    row_of_r: dict[int, int] = {}
    anchors: list[Row] = []
    for i, j, score in _anchor_chain(links.pairs, m):
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
                (row_of_l, links.partners_l, row.left, row.right, n),
                (row_of_r, links.partners_r, row.right, row.left, m),
            ):
                for candidate in (min(mine) - 1, max(mine) + 1):
                    if 0 <= candidate < limit and candidate not in side_rows:
                        if partners.get(candidate, set()) & set(other):
                            side_rows[candidate] = r
                            mine.append(candidate)
                            mine.sort()
                            changed = True
    for row in anchors:
        row.score = strongest([links.scores[(i, j)] for i in row.left for j in row.right if (i, j) in links.scores])
        if not any((i, j) in links.strong for i in row.left for j in row.right):
            row.left_status = row.right_status = WEAK
    return anchors, row_of_l, row_of_r


def told_elsewhere(comparison: Comparison) -> dict[str, dict[int, list[int]]]:
    """The sentences the compare screen marks `~` ("told elsewhere"), per side ("left", "right"):
    linked, but out of the reading order, so no row holds them beside their partners; each with
    its partners on the other side. `reader compare`'s JSON, text and Markdown say the same."""
    n, m = len(comparison.left.sentences), len(comparison.right.sentences)
    links = _links(comparison, n, m)
    _, row_of_l, row_of_r = _anchor_rows(links, n, m)
    return {
        "left": {i: sorted(links.partners_l[i]) for i in sorted(links.partners_l) if i not in row_of_l},
        "right": {j: sorted(links.partners_r[j]) for j in sorted(links.partners_r) if j not in row_of_r},
    }


def out_of_order(comparison: Comparison) -> set[tuple[int, int]]:
    """The links one of whose sentences the screen marks `~` (told elsewhere: out of order)."""
    moved = told_elsewhere(comparison)
    return {(p.left, p.right) for p in comparison.pairs if p.left in moved["left"] or p.right in moved["right"]}


def kept_runs(comparison: Comparison) -> dict[int, tuple[int, int]]:
    """{left sentence: (its right partner, how many)} of each run of links in step (L4 R5, L5 R6 ...)
    between sentences written word for word the same, each linked to the other alone and in
    order: what two versions of one article kept as it was (an edit is what lies between).
    `reader compare`, its Markdown, the export and the app's rows fold each run into one line."""
    L, R = comparison.left.sentences, comparison.right.sentences
    partners: dict[int, list[int]] = {}
    links_of_right: dict[int, int] = {}
    for p in comparison.pairs:
        partners.setdefault(p.left, []).append(p.right)
        links_of_right[p.right] = links_of_right.get(p.right, 0) + 1
    moved = out_of_order(comparison)
    same = {
        i: mine[0]
        for i, mine in sorted(partners.items())
        if len(mine) == 1
        and links_of_right[mine[0]] == 1
        and (i, mine[0]) not in moved
        and clean(L[i].text) == clean(R[mine[0]].text)
    }
    runs: dict[int, tuple[int, int]] = {}
    start = None
    for i in sorted(same):
        if start is not None and same.get(i - 1) == same[i] - 1:
            runs[start] = (runs[start][0], runs[start][1] + 1)
        else:
            start = i
            runs[i] = (same[i], 1)
    return runs


def kept_run_words(i: int, j: int, count: int) -> tuple[str, str, str]:
    """("L1–L6", "R1–R6", "kept word for word: 6 sentences") of a run of kept_runs."""
    if count == 1:
        return f"L{i + 1}", f"R{j + 1}", "kept word for word"
    return f"L{i + 1}–L{i + count}", f"R{j + 1}–R{j + count}", f"kept word for word: {count} sentences"


# The app's rows fold a run of two sentences or more: one sentence kept is a row no longer than
# the note that would stand for it, and shows the words around an edit.
FOLDED_AT_LEAST = 2


def _fold_kept(rows: list[Row], runs: dict[int, tuple[int, int]], opened: Iterable[int]) -> list[Row]:
    """The rows with each run of kept_runs (of FOLDED_AT_LEAST sentences or more) not `opened`
    (by its first left sentence) made one folded row holding the run's sentences: the rows of a run are aligned rows of one sentence a
    side in step, one after another (a row that is not ends the fold where it stands)."""
    opened = set(opened)
    folded: list[Row] = []
    r = 0
    while r < len(rows):
        row = rows[r]
        run = runs.get(row.left[0]) if row.kind == ALIGNED and len(row.left) == 1 == len(row.right) else None
        if run is None or row.left[0] in opened or row.right[0] != run[0]:
            folded.append(row)
            r += 1
            continue
        i, (j, count) = row.left[0], run
        k = 1
        while k < count and r + k < len(rows) and (rows[r + k].left, rows[r + k].right) == ([i + k], [j + k]):
            k += 1
        if k < FOLDED_AT_LEAST:
            folded.extend(rows[r : r + k])
            r += k
            continue
        part = rows[r : r + k]
        folded.append(
            Row(
                ALIGNED,
                [i + n for n in range(k)],
                [j + n for n in range(k)],
                part[0].left_status if all(p.left_status == WEAK for p in part) else ALIGNED,
                part[0].right_status if all(p.right_status == WEAK for p in part) else ALIGNED,
                strongest([p.score if p.score is not None else math.nan for p in part]),
                kept=k,
            )
        )
        r += k
    return folded


@dataclass
class _Unpaired:
    """What one side's sentences without a row are: linked elsewhere, possible, or not compared."""

    partners: dict[int, set[int]]
    # sentence -> its closest candidate on the other side, and how surely it tells the same fact
    possible: dict[int, Possible]
    skipped: set[int]

    @classmethod
    def of(
        cls, partners: dict[int, set[int]], possible: Sequence[Possible], skipped: Iterable[int], size: int, other: int
    ) -> _Unpaired:
        """From a side's possibly_* and skipped_* findings, those that fit the sentences."""
        return cls(
            partners,
            {p.sentence: p for p in possible if 0 <= p.sentence < size and 0 <= p.candidate < other},
            {k for k in skipped if 0 <= k < size},
        )

    def status(self, index: int) -> str:
        if self.partners.get(index):
            return MOVED
        if index in self.skipped:
            return SKIPPED
        return POSSIBLE if index in self.possible else ONLY


def _with_gaps(
    anchors: list[Row], sizes: tuple[int, int], placed: tuple[dict, dict], unpaired: tuple[_Unpaired, _Unpaired]
) -> list[Row]:
    """Every row in reading order: the sentences between two anchor rows become gap rows (step 3)."""
    (n, m), (row_of_l, row_of_r), (left, right) = sizes, placed, unpaired
    rows: list[Row] = []
    li = ri = 0
    for anchor in [*anchors, None]:
        stop_l = min(anchor.left) if anchor else n
        stop_r = min(anchor.right) if anchor else m
        gap_l = [i for i in range(li, stop_l) if i not in row_of_l]
        gap_r = [j for j in range(ri, stop_r) if j not in row_of_r]
        for k in range(max(len(gap_l), len(gap_r))):
            row = Row(GAP, [], [])
            if k < len(gap_l):
                row.left, row.left_status = [gap_l[k]], left.status(gap_l[k])
            if k < len(gap_r):
                row.right, row.right_status = [gap_r[k]], right.status(gap_r[k])
            rows.append(row)
        if anchor is not None:
            rows.append(anchor)
            li, ri = max(anchor.left) + 1, max(anchor.right) + 1
    return rows


# -- marks and findings ----------------------------------------------------------------------------


def _quote_marks(comparison: Comparison, left: ShownSide, right: ShownSide) -> dict[str, int]:
    """Mark the shared quotes on both sides (numbered alike); how many of each kind."""
    counts = dict.fromkeys(QUOTE_KINDS, 0)
    for number, quote in enumerate(comparison.shared_quotes, start=1):
        kind = quote.match if quote.match in counts else ("exact" if not quote.match else "altered")
        counts[kind] += 1
        for side, span in ((left, quote.left), (right, quote.right)):
            if mark := _mark(side, span, kind, number):
                side.marks.append(mark)
    return counts


def _figure_marks(
    comparison: Comparison, left: ShownSide, right: ShownSide
) -> tuple[list[tuple[str, str]], list[str], list[bool]]:
    """Mark the differing figures on both sides, in every pair of sentences each was seen in; their
    texts (left, right), what each counts and whether a side tells it loosely."""
    figures: list[tuple[str, str]] = []
    kinds: list[str] = []
    loose: list[bool] = []
    for number, figure in enumerate(comparison.figures, start=1):
        kinds.append(figure.what or "")
        loose.append(bool(figure.approximate))
        marked: set[tuple[int, Mark]] = set()  # a figure its side tells once, paired with two of the other's
        for pair in figure.occurrences:  # told again (headline and lead): marked in each sentence
            for side, span in ((left, pair.left), (right, pair.right)):
                if (mark := _mark(side, span, "figure", number)) and (id(side), mark) not in marked:
                    marked.add((id(side), mark))
                    side.marks.append(mark)
        figures.append((figure.left.text or "", figure.right.text or ""))
    return figures, kinds, loose


def _framing_marks(comparison: Comparison, left: ShownSide, right: ShownSide) -> list[str]:
    """Mark the framing words on both sides; one summary line per flag (literal text)."""
    lines: list[str] = []
    for number, flag in enumerate(comparison.framing, start=1):
        texts = []
        for side, words in ((left, flag.left), (right, flag.right)):
            for word in words:
                if mark := _mark(side, word, "framing", number):
                    side.marks.append(mark)
            texts.append(" … ".join(w.text or "" for w in words) or framing_absent(flag.kind or ""))
        line = f"{flag.kind or 'framing'}: {texts[0]} ↔ {texts[1]}"
        if flag.about:
            line += f" ({flag.about})"
        lines.append(line)
    return lines


SAME_TEXTS = "the two texts are the same, word for word"


def same_text_note(comparison: Comparison) -> str | None:
    """What to say first when the two bodies are the same, word for word (`compare A A`, two
    copies of one file, one story reprinted under another headline), else None: not left to a
    reader to work out from every sentence linked to itself. Differing headlines are said, with
    the figures they tell differently: "nothing differs" would hide "3 dead" / "5 dead"."""
    if comparison.left.text != comparison.right.text:
        return None
    if clean(comparison.left.title) == clean(comparison.right.title):
        return SAME_TEXTS
    figures = _headline_figures(comparison)
    if not figures:
        return "the two bodies are the same, word for word: only the headlines differ"
    told = "; ".join((f"{what}: " if what else "") + f"{a} (L) vs {b} (R)" for what, a, b in figures)
    return f"the two bodies are the same, word for word: only the headlines differ, and their figures: {clean(told)}"


def _headline_stress(comparison: Comparison) -> tuple[list[str], list[str]] | None:
    headline = comparison.headline
    if headline is None:
        return None
    return list(headline.left.stressed), list(headline.right.stressed)


def _headline_figures(comparison: Comparison) -> list[tuple[str, str, str]]:
    headline = comparison.headline
    if headline is None:
        return []
    return [(f.described, f.left.text, f.right.text) for f in headline.figures]


def _headline_notes(comparison: Comparison) -> tuple[str, str]:
    headline = comparison.headline
    if headline is None:
        return ("", "")
    return NOT_HEADLINES.get(headline.left.source or "", ""), NOT_HEADLINES.get(headline.right.source or "", "")


def _name_marks(comparison: Comparison, left: ShownSide, right: ShownSide) -> None:
    """Mark every place each side writes its spelling of a name variant (Sergey / Sergei), so
    the summary's "Names:" line points at words in the text."""
    for number, variant in enumerate(comparison.name_variants, start=1):
        for side, word in ((left, variant.left), (right, variant.right)):
            if not word:
                continue
            pattern = written_as_word(word)
            side.marks.extend(Mark(m.start(), m.end(), "name", number) for m in pattern.finditer(side.text))


def _name_variants(comparison: Comparison) -> list[tuple[str, str]]:
    return [(v.left_name or v.left or "", v.right_name or v.right or "") for v in comparison.name_variants]


# -- what differs ----------------------------------------------------------------------------------

# The reason each kind of mark gives a row, in the order they are listed.
_MARK_REASONS = (
    ("figure", "figures differ"),
    *QUOTE_REASONS.items(),  # altered, fragment, censored
    ("framing", "framed differently"),
)


def _kinds_in(side: ShownSide, indices: list[int]) -> set[str]:
    kinds = set()
    for index in indices:
        start, end = side.sentences[index]
        for mark in side.marks:
            if mark.start < end and mark.end > start:
                kinds.add(mark.kind)
    return kinds


OPENING_WORDS = 6  # how much of a counterpart sentence a difference's reason quotes
OPENING_QUOTES = "\"'“‘„«‹ "


def _opening(shown: ShownSide, index: int) -> str:
    """A sentence by its first words: the screen shows no sentence numbers to look up."""
    # Without the sentence's own opening quotation mark: quoted again, it read ““There have been…”.
    words = shown.sentence_text(index).lstrip(OPENING_QUOTES).split()
    return " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")


def _gap_reasons(row: Row, left: ShownSide, right: ShownSide, unpaired: tuple[_Unpaired, _Unpaired]) -> list[str]:
    reasons = []
    for status, outlet, other, mine, side, shown_other in (
        (row.left_status, left.outlet, right.outlet, row.left, unpaired[0], right),
        (row.right_status, right.outlet, left.outlet, row.right, unpaired[1], left),
    ):
        if status == ONLY:
            reasons.append(only_in(outlet))
        elif status == MOVED:
            # Which sentence tells it, as p finds it (its first counterpart in reading order).
            counterpart = min(side.partners[mine[0]])
            reasons.append(told_elsewhere_by(outlet, other, _opening(shown_other, counterpart)))
        elif status == POSSIBLE:
            closest = side.possible[mine[0]]
            opening = _opening(shown_other, closest.candidate)
            reasons.append(possibly_told_by(outlet, other, opening, float(closest.score or 0.0)))
    return reasons


def _give_reasons(rows: list[Row], left: ShownSide, right: ShownSide, unpaired: tuple[_Unpaired, _Unpaired]) -> None:
    """Why each row is a difference: a sentence one side alone tells (gap rows), an altered or
    shortened quote, a differing figure, framing."""
    for row in rows:
        if row.kind == GAP:
            row.reasons.extend(_gap_reasons(row, left, right, unpaired))
        kinds = _kinds_in(left, row.left) | _kinds_in(right, row.right)
        row.reasons.extend(reason for kind, reason in _MARK_REASONS if kind in kinds)


def _give_partners(rows: list[Row], links: _Links, unpaired: tuple[_Unpaired, _Unpaired]) -> None:
    """Each row's partner rows, side by side (see Row.left_partners)."""
    row_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for r, row in enumerate(rows):
        row_of[0].update(dict.fromkeys(row.left, r))
        row_of[1].update(dict.fromkeys(row.right, r))
    for r, row in enumerate(rows):
        row.left_partners = _counterpart_rows(r, row.left, links.partners_l, unpaired[0], row_of[1])
        row.right_partners = _counterpart_rows(r, row.right, links.partners_r, unpaired[1], row_of[0])


def _counterpart_rows(
    r: int, mine: list[int], partners: dict[int, set[int]], side: _Unpaired, other_rows: dict[int, int]
) -> list[int]:
    """The rows other than `r` holding the counterparts of sentences `mine`: their links, or for
    one with none, its close candidate."""
    found: set[int] = set()
    for index in mine:
        counterparts = set(partners.get(index, ()))
        if not counterparts and index in side.possible:
            counterparts = {side.possible[index].candidate}
        found.update(other_rows[k] for k in counterparts if k in other_rows)
    found.discard(r)
    return sorted(found)


def _differences(rows: list[Row]) -> list[Difference]:
    """What a reader wants to jump to: a run of gap rows (a hunk) with reasons is one difference;
    any other row with reasons is one too. Reasons repeated in a hunk are counted ("2× ...")."""
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
    return differences


def sides_named(left: str, right: str) -> tuple[str, str]:
    """Two versions from one outlet (an article and its update, `compare OLD NEW`): "Fox News
    (left)" and "Fox News (right)", on the screen and in reader compare's text alike; "24 only in
    Fox News · 26 only in Fox News" left the reader to guess which side each meant."""
    return (f"{left} (left)", f"{right} (right)") if same_outlet(left, right) else (left, right)


def same_outlet(left: str, right: str) -> bool:
    """Whether two sides' outlet labels name one outlet (decode.outlet_key, as --outlet filters:
    "Rally ❤️ News" and "RALLY ❤ NEWS"), whatever their spacing: the one test of the screen's
    comparison and `reader compare`'s report, whose labels then say "(left)" and "(right)"."""
    return outlet_key(" ".join(left.split())) == outlet_key(" ".join(right.split()))


def build_model(comparison: Comparison, fold_kept: bool = False, opened: Iterable[int] = ()) -> CompareModel:
    """Rows, marks and differences of a comparison, for display. `fold_kept` (two versions of one
    article): each run of sentences kept word for word is one folded row, but those `opened` (by
    their first left sentence), as `reader compare` folds them in one line."""
    opened = frozenset(opened) if fold_kept else frozenset()
    left, right = _shown_side(comparison.left), _shown_side(comparison.right)
    left.outlet, right.outlet = sides_named(left.outlet, right.outlet)
    n, m = len(left.sentences), len(right.sentences)
    links = _links(comparison, n, m)
    anchors, row_of_l, row_of_r = _anchor_rows(links, n, m)
    unpaired = (
        _Unpaired.of(links.partners_l, comparison.possibly_left, comparison.skipped_left, n, m),
        _Unpaired.of(links.partners_r, comparison.possibly_right, comparison.skipped_right, m, n),
    )
    rows = _with_gaps(anchors, (n, m), (row_of_l, row_of_r), unpaired)
    if fold_kept:
        rows = _fold_kept(rows, kept_runs(comparison), opened)
    _give_partners(rows, links, unpaired)
    quote_counts = _quote_marks(comparison, left, right)
    figures, figure_kinds, figure_approximate = _figure_marks(comparison, left, right)
    framing = _framing_marks(comparison, left, right)
    _name_marks(comparison, left, right)
    for side in (left, right):
        side.marks.sort(key=lambda mark: (mark.start, mark.end))
    _give_reasons(rows, left, right, unpaired)
    return CompareModel(
        comparison,
        left,
        right,
        rows,
        _name_variants(comparison),
        figures,
        quote_counts,
        _differences(rows),
        figure_kinds,
        framing,
        _headline_stress(comparison),
        _headline_notes(comparison),
        figure_approximate=figure_approximate,
        headline_figures=_headline_figures(comparison),
        fold_kept=fold_kept,
        opened=opened,
    )


def mark_class(kind: str) -> str:
    """The (CSS component) class name the screen styles a mark of this kind with."""
    if kind in ("figure", "framing", "name", "shared"):
        return f"compare--{kind}"
    return f"compare--quote-{kind}"


def cell_spans(
    side: ShownSide, indices: list[int], separator: str = " ", extra: Sequence[Mark] = ()
) -> tuple[str, list[tuple[int, int, Mark]]]:
    """The text of a cell (its sentences joined) and the marks clipped to it, offsets into that
    text; `extra` marks (a link's shared words) are drawn first, under the side's own."""
    marks = [*extra, *side.marks]
    pieces, spans, pos = [], [], 0
    for n_, index in enumerate(indices):
        if n_:
            pieces.append(separator)
            pos += len(separator)
        start, end = side.sentences[index]
        pieces.append(side.text[start:end])
        for mark in marks:
            s, e = max(mark.start, start), min(mark.end, end)
            if s < e:
                spans.append((pos + s - start, pos + e - start, mark))
        pos += end - start
    return "".join(pieces), spans
