"""The compare screen: two outlets' versions of a story side by side, aligned sentence by sentence.

`CompareScreen(library, left_id, right_id=None, story_id=None)`: with no right_id the library picks
the partner (`Library.partner`: another outlet's version of the same story first); with a story_id
(`c` on a story's row), the pair `reader compare STORY` compares (`Library.story_comparison`). The
comparison runs in a thread worker; the screen only displays and routes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.selection import Selection
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.analysis.cancel import Cancelled
from reader.analysis.encoder_errors import EncoderUnavailable
from reader.analysis.compare import Comparison
from reader.analysis.compare_terms import DIFFERENT_STORIES, NOT_COMPARED, NOT_COMPARED_KINDS
from reader.analysis.compare_layout import VISIT_NAMES, VISITS, CompareModel, Difference, Row, build_model
from reader.analysis.versions import Version, copies_last
from reader.corpus.model import Article
from reader.config import data_dir
from reader.export_path import (
    LAST_FOLDER_FILE,
    FileIdentity,
    default_export_path,
    export_folder,
    export_refusal,
    remember_folder,
    remembered_folder,
)
from reader.library import ArticleNotFound, LibraryAPI, NoOtherVersion, StoryNotFound, VersionPlace
from reader.safe_write import replace_file, write_new_file
from reader.sentence_numbers import parse_sentence_number
from reader.tui import safe
from reader.tui.copying import one_side, sides_text
from reader.tui.focus import focus_now
from reader.tui.keymap import COMPARE_BINDINGS, key_hint
from reader.tui.notify import notify_once
from reader.tui.widgets.compare_dialogs import ExportPrompt, GoToPrompt, VersionPicker
from reader.tui.widgets.compare_sync import SyncText, SyncView
from reader.tui.widgets.compare_view import (
    NARROW_SUMMARY_LINES,
    SHORT_HEIGHT,
    SHORT_SUMMARY_LINES,
    SUMMARY_LINES,
    CompareBody,
    CompareCell,
    CompareRow,
    as_tall_as_unchosen,
    row_name,
    summary_content,
    title_content,
)
from reader.tui.widgets.footer import ReaderFooter
from reader.wording import versions_words

# The app attribute that keeps the sentence numbers (#) on for the session: every comparison
# opened later shows them too.
NUMBERS_SHOWN = "compare_numbers_shown"
# Below this width the two sides of each row are stacked (left above right).
NARROW_WIDTH = 80
# Below this many columns the position label says "41–60/2,000": the long form took ~13 columns of each title.
SHORT_POSITION_WIDTH = 100
TITLE_ROOM_KEPT = 24  # columns each title keeps beside the position label, or the label goes
NO_DIFFERENCES = "No differences between these versions."
PROGRESS_STEP = 10  # sentences between two progress lines while a long comparison encodes


class CompareError(Exception):
    """A reason the comparison cannot be shown, in one line for the user."""


@dataclass
class Loaded:
    left: Article
    right: Article
    model: CompareModel
    same_story: bool = True  # False: no story groups the two (the summary says so)
    # Their places when the two are versions of one page (left, right): an edit, said so
    versions: tuple[VersionPlace, VersionPlace] | None = None

    def versions_note(self) -> str | None:
        return versions_words(*self.versions) if self.versions is not None else None


@dataclass(frozen=True)
class HeldPlace:
    """A sentence of the side that stays while the other side's version is replaced: the
    fact-checker checking it against each outlet in turn finds it again in the new comparison."""

    article_id: str
    side: str  # "left" or "right"
    sentence: int
    selected: bool  # selected (a click, ), :, or the difference shown): selected again; else kept at the top
    named: bool  # named in the summary bar: named again


# What the workers report (each handled by the screen; the app never sees them).
@dataclass
class ComparisonReady(Message):
    loaded: Loaded


@dataclass
class SidesKnown(Message):
    """The two articles being compared, before the comparison is ready (for the titles)."""

    left: Article
    right: Article | None  # None: the user is to choose it


@dataclass
class ComparisonProgress(Message):
    done: int  # sentences encoded so far, of
    total: int


@dataclass
class ComparisonFailed(Message):
    reason: str  # one line for the user


@dataclass
class VersionsListed(Message):
    side: str  # "left" or "right": the side the user picks for
    versions: list[Version]
    story_shown: bool  # the other side shows a version of the same story (not among `versions`)
    other: str  # the article the other side shows (or is being compared with)
    copies: set[str]  # ids of `versions` that are word-for-word copies of `other`


@dataclass
class PartnerNeeded(Message):
    """No other article tells the left one's story: the user chooses what to show beside it."""

    left_id: str
    versions: list[Version]


@dataclass
class VersionsFailed(Message):
    reason: str


@dataclass
class ExportDone(Message):
    path: Path


@dataclass
class ExportFolderFound(Message):
    folder: Path  # where an export is proposed (CompareScreen._find_export_folder)
    exports_made: int  # the screen's exports when the file was read (one made since says better)


@dataclass
class ExportFailed(Message):
    reason: str


def render_markdown(comparison: Comparison, notes: Sequence[str] = (), fold_same: bool = False) -> str:
    """The comparison as Markdown (the core's report; the CLI's `compare --markdown` prints the same)."""
    from reader.analysis.report import render_markdown as markdown

    return markdown(comparison, notes, fold_same)


class CompareScreen(Screen):
    """Two versions of a story side by side; shared quotes, omissions and differences marked."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "compare.tcss"  # absolute: subclasses too
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]
    AUTO_FOCUS = "#compare-body"

    BINDINGS = COMPARE_BINDINGS
    HELP_FIRST = ("help-compare-marks",)  # the help's table of the gutter's marks, right after the keys
    HELP_NAVIGATION = [  # the help's "Moving around" on this screen
        (
            "↑ ↓  PgUp PgDn  Home End",
            "scroll the comparison ({nav.down} {nav.up} too, see above): both sides move together; the titles' "
            "right end names the rows in view of the whole comparison (rows 41–60 of 2,000; 41–60/2,000 below 100 "
            "columns)",
        ),
        ("Tab  Shift+Tab", "with both articles whole ({compare.toggle_mode}), move between the two"),
        (
            "Mouse",
            "the wheel scrolls; a click selects a row, or with both articles whole a sentence (its counterpart "
            "shown on the other side); rest the pointer on a row for what it is linked to; click a footer key. "
            "From the keys: {compare.next_row} and {compare.previous_row} select a row (a sentence) and name "
            "its sentences; ctrl+c copies the text dragged over, or with none (a key that selects lets it go) "
            "the sentences selected",
        ),
    ]

    def __init__(
        self, library: LibraryAPI, left_id: str, right_id: str | None = None, story_id: str | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.left_id = str(left_id)
        self.right_id = None if right_id is None else str(right_id)
        # The story whose pair is compared first (left_id: its first article listed, compared with
        # its partner when the story is gone); None once a comparison is shown.
        self._story_id = story_id
        self.loaded: Loaded | None = None
        # The comparison whose rows are on screen or being laid out: `loaded` is None while the
        # rows are replaced, but the export writes what the screen shows all the same.
        self._on_screen: Loaded | None = None
        # The comparison the last export asked for writes, and where: the dialog again when it fails.
        self._last_export: tuple[Loaded, Path] | None = None
        # The folder an export is proposed in, found at mount in a worker: `e` read the user's
        # file of the last one on the event loop. None until found.
        self._export_folder: Path | None = None
        # `e` pressed before it was found: the dialog opens when it is (the key found the default
        # folder itself, on the event loop, and proposed it over the user's last one).
        self._export_waiting = False
        self._exports_made = 0  # by this screen: one made while the file is read proposes its folder
        # Another comparison opened over this one may export elsewhere: the file is read again
        # when this one is back.
        self._export_folder_stale = False
        self.visit = "differences"  # what ] and [ visit (compare_layout.VISITS)
        self.current: int | None = None  # index into self._targets()
        self.partner: int | None = None  # which of the current difference's partner rows is shown
        self.mode = "rows"  # or "sync": the two articles whole, scrolled together
        self._sync_model: CompareModel | None = None  # what the sync view shows
        self._pending: tuple[str, str | None] | None = None  # the comparison being computed
        self._interrupted = False  # another comparison opened over this one stopped it
        self._clicked_row: int | None = None  # the row last clicked, outside any stop: ] and [ go on from it
        self._named_row: int | None = None  # the row ) or ( selected: the summary bar names it first
        # Both articles whole, the side of the sentence selected (None: a whole row): a gap row's
        # other cell is an unrelated sentence, whose counterparts p must not visit.
        self._clicked_side: str | None = None
        # The place to find again once a version picked for the other side is compared (o / O):
        # the sentence of the article that stays, selected or at the top of the view.
        self._held: HeldPlace | None = None
        # Both articles whole show every sentence: the runs kept word for word the aligned rows
        # had opened (z), folded as they were when the rows are back (None: nothing to restore).
        self._rows_opened: frozenset[int] | None = None
        self._position: tuple[tuple[int, int] | None, int] = (None, 0)  # the rows in view, of: said by the body

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-titles"):
            yield Static(Content("Left"), id="compare-title-left", classes="compare-title")
            yield Static(Content("Right"), id="compare-title-right", classes="compare-title")
            yield Static(Content(""), id="compare-position")
        yield Static(Content("Comparing…"), id="compare-summary")
        yield CompareBody(id="compare-body")
        yield SyncView(id="compare-sync")
        # Keys: the screen has more than an 80-column footer holds (`)`, `(`, `#`, `:` are in the
        # help only), and "Help" did not say that they are listed there.
        yield ReaderFooter(compact=True, help_label="Keys")

    @property
    def body(self) -> CompareBody:
        return self.query_one("#compare-body", CompareBody)

    @property
    def sync(self) -> SyncView:
        return self.query_one("#compare-sync", SyncView)

    def on_mount(self) -> None:
        numbers = bool(getattr(self.app, NUMBERS_SHOWN, False))
        self.body.show_numbers(numbers)
        self.sync.show_numbers(numbers)
        self.start(self.left_id, self.right_id)
        self._find_export_folder(self._exports_made)

    # -- text selected with the mouse -----------------------------------------------------------
    def watch_selections(self, selections: dict[Widget, Selection]) -> None:
        """A selection started and ended on one side keeps to it (the screen's runs over both
        sides, row by row): what is highlighted is what a copy gives."""
        kept = one_side(selections)
        if kept != selections:
            self.selections = kept

    def get_selected_text(self) -> str | None:
        """One article's words in its order, or both articles' one after the other, each under
        its outlet's name (the screen's own interleaved the two sides row by row)."""
        text = sides_text(self.selections) if self.selections else None
        return text if text is not None else super().get_selected_text()

    # -- computing ------------------------------------------------------------------------------
    def start(self, left_id: str, right_id: str | None) -> None:
        """Compare two articles (right_id None: pick a partner) in a worker; show it when done."""
        self._loading(True)
        self.query_one("#compare-summary", Static).update(Content("Comparing…"))
        self._pending = (left_id, right_id)
        self._compute(left_id, right_id, self._story_id if right_id is None else None)

    def interrupt(self) -> None:
        """Another comparison opens over this one: stop computing this one (both cores would
        go on with it unseen, the new one waiting behind); it starts again when shown again."""
        self._export_folder_stale = True  # the new one may export: its folder is proposed here next
        if self._pending is not None:
            self.workers.cancel_group(self, "compare")
            self._interrupted = True

    def on_screen_resume(self) -> None:
        self.body.resume_growing()
        if self._export_folder_stale:
            self._export_folder_stale = False
            self._find_export_folder(self._exports_made)
        if self._interrupted and self._pending is not None:
            self._interrupted = False
            self.start(*self._pending)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compute(self, left_id: str, right_id: str | None, story_id: str | None = None) -> None:
        worker = get_current_worker()
        library = self.library
        try:
            left = None
            if story_id is not None:
                try:  # the story's pair, as `reader compare STORY` picks it
                    left, right_id, _copy = library.story_comparison(story_id)
                except (StoryNotFound, NoOtherVersion, ArticleNotFound):  # said below, for its first article
                    left = None
            if left is None:
                left = library.article(left_id)
            if right_id is None:
                try:
                    right_id = library.partner(left, edit_first=True)  # an older version: its edit
                except NoOtherVersion:  # never an unrelated article unasked: the user picks one
                    versions = library.versions(left.id)
                    if not worker.is_cancelled:
                        self.post_message(SidesKnown(left, None))
                        self.post_message(PartnerNeeded(left.id, versions))
                    return
            right = library.article(right_id)
            if worker.is_cancelled:
                return
            self.post_message(SidesKnown(left, right))

            def progress(done: int, total: int, _message: str) -> None:
                # Long articles never compared before: say how far the encoder has come (every
                # PROGRESS_STEP sentences, not each one, to keep the message queue light).
                # (A step with no count, total 0, is the CLI's: the summary says "Comparing…" already.)
                if not worker.is_cancelled and total and (done % PROGRESS_STEP == 0 or done == total):
                    self.post_message(ComparisonProgress(done, total))

            # Escape, another comparison or quitting cancels this worker: the core stops at its
            # next check (a fraction of a second) instead of running to its end.
            comparison = library.compare(left, right, progress=progress, cancel=lambda: worker.is_cancelled)
            if worker.is_cancelled:  # done just as it was cancelled: no layout for nobody
                return
            places = _versions_of_one_page(library, left.id, right.id)
            # Two versions of one page: an edit, each run of sentences it kept folded (z opens one)
            model = build_model(comparison, fold_kept=places is not None)
            same_story = places is not None or _same_story(library, left.id, right.id)
            loaded = Loaded(left, right, model, same_story, places)
        except Cancelled:  # nobody waits for it any more
            return
        except Exception as exc:  # reported as one line, never a traceback
            if not worker.is_cancelled:
                self.post_message(ComparisonFailed(_reason(exc, "Could not compare")))
            return
        if not worker.is_cancelled:
            self.post_message(ComparisonReady(loaded))

    async def on_comparison_ready(self, message: ComparisonReady) -> None:
        message.stop()
        self._pending = None
        await self._show(message.loaded)
        await self._find_held_place()
        # a side too long to compare whole (its tail is marked), or not in English: said here
        for notice in message.loaded.model.comparison.notices():
            self.notify(notice[:1].upper() + notice[1:], title="Compare", severity="warning", markup=False)

    def on_sides_known(self, message: SidesKnown) -> None:
        message.stop()
        pending = self._pending
        # (a story's pair may have another article on the left than the one `c` was pressed on)
        if pending is not None and pending[1] is None and message.right is not None:
            self._pending = (message.left.id, message.right.id)  # the partner found: o / O can pick meanwhile
        if self.loaded is not None:  # a swap or a pick: the titles change with the rows
            return
        # "Left" and "Right" said nothing while a long pair was encoded, or under the picker.
        self.query_one("#compare-title-left", Static).update(title_content(message.left, "◀"))
        right = title_content(message.right, "▶") if message.right is not None else Content("▶ (choose an article)")
        self.query_one("#compare-title-right", Static).update(right)

    def on_partner_needed(self, message: PartnerNeeded) -> None:
        message.stop()
        self._pending = None
        left_id = message.left_id

        def chosen(article_id: str | None) -> None:
            if article_id is None:  # nothing to compare: back where `c` was pressed
                if self.is_attached and self.app.screen is self:
                    self.dismiss()
                return
            self.start(left_id, article_id)

        why = "No other article tells this story: choose one to compare it with."
        self._loading(False)
        self.query_one("#compare-summary", Static).update(Content(why))
        self.app.push_screen(VersionPicker(message.versions, "right", why), chosen)

    def on_comparison_progress(self, message: ComparisonProgress) -> None:
        message.stop()
        if self.body.loading:
            text = f"Comparing… {message.done:,} of {message.total:,} sentences encoded"
            if message.done == message.total:  # linking them takes a while more on a long pair
                text = f"Comparing… {message.total:,} sentences encoded; linking them"
            self.query_one("#compare-summary", Static).update(Content(text))

    async def on_comparison_failed(self, message: ComparisonFailed) -> None:
        message.stop()
        self._pending = None
        self._loading(False)
        if self.loaded is not None:  # a new pick failed: keep showing the last comparison
            await self._show(self.loaded)
            await self._find_held_place()  # where the reader was in it
        else:
            await self._show_note(message.reason)
            self.query_one("#compare-summary", Static).update(safe.content(message.reason))
        self.notify(message.reason, title="Compare", severity="error", markup=False)

    async def _show(self, loaded: Loaded) -> None:
        self._story_id = None  # shown: what comes next names its two articles
        self.current = None
        self._clicked_row = self._named_row = None
        self.partner = None
        self._rows_opened = None
        if self.mode == "sync" and loaded.model.folds:  # every sentence, both articles whole
            self._rows_opened = loaded.model.opened
            loaded = replace(loaded, model=loaded.model.unfolded())
        model = loaded.model
        self.loaded = None  # nothing to jump to or swap while the rows are replaced
        self._on_screen = loaded
        await self.body.show(model)
        self._sync_model = None
        if self.mode == "sync":
            await self.sync.show(model)
            self._sync_model = model
        # The titles change with the rows, never before them (a swap takes a moment on long pairs).
        self.query_one("#compare-title-left", Static).update(title_content(model.left, "◀"))
        self.query_one("#compare-title-right", Static).update(title_content(model.right, "▶"))
        self.loaded = loaded
        self.left_id, self.right_id = loaded.left.id, loaded.right.id
        self.body.scroll_home(animate=False)
        self._loading(False)
        self._update_summary()

    def on_compare_body_view_moved(self, message: CompareBody.ViewMoved) -> None:
        """ "rows 41–60 of 2,000" beside the titles: where the view is in the whole comparison
        (the scrollbar measures only the rows mounted, a window of a long one); nothing when
        every row is in view."""
        self._position = (message.shown, message.total)
        self._show_position()

    def _show_position(self) -> None:
        """The label's text anew, without a layout pass: its width is the widest text of the
        comparison's (a pass at each scroll arranged every row mounted: PgDn held fell behind)."""
        shown, total = self._position
        narrow = self.size.width < NARROW_WIDTH
        short = self.size.width < SHORT_POSITION_WIDTH
        text = position_words(shown, total, short)
        width = len(position_words((total - 2, total - 1), total + 1, short)) + 2 if text else 0  # and padding
        title_room = self.size.width - width if narrow else (self.size.width - width) // 2  # (stacked below 80)
        if text and title_room < TITLE_ROOM_KEPT:  # 40 columns: the titles before where the view is
            text, width = "", 0
        label = self.query_one("#compare-position", Static)
        if label.styles.width is None or label.styles.width.value != width:
            label.styles.width = width
        label.update(Content(text), layout=False)
        displayed = bool(text) and self.mode == "rows"  # (empty, its padding took two columns of the titles)
        if label.display != displayed:
            label.display = displayed

    def _loading(self, on: bool) -> None:
        """The loading indicator over whichever layout is shown."""
        self.body.loading = on
        self.sync.loading = on and self.mode == "sync"

    def _still_comparing(self, binding_id: str) -> bool:
        """Whether a comparison is still being computed, said for the key that needs its rows
        (the footer offers it all along, and it did nothing, seconds long on a long pair); the
        first, or one picked over another shown (the keys acted on that one, under the loading
        indicator)."""
        if self._pending is None:
            return False
        key = key_hint(self.app, binding_id)
        notify_once(self.app, f"Still comparing: {key} works once the comparison shows.", timeout=3)
        return True

    async def _show_note(self, text: str) -> None:
        await self.body.show_note(text)

    def _update_summary(self) -> None:
        if self.loaded is not None:
            partner = None
            if self.partner is not None:
                partner = (self.partner, len(self._partner_rows()))
            narrow, short = self.size.width < NARROW_WIDTH, self.size.height < SHORT_HEIGHT
            width = self.size.width - 2  # the bar's padding
            summary = partial(
                summary_content,
                self.loaded.model,
                app=self.app,
                same_story=self.loaded.same_story,
                note=self.loaded.versions_note(),
                partner=partner,
                visit=self.visit,
                compact=short or narrow,
                width=width,
            )
            if narrow:
                lines = NARROW_SUMMARY_LINES if short else SHORT_SUMMARY_LINES
            else:
                lines = SHORT_SUMMARY_LINES if short else SUMMARY_LINES
            fitted = as_tall_as_unchosen(summary, self.current, self._row_name(), width, lines, short or narrow)
            self.query_one("#compare-summary", Static).update(fitted)

    # -- actions --------------------------------------------------------------------------------
    async def action_close(self) -> None:
        if self.mode == "sync" and self.loaded is not None and self._pending is None:
            # One step back: from both articles whole to the aligned rows (it closed the whole
            # comparison, m being the only way back to the rows); Escape there closes it.
            await self.action_toggle_mode()
            return
        self.dismiss()

    async def action_next_difference(self) -> None:
        if not self._still_comparing("compare.next_difference"):
            await self._jump(+1)

    async def action_previous_difference(self) -> None:
        if not self._still_comparing("compare.previous_difference"):
            await self._jump(-1)

    async def _jump(self, step: int) -> None:
        if self.loaded is None:
            return
        differences = self._targets()
        if not differences:
            self.notify(self._nothing_to_visit(), markup=False)
            return
        from_view = self._from_the_view(differences, step)
        clicked = self._clicked_row if self.current is None else None
        shown = self.body.rows_in_view() if self.mode == "rows" else None
        if clicked is not None and shown is not None and not shown[0] <= clicked <= shown[1]:
            clicked = None  # scrolled away from it since: from what is on screen
        if clicked is not None:  # a row clicked that no stop holds: the next one after it
            if step > 0:
                target = next((i for i, d in enumerate(differences) if d.first > clicked), len(differences))
            else:
                target = next((i for i in reversed(range(len(differences))) if differences[i].last < clicked), -1)
        elif from_view is not None:
            target = from_view
        elif self.current is None:
            target = 0 if step > 0 else len(differences) - 1
        else:
            target = self.current + step
        if not 0 <= target < len(differences):
            where = "last" if step > 0 else "first"
            if self.visit == "differences":
                notify_once(self.app, f"That was the {where} difference.")
            else:
                notify_once(self.app, f"That was the {where} of the {VISIT_NAMES[self.visit]}.")
            return
        # ] and [ show a stop from its first row: a row selected before (a click, ), :) is no
        # longer the place, even back in the stop holding it (m and ) went on from that old row).
        self._clicked_row = self._clicked_side = None
        self._let_go_of_the_mouse_selection()
        await self._select(target)

    def _let_go_of_the_mouse_selection(self) -> None:
        """A key moved the selection (], [, ), (, p, :), m changed the layout, or # moved the words
        under it: the text dragged over before goes, or ctrl+c, which prefers the mouse's, copied
        that old text (or words beside it), not what the key selected."""
        if self.selections:
            self.clear_selection()

    def _from_the_view(self, differences: list[Difference], step: int) -> int | None:
        """Once the rows were scrolled away from the difference shown (or, before the first,
        from the top), ] and [ go on from what is on screen: the first difference from the top of
        the view on, the last one above its bottom (len(differences) or -1: none that way).
        None: from the difference shown, as usual."""
        body = self.body
        if self.mode != "rows" or body.scrolls_pending:
            return None
        shown = body.rows_in_view()
        if shown is None:
            return None
        top, bottom = shown
        if self.current is None:
            if body.scroll_y == 0:
                return None
        else:
            current = self._targets()[self.current] if self.loaded is not None else None
            if current is None or (current.first <= bottom and current.last >= top):
                return None  # still in sight
        if step > 0:
            return next((i for i, d in enumerate(differences) if d.first >= top), len(differences))
        return next((i for i in reversed(range(len(differences))) if differences[i].first <= bottom), -1)

    def _targets(self) -> list[Difference]:
        """What ] and [ visit, of the kind chosen with the visit key (every difference by default)."""
        return self.loaded.model.targets(self.visit) if self.loaded is not None else []

    async def action_visit(self) -> None:
        """The next kind of stop for ] and [: every difference, the links, then the sentences
        only one outlet tells (+), those possibly told (?) and those told elsewhere (~)."""
        if self._still_comparing("compare.visit") or self.loaded is None:
            return
        self.visit = VISITS[(VISITS.index(self.visit) + 1) % len(VISITS)]
        self.current = self.partner = None
        self._clicked_row = self._named_row = None
        self.body.mark_current(-1, -1)
        self.body.mark_partner(None)
        self.body.show_shared(-1, -1)
        # Said by the summary bar's first words ("Visiting linked rows: 7 (] next, …)"), not by a
        # toast too: t pressed thrice to reach the ? marks stacked three, over the right side's
        # text at 80 columns.
        self._update_summary()

    def _partner_rows(self) -> list[int]:
        """The rows telling the current difference's sentences elsewhere, or with no difference
        shown those of the row selected ( ) / ( or a click)."""
        if self.loaded is None:
            return []
        if self.current is not None:
            difference = self._targets()[self.current]
            first, last = difference.first, difference.last
        elif self._clicked_row is not None:
            if self.mode == "sync" and self._clicked_side is not None:
                row = self.loaded.model.rows[self._clicked_row]
                return list(row.partners_of(self._clicked_side))
            first = last = self._clicked_row
        else:
            return []
        return self.loaded.model.partner_rows(first, last)

    async def action_partner(self) -> None:
        """Visit the rows where the other side tells the current difference's sentences (or the
        row selected's, outside any difference), one a press, then come back to it."""
        if self._still_comparing("compare.partner") or self.loaded is None:
            return
        # A row selected outside any difference is a place to start from too: a linked row's
        # sentence also linked elsewhere (L1 beside a weak R1, linked 0.98 to R3) had its
        # strongest counterpart out of reach, p saying "choose a difference first".
        row_selected = self.current is None and self._clicked_row is not None
        if self.current is None and not row_selected and not self._targets():
            self.notify(self._nothing_to_visit(), markup=False)  # no ] to press first
            return
        if self.current is None and not row_selected:
            forward, key = key_hint(self.app, "compare.next_difference"), key_hint(self.app, "compare.partner")
            step_key = key_hint(self.app, "compare.next_row")
            notify_once(
                self.app,
                f"Choose a {self._stop_name()} with {forward} or a row with {step_key} first; {key} then shows "
                "where the other side tells it.",
            )
            return
        rows = self._partner_rows()
        if not rows:
            selected = ("sentence" if self.mode == "sync" and self._clicked_side else "row") if row_selected else None
            notify_once(self.app, f"The other side tells this {selected or self._stop_name()} nowhere else.")
            return
        step = 0 if self.partner is None else self.partner + 1
        self._let_go_of_the_mouse_selection()
        if step >= len(rows):  # after the last place: back to the difference (or the row)
            if self.current is not None:
                await self._select(self.current)
            else:
                await self._back_to_row()
            return
        self.partner = step
        # From a row, the bar names it and counts its places after it; from a difference, the
        # difference's own words.
        self._named_row = self._clicked_row if row_selected else None
        row = rows[step]
        if self.mode == "sync":
            self.sync.show_rows(row, row)
        else:
            await self.body.ensure(row)
            self.body.mark_partner(row)
            self.body.row_to_top(row)
        self._update_summary()

    async def _back_to_row(self) -> None:
        """After the last place `p` visited from a row selected outside any difference: that row
        again, marked and at the top, named in the summary bar."""
        row = self._clicked_row
        if row is None:
            return
        self.partner = None
        self._named_row = row
        side = self._clicked_side
        if self.mode == "sync" and side is not None and self.loaded is not None:
            # the sentence selected again as it was: with all its counterparts marked
            each = self.loaded.model.rows[row]
            self.sync.show_sentence(side, [row, *each.partners_of(side)])
            pane = self.sync.panes[0] if side == "left" else self.sync.panes[1]
            self.sync._bring_into_view(pane, min(each.cell(side)[0]))
        elif self.mode == "sync":
            self.sync.show_rows(row, row)
        else:
            await self.body.ensure(row)
            self.body.mark_partner(None)
            self.body.mark_current(row, row)
            self.body.row_to_top(row)
        self._update_summary()

    def _stop_name(self) -> str:
        """What ] stops at, as the kind visited (t) has it: visiting linked rows, "Choose a
        difference with ] first" named what ] did not visit."""
        return {"differences": "difference", "links": "linked row"}.get(self.visit, "row")

    def _nothing_to_visit(self) -> str:
        if self.visit == "differences":
            return NO_DIFFERENCES
        return (
            f"There are no {VISIT_NAMES[self.visit]} here ({key_hint(self.app, 'compare.visit')}: visit another kind)."
        )

    async def _select(self, index: int) -> None:
        if self.loaded is None:
            return
        body = self.body
        difference = self._targets()[index]
        self.current = index
        self.partner = self._named_row = None
        body.mark_partner(None)
        if self.mode == "sync":
            self.sync.show_rows(difference.first, difference.last)
        else:
            await body.ensure(difference.first)
            body.mark_current(difference.first, difference.last)
            body.show_shared(difference.first, difference.last)  # why its links are links
            body.row_to_top(difference.first)
        self._update_summary()

    def _target_holding(self, row: int) -> int | None:
        """The stop of ] and [ (of the kind visited) that holds model row `row`, if any."""
        return next((i for i, d in enumerate(self._targets()) if d.first <= row <= d.last), None)

    def on_sync_text_sentence_clicked(self, message: SyncText.SentenceClicked) -> None:
        """A click on a sentence of either pane selects it: it and its counterparts on the other
        side are marked, the other pane scrolls to them; ] and [ go on from there."""
        if self.loaded is None or self.mode != "sync":
            return
        index = message.index
        if index is None or self._row_of_sentence(message.side_name, index) is None:
            # a blank line: nothing to select, and nothing changes
            notify_once(self.app, "No sentence there: a click on a sentence selects it and marks its counterpart.")
            return
        self._select_sentence(message.side_name, index)

    def _row_of_sentence(self, side: str, index: int) -> int | None:
        assert self.loaded is not None
        return next((r for r, each in enumerate(self.loaded.model.rows) if index in each.cell(side)[0]), None)

    async def action_step(self, step: int) -> None:
        """The keys' way to what a click selects: the next (previous) row, or, both articles
        whole, the next (previous) sentence of the pane with the focus; its sentences named as
        the pointer resting on a row names them."""
        if self._still_comparing("compare.next_row" if step > 0 else "compare.previous_row") or self.loaded is None:
            return
        if self.mode == "sync":
            self._step_sentence(step)
        else:
            await self._step_row(step)

    async def _step_row(self, step: int) -> None:
        body = self.body
        if not body.limit:
            return
        clicked = self._clicked_row
        difference = self._targets()[self.current] if self.current is not None else None
        if difference is not None and (clicked is None or not difference.first <= clicked <= difference.last):
            clicked = None  # ] or [ went elsewhere since: from the first (last) row of what it shows
        if clicked is not None:
            start = clicked
        elif difference is not None:
            start = difference.first if step > 0 else difference.last
        else:
            shown = body.rows_in_view()
            start = (shown[0] if shown else 0) - step  # from the top row in view, that one first
        row = start + step
        if not 0 <= row < body.limit:
            notify_once(self.app, f"That was the {'last' if step > 0 else 'first'} row.")
            return
        self._let_go_of_the_mouse_selection()
        await self._reselect_row(row, named=True)

    def _step_sentence(self, step: int) -> None:
        panes = self.sync.panes
        if len(panes) != 2:
            return
        pane = panes[1] if self.focused is panes[1] else panes[0]
        text = pane.text
        if not text.count:
            return
        if text.current:
            index = (max(text.current) if step > 0 else min(text.current)) + step
        else:  # from the top of the pane's view, that sentence first
            top = next((i for i in range(text.count) if text.offsets(self.sync._width(pane))[i] >= pane.scroll_y), 0)
            index = top if step > 0 else top - 1
        if not 0 <= index < text.count or self._row_of_sentence(text.side_name, index) is None:
            notify_once(self.app, f"That was the {'last' if step > 0 else 'first'} sentence this pane shows.")
            return
        self._let_go_of_the_mouse_selection()
        self._select_sentence(text.side_name, index, named=True)
        self.sync._bring_into_view(pane, index)

    def action_copy_text(self) -> None:
        """ctrl+c: the text the mouse selected; with none, the keys' way: the sentences selected
        ( ) / (, ] / [, p or a click), the left side's then the right's, a blank line between."""
        if self.get_selected_text() is not None:
            super().action_copy_text()
            self._say_rows_copied()
            return
        left, right = self._chosen_sentences()
        if self.loaded is None or not (left or right):
            forward = key_hint(self.app, "compare.next_row")
            notify_once(self.app, f"Nothing to copy: select a row with {forward} (or drag over text) first.")
            return
        model = self.loaded.model
        sides = [(model.left, left, "L"), (model.right, right, "R")]
        text = "\n\n".join(" ".join(side.sentence_text(i) for i in chosen) for side, chosen, _ in sides if chosen)
        self.app.copy_to_clipboard(text)
        names = " · ".join(", ".join(f"{n}{i + 1}" for i in chosen) for _, chosen, n in sides if chosen)
        self.notify(f"Copied {names}.", title="Compare", markup=False, timeout=3)

    def _say_rows_copied(self) -> None:
        """A selection over rows out of view (dragged past the screen, or scrolled away from
        since) is copied whole, its rows let go by the window of rows mounted too: said, with
        the rows it holds, as nothing on screen shows them."""
        rows = sorted({cell.row_index for cell in self.selections if isinstance(cell, CompareCell)})
        shown = self.body.rows_in_view()
        if self.mode != "rows" or not rows or (shown is not None and shown[0] <= rows[0] and rows[-1] <= shown[1]):
            return
        span = f"row {rows[0] + 1:,}" if len(rows) == 1 else f"rows {rows[0] + 1:,}–{rows[-1] + 1:,}"
        self.notify(f"Copied the selection: {span}, out of view too.", title="Compare", markup=False, timeout=3)

    def _chosen_sentences(self) -> tuple[list[int], list[int]]:
        """The sentences marked on screen, left and right, in order (those each pane shows)."""
        if self.loaded is None:
            return [], []
        if self.mode == "sync":
            panes = self.sync.panes
            if len(panes) != 2:
                return [], []
            left, right = (sorted(i for i in pane.text.current if i < pane.text.count) for pane in panes)
            return left, right
        rows: list[int] = []
        if self.partner is not None and self.partner < len(self._partner_rows()):
            rows = [self._partner_rows()[self.partner]]
        elif self.current is not None:
            difference = self._targets()[self.current]
            rows = list(range(difference.first, difference.last + 1))
        elif self._clicked_row is not None:
            rows = [self._clicked_row]
        model_rows = self.loaded.model.rows
        return (
            sorted({i for r in rows for i in model_rows[r].left}),
            sorted({j for r in rows for j in model_rows[r].right}),
        )

    def _name_row(self, row: int) -> None:
        """The summary bar says what the pointer resting on the row says: its sentences' numbers,
        then why it differs (a toast a press piled up over the other side's text at 80x24)."""
        self._named_row = row
        self._update_summary()

    def _row_name(self) -> str | None:
        """The row ) or ( selected, as its tooltip names it, or None."""
        if self.loaded is None or self._named_row is None or self._named_row >= len(self.loaded.model.rows):
            return None
        return row_name(self.loaded.model, self.loaded.model.rows[self._named_row])

    def _select_sentence(self, side: str, index: int, named: bool = False) -> None:
        """Sentence `index` of `side` selected: it and its counterparts marked, the other pane
        brought to them; ] and [ go on from there. `named` ( ) or ( ): the summary bar names its
        row, which says a sentence one side alone tells (a toast saying it too stacked over the
        other pane, one a press)."""
        assert self.loaded is not None
        model = self.loaded.model
        row = self._row_of_sentence(side, index)
        if row is None:
            return
        self.current = self._target_holding(row)
        self.partner = self._named_row = None
        self._clicked_row, self._clicked_side = row, side
        # Its own counterparts only: a gap row's other cell is another sentence, whose partners
        # are not this one's.
        counterparts = self.sync.show_sentence(side, [row, *model.rows[row].partners_of(side)])
        notice = self._clicked_notice(side, index, counterparts)
        if named:
            self._named_row = row
            if notice == self._only_here(side):
                notice = None
        if notice:
            notify_once(self.app, notice)
        self._update_summary()

    def _clicked_notice(self, side: str, index: int, counterparts: list[int]) -> str | None:
        """What a click on sentence `index` of `side` says when the other pane shows none of its
        counterparts: not compared (and why), past what that pane shows, or told by one side."""
        assert self.loaded is not None
        model = self.loaded.model
        other = self.sync.panes[1] if side == "left" else self.sync.panes[0]
        if any(i < other.text.count for i in counterparts):
            return None
        if counterparts:
            name = f"{'R' if side == 'left' else 'L'}{counterparts[0] + 1}"
            return (
                f"Its counterpart {name} is past what the other pane shows (its first {other.text.count:,} "
                f"sentences); {key_hint(self.app, 'compare.toggle_mode')} shows the aligned rows."
            )
        skipped = (model.comparison.skipped_left if side == "left" else model.comparison.skipped_right).get(index)
        if skipped is not None:
            return f"Not compared ({self._why_not_compared(side, skipped)})."
        return self._only_here(side)

    def _only_here(self, side: str) -> str:
        assert self.loaded is not None
        model = self.loaded.model
        outlet = model.left.outlet if side == "left" else model.right.outlet
        return f"Only {safe.one_line(outlet or side, 40)} tells this sentence."

    def _why_not_compared(self, side: str, kind: str) -> str:
        assert self.loaded is not None
        limited = self.loaded.model.comparison.limited.get(side)
        if kind == NOT_COMPARED and limited is not None:
            return f"past the first {limited[0]:,} sentences of this article, all that were compared"
        return NOT_COMPARED_KINDS.get(kind, safe.one_line(kind, 40))

    def on_compare_row_clicked(self, message: CompareRow.Clicked) -> None:
        """A click on a row of the aligned rows selects it (the difference holding it, as ] would,
        without scrolling what was clicked away)."""
        if self.loaded is None or self.mode != "rows":
            return
        self._select_row(message.row.index)

    def _select_row(self, row: int) -> None:
        """Row `row` selected, and the difference holding it (] and [ go on from there)."""
        self.current = self._target_holding(row)
        self.partner = self._named_row = self._clicked_side = None
        self._clicked_row = row
        first, last = (row, row)
        if self.current is not None:
            difference = self._targets()[self.current]
            first, last = difference.first, difference.last
        self.body.mark_partner(None)
        self.body.mark_current(first, last)
        self.body.show_shared(first, last)
        self._update_summary()

    def on_resize(self, event: events.Resize) -> None:
        """The rows and the summary wrap anew to the new size: the difference shown stays at the
        top if its first row was in sight; scrolled away from it (the wheel, PageDown), the row
        the reader had at the top stays there, as the reader pane keeps the reader's place (it jumped back)."""
        self._update_summary()
        self._show_position()  # ("41–60/2,000" below 100 columns)
        if self.loaded is None or self.mode != "rows":
            return
        seen = self.body.view_seen
        anchor = self._place_rows()
        away = seen is not None and anchor is not None and not seen[0] <= anchor[0] <= seen[1]
        if away and seen is not None and self.body.row_widget(seen[0]) is not None:
            self.body.row_to_top(seen[0])
            return
        self._keep_place()

    async def action_swap(self) -> None:
        if self._still_comparing("compare.swap") or self.loaded is None:
            return
        current = self.current
        loaded = self.loaded
        # A row selected with ) or a click stays selected (it was forgotten, ) starting again
        # from the top): the row holding its sentences, each on the other side now.
        _shown, clicked = self._shown_and_selected()
        named = self._named_row is not None
        held = None
        if self.mode == "rows" and clicked is not None and clicked < len(loaded.model.rows):
            held = (loaded.model.rows[clicked].right, loaded.model.rows[clicked].left)
        # Both articles whole, a sentence selected: the same sentence, on its new side.
        sentence = None
        side = self._clicked_side
        if self.mode == "sync" and clicked is not None and side is not None and clicked < len(loaded.model.rows):
            sentence = ("right" if side == "left" else "left", min(loaded.model.rows[clicked].cell(side)[0]))
        self._loading(True)
        versions = loaded.versions[::-1] if loaded.versions is not None else None
        swapped = replace(loaded, left=loaded.right, right=loaded.left, model=loaded.model.swapped(), versions=versions)
        await self._show(swapped)
        row = self._row_holding(*held) if held is not None else None
        if row is not None:
            await self._reselect_row(row, named)
        elif sentence is not None and self._row_of_sentence(*sentence) is not None:
            self._reselect_sentence(*sentence, named=named)
        elif current is not None and current < len(self._targets()):
            await self._select(current)

    def _shown_and_selected(self) -> tuple[Difference | None, int | None]:
        """The difference ] or [ shows, and the row selected (with ), (, : or a click) in it or in
        none: None once ] or [ went elsewhere since (the difference shown is the place then)."""
        shown = self._targets()[self.current] if self.current is not None else None
        clicked = self._clicked_row
        if shown is not None and clicked is not None and not shown.first <= clicked <= shown.last:
            clicked = None
        return shown, clicked

    def _reselect_sentence(self, side: str, index: int, named: bool) -> bool:
        """Sentence `index` of `side` selected again, in view, its pane focused (where ) and (
        go on from it), named in the summary bar if it was. False, nothing selected, when it is
        past what its pane shows (a row of a long article's aligned rows: scrolling to it raised)."""
        pane = self.sync.panes[0] if side == "left" else self.sync.panes[1]
        if index >= pane.text.count:
            return False
        self._select_sentence(side, index, named=named)
        pane.focus()
        self.sync._bring_into_view(pane, index)
        return True

    def _row_holding(self, left: list[int], right: list[int]) -> int | None:
        """The row holding these sentences (the same, or else any of them)."""
        assert self.loaded is not None
        rows = self.loaded.model.rows
        same = next((r for r, each in enumerate(rows) if (each.left, each.right) == (left, right)), None)
        if same is not None:
            return same
        return next(
            (r for r, each in enumerate(rows) if set(each.left) & set(left) or set(each.right) & set(right)), None
        )

    async def _reselect_row(self, row: int, named: bool) -> None:
        """Row `row` selected again, brought into view, and named in the summary bar if it was."""
        await self.body.ensure(row)
        self._select_row(row)
        self.body.row_into_view(row)  # after the next refresh: rows just mounted have no place yet
        if named:
            self._name_row(row)

    async def action_toggle_mode(self) -> None:
        if self._still_comparing("compare.toggle_mode") or self.loaded is None:
            return
        # The text dragged over is in the layout going out of sight: kept, ctrl+c in the other
        # copied it, hidden.
        self._let_go_of_the_mouse_selection()
        # A row (a sentence) selected with ), (, : or a click stays selected in the other layout,
        # as s keeps it: m showed the first row of its difference instead, the sentence out of view.
        _shown, clicked = self._shown_and_selected()
        named = self._named_row is not None
        rows = self.loaded.model.rows
        held = rows[clicked] if clicked is not None and clicked < len(rows) else None
        side = self._clicked_side or ("left" if held is not None and held.cell("left")[0] else "right")
        shown = _shown.first if _shown is not None and held is None else None
        refolded = await self._fold_for(self.mode == "rows")
        if refolded is not None:  # the rows changed: where the row (or the difference) held is now
            if held is not None:
                clicked = self._row_holding(held.left, held.right)
            elif shown is not None:
                place = refolded[shown]
                clicked = self._row_holding(place.left, place.right)
                self.current = None if clicked is None else self._target_holding(clicked)
        self.mode = "sync" if self.mode == "rows" else "rows"
        if self.mode == "sync" and self._sync_model is not self.loaded.model:
            await self.sync.show(self.loaded.model)
            self._sync_model = self.loaded.model
        # Which layout shows is the rule of the two only (compare.tcss): restyled with the screen's
        # class, every row mounted (up to MAX_ROWS) was restyled at each m, though none changes.
        self.set_class(self.mode == "sync", "-sync", update=False)
        self._show_position()  # the rows' place: none with both articles whole
        self.app.stylesheet.update_nodes([self, self.body, *self.sync.walk_children(with_self=True)], animate=True)
        self._label_close_key()
        target = self.sync.panes[0] if self.mode == "sync" and self.sync.panes else self.body
        focus_now(target)
        sentence = min(held.cell(side)[0]) if held is not None and held.cell(side)[0] else None
        kept = False
        if self.mode == "sync" and sentence is not None:
            kept = self._reselect_sentence(side, sentence, named=named)
        elif held is not None and self.mode == "rows" and clicked is not None:
            await self._reselect_row(clicked, named)
            kept = True
        if not kept and self.current is not None:
            await self._select(self.current)
        elif not kept and refolded is not None and clicked is not None:
            await self._reselect_row(clicked, named=False)
        # Not kept both articles whole: the sentence is past what its pane shows (a long article).
        past = self.mode == "sync" and sentence is not None and not kept
        self.notify(
            "Both articles whole, scrolled together." if self.mode == "sync" else "Aligned rows.",
            title="Compare",
            markup=False,
            timeout=2,
        )
        if past and sentence is not None:  # said after the toast naming the layout
            pane = self.sync.panes[0 if side == "left" else 1]
            notify_once(
                self.app,
                f"{'L' if side == 'left' else 'R'}{sentence + 1} is past what this pane shows (its first "
                f"{pane.text.count:,} sentences); {key_hint(self.app, 'compare.toggle_mode')} shows the aligned rows.",
            )

    async def _fold_for(self, whole: bool) -> list[Row] | None:
        """The comparison's runs kept word for word opened for both articles whole (`whole`:
        each pane shows every sentence, and a sentence's row is its own), or folded again as the
        aligned rows had them; the rows before when they changed, else None."""
        assert self.loaded is not None
        model = self.loaded.model
        if whole and model.folds:
            self._rows_opened = model.opened
            new = model.unfolded()
        elif not whole and self._rows_opened is not None:
            before = self.body.model  # the rows left behind, unless a swap or a pick replaced them
            same = before is not None and before.comparison is model.comparison and before.opened == self._rows_opened
            new = before if before is not None and same else model.with_opened(self._rows_opened)
            self._rows_opened = None
            if new is not before:
                await self.body.show(new)
        else:
            return None
        self.loaded = replace(self.loaded, model=new)
        self._clicked_row = self._named_row = self.partner = None
        self.current = None
        return model.rows

    async def action_fold(self) -> None:
        """Show the sentences of a folded run kept word for word (two versions of one article), or
        fold an opened one again: the selected row's, else the first folded row in view."""
        if self._still_comparing("compare.fold") or self.loaded is None:
            return
        model = self.loaded.model
        key = key_hint(self.app, "compare.fold")
        if not model.fold_kept:
            notify_once(
                self.app, "Nothing is folded: only two versions of one article fold what the edit kept word for word."
            )
            return
        if self.mode == "sync":
            rows = key_hint(self.app, "compare.toggle_mode")
            notify_once(self.app, f"Both articles whole show every sentence: {key} folds in the aligned rows ({rows}).")
            return
        _shown, clicked = self._shown_and_selected()
        row = clicked if clicked is not None and model.run_of_row(clicked) is not None else None
        if row is None and clicked is None:
            shown = self.body.rows_in_view()
            if shown is not None:
                row = next((r for r in range(shown[0], shown[1] + 1) if model.rows[r].kept), None)
        if row is None:
            where = "this row is not" if clicked is not None else "no row in view is"
            notify_once(self.app, f"Nothing to fold or show: {where} a run of sentences kept word for word.")
            return
        start = model.run_of_row(row)
        assert start is not None
        named = self._named_row is not None
        await self._show(replace(self.loaded, model=model.with_opened(model.opened ^ {start})))
        new_row = self._row_of_sentence("left", start)
        if new_row is not None:
            await self._reselect_row(new_row, named)

    def _label_close_key(self) -> None:
        """The footer says what the close key (Escape) does now: "Back" to the aligned rows in sync
        mode, "Close" in the rows (it said "Close" in both, while sync mode only went back)."""
        label = "Back" if self.mode == "sync" else "Close"
        table = self._bindings.key_to_bindings  # this screen's own copy (the user's keys applied)
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=label) if b.id == "compare.close" and b.description != label else b
                for b in bindings
            ]
        self.refresh_bindings()

    def action_toggle_numbers(self) -> None:
        """Show or hide each sentence's number (L12, R3), in both layouts; kept for the session."""
        numbers = not self.body.numbers
        setattr(self.app, NUMBERS_SHOWN, numbers)
        # The numbers go before each cell's text, where the text dragged over is measured from:
        # kept, the selection named other words ("L7 " took the place of the last row's "S6.").
        self._let_go_of_the_mouse_selection()
        self.body.show_numbers(numbers)
        self.sync.show_numbers(numbers)
        if self.mode == "rows":
            self._keep_place()
        said = "Sentence numbers shown (as reader compare names them)." if numbers else "Sentence numbers hidden."
        self.notify(said, title="Compare", markup=False, timeout=2)

    def _place_rows(self) -> tuple[int, int] | None:
        """The rows _keep_place keeps at the top (first, last): the counterpart shown, the row
        selected or the difference shown (None: none of them)."""
        # a counterpart is shown (of a difference, or of a row selected)
        places = self._partner_rows()
        shown, clicked = self._shown_and_selected()
        if self.partner is not None and self.partner < len(places):
            return places[self.partner], places[self.partner]
        if clicked is not None:
            # the row selected (by ), (, : or a click): in no difference, or far down a long one,
            # it left the screen of a smaller terminal
            return clicked, clicked
        if shown is not None:
            return shown.first, shown.last
        return None

    def _keep_place(self) -> None:
        """The rows re-wrapped: the counterpart, the row selected or the difference shown stays at the top."""
        place = self._place_rows()
        if place is not None:
            self.body.row_to_top(place[0])

    def action_go_to_sentence(self) -> None:
        """Ask for a sentence's number (L12, R3, 12) and select its row (its sentence, both
        articles whole), as ) does: named in the summary bar, scrolled into view."""
        if self._still_comparing("compare.go_to") or self.loaded is None:
            return
        side = "left"
        if self.mode == "sync" and len(self.sync.panes) == 2 and self.focused is self.sync.panes[1]:
            side = "right"

        async def chosen(sentence: tuple[str, int] | None) -> None:
            if sentence is not None and self.loaded is not None:
                await self._go_to(*sentence)

        self.app.push_screen(GoToPrompt(self._resolve_sentence_number(side), side), chosen)

    def _resolve_sentence_number(self, default_side: str) -> Callable[[str], tuple[str, int]]:
        """What the go-to box checks an entry with: the sentence it names, among those this
        layout shows (ValueError: why not)."""
        assert self.loaded is not None
        model = self.loaded.model
        counts = {"left": len(model.left.sentences), "right": len(model.right.sentences)}

        def resolve(text: str) -> tuple[str, int]:
            side, index = parse_sentence_number(text, default_side, counts)
            name = f"{'L' if side == 'left' else 'R'}{index + 1}"
            row = self._row_of_sentence(side, index)
            export = key_hint(self.app, "compare.export")
            if self.mode == "sync":
                pane = self.sync.panes[0 if side == "left" else 1]
                if index >= pane.text.count:
                    raise ValueError(
                        f"{name} is past what this pane shows (its first {pane.text.count:,} sentences); "
                        f"{export} exports the whole comparison."
                    )
            if row is None:
                raise ValueError(f"{name} is in no row of this comparison.")
            return side, index

        return resolve

    async def _go_to(self, side: str, index: int) -> None:
        self._let_go_of_the_mouse_selection()
        if self.mode == "sync":
            pane = self.sync.panes[0 if side == "left" else 1]
            self._select_sentence(side, index, named=True)
            self.sync._bring_into_view(pane, index)
            return
        row = self._row_of_sentence(side, index)
        assert self.loaded is not None
        model = self.loaded.model
        if row is not None and model.rows[row].kept:  # folded: its run opened, the sentence its own row
            start = model.run_of_row(row)
            assert start is not None
            await self._show(replace(self.loaded, model=model.with_opened(model.opened | {start})))
            row = self._row_of_sentence(side, index)
        if row is not None:
            await self._reselect_row(row, named=True)

    def action_pick(self, side: str) -> None:
        # While a long comparison is computed, another version can be picked at once: the pick
        # replaces it (it waited for the end of what the user already knew to be the wrong pair).
        # ... and a version picked over one shown: the pick is made beside the pair being computed.
        pair = self._pending
        if pair is None and self.loaded is not None:
            pair = (self.loaded.left.id, self.loaded.right.id)
        if pair is None or pair[1] is None:  # the partner is still being looked for
            self._still_comparing(f"compare.pick_{side}")
            return
        left, right = pair[0], pair[1]
        self._list_candidates(side, *((left, right) if side == "left" else (right, left)))

    @work(thread=True, exclusive=True, group="compare-candidates", exit_on_error=False)
    def _list_candidates(self, side: str, current: str, other: str) -> None:
        try:
            versions = self.library.versions(current)
        except Exception as exc:  # reported as one line, never a traceback
            self.post_message(VersionsFailed(_reason(exc, "Could not list the articles")))
            return
        found = [v for v in versions if v.id != other]
        story_shown = any(v.id == other and v.same_story for v in versions)
        copies = self.library.copies(other, [v.id for v in found if v.same_story])
        self.post_message(VersionsListed(side, copies_last(found, copies), story_shown, other, copies))

    def on_versions_failed(self, message: VersionsFailed) -> None:
        message.stop()
        self.notify(message.reason, title="Compare", severity="error", markup=False)

    def on_versions_listed(self, message: VersionsListed) -> None:
        message.stop()
        side, found, other = message.side, message.versions, message.other
        if not found:
            self.notify("There is no other article to show.", markup=False)
            return

        def chosen(article_id: str | None) -> None:
            if article_id is None:
                return
            if self._pending is None:  # (picked again while a pick is compared: the place held stays)
                self._held = self._place_to_hold("right" if side == "left" else "left")
            if side == "left":
                self.start(article_id, other)
            else:
                self.start(other, article_id)

        picker = VersionPicker(found, side, story_shown=message.story_shown, copies=message.copies)
        self.app.push_screen(picker, chosen)

    def _place_to_hold(self, side: str) -> HeldPlace | None:
        """Where the reader is in `side`'s article: the sentence selected (with ), (, :, a click, or
        the first of the difference ] or [ shows), else the first at the top of the view once
        scrolled; None at the top, or with nothing shown."""
        loaded = self.loaded
        if loaded is None:
            return None
        rows = loaded.model.rows
        article_id = (loaded.left if side == "left" else loaded.right).id
        named = self._named_row is not None
        shown, clicked = self._shown_and_selected()
        if self.mode == "sync":
            if clicked is not None and self._clicked_side == side and clicked < len(rows):
                return HeldPlace(article_id, side, min(rows[clicked].cell(side)[0]), True, named)
            return None
        row, selected = None, False
        if clicked is not None:
            row, selected = clicked, True
        elif shown is not None:
            row, selected = shown.first, True
        elif self.body.scroll_y > 0 and (in_view := self.body.rows_in_view()) is not None:
            row = in_view[0]
        if row is None or row >= len(rows):
            return None
        # A row the other side alone tells holds none of this side's sentences: the one before it.
        for r in range(row, -1, -1):
            sentences = rows[r].cell(side)[0]
            if sentences:
                return HeldPlace(article_id, side, min(sentences), selected and r == row, named and r == row)
        return None

    async def _find_held_place(self) -> None:
        """After a pick for the other side: the sentence held, selected again (or at the top)."""
        held, self._held = self._held, None
        loaded = self.loaded
        if held is None or loaded is None:
            return
        if (loaded.left if held.side == "left" else loaded.right).id != held.article_id:
            return  # the side held is another article now (a swap, a pick of that side)
        row = self._row_of_sentence(held.side, held.sentence)
        if row is None:
            return
        if self.mode == "sync":
            self._reselect_sentence(held.side, held.sentence, held.named)
        else:
            if held.selected:
                await self._reselect_row(row, held.named)
            await self.body.ensure(row)
            self.body.row_to_top(row)  # once the new rows have their places (scrolling now missed them)

    def action_export(self) -> None:
        # A comparison just computed, or swapped, whose rows were being laid out said "Nothing to
        # export yet." with the comparison appearing the moment after.
        # One picked over another shown exported that one, under the loading indicator.
        shown = None if self._pending is not None else self._on_screen
        if shown is None:
            if self._pending is not None:
                key = key_hint(self.app, "compare.export")
                self.notify(f"Still comparing: {key} exports once the comparison shows.", markup=False, timeout=3)
            else:
                self.notify("Nothing to export: no comparison is shown.", markup=False, timeout=3)
            return
        if self._export_folder is None:  # `e` the moment the screen opened: asked when found
            # Said again at each press once the last toast went (a second `e` 2 s on, the folder
            # still being read, showed nothing), never stacked while it is on screen.
            self._export_waiting = True
            notify_once(self.app, "Finding the folder to export to… (the dialog opens once it is found)", timeout=2)
            return
        self._ask_export(shown, default_export_path(self._export_folder, shown.left.id, shown.right.id))

    @work(thread=True, exclusive=True, group="compare-export-folder", exit_on_error=False)
    def _find_export_folder(self, exports_made: int) -> None:
        """The folder the last export went to (the user's file, which may hold anything), else
        the default one: read off the event loop, when the screen opens (and again when another
        comparison opened over it closes)."""
        try:
            remembered = remembered_folder(data_dir() / LAST_FOLDER_FILE)
            folder = export_folder(remembered, self.library.roots, Path.home())
        except Exception:  # a `e` waiting for it is never left without a dialog: it says what is wrong
            folder = Path.home()
        self.post_message(ExportFolderFound(folder, exports_made))

    def on_export_folder_found(self, message: ExportFolderFound) -> None:
        message.stop()
        if message.exports_made == self._exports_made:  # (one written meanwhile proposes its own folder)
            self._export_folder = message.folder
        if self._export_waiting and self._export_folder is not None:
            self._export_waiting = False
            if self.is_current:  # (not over the help or a picker opened meanwhile: `e` again there)
                self.action_export()  # what is shown now (o / O may have swapped it meanwhile)

    def _ask_export(self, shown: Loaded, default: Path, error: str | None = None) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self._last_export = (shown, path)
                # What the screen shows, as shown (swapped or not): never computed again, which
                # took as long as the comparison itself and could differ from it (a file edited since).
                notes = [] if shown.same_story else [DIFFERENT_STORIES]
                notes += [note] if (note := shown.versions_note()) else []
                self._export(shown.model.comparison, path, notes, replace=prompt.replace, fold_same=bool(note))

        prompt = ExportPrompt(default, self.export_refusal, error)
        self.app.push_screen(prompt, chosen)

    def export_refusal(self, path: Path, replace: FileIdentity | None = None) -> str | None:
        """Why `path` must not receive the export (None: it may)."""
        return export_refusal(path, self.library.roots, replace=replace)

    @work(thread=True, exclusive=False, group="compare-export", exit_on_error=False)
    def _export(
        self,
        comparison: Comparison,
        path: Path,
        notes: Sequence[str] = (),
        replace: FileIdentity | None = None,
        fold_same: bool = False,
    ) -> None:
        """`replace`: the file at `path` the user confirmed replacing, as it was then (another
        file there, or none confirmed, is refused); `fold_same`: two versions of one article
        (render_markdown folds the sentences they share word for word)."""
        try:
            text = render_markdown(comparison, notes, fold_same)
            reason = self.export_refusal(path, replace)
            if reason:
                raise CompareError(reason)
            if replace is not None:
                replace_file(path, text.encode("utf-8"))  # all or nothing, as a new file is
            else:
                write_new_file(path, text)  # all or nothing: a full disk leaves no 0-byte file behind
            written = path.resolve()
        except Exception as exc:  # back to the dialog with the reason, never a traceback
            self.post_message(ExportFailed(_reason(exc, "Could not export")))
            return
        try:  # the next export is proposed there
            remember_folder(data_dir() / LAST_FOLDER_FILE, written.parent)
        except OSError:
            pass  # the export is written; the next one proposes Documents or home instead
        self.post_message(ExportDone(written))

    def on_export_done(self, message: ExportDone) -> None:
        message.stop()
        self._exports_made += 1
        self._export_folder = message.path.parent  # the next export of this screen goes there too
        self.notify(f"Exported the comparison to {message.path}", title="Export", markup=False)

    def on_export_failed(self, message: ExportFailed) -> None:
        message.stop()
        # Back to the dialog, with the reason and the name, to fix it or try again.
        assert self._last_export is not None  # set by the export that failed (ExportFailed's only sender)
        self._ask_export(*self._last_export, message.reason)


def position_words(shown: tuple[int, int] | None, total: int, short: bool = False) -> str:
    """The rows in view of `total`, as the position label says them: "rows 41–60 of 2,000"
    ("41–60/2,000" short); "" when there is nothing to scroll to (no row, or every row shown)."""
    if shown is None or not total or (shown[0] == 0 and shown[1] >= total - 1):
        return ""
    first, last = shown[0] + 1, shown[1] + 1
    rows = f"{first:,}" if first == last else f"{first:,}–{last:,}"
    if short:
        return f"{rows}/{total:,}"
    return f"{'row' if first == last else 'rows'} {rows} of {total:,}"


def _versions_of_one_page(library: LibraryAPI, left_id: str, right_id: str) -> tuple[VersionPlace, VersionPlace] | None:
    """Their places when the two are versions of one page; None when not, or not known."""
    try:
        return library.versions_of_one_page(left_id, right_id)
    except Exception:  # as _same_story: a convenience, never a failed comparison
        return None


def _same_story(library: LibraryAPI, left_id: str, right_id: str) -> bool:
    """Whether a story groups the two articles (a partner found by its title, or any article
    picked, may be another story: the summary says so). Unknown counts as the same."""
    try:
        return any(v.id == right_id and v.same_story for v in library.versions(left_id))
    except Exception:  # the story grouping is a convenience: without it, say nothing
        return True


def _reason(error: BaseException | None, prefix: str) -> str:
    """One line for the user; never a traceback."""
    if isinstance(error, (CompareError, LookupError, EncoderUnavailable)):  # each names its fix
        text = str(error.args[0]) if error.args else str(error)
    elif isinstance(error, OSError):
        text = f"{prefix}: {error.strerror or error}"
        if error.filename:
            text += f" ({error.filename})"
    else:
        text = f"{prefix}: {type(error).__name__}: {error}"
    return safe.one_line(text, 300)
