"""Comparisons written by hand, for the compare layout and screen tests (no Textual here).

They are written in the `reader compare --json` shape (short and readable) and turned into the
typed `Comparison` the core returns, hostile strings included. `CompareLibrary` is the Library
double whose comparisons are these.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import conftest
from conftest import LibraryDouble, StoryDouble

from reader.analysis.compare_layout import mirror
from reader.analysis.compare import Comparison, Pair, Possible, QuoteSpan, SharedQuote, Side, Span
from reader.analysis.figures import Figure, FigureDifference, FigureValues
from reader.analysis.framing import FramingFlag, Word
from reader.analysis.headline import Headline, HeadlineComparison
from reader.analysis.names import NameVariant

LEFT_SENTENCES = [
    "Officials met in [bold]Budapest[/bold] on Monday.",
    'The minister said "we will not accept this deal at all" after talks.',
    "Eight people were hurt [@click=app.quit]x[/].",
    "A line only the left reports [/foo]\x1b]0;pwned\x07\x1b[2J.",
    '"The door stays open," an aide said.',
]
RIGHT_SENTENCES = [
    "Officials held a meeting in Budapest on Monday.",
    "Only the right has this sentence.",
    'The minister said "we will not accept this deal" to reporters.',
    "Seven people were hurt.",
    '"The door remains open," an aide said.',
]
LEFT_TEXT = " ".join(LEFT_SENTENCES)
RIGHT_TEXT = "\n\n".join(RIGHT_SENTENCES)
LEFT_OUTLET = "Left [b]Outlet[/b]"
LEFT_TITLE = "Left title [/x] [@click=app.quit]quit[/]"


def sentence_dicts(text: str, pieces: list[str]) -> list[dict]:
    out, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        out.append({"text": piece, "start": start, "end": start + len(piece)})
        pos = start + len(piece)
    return out


def span_dict(text: str, piece: str, **extra) -> dict:
    start = text.index(piece)
    return {"text": piece, "start": start, "end": start + len(piece), **extra}


def hand_data() -> dict:
    """The hand-written comparison of LEFT_TEXT and RIGHT_TEXT, in the `--json` shape."""
    return {
        "left": {
            "id": "left",
            "outlet": LEFT_OUTLET,
            "title": LEFT_TITLE,
            "sentences": sentence_dicts(LEFT_TEXT, LEFT_SENTENCES),
        },
        "right": {
            "id": "right",
            "outlet": "Right Outlet",
            "title": "Right title",
            "sentences": sentence_dicts(RIGHT_TEXT, RIGHT_SENTENCES),
        },
        "pairs": [
            {"left": 0, "right": 0, "score": 0.8},
            {"left": 1, "right": 2, "score": 0.7},
            {"left": 2, "right": 3, "score": 0.6},
            {"left": 4, "right": 4, "score": 0.9},
        ],
        "only_left": [3],
        "only_right": [1],
        "shared_quotes": [
            {
                "left": span_dict(LEFT_TEXT, "we will not accept this deal at all"),
                "right": span_dict(RIGHT_TEXT, "we will not accept this deal"),
                "match": "fragment",
            },
            {
                "left": span_dict(LEFT_TEXT, "The door stays open,"),
                "right": span_dict(RIGHT_TEXT, "The door remains open,"),
                "match": "altered",
            },
        ],
        "name_variants": [{"left": "Sergey", "right": "Sergei"}],
        "figures": [
            {"left": span_dict(LEFT_TEXT, "Eight", sentence=2), "right": span_dict(RIGHT_TEXT, "Seven", sentence=3)}
        ],
    }


def _side(info: dict, text: str) -> Side:
    sentences = [Span(s["text"], s["start"], s["end"]) for s in info.get("sentences") or []]
    return Side(info.get("id", ""), info.get("outlet"), info.get("title"), text, sentences)


def _figure(span: dict) -> Figure:
    return Figure(span["text"], span["start"], span["end"], span.get("kind", ""), None, span.get("unit"))


def _flag(flag: dict) -> FramingFlag:
    def words(side: dict) -> tuple[Word, ...]:
        return tuple(Word(w["text"], w["start"], w["end"]) for w in side["words"])

    return FramingFlag(
        flag["kind"],
        flag["left"]["sentence"],
        flag["right"]["sentence"],
        words(flag["left"]),
        words(flag["right"]),
        flag.get("about"),
    )


def _headline(data: dict) -> HeadlineComparison:
    def one(side: dict) -> Headline:
        return Headline(
            side["text"], list(side.get("sentences", [])), list(side.get("stressed", [])), source=side.get("source")
        )

    return HeadlineComparison(
        one(data["left"]),
        one(data["right"]),
        list(data.get("shared", [])),
        data.get("similarity", 0.0),
        [FigureValues(_figure(f["left"]), _figure(f["right"])) for f in data.get("figures", [])],
    )


def typed(data: dict, left_text: str = "", right_text: str = "") -> Comparison:
    """The typed Comparison of a comparison written in the `--json` shape, over the two texts."""

    def quote(span: dict) -> QuoteSpan:
        return QuoteSpan(span["text"], span["start"], span["end"], span.get("speaker"))

    def possible(items) -> list[Possible]:
        return [Possible(p["sentence"], p["candidate"], p.get("score", 0.0)) for p in items or []]

    return Comparison(
        left=_side(data.get("left") or {}, left_text),
        right=_side(data.get("right") or {}, right_text),
        pairs=[Pair(p["left"], p["right"], p.get("score", 0.0), p.get("weak", False)) for p in data.get("pairs", [])],
        only_left=list(data.get("only_left", [])),
        only_right=list(data.get("only_right", [])),
        shared_quotes=[
            SharedQuote(quote(q["left"]), quote(q["right"]), q.get("match", "exact"))
            for q in data.get("shared_quotes", [])
        ],
        name_variants=[
            NameVariant(v["left"], v["right"], v.get("left_name", ""), v.get("right_name", ""))
            for v in data.get("name_variants", [])
        ],
        figures=[
            FigureDifference(
                _figure(f["left"]), _figure(f["right"]), f["left"].get("sentence", 0), f["right"].get("sentence", 0)
            )
            for f in data.get("figures", [])
        ],
        framing=[_flag(f) for f in data.get("framing", [])],
        headline=_headline(data["headline"]) if data.get("headline") else None,
        possibly_left=possible(data.get("possibly_left")),
        possibly_right=possible(data.get("possibly_right")),
        skipped_left={s["sentence"]: s["kind"] for s in data.get("skipped_left", [])},
        skipped_right={s["sentence"]: s["kind"] for s in data.get("skipped_right", [])},
    )


def hand_comparison() -> Comparison:
    return typed(hand_data(), LEFT_TEXT, RIGHT_TEXT)


def one_sentence_each(left, right) -> Comparison:
    """Two articles compared as one sentence each, with nothing in common."""

    def side(doc) -> dict:
        return {
            "id": doc.id,
            "outlet": doc.outlet,
            "title": doc.title,
            "sentences": [{"text": doc.text, "start": 0, "end": len(doc.text)}],
        }

    return typed({"left": side(left), "right": side(right), "only_left": [0], "only_right": [0]}, left.text, right.text)


def framed_comparison() -> Comparison:
    data = hand_data()
    data["figures"][0]["left"].update(kind="count", unit="people")
    data["framing"] = [
        {
            "kind": "loaded",
            "about": None,
            "left": {"sentence": 0, "words": [span_dict(LEFT_TEXT, "met")]},
            "right": {"sentence": 0, "words": [span_dict(RIGHT_TEXT, "held a meeting")]},
        }
    ]
    data["headline"] = {
        "left": {"text": LEFT_TITLE, "sentences": [], "stressed": ["[@click=app.quit]quit[/]"]},
        "right": {"text": "Right title", "sentences": [], "stressed": ["Right"]},
        "shared": ["title"],
        "similarity": 0.5,
    }
    return typed(data, LEFT_TEXT, RIGHT_TEXT)


def graded_comparison() -> Comparison:
    data = hand_data()
    data["pairs"][3]["weak"] = True  # left 4 - right 4: a weak link
    data["only_left"], data["only_right"] = [], []
    data["possibly_left"] = [{"sentence": 3, "candidate": 1, "score": 0.2}]
    data["skipped_right"] = [{"sentence": 1, "kind": "caption"}]
    return typed(data, LEFT_TEXT, RIGHT_TEXT)


# -- the Library double whose comparisons are the ones above ------------------------------------
def Doc(id: str, outlet: str, title: str, text: str, date: str = "2025-10-21", story: str | None = None):
    return conftest.Doc(id, outlet, title, date, text, story=story)


@dataclass
class CompareLibrary(LibraryDouble):
    """The in-memory library whose comparisons are written by hand (and which has no search)."""

    roots: list = field(default_factory=list)
    gate: threading.Event | None = None  # when set, compare() waits for it
    compared: list = field(default_factory=list)

    def __post_init__(self):
        roots = self.roots
        super().__post_init__()
        self.roots = roots
        self.add(Doc("left", LEFT_OUTLET, LEFT_TITLE, LEFT_TEXT, story="s1"))
        self.add(Doc("right", "Right Outlet", "Right title", RIGHT_TEXT, story="s1"))
        self.add(Doc("third", "Third Outlet", "A third paper", "Nothing in common here.", story="s2"))
        self.story_list = [StoryDouble("s1", "Budapest", ["left", "right"]), StoryDouble("s2", "Other", ["third"])]

    def search(self, query, **options):
        raise ValueError("no index in this double")

    def compare(self, left, right, progress=None, cancel=None):
        self.compared.append((left.id, right.id))
        if self.gate is not None:
            self.gate.wait(10)
        if (left.id, right.id) == ("left", "right"):
            return hand_comparison()
        if (left.id, right.id) == ("right", "left"):
            return mirror(hand_comparison())
        return one_sentence_each(left, right)


class EveryFewRowsLibrary(CompareLibrary):
    """'left' and 'right' of SIZE sentences each, linked one to one but for every EVERY-th pair
    from FROM on: a difference (a row each side tells alone) every EVERY rows."""

    SIZE = 600
    EVERY = 40
    FROM = 10

    def piece(self, i: int) -> str:
        """The text of sentence `i` (both sides)."""
        return f"S{i}."

    def compare(self, left, right, progress=None, cancel=None):
        pieces = [self.piece(i) for i in range(self.SIZE)]
        text = " ".join(pieces)
        unlinked = list(range(self.FROM, self.SIZE, self.EVERY))
        data = {
            "left": {"id": left.id, "outlet": left.outlet, "sentences": sentence_dicts(text, pieces)},
            "right": {"id": right.id, "outlet": right.outlet, "sentences": sentence_dicts(text, pieces)},
            "pairs": [{"left": i, "right": i, "score": 0.9} for i in range(self.SIZE) if i not in unlinked],
            "only_left": unlinked,
            "only_right": unlinked,
        }
        return typed(data, text, text)
