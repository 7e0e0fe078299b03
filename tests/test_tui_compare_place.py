"""The compare screen keeps the reader's place: in the side that stays when another outlet's
version is picked for the other (o / O: a fact-checker holding a sentence checks it against each
outlet in turn), and when the terminal is resized (the row selected stays in sight)."""

from __future__ import annotations

from comparison_doubles import CompareLibrary, Doc, sentence_dicts, typed
from conftest import CompareHost, StoryDouble, drive, press_and_settle, settle, wait_for
from test_tui_compare_numbers import go_to, summary

from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.compare_dialogs import VersionPicker


class ThreeOutletsLibrary(CompareLibrary):
    """One story told by three outlets. Each sentence tells a numbered fact (or none): two
    sentences are linked when they tell the same fact. 'wire' (200 sentences) tells facts 0-99
    in its even sentences; 'daily' (100) tells each fact; 'weekly' (50) every other fact."""

    FACTS = {
        "wire": [i // 2 if i % 2 == 0 else None for i in range(200)],
        "daily": list(range(100)),
        "weekly": [2 * k for k in range(50)],
    }

    def __post_init__(self):
        super().__post_init__()
        self.sentences = {
            name: [f"{name.title()} sentence {i}, long enough to wrap on a narrow screen." for i in range(len(facts))]
            for name, facts in self.FACTS.items()
        }
        for name in self.FACTS:
            self.add(
                Doc(name, f"{name.title()} Outlet", f"{name.title()} title", " ".join(self.sentences[name]), story="s3")
            )
        self.story_list.append(StoryDouble("s3", "Three outlets", list(self.FACTS)))

    def compare(self, left, right, progress=None, cancel=None):
        self.compared.append((left.id, right.id))
        sides, texts = {}, {}
        for key, doc in (("left", left), ("right", right)):
            texts[key] = doc.text
            sides[key] = {
                "id": doc.id,
                "outlet": doc.outlet,
                "title": doc.title,
                "sentences": sentence_dicts(doc.text, self.sentences[doc.id]),
            }
        lf, rf = self.FACTS[left.id], self.FACTS[right.id]
        pairs = [{"left": i, "right": rf.index(f), "score": 0.8} for i, f in enumerate(lf) if f is not None and f in rf]
        data = {
            **sides,
            "pairs": pairs,
            "only_left": [i for i in range(len(lf)) if i not in {p["left"] for p in pairs}],
            "only_right": [j for j in range(len(rf)) if j not in {p["right"] for p in pairs}],
        }
        return typed(data, texts["left"], texts["right"])


async def pick(pilot, key: str, outlet: str) -> None:
    """o (O): the version picker for that side, filtered to `outlet`, Enter; until it shows."""
    app = pilot.app
    await press_and_settle(pilot, key)
    assert isinstance(app.screen, VersionPicker)
    await pilot.press(*outlet.lower())
    await press_and_settle(pilot, "enter")
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    await wait_for(pilot, lambda: screen.loaded is not None and outlet.lower() in (screen.left_id, screen.right_id))
    await settle(pilot)


def row_in_view(screen: CompareScreen, side: str, sentence: int) -> bool:
    row = next(r for r, each in enumerate(screen.loaded.model.rows) if sentence in each.cell(side)[0])
    shown = screen.body.rows_in_view()
    return shown is not None and shown[0] <= row <= shown[1]


async def test_a_sentence_selected_stays_selected_when_the_other_side_changes_outlet():
    # L121 selected against Daily, then O: Weekly on the right; the view went back to the top,
    # the sentence the fact-checker was checking lost.
    app = CompareHost(ThreeOutletsLibrary(), left_id="wire", right_id="daily")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "L121")
        assert summary(app).startswith("L121 ↔ R61")
        await pick(pilot, "O", "Weekly")
        assert screen.loaded.right.id == "weekly"
        assert screen._clicked_row is not None and 120 in screen.loaded.model.rows[screen._clicked_row].left
        assert summary(app).startswith("L121 ↔ R31")  # still named: the new outlet's counterpart
        assert row_in_view(screen, "left", 120)


async def test_the_right_sentence_selected_stays_when_the_left_side_changes_outlet():
    app = CompareHost(ThreeOutletsLibrary(), left_id="wire", right_id="daily")
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "pagedown", "pagedown")
        await press_and_settle(pilot, *["right_parenthesis"] * 3)  # from the top of the view: the keys' way
        if not screen.loaded.model.rows[screen._clicked_row].right:  # a row Wire alone tells: the next
            await press_and_settle(pilot, "right_parenthesis")
        held = screen.loaded.model.rows[screen._clicked_row].right
        assert held
        await pick(pilot, "o", "Weekly")
        assert screen.loaded.left.id == "weekly"
        assert screen._clicked_row is not None and held[0] in screen.loaded.model.rows[screen._clicked_row].right
        assert row_in_view(screen, "right", held[0])


async def test_the_place_read_stays_in_view_when_the_other_side_changes_outlet():
    # Nothing selected, the comparison scrolled half way: the sentence at the top stays there.
    app = CompareHost(ThreeOutletsLibrary(), left_id="wire", right_id="daily")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        for _ in range(6):
            await pilot.press("pagedown")
        await settle(pilot)
        first, _last = screen.body.rows_in_view()
        top = screen.loaded.model.rows[first].left or screen.loaded.model.rows[first - 1].left
        await pick(pilot, "O", "Weekly")
        assert screen._clicked_row is None  # nothing was selected: nothing is
        assert screen.body.scroll_y > 0 and row_in_view(screen, "left", top[0])


async def test_a_pick_made_at_the_top_of_the_comparison_opens_at_its_top():
    # Nothing selected, nothing scrolled: the new comparison starts at its first row, as before.
    app = CompareHost(ThreeOutletsLibrary(), left_id="wire", right_id="daily")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pick(pilot, "O", "Weekly")
        assert screen.body.scroll_y == 0 and screen._clicked_row is None


async def test_the_row_selected_stays_in_sight_when_the_terminal_is_resized():
    # L121 (a linked row, in no difference) selected at 100x30; at 80x24 the view showed rows
    # far above it, the sentence being checked gone from the screen.
    app = CompareHost(ThreeOutletsLibrary(), left_id="wire", right_id="daily")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await go_to(pilot, "L121")
        assert screen.current is None
        for size in ((200, 60), (80, 24), (60, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert row_in_view(screen, "left", 120), size
        assert summary(app).startswith("L121 ↔ R61")
