"""Dialogs of the compare screen: pick another version of the story, choose where to export, go to
a sentence by its number."""

from __future__ import annotations

from pathlib import Path
from typing import AbstractSet, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.versions import Version, filter_versions
from reader.export_path import FILE_CHANGED, FILE_EXISTS, FileIdentity, file_identity
from reader.tui.legible import DimmedBehind
from reader.wording import outlet_shown
from reader.tui import safe
from reader.tui.focus import focus_now
from reader.tui.keymap import EXPORT_BINDINGS, GO_TO_BINDINGS, PICKER_BINDINGS, key_hint
from reader.tui.notify import NoticesWait
from reader.tui.widgets.following_list import FollowingOptionList
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.line_input import LineInput

# How many versions the picker lists at once (type to filter the rest).
PICKER_LIMIT = 200


COPY_MARK = "same text"  # before the title of a word-for-word copy of the other side's article


def version_prompt(version: Version, copy: bool = False) -> Content:
    """One line of the picker: ● for a version of the same story, outlet, date, "same text" for a
    word-for-word copy of the other side's article, title (literal)."""
    mark = Content("● " if version.same_story else "  ").stylize("$accent")
    return safe.join(
        [
            mark,
            safe.label(outlet_shown(version.outlet), "bold", limit=30),
            Content("  "),
            safe.label(version.date or "no date"),
            Content("  "),
            Content(f"({COPY_MARK}) ").stylize("$text-warning") if copy else Content(""),
            safe.label(version.title or version.id, limit=120),
        ]
    )


class VersionPicker(DimmedBehind, NoticesWait, ModalScreen[str | None]):
    """Choose the article one side shows: versions of the same story first (●), then any article."""

    DEFAULT_CSS = """
    VersionPicker { align: center middle; }
    VersionPicker > Vertical {
        width: 90%; max-width: 110; height: 80%; min-height: 8;
        border: round $accent; background: $surface; padding: 0 1;
    }
    VersionPicker Static { height: auto; color: $text-muted; }
    VersionPicker OptionList { height: 1fr; }
    """

    BINDINGS = PICKER_BINDINGS
    HELP_SECTION = "Version picker"

    def __init__(
        self,
        versions: list[Version],
        side: str,
        why: str = "",
        story_shown: bool = False,
        copies: AbstractSet[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.versions = versions
        self.copies = copies  # ids of versions that are word-for-word copies of the other side's article
        self.side = side
        self.why = why  # why the user is asked (our own words, never article text), shown first
        # The other side already shows a version of this story (it is not listed again).
        self.story_shown = story_shown
        self.shown: list[Version] = []

    def story_hint(self) -> str:
        """What the list says of the story, only what is true on screen: the ● explained when a
        listed article has one (it said so with none listed, the story's other version being
        already on the other side)."""
        other = "left" if self.side == "right" else "right"
        if any(version.same_story for version in self.versions):
            if any(version.id in self.copies for version in self.versions):
                return (
                    f" ● marks versions of the same story, ({COPY_MARK}) a word-for-word copy of the "
                    f"article on the {other}: nothing to compare."
                )
            return " ● marks versions of the same story."
        if self.story_shown:
            return f" This story's other version is already on the {other}."
        return ""

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.why:
                yield Static(Content(self.why).stylize("bold"), id="picker-why")
            yield Static(
                Content(
                    f"Show on the {self.side}: type to filter, Enter to pick, "
                    f"{key_hint(self.app, 'compare.picker.cancel')} to cancel.{self.story_hint()}"
                ),
                id="picker-hint",
            )
            yield LineInput(placeholder="outlet, title or date", id="picker-filter")
            yield FollowingOptionList(id="picker-options")
        # Its own keys: the comparison's showed through beneath, and the dialog takes none of them.
        yield ReaderFooter()

    def on_mount(self) -> None:
        self._refill("")
        focus_now(self.query_one(Input))

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def _refill(self, query: str) -> None:
        options = self.query_one(OptionList)
        self.shown = filter_versions(self.versions, query, PICKER_LIMIT)
        options.clear_options()
        if self.shown:
            options.add_options(
                [Option(version_prompt(v, v.id in self.copies), id=str(n)) for n, v in enumerate(self.shown)]
            )
            options.highlighted = 0
        else:
            options.add_option(Option(Content("No article matches."), disabled=True))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -step
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.shown and highlighted is not None and highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted].id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None and self.shown:
            self.dismiss(self.shown[int(event.option_id)].id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportPrompt(DimmedBehind, NoticesWait, ModalScreen[Path | None]):
    """Ask where to write the Markdown export; `check(path)` returns a reason to refuse, or None.
    A file there already is replaced only on a second Enter on its name (`replace` says so)."""

    DEFAULT_CSS = """
    ExportPrompt { align: center middle; }
    ExportPrompt > Vertical {
        width: 90%; max-width: 100; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ExportPrompt Static { height: auto; }
    ExportPrompt #export-error { color: $error; }
    /* A folder of hundreds of characters: its start (what the box hides), not the reason under it pushed off screen */
    ExportPrompt #export-folder { max-height: 3; }
    """

    BINDINGS = EXPORT_BINDINGS
    HELP_SECTION = "Export"

    def __init__(self, default: Path, check: Callable[[Path], str | None], error: str | None = None) -> None:
        super().__init__()
        self.default = default
        self.check = check
        self.error = error  # why the last try failed (shown at once)
        # The file at the path chosen that the user confirmed replacing, as it was then.
        self.replace: FileIdentity | None = None
        # The name taken that Enter was pressed on, and its file then: Enter again on that name
        # replaces that file (not one put there since, or the name's once it was edited).
        self._asked_to_replace: tuple[Path, FileIdentity] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            cancel = key_hint(self.app, "compare.export.cancel")
            yield Static(Content(f"Export the comparison as Markdown to (Enter writes, {cancel} cancels):"))
            # The cursor at the end, nothing selected: the next key edits the name, never wipes it.
            yield LineInput(value=str(self.default), id="export-path", select_on_focus=False)
            # The folder said apart: a long path shows only its end in the box, the file's name,
            # and where the file goes was not to be seen (80 columns, a home folder's Documents).
            yield Static(self._folder_line(str(self.default)), id="export-folder")
            yield Static(safe.content(self.error or ""), id="export-error")
        yield ReaderFooter()  # its own keys, not the comparison's beneath

    def on_mount(self) -> None:
        field = self.query_one(Input)
        focus_now(field)
        field.cursor_position = len(field.value)

    def _path(self, value: str) -> Path:
        """The file `value` names: a bare name goes in the folder proposed, not the app's cwd."""
        path = Path(value.strip()).expanduser()
        return path if path.is_absolute() else self.default.parent / path

    def _folder_line(self, value: str) -> Content:
        try:
            return safe.content(f"in {self._path(value).parent}") if value.strip() else Content("")
        except RuntimeError:  # ~someone with no home folder: Enter says so
            return Content("")

    @on(Input.Changed, "#export-path")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#export-folder", Static).update(self._folder_line(event.value))

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self._error("Type a file name.")
            return
        try:
            path = self._path(value)
        except RuntimeError:  # "~name" of no user: expanduser found no home folder
            self._error(f"No home folder for {safe.one_line(value.split('/')[0], 40)}: type the whole path.")
            return
        reason = self.check(path)
        if reason == FILE_EXISTS:
            identity = file_identity(path)
            if identity is not None and self._asked_to_replace == (path, identity):
                self.replace = identity  # asked, and Enter again on the same name and file
                self.dismiss(path)
                return
            changed = identity is not None and self._asked_to_replace is not None and self._asked_to_replace[0] == path
            self._asked_to_replace = None if identity is None else (path, identity)
            self._error(FILE_CHANGED if changed else reason)
            return
        if reason:
            self._asked_to_replace = None
            self._error(reason)
            return
        self.dismiss(path)

    def _error(self, reason: str) -> None:
        self.query_one("#export-error", Static).update(safe.content(reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


class GoToPrompt(DimmedBehind, NoticesWait, ModalScreen[tuple[str, int] | None]):
    """Ask for a sentence's number (L12, R3, 12); `resolve(text)` gives its side and index, or
    raises ValueError with the reason, shown under the box (the box stays open to fix it)."""

    DEFAULT_CSS = """
    GoToPrompt { align: center middle; }
    GoToPrompt > Vertical {
        width: 90%; max-width: 70; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    GoToPrompt Static { height: auto; }
    GoToPrompt #go-to-error { color: $error; }
    """

    BINDINGS = GO_TO_BINDINGS
    HELP_SECTION = "Go to sentence"

    def __init__(self, resolve: Callable[[str], tuple[str, int]], default_side: str) -> None:
        super().__init__()
        self.resolve = resolve
        self.default_side = default_side

    def compose(self) -> ComposeResult:
        with Vertical():
            cancel = key_hint(self.app, "compare.go_to.cancel")
            yield Static(
                Content(f"Go to sentence (L12, R3; 12: the {self.default_side}). Enter goes, {cancel} cancels:")
            )
            yield LineInput(placeholder="L12", id="go-to-number")
            yield Static(Content(""), id="go-to-error")
        yield ReaderFooter()  # its own keys, not the comparison's beneath

    def on_mount(self) -> None:
        focus_now(self.query_one(Input))

    @on(Input.Submitted, "#go-to-number")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            chosen = self.resolve(event.value)
        except ValueError as reason:
            self.query_one("#go-to-error", Static).update(safe.content(str(reason)))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
