"""The coverage view: stories as rows, outlets as columns, a mark where an outlet told the story.

`CoverageScreen(library, story_id=None)` reads `library.coverage()` in a thread worker (the stored
grouping: nothing is regrouped) and puts the cursor on `story_id` when given. Marks are glyphs,
not only colours: ● told it, · did not, ◉ the mark chosen for a comparison. Column heads are
short forms of the outlet names; the lines under the grid name the story and the outlet under
the cursor in full. Every outlet name and title is untrusted: the grid draws cells as plain
text segments and the other lines are literal `Content`, never markup. When the app reloads its
catalog (the background index update), the view reloads too, keeping the cursor's story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.analysis.coverage import abbreviations, filter_stories, outlets_told, sort_stories
from reader.tui.focus import focus_now
from reader.tui.keymap import COVERAGE_BINDINGS, key_in_words
from reader.tui.safe import join, label, one_line
from reader.tui.typed_app import reader_app
from reader.tui.widgets.clamped import Clamped
from reader.tui.widgets.coverage_grid import FOCUS_BAR, Column, CoverageGrid
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.line_input import fitting_placeholder
from reader.wording import counted

if TYPE_CHECKING:
    from reader.analysis.coverage import Coverage
    from reader.analysis.stories import Story
    from reader.library import LibraryAPI

MARK, NO_MARK, CHOSEN = "●", "·", "◉"


@dataclass(frozen=True)
class CoverageSpot:
    """Where the user was in the view: it opens there again (Escape back from an article it
    opened came back sorted by date, all stories, on the story's title)."""

    story: str | None
    sort: str = "date"
    filter_kind: str = "all"
    outlet: str | None = None


FILTER_NAMES = {"all": "all stories", "single": "told by one outlet only", "blindspot": "blindspots"}
FILTER_ORDER = ("all", "single", "blindspot")
HEAD_WIDTH = 3  # characters of an outlet's column head
MAX_LABEL_WIDTH = 100  # characters of the story column, at most
FIXED_COLUMNS = 2  # the story and its count stay in place when the outlets scroll
# Below this many columns the view is narrow: the grid keeps the story, its count and the marks
# (the date and the blindspot are under the grid, for the story under the cursor), whole outlet
# columns only, and the lines under it wrap between words instead of being cut at the edge.
NARROW_WIDTH = 60
NARROW_MIN_LABEL = 16  # the story column's least width when narrow
DETAIL_PADDING = 2  # the detail lines' padding, left and right (DEFAULT_CSS)
SCROLLBAR_WIDTH = 1  # the grid's vertical scrollbar when narrow (kept whether shown or not)
CATALOG_CHECK_SECONDS = 1.0  # how often the view looks for a reloaded catalog (a cheap check)


@dataclass
class CoverageLoaded(Message):
    coverage: Any


@dataclass
class CoverageFailed(Message):
    reason: str


def stories_shown(shown: int, total: int) -> str:
    """The head's count: "12 of 40 stories" under a filter, "40 stories" when all are shown (it
    read "1 of 1 story", "0 of 0 stories")."""
    if shown == total:
        return counted(total, "story", "stories") if total else "no stories"
    return f"{shown:,} of {counted(total, 'story', 'stories')}"


class CoverageScreen(Screen):
    BINDINGS = COVERAGE_BINDINGS
    HELP_NAVIGATION = [  # the help's "Moving around" on this screen
        ("↑ ↓  PgUp PgDn  Home End", "move between the stories ({nav.down} {nav.up} too, see above)"),
        ("← →", "move between the columns: the outlets scroll sideways, the story and its count stay"),
        (
            "Mouse",
            "click a cell to do what Enter does there, the # or Date header to sort by it; the wheel and the scrollbars move the view, the cursor "
            "staying on screen; click a footer key to run it",
        ),
    ]
    DEFAULT_CSS = """
    CoverageScreen #coverage-head { height: 1; padding: 0 1; background: $panel; }
    CoverageScreen #coverage-grid { height: 1fr; }
    CoverageScreen #coverage-detail {
        height: auto; max-height: 5; padding: 0 1; border-top: hkey $panel-lighten-2;
    }
    CoverageScreen.-narrow #coverage-head { height: auto; max-height: 2; }
    /* the room for titles is worked out with the scrollbar's column, there or not */
    CoverageScreen.-narrow #coverage-grid { scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    /* the one list here, whose titles need every column (its cursor shows without colour anyway) */
    CoverageScreen.-narrow #coverage-grid { border-left: none; }
    CoverageScreen.-narrow #coverage-detail { max-height: 7; text-wrap: wrap; }
    """

    def __init__(self, library: LibraryAPI, spot: CoverageSpot | str | None = None) -> None:
        """`spot`: the story (or the whole place, sort and filter too) the cursor starts on."""
        super().__init__(id="coverage")
        self.library = library
        if not isinstance(spot, CoverageSpot):
            spot = CoverageSpot(spot)
        self.focus_story = spot.story
        self.focus_outlet = spot.outlet
        self.coverage: Coverage | None = None
        self.sort = spot.sort if spot.sort in ("date", "breadth") else "date"
        self.filter_kind = spot.filter_kind if spot.filter_kind in FILTER_ORDER else "all"
        self.rows: list = []
        self.outlet_order: list[str] = []  # outlet columns, left to right
        self.heads: dict[str, str] = {}
        self.leaning_of: dict[str, str | None] = {}
        self.chosen: tuple[str, str] | None = None  # (story id, outlet) picked for a comparison
        self._row_of: dict[str, Any] = {}
        self._index_of: dict[str, int] = {}
        self._labels: dict[str, str] = {}
        self._column_keys: list[str] = []
        self._catalog: list[Story] | None = None  # the app's story list the view was read with

    def compose(self) -> ComposeResult:
        yield Static(Content("Coverage: reading the stories…"), id="coverage-head")
        yield CoverageGrid(id="coverage-grid")
        yield Static(Content(""), id="coverage-detail")
        yield ReaderFooter()

    @property
    def narrow(self) -> bool:
        return 0 < self.app.size.width < NARROW_WIDTH

    def on_mount(self) -> None:
        self.set_class(self.narrow, "-narrow")
        focus_now(self.grid)
        self._catalog = reader_app(self.app).stories
        self._load()
        self.set_interval(CATALOG_CHECK_SECONDS, self._check_catalog)

    def _check_catalog(self) -> None:
        """The app's catalog is replaced (a new list) when the index changed: read coverage again."""
        stories = reader_app(self.app).stories
        if stories is not self._catalog:
            self._catalog = stories
            self._load()

    @property
    def grid(self) -> CoverageGrid:
        return self.query_one(CoverageGrid)

    def _say(self, widget_id: str, content: Content) -> None:
        self.query_one(widget_id, Static).update(content)

    # -- loading -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            coverage = self.library.coverage()
        except Exception as exc:  # shown as one line in the view
            if not worker.is_cancelled:
                self.post_message(CoverageFailed(one_line(exc, 200) or type(exc).__name__))
            return
        if not worker.is_cancelled:
            self.post_message(CoverageLoaded(coverage))

    def on_coverage_failed(self, message: CoverageFailed) -> None:
        message.stop()
        self._say("#coverage-head", join([Content("Coverage: cannot read the stories: "), label(message.reason)]))

    def on_coverage_loaded(self, message: CoverageLoaded) -> None:
        message.stop()
        coverage = message.coverage
        kept_row, kept_outlet = self._cursor()  # before the columns change
        self.coverage = coverage
        # Outlets that told the most stories first: at 80 columns the busiest are on screen.
        outlets = sorted(coverage.outlets, key=lambda o: (-o.stories, o.name.casefold(), o.name))
        self.outlet_order = [o.name for o in outlets]
        self.leaning_of = {o.name: o.leaning for o in outlets}
        self.heads = abbreviations(self.outlet_order, HEAD_WIDTH)
        self._labels = {}
        if self.rows:  # a reload: stay on the story and the outlet under the cursor
            # (an outlet that told the new stories may move ahead of the one under the cursor)
            self._rebuild(kept_row.story if kept_row else None, self.grid.cursor_column)
            if kept_outlet is not None and "o:" + kept_outlet in self._column_keys:
                self.grid.move_cursor(column=self.column_of(kept_outlet))
        else:
            self._rebuild(self.focus_story)
            if self.focus_outlet is not None and "o:" + self.focus_outlet in self._column_keys:
                self.grid.move_cursor(column=self.column_of(self.focus_outlet))

    # -- the grid ----------------------------------------------------------------------------
    def _label_width(self) -> int:
        """Room for story titles: what the other columns leave, up to the longest title (a wide
        terminal shows whole titles rather than an empty right side)."""
        longest = max((len(row.label or row.story) for row in self.rows), default=0)
        if self.narrow:
            return self._narrow_label_width(longest)
        others = 4 + 12 + (12 if self._show_blindspots else 0) + len(self.outlet_order) * (HEAD_WIDTH + 2)
        # The story's padding and the vertical scrollbar's room, kept whether shown or not: the
        # grid was one column too wide once the stories outnumbered its rows, and a horizontal
        # scrollbar took a row to scroll it by that one column.
        room = self.size.width - others - 2 - self.grid.styles.scrollbar_size_vertical - FOCUS_BAR
        return max(16, min(MAX_LABEL_WIDTH, longest, room))

    def _narrow_label_width(self, longest: int) -> int:
        """The story column takes what whole outlet columns leave: at 40 columns the last outlet
        showed half its head, cut ("A" for "AD")."""
        span = HEAD_WIDTH + 2
        free = self.app.size.width - SCROLLBAR_WIDTH - 4 - 2  # the count's column, the story's padding
        outlets = len(self.outlet_order)
        if free - outlets * span >= NARROW_MIN_LABEL:  # every outlet fits beside the titles
            return max(NARROW_MIN_LABEL, min(longest, free - outlets * span))
        shown = max(1, (free - NARROW_MIN_LABEL) // span)
        return max(NARROW_MIN_LABEL, free - shown * span)

    @property
    def _show_blindspots(self) -> bool:
        return bool(self.coverage is not None and self.coverage.has_leanings)

    def _columns(self) -> list[Column]:
        columns = [Column("story", "Story", self._label_width()), Column("breadth", "#", 2, "right")]
        if not self.narrow:  # narrow: the lines under the grid give the cursor story's date and blindspot
            columns.append(Column("date", "Date", 10))
        if self._show_blindspots and not self.narrow:
            columns.append(Column("blindspot", "Blindspot", 10))
        columns += [Column("o:" + name, self.heads[name], HEAD_WIDTH, "center") for name in self.outlet_order]
        return columns

    def _rebuild(self, keep_story: str | None = None, keep_column: int | None = None) -> None:
        """Sort and filter the stories and hand them to the grid (it draws the visible rows only)."""
        stories = self.coverage.stories if self.coverage is not None else []
        self.rows = filter_stories(sort_stories(stories, self.sort), self.filter_kind)
        self._row_of = {row.story: row for row in self.rows}
        self._index_of = {row.story: i for i, row in enumerate(self.rows)}
        grid = self.grid
        columns = self._columns()
        self._column_keys = [c.key for c in columns]
        grid.set_data(columns, FIXED_COLUMNS, len(self.rows), self._cell)
        row = self._index_of.get(keep_story, 0) if keep_story is not None else 0
        grid.move_cursor(row, keep_column if keep_column is not None else grid.cursor_column)
        self._update_head()
        self._update_detail()

    def _cell(self, index: int, column: int) -> tuple[str, str]:
        row = self.rows[index]
        key = self._column_keys[column]
        if key.startswith("o:"):
            outlet = key[2:]
            if self.chosen == (row.story, outlet):
                return CHOSEN, "coverage-grid--chosen"
            if outlet in row.articles:
                return MARK, "coverage-grid--mark"
            return NO_MARK, "coverage-grid--missing"
        if key == "story":
            text = self._labels.get(row.story)
            if text is None:  # cleaned once, when the row is first drawn
                text = self._labels[row.story] = one_line(row.label or row.story, 300)
            return text, ""
        if key == "breadth":
            return str(row.breadth), ""
        if key == "date":
            return (row.date, "") if row.date else ("—", "coverage-grid--dim")
        return one_line(row.blindspot or "", 40), ""

    def cells(self, story: str) -> list[str]:
        """The texts of a story's row, left to right, as drawn."""
        index = self._index_of[story]
        return [self._cell(index, column)[0] for column in range(len(self._column_keys))]

    def column_of(self, outlet: str) -> int:
        return self._column_keys.index("o:" + outlet)

    def on_resize(self) -> None:
        narrow_before = self.has_class("-narrow")
        self.set_class(self.narrow, "-narrow")
        if self.coverage is None:
            return
        if narrow_before != self.narrow:  # columns come or go: the cursor stays on its story and outlet
            row, outlet = self._cursor()
            self._rebuild(row.story if row else None, 0)
            if outlet is not None:
                self.grid.move_cursor(column=self.column_of(outlet))
        else:
            self.grid.set_data(self._columns(), FIXED_COLUMNS, len(self.rows), self._cell)
            self._update_head()
            self._update_detail()

    # -- where the cursor is -----------------------------------------------------------------
    def _cursor(self) -> tuple[Any, str | None]:
        """(story row, outlet name or None) under the cursor; (None, None) when there is none."""
        grid = self.grid
        if not self.rows or grid.cursor_row >= len(self.rows):
            return None, None
        row = self.rows[grid.cursor_row]
        key = self._key_at(grid.cursor_column)
        return row, (key[2:] if key.startswith("o:") else None)

    def _key_at(self, column: int) -> str:
        """The key of the grid's column ("date", "breadth", "o:OUTLET"); "" past the last one."""
        return self._column_keys[column] if column < len(self._column_keys) else ""

    def on_coverage_grid_highlighted(self, event: CoverageGrid.Highlighted) -> None:
        event.stop()
        self._update_detail()

    def on_coverage_grid_selected(self, event: CoverageGrid.Selected) -> None:
        event.stop()
        self.action_choose()

    def _update_head(self) -> None:
        if self.coverage is None:
            return
        total = len(self.coverage.stories)
        parts = [
            Content("Coverage").stylize("bold"),
            Content(stories_shown(len(self.rows), total)),
            Content(counted(len(self.outlet_order), "outlet") if self.outlet_order else "no outlet"),
            Content(f"by {'date' if self.sort == 'date' else 'breadth'}"),
            Content(FILTER_NAMES[self.filter_kind]),
        ]
        if self.chosen is not None:
            parts.append(join([Content("chosen "), label(self.heads.get(self.chosen[1], ""), "bold")]))
        head = self.query_one("#coverage-head", Static)
        # Narrow: two lines, broken between the parts, rather than one cut at the edge.
        head.update(Clamped(paragraphs=[(parts, 2)]) if self.narrow else Content(" · ").join(parts))

    def _update_detail(self) -> None:
        row, outlet = self._cursor()
        if row is None:
            self._say("#coverage-detail", Content(self._empty_reason()))
            return
        told_by = f"told by {outlets_told(row.breadth, row.breadth + len(row.missing))}"
        if row.unattributed:
            told_by += f" and {counted(len(row.unattributed), 'article')} with no outlet"
        # The count first: where the names are cut (many outlets, a narrow line) it still says how many.
        missing = []
        if row.missing:
            missing = [join([Content(f"missing {len(row.missing):,}: "), label(", ".join(row.missing), limit=400)])]
        blindspot = []
        if row.blindspot:
            blindspot = [join([Content("blindspot: only "), label(row.blindspot, "bold"), Content(" outlets told it")])]
        # Narrow, the blindspot (out of the grid) comes before the missing outlets, which can be many.
        # Its span as `reader coverage --json` gives it (date, last_date): a story told over days
        # showed its first day alone.
        span = f"{row.date} to {row.last_date}" if row.last_date and row.last_date != row.date else row.date
        facts = [Content(span or "undated"), Content(told_by)]
        facts += blindspot + missing if self.narrow else missing + blindspot
        title = label(row.label or row.story, "bold", limit=300)
        below: list[Content] = []  # the outlet under the cursor, or what Enter does on the story
        if outlet is not None:
            told = outlet in row.articles
            below += [label(self.heads.get(outlet, ""), "bold"), Content(" = "), label(outlet)]
            if self.leaning_of.get(outlet):
                below += [Content(" ("), label(self.leaning_of[outlet]), Content(")")]
            if told:
                said = f" {MARK} told it{self._when_told(row, outlet)}: "
                shown = sum(part.cell_length for part in below) + Content(said).cell_length
                below.append(Content(said + self._outlet_hint(shown)))
            else:
                below.append(Content(f" {NO_MARK} did not tell this story"))
        else:
            below.append(Content(self._story_hint()))
        detail = self.query_one("#coverage-detail", Static)
        if self.narrow:
            # Each part wrapped between words to at most two lines, broken between the facts.
            detail.update(Clamped(paragraphs=[(title, 2), (facts, 2), (join(below), 2)]))
        else:
            # The facts wrap to a second line: on one, the missing outlets were cut after the first
            # name or two ("missing: Alpha Dai…" at 60 columns, half of them at 120).
            detail.update(Clamped(paragraphs=[(title, 1), (facts, 2), (join(below), 1)]))

    @staticmethod
    def _when_told(row, outlet: str) -> str:
        """When this outlet told the story, as words after "told it": its first day or moment, with
        "(+1 day)" or "(+5 hours)" after the story broke, or "(first)" when not every outlet was
        first (one rule with `reader coverage`'s `first` line: an undated outlet is not first
        either); nothing when undated."""
        when = row.when_told(outlet)
        if when is None:
            return ""
        ahead = outlet in row.first and len(row.first) < row.breadth
        return f" {when} (first)" if ahead and "(+" not in when else f" {when}"

    def _outlet_hint(self, used: int) -> str:
        """What Enter and `o` do on a mark (`used` columns of the line taken before it): with the
        day the outlet told it, the long wording was cut at 80 columns ("o…")."""
        choose, open_ = self._key("coverage.choose"), self._key("coverage.open")
        return self._fitting_hint(
            (
                f"{choose} chooses it for a comparison, {open_} opens it",
                f"{choose} chooses it to compare, {open_} opens it",
                f"{choose} chooses, {open_} opens",
            ),
            used,
        )

    def _story_hint(self) -> str:
        """What Enter does on a story: at 60 columns the whole sentence was cut mid-word ("compares …")."""
        key = self._key("coverage.choose")
        return self._fitting_hint(
            (
                f"{key} opens the story's articles; on two marks, compares them",
                f"{key} opens the articles; on two marks, compares them",
                f"{key} opens the articles or compares two marks",
            )
        )

    def _fitting_hint(self, wordings: tuple[str, ...], used: int = 0) -> str:
        """The longest of `wordings` (longest first) that fits the rest of the detail's line
        (`used` columns taken); narrow, the line wraps: the longest."""
        if self.narrow:
            return wordings[0]
        return fitting_placeholder(wordings, self.app.size.width - DETAIL_PADDING - used)

    def _empty_reason(self) -> str:
        if self.coverage is None:
            return ""
        if not self.coverage.stories:
            app = reader_app(self.app)
            if app.catalog_of_index and not app.articles:
                # Waiting for the index would wait forever: there is nothing to group.
                return "No stories: the corpus has no articles."
            return "No stories yet: they appear once the index is ready."
        if self.filter_kind == "blindspot" and not self.coverage.has_leanings:
            return (
                "No blindspots: give outlets a leaning in outlets.yaml (see the README). "
                f"{self._key('coverage.filter')} shows all."
            )
        return f"No story is {FILTER_NAMES[self.filter_kind]}. {self._key('coverage.filter')} shows the others."

    def _key(self, binding_id: str) -> str:
        """A binding's key for a hint, as the user's keymap has it (hints said f and Enter
        whatever the keys were)."""
        return key_in_words(self.app, binding_id)

    # -- actions -----------------------------------------------------------------------------
    def action_sort(self) -> None:
        if self.coverage is None:
            return
        row, _ = self._cursor()
        self.sort = "breadth" if self.sort == "date" else "date"
        self._rebuild(row.story if row else None, self.grid.cursor_column)

    def on_coverage_grid_header_clicked(self, event: CoverageGrid.HeaderClicked) -> None:
        """A click on "#" or "Date" sorts by it, as s does (a click on a header did nothing)."""
        event.stop()
        key = self._key_at(event.column)
        if key in ("date", "breadth") and key != self.sort:
            self.action_sort()

    def action_filter(self) -> None:
        if self.coverage is None:
            return
        row, _ = self._cursor()
        self.filter_kind = FILTER_ORDER[(FILTER_ORDER.index(self.filter_kind) + 1) % len(FILTER_ORDER)]
        self._rebuild(row.story if row else None, self.grid.cursor_column)

    def action_back(self) -> None:
        """Escape undoes one thing at a time, as it does elsewhere: the chosen mark, then the
        filter (it left the view, the filter with it, at once), then leaves the view."""
        if self.chosen is not None:
            self.chosen = None
            self.grid.refresh()
            self._update_head()
            return
        if self.filter_kind != "all" and self.coverage is not None:
            row, _ = self._cursor()
            self.filter_kind = "all"
            self._rebuild(row.story if row else None, self.grid.cursor_column)
            return
        self.dismiss()

    def action_open(self) -> None:
        row, outlet = self._cursor()
        if row is None:
            return
        if outlet is not None and outlet in row.articles:
            self._come_back_from(row.articles[outlet][0], row.story, outlet)
            reader_app(self.app).open_article(row.articles[outlet][0])
        else:
            self._open_story(row)

    def action_compare(self) -> None:
        """The compare key, as in the source list (it did nothing here, where the stories are):
        the article of the outlet under the cursor beside another outlet's, or on the story's
        title the pair `reader compare STORY` compares (its first article's, as a fallback)."""
        row, outlet = self._cursor()
        if row is None:
            return
        if outlet is not None and outlet not in row.articles:
            self.notify(f"{one_line(outlet, 80)} did not tell this story: choose a {MARK} mark.", markup=False)
            return
        chosen = self.chosen
        if outlet is not None and chosen is not None and chosen[0] == row.story and chosen[1] != outlet:
            self._choose(row, outlet)  # a mark chosen: the two compared, as Enter on this one does
            return
        article_id = row.articles[outlet][0] if outlet is not None else self._first_article(row)
        if article_id is None:
            self.notify("This story has no article with an outlet to compare.", markup=False)
            return
        reader_app(self.app).open_comparison(article_id, story_id=row.story if outlet is None else None)

    def _first_article(self, row) -> str | None:
        """The story's first article (as the source list's story row compares it), else any of its."""
        story = next((s for s in reader_app(self.app).stories if str(s.id) == row.story), None)
        if story is not None and story.articles:
            return story.articles[0]
        return next((a for ids in row.articles.values() for a in ids), None)

    def action_mark(self) -> None:
        row, outlet = self._cursor()
        if row is None:
            return
        if outlet is None:
            self.notify("Move to an outlet's column (→) to choose its mark.", markup=False)
            return
        self._choose(row, outlet)

    def action_choose(self) -> None:
        """Enter (or a click): on a story's title, count or date, open its articles; on a mark,
        choose it, and on a second mark of the same story, compare the two."""
        row, outlet = self._cursor()
        if row is None:
            return
        if outlet is None:
            self._open_story(row)
        else:
            self._choose(row, outlet)

    def _open_story(self, row) -> None:
        app = reader_app(self.app)
        members = [a for ids in row.articles.values() for a in ids]
        story = next((s for s in app.stories if str(s.id) == row.story), None)
        if story is not None:
            if story.articles:
                self._come_back_from(story.articles[0], row.story)
            app.open_story(row.story)
        elif members:
            self._come_back_from(members[0], row.story)
            app.open_article(members[0])
        else:
            self.notify("This story has no article with an outlet to open.", markup=False)

    def _come_back_from(self, article_id: str, story: str, outlet: str | None = None) -> None:
        """Escape on the article about to be opened comes back here, at its story (and outlet),
        sorted and filtered as now."""
        main = reader_app(self.app).main_screen
        if main is not None:
            main.back_to_coverage(article_id, CoverageSpot(story, self.sort, self.filter_kind, outlet))

    def _choose(self, row, outlet: str) -> None:
        if outlet not in row.articles:
            self.notify(f"{one_line(outlet, 80)} did not tell this story: choose a {MARK} mark.", markup=False)
            return
        previous = self.chosen
        if previous == (row.story, outlet):
            self.chosen = None
        elif previous is not None and previous[0] == row.story:
            self.chosen = None
            self.grid.refresh()
            self._update_head()
            reader_app(self.app).open_comparison(row.articles[previous[1]][0], row.articles[outlet][0])
            return
        else:
            self.chosen = (row.story, outlet)
        self.grid.refresh()
        self._update_head()
        if self.chosen is not None:
            self.notify(
                f"Chose {one_line(outlet, 80)}: {self._key('coverage.choose')} on another {MARK} of this story "
                "compares them.",
                markup=False,
                timeout=4,
            )
