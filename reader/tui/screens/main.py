"""The main screen: source list or search on the left, the reader and its quotes on the right."""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import Worker, get_current_worker

from reader.listing import SORT_LABELS, SORT_ORDERS, STORY_SORT_LABELS, group_read_marks, group_star_marks
from reader.library import LibraryAPI
from reader.state.marks import UNMARKED, Mark, MarkStore
from reader.state.version_marks import links_to_keep, marks_to_set, shown_marks
from reader.tui.focus import focus_now
from reader.tui.keymap import MAIN_BINDINGS, key_hint
from reader.tui.messages import ArticleFailed, ArticleLoaded, OpenArticle, OpenComparison
from reader.tui.notify import notify_worker_error
from reader.tui.safe import address_to_open, error_line, join, label, one_line
from reader.tui.typed_app import reader_app
from reader.tui.screens.main_notes import (
    MARKS_KEPT_UNTIL_REPAIRED,
    MARKS_SAVED_AT_LAST,
    empty_corpus,
    list_welcome,
    web_url_problem,
    welcome,
)
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.quotes_panel import QuotesPanel
from reader.tui.widgets.reader_pane import ReaderPane
from reader.tui.widgets.search_panel import HINT_HIDDEN_BELOW, SearchPanel
from reader.tui.widgets.source_list import SourceList
from reader.tui.widgets.status_bar import StatusBar
from reader.tui.widgets.line_input import FilterInput
from reader.wording import counted, outlet_shown

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.coverage import CoverageSpot

# Below this many rows the quotes panel stays hidden until asked for (the article needs them).
QUOTES_MIN_ROWS = 20
# Below this many columns the screen shows one pane (app.tcss): the list, or the article opened
# from it, each the whole width (side by side, a 40-column list showed dates and no titles).
NARROW_WIDTH = 90
# Seconds an article stays open before its comparisons are prepared (Library.prepare_comparisons):
# stepping quickly through the list prepares none of the articles passed by.
PREPARE_DELAY = 0.4


# The source list's filter box's placeholder, the longest that fits the box (FittedInput).
FILTER_PLACEHOLDERS = ("Filter: words, is:unread, is:starred, since:…", "Filter: words, is:unread, since:…", "Filter")


class MainScreen(Screen):
    BINDINGS = MAIN_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, library: LibraryAPI) -> None:
        super().__init__(id="main")
        self.library = library
        self.query_text = ""  # the search whose matches are highlighted in the open article
        self.matches_capped = False  # the article has more matches than the ones highlighted
        self.show_quotes: bool | None = None  # None: shown when the terminal is tall enough
        # article id -> the fields of its mark changed here ({"read": True}), for the next marks worker
        self._pending_marks: dict[str, dict[str, bool]] = {}
        # The links from the older versions given a mark up to their newest, as this window
        # lists them, saved with the marks (version_marks.links_to_keep).
        self._pending_links: dict[str, str] = {}
        self._marks_lock = threading.Lock()
        self._marks_problem_said: str | None = None  # why marks cannot be saved, once told
        # (grouping, group key) -> the articles `s` on that group starred, still starred (the next
        # `s` there takes back those); an article starred or unstarred on its own leaves them.
        # Kept while the app runs, not across a restart.
        self._group_starred: dict[tuple[str, str], set[str]] = {}
        self._empty_note_shown = False  # the reader pane says the corpus has no articles (or none yet)
        self._focus_on_load = False  # the article being opened takes the focus when shown
        self._taken_over_by_click = False  # a click came after the box's Enter (clicked)
        # The source list was hidden for the terminal's narrowness, not by the user (b): a wide
        # terminal again brings it back.
        self._sidebar_hidden_for_width = False
        self._saved_grouping: str | None = None  # config.yaml's, until the list can show it
        self._narrow = False  # the terminal was narrower than NARROW_WIDTH at the last resize
        self.prepare_delay = PREPARE_DELAY
        self._prepare_timer: Timer | None = None
        # (article id, place in the view): that article was opened from the coverage view;
        # Escape on it goes back there, one step back (it went to the list).
        self._coverage_return: tuple[str, CoverageSpot] | None = None
        # One pane: the article the search was opened over (Escape leaving the search shows it
        # again).
        self._search_over_article: str | None = None
        self._search_behind_article = False  # / over it was pressed with the search open (its results)
        # One pane: the article the filter box (f) was opened over; Escape from the empty box
        # shows it again, as from the search.
        self._filter_over_article: str | None = None
        # That / or f was pressed in the article's quotes panel: Escape goes back to it (it went
        # to the article, where the help, the palette and the comparison come back to the panel).
        self._over_quotes = False
        # The list (source list or search results) the quotes panel was opened from: Escape
        # goes back to it as it was, its cursor where the user left it.
        self._quotes_from_list: Widget | None = None
        # (article id, the list ' was pressed in): ' opened that article from the list, its
        # quotes are shown once it is loaded.
        self._quotes_on_load: tuple[str, Widget | None] | None = None
        # Counts open_article's calls: a load that ends after a later one was asked for (its
        # worker cancelled past its last check) is not shown (ArticleLoaded.load).
        self._loads_asked = 0
        # The open article's status line: (its matches found, "" for none; outlet and title),
        # and the line last said from it (_say_article_line).
        self._article_line: tuple[str, list[str]] | None = None
        self._article_line_said: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                with ContentSwitcher(initial="sources", id="left"):
                    with Vertical(id="sources"):
                        yield FilterInput(FILTER_PLACEHOLDERS, id="filter")
                        yield Static(Content(""), id="list-note")
                        yield SourceList(id="tree")
                        yield Static(Content(""), id="list-hint")
                    yield SearchPanel(self.library, id="search")
            with Vertical(id="content"):
                yield ReaderPane(id="reader")
                yield QuotesPanel(id="quotes")
        yield StatusBar(id="status")
        yield ReaderFooter()

    def _sample_corpus(self) -> tuple[bool, bool]:
        """Whether the corpus is the bundled sample, and whether other folders are read with it
        (the fetched articles' folder, once made)."""
        from reader import config

        roots = self.library.roots
        bundled = config.BUNDLED_CORPUS in roots
        return bundled, bundled and len(roots) > 1

    def _welcome(self, indexing: bool = False) -> Content:
        """The welcome, which names the config file when the corpus is the bundled sample."""
        from reader import config

        bundled, among_others = self._sample_corpus()
        return welcome(
            self.app,
            indexing,
            sample_config=config.config_path() if bundled else None,
            sample_among_others=among_others,
        )

    async def on_mount(self) -> None:
        await self.reader.show_message(self._welcome())
        self.query_one("#list-hint", Static).update(list_welcome(self.app, *self._sample_corpus()))
        self.quotes_panel.display = False
        self.query_one("#list-note").display = False
        self._update_list_hint()
        self.status.say("Reading the index…")
        # The sort picked at an earlier launch (config.yaml); its grouping by story waits for
        # the stories (catalog_changed), the list by outlet until then.
        self.source_list.list_order = self.reader_app.start_list_order
        self._saved_grouping = self.reader_app.start_grouping
        focus_now(self.source_list)
        if self.reader_app.catalog_ready:
            self.catalog_changed()

    # -- parts -------------------------------------------------------------------------------
    @property
    def reader_app(self) -> ReaderApp:
        return reader_app(self.app)

    @property
    def source_list(self) -> SourceList:
        return self.query_one(SourceList)

    @property
    def search_panel(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def quotes_panel(self) -> QuotesPanel:
        return self.query_one(QuotesPanel)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def catalog_changed(self) -> None:
        """The app's article list or stories changed: rebuild the source list."""
        app = self.reader_app
        renamed = app.index_report.renamed if app.index_report is not None else {}
        self.source_list.marks = dict(app.marks)
        if self._saved_grouping is not None and (self._saved_grouping != "story" or app.stories):
            self.source_list.grouping, self._saved_grouping = self._saved_grouping, None
        self.source_list.set_catalog(app.articles, app.stories, app.catalog_prepared, renamed)
        self._update_list_note()
        self.search_panel.refresh_results()  # results shown were found in the index before
        if self.is_empty_corpus and self.reader.article is None:
            skipped = len(app.index_report.skipped) if app.index_report is not None else 0
            self.run_worker(
                self.reader.show_message(
                    empty_corpus(self.library.roots, skipped, self.library.command_line, app.hidden_articles_note),
                    unless_article=True,
                )
            )
            if self.one_pane:  # one pane: the note is the pane shown (the list has nothing)
                self._show_reading_pane()
                self.status.say("The corpus has no articles.")  # the note is on screen
            else:
                self.status.say("The corpus has no articles: see the note on the right.")
            self._empty_note_shown = True
        elif app.indexing and not app.articles and self.reader.article is None and not self._empty_note_shown:
            # A first index under way: the welcome says so, until articles come (below)
            self.run_worker(self.reader.show_message(self._welcome(indexing=True), unless_article=True))
            self._empty_note_shown = True
        elif self._empty_note_shown and app.articles and self.reader.article is None:
            # Articles arrived (added while the app is open): the note no longer holds.
            self._empty_note_shown = False
            self.run_worker(self.reader.show_message(self._welcome(), unless_article=True))
            if self._sidebar_hidden_for_width:  # one pane: the list, now that it has articles
                self._show_list(self.source_list)
        article = self.reader.article
        if article is not None and app.index_ready and not app.in_catalog(article.id):
            if self._follow_renamed_article(renamed.get(article.id)):
                return
            self.status.say("The open article is no longer in the corpus: it is shown as it was indexed.")

    def _follow_renamed_article(self, new_id: str | None) -> bool:
        """The open article's file was renamed or moved inside the corpus (the same contents):
        it stays open where it is read, under its new id (the marks and stars set on it go there).
        False when it was not, or its new id is not listed either."""
        app = self.reader_app
        article = self.reader.article
        if article is None or new_id is None or not app.in_catalog(new_id):
            return False
        info = next((a for a in app.articles if a.id == new_id), None)
        path = Path(info.path) if info is not None and info.path else article.path
        self.reader.article = replace(article, id=new_id, path=path)
        self.status.say(f"The open article's file was renamed: it is {one_line(new_id, 200)} now.")
        return True

    @property
    def is_empty_corpus(self) -> bool:
        # Not merely index_ready: the catalog is read after the update, and was empty meanwhile.
        return self.reader_app.catalog_of_index and not self.reader_app.articles

    def _no_articles_note(self, nothing: str) -> str | None:
        """`nothing` and why, when there is no article to open (an empty corpus, or its first index
        not read yet), else None: "open an article first" sent a newcomer to a list with none."""
        if self.reader_app.articles:
            return None
        if self.is_empty_corpus:
            return f"{nothing}: the corpus has no articles."
        return f"{nothing} yet: the articles appear once the index is ready."

    def index_failed(self) -> None:
        """The app's update failed: the note above the list says why when it has nothing to show,
        and the welcome no longer says the articles are being indexed."""
        self._update_list_note()
        if not self.reader_app.articles and self.reader.article is None:
            self.run_worker(self.reader.show_message(self._welcome(), unless_article=True))

    def _update_list_note(self) -> None:
        """One line above the list: a bad filter, a filter that hides everything, an empty corpus."""
        tree = self.source_list
        note = self.query_one("#list-note", Static)
        text, error = "", False
        if tree.filter_error:
            # A bad filter keeps the last good one (no flashing while a date is typed): say which.
            shown = f"'{one_line(tree.filter_shown, 60)}'" if tree.filter_shown else "every article"
            text, error = f"{tree.filter_error} (showing {shown})", True
        elif tree.filter_spec.active and tree.shown_count == 0:
            text = f"No matches — {key_hint(self.app, 'main.back')} clears the filter."
        elif self.is_empty_corpus:
            text = "No articles in the corpus."
        elif self.reader_app.indexing and not self.reader_app.articles:
            text = "Indexing the corpus: the articles appear here when it is done."
        elif self.reader_app.index_problem and not self.reader_app.articles:
            # (it said "indexing…" for good after a first index failed: a full or read-only cache)
            text = f"No index: {self.reader_app.index_problem}"
        note.update(Content(one_line(text, 300)))
        note.set_class(error, "-error")
        note.display = bool(text)
        self._update_list_hint()

    def _update_list_hint(self) -> None:
        """The welcome's first steps under the list: in one pane, until an article is opened (the
        reader pane, which says them beside the list in two panes, is hidden until then)."""
        hint = self.query_one("#list-hint", Static)
        # Below as many rows as the search's hint, it gives way to the list's rows, as that one does.
        room = self.app.size.height >= HINT_HIDDEN_BELOW
        hint.display = room and self.one_pane and self.reader.article is None and self.source_list.shown_count > 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """g groups the source list: while the search shows instead, it is off, and the footer
        does not offer it among the search's keys."""
        if action == "toggle_grouping" and self._searching():
            return False
        return True

    def _searching(self) -> bool:
        switchers = self.query("#left").results(ContentSwitcher)  # none before compose
        return any(switcher.current == "search" for switcher in switchers)

    # -- actions -----------------------------------------------------------------------------
    def action_search(self) -> None:
        if not self._searching() or not self._in_search_panel():
            # Also over an article opened from the results (the search behind it): Escape in
            # the box goes back to that article, not to the source list.
            self._search_behind_article = self._searching()
            self._search_over_article = self._article_alone()
            self._over_quotes = self._in_quotes_panel()
        self.set_class(False, "-no-sidebar")
        self.query_one("#left", ContentSwitcher).current = "search"
        self.search_panel.focus_input()

    def action_filter(self) -> None:
        if not self._in_filter_box():
            self._filter_over_article = self._article_alone()
            self._over_quotes = self._in_quotes_panel()
        self.set_class(False, "-no-sidebar")
        self.query_one("#left", ContentSwitcher).current = "sources"
        focus_now(self.query_one("#filter", Input))

    def _article_alone(self) -> str | None:
        """The id of the article shown alone (one pane, the list hidden), if one is."""
        article = self.reader.article
        if self.one_pane and self.has_class("-no-sidebar") and article is not None:
            return article.id
        return None

    def back_to_coverage(self, article_id: str, spot: CoverageSpot) -> None:
        """The coverage view is opening `article_id`: Escape on it goes back there, at `spot`."""
        self._coverage_return = (article_id, spot)

    def _return_to_coverage(self) -> bool:
        """Escape on an article opened from the coverage view, nothing else changed since (no
        search, no filter): back to the view, at the article's story."""
        came_from, self._coverage_return = self._coverage_return, None
        article = self.reader.article
        if came_from is None or article is None or article.id != came_from[0]:
            return False
        if self._searching() or self.query_one("#filter", Input).value or self.source_list.filter_spec.active:
            return False
        self.action_coverage(came_from[1])
        return True

    def action_back(self) -> None:
        switcher = self.query_one("#left", ContentSwitcher)
        filter_input = self.query_one("#filter", Input)
        quotes_from_list, self._quotes_from_list = self._quotes_from_list, None
        filter_over, self._filter_over_article = self._filter_over_article, None
        if quotes_from_list is not None and self._in_quotes_panel():
            # Opened from a list: back one step, to it, its cursor where it was (the results'
            # went back to the open article's row, away from the one the user had moved to).
            self._show_list(quotes_from_list)
            return
        if self._return_to_coverage():
            return
        if self._in_quotes_panel() and self._article_alone() is not None:
            # One pane, the quotes opened over the article: back one step, to the article (the
            # list came, skipping it).
            focus_now(self.reader)
        elif self.has_class("-no-sidebar"):
            # First the hidden side comes back, as it was (b, or a narrow terminal while reading):
            # from the search it went to the source list, hidden as well, and the focus was lost.
            self._show_list()
            searching = switcher.current == "search"
            results = self.search_panel.result_list
            if searching and not results.option_count:
                self.search_panel.focus_input()
            elif searching:
                self._back_to_results()
            else:
                focus_now(self.source_list)
        elif switcher.current == "search" and not self._in_search_panel() and self._open_hit() is not None:
            # From an article opened from the results (Enter, J/K), back to them, as on a narrow
            # terminal: the results were dropped, the search to type again. Escape there leaves it.
            self._back_to_results()
        elif switcher.current == "search" and self._search_behind_article and self._back_to_article_over_search():
            return
        elif switcher.current == "search":
            over = self._close_search()
            article = self.reader.article
            if self.one_pane and article is not None and article.id == over:
                # One pane, / pressed over the article: back one step, to it (not the list), and
                # its line to the status bar (the search's was cleared: it said nothing there).
                self._hide_sidebar_for_width()
                self._focus_pane_left()
                self._say_article_line()
            else:
                focus_now(self.source_list)
        elif filter_input.value or self.source_list.filter_spec.active:
            # Escape always gets the whole list back: no filter can leave the user stuck.
            filter_input.value = ""
            self.source_list.clear_filter()
            self._update_list_note()
            focus_now(self.source_list)
            self.status.say("Filter cleared.")
        elif self._in_filter_box() and self.one_pane and filter_over is not None and self._shows(filter_over):
            # One pane, f pressed over the article, nothing typed: back one step, to it (it went
            # to the list, as / did).
            self._hide_sidebar_for_width()
            self._focus_pane_left()
        else:
            # From the filter box, the article or the quotes panel: back to the list, where
            # Enter and j/k act again (the help promises it; Tab alone had no way back).
            focus_now(self.source_list)

    def leave_search_for_list(self) -> None:
        """The source list shown in place of the search (the palette's "Show this story": the
        story was regrouped under the results, which stayed, the focus in their box)."""
        if not self._searching():
            return
        self._close_search()
        if self.focused is None or self._in_search_panel():
            focus_now(self.source_list)

    def _focus_pane_left(self) -> None:
        """The focus back in the pane / or f was pressed in over the article: its quotes panel
        if it was there and still shows, else the article."""
        panel = self.quotes_panel
        focus_now(panel if self._over_quotes and panel.display else self.reader)

    def _back_to_article_over_search(self) -> bool:
        """One pane, / pressed over an article opened from the results: back one step, to that
        article, the results kept behind it (its Escape goes to them, as before the /). False
        if the article shown is no longer that one."""
        over, self._search_over_article = self._search_over_article, None
        self._search_behind_article = False
        article = self.reader.article
        if not self.one_pane or article is None or article.id != over:
            return False
        self._hide_sidebar_for_width()
        self._focus_pane_left()
        self.status.say("")
        self._say_article_line()
        return True

    def _close_search(self) -> str | None:
        """The source list in place of the search; the id of the article / was pressed over, if it was."""
        self.query_one("#left", ContentSwitcher).current = "sources"
        self.status.say("")  # the search's line ("“walrus”: 12 results") is about what was left
        over, self._search_over_article = self._search_over_article, None
        return over

    def typing_focused(self) -> bool:
        """Whether the focus is in a text box (the search's, the filter's), where keys are typed."""
        return isinstance(self.focused, Input)

    def _in_filter_box(self) -> bool:
        return self.focused is self.query_one("#filter", Input)

    def _shows(self, article_id: str) -> bool:
        article = self.reader.article
        return article is not None and article.id == article_id

    def _in_quotes_panel(self) -> bool:
        focused = self.focused
        return focused is not None and self.quotes_panel in (focused, *focused.ancestors)

    def _in_search_panel(self) -> bool:
        focused = self.focused
        return focused is not None and self.search_panel in (focused, *focused.ancestors)

    def _open_hit(self) -> int | None:
        """The row of the search results that lists the open article, if one does."""
        results = self.search_panel.results
        if results is None or self.reader.article is None:
            return None
        ids = [hit.id for hit in results.hits]
        if self.reader.article.id not in ids:
            return None
        # A "Did you mean" row may come before the hits.
        return ids.index(self.reader.article.id) + self.search_panel.result_list.option_count - len(ids)

    def _back_to_results(self) -> None:
        """Focus the search results, the cursor on the open article's row (J/K may have moved on)."""
        results = self.search_panel.result_list
        row = self._open_hit()
        if row is not None:
            results.highlighted = row
        focus_now(results)

    def action_toggle_grouping(self) -> None:
        tree = self.source_list
        grouping = "story" if tree.grouping == "outlet" else "outlet"
        if grouping == "story" and not self.reader_app.stories:
            if self.is_empty_corpus:  # nothing will come by waiting
                self.notify("No stories: the corpus has no articles.", markup=False)
            else:
                self.notify("No stories yet: they appear once the index is ready.", markup=False)
            return
        # The cursor stays on its article (else the open one), now under its story or outlet.
        keep = tree.cursor_article() or (self.reader.article.id if self.reader.article is not None else None)
        self._saved_grouping = None  # the user's pick from now on, not the saved one
        tree.set_grouping(grouping)
        if keep is not None:
            tree.call_after_refresh(tree.reveal, keep)
        self._show_changed_list()
        self.status.say(f"Grouped by {grouping}.")
        self.reader_app.save_list_setting("grouping", grouping)

    def _show_changed_list(self) -> None:
        """One pane, the article shown: the list just regrouped or sorted takes its place (g and
        S changed a list nobody saw, the footer offering g Group over the article)."""
        if self.one_pane and self.has_class("-no-sidebar") and not self._searching():
            self._show_list(self.source_list)

    def action_toggle_sidebar(self) -> None:
        self._sidebar_hidden_for_width = False
        self.toggle_class("-no-sidebar")
        if self.has_class("-no-sidebar"):
            focus_now(self.reader)
        else:
            focus_now(self.source_list)

    def action_toggle_quotes(self) -> None:
        """' goes to the quotes panel, showing it if hidden; pressed in the panel, it hides it.
        In a list, it is about the article under the cursor (as u, s, c, o and y are): another
        than the open one is opened as Enter would, and its quotes shown once it is loaded."""
        if self._in_quotes_panel():
            self._hide_quotes()
            return
        came_from = self.focused if self.focused in (self.source_list, self.search_panel.result_list) else None
        wanted = self._target_id() if came_from is not None else None
        shown = self.reader.article
        if wanted is not None and (shown is None or shown.id != wanted):
            query = self.search_panel.current_query if came_from is self.search_panel.result_list else ""
            self.open_article(wanted, query)
            self._quotes_on_load = (wanted, came_from)
            return
        self._show_quotes(came_from)

    def _show_quotes(self, came_from: Widget | None) -> None:
        """Show the open article's quotes and focus them; `came_from`, the list ' was pressed in
        (Escape goes back to it)."""
        panel = self.quotes_panel
        if self.reader.article is None:
            self.notify(
                self._no_articles_note("No quotations")
                or "Open an article first: the quotes panel lists its quotations.",
                markup=False,
            )
            return
        if not panel.quotes:
            self.notify("This article has no quotations.", markup=False)
            return
        # One pane, the list shown: the quotes are the article's, shown with it.
        self._show_reading_pane()
        self.show_quotes = True
        self._quotes_from_list = came_from
        self._sync_quotes_panel()
        focus_now(panel)

    def _hide_quotes(self) -> None:
        """' in the quotes panel: hidden, the focus back to the list it was opened from when that
        is on screen, else to the article."""
        came_from, self._quotes_from_list = self._quotes_from_list, None
        self.show_quotes = False
        self._sync_quotes_panel()
        if came_from is not None and not self.has_class("-no-sidebar"):
            focus_now(came_from)
        else:
            focus_now(self.reader)

    @property
    def one_pane(self) -> bool:
        """The terminal is too narrow for the list beside the article: one of them is shown."""
        return self.app.size.width < NARROW_WIDTH

    def _quotes_wanted(self) -> bool:
        if self.show_quotes is not None:
            return self.show_quotes
        return self.app.size.height >= QUOTES_MIN_ROWS

    def _sync_quotes_panel(self) -> None:
        panel = self.quotes_panel
        panel.display = self._quotes_wanted() and self.reader.article is not None and bool(panel.quotes)

    def on_resize(self) -> None:
        self._sync_quotes_panel()
        self._update_list_hint()
        narrow = self.app.size.width < NARROW_WIDTH
        if narrow == self._narrow:
            return  # only crossing the width changes the layout (b's choice stands otherwise)
        self._narrow = narrow
        # The pane to show is chosen before the layout changes, in one go: hidden a moment, the
        # focused article lost the focus to the list (the breakpoint's -narrow class comes at
        # another time than this event, hence a class of our own).
        if not narrow and self._sidebar_hidden_for_width:
            # Hidden when the terminal was narrow: the list comes back beside the article.
            self._sidebar_hidden_for_width = False
            self.set_class(False, "-one-pane", "-no-sidebar")
        elif narrow and self._reading() and not self.has_class("-no-sidebar"):
            # Narrowed while reading: the article gets the whole width, as when opened narrow
            # (else the list does: the focus stays where it was, in the pane shown).
            self._hide_sidebar_for_width()
        self.set_class(narrow, "-one-pane")
        self.source_list.alone = narrow
        self.source_list.refresh()

    def _reading(self) -> bool:
        """The focus is in the article or its quotes (the right-hand pane)."""
        focused = self.focused
        content = self.query_one("#content")
        return focused is not None and (focused is content or content in focused.ancestors)

    def _show_reading_pane(self) -> None:
        """One pane, the list shown: show the article (or the note) instead."""
        if self.one_pane and not self.has_class("-no-sidebar"):
            self._hide_sidebar_for_width()

    def _show_list(self, focus_to: Widget | None = None) -> None:
        """The list (or the search results) shown again, hidden by b or for the width, and the
        focus given to `focus_to` when one is named (the caller chooses it otherwise)."""
        self._sidebar_hidden_for_width = False
        self.set_class(False, "-no-sidebar")
        if focus_to is not None:
            focus_now(focus_to)

    def _hide_sidebar_for_width(self) -> None:
        self.add_class("-no-sidebar")
        self._sidebar_hidden_for_width = True

    async def action_next_hit(self) -> None:
        await self._step(+1)

    async def action_prev_hit(self) -> None:
        await self._step(-1)

    async def _step(self, step: int) -> None:
        reader = self.reader
        if not self.query_text:
            search = key_hint(self.app, "main.search")
            self.notify(
                f"No search to step through: press {search} to search and open a result; "
                f"{key_hint(self.app, 'main.next_hit')} and {key_hint(self.app, 'main.prev_hit')} "
                "then move between its matches.",
                markup=False,
            )
            return
        if reader.article is None:
            self.notify("Open an article first.", markup=False)
            return
        if self.one_pane and not self.has_class("-no-sidebar"):  # one pane: the matches are in the article
            self._show_reading_pane()
            focus_now(reader)
        if not await reader.step_hit(step):
            self.notify("No search matches in this article.", markup=False)
            return
        of = f"the first {len(reader.matches):,}" if self.matches_capped else f"{len(reader.matches):,}"
        self.status.say(f"Match {(reader.current or 0) + 1:,} of {of} for: {self.query_text}")

    def action_compare(self) -> None:
        """Compare an article with another outlet's: the one an action is about (`_target_id`), or
        on a story's row, the two `reader compare STORY` compares (Library.story_comparison: not
        the first article beside a word-for-word copy where two others differ)."""
        article_id = self._target_id()
        story_id = None
        if article_id is None or self.focused is self.source_list:  # a story's row under the cursor?
            story = self.source_list.cursor_story()
            if story is not None:
                story_id, article_id = story
        if article_id is None:
            self.notify(
                self._no_articles_note("Nothing to compare")
                or f"Open an article or put the cursor on a story first, then press "
                f"{key_hint(self.app, 'main.compare')} to compare it.",
                markup=False,
            )
            return
        app = self.reader_app
        if app.index_ready and app.articles and not app.in_catalog(article_id):
            # Its file went away (the status bar said so): the index has nothing to compare.
            self.notify("This article is no longer in the corpus, so it cannot be compared.", markup=False)
            return
        self.post_message(OpenComparison(article_id, story_id=story_id))

    # -- moving between articles -------------------------------------------------------------
    def action_step_article(self, step: int) -> None:
        """J / K: the next or previous article of what the left side shows (list or results)."""
        query = ""
        results = self.search_panel.results
        if self.query_one("#left", ContentSwitcher).current == "search" and results is not None:
            order = [hit.id for hit in results.hits]
            query = self.search_panel.shown_query
        else:
            order = self.source_list.article_order()
        if not order:
            self.notify("The list is empty: nothing to step through.", markup=False)
            return
        current = self.reader.article.id if self.reader.article is not None else self.source_list.cursor_article()
        if current in order:
            index = order.index(current) + step
        else:
            index = 0 if step > 0 else len(order) - 1
        if not 0 <= index < len(order):
            self.notify(f"That was the {'last' if step > 0 else 'first'} article of the list.", markup=False)
            return
        self.open_article(order[index], query)

    # -- marks, sorting ----------------------------------------------------------------------
    def _target_id(self) -> str | None:
        """The article an action is about: under the cursor of the list that has the focus (the
        source list or the search results), else the open article, else the one under the cursor
        of the list shown (never of the source list hidden behind the results)."""
        searching = self.query_one("#left", ContentSwitcher).current == "search"
        cursor = self.search_panel.highlighted_hit() if searching else self.source_list.cursor_article()
        if self.focused in (self.source_list, self.search_panel.result_list) and cursor is not None:
            return cursor
        if self.reader.article is not None:
            return self.reader.article.id
        return cursor

    def _group_under_cursor(self):
        """The group row under the list's cursor, when the list has the focus (`u` and `s` act on it)."""
        return self.source_list.group_under_cursor() if self.focused is self.source_list else None

    def _no_target(self) -> None:
        self.notify("Put the cursor on an article or open one first.", markup=False)

    def action_toggle_read(self) -> None:
        group = self._group_under_cursor()
        if group is not None:
            self._mark_group_read(group)
            return
        article_id = self._target_id()
        if article_id is None:
            self._no_target()
            return
        mark = self.source_list.shown_mark(article_id)  # an older version's read mark shows on the newest
        self._set_marks(self._marks_to_set([article_id], "read", not mark.read))
        self.status.say(f"Marked {'read' if not mark.read else 'unread'}: {self._title_of(article_id)}")

    def action_toggle_star(self) -> None:
        group = self._group_under_cursor()
        if group is not None:
            self._star_group(group)
            return
        article_id = self._target_id()
        if article_id is None:
            self._no_target()
            return
        mark = self.source_list.shown_mark(article_id)  # an older version's star shows on the newest
        self._forget_group_stars({article_id})  # a bookmark set (or taken) by hand: no group's now
        self._set_marks(self._marks_to_set([article_id], "starred", not mark.starred))
        self.status.say(f"{'Starred' if not mark.starred else 'Unstarred'}: {self._title_of(article_id)}")

    def _rows_showing(self, marks: dict[str, Mark]) -> set[str]:
        """The articles whose rows show these marks: theirs, and their newest versions'."""
        versions = self.source_list.versions
        return set(marks) | {versions.newest(article_id) for article_id in marks}

    def _shown_marks(self, article_ids: list[str]) -> dict[str, Mark]:
        """The marks of these articles as their rows show them (a version's on its newest)."""
        tree = self.source_list
        return shown_marks(article_ids, tree.marks, tree.versions)

    def _marks_to_set(self, article_ids: Iterable[str], field: str, value: bool) -> dict[str, Mark]:
        """The marks to store for these articles to show `field` ("read", "starred") as `value`:
        unread or unstarred, a newest version's older ones lose theirs too, or they would show
        through (reader.state.version_marks)."""
        tree = self.source_list
        changes: dict[str, Mark] = {}
        for article_id in article_ids:
            changes.update(marks_to_set(article_id, field, value, tree.marks, tree.versions))
        return changes

    def _mark_group_read(self, group) -> None:
        """`u` on a group's row: every article it shows read, or, when all are read already, all
        unread again (a second `u` takes the first back, but for articles read before it)."""
        ids = [info.id for info in group.items]
        read, changed = group_read_marks(ids, self._shown_marks(ids), UNMARKED)
        self._set_marks(self._marks_to_set(changed, "read", read))
        self.status.say(f"Marked {self._whole_group(len(group.items))} {'read' if read else 'unread'}: {group.name}")

    def _star_group(self, group) -> None:
        """`s` on a group's row, as `u` there: every article it shows starred, or, when all are
        starred already, unstarred: only those `s` on this group starred when any still is
        (bookmarks set one by one, or by another group's `s`, stay)."""
        tree = self.source_list
        ids = [info.id for info in group.items]
        key = (tree.grouping, group.key)
        by_group = frozenset(self._group_starred.get(key, ()))
        starred, changed = group_star_marks(ids, self._shown_marks(ids), UNMARKED, by_group)
        self._forget_group_stars(set(changed))
        if starred and changed:
            self._group_starred.setdefault(key, set()).update(changed)
        self._set_marks(self._marks_to_set(changed, "starred", starred))
        name = group.name
        if not changed:  # an empty group (a filter let none through)
            self.status.say(f"No article to star: {name}")
            return
        count = len(changed)
        if len(changed) == len(ids):
            articles = self._whole_group(count)
        elif starred:
            articles = f"the other {counted(count, 'article')}" if count > 1 else "the other article"
        else:
            kept = len(ids) - count
            articles = f"the {counted(count, 'article')} just starred ({kept} starred before kept)"
        if starred:
            # one stray key on a story's row stars all its articles: the line says how to take it
            # back, before the name (a long name is cut, not the way back)
            articles += f" ({key_hint(self.app, 'main.toggle_star')} again takes it back)"
        self.status.say(f"{'Starred' if starred else 'Unstarred'} {articles}: {name}")

    def _whole_group(self, count: int) -> str:
        """How a status line names all `count` articles a group's row shows."""
        if self.source_list.filter_spec.active:
            return f"the {counted(count, 'article')} shown"
        return "its article" if count == 1 else f"all {count:,} articles"

    def _forget_group_stars(self, article_ids: set[str]) -> None:
        """These articles' stars change: no group's `s` is to take them back any longer."""
        for key, starred in list(self._group_starred.items()):
            starred -= article_ids
            if not starred:
                del self._group_starred[key]

    def _title_of(self, article_id: str) -> str:
        info = next((a for a in self.reader_app.articles if a.id == article_id), None)
        return one_line((info.title if info is not None else None) or article_id, 120)

    def marks_changed_elsewhere(self, marks: dict[str, Mark]) -> None:
        """Marks another process stored (`reader state import`, another window), shown where
        this window's own are: the list's rows and counts, the search results."""
        self.source_list.set_marks_of(marks)
        self.search_panel.show_marks(self._rows_showing(marks))

    def _set_mark(self, article_id: str, mark: Mark) -> None:
        self._set_marks({article_id: mark})

    def _set_marks(self, marks: dict[str, Mark]) -> None:
        """Show the marks at once (in the list and the search results); write what changed in a
        worker, in one go (the newest change of a field wins; the other field stays as stored,
        perhaps by another window)."""
        app = self.reader_app
        changes = {}
        for article_id, mark in marks.items():
            old = self.source_list.marks.get(article_id, UNMARKED)
            changed = {
                name: getattr(mark, name) for name in ("read", "starred") if getattr(mark, name) != getattr(old, name)
            }
            app.marks[article_id] = mark
            if changed:
                changes[article_id] = changed
        self.source_list.set_marks_of(marks)
        self.search_panel.show_marks(self._rows_showing(marks))
        if not changes:
            return
        # A version this window lists may be deleted and its links let go by an update since.
        links = links_to_keep([a for a, changed in changes.items() if any(changed.values())], self.source_list.versions)
        with self._marks_lock:
            self._pending_links.update(links)
            for article_id, changed in changes.items():
                app.marks_numbered += 1
                fields = app.marks_set_here.setdefault(article_id, {})
                fields.update({name: (value, app.marks_numbered) for name, value in changed.items()})
                self._pending_marks[article_id] = {**self._pending_marks.get(article_id, {}), **changed}
        self._save_marks(self.library.marks)

    def save_pending_marks(self) -> None:
        """Save the marks kept here while the file could not be written (now repaired)."""
        self._marks_problem_said = None  # a new failure is said again
        if self._pending_marks:
            self._save_marks(self.library.marks)

    def unsaved_marks(self) -> tuple[int, str] | None:
        """(articles, why) of the marks a failed write keeps here, None when there are none (a
        save under way for the first time is not a failure)."""
        with self._marks_lock:
            count, why = len(self._pending_marks), self._marks_problem_said
        return (count, why) if count and why is not None else None

    def retry_unsaved_marks(self) -> None:
        """Try again to save the marks a failed write kept here (the app's look every few
        seconds); its failure was said once and is not said again while it stays the same."""
        saving = any(worker.group == "marks" and not worker.is_finished for worker in self.app.workers)
        if self._pending_marks and self._marks_problem_said is not None and not saving:
            self._save_marks(self.library.marks)

    @work(thread=True, group="marks", exit_on_error=False)
    def _save_marks(self, store: MarkStore) -> None:
        # Not while the app repairs the marks file (ReaderApp._repair_marks); taken before
        # _marks_lock, which a key setting a mark takes: the keys never wait for a repair.
        with self.reader_app.marks_file_lock:
            self._save_pending(store)

    def _save_pending(self, store: MarkStore) -> None:
        # The marks taken, and given back on a failure, under _marks_lock; written without it: a
        # key setting a mark takes it on the event loop, and a write waiting for a file another
        # process keeps locked (up to BUSY_SECONDS, retried by the app's look) froze the window.
        # Writes keep the order the marks were set in: they run one at a time (marks_file_lock).
        with self._marks_lock:
            pending, self._pending_marks = self._pending_marks, {}
            links, self._pending_links = self._pending_links, {}
            numbered = self.reader_app.marks_numbered  # every mark set so far is in `pending`
        if not pending:
            return
        try:
            store.change(pending, links)
        except Exception as exc:  # a full disk or a read-only data folder: say so, go on
            # Kept for the next write (newer marks of the same articles win): space freed on
            # a full disk, the next mark saves these too.
            with self._marks_lock:
                self._pending_links = {**links, **self._pending_links}
                for article_id, fields in self._pending_marks.items():
                    pending[article_id] = {**pending.get(article_id, {}), **fields}
                self._pending_marks = pending
            self._say_not_saved(exc)
            return
        with self._marks_lock:
            self.reader_app.marks_saved = max(self.reader_app.marks_saved, numbered)
        if self._marks_problem_said is not None:  # said not saved: said saved now
            self.notify(MARKS_SAVED_AT_LAST, title="Marks", markup=False, timeout=5)
        self._marks_problem_said = None

    def _say_not_saved(self, exc: Exception) -> None:
        """Why the marks were not saved, once while it stays the same (not at each article opened)."""
        problem = one_line(exc, 500) or error_line(exc)  # the whole path: it says where
        if problem == self._marks_problem_said:
            return
        self._marks_problem_said = problem
        if getattr(exc, "damaged", False):  # the palette repairs it, then these are saved
            self.reader_app.marks_damaged = True
            said = (
                f"Could not save the read marks and stars: {problem}. {MARKS_KEPT_UNTIL_REPAIRED}: "
                f"{self.reader_app.repair_marks_hint()}, or {getattr(exc, 'advice', '')}."
            )
        else:
            advice = getattr(exc, "advice", "") or "set READER_DATA_DIR to a folder you can write to, to keep them"
            said = (
                f"Could not save the read marks and stars: {problem}. They are kept in this window "
                f"and saved once they can be (lost if you quit before); {advice}."
            )
        self.notify(said, severity="error", markup=False, timeout=10)

    def action_cycle_sort(self) -> None:
        tree = self.source_list
        order = SORT_ORDERS[(SORT_ORDERS.index(tree.list_order) + 1) % len(SORT_ORDERS)]
        tree.set_sort(order)
        self._show_changed_list()
        labels = STORY_SORT_LABELS if tree.grouping == "story" else SORT_LABELS
        self.status.say(f"Sorted {labels[order]}.")
        self.reader_app.save_list_setting("sort", order)

    # -- the article's address ---------------------------------------------------------------
    def _target_url(self) -> tuple[str | None, str]:
        article_id = self._target_id()
        if article_id is None:
            return None, ""
        article = self.reader.article
        if article is not None and article.id == article_id:
            return article_id, address_to_open(article.url or "")
        info = next((a for a in self.reader_app.articles if a.id == article_id), None)
        return article_id, address_to_open((info.url if info is not None else None) or "")

    def action_open_url(self) -> None:
        article_id, url = self._target_url()
        if article_id is None:
            self._no_target()
        elif not url:
            self.notify("This article has no web address.", markup=False)
        elif problem := web_url_problem(url):
            self.notify(f"Not opening {one_line(url, 200)!r}: {problem}.", markup=False)
        else:
            self.reader_app.open_in_browser(url)

    def action_copy(self, what: str) -> None:
        article_id, url = self._target_url()
        if article_id is None:
            self._no_target()
            return
        text = article_id if what == "id" else url
        if not text:
            self.notify("This article has no web address.", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the {'id' if what == 'id' else 'URL'}: {one_line(text, 200)}", markup=False)

    def action_copy_text(self) -> None:
        """ctrl+c: the text the mouse selected; with none and the article focused, the keys'
        way: its whole text, as written (never the speakers the app worked out)."""
        if self.get_selected_text() is not None:
            super().action_copy_text()
            return
        article = self.reader.article
        if self.focused is not self.reader or article is None:
            raise SkipAction()  # Textual's own ctrl+c (how to quit)
        self.app.copy_to_clipboard(article.text)
        self.notify(f"Copied the article's text ({len(article.text):,} characters).", markup=False)

    def action_coverage(self, spot: CoverageSpot | str | None = None) -> None:
        from reader.tui.screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen(self.library, spot or self._story_under_cursor()))

    def _story_under_cursor(self) -> str | None:
        """The story of the source list's cursor row (a story group or an article), if any."""
        node = self.source_list.cursor_node
        data = node.data if node is not None else None
        if data is None:
            return None
        if data.kind == "group" and self.source_list.grouping == "story":
            return data.key
        if data.kind == "article":
            return next((str(s.id) for s in self.reader_app.stories if data.key in s.articles), None)
        return None

    # -- opening articles --------------------------------------------------------------------
    def on_open_article(self, message: OpenArticle) -> None:
        message.stop()
        self._focus_on_load = message.focus
        self._taken_over_by_click = False
        self.open_article(message.article_id, message.query)

    def _forward_event(self, event: events.Event) -> None:
        # Every mouse event passes here on its way to the widget under it (the app's, and
        # Pilot's, which skip App.on_event): a click is seen before it lands.
        if isinstance(event, events.MouseDown) and not event.is_forwarded and self._focuses_on_click(event):
            self.clicked()
        super()._forward_event(event)

    def _focuses_on_click(self, event: events.MouseDown) -> bool:
        """Whether the click puts the focus somewhere (a box, a list, the article): one on the
        status line, a toast or a scrollbar does not, nor does a footer key, which is pressed as
        a key (Textual's `simulate_key`) and held with the others."""
        widget = self.get_focusable_widget_at(event.x, event.y)
        return widget is not None and widget.focus_on_click()

    def clicked(self) -> None:
        """A click putting the focus somewhere after the search box's Enter takes over from it.
        The keys held for the article are dropped, and the article, still opening, does not take
        the focus from where the click put it (a click on another result opens that one), nor,
        in one pane, the search's place (a click back into the box had the article replace it,
        and the letters typed there went to the article as its keys)."""
        self.search_panel.drop_held_keys()
        self._taken_over_by_click = self._taken_over_by_click or self._focus_on_load
        self._focus_on_load = False

    @property
    def opening_for_the_box(self) -> bool:
        """Whether the article the search box's Enter asked for is still being opened."""
        return self._focus_on_load

    def open_article(self, article_id: str, query: str = "") -> None:
        self._stop_prepare_timer()
        self._quotes_on_load = None  # another article asked for: not the quotes ' asked for
        self.query_text = query
        self.status.say(f"Opening {article_id}…")
        self._loads_asked += 1
        self._load_article(article_id, query, self._loads_asked)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: str, query: str, load: int) -> None:
        worker = get_current_worker()
        library = self.library
        try:
            article = library.article(article_id)
            quotes = list(library.quotations(article))
            matches = library.match_ranges(article.id, query) if query else []
        except Exception as exc:  # reported as one line on the screen
            if not worker.is_cancelled:
                self.post_message(ArticleFailed(article_id, error_line(exc), load))
            return
        if not worker.is_cancelled:
            jump = min(s for s, _ in matches) if matches else None
            capped = bool(getattr(matches, "capped", False))  # a MatchRanges: the first ones only
            self.post_message(ArticleLoaded(article, quotes, matches, query, jump, capped, load))

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        if message.load != self._loads_asked:
            return  # another article asked for since: that one is shown
        article = message.article
        if self._coverage_return is not None and self._coverage_return[0] != article.id:
            self._coverage_return = None  # another article since (J, the list): Escape goes to the list
        reader = self.reader
        shown = reader.article
        # The article shown, opened again unchanged (Escape to the list, Enter on it): it comes
        # back where the reader left it, not at its top (a search's jump to its hit aside).
        keep = None
        if message.jump is None and shown is not None and shown.id == article.id and shown.text == article.text:
            keep = reader.offset_in_view()
        opened_from_box = self._focus_on_load
        taken_over, self._taken_over_by_click = self._taken_over_by_click, False
        # The first hit's paragraphs are mounted first (not the article's start, then those).
        versions = self.source_list.versions
        place = versions.place(article.id)
        version = place.words() if place is not None else None
        if place is not None and place.replaced:  # what to press to see the edit, as `reader show` says it
            version = f"{version} ({key_hint(self.app, 'main.compare')} shows what the edit changed)"
        if version is None and article.id in versions.missing:  # as its row is marked
            version = "earlier version not found"
        await reader.show_article(article, message.quotes, message.matches, message.jump, version)
        if keep is not None:
            await reader.jump_to(keep)
        self.matches_capped = message.capped
        if not self.source_list.marks.get(article.id, UNMARKED).read:
            self.source_list.keep_listed(article.id)  # is:unread: read now, listed while read
            self._set_mark(article.id, replace(self.source_list.marks.get(article.id, UNMARKED), read=True))
        self.quotes_panel.set_quotes(reader.quotes)
        self._sync_quotes_panel()
        self._update_list_hint()
        if self.one_pane and not taken_over:
            # One pane: the article takes the list's place (from the list or the search
            # results: beside them it had 22 columns of 40); Escape or b brings them back.
            if not self.has_class("-no-sidebar"):
                self._hide_sidebar_for_width()
            focus_now(reader)
        if self._focus_on_load:
            self._focus_on_load = False
            focus_now(reader)
        quotes_asked, self._quotes_on_load = self._quotes_on_load, None
        if quotes_asked is not None and quotes_asked[0] == article.id:
            self._show_quotes(quotes_asked[1])
        if message.jump is not None and reader.matches:
            await reader.step_hit(+1, keep_top=True)
        found = ""
        if reader.matches:
            if message.capped:
                found = f"over {len(reader.matches):,} matches (the first {len(reader.matches):,} highlighted)"
            else:
                found = counted(len(reader.matches), "match", "matches")
        self._article_line = (found, [outlet_shown(article.outlet), article.title or article.id])
        self._say_article_line()
        self.source_list.reveal(article.id)
        self.refresh_bindings()
        if opened_from_box:  # typed after the Enter that opened it: pressed again now it is shown
            self.search_panel.replay_held_keys()
        self._stop_prepare_timer()
        self._prepare_timer = self.set_timer(self.prepare_delay, partial(self.prepare_comparisons, article.id))

    def _say_article_line(self) -> None:
        """The open article on the status line: its search matches first (after a long title, at
        80 columns the line's end was cut off), with the keys that step through them from where
        the focus is: in a text box n and N are typed, so it says to leave the box first (it
        said "n/N to step" over the search box, where n typed an n)."""
        if self._article_line is None:
            return
        found, parts = self._article_line
        if found:
            steps = f"{key_hint(self.app, 'main.next_hit')}/{key_hint(self.app, 'main.prev_hit')}"
            first = f"{key_hint(self.app, 'main.back')} then " if self.typing_focused() else ""
            parts = [f"{found}: {first}{steps} to step", *parts]
        self._article_line_said = " · ".join(one_line(p, 120) for p in parts)
        self.status.say(self._article_line_said)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The article's line, still shown, follows the focus: into a text box and out of it.
        if self._article_line_said is not None and self.status.line == self._article_line_said:
            self._say_article_line()

    # -- comparisons made ready while reading ------------------------------------------------
    def _stop_prepare_timer(self) -> None:
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
            self._prepare_timer = None

    def prepare_comparisons(self, article_id: str) -> None:
        """The article stayed open: encode its comparisons' sentences in a worker (a newer
        article's replaces it), unless another article is shown by now."""
        self._prepare_timer = None
        shown = self.reader.article
        if shown is not None and shown.id == article_id:
            self._prepare(article_id)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare(self, article_id: str) -> None:
        worker = get_current_worker()
        try:
            self.library.prepare_comparisons(article_id, cancel=lambda: worker.is_cancelled)
        except Exception:  # an optimisation: a comparison not prepared is only slower
            pass

    async def on_article_failed(self, message: ArticleFailed) -> None:
        message.stop()
        if message.load != self._loads_asked:
            return
        await self.reader.show_message(
            join(
                [
                    Content("Cannot open "),
                    label(message.target, "bold", limit=200),
                    Content(": "),
                    label(message.reason),
                ]
            )
        )
        self.quotes_panel.display = False
        self._quotes_on_load = None
        self._focus_on_load = self._taken_over_by_click = False
        self.search_panel.opened_nothing()  # the keys typed after Enter go back to its box
        self._update_list_hint()
        self.status.say(f"Cannot open {message.target}: {message.reason}")

    @on(QuotesPanel.JumpToQuote)
    async def _jump_to_quote(self, message: QuotesPanel.JumpToQuote) -> None:
        message.stop()
        await self.reader.jump_to(message.offset)

    def on_search_panel_said(self, message: SearchPanel.Said) -> None:
        message.stop()
        self.status.say(message.text)

    # -- filter ------------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.source_list.set_filter(event.value)
        self._update_list_note()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        focus_now(self.source_list)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_worker_error(self, event)
