"""The screens' footer, with the help key first so that a narrow terminal never cuts it."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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

    def __init__(self, *, help_key: bool = True, **options) -> None:
        """`help_key`: show the help key (not on the help screen itself, where it closes the help)."""
        super().__init__(**options)
        self.help_key = help_key
        # The keys are composed with the footer, in the screen's first frame. Textual's Footer waits
        # for the screen's first "bindings changed" signal, then recomposes after a refresh: a
        # comparison started at mount (a worker busy on both cores) kept it empty for a second or
        # more of "Comparing…" in a real terminal, where nothing else makes the screen settle.
        self.set_reactive(Footer._bindings_ready, True)

    def compose(self):
        # Footer's own keys are yielded as they come (not gathered first): a group of keys
        # ("] [ Diff") is a container filled while its `with` block runs.
        if self._bindings_ready and self.help_key:
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
                if binding.action == "help" and binding.show:
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                    ).data_bind(compact=Footer.compact)
                    break
        for key in super().compose():
            if not (isinstance(key, FooterKey) and key.action == "help"):
                yield key
