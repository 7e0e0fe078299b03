"""The screens' footer: the keys that work where the focus is, the help key first, and only as
many as fit whole (a narrow terminal drops the last ones rather than cutting one mid-word)."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Footer

from reader.tui.keycheck import typed_character
from reader.tui.keymap import with_keys


def footer_key(key: str, key_display: str, description: str, action: str, *, disabled: bool, tooltip: str) -> Widget:
    """Textual's footer item (key, description; a click runs it). Textual does not export its
    class: it lives in the private `textual.widgets._footer`. Built here only;
    tests/test_tui_footer.py fails if Textual moves it or changes what it takes."""
    from textual.widgets._footer import FooterKey

    return FooterKey(key, key_display, description, action, disabled=disabled, tooltip=tooltip)


def compose_keys_at_once(footer: Footer) -> None:
    """Have `footer` compose its keys in the screen's first frame. Textual's Footer waits for the
    screen's first "bindings changed" signal (the private reactive `_bindings_ready`), then
    recomposes after a refresh: a comparison started at mount (a worker busy on both cores) kept
    it empty for a second or more of "Comparing…" in a real terminal. tests/test_tui_footer.py
    fails if Textual renames it."""
    footer.set_reactive(Footer._bindings_ready, True)


# The app's help action, and as the compare screen's dialogs bind it (they are modal: the app's
# own binding does not reach them).
HELP_ACTIONS = ("help", "app.help")


class ReaderFooter(Footer):
    # A group's label ("] [ Diff") keeps a space after it in the compact footer as a key does.
    DEFAULT_CSS = """
    ReaderFooter.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    /* Textual's compact footer gives every key a right margin, the palette key too: docked right,
       it then left the last column to the keys scrolled under it ("^p Open…r" at 60 columns). */
    ReaderFooter.-compact FooterKey.-command-palette {
        margin-right: 0;
        padding-right: 1;
    }
    """

    def __init__(self, *, help_key: bool = True, help_label: str | None = None, **options) -> None:
        """`help_key`: show the help key (not on the help screen itself, where it closes the help);
        `help_label`: what the footer calls it there, instead of the binding's "Help"."""
        super().__init__(**options)
        self.help_key = help_key
        self.help_label = help_label
        self._composed_for: tuple | None = None  # what the keys shown were composed from
        compose_keys_at_once(self)

    def compose(self):
        if self.help_key:
            help_key = self._help_key()
            if help_key is not None:
                yield help_key
        # Footer's own keys are yielded as they come (not gathered first): a group of keys
        # ("] [ Diff") is a container filled while its `with` block runs.
        for item in super().compose():
            action = getattr(item, "action", None)
            if action in HELP_ACTIONS or (action is not None and self._typed_here(item.key)):
                continue
            if isinstance(item.tooltip, str):  # "{compare.visit}": the key bound to it
                item.tooltip = with_keys(self.app, item.tooltip)
            yield self._compact_as_footer(item)

    def _help_key(self) -> Widget | None:
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.action in HELP_ACTIONS and binding.show:
                item = footer_key(
                    binding.key,
                    self.app.get_key_display(binding),
                    self.help_label or binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                )
                return self._compact_as_footer(item).data_bind(compact=Footer.compact)
        return None

    def _compact_as_footer(self, item: Widget) -> Widget:
        """`item` made compact as the footer is before it is mounted. Textual's footer key starts
        compact (its reactive's default) and is bound to the footer's value once mounted: each key
        of a footer that is not compact had its styles worked out twice more (the class added, then
        taken away), a third of the CPU of opening the coverage view and of each focus move that
        changes the keys."""
        compact = getattr(type(item), "compact", None)
        # Not the palette key: Textual does not bind it, it stays compact (its margin is ours).
        if isinstance(compact, Reactive) and not item.has_class("-command-palette"):
            item.set_reactive(compact, self.compact)
            item.set_class(self.compact, "-compact", update=False)
        return item

    def _typed_here(self, key: str) -> bool:
        """The focused widget (a text box) takes `key` as text: its binding is not what the key
        does there. Textual leaves out such keys itself, but not the punctuation it names by
        another word than Unicode does ("slash": / Search was shown while typing a query)."""
        focused = self.screen.focused
        return focused is not None and focused.check_consume_key(key, typed_character(key))

    # -- only the keys that fit --------------------------------------------------------------
    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.fit_keys()

    async def recompose(self) -> None:
        # Textual recomposes the footer at every "bindings changed" signal, several for one key
        # (each focus move, each screen refresh of its bindings): opening an article rebuilt
        # the same keys six times, on the event loop. Only a change of what they show rebuilds.
        if not self.is_attached:  # its screen went (a dialog closed) before the refresh came
            return
        composed_for = self._bindings_shown()
        if composed_for == self._composed_for:
            return
        self._composed_for = composed_for
        await super().recompose()
        self.fit_keys()

    def _bindings_shown(self) -> tuple:
        """What `compose` makes the keys from: the screen's bindings, and the focused widget
        (the keys it would type are left out)."""
        bindings = tuple(
            (binding, enabled, tooltip) for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return bindings, self.screen.focused

    def fit_keys(self) -> None:
        """Show the items, in order, while they fit whole; the palette key only when every other
        one fits beside it (the keys of the focus matter more; ctrl+p works all the same)."""
        width = self.size.width
        if not width:
            return
        items = [child for child in self.children if not child.has_class("-command-palette")]
        palette = [child for child in self.children if child.has_class("-command-palette")]
        ends = _item_ends(items)
        room = width - sum(_item_width(p) for p in palette)
        show_palette = bool(palette) and (not ends or ends[-1] <= room)
        limit = room if show_palette else width
        for item, end in zip(items, ends):
            item.display = end <= limit
        for item in palette:
            item.display = show_palette


def _item_width(item: Widget) -> int:
    """The cells `item` takes in the footer, without its margins."""
    unbounded = Size(10_000, 1)
    return item.get_content_width(unbounded, unbounded) + item.styles.gutter.width


def _item_ends(items: list[Widget]) -> list[int]:
    """Where each item ends, laid out side by side as the footer's horizontal layout does it
    (the margin between two items is the larger of the two)."""
    ends: list[int] = []
    x = 0
    previous_right = 0
    for index, item in enumerate(items):
        margin = item.styles.margin
        x += margin.left if index == 0 else max(previous_right, margin.left)
        x += _item_width(item)
        ends.append(x)
        previous_right = margin.right
    return ends
