"""The compare screen's row layout, as plain data (reader.analysis.compare_layout; no Textual)."""

from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest

from comparison_doubles import (
    LEFT_OUTLET,
    LEFT_TEXT,
    LEFT_SENTENCES,
    RIGHT_TEXT,
    sentence_dicts,
    framed_comparison,
    graded_comparison,
    hand_comparison,
    hand_data,
    typed,
)

from reader.analysis.compare import Comparison, Pair, Possible, compare
from reader.analysis.compare_terms import LEGEND
from reader.analysis.compare_layout import (
    ALIGNED,
    GAP,
    GUTTER,
    MOVED,
    ONLY,
    POSSIBLE,
    SKIPPED,
    WEAK,
    build_model,
    display_text,
    mirror,
    row_summary,
    told_elsewhere,
)
from reader.analysis.names import NameVariant
from reader.corpus import Article


def test_layout_aligns_pairs_in_rows_and_pads_gaps():
    model = build_model(hand_comparison())
    layout = [(row.kind, row.left, row.right, row.left_status, row.right_status) for row in model.rows]
    assert layout == [
        (ALIGNED, [0], [0], ALIGNED, ALIGNED),
        (GAP, [], [1], "", ONLY),
        (ALIGNED, [1], [2], ALIGNED, ALIGNED),
        (ALIGNED, [2], [3], ALIGNED, ALIGNED),
        (GAP, [3], [], ONLY, ""),
        (ALIGNED, [4], [4], ALIGNED, ALIGNED),
    ]
    reasons = [d.reasons for d in model.differences]
    assert reasons == [
        ["only in Right Outlet"],
        ["quote shortened"],
        ["figures differ"],
        [f"only in {LEFT_OUTLET}"],
        ["quote altered"],
    ]


def _comparison(n: int, m: int, pairs: list[tuple[int, int, float]]) -> Comparison:
    left = [f"Left sentence number {i}." for i in range(n)]
    right = [f"Right sentence number {j}." for j in range(m)]
    lt, rt = " ".join(left), " ".join(right)
    paired_l = {i for i, _, _ in pairs}
    paired_r = {j for _, j, _ in pairs}
    data = {
        "left": {"id": "l", "outlet": "L", "title": "", "sentences": sentence_dicts(lt, left)},
        "right": {"id": "r", "outlet": "R", "title": "", "sentences": sentence_dicts(rt, right)},
        "pairs": [{"left": i, "right": j, "score": s} for i, j, s in pairs],
        "only_left": [i for i in range(n) if i not in paired_l],
        "only_right": [j for j in range(m) if j not in paired_r],
    }
    return typed(data, lt, rt)


def test_layout_keeps_reading_order_when_pairs_cross():
    # 0-2 and 2-0 cross: only one can be a row; the better one wins, the other is "moved".
    comparison = _comparison(3, 3, [(0, 2, 0.5), (1, 1, 0.6), (2, 0, 0.9)])
    model = build_model(comparison)
    for side in ("left", "right"):
        shown = [i for row in model.rows for i in getattr(row, side)]
        assert shown == sorted(shown) == [0, 1, 2]
    aligned = [(row.left, row.right) for row in model.rows if row.kind == ALIGNED]
    assert aligned == [([2], [0])]
    statuses = {row.left_status for row in model.rows if row.kind == GAP and row.left}
    assert statuses == {MOVED}


def test_told_elsewhere_lists_exactly_the_sentences_the_screen_marks_moved():
    # `reader compare --json` and the text carried no trace of the screen's "~": a script had to
    # redo the row layout to know which links leave the reading order.
    comparison = _comparison(5, 4, [(0, 2, 0.5), (1, 1, 0.6), (2, 0, 0.9), (3, 3, 0.8), (4, 2, 0.4)])
    model = build_model(comparison)
    marked = {
        side: sorted(i for row in model.rows for i in getattr(row, side) if getattr(row, f"{side}_status") == MOVED)
        for side in ("left", "right")
    }
    found = told_elsewhere(comparison)
    assert {side: sorted(found[side]) for side in found} == marked
    assert found == {"left": {0: [2], 1: [1], 4: [2]}, "right": {1: [1], 2: [0, 4]}}
    assert told_elsewhere(_comparison(2, 2, [(0, 0, 0.9), (1, 1, 0.9)])) == {"left": {}, "right": {}}


def test_two_versions_from_one_outlet_are_named_apart():
    # An article and its update: the summary said "2 only in Fox News · 1 only in Fox News".
    base = _comparison(4, 3, [(0, 0, 0.9), (3, 2, 0.9), (1, 2, 0.8)])
    one_outlet = dataclasses.replace(
        base,
        left=dataclasses.replace(base.left, outlet="Fox News"),
        right=dataclasses.replace(base.right, outlet="fox  news"),
    )
    model = build_model(one_outlet)
    assert (model.left.outlet, model.right.outlet) == ("Fox News (left)", "fox  news (right)")
    reasons = [reason for d in model.differences for reason in d.reasons]
    assert "only in Fox News (left)" in reasons and "only in fox  news (right)" in reasons
    swapped = model.swapped()  # the side now on the left is the left one
    assert (swapped.left.outlet, swapped.right.outlet) == ("fox  news (left)", "Fox News (right)")
    assert build_model(base).left.outlet == "L"  # two outlets keep their names


def test_a_side_with_no_outlet_is_named_as_everywhere_else():
    # The compare screen said "unknown outlet", the commands `?` and the rest of the app "Unknown outlet".
    from reader.wording import NO_OUTLET

    base = _comparison(4, 3, [(0, 0, 0.9), (3, 2, 0.9)])
    one = dataclasses.replace(base, left=dataclasses.replace(base.left, outlet=None))
    assert build_model(one).left.outlet == NO_OUTLET
    assert any(reason.endswith(f"only in {NO_OUTLET}") for d in build_model(one).differences for reason in d.reasons)
    both = dataclasses.replace(one, right=dataclasses.replace(base.right, outlet=None))
    assert (build_model(both).left.outlet, build_model(both).right.outlet) == (
        f"{NO_OUTLET} (left)",
        f"{NO_OUTLET} (right)",
    )


def test_a_row_names_its_sentences_as_the_text_numbers_them():
    # The screen showed no numbers: "L19" in reader compare's text could not be found on it.
    model = build_model(_comparison(3, 3, [(0, 2, 0.5), (1, 1, 0.6), (2, 0, 0.9)]))
    summaries = [row_summary(row) for row in model.rows]
    assert "L3 ↔ R1 · linked 0.90" in summaries
    assert {"L1", "L2", "R2", "R3"} <= {part for s in summaries if "↔" not in s for part in s.split(" · ")}
    graded = build_model(graded_comparison())
    weak = next(row for row in graded.rows if row.left_status == WEAK)
    assert row_summary(weak).endswith(f"weak link {weak.score:.2f}")


def test_each_row_knows_the_rows_of_its_counterparts_told_out_of_order_or_possibly():
    # "~ told elsewhere" and "? possibly told by" named no place to look: the rows holding the
    # counterparts are known, both ways, so the screen can go there and back.
    model = build_model(_comparison(3, 3, [(0, 2, 0.5), (1, 1, 0.6), (2, 0, 0.9)]))
    row_of_left = {i: r for r, row in enumerate(model.rows) for i in row.left}
    row_of_right = {j: r for r, row in enumerate(model.rows) for j in row.right}
    assert model.rows[row_of_left[0]].partners == [row_of_right[2]]
    assert model.rows[row_of_right[2]].partners == [row_of_left[0]]
    assert model.rows[row_of_left[1]].partners == [row_of_right[1]]
    assert model.rows[row_of_left[2]].partners == []  # side by side with its partner
    graded = build_model(graded_comparison())
    (possible,) = [r for r, row in enumerate(graded.rows) if row.left_status == POSSIBLE]
    (candidate,) = [r for r, row in enumerate(graded.rows) if 1 in row.right]  # its closest sentence
    assert graded.rows[possible].partners == [candidate]
    assert graded.partner_rows(possible, possible) == [candidate]
    assert graded.partner_rows(min(possible, candidate), max(possible, candidate)) == []  # inside


def test_a_gap_row_keeps_each_cells_counterparts_apart():
    # A gap row holds two unrelated sentences side by side: a click on the one told by its side
    # alone marked the other's possible match as its counterpart.
    from reader.analysis.compare import Possible

    comparison = graded_comparison()
    comparison.pairs = [pair for pair in comparison.pairs if (pair.left, pair.right) != (2, 3)]
    comparison.possibly_left.append(Possible(2, 0, 0.3))
    model = build_model(comparison)
    (gap,) = [row for row in model.rows if row.left == [2]]
    assert gap.right == [3] and gap.right_status == ONLY
    assert gap.partners_of("left") == [0] and gap.partners_of("right") == []
    assert gap.partners == [0]  # the partner key visits the row's counterparts, both cells'
    mirrored = model.swapped()
    (gap,) = [row for row in mirrored.rows if row.right == [2]]
    assert gap.partners_of("right") == [0] and gap.partners_of("left") == []


def test_told_elsewhere_names_the_sentence_that_tells_it():
    # "L: told elsewhere" said not which sentence, while p goes there: it is named by its first
    # words, as "possibly told by" names its candidate (the screen shows no sentence numbers).
    model = build_model(_comparison(3, 3, [(0, 2, 0.5), (1, 1, 0.6), (2, 0, 0.9)]))
    reasons = [reason for row in model.rows for reason in row.reasons if "elsewhere" in reason]
    assert reasons == [
        "L: told elsewhere by R (“Right sentence number 2.”)",
        "L: told elsewhere by R (“Right sentence number 1.”)",
        "R: told elsewhere by L (“Left sentence number 1.”)",
        "R: told elsewhere by L (“Left sentence number 0.”)",
    ]


def test_a_counterpart_opening_with_a_quotation_mark_is_not_quoted_twice():
    # "possibly told by The New York Times (““There have been numerous…”)": the sentence's own
    # opening mark inside ours.
    from reader.analysis.compare_layout import _opening, _shown_side

    text = "“There have been numerous, reported instances in the past,” he wrote."
    right = _shown_side(typed({"left": {}, "right": {"sentences": sentence_dicts(text, [text])}}, "", text).right)
    assert _opening(right, 0) == "There have been numerous, reported instances…"


def test_layout_groups_one_sentence_split_in_two():
    # Left 1 says what right 1 and right 2 say: one row holds all three.
    comparison = _comparison(3, 4, [(0, 0, 0.9), (1, 1, 0.7), (1, 2, 0.6), (2, 3, 0.8)])
    model = build_model(comparison)
    assert [(row.left, row.right) for row in model.rows] == [([0], [0]), ([1], [1, 2]), ([2], [3])]
    assert model.differences == []


def test_layout_ignores_out_of_range_pairs_and_survives_empty_input():
    comparison = _comparison(2, 2, [(0, 0, 0.9), (5, 1, 0.9), (1, -1, 0.9)])
    model = build_model(comparison)
    assert [(row.left, row.right) for row in model.rows] == [([0], [0]), ([1], [1])]
    empty = build_model(typed({}))
    assert empty.rows == [] and empty.differences == []


def test_layout_uses_sentence_text_when_offsets_do_not_fit():
    model = build_model(typed(hand_data(), "a different text", ""))
    assert model.left.sentence_text(2) == LEFT_SENTENCES[2]
    # the quote marks are found by their words instead
    assert any(m.kind == "fragment" for m in model.left.marks)


def test_mirror_exchanges_every_side():
    comparison = graded_comparison()
    flipped = mirror(comparison)
    assert flipped.left.id == "right" and flipped.left.text == RIGHT_TEXT
    assert flipped.pairs[1] == Pair(2, 1, 0.7)
    assert flipped.only_left == [] and flipped.possibly_right == comparison.possibly_left
    assert flipped.skipped_left == {1: "caption"} and flipped.skipped_right == {}
    assert flipped.shared_quotes[0].left.text == "we will not accept this deal"
    assert flipped.figures[0].left.text == "Seven" and flipped.figures[0].left_sentence == 3
    hand = mirror(hand_comparison())
    assert hand.only_left == [1] and hand.only_right == [3]
    framed = mirror(framed_comparison())
    assert [w.text for w in framed.framing[0].left] == ["held a meeting"]
    assert framed.headline.left.stressed == ["Right"]
    variant = mirror(
        typed(
            {
                "name_variants": [
                    {"left": "Sergey", "right": "Sergei", "left_name": "Sergey Lavrov", "right_name": "Sergei Lavrov"}
                ]
            }
        )
    )
    assert variant.name_variants == [NameVariant("Sergei", "Sergey", "Sergei Lavrov", "Sergey Lavrov")]
    assert mirror(flipped) == comparison
    # what is said of one side moves with it: the compared part, the language
    said = dataclasses.replace(comparison, limited={"left": (600, 900)}, languages={"right": "pt"})
    assert mirror(said).limited == {"right": (600, 900)} and mirror(said).languages == {"left": "pt"}
    assert "right side: first 600 of 900" in mirror(said).limit_notice()


def test_display_text_keeps_offsets_and_drops_controls():
    raw = "a\x1b]0;pwned\x07b\nc\x9bd"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\n" not in shown


def test_framing_marks_both_sides_and_is_a_difference():
    model = build_model(framed_comparison())
    assert model.framing == ["loaded: met ↔ held a meeting"]
    assert model.figure_kinds == ["count of people"]
    assert model.headline == (["[@click=app.quit]quit[/]"], ["Right"])
    assert [m.kind for m in model.left.marks if m.kind == "framing"] == ["framing"]
    assert model.differences[0].first == 0 and model.differences[0].reasons == ["framed differently"]
    swapped = model.swapped()
    assert swapped.framing == ["loaded: held a meeting ↔ met"]
    assert swapped.headline == (["Right"], ["[@click=app.quit]quit[/]"])


def test_a_side_without_the_framing_words_says_what_it_lacks():
    """The summary bar said "hedge: allegedly ↔ (no such word)", read as "no article has this
    word": the side with none says what it lacks, by the flag's kind."""
    from comparison_doubles import span_dict

    data = hand_data()
    data["framing"] = [
        {
            "kind": kind,
            "about": about,
            "left": {"sentence": 0, "words": [span_dict(LEFT_TEXT, "met")]},
            "right": {"sentence": 0, "words": []},
        }
        for kind, about in (("hedge", None), ("loaded", None), ("attribution", None), ("label", "Hale"))
    ]
    model = build_model(typed(data, LEFT_TEXT, RIGHT_TEXT))
    assert model.framing == [
        "hedge: met ↔ (no hedge)",
        "loaded: met ↔ (no loaded word)",
        "attribution: met ↔ (no attribution)",
        "label: met ↔ (no label) (Hale)",
    ]
    assert model.swapped().framing[0] == "hedge: (no hedge) ↔ met"
    assert [flag.summary() for flag in model.comparison.framing][:2] == [
        "hedge: “met” vs (no hedge)",
        "loaded: “met” vs (no loaded word)",
    ]


def test_layout_grades_weak_possible_and_skipped():
    model = build_model(graded_comparison())
    layout = [(row.kind, row.left, row.right, row.left_status, row.right_status) for row in model.rows]
    assert (GAP, [], [1], "", SKIPPED) in layout
    assert (GAP, [3], [], POSSIBLE, "") in layout
    assert (ALIGNED, [4], [4], WEAK, WEAK) in layout
    assert (ALIGNED, [0], [0], ALIGNED, ALIGNED) in layout
    reasons = [reason for d in model.differences for reason in d.reasons]
    # with how close the candidate came, as the text's "(closest: R2, 0.20)": the screen said only
    # its first words, so a 0.20 looked as worth checking as a 0.58
    assert f"{LEFT_OUTLET}: possibly told by Right Outlet (0.20: “Only the right has this sentence.”)" in reasons
    assert not any("Right Outlet" in r and "only" in r for r in reasons)  # a caption is no absence
    assert model.only_left == 0 and model.only_right == 0 and model.possible_count == 1
    swapped = model.swapped()
    assert (GAP, [1], [], SKIPPED, "") in [
        (row.kind, row.left, row.right, row.left_status, row.right_status) for row in swapped.rows
    ]


def test_every_gutter_mark_is_in_the_legend():
    marks = {mark.strip() for mark in GUTTER.values() if mark.strip()}
    assert marks <= {mark for mark, _ in LEGEND}
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for mark in marks:
        assert f"`{mark}`" in readme, f"README does not explain the {mark} mark"


def test_each_linked_row_says_what_its_two_sides_share_and_where():
    """Why a row is linked, for the screen: its strength, the words both sentences use (the
    name variant's two spellings as one), marked at their places on each side."""
    left_text = "Sergey Lavrov met Marco Rubio in Budapest."
    right_text = "Rubio and Sergei Lavrov held talks in Budapest on Monday."
    data = {
        "left": {"id": "l", "outlet": "L", "sentences": [{"text": left_text, "start": 0, "end": len(left_text)}]},
        "right": {"id": "r", "outlet": "R", "sentences": [{"text": right_text, "start": 0, "end": len(right_text)}]},
        "pairs": [{"left": 0, "right": 0, "score": 0.81}],
        "name_variants": [{"left": "Sergey", "right": "Sergei"}],
    }
    model = build_model(typed(data, left_text, right_text))
    evidence = model.evidence(0)
    assert model.rows[0].score == 0.81 and model.rows[0].left_status != WEAK
    assert evidence.words == ["Sergey/Sergei", "Lavrov", "Rubio", "Budapest"]
    assert [left_text[m.start : m.end] for m in evidence.left] == ["Sergey", "Lavrov", "Rubio", "Budapest"]
    assert [right_text[m.start : m.end] for m in evidence.right] == ["Rubio", "Sergei", "Lavrov", "Budapest"]
    assert model.targets("links")[0].reasons == ["linked 0.81 · shares: Sergey/Sergei, Lavrov, Rubio, Budapest"]
    # The summary's "Names: Sergey ↔ Sergei" points at the words themselves on both sides.
    names = [(m.start, m.end) for m in model.left.marks if m.kind == "name"]
    assert [left_text[s:e] for s, e in names] == ["Sergey"]
    assert [right_text[m.start : m.end] for m in model.right.marks if m.kind == "name"] == ["Sergei"]
    assert model.differences == []  # a name variant alone is no difference to visit


def test_the_stops_of_each_kind_of_visit():
    model = build_model(hand_comparison())
    assert [d.first for d in model.targets("links")] == [0, 2, 3, 5]
    assert [d.first for d in model.targets(ONLY)] == [1, 4]
    assert model.targets("differences") is model.differences
    graded = build_model(graded_comparison())
    assert [d.first for d in graded.targets(POSSIBLE)] == [4]


def test_a_row_of_several_links_says_its_strongest_of_how_many():
    data = hand_data()
    data["pairs"].append({"left": 0, "right": 1, "score": 0.65})  # right 1 joins row 0: one-to-many
    model = build_model(typed(data, LEFT_TEXT, RIGHT_TEXT))
    assert model.rows[0].right == [0, 1]
    assert model.targets("links")[0].reasons[0].startswith("linked 0.80 (strongest of 2 links) · shares: Officials")


TWO_LEFT = "Rubio met Lavrov in Budapest. They talked for hours."
ONE_RIGHT = "Rubio and Lavrov met in Budapest, where they talked for hours."


def _two_sentences_beside_one(pairs: list[dict]) -> Comparison:
    """L1 and L2 beside R1, which tells both, linked by `pairs`."""
    data = {
        "left": {
            "id": "l",
            "outlet": "L",
            "sentences": [
                {"text": "Rubio met Lavrov in Budapest.", "start": 0, "end": 29},
                {"text": "They talked for hours.", "start": 30, "end": 52},
            ],
        },
        "right": {"id": "r", "outlet": "R", "sentences": [{"text": ONE_RIGHT, "start": 0, "end": len(ONE_RIGHT)}]},
        "pairs": pairs,
    }
    return typed(data, TWO_LEFT, ONE_RIGHT)


def test_a_linked_rows_strength_is_the_rows_own():
    """The summary bar's strength of a linked row is the row's score and gutter mark: weak only
    when every link of the row is weak, the strongest link's score."""
    weak_links = [
        {"left": 0, "right": 0, "score": 0.55, "weak": True},
        {"left": 1, "right": 0, "score": 0.52, "weak": True},
    ]
    weak = build_model(_two_sentences_beside_one(weak_links))
    assert weak.rows[0].left_status == WEAK and weak.evidence(0).links == 2
    assert weak.targets("links")[0].reasons[0].startswith("weak link 0.55 (strongest of 2 links)")
    strong = build_model(_two_sentences_beside_one([weak_links[0], {"left": 1, "right": 0, "score": 0.9}]))
    assert strong.rows[0].left_status == ALIGNED
    assert strong.targets("links")[0].reasons[0].startswith("linked 0.90 (strongest of 2 links)")


def test_a_link_sharing_no_word_is_explained_in_one_wording_on_the_screen_and_in_the_reports():
    # The screen said "no word: linked by meaning", `reader compare` "no word (linked by meaning)".
    from reader.analysis.compare_terms import NO_SHARED_WORD
    from reader.analysis.report import render_markdown, render_text

    left, right = ["Officials met today."], ["A feline rested."]
    lt, rt = " ".join(left), " ".join(right)
    data = {
        "left": {"id": "l", "outlet": "L", "title": "", "sentences": sentence_dicts(lt, left)},
        "right": {"id": "r", "outlet": "R", "title": "", "sentences": sentence_dicts(rt, right)},
        "pairs": [{"left": 0, "right": 0, "score": 0.8}],
    }
    comparison = typed(data, lt, rt)
    (link,) = build_model(comparison).targets("links")
    said = f"shares: {NO_SHARED_WORD}"
    assert link.reasons == [f"linked 0.80 · {said}"]
    assert said in render_text(comparison) and said in render_markdown(comparison)
    assert "Aligned sentences (1 link)" in render_text(comparison)  # was "(1 links)"


@pytest.mark.parametrize(
    "left_outlet, right_outlet",
    [("Fox News", "fox  news"), ("Rally \u2764\ufe0f News", "RALLY \u2764 NEWS"), ("Daily", "Daily")],
)
def test_the_screen_and_reader_compare_name_one_outlets_sides_apart_alike(left_outlet, right_outlet):
    # The screen casefolded, `reader compare`'s report matched exactly: "Rally ❤️ News" and
    # "Rally ❤ News" were "(left)"/"(right)" on one and not the other.
    from reader.analysis.report import _names

    base = _comparison(4, 3, [(0, 0, 0.9), (3, 2, 0.9)])
    one_outlet = dataclasses.replace(
        base,
        left=dataclasses.replace(base.left, outlet=left_outlet),
        right=dataclasses.replace(base.right, outlet=right_outlet),
    )
    model = build_model(one_outlet)
    assert (model.left.outlet, model.right.outlet) == (f"{left_outlet} (left)", f"{right_outlet} (right)")
    shown = _names(one_outlet)
    assert shown[0].endswith(" (left)") and shown[1].endswith(" (right)"), shown


def test_a_possible_sentence_says_the_closeness_of_the_candidate_it_names():
    # the candidate and its closeness were kept apart: a second finding for one sentence, whose
    # candidate is past the other side's end, gave its closeness to the first's candidate
    comparison = graded_comparison()
    stray = Possible(3, len(comparison.right.sentences) + 5, 0.9)
    comparison = dataclasses.replace(comparison, possibly_left=[*comparison.possibly_left, stray])
    reasons = [reason for d in build_model(comparison).differences for reason in d.reasons]
    assert f"{LEFT_OUTLET}: possibly told by Right Outlet (0.20: “Only the right has this sentence.”)" in reasons


def test_the_summary_says_a_differing_figure_is_approximate():
    # the app's summary bar shows figure_kinds: "some 16" against "40" is a soft difference
    lt = "House leaders said the Senate should take up some 16 bills passed this year."
    rt = "House leaders said the Senate should take up 40 bills passed this year."
    a = Article(id="a", path=Path("a.txt"), text=lt, outlet="Left Daily", title="t")
    b = Article(id="b", path=Path("b.txt"), text=rt, outlet="Right Herald", title="u")
    model = build_model(compare(a, b))
    assert model.figures == [("some 16", "40")]
    assert (model.figure_kinds, model.figure_approximate) == (["count of bills"], [True])


def test_every_row_names_its_links_to_other_rows_reading_the_links_once():
    # Each row's name (its tooltip, the summary bar) scanned every link of the comparison: rows x
    # links, 1.7 s at 6,000 sentences a side (bench/bench_also_linked.py). The links are indexed
    # once per comparison, and each row names the same links, in the same order.
    from reader.tui.widgets.compare_view import row_name

    class CountedPairs(list):
        reads = 0

        def __iter__(self):
            CountedPairs.reads += 1
            return super().__iter__()

    links = [(i, i, 0.8) for i in range(40)] + [(i, (i + 20) % 40, 0.5) for i in range(0, 40, 3)]
    comparison = _comparison(40, 40, links)
    model = build_model(dataclasses.replace(comparison, pairs=CountedPairs(comparison.pairs)))
    CountedPairs.reads = 0
    names = [row_name(model, row) for row in model.rows]
    assert CountedPairs.reads <= 1
    for row, name in zip(model.rows, names):
        leaving = [p for p in comparison.pairs if (p.left in row.left) != (p.right in row.right)]
        assert model.links_leaving(row) == leaving
        assert ("also linked: " in name) == bool(leaving)
    assert any("also linked: L1 ↔ R21 0.50" in name for name in names)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_a_link_score_that_is_no_number_shows_as_unknown_and_is_never_the_strongest(bad):
    """A NaN score read "linked 1.00" (NaN < 1 is false) and, as the first of a row's links, was
    the row's strength: max() keeps a NaN met first."""
    from reader.analysis.compare_terms import strength

    assert strength(bad) == "?"
    both = build_model(
        _two_sentences_beside_one([{"left": 0, "right": 0, "score": bad}, {"left": 1, "right": 0, "score": 0.7}])
    )
    assert both.rows[0].score == 0.7
    assert both.targets("links")[0].reasons[0].startswith("linked 0.70 (strongest of 2 links)")
    alone = build_model(_two_sentences_beside_one([{"left": 0, "right": 0, "score": bad}]))
    assert row_summary(alone.rows[0]) == "L1 ↔ R1 · linked ?"
    assert alone.targets("links")[0].reasons[0].startswith("linked ? ·")
    assert "1.00" not in row_summary(alone.rows[0])


def test_a_score_that_is_no_number_is_null_in_the_json():
    import json

    assert Pair(0, 1, float("nan")).to_dict()["score"] is None
    assert Possible(0, 1, float("inf")).to_dict()["score"] is None
    assert json.loads(json.dumps(Pair(0, 1, 0.123456).to_dict()))["score"] == 0.1235


def _versions(kept: list[str], edits: dict[int, str], added: str = "") -> Comparison:
    """Two versions of one article: the left's sentences `kept`, the right's the same but those
    `edits` rewrites (by index), `added` after; every sentence linked to its own in step."""
    right = [edits.get(i, sentence) for i, sentence in enumerate(kept)] + ([added] if added else [])
    lt, rt = " ".join(kept), " ".join(right)
    data = {
        "left": {"id": "v1", "outlet": "Fox", "title": "", "sentences": sentence_dicts(lt, kept)},
        "right": {"id": "v2", "outlet": "Fox", "title": "", "sentences": sentence_dicts(rt, right)},
        "pairs": [{"left": i, "right": i, "score": 0.99 if i not in edits else 0.8} for i in range(len(kept))],
        "only_left": [],
        "only_right": [len(kept)] if added else [],
    }
    return typed(data, lt, rt)


KEPT = [f"Sentence [bold]{n}[/bold] stays as it was." for n in range(1, 8)]


def test_two_versions_fold_each_run_kept_word_for_word_into_one_row():
    comparison = _versions(KEPT, {2: "Sentence 3 was edited."}, added="An added sentence.")

    model = build_model(comparison, fold_kept=True)

    rows = [(row.left, row.right, row.kept) for row in model.rows]
    assert rows == [([0, 1], [0, 1], 2), ([2], [2], 0), ([3, 4, 5, 6], [3, 4, 5, 6], 4), ([], [7], 0)]
    assert [row_summary(row) for row in model.rows if row.kept] == [
        "L1–L2 = R1–R2 · kept word for word: 2 sentences",
        "L4–L7 = R4–R7 · kept word for word: 4 sentences",
    ]
    assert [(d.first, d.last) for d in model.differences] == [(3, 3)]  # the added sentence, its row now 3
    assert len(build_model(comparison).rows) == 8  # not two versions: every sentence its row


def test_a_run_opened_shows_its_rows_and_folds_again():
    model = build_model(_versions(KEPT, {2: "Sentence 3 was edited."}), fold_kept=True)

    opened = model.with_opened({3})

    assert [(row.left, row.kept) for row in opened.rows] == [
        ([0, 1], 2),
        ([2], 0),
        ([3], 0),
        ([4], 0),
        ([5], 0),
        ([6], 0),
    ]
    assert [opened.run_of_row(r) for r in range(len(opened.rows))] == [0, None, 3, 3, 3, 3]
    assert [(row.left, row.kept) for row in opened.with_opened(set()).rows] == [
        ([0, 1], 2),
        ([2], 0),
        ([3, 4, 5, 6], 4),
    ]
    assert [len(row.left) for row in opened.unfolded().rows] == [1] * 7
    swapped = opened.swapped()  # the opened run stays open on its new side
    assert [(row.right, row.kept) for row in swapped.rows][2:] == [([3], 0), ([4], 0), ([5], 0), ([6], 0)]


def test_a_sentence_linked_twice_is_not_folded():
    comparison = _versions(KEPT[:4], {})
    comparison.pairs.append(dataclasses.replace(comparison.pairs[0], right=1))  # L1 linked to R2 too

    rows = build_model(comparison, fold_kept=True).rows

    assert [(row.left, row.right, row.kept) for row in rows] == [([0], [0], 0), ([1], [1], 0), ([2, 3], [2, 3], 2)]


def test_one_sentence_kept_between_two_edits_is_shown_not_folded():
    """A run of one sentence folded hid it behind a row as long as its own: it stays, the context
    of the edits around it."""
    edits = {1: "Sentence 2 was edited.", 3: "Sentence 4 was edited."}

    model = build_model(_versions(KEPT[:6], edits), fold_kept=True)

    assert [(row.left, row.kept) for row in model.rows] == [([0], 0), ([1], 0), ([2], 0), ([3], 0), ([4, 5], 2)]
    assert [model.run_of_row(r) for r in range(len(model.rows))] == [None, None, None, None, 4]
