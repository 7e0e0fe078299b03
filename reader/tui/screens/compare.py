"""The compare screen: two outlets' versions of a story side by side, aligned sentence by sentence.

`CompareScreen(library, left_id, right_id=None)`: with no right_id it picks another outlet's version
of the same story (else the most similar article of another outlet, else any other article).
The comparison runs in a thread worker; the screen only displays and routes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.safe_write import write_new_file
from reader.tui import safe
from reader.tui.keymap import COMPARE_BINDINGS
from reader.tui.notify import notify_once
from reader.tui.widgets.compare_dialogs import Candidate, ExportPrompt, VersionPicker
from reader.analysis.compare_layout import CompareModel, build_model
from reader.tui.widgets.compare_sync import SyncView
from reader.tui.widgets.compare_view import BodyNote, CompareBody, summary_content, title_content
from reader.tui.widgets.footer import ReaderFooter

# Below this width the two sides of each row are stacked (left above right).
NARROW_WIDTH = 80


class CompareError(Exception):
    """A reason the comparison cannot be shown, in one line for the user."""


@dataclass
class Loaded:
    left: Any  # Article
    right: Any  # Article
    model: CompareModel


def _attr(obj, name: str, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _slug(text: str) -> str:
    """A file-name-safe piece of an (untrusted) article id."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(str(text)).name).strip("-.")
    return slug[:40] or "article"


def pick_partner(library, left) -> str:
    """The id of the article to show beside `left` (see the module docstring for the order)."""
    left_id, left_outlet = left.id, (left.outlet or "").casefold()
    infos = list(library.articles())
    outlet_of = {_attr(i, "id"): (_attr(i, "outlet") or "").casefold() for i in infos}
    try:
        stories = list(library.stories())
    except Exception:  # the story grouping is a convenience here; fall back to search
        stories = []
    for story in stories:
        members = [str(m) for m in _attr(story, "articles", []) or []]
        if left_id in members:
            others = [m for m in members if m != left_id]
            other_outlet = [m for m in others if outlet_of.get(m, "") != left_outlet]
            if other_outlet or others:
                return (other_outlet or others)[0]
    if left.title:
        try:
            results = library.search(left.title, limit=10)
        except Exception:  # a title that is not a valid query: try the next fallback
            results = None
        for hit in _attr(results, "hits", []) or []:
            hit_id = _attr(hit, "id")
            if hit_id and hit_id != left_id and (_attr(hit, "outlet") or "").casefold() != left_outlet:
                return hit_id
    others = [_attr(i, "id") for i in infos if _attr(i, "id") != left_id]
    other_outlet = [i for i in others if outlet_of.get(i, "") != left_outlet]
    if other_outlet or others:
        return (other_outlet or others)[0]
    raise CompareError("There is no other article to compare it with.")


def candidates(library, current_id: str) -> list[Candidate]:
    """Every article but `current_id`; versions of the same story as `current_id` first."""
    infos = [i for i in library.articles() if _attr(i, "id") != current_id]
    same: set[str] = set()
    try:
        for story in library.stories():
            members = [str(m) for m in _attr(story, "articles", []) or []]
            if current_id in members:
                same.update(members)
                break
    except Exception:  # no stories yet: every article is a candidate all the same
        pass
    result = [
        Candidate(
            id=str(_attr(i, "id")),
            outlet=str(_attr(i, "outlet") or ""),
            title=str(_attr(i, "title") or ""),
            date=str(_attr(i, "date") or ""),
            same_story=str(_attr(i, "id")) in same,
        )
        for i in infos
    ]
    result.sort(key=lambda c: not c.same_story)  # stable: the library's order otherwise
    return result


def render_markdown(comparison) -> str:
    """The comparison as Markdown (the core's report; the CLI's `compare --markdown` prints the same)."""
    from reader.analysis.report import render_markdown as markdown

    return markdown(comparison)


class CompareScreen(Screen):
    """Two versions of a story side by side; shared quotes, omissions and differences marked."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "compare.tcss"  # absolute: subclasses too
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]
    AUTO_FOCUS = "#compare-body"

    BINDINGS = COMPARE_BINDINGS

    def __init__(self, library, left_id: str, right_id: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.left_id = str(left_id)
        self.right_id = None if right_id is None else str(right_id)
        self.loaded: Loaded | None = None
        self._export_path: Path | None = None  # the last export asked for (kept for a retry)
        self.current: int | None = None  # index into self.loaded.model.differences
        self.mode = "rows"  # or "sync": the two articles whole, scrolled together
        self._sync_model: CompareModel | None = None  # what the sync view shows

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-titles"):
            yield Static(Content("Left"), id="compare-title-left", classes="compare-title")
            yield Static(Content("Right"), id="compare-title-right", classes="compare-title")
        yield Static(Content("Comparing…"), id="compare-summary")
        yield CompareBody(id="compare-body")
        yield SyncView(id="compare-sync")
        yield ReaderFooter(compact=True)

    @property
    def body(self) -> CompareBody:
        return self.query_one("#compare-body", CompareBody)

    @property
    def sync(self) -> SyncView:
        return self.query_one("#compare-sync", SyncView)

    def on_mount(self) -> None:
        self.start(self.left_id, self.right_id)

    # -- computing ------------------------------------------------------------------------------
    def start(self, left_id: str, right_id: str | None) -> None:
        """Compare two articles (right_id None: pick a partner) in a worker; show it when done."""
        self._loading(True)
        self.query_one("#compare-summary", Static).update(Content("Comparing…"))
        self._compute(left_id, right_id)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compute(self, left_id: str, right_id: str | None) -> Loaded | None:
        worker = get_current_worker()
        library = self.library
        left = library.article(left_id)
        if right_id is None:
            right_id = pick_partner(library, left)
        right = library.article(right_id)
        if worker.is_cancelled:
            return None
        return Loaded(left, right, build_model(library.compare(left, right)))

    @on(Worker.StateChanged)
    async def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group.startswith("compare"):
            event.stop()  # handled (and reported) here, not again by the app
        if worker.group == "compare":
            if event.state == WorkerState.SUCCESS and worker.result is not None:
                await self._show(worker.result)
            elif event.state == WorkerState.ERROR:
                self._loading(False)
                reason = _reason(worker.error, "Could not compare")
                if self.loaded is not None:  # a new pick failed: keep showing the last comparison
                    await self._show(self.loaded)
                else:
                    await self._show_note(reason)
                    self.query_one("#compare-summary", Static).update(safe.content(reason))
                self.notify(reason, title="Compare", severity="error", markup=False)
        elif worker.group == "compare-export":
            if event.state == WorkerState.SUCCESS and worker.result is not None:
                self.notify(f"Exported the comparison to {worker.result}", title="Export",
                            markup=False)
            elif event.state == WorkerState.ERROR:
                # Back to the dialog, with the reason and the name, to fix it or try again.
                reason = _reason(worker.error, "Could not export")
                self._ask_export(self._export_path or Path.cwd(), reason)
        elif worker.group == "compare-candidates":
            if event.state == WorkerState.SUCCESS and worker.result is not None:
                side, found = worker.result
                self._open_picker(side, found)
            elif event.state == WorkerState.ERROR:
                reason = _reason(worker.error, "Could not list the articles")
                self.notify(reason, title="Compare", severity="error", markup=False)

    async def _show(self, loaded: Loaded) -> None:
        self.current = None
        model = loaded.model
        self.query_one("#compare-title-left", Static).update(title_content(model.left, "◀"))
        self.query_one("#compare-title-right", Static).update(title_content(model.right, "▶"))
        self.loaded = None  # nothing to jump to or swap while the rows are replaced
        await self.body.show(model)
        self._sync_model = None
        if self.mode == "sync":
            await self.sync.show(model)
            self._sync_model = model
        self.loaded = loaded
        self.left_id, self.right_id = loaded.left.id, loaded.right.id
        self.body.scroll_home(animate=False)
        self._loading(False)
        self._update_summary()

    def _loading(self, on: bool) -> None:
        """The loading indicator over whichever layout is shown."""
        self.body.loading = on
        self.sync.loading = on and self.mode == "sync"

    async def _show_note(self, text: str) -> None:
        await self.body.remove_children()
        await self.body.mount(BodyNote(text))

    def _update_summary(self) -> None:
        if self.loaded is not None:
            self.query_one("#compare-summary", Static).update(
                summary_content(self.loaded.model, self.current, self.app)
            )

    # -- actions --------------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss()

    async def action_next_difference(self) -> None:
        await self._jump(+1)

    async def action_previous_difference(self) -> None:
        await self._jump(-1)

    async def _jump(self, step: int) -> None:
        if self.loaded is None:
            return
        differences = [d for d in self.loaded.model.differences if d.first < self.body.limit]
        if not differences:
            self.notify("No differences between these versions.", markup=False)
            return
        if self.current is None:
            target = 0 if step > 0 else len(differences) - 1
        else:
            target = self.current + step
        if not 0 <= target < len(differences):
            where = "last" if step > 0 else "first"
            notify_once(self.app, f"That was the {where} difference.")
            return
        await self._select(target)

    async def _select(self, index: int) -> None:
        model = self.loaded.model
        body = self.body
        difference = model.differences[index]
        self.current = index
        if self.mode == "sync":
            self.sync.show_rows(difference.first, difference.last)
        else:
            await body.ensure(difference.first)
            body.mark_current(difference.first, difference.last)
            # after the next refresh: rows mounted just now have no place on the screen yet
            body.call_after_refresh(
                body.scroll_to_widget, body.rows[difference.first], animate=False, top=True
            )
        self._update_summary()

    async def action_swap(self) -> None:
        if self.loaded is None:
            return
        current = self.current
        loaded = self.loaded
        await self._show(Loaded(loaded.right, loaded.left, loaded.model.swapped()))
        if current is not None and current < len(self.loaded.model.differences):
            await self._select(current)

    async def action_toggle_mode(self) -> None:
        if self.loaded is None:
            return
        self.mode = "sync" if self.mode == "rows" else "rows"
        if self.mode == "sync" and self._sync_model is not self.loaded.model:
            await self.sync.show(self.loaded.model)
            self._sync_model = self.loaded.model
        self.set_class(self.mode == "sync", "-sync")
        if self.current is not None:
            await self._select(self.current)
        target = self.sync.panes[0] if self.mode == "sync" and self.sync.panes else self.body
        target.focus()
        self.notify(
            "Both articles whole, scrolled together." if self.mode == "sync"
            else "Aligned rows.", title="Compare", markup=False, timeout=2,
        )

    def action_pick(self, side: str) -> None:
        if self.loaded is None:
            return
        self._list_candidates(side)

    @work(thread=True, exclusive=True, group="compare-candidates", exit_on_error=False)
    def _list_candidates(self, side: str) -> tuple[str, list[Candidate]]:
        other = self.loaded.right.id if side == "left" else self.loaded.left.id
        current = self.loaded.left.id if side == "left" else self.loaded.right.id
        found = [c for c in candidates(self.library, current) if c.id != other]
        return side, found

    def _open_picker(self, side: str, found: list[Candidate]) -> None:
        if not found:
            self.notify("There is no other article to show.", markup=False)
            return

        def chosen(article_id: str | None) -> None:
            if article_id is None or self.loaded is None:
                return
            if side == "left":
                self.start(article_id, self.loaded.right.id)
            else:
                self.start(self.loaded.left.id, article_id)

        self.app.push_screen(VersionPicker(found, side), chosen)

    def action_export(self) -> None:
        if self.loaded is None:
            self.notify("Nothing to export yet.", markup=False)
            return
        left, right = self.loaded.left, self.loaded.right
        base = f"compare-{_slug(left.id)}-vs-{_slug(right.id)}"
        default = Path.cwd() / f"{base}.md"
        n = 2
        while default.exists():
            default = Path.cwd() / f"{base}-{n}.md"
            n += 1

        self._ask_export(default)

    def _ask_export(self, default: Path, error: str | None = None) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None and self.loaded is not None:
                self._export_path = path
                self._export(self.loaded.left, self.loaded.right, path)

        self.app.push_screen(ExportPrompt(default, self.export_refusal, error), chosen)

    def export_refusal(self, path: Path) -> str | None:
        """Why `path` must not receive the export (None: it may)."""
        try:
            resolved = path.resolve()
            for root in getattr(self.library, "roots", []):
                root = Path(root).resolve()
                if resolved == root or root in resolved.parents:
                    return f"That is inside the corpus folder {root}; the corpus stays read-only."
            if resolved.is_dir():
                return "That is a folder; type a file name."
            if resolved.exists():
                return "That file exists already; type another name."
            if not resolved.parent.is_dir():
                return f"The folder {resolved.parent} does not exist."
        except (OSError, RuntimeError, ValueError) as exc:  # a name too long, a NUL byte, a loop
            return f"Cannot use that path: {getattr(exc, 'strerror', None) or exc}"
        return None

    @work(thread=True, exclusive=False, group="compare-export", exit_on_error=False)
    def _export(self, left, right, path: Path) -> Path:
        text = render_markdown(self.library.compare(left, right))
        reason = self.export_refusal(path)
        if reason:
            raise CompareError(reason)
        write_new_file(path, text)  # all or nothing: a full disk leaves no 0-byte file behind
        return path.resolve()


def _reason(error: BaseException | None, prefix: str) -> str:
    """One line for the user; never a traceback."""
    if isinstance(error, (CompareError, LookupError)):
        text = str(error.args[0]) if error.args else str(error)
    elif isinstance(error, OSError):
        text = f"{prefix}: {error.strerror or error}"
        if error.filename:
            text += f" ({error.filename})"
    else:
        text = f"{prefix}: {type(error).__name__}: {error}"
    return safe.one_line(text, 300)
