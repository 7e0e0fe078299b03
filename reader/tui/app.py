"""The reader app: owns the Library, keeps the catalog fresh in workers, routes to screens."""

from __future__ import annotations

import itertools
import os
import threading
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from textual import events, work
from textual.app import SuspendNotSupported, SystemCommand
from textual.command import CommandInput
from textual.screen import Screen
from textual.css.query import NoMatches
from textual.filter import LineFilter
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from reader.config import DEFAULT_TEXT_WIDTH, data_dir
from reader.library import LibraryAPI
from reader.state.marks import UNMARKED, Mark, MarksDamaged
from reader.state.search_history import FILE_NAME as SEARCH_HISTORY_FILE
from reader.state.search_history import SearchHistory
from reader.tui.fetching import FetchMixin
from reader.tui.focus import KeysSent
from reader.tui.keycheck import binding_id_problem
from reader.tui.keymap import APP_BINDINGS, KeymapApp, every_binding, key_hint
from reader.tui.console_glyphs import ConsoleGlyphs, ascii_glyphs_wanted, ascii_key_display
from reader.tui.emoji_cells import EMOJI_CELLS, emoji_cut_wanted
from reader.tui.legible import LegibleText, legible
from reader.tui.long_lived import LongLived, give_back_free_memory
from reader.tui.messages import (
    CatalogLoaded,
    ChangesSeen,
    ComparisonsPrepared,
    ComparisonsProgress,
    IndexFailed,
    IndexFinished,
    IndexProgress,
    MarksChanged,
    OpenArticle,
    OpenComparison,
)
from reader.tui.palette import ReaderCommands, ReaderPalette, ReaderSystemCommands
from reader.tui.notify import HeldNotices, notify_worker_error
from reader.tui.safe import error_line, one_line
from reader.tui.screens.main import MainScreen
from reader.tui.screens.main_notes import CLEAR_SEARCH_HISTORY, MARKS_KEPT_UNTIL_REPAIRED, REPAIR_MARKS
from reader.tui.widgets.line_input import paste_into
from reader.tui.widgets.source_list import Catalog, prepare_catalog
from reader.corpus.discover import empty_corpus_hidden_note, unread_kinds_note
from reader.wording import counted, skipped_lines

if TYPE_CHECKING:
    from textual.binding import Binding

    from reader.analysis.stories import Story
    from reader.library import ArticleInfo, IndexReport

CATALOG_REFRESH_SECONDS = 2.0  # while indexing, how often the source list is re-read
WORK_SHOWN_SECONDS = 8.0  # how long the status bar shows how a background pass ended
WATCH_SECONDS = 5.0  # how often the app looks for corpus files added or removed, and outside index commits
# The full garbage collection a load finds due (long_lived.py) waits until nothing was asked of the
# app (a key, a click, the wheel, a paste: a list load is not the user) for this long, or at most COLLECTION_WAIT.
IDLE_SECONDS = 1.5
COLLECTION_WAIT = 60.0
MAX_QUIET_SECONDS = 60.0  # the longest wait after folder changes that changed no article


def known_binding_ids() -> set[str]:
    """Ids a user's keymap may name: every reader screen's, dialog's and widget's, and Textual's."""
    return set(every_binding())


def _marks_changed(shown: dict[str, Mark], read: dict[str, Mark]) -> dict[str, Mark]:
    """The articles whose mark differs between `shown` and `read`, with the mark read. On the
    event loop, after each look that found the file changed (each mark set here): with 100,000
    marks, a set of every id and two lookups an id held the screen ~75 ms; the same shared Mark
    (MarkStore.all) is passed over without comparing its fields."""
    changed = {
        article_id: now
        for article_id in shown.keys() ^ read.keys()
        if (now := read.get(article_id, UNMARKED)) != shown.get(article_id, UNMARKED)
    }
    changed.update(
        (article_id, now)
        for article_id, now in read.items()
        if (before := shown.get(article_id)) is not None and before is not now and before != now
    )
    return changed


def _index_failure_line(exc: BaseException, index_dir: Path | None = None) -> str:
    """Why the index could not be updated, and for a folder that cannot be written (a read-only
    cache) the way out, as `reader index` says it: the app can do nothing about it itself."""
    from reader.library import IndexNotWritable

    if isinstance(exc, IndexNotWritable):  # the whole line: the folder's path is long
        return (
            f"{one_line(exc, 500)}; to update it, start reader with --index DIR or READER_CACHE_DIR "
            "naming a folder you can write"
        )
    if isinstance(exc, OSError) and index_dir is not None:  # a full disk: where, and what stands
        from reader.library import write_failure_line

        return one_line(write_failure_line(index_dir, exc), 500)
    return error_line(exc)


class ReaderApp(FetchMixin, HeldNotices, KeymapApp):
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))  # absolute: subclasses elsewhere keep it
    TITLE = "reader"
    BINDINGS = APP_BINDINGS
    COMMANDS = {ReaderSystemCommands, ReaderCommands}  # Textual's system commands ranked as titles are
    ENABLE_COMMAND_PALETTE = True
    _theme_ready = False  # True once mounted: a theme change after that is the user's pick

    def __init__(
        self,
        library: LibraryAPI,
        *,
        theme: str | None = None,
        keymap: dict[str, str] | None = None,
        notices: list[str] | None = None,
        index_on_start: bool = True,
        text_width: int | None = DEFAULT_TEXT_WIDTH,
        config_path: Path | None = None,
        prepare_stories: bool = False,
        grouping: str = "outlet",
        list_order: str = "outlet",
    ) -> None:
        """`prepare_stories`: once the index is up to date, encode ahead the sentences of every
        story two or more outlets tell (Library.prepare_stories; the launcher passes the
        prepare_comparisons setting, true by default). `grouping` and `list_order`: the source
        list's at start (config.yaml's grouping and sort, saved when g and S change them)."""
        super().__init__()
        ascii_glyphs, glyphs_problem = ascii_glyphs_wanted(os.environ)
        self._console_glyphs = ConsoleGlyphs() if ascii_glyphs else None
        emoji_cut, emoji_problem = emoji_cut_wanted(os.environ)
        self._emoji_cells = EMOJI_CELLS if emoji_cut else None
        self._legible_text = LegibleText()
        self.library = library
        self.prepare_stories_after_index = prepare_stories
        self.articles: list[ArticleInfo] = []
        self.stories: list[Story] = []
        self.catalog_prepared: Catalog | None = None  # the source list's view of them, made in the worker
        self.marks: dict[str, Mark] = {}  # article id -> Mark (read, starred), from the user data dir
        # The fields of marks set in this window: article id -> {"read"/"starred": (value, number)},
        # numbered in the order they were set; `marks_saved`: every one up to that number is stored.
        # A catalog's marks are read from the store: only the fields set after the last save
        # before that read are newer (the rest, the store holds, or another window's newer value).
        self.marks_set_here: dict[str, dict[str, tuple[bool, int]]] = {}
        self.marks_numbered = 0
        self.marks_saved = 0
        self.text_width = text_width  # the article's widest line (None: the whole pane)
        self.config_path = config_path  # where a theme, grouping or sort picked is saved (None: nowhere)
        self.start_grouping = grouping
        self.start_list_order = list_order
        self._settings_lock = threading.Lock()  # one edit of config.yaml at a time: none lost
        self._unsaved: dict[str, str] = {}  # setting -> the value picked, until a worker saves it
        self._save_problem_said: str | None = None  # why the last setting could not be saved
        self.catalog_ready = False
        # The catalog shown was read after an index update had finished (not the one read at
        # start, nor one an update under way will replace): an empty one means an empty corpus.
        self.catalog_of_index = False
        self.index_ready = False
        self.index_report: IndexReport | None = None
        self.index_problem: str | None = None  # why the last update failed (None once one ran to its end)
        # An index deleted under the app (its cache folder removed) being built again: the list keeps
        # what it shows until the build ends (read as it goes, from no index, it emptied).
        self._rebuilding_lost_index = False
        self.index_lost_this_run = False  # (a build unfinished at quit is a rebuild: launch.py says so)
        # Its rebuild failed because the cache folder went again meanwhile, and was begun once more:
        # a third loss is left to the next launch (a cleaner that deletes it in a loop).
        self._lost_index_retried = False
        self._wanted_theme = theme
        problems = [problem for problem in (glyphs_problem, emoji_problem) if problem]
        self._notices = list(notices or []) + problems
        self._index_on_start = index_on_start
        self._catalog_asked = 0.0
        self._work_timer: Timer | None = None
        self._keys_sent = KeysSent()  # keys handed to widgets, not handled yet (reader/tui/focus.py)
        self._exiting = False  # exit() was called: keys still queued are dropped
        self._quit_with_marks_unsaved = False  # the first quit said the marks not saved
        # (articles, why) of the marks this window could not save when it quit, for a last line.
        self.marks_lost_at_exit: tuple[int, str] | None = None
        self._catalog_version: object = None  # the index's version the list shows (Changes)
        self._index_settled = False  # the launch's update ended, well or not: the watcher may run
        self._missing_said: str | None = None  # the vanished corpus folder already reported
        self._marks_read_problem: str | None = None  # why the marks file cannot be read, once told
        self.marks_damaged = False  # the marks file is damaged: the palette offers its repair
        # Held by a repair of the marks file, and by each save of marks: the repair closes its own
        # descriptor of the file at its end, which drops every lock this process holds on it
        # (POSIX), a save's under way too.
        self.marks_file_lock = threading.Lock()
        # Each read of the marks (a catalog's, a look's) is numbered before it starts: the list
        # shows the newest read that landed, and `_marks_stamp` is the file as that read found it
        # (MarkStore.stamp), set when it is shown: a look compares the file with what is shown.
        self._marks_reads = itertools.count(1)
        self._marks_shown_read = 0
        self._marks_stamp: tuple | None = None
        self._watch_update = False  # the update running was started by the watcher
        # The index updates begun so far (update_index counts them): a look at the folders begun
        # before one of them is stale when it lands, what it saw being that update's to read.
        self._updates_begun = 0
        self._quiet_for = WATCH_SECONDS  # how long to wait after a watcher's update found nothing
        self._quiet_until = 0.0
        # how many skipped files the last notice named, and its note of the .json files not read
        self._skipped_said = 0  # how many skipped files the last notice named
        self._kinds_said: str | None = None  # the files of other kinds last named (unread_kinds_note)
        # An empty corpus's articles in hidden folders, for the empty corpus's note (hidden_articles_note)
        self.hidden_articles_note: str | None = None
        self._catalog_ids: set[str] = set()  # the ids of `articles`, for in_catalog()
        self._catalog_loads = 0  # load_catalog calls so far (each read answers with its number)
        self._catalog_shown = 0  # the newest of those reads shown (an older one is not shown after it)
        self._search_history: SearchHistory | None = None  # read at the first ↑ or search kept
        self._history_problem_said = False  # a history that cannot be read or saved, told once
        self._long_lived = LongLived()  # a full garbage collection's pause: not at a key (long_lived.py)
        self._last_activity = 0.0  # time.monotonic() of the user's last input
        self._collection_due_since: float | None = None
        self._collection_timer: Timer | None = None
        # The first read asked after the last index update ended: from it on, the list shows that
        # index, and the update's line ("Index ready (180 indexed).") is said once the list is filled.
        self._first_load_of_update = 0
        self._ready_line: str | None = None  # said when that read lands
        self._prepare_after_list = False  # the story pass starts when that read lands
        if keymap:
            self.set_keymap(keymap)

    # -- start -------------------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """The palette opens articles and stories as well as commands: its prompt says so."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ReaderPalette(id="--command-palette", ascii_icon=self._console_glyphs is not None))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands are reader's own. Textual's "Keys" opened a second, partial key
        list docked beside the article that Escape did not close (only the palette again did);
        "Maximize" and "Screenshot" were listed before the stories, with nothing typed."""
        yield SystemCommand(
            "Help",
            f"Every key of this screen, the query language, the config file ({key_hint(self, 'app.help')})",
            self.action_help,
        )
        fetch_key = key_hint(self, "app.fetch")
        if self.fetching:  # the fetch command stops a fetch that runs: said as such
            yield SystemCommand(
                "Stop the fetch", f"Stop fetching; what came is kept, the rest next time ({fetch_key})", self.stop_fetch
            )
        else:
            yield SystemCommand(
                "Fetch", f"Fetch new articles from your subscriptions ({fetch_key})", self.action_fetch_feeds
            )
        yield SystemCommand(
            "Subscriptions",
            "Your feeds and how their last fetch went, as reader feed list says it",
            self.action_show_subscriptions,
        )
        if self.marks_damaged:
            yield SystemCommand(
                REPAIR_MARKS,
                "Set the damaged marks file aside and salvage its read marks and stars into a new one",
                self.action_repair_marks,
            )
        yield SystemCommand(
            CLEAR_SEARCH_HISTORY,
            "Forget the earlier searches the search box's ↑ recalls (kept across runs)",
            self.action_clear_search_history,
        )
        yield SystemCommand("Theme", "Change the current theme (saved to config.yaml)", self.action_change_theme)
        yield SystemCommand("Quit", f"Leave reader ({key_hint(self, 'app.quit')})", self.action_quit)

    def exit(self, *args, **kwargs) -> None:
        self._exiting = True
        screen = self.main_screen
        self.marks_lost_at_exit = screen.unsaved_marks() if screen is not None else None
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        """Quit; the first `q` with marks this window could not save says so, tries them once
        more, and waits for a second `q` (quitting loses them)."""
        screen = self.main_screen
        unsaved = screen.unsaved_marks() if screen is not None else None
        if unsaved is not None and not self._quit_with_marks_unsaved:
            self._quit_with_marks_unsaved = True
            count, why = unsaved
            self.notify(
                f"The read marks or stars of {counted(count, 'article')} set here are not saved ({why}); "
                f"quitting loses them: {key_hint(self, 'app.quit')} again to quit all the same.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            self._retry_unsaved_marks()
            return
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Paste)) and not isinstance(event, events.MouseMove):
            self._last_activity = time.monotonic()  # the user is at it: no collection now
        if isinstance(event, events.Key) and self._exiting:
            # "q?" typed in one burst: a screen opened while the app shuts down is never
            # composed, and its mount handler failed with a traceback.
            return
        # A paste counts as keys do: Enter a few ms after a paste into the search box ran its
        # binding before the paste landed (the top result of the query before it opened, the
        # paste then held for that article and lost).
        if isinstance(event, events.Key) and event.key == "ctrl+v" and isinstance(self.focused, CommandInput):
            event = events.Paste(self.clipboard)  # Textual's box pastes the app's clipboard so: fitted below
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded and self.screen_stack:
            if isinstance(event, events.Key) and await self._bound_on_arrival(event):
                return
            target = self.focused or self.screen  # where Textual sends the key or the paste
            if isinstance(event, events.Paste) and isinstance(target, CommandInput):
                # The palette's box is Textual's, which keeps a paste's first line and refuses
                # one longer than its room with a bell alone: fitted as every box of ours,
                # after the keys sent to it before.
                target.call_later(paste_into, target, event.text)
            else:
                await super().on_event(event)
            self._keys_sent.sent(target)
            return
        await super().on_event(event)

    async def _bound_on_arrival(self, event: events.Key) -> bool:
        """Run the key's binding now, before the next key is read, unless the focused widget
        takes the key itself (reader/tui/focus.py says why). True: a binding took it."""
        focused = self.focused
        if focused is None or focused.check_consume_key(event.key, event.character):
            return False
        if self._keys_sent.pending():
            # Keys before this one still wait to be handled (letters pasted into a box): this
            # one goes after them, as Textual sends it, or Enter would act before they land.
            return False
        return await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key)

    def on_mount(self) -> None:
        where = str(self.config_path or "config")  # the file its warnings name, as its errors do
        if self._wanted_theme:
            if self._wanted_theme in self.available_themes:
                self.theme = self._wanted_theme
            else:
                self._notices.append(
                    f"{where}: unknown theme {one_line(self._wanted_theme, 60)!r}; "
                    f"choose one of: {', '.join(sorted(self.available_themes))}"
                )
        self._theme_ready = True
        known = known_binding_ids()
        for binding_id in sorted(set(self.keymap) - known):
            self._notices.append(f"{where}: keymap: ignoring {binding_id_problem(binding_id, known)}")
        self.push_screen(MainScreen(self.library))
        for notice in self._notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        self.load_catalog()
        if self._index_on_start:
            self.update_index()
            self.set_interval(WATCH_SECONDS, self._watch)

    def in_catalog(self, article_id: str) -> bool:
        """Whether the index, as the list shows it, holds this article."""
        return article_id in self._catalog_ids

    @property
    def indexing(self) -> bool:
        """The index is being brought up to date at launch (the list may still be empty)."""
        return self._index_on_start and not self._index_settled

    @property
    def main_screen(self) -> MainScreen | None:
        if not self.is_running:  # shutting down: screens are pruned child first, so an attached
            return None  # main screen may already have lost its status bar
        for screen in self.screen_stack:
            # Not while the app exits: a worker's late report would find its widgets gone.
            if isinstance(screen, MainScreen) and screen.is_attached:
                return screen
        return None

    # -- workers -----------------------------------------------------------------------------
    def load_catalog(self) -> None:
        """Whatever the index holds now (possibly from an earlier run), at once."""
        self._catalog_loads += 1
        # Not the user's activity: loads back to back (the watcher) put the collection off to
        # COLLECTION_WAIT, and memory grew past the bound meanwhile.
        self._read_catalog(self._catalog_loads)

    @work(thread=True, exclusive=True, group="catalog", exit_on_error=False)
    def _read_catalog(self, load: int) -> None:
        worker = get_current_worker()
        self._catalog_asked = time.perf_counter()
        try:
            version = self._index_version()  # read first: a commit meanwhile is seen next time
            articles = list(self.library.articles())
            stories = list(self.library.stories())
            saved = self.marks_saved  # before the read: these are in the store it reads
            marks_read, stamp = next(self._marks_reads), self._marks_file_stamp()
            marks = self._read_marks()
            if marks is None:  # unreadable now (said once): the list keeps the marks it shows
                marks, marks_read, stamp = {}, 0, None  # (none at launch); the next look tries again
            # Sorted and grouped here, off the event loop; what is unchanged kept from the list shown.
            # The index's (a deleted version's marks too), with the links an import brought since.
            versions = self.library.marks_replacements(articles)
            prepared = prepare_catalog(articles, stories, self.catalog_prepared, versions)
        except Exception as exc:
            if worker.is_cancelled:
                return
            if not self.index_ready and self._index_on_start:
                # No usable index yet (first launch): the update under way builds it, and
                # reports its own failure if it has one.
                self.post_message(CatalogLoaded([], [], load=load))
            else:
                self.post_message(IndexFailed(f"cannot read the index: {error_line(exc)}", load=load))
            return
        if not worker.is_cancelled:
            loaded = CatalogLoaded(articles, stories, marks, version, prepared, saved, load, marks_read, stamp)
            self.post_message(loaded)

    def _index_version(self) -> object:
        try:
            return self.library.index_version()
        except Exception:  # the watcher is a convenience: without it, nothing is reloaded unasked
            return None

    # -- watching the corpus and the index ----------------------------------------------------
    def _watch(self) -> None:
        """Every WATCH_SECONDS: look for files added to or removed from the corpus, and for an
        index another process committed (`reader index`, `reader fetch` from a shell or cron), unless
        the app's own index or fetch work is under way."""
        self._retry_unsaved_marks()
        busy = {"index", "catalog", "fetch", "watch"}
        if not self._index_settled or any(w.group in busy and not w.is_finished for w in self.workers):
            return
        self._check_changes(self._updates_begun)

    def _retry_unsaved_marks(self) -> None:
        """Marks a full disk or a read-only data folder kept in this window are tried again at
        each look: saved once the cause is gone, not only with the next mark set (quitting
        before that lost them). A damaged file waits for its repair."""
        screen = self.main_screen
        if screen is not None and screen.is_mounted and not self.marks_damaged:
            screen.retry_unsaved_marks()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_changes(self, updates_begun: int | None = None) -> None:
        """`updates_begun`: _updates_begun when _watch began this look (on the app's thread)."""
        if updates_begun is None:
            updates_begun = self._updates_begun
        self._check_marks()
        try:
            changes = self.library.changes()
        except Exception:  # an index being replaced, a folder gone: the next look may do
            return
        self.post_message(ChangesSeen(changes, updates_begun))

    def _marks_file_stamp(self) -> tuple | None:
        """The marks file's state (MarkStore.stamp; None: none, or not to be looked at)."""
        try:
            return self.library.marks.stamp()
        except (OSError, AttributeError, TypeError):
            return None

    def _check_marks(self) -> None:
        """Marks written outside this window since it read them (`reader state import`, another
        window) are read again and shown; only they, not the whole catalog. The app's own
        writes are seen too: what they stored is what it shows, so nothing changes then."""
        marks_read, stamp = next(self._marks_reads), self._marks_file_stamp()
        if stamp is None or stamp == self._marks_stamp:
            return
        saved = self.marks_saved  # before the read, as _read_catalog does
        try:
            marks = self.library.marks.all()
        except Exception:  # locked a while, damaged: the list keeps the marks it shows (not none)
            return  # and the next look tries again
        self.post_message(MarksChanged(marks, saved, marks_read, stamp))
        if self._links_brought():
            self.call_from_thread(self.load_catalog)

    def _links_brought(self) -> bool:
        """Whether the marks file now keeps links of deleted versions the list's chains lack (a
        `reader state import`'s): their marks show on the newest once the catalog is read again."""
        screen = self.main_screen
        if screen is None or not self.catalog_ready:
            return False
        try:
            versions = self.library.marks_replacements(self.articles)
        except Exception:  # an index being replaced: the next look may do
            return False
        return versions.marked != screen.source_list.versions.marked

    def _show_marks_read(self, marks_read: int, stamp: tuple | None) -> bool:
        """Whether the marks of read number `marks_read` are to be shown: not when a later read
        is shown already (a reload's, read before a look that showed another window's mark,
        landing after it, put the older marks back, and the looks after saw nothing new)."""
        if marks_read < self._marks_shown_read:
            return False
        self._marks_shown_read, self._marks_stamp = marks_read, stamp
        return True

    def on_marks_changed(self, message: MarksChanged) -> None:
        if self.marks_damaged:  # read again: repaired elsewhere (`reader state repair` in a shell)
            self.marks_damaged, self._marks_read_problem = False, None
            self._marks_readable_again()
        if not self.catalog_ready:
            return  # the catalog's own read (under way) brings them
        if not self._show_marks_read(message.marks_read, message.marks_stamp):
            return
        marks = self._marks_after_read(message.marks, message.marks_saved)
        changed = _marks_changed(self.marks, marks)
        self.marks = marks
        screen = self.main_screen
        if changed and screen is not None and screen.is_mounted:
            screen.marks_changed_elsewhere(changed)

    def on_changes_seen(self, message: ChangesSeen) -> None:
        changes = message.changes
        if changes.updating or not self._index_settled:
            return
        if message.updates_begun != self._updates_begun or self._updating():
            # Looked before an update began (a fetch's, or a look's landing late on a busy machine):
            # what it saw is that update's to read, and a second one ran for nothing, the wait
            # after a look that found nothing doubled twice. The next look says what is new since.
            return
        screen = self.main_screen
        if changes.missing:
            # An unmounted disk or a renamed folder: the index keeps what it has, until it is back.
            if changes.missing != self._missing_said:
                self._missing_said = changes.missing
                self.notify(
                    f"{changes.missing}: the list shows the last index until it is back.",
                    title="Corpus",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            return
        self._missing_said = None
        if changes.index_gone:
            # The list read again would show an empty corpus ("nothing readable was found"): built again.
            if screen is not None:
                screen.status.say("The index was deleted (its cache folder removed?): indexing the corpus again…")
            self._rebuilding_lost_index = self.index_lost_this_run = True
            self._stop_comparisons_pass()
            self.update_index()
            return
        # Folders that keep changing with no article changed (sync, swap files): wait a while.
        if changes.corpus_changed and time.monotonic() >= self._quiet_until:
            self._watch_update = True
            if screen is not None:
                screen.status.say("Files were added to or removed from the corpus: updating the index…")
            self.update_index()
        elif changes.index_version != self._catalog_version and self._catalog_version is not None:
            if screen is not None:
                screen.status.say("The index was updated by another reader process: the list shows it now.")
            self.load_catalog()

    def _read_marks(self) -> dict[str, Mark] | None:
        """The marks the store holds; None (said once) when they cannot be read."""
        try:
            marks = self.library.marks.all()
        except Exception as exc:  # unreadable state must not hide the articles
            # The whole line (error_line cuts at 200): it names the file and says what to do;
            # once, not again at each reload of the list.
            why = one_line(exc, 500) or error_line(exc)
            if isinstance(exc, MarksDamaged):
                self.marks_damaged = True
                why += f"; or here: {self.repair_marks_hint()}. {MARKS_KEPT_UNTIL_REPAIRED}"
            if why != self._marks_read_problem:
                self._marks_read_problem = why
                self.notify(
                    f"cannot read the read marks and stars: {why}", severity="warning", markup=False, timeout=10
                )
            return None
        not_followed = self.library.marks.take_not_followed()
        if not_followed is not None:  # a copied folder's marks, in a data dir it cannot write: once
            self.notify(one_line(not_followed, 500), title="Marks", severity="warning", markup=False, timeout=15)
        return marks

    def repair_marks_hint(self) -> str:
        """Where the app repairs a damaged marks file, for its notices."""
        return f"{key_hint(self, 'app.palette')}, {REPAIR_MARKS}"

    # -- the search history (the search box's ↑/↓) ----------------------------------------------
    @property
    def search_history(self) -> SearchHistory:
        """The searches kept across runs, in the user data dir (reader.state.search_history)."""
        if self._search_history is None:
            self._search_history = SearchHistory(data_dir() / SEARCH_HISTORY_FILE)
            if self._search_history.problem:
                self._tell_history_problem(self._search_history.problem)
        return self._search_history

    def remember_search(self, query: str) -> None:
        """A search the user opened a result of: kept for ↑, saved off the event loop."""
        self._save_search(self.search_history, query)

    @work(thread=True, exclusive=False, group="search-history", exit_on_error=False)
    def _save_search(self, history: SearchHistory, query: str) -> None:
        try:
            history.add(query)
        except OSError as exc:
            why = f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)
            self.call_from_thread(self._tell_history_problem, f"{why}; searches are kept until reader quits")

    def _tell_history_problem(self, problem: str) -> None:
        if not self._history_problem_said:
            self._history_problem_said = True
            self.notify(f"Search history: {one_line(problem, 300)}", severity="warning", markup=False)

    def action_clear_search_history(self) -> None:
        """The palette's "Clear the search history": ↑ in the search box recalls nothing."""
        try:
            self.search_history.clear()
        except OSError as exc:
            self.notify(f"Could not clear the search history: {exc}", severity="error", markup=False)
            return
        self.notify("Search history cleared.", markup=False, timeout=3)

    def action_repair_marks(self) -> None:
        self._repair_marks()

    @work(thread=True, exclusive=True, group="marks-repair", exit_on_error=False)
    def _repair_marks(self) -> None:
        """`reader state repair`, from the palette: the damaged file set aside, its marks
        salvaged into a new one; then the marks set here meanwhile are saved there, and the
        list shows them all."""
        try:
            with self.marks_file_lock:
                outcome = self.library.repair_marks()
        except Exception as exc:  # left as it is (another application's, locked): said, nothing lost
            why = one_line(exc, 500) or error_line(exc)
            self.notify(f"The marks file was not repaired: {why}", severity="error", markup=False, timeout=10)
            return
        self.marks_damaged = False
        self._marks_read_problem = None
        if outcome["repaired"]:
            said = (
                f"Marks file repaired: {counted(outcome['salvaged'], 'mark')} salvaged; "
                f"the damaged file is kept as {outcome['aside']}."
            )
        else:
            said = "The marks file is sound: nothing to repair."
        if outcome["notice"]:
            said += f" {outcome['notice']}."
        self.notify(said, title="Marks", markup=False, timeout=10)
        self.call_from_thread(self._marks_readable_again)
        self._check_marks()

    def _marks_readable_again(self) -> None:
        """The marks set here while the file could not be written are saved now."""
        screen = self.main_screen
        if screen is not None and screen.is_mounted:
            screen.save_pending_marks()

    def _updating(self) -> bool:
        """Whether an index update is under way (begun, or about to)."""
        return any(w.group == "index" and not w.is_finished for w in self.workers)

    def action_index_again(self) -> None:
        """The index key: an update now, as `reader index` runs one (a first build whose grouping
        died for memory, which a launch does not try again, is tried: grouping_memo.py)."""
        screen = self.main_screen
        if self._updating():
            if screen is not None:
                screen.status.say("Already indexing: its progress is on this line.")
            return
        if screen is not None:
            screen.status.say("Indexing…")
        self.update_index(retry_grouping=True)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def update_index(self, rebuild: bool = False, retry_grouping: bool = False) -> None:
        self._updates_begun += 1  # before it reads the folders: a look begun before it is stale
        worker = get_current_worker()

        def progress(done: int, total: int, current: str = "") -> None:
            self.post_message(IndexProgress(done, total, str(current)))

        asked = {"retry_grouping": True} if retry_grouping else {}
        try:
            report = self.library.update(
                progress=progress, cancel=lambda: worker.is_cancelled, rebuild=rebuild, **asked
            )
        except Exception as exc:
            if not worker.is_cancelled:
                reason = _index_failure_line(exc, getattr(self.library, "index_dir", None))
                from reader.library import GroupingWorkerDied

                if isinstance(exc, GroupingWorkerDied):
                    reason += f" (or press {key_hint(self, 'app.index')} here)"
                from reader.library import FailedAfterCommit

                vanished, committed = isinstance(exc, FileNotFoundError), isinstance(exc, FailedAfterCommit)
                self.post_message(IndexFailed(reason, vanished=vanished, committed=committed))
            return
        finally:
            give_back_free_memory()  # what the update used for a moment (long_lived.py)
        if not worker.is_cancelled:
            # After a first index, or while no article is there (a folder of PDFs: said once)
            wanted = report is not None and (report.first_build or not (report.changed or report.unchanged))
            kinds_note = self._unread_kinds_note() if wanted else None
            empty = report is not None and not (report.changed or report.unchanged)
            from reader.library import not_read

            skipped = not_read(report.skipped) if report is not None else 0  # as skipped_count counts
            hidden_note = self._hidden_articles_note(skipped) if empty else None
            self.post_message(IndexFinished(report, kinds_note, hidden_note))

    def _hidden_articles_note(self, skipped: int) -> str | None:
        """That the empty corpus's article files are hidden, skipped, and how to read them, as
        `reader list` says it (`skipped`: its files skipped; in the index's worker: a walk of 10,000
        entries at most, and as many of hidden ones); None when there are none, or on an error."""
        library = self.library
        try:
            return empty_corpus_hidden_note(library.roots, library.command_line, library.follow_links, skipped) or None
        except (OSError, ValueError):
            return None

    def _unread_kinds_note(self) -> str | None:
        """The corpus's files of other kinds (PDFs, images), said after its first index only: a
        folder keeps its PDFs, and a reminder at every launch would be noise. None on an error."""
        try:
            return unread_kinds_note(self.library.roots, follow_links=self.library.follow_links)
        except (OSError, ValueError):
            return None

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def prepare_stories(self) -> None:
        """Every story's comparisons encoded ahead: an optimisation (the comparison you open
        waits for none of it, and one not prepared is only slower), so it says how far it is at
        the right of the status bar, apart from the line there, and never fails aloud."""
        worker = get_current_worker()

        def progress(done: int, total: int, current: str) -> None:
            if total or not current:  # a step with no count (waiting for another process): not "0/0"
                self.post_message(ComparisonsProgress(done, total))

        summary = None
        try:
            report = self.library.prepare_stories(progress=progress, cancel=lambda: worker.is_cancelled)
            if not (report.current or report.stopped or report.problem):
                summary = report.brief()
        except Exception:
            pass
        self.post_message(ComparisonsPrepared(summary))

    # -- worker reports ----------------------------------------------------------------------
    def on_index_progress(self, message: IndexProgress) -> None:
        screen = self.main_screen
        if screen is None:
            return
        screen.status.progress(message.done, message.total)
        if message.total:
            name = Path(message.current).name if message.current else ""
            count = f"{message.done:,}/{message.total:,} "
            screen.status.say_step((f"Indexing {count}", count), name)  # (the bar beside says what it counts)
        else:  # a step with no count ("saving the index", waiting for another process): under way
            step = message.current.rstrip("…. ")
            screen.status.say_step("Indexing: ", step, "…") if step else screen.status.say("Indexing…")
        # The list fills in as the index commits: re-read it now and then while indexing.
        now = time.perf_counter()
        if now - self._catalog_asked > CATALOG_REFRESH_SECONDS and not self._rebuilding_lost_index:
            self._catalog_asked = now
            self.load_catalog()

    def on_comparisons_progress(self, message: ComparisonsProgress) -> None:
        self._stop_work_timer()
        self._show_work(f"preparing comparisons {message.done:,}/{message.total:,}")

    def on_comparisons_prepared(self, message: ComparisonsPrepared) -> None:
        self._stop_work_timer()
        self._show_work(message.summary or "")
        if message.summary:
            self._work_timer = self.set_timer(WORK_SHOWN_SECONDS, lambda: self._show_work(""))

    def _show_work(self, text: str) -> None:
        """The status bar's background line, when the main screen is there to show it."""
        screen = self.main_screen
        if screen is not None and screen.is_mounted:
            screen.status.working(text)

    def clear_finished_work(self) -> None:
        """How a background pass ended ("comparisons ready: …") gives way now, not in its
        WORK_SHOWN_SECONDS: it took half of a 100-column status bar from a fetch's progress line,
        cut to "Fetching 1/3 feeds (R st…"."""
        if self._work_timer is not None:  # shown for a while only: a summary, no work under way
            self._stop_work_timer()
            self._show_work("")

    def _stop_comparisons_pass(self) -> None:
        """The index it prepares for failed or is gone: the pass under way stops (between articles;
        what it encoded is kept) and its line on the status bar goes, which otherwise kept saying
        "preparing comparisons …" of it. The next update that runs to its end starts it again."""
        for worker in self.workers:
            if worker.group == "stories" and not worker.is_finished:
                worker.cancel()
        self._stop_work_timer()
        self._show_work("")

    def _stop_work_timer(self) -> None:
        if self._work_timer is not None:
            self._work_timer.stop()
            self._work_timer = None

    def on_index_finished(self, message: IndexFinished) -> None:
        self.index_ready = True
        self._rebuilding_lost_index = self._lost_index_retried = False
        self.index_problem = None
        self.hidden_articles_note = message.hidden_note
        self._index_settled = True
        report = message.report
        if self._watch_update:
            # Folders changed and no article did (a sync client, an editor's swap file): look
            # less often, up to a minute apart, until an update finds something again.
            self._watch_update = False
            found = report is not None and report.changed
            self._quiet_for = WATCH_SECONDS if found else min(self._quiet_for * 2, MAX_QUIET_SECONDS)
            self._quiet_until = time.monotonic() + (0 if found else self._quiet_for)
        self.index_report = report
        changed = report is None or report.changed
        screen = self.main_screen
        if screen is not None:
            screen.status.idle()
            ready_line = self.stopped_fetch_line or self._report_line(report)
            self.stopped_fetch_line = None
            if self.catalog_ready and not changed:
                screen.status.say(ready_line)  # the list shown is the index as it is
                self._ready_line = None
            else:
                # "Index ready" only once the list shows it: reading a large index's list takes a
                # while, and the list was still empty (first launch) or out of date meanwhile.
                screen.status.say("Index updated; reading the list…")
                self._ready_line = ready_line
        if report is not None and report.notice:
            self.notify(one_line(report.notice, 300), title="Index", markup=False, timeout=10)
        # Warnings about files that were read (a user rule switched off) are not skipped files.
        skipped = [s for s in report.skipped if not s.get("warning")] if report is not None else []
        said = len(skipped)
        news = skipped and said != self._skipped_said  # once, not at each update
        kinds = message.other_kinds_note if message.other_kinds_note != self._kinds_said else None
        if news or kinds:
            # Each with its reason (a broken file is skipped visibly), not only a count that sends
            # the user to a shell to find out which and why.
            lines = self._skipped_notice(skipped) if news else []
            if kinds:
                lines.append(one_line(kinds, 500, command=self.library.command_line("index")))
            self.notify("\n".join(lines), severity="warning", markup=False, timeout=10)
        self._skipped_said = said
        self._kinds_said = message.other_kinds_note or self._kinds_said
        self.catalog_of_index = False
        self._first_load_of_update = self._catalog_loads + 1
        self.load_catalog()
        # After the list is read: the pass shares the two cores with that read.
        self._prepare_after_list = self.prepare_stories_after_index

    def _skipped_notice(self, skipped: list[dict]) -> list[str]:
        """The lines of the notice of the files the index skipped: each file's name and reason cut
        to 200 cells; the command that lists them all (`index --verbose`: a bare `reader index`
        on a terminal names 10 per reason) whole, to be typed (it carries the --corpus the app was
        opened with, as long as its folder's path: one_line keeps a command whole)."""
        command = self.library.command_line("index --verbose")
        return [one_line(line, 200, command=command) for line in skipped_lines(skipped, command=command)]

    @staticmethod
    def _report_line(report: IndexReport | None) -> str:
        if report is None:
            return "Index ready."
        counts = [
            f"{value:,} {name}"
            for name, value in (
                ("indexed", report.indexed),
                ("updated", report.updated),
                ("removed", report.removed),
                ("renamed", len(report.renamed)),
            )
            if value
        ]
        return "Index ready" + (f" ({', '.join(counts)})." if counts else ".")

    def on_index_failed(self, message: IndexFailed) -> None:
        if message.load and message.load < self._catalog_loads:
            # A read of the list asked since answers instead: this one failed as the launch's
            # update ended (it read no index yet, the update's own read was asked meanwhile),
            # and a healthy first launch said "Index problem".
            return
        self.stopped_fetch_line = None  # (not said after a later update, of a fetch long over)
        if message.vanished and self._rebuilding_lost_index and not self._lost_index_retried:
            # Deleted again while it was built (a cleaner still at work): the watcher no longer
            # looks for a lost index (Library.changes says it once), so it was rebuilt only at the
            # next launch; once more now, and a third loss is said as the problem it is.
            self._lost_index_retried = True
            screen = self.main_screen
            if screen is not None:
                screen.status.say("The index was deleted again while it was rebuilt: indexing the corpus once more…")
            self.update_index()
            return
        self._index_settled = True
        self._rebuilding_lost_index = False
        self._lost_index_retried = False
        self._watch_update = False
        self._ready_line = None
        self.index_problem = message.reason
        self._stop_comparisons_pass()
        screen = self.main_screen
        if screen is not None:
            screen.status.idle()
            screen.status.say(f"Index problem: {message.reason}")
            screen.index_failed()
        self.notify(message.reason, title="Index", severity="error", markup=False, timeout=10)
        if message.committed:
            # Its articles were committed: the list, and the results shown, read the index again
            # (the list held the index before it, and a search's hit not in it could not be opened).
            self.catalog_of_index = False
            self.load_catalog()

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        if message.load and message.load < self._catalog_shown:
            return  # an older read landing late (posted as it was cancelled): the newer list stays
        self._catalog_shown = max(self._catalog_shown, message.load)
        self.articles = message.articles
        self.stories = message.stories
        self.catalog_prepared = message.prepared
        if self._show_marks_read(message.marks_read, message.marks_stamp):
            self.marks = self._marks_after_read(message.marks, message.marks_saved)
        self.catalog_ready = True
        of_update = bool(self._first_load_of_update) and message.load >= self._first_load_of_update
        self.catalog_of_index = of_update
        self._catalog_version = message.version
        self._catalog_ids = {a.id for a in message.articles}
        screen = self.main_screen
        if of_update and self._prepare_after_list:
            self._prepare_after_list = False
            self.prepare_stories()
        if screen is not None and screen.is_mounted:
            try:
                if of_update and self._ready_line is not None:
                    # Before catalog_changed, which may say more (an empty corpus, the open article gone).
                    screen.status.say(self._ready_line)
                    self._ready_line = None
                screen.catalog_changed()
            except NoMatches:  # the screen is being taken down (the app quits): nothing shows it
                return
            if self._long_lived.set_aside():  # the list and its tree: out of the collector's walks
                if self._long_lived.collection_overdue:  # loads with no idle moment between them
                    self._long_lived.collect()
                else:
                    self._collect_when_idle()
            # Not once the launch's update ended: a failed one's "Index problem" line stays.
            if self.indexing and not screen.status.has_class("-busy"):
                screen.status.say(f"{len(self.articles):,} articles; checking the corpus for changes…")
            elif not self._index_on_start and self.index_problem is None:
                screen.status.say(f"{len(self.articles):,} articles.")

    def _collect_when_idle(self) -> None:
        """The full collection the long-lived objects are due (long_lived.py), once the user has
        left the app alone IDLE_SECONDS: it holds the event loop 0.1-0.2 s, which in the load
        showed as the key that asked for it (or the next one) answered late. A user who never
        pauses gets it after COLLECTION_WAIT all the same: memory stays bounded."""
        if self._collection_due_since is None:
            self._collection_due_since = time.monotonic()
        if self._collection_timer is None:  # else one waits already
            self._collection_timer = self.set_timer(IDLE_SECONDS, self._collect_if_idle)

    def _collect_if_idle(self) -> None:
        self._collection_timer = None
        if not self._long_lived.collection_due:
            self._collection_due_since = None
            return
        now = time.monotonic()
        quiet = now - self._last_activity
        waited = now - (self._collection_due_since or now)
        if quiet < IDLE_SECONDS and waited < COLLECTION_WAIT:
            self._collection_timer = self.set_timer(IDLE_SECONDS - quiet, self._collect_if_idle)
            return
        self._collection_due_since = None
        self._long_lived.collect()

    def _marks_after_read(self, stored: dict[str, Mark], saved: int) -> dict[str, Mark]:
        """The marks read from the store, with the fields set here that the read may predate
        (set after the last save before it): a read in a worker must not undo a mark set since,
        and a field set here earlier must not hide the value another window stored since."""
        marks = dict(stored)
        for article_id, fields in list(self.marks_set_here.items()):
            newer = {name: value for name, (value, number) in fields.items() if number > saved}
            if newer:
                marks[article_id] = replace(marks.get(article_id, UNMARKED), **newer)
                if marks[article_id] == UNMARKED:  # (the store holds no unmarked article)
                    del marks[article_id]
            kept = {name: field for name, field in fields.items() if field[1] > self.marks_saved}
            if kept:
                self.marks_set_here[article_id] = kept
            else:  # stored: every later read holds it (or a newer value)
                del self.marks_set_here[article_id]
        return marks

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_worker_error(self, event)

    # -- settings, the world outside ---------------------------------------------------------
    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR's), every text's colour made to read at 4.5:1 on what it
        is drawn on, emoji sequences in the cells the layout counted where the terminal measures
        them otherwise (emoji_cells), and on the Linux console ASCII for the glyphs its font lacks
        (the focus bar, the compare bars and marks)."""
        filters = [*super().get_line_filters(), self._legible_text]
        extra = (self._emoji_cells, self._console_glyphs)
        return [*filters, *(extra_filter for extra_filter in extra if extra_filter is not None)]

    def get_key_display(self, binding: Binding) -> str:
        """Textual's spelling of a key, with the names it shows as a glyph the console's font
        lacks (⏎) spelt out where the ASCII stand-ins are drawn."""
        shown = super().get_key_display(binding)
        return ascii_key_display(shown) if self._console_glyphs is not None else shown

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours, its text made to read at 4.5:1 where the theme has it lower."""
        return legible(super().get_css_variables())

    def watch_theme(self, name: str) -> None:
        """A theme picked in the app (the palette's "Theme") is saved for the next launch."""
        if self._theme_ready and self.config_path is not None and name != self._wanted_theme:
            self._wanted_theme = name
            self._save_theme(name)

    @work(thread=True, exclusive=True, group="save-theme", exit_on_error=False)
    def _save_theme(self, name: str) -> None:
        if self._save_setting("theme", name, "the theme"):
            self.notify(f"Theme {name} saved to {self.config_path}", markup=False, timeout=3)

    def save_list_setting(self, key: str, value: str) -> None:
        """The source list's grouping or sort just picked (g, S), kept for the next launch as
        the theme is; quietly: the status line says what changed, a failure is said."""
        if self.config_path is not None:
            self._unsaved[key] = value
            what = "the grouping" if key == "grouping" else "the sort order"
            self.run_worker(partial(self._save_setting, key, None, what), thread=True, exit_on_error=False)

    def _save_setting(self, key: str, value: str | None, what: str) -> bool:
        """Set `key: value` in config.yaml (in a worker); False, with a warning, when it cannot be.
        `value` None: the last one picked (`_unsaved`), so that of g pressed twice quickly, the
        second is what stays whichever worker writes last."""
        from reader.settings_file import set_value

        if self.config_path is None:
            return False
        try:
            with self._settings_lock:
                if value is None:
                    value = self._unsaved.pop(key, None)
                    if value is None:  # a later worker wrote it already
                        return False
                set_value(self.config_path, key, value)
        except OSError as exc:
            problem = f"Could not save {what} to {self.config_path}: {exc.strerror or exc}"
            if problem != self._save_problem_said:  # g pressed ten times: said once
                self._save_problem_said = problem
                self.notify(problem, severity="warning", markup=False)
            return False
        self._save_problem_said = None
        return True

    def open_in_browser(self, url: str) -> None:
        """Open a web address with `webbrowser` (which honours $BROWSER).

        The app is suspended meanwhile, so a text-mode browser gets the terminal.
        """
        import webbrowser

        try:
            try:
                with self.suspend():
                    opened = webbrowser.open(url)
            except SuspendNotSupported:  # headless (tests) or a terminal that cannot suspend
                opened = webbrowser.open(url)
        except webbrowser.Error as exc:
            self.notify(f"Could not open a browser: {exc}", severity="error", markup=False)
            return
        if opened:
            self.notify(f"Opened {one_line(url, 200)}", markup=False, timeout=3)
            return
        try:
            browser = getattr(webbrowser.get(), "name", "") or "the browser"
        except webbrowser.Error:
            self.notify("No browser found: set $BROWSER to the command of one.", severity="error", markup=False)
            return
        # One was found and ran, but failed (lynx offline, a browser that cannot start): it said
        # "No browser found", sending the user after a browser they have.
        self.notify(
            f"{browser} could not open {one_line(url, 200)} (it exited with an error); "
            "$BROWSER chooses another browser.",
            severity="error",
            markup=False,
        )

    # -- routing -----------------------------------------------------------------------------
    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config_path, self.library.marks.path))

    def open_article(self, article_id: str, query: str = "") -> None:
        """Show an article on the main screen (from the palette or any other screen)."""
        screen = self.main_screen
        if screen is None:
            return
        while self.screen is not screen and len(self.screen_stack) > 1:
            self.pop_screen()
        # Over the search or the filter box (the palette opened from it), the article takes the
        # focus: left in the box, the keys it is read with (j, space) were typed into it.
        screen.post_message(OpenArticle(article_id, query, focus=screen.typing_focused()))

    def open_story(self, story_id: str) -> None:
        story = next((s for s in self.stories if str(s.id) == story_id), None)
        screen = self.main_screen
        if story is None or screen is None:
            return
        screen.leave_search_for_list()  # the story is shown in the list, not under the results
        tree = screen.source_list
        if tree.grouping != "story":
            tree.set_grouping("story")
        if story.articles:
            # After the regrouping puts back the cursor it had (g does the same): the article's
            # own reveal, when it loaded first, was undone by it.
            tree.call_after_refresh(tree.reveal, story.articles[0])
            self.open_article(story.articles[0])

    def on_open_comparison(self, message: OpenComparison) -> None:
        message.stop()
        self.open_comparison(message.left_id, message.right_id, message.story_id)

    def open_comparison(self, left_id: str, right_id: str | None = None, story_id: str | None = None) -> None:
        from reader.tui.screens.compare import CompareScreen

        for screen in self.screen_stack:  # one comparison computed at a time: the one asked for
            if isinstance(screen, CompareScreen):
                screen.interrupt()
        self.push_screen(CompareScreen(self.library, left_id, right_id, story_id=story_id))
