"""The main screen: source list or search on the left, the reader and its quotes on the right."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from reader.tui.keymap import MAIN_BINDINGS
from reader.tui.messages import ArticleFailed, ArticleLoaded, OpenArticle, OpenComparison
from reader.tui.safe import join, label, one_line
from reader.tui.widgets.quotes_panel import QuotesPanel
from reader.tui.widgets.reader_pane import ReaderPane
from reader.tui.widgets.search_panel import SearchPanel
from reader.tui.widgets.source_list import SourceList
from reader.tui.widgets.status_bar import StatusBar

WELCOME = Content.assemble(
    ("reader", "bold"),
    "\n\nChoose an article on the left (Enter or a click), or press / to search.",
    "\n\ng groups the list by story, f filters it, ' shows the quotes, c compares outlets, "
    "? lists every key, ctrl+p opens anything by title, q quits.",
)


def _one_line_error(exc: BaseException) -> str:
    text = one_line(str(exc), 200)
    return text or type(exc).__name__


class MainScreen(Screen):
    BINDINGS = MAIN_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, library) -> None:
        super().__init__(id="main")
        self.library = library
        self.query_text = ""  # the search whose matches are highlighted in the open article
        self.show_quotes = True

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                with ContentSwitcher(initial="sources", id="left"):
                    with Vertical(id="sources"):
                        yield Input(placeholder="Filter the list…", id="filter")
                        yield SourceList(id="tree")
                    yield SearchPanel(self.library, id="search")
            with Vertical(id="content"):
                yield ReaderPane(id="reader")
                yield QuotesPanel(id="quotes")
        yield StatusBar(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        await self.reader.show_message(WELCOME)
        self.quotes_panel.display = False
        self.status.say("Reading the index…")
        self.tree.focus()
        app = self.app
        if getattr(app, "catalog_ready", False):
            self.catalog_changed()

    # -- parts -------------------------------------------------------------------------------
    @property
    def tree(self) -> SourceList:
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
        self.tree.set_catalog(self.app.articles, self.app.stories)

    # -- actions -----------------------------------------------------------------------------
    def action_search(self) -> None:
        self.set_class(False, "-no-sidebar")
        self.query_one("#left", ContentSwitcher).current = "search"
        self.search_panel.focus_input()

    def action_filter(self) -> None:
        self.set_class(False, "-no-sidebar")
        self.query_one("#left", ContentSwitcher).current = "sources"
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        switcher = self.query_one("#left", ContentSwitcher)
        if switcher.current == "search":
            switcher.current = "sources"
            self.tree.focus()
        elif self.focused is self.query_one("#filter", Input):
            self.tree.focus()
        elif self.has_class("-no-sidebar"):
            self.set_class(False, "-no-sidebar")
            self.tree.focus()

    def action_toggle_grouping(self) -> None:
        tree = self.tree
        grouping = "story" if tree.grouping == "outlet" else "outlet"
        if grouping == "story" and not self.app.stories:
            self.notify("No stories yet: they appear once the index is ready.", markup=False)
            return
        tree.set_grouping(grouping)
        self.status.say(f"Grouped by {grouping}.")

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-no-sidebar")
        if self.has_class("-no-sidebar"):
            self.reader.focus()
        else:
            self.tree.focus()

    def action_toggle_quotes(self) -> None:
        self.show_quotes = not self.show_quotes
        self._sync_quotes_panel()
        if self.show_quotes and self.quotes_panel.display:
            self.quotes_panel.focus()

    def _sync_quotes_panel(self) -> None:
        panel = self.quotes_panel
        panel.display = self.show_quotes and self.reader.article is not None and bool(panel.quotes)

    async def action_next_hit(self) -> None:
        await self._step(+1)

    async def action_prev_hit(self) -> None:
        await self._step(-1)

    async def _step(self, step: int) -> None:
        reader = self.reader
        if reader.article is None:
            self.notify("Open an article first.", markup=False)
            return
        if not await reader.step_hit(step):
            self.notify("No search matches in this article.", markup=False)
            return
        self.status.say(f"Match {reader.current + 1} of {len(reader.matches)} for: {self.query_text}")

    def action_compare(self) -> None:
        article = self.reader.article
        if article is None:
            self.notify("Open an article first, then press c to compare it.", markup=False)
            return
        self.post_message(OpenComparison(article.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "prev_hit") and not self.reader.matches:
            return None  # shown dimmed: nothing to step through
        return True

    # -- opening articles --------------------------------------------------------------------
    def on_open_article(self, message: OpenArticle) -> None:
        message.stop()
        self.open_article(message.article_id, message.query)

    def open_article(self, article_id: str, query: str = "") -> None:
        self.query_text = query
        self.status.say(f"Opening {article_id}…")
        self._load_article(article_id, query)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: str, query: str) -> None:
        worker = get_current_worker()
        library = self.library
        try:
            article = library.article(article_id)
            quotes = list(library.quotes(article) or [])
            matches: list = []
            if query:
                match_ranges = getattr(library, "match_ranges", None) or library.index.match_ranges
                matches = list(match_ranges(article.id, query) or [])
        except Exception as exc:  # reported as one line on the screen
            if not worker.is_cancelled:
                self.post_message(ArticleFailed(article_id, _one_line_error(exc)))
            return
        if not worker.is_cancelled:
            jump = min(s for s, _ in matches) if matches else None
            self.post_message(ArticleLoaded(article, quotes, matches, query, jump))

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        article = message.article
        reader = self.reader
        await reader.show_article(article, message.quotes, message.matches, None)
        self.quotes_panel.set_quotes(reader.quotes)
        self._sync_quotes_panel()
        if self.app.size.width < 90 and self.query_one("#left", ContentSwitcher).current == "sources":
            # On a narrow terminal reading gets the whole width; b or Escape brings the list back.
            self.add_class("-no-sidebar")
            reader.focus()
        if message.jump is not None and reader.matches:
            await reader.step_hit(+1)
        parts = [article.outlet or "Unknown outlet", article.title or article.id]
        if reader.matches:
            parts.append(f"{len(reader.matches)} matches: n/N to step")
        self.status.say(" · ".join(one_line(p, 120) for p in parts))
        self.tree.reveal(article.id)
        self.refresh_bindings()

    async def on_article_failed(self, message: ArticleFailed) -> None:
        message.stop()
        await self.reader.show_message(
            join([Content("Cannot open "), label(message.target, "bold", limit=200), Content(": "), label(message.reason)])
        )
        self.quotes_panel.display = False
        self.status.say(f"Cannot open {message.target}: {message.reason}")

    @on(QuotesPanel.JumpToQuote)
    async def _jump_to_quote(self, message: QuotesPanel.JumpToQuote) -> None:
        message.stop()
        await self.reader.jump_to(message.offset)

    # -- filter ------------------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.tree.set_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.tree.focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(
                f"{event.worker.name} failed: {_one_line_error(event.worker.error)}",
                severity="error",
                markup=False,
            )
