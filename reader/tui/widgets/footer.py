"""The screens' footer, with the help key first so that a narrow terminal never cuts it."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ReaderFooter(Footer):
    def compose(self):
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action == "help"]
        yield from first
        yield from (k for k in keys if k not in first)
