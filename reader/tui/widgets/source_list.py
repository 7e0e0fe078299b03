"""The source list: outlets (or stories) with their articles, filterable; labels are literal Text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.tui.messages import OpenArticle
from reader.tui.safe import one_line, rich_join, rich_text

UNKNOWN_OUTLET = "Unknown outlet"
SINGLES_KEY = "\x00singles"  # the group of articles that share their story with no other
# When a filter is typed, matching groups open by themselves until this many rows are shown.
AUTO_EXPAND_LIMIT = 300


@dataclass(frozen=True)
class Row:
    """What a tree node stands for: a group (outlet or story) or one article."""

    kind: str  # "group" | "article"
    key: str  # the group name / story id, or the article id
    items: tuple = ()  # for a group: its articles (ArticleInfo), in display order


def _title(info) -> str:
    return one_line(getattr(info, "title", None) or getattr(info, "id", "")) or "(untitled)"


def _date(info) -> str:
    return one_line(getattr(info, "date", None) or "") or "----------"


def _outlet(info) -> str:
    return one_line(getattr(info, "outlet", None) or "") or UNKNOWN_OUTLET


def _sort_key(info):
    # Newest first, then by title; articles without a date last.
    date = getattr(info, "date", None) or ""
    return (date == "", _DateDesc(date), _title(info).lower())


class _DateDesc(str):
    """An ISO date that sorts newest first."""

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)


class SourceList(Tree[Row]):
    """Outlets with article counts (or stories), expandable to `date  title` rows.

    Children are added when a group is expanded, so a corpus of many thousand articles builds
    its tree at once. Selecting an article posts `OpenArticle`.
    """

    COMPONENT_CLASSES = {"source-list--count", "source-list--date", "source-list--outlet"}

    DEFAULT_CSS = """
    SourceList > .source-list--count { color: $text-muted; }
    SourceList > .source-list--date { color: $text-muted; }
    SourceList > .source-list--outlet { color: $text-secondary; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text("Sources"), id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.grouping = "outlet"  # or "story"
        self.filter_text = ""
        self._articles: list = []
        self._stories: list = []
        self._by_id: dict = {}
        self._hay: dict = {}
        self._outlet_groups: list = []
        self._story_groups: list = []

    # -- data --------------------------------------------------------------------------------
    def set_catalog(self, articles: Iterable, stories: Iterable) -> None:
        """New article metadata and stories; group orders and filter texts are computed once here."""
        self._articles = sorted(articles, key=_sort_key)
        self._stories = list(stories)
        self._by_id = {a.id: a for a in self._articles}
        self._hay = {
            a.id: " ".join([_title(a), _outlet(a), getattr(a, "date", None) or ""]).lower()
            for a in self._articles
        }
        by_outlet: dict[str, list] = {}
        for info in self._articles:  # newest first within each outlet
            by_outlet.setdefault(_outlet(info), []).append(info)
        self._outlet_groups = [
            (outlet, outlet, by_outlet[outlet], "")
            for outlet in sorted(by_outlet, key=lambda o: (o == UNKNOWN_OUTLET, o.lower()))
        ]
        # Stories told by several articles first (largest first); articles that no other one
        # reports go together in one last group, so a corpus of unrelated articles stays short.
        stories_out: list[tuple[str, str, list, str]] = []
        singles: list = []
        for story in self._stories:
            members = [self._by_id[i] for i in getattr(story, "articles", []) if i in self._by_id]
            if len(members) > 1:
                members.sort(key=lambda a: (_outlet(a).lower(), _sort_key(a)))
                label = one_line(getattr(story, "label", None) or story.id)
                stories_out.append((str(story.id), label, members, label.lower()))
            else:
                singles.extend(members)
        stories_out.sort(key=lambda g: (-len(g[2]), g[1].lower()))
        if singles:
            singles.sort(key=_sort_key)
            stories_out.append((SINGLES_KEY, "Reported by one article only", singles, ""))
        self._story_groups = stories_out
        self.rebuild()

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping
        self.rebuild()

    def set_filter(self, text: str) -> None:
        self.filter_text = one_line(text).lower()
        self.rebuild()

    @property
    def article_count(self) -> int:
        return len(self._articles)

    def _groups(self) -> list[tuple[str, str, list, int]]:
        """(key, label, matching articles, total) per group, in display order."""
        source = self._story_groups if self.grouping == "story" and self._stories else self._outlet_groups
        words = self.filter_text.split()
        hay = self._hay
        groups: list[tuple[str, str, list, int]] = []
        for key, label, members, extra in source:
            if words:
                shown = [a for a in members if all(w in hay[a.id] or w in extra for w in words)]
            else:
                shown = members
            if shown:
                groups.append((key, label, shown, len(members)))
        return groups

    # -- building ----------------------------------------------------------------------------
    def rebuild(self) -> None:
        selected = self.cursor_node.data if self.cursor_node is not None else None
        expanded = {
            node.data.key for node in self.root.children if node.data and node.is_expanded
        }
        self.clear()
        count_style = self.get_component_rich_style("source-list--count", partial=True)
        budget = AUTO_EXPAND_LIMIT  # rows opened by a filter, over all groups
        for key, label, shown, total in self._groups():
            count = f" ({len(shown)}/{total})" if self.filter_text else f" ({total})"
            node = self.root.add(
                rich_join([rich_text(label, style="bold"), Text(count, style=count_style)]),
                data=Row("group", key, tuple(shown)),
                allow_expand=True,
            )
            if key in expanded or (self.filter_text and len(shown) <= budget):
                if key not in expanded:
                    budget -= len(shown)
                self._populate(node)
                node.expand()
        self.call_after_refresh(self._restore_cursor, selected)

    def _populate(self, node: TreeNode[Row]) -> None:
        if node.children or node.data is None:
            return
        date_style = self.get_component_rich_style("source-list--date", partial=True)
        outlet_style = self.get_component_rich_style("source-list--outlet", partial=True)
        for info in node.data.items:
            parts = [Text(_date(info) + "  ", style=date_style)]
            if self.grouping == "story":
                parts.append(rich_text(_outlet(info), style=outlet_style, limit=30))
                parts.append(Text(" · ", style=outlet_style))
            parts.append(rich_text(_title(info), limit=200))
            node.add_leaf(rich_join(parts), data=Row("article", info.id))

    def _restore_cursor(self, selected: Row | None) -> None:
        if self.cursor_node is not None and self.cursor_node.data == selected:
            return
        if selected is None:
            if self.root.children:
                self.move_cursor(self.root.children[0])
            return
        for group in self.root.children:
            if group.data == selected:
                self.move_cursor(group)
                return
            for leaf in group.children:
                if leaf.data == selected:
                    self.move_cursor(leaf)
                    return
        if self.root.children:
            self.move_cursor(self.root.children[0])

    def reveal(self, article_id: str) -> None:
        """Expand the group holding an article and put the cursor on it."""
        for group in self.root.children:
            if group.data and any(a.id == article_id for a in group.data.items):
                self._populate(group)
                group.expand()
                for leaf in group.children:
                    if leaf.data and leaf.data.key == article_id:
                        self.move_cursor(leaf)
                        self.scroll_to_node(leaf, animate=False)
                        return

    # -- events ------------------------------------------------------------------------------
    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Row]) -> None:
        self._populate(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Row]) -> None:
        data = event.node.data
        if data is not None and data.kind == "article":
            event.stop()
            self.post_message(OpenArticle(data.key))
