"""The source list: outlets (or stories) with their articles, filterable and sortable; each article
shows its read mark and star. Labels are literal Text."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, AbstractSet, Iterable, Iterator, Sequence, overload

from bisect import bisect_right

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.cache import LRUCache
from textual.widgets import Tree
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets._tree import _TreeLine
from textual.widgets.tree import TreeNode

from reader.corpus.decode import name_match_key
from reader.corpus.outlets import default_registry, joined_spellings
from reader.library import MARK_AT_END, Replacements, collector_off
from reader.listing import (
    SORT_ORDERS,
    FilterError,
    ListFilter,
    filter_key,
    parse_filter,
    day_key,
    sort_articles,
    still_shown,
    versions_in_fetch_order,
)
from reader.state.version_marks import shown_mark
from reader.tui.drawn_style import drawn_rich_style
from reader.tui.keymap import LIST_BINDINGS
from reader.tui.messages import OpenArticle
from reader.tui.safe import cut, one_line, rich_join, rich_text
from reader.wording import NO_OUTLET, counted, crop_cells, outlet_clipped_cells

if TYPE_CHECKING:
    from reader.analysis.stories import Story
    from reader.library import ArticleInfo

UNKNOWN_OUTLET = NO_OUTLET  # the group of the articles whose metadata names no outlet, listed last
STAR, UNREAD = "★", "•"  # the marks before an article's date
UPDATED = "◦"  # in the unread mark's cell: read as an older version, updated since
# A group label's count: " (12)", or " (3/12)" with a filter (3 of its 12 shown), then how many of
# those are unread after the unread mark, " (12 •5)": newsboat's (unread/total) read as the filter's.
# Older versions a newer one replaces count apart, as `reader stories` counts them: " (2 +1 older)".
_GROUP_COUNT = re.compile(r" \((?:\d[\d,]*)(?:/\d[\d,]*)?(?: \+\d[\d,]* older)?(?: •\d[\d,]*)?\)$")  # "1,234"
SINGLES_KEY = "\x00singles"  # the group of articles that share their story with no other
# When a filter is typed, matching groups open by themselves until this many rows are shown.
AUTO_EXPAND_LIMIT = 300


@dataclass(frozen=True)
class Row:
    """What a tree node stands for: a group (outlet or story) or one article."""

    kind: str  # "group" | "article"
    key: str  # the group name / story id, or the article id
    items: tuple = ()  # for a group: its articles (ArticleInfo), in display order
    name: str = ""  # for a group: its name as its row shows it (an outlet, a story's label)
    total: int = 0  # for a group: its number of articles, those a filter hides included (older versions not)


def _title(info: ArticleInfo) -> str:
    return one_line(info.title or info.id) or "(untitled)"


def _outlet(info: ArticleInfo) -> str:
    return one_line(info.outlet or "") or UNKNOWN_OUTLET


# What an article's row shows after its two marks, from its date, its cleaned outlet (the list
# grouped by story) and its cleaned title: `★• 2025-10-21  Outlet · Title`.
def _row_date(date: str | None) -> str:
    return " " + (one_line(date or "") or "----------") + "  "


OUTLET_SEPARATOR = " · "  # between the outlet and the title of a story's row
STORY_ROW_ROOM = 24  # cells for "outlet · title" below which a story's rows leave out their dates
STORY_ROW_OUTLET_ONLY = 16  # ... and below which they show the outlet alone (the group names the story)
STORY_ROW_TITLE = 6  # cells a title keeps beside an outlet cut short (a short word and "…")


def _row_outlet(outlet: str) -> str:
    """An outlet as a story's row shows it, at most 30 cells: its start and its last word
    (_outlet_cut), so that two long names that start alike stay apart."""
    return _outlet_cut(one_line(outlet), 30)


def _outlet_cut(outlet: str, cells: int) -> str:
    """An outlet's name in at most `cells` cells: its start and its last word, "…" between ("The
    New Y…Times", "The New Y…Post": names that start alike stay apart; a cut between words made
    "The…" of both), or its start alone when the last word leaves the start fewer than 3 cells."""
    if cell_len(outlet) <= cells:
        return outlet
    words = outlet.split()
    if len(words) == 1 and "/" in outlet:  # "sites.google.com/view/jane": its site's end stays
        return outlet_clipped_cells(outlet, cells)
    tail = words[-1] if len(words) > 1 and cell_len(words[-1]) <= cells - 4 else ""  # 3 cells of start
    head = crop_cells(outlet, cells - 1 - cell_len(tail)).rstrip()
    return head + "…" + tail


def _row_title(title: str) -> str:
    if len(title) > 200:
        mark = MARK_AT_END.search(title)
        if mark is not None:  # the version's mark stays: it tells the versions' rows apart
            return _cut(title[: mark.start()], 200 - len(mark.group())) + mark.group()
    return _cut(title, 200)


# Cells of title a row keeps before its version's mark ("(version 1 of 2, replaced)") as well
TITLE_BEFORE_MARK = 8


@dataclass(frozen=True)
class Catalog:
    """What the source list shows of a catalog, computed once (prepare_catalog)."""

    articles_in: object  # the lists it was made from (set_catalog checks they are the ones given)
    stories_in: object
    articles: list  # newest first
    stories: list
    titles: dict  # article id -> its title and outlet as shown (cleaned once)
    outlets: dict
    by_id: dict
    hay: dict  # article id -> the text a filter's words are looked for in
    row_cells: dict  # article id -> its row's width (cells) grouped by outlet, and by story
    outlet_groups: list  # (key, label, articles, filter text) per group, in display order
    story_groups: list
    versioned: frozenset = frozenset()  # the ids of articles in a chain of versions or missing theirs (titles marked)
    replaced: frozenset = frozenset()  # the ids of those a newer version replaces (older versions)
    versions: Replacements = field(default_factory=Replacements)  # the chains (whose marks show on the newest)


def search_fold(lower: str) -> str:
    """The search's folding of a lower-cased text (textproc.fold), for the filter's words and
    the rows' text alike: `pena` finds Peña, `istanbul` İstanbul, as the search does."""
    from reader.library import fold  # here, not at import: its tables take ~40 ms to build

    return fold(lower)


def prepare_catalog(
    articles: Iterable[ArticleInfo],
    stories: Iterable[Story],
    before: Catalog | None = None,
    versions: Replacements | None = None,
) -> Catalog:
    """Group orders and filter texts of a catalog; no widget state, so a worker thread can make
    it. Each title and outlet is cleaned once (the sorts used to clean them six times over).
    `before`: the catalog shown, whose texts an article it lists as the same object (the index
    reads an unchanged article as the object it read before) keeps: an app reloading its list
    at each change of a corpus made them all anew, and held both lists' worth for a while.
    `versions`: the chains of these articles as the index stored them (Library.replacements:
    with the versions deleted since, whose marks show on the newest), else worked out here."""
    source_articles, source_stories = articles, stories
    articles = list(articles)
    # The fold's module loaded here, in the worker: with every title ASCII none needs it, and the
    # filter's first accented word (`peña`) loaded it on the event loop, which stood still for it
    # (0.1 to 0.4 s: the index's modules with it).
    search_fold("")
    kept = before if before is not None else _NO_CATALOG
    # An article edited upstream and fetched again is listed as each of its versions, each
    # marked as `reader list` marks it ("version 1 of 2, replaced"): a mark a new version may change.
    versions = Replacements.of(articles) if versions is None else versions
    marked = kept.versioned | versions.places.keys() | versions.missing.keys()
    same = {a.id for a in articles if kept.by_id.get(a.id) is a and a.id not in marked}
    titles = {a.id: kept.titles[a.id] if a.id in same else _title(a) + versions.mark(a.id) for a in articles}
    outlets = {a.id: kept.outlets[a.id] if a.id in same else _outlet(a) for a in articles}

    def newest_first(items: list) -> list:
        # Newest first (of a day, the fetched last fetched first: day_key), then by title,
        # undated last: one sort by (undated, date descending, title) done in two stable passes
        # with plain string keys (reverse keeps ties in order).
        by_title = sorted(items, key=lambda a: titles[a.id].lower())
        return sorted(by_title, key=day_key, reverse=True)

    ordered = versions_in_fetch_order(newest_first(articles), versions.places, lambda a: a.date)
    by_id = {a.id: a for a in ordered}
    # An outlet's name as a filter's word may write it too: `aljazeera` for Al Jazeera, `foxnews`.
    spelled: dict[str, str] = {}
    registry = default_registry()  # once: each lookup reads the user's outlets.yaml's stamp
    for outlet in {outlets[a.id] for a in ordered if a.id not in same}:
        joined = [] if outlet == UNKNOWN_OUTLET else joined_spellings(outlet, registry)
        more = [k for k in joined if k not in outlet.lower()]
        spelled[outlet] = " ".join([outlet, *more])
    hay = {
        a.id: kept.hay[a.id]
        if a.id in same
        else filter_key(" ".join([titles[a.id], spelled[outlets[a.id]], a.date or ""]), search_fold)
        for a in ordered
    }
    row_cells = _row_cells(ordered, titles, outlets, kept.row_cells, same)
    by_outlet: dict[str, list] = {}
    named: dict[str, str] = {}  # one outlet however its articles write it ("Rally ❤️", "Rally ❤"): the newest's name
    for info in ordered:  # newest first within each outlet
        by_outlet.setdefault(named.setdefault(name_match_key(outlets[info.id]), outlets[info.id]), []).append(info)
    outlet_groups = [
        (outlet, outlet, by_outlet[outlet], "")
        for outlet in sorted(by_outlet, key=lambda o: (o == UNKNOWN_OUTLET, o.lower()))
    ]
    # Stories told by several articles first (largest first); articles that no other one
    # reports go together in one last group, so a corpus of unrelated articles stays short.
    # Sized as `reader stories` counts a story: by its current articles, an older version a
    # newer one replaces counting for none (a story of two pages each fetched three times came
    # before one told by four outlets).
    story_list = list(stories)
    story_groups: list[tuple[str, str, list, str]] = []
    current_count: dict[str, int] = {}
    singles: list = []
    for story in story_list:
        members = [by_id[i] for i in story.articles if i in by_id]
        current = len(members) - sum(versions.is_replaced(a.id) for a in members)
        if current > 1:
            members = newest_first(members)
            # Stable: newest first within an outlet; those with no outlet last, as their group is.
            members.sort(key=lambda a: (outlets[a.id] == UNKNOWN_OUTLET, outlets[a.id].lower()))
            label = one_line(story.label or story.id)
            story_groups.append((str(story.id), label, members, filter_key(label, search_fold)))
            current_count[str(story.id)] = current
        else:
            singles.extend(members)
    story_groups.sort(key=lambda g: (-current_count[g[0]], g[1].lower()))
    if singles:
        story_groups.append((SINGLES_KEY, "Reported by one article only", newest_first(singles), ""))
    return Catalog(
        source_articles,
        source_stories,
        ordered,
        story_list,
        titles,
        outlets,
        by_id,
        hay,
        row_cells,
        outlet_groups,
        story_groups,
        frozenset(versions.places) | frozenset(versions.missing),
        frozenset(i for i in versions.places if versions.is_replaced(i)),
        versions,
    )


_NO_CATALOG = Catalog(None, None, [], [], {}, {}, {}, {}, {}, [], [])  # prepare_catalog with nothing before


def _row_cells(
    articles: list, titles: dict, outlets: dict, before: dict | None = None, same: AbstractSet[str] = frozenset()
) -> dict:
    """Each article's row width (SourceList._row_width), grouped by outlet and by story: the rows
    of a group are measured whenever it opens, and cell widths add up. `before`: those of the
    catalog shown, kept for the articles in `same` (unchanged)."""
    kept = before or {}
    dates: dict = {}
    shown_outlets: dict = {}
    cells = {}
    for a in articles:
        if a.id in same:
            cells[a.id] = kept[a.id]
            continue
        date = dates.get(a.date)
        if date is None:
            date = dates[a.date] = 2 + _cell_width(_row_date(a.date))  # the two marks, one cell each
        outlet = outlets[a.id]
        by_story = shown_outlets.get(outlet)
        if by_story is None:
            by_story = shown_outlets[outlet] = _cell_width(_row_outlet(outlet)) + 3  # and " · "
        title = titles[a.id]
        width = date + (len(title) if len(title) <= 200 and title.isascii() else _cell_width(_row_title(title)))
        cells[a.id] = (width, width + by_story)
    return cells


# Characters of our rows one cell wide (rich's own measure), read as ASCII by _cell_width.
_ONE_CELL_MARKS = [c for c in STAR + UNREAD + "·…—’" if cell_len(c) == 1]


def _cell_width(text: str) -> int:
    """cell_len(text), from len() when the text is ASCII but for marks one cell wide (rich looks
    up every character's width: a list of 50,000 rows took a second to measure)."""
    if not text.isascii():
        plain = text
        for mark in _ONE_CELL_MARKS:
            plain = plain.replace(mark, "*")
        if not plain.isascii():
            return cell_len(text)
    return len(text)


def _cut(text: str, limit: int) -> str:
    """one_line(text, limit) of a text one_line() made already."""
    return text if len(text) <= limit else cut(text, limit)


def _clipped_text(text: Text, cells: int, pad: bool = True) -> Text:
    """A styled label in `cells` cells, cut between words with "…" (safe.cut) and padded to
    them: get_label_width then knows a cut row's width without cutting it."""
    plain = cut(text.plain, cells)
    if plain == text.plain:
        return text
    mark = MARK_AT_END.search(text.plain)
    if mark is not None and cells - len(mark.group()) >= TITLE_BEFORE_MARK:
        # The title is cut, not the mark: two versions' rows read the same at 80 columns.
        start = mark.start()
        kept = Text.assemble(_clipped_text(text[:start], cells - len(mark.group()), pad=False), text[start:], end="")
        kept.no_wrap = True
        if pad:
            kept.pad_right(cells - kept.cell_len)
        return kept
    head = text[: len(plain) - 1]  # cut() keeps a start of the text, then adds "…"
    head.append("…")
    if pad:
        head.pad_right(cells - head.cell_len)
    return head


def _padded(row: Text, cells: int) -> Text:
    """`row` padded to `cells`: as wide as get_label_width says (the row as made, or the room)."""
    row.pad_right(cells - row.cell_len)
    return row


def _clipped_outlet(shown: Text, outlet: str, cells: int) -> Text:
    """An outlet's name (`shown`: as the row has it, styled, cut at 30; `outlet`: whole) in at
    most `cells` cells: cut at its end, inside its words ("The New York Ti…": cut at its start
    and last word, "The New Yor…Times · Battl…" read as one name running on). A name over 30
    cells, which the row shows by its start and last word already (_row_outlet), keeps that
    form, shorter, so that two long names that start alike stay apart."""
    if shown.cell_len <= cells:
        return shown
    style = shown.spans[0].style if shown.spans else ""
    if shown.plain != outlet:
        return Text(_outlet_cut(outlet, cells), style=style, no_wrap=True, end="")
    return Text(crop_cells(outlet, cells - 1).rstrip() + "…", style=style, no_wrap=True, end="")


class _ArticleNode(TreeNode[Row]):
    """An article's row, made cheaply: opening a group makes one per article (28,000 for the
    largest outlet of a 50,000-article corpus). Its label is made the first time it is read (the
    row drawn), its data (Row) when first asked for, and its line is worked out from its group's;
    a label given with set_label() is kept as it is."""

    # TreeNode.__init__'s own attributes are set here, without its label processing or a Row per
    # article (test_tui_reader_basics checks this makes every attribute TreeNode's makes).
    def __init__(self, tree: SourceList, parent: TreeNode[Row], node_id, index: int, info, styles: dict) -> None:
        self._tree = tree
        self._parent = parent
        self._id = node_id
        self._expanded = False
        self._children = []
        self._hover_ = False
        self._selected_ = False
        self._allow_expand = False
        self._updates = 0
        self._info = info
        self._styles = styles
        self._index = index  # among its group's rows
        self._set: Text | None = None  # a label given with set_label()
        self._made: Text | None = None
        self._row: Row | None = None

    @property
    def data(self) -> Row:
        row = self._row
        if row is None:
            row = self._row = Row("article", self._info.id)
        return row

    @data.setter
    def data(self, row: Row) -> None:
        self._row = row

    @property
    def _line(self) -> int:
        """The row's line: its group's, plus its place (SourceList._build sets only the groups')."""
        group = self._parent
        if group is None or not group._expanded or group._line < 0:
            return -1
        return group._line + 1 + self._index

    @_line.setter
    def _line(self, line: int) -> None:
        pass

    @property
    def _label(self) -> Text:
        if self._set is not None:
            return self._set
        if self._made is None:
            tree = self._tree
            assert isinstance(tree, SourceList)
            self._made = tree._leaf_label(self._info, self._styles)
        return self._made

    @_label.setter
    def _label(self, label: Text) -> None:
        self._set = label
        if self._parent is not None:
            tree = self._tree
            assert isinstance(tree, SourceList)
            tree._rows_widths.pop(self._parent._id, None)  # measured again

    def forget_label(self, styles: dict) -> None:
        """Make the label again (with these styles) when it is next read: its marks changed."""
        self._set = self._made = None
        self._styles = styles
        self._updates += 1


def _index_in(group: TreeNode[Row], article_id: str) -> int | None:
    """An article's place in a group (its row's, once the group is open: the rows are the
    group's articles, in order), or None. No row's data is made to find it."""
    for index, info in enumerate(group.data.items if group.data is not None else ()):
        if info.id == article_id:
            return index
    return None


class _Lines(Sequence):
    """The source list's lines (Tree's _TreeLine, as Tree._build would make them), each made when
    it is read: a group's line, then its rows' while it is open."""

    def __init__(self, groups: list, starts: list[int], count: int) -> None:
        self._groups = groups
        self._starts = starts  # each group's line
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> _TreeLine[Row]: ...

    @overload
    def __getitem__(self, index: slice) -> list[_TreeLine[Row]]: ...

    def __getitem__(self, index: int | slice) -> _TreeLine[Row] | list[_TreeLine[Row]]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        at = bisect_right(self._starts, index) - 1
        group = self._groups[at]
        offset = index - self._starts[at]
        if not offset:
            return _TreeLine([group], True)
        rows = group._children
        return _TreeLine([group, rows[offset - 1]], offset == len(rows))


class SourceList(Tree[Row]):
    """Outlets with article counts (or stories), expandable to `date  title` rows.

    Children are added when a group is expanded, so a corpus of many thousand articles builds
    its tree at once. Selecting an article posts `OpenArticle`.
    """

    BINDINGS = LIST_BINDINGS
    HELP_SECTION = "Source list"
    COMPONENT_CLASSES = {
        "source-list--count",
        "source-list--date",
        "source-list--outlet",
        "source-list--star",
        "source-list--unread",
    }

    DEFAULT_CSS = """
    SourceList > .source-list--count { color: $text-muted; }
    SourceList > .source-list--star { color: $text-warning; }
    SourceList > .source-list--unread { color: $text-accent; text-style: bold; }
    SourceList > .source-list--date { color: $text-muted; }
    SourceList > .source-list--outlet { color: $text-secondary; }
    """

    _build_styles: dict | None = None  # _leaf_styles() while rebuild() adds the groups
    _pass: tuple[Style, int] | None = None  # the widget's style and width while render_lines() draws

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        self._batching = False  # nodes being added by _batch(): the tree is invalidated once, after
        # Articles listed though the filter's is:unread/is:read/is:starred no longer lets them
        # through (read while listed): the row under the cursor, until the cursor leaves it; a
        # group's row under the cursor (`u` on it) keeps the articles it showed, and its key.
        self._kept: set[str] = set()
        self._kept_group: str | None = None
        self._restoring = 0  # rebuilds whose cursor is not put back yet: its moves are not the user's
        self._label_widths: dict = {}  # node id -> (its label, the label's width in cells)
        self._room: int | None = None  # a group label's room in cells, while _build measures them
        self._rows_widths: dict = {}  # group node id -> the width of its widest row
        self._shown_dates: dict = {}  # an article's date -> as its row shows it
        self._shown_outlets: dict = {}  # an outlet (cleaned) -> as a row shows it, cut
        super().__init__(Text("Sources"), id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.grouping = "outlet"  # or "story"
        # The list is the screen's only pane (a narrow terminal): no reader beside it shows the
        # title of the article open, so a narrow row gives its title the date's room.
        self.alone = False
        self.filter_spec = ListFilter()
        self.filter_error: str | None = None  # why the last filter typed could not be used
        self.filter_shown = ""  # the filter the list shows: the last one that could be used
        # The row under the cursor when a filter was first typed: clear_filter() goes back to it.
        self._unfiltered_row: Row | None = None
        self.list_order = SORT_ORDERS[0]  # not `sort_order`: Textual's widgets use that name
        self._marks: dict = {}  # article id -> Mark (read, starred); unmarked ids are absent
        self._read_shown: set[str] | None = None  # ids whose row shows them read (made when needed)
        self.shown_count = 0  # articles the current filter lets through
        self._articles: list = []
        self._stories: list = []
        self._by_id: dict = {}
        self._hay: dict = {}
        self._row_cells: dict = {}  # article id -> its row's width, by outlet and by story
        self._titles: dict[str, str] = {}  # article id -> its title and outlet as shown, cleaned once
        self._outlets: dict[str, str] = {}
        self._outlet_groups: list = []
        self._story_groups: list = []
        self._replaced: frozenset = frozenset()
        self._versions = Replacements()
        self._group_of: dict | None = None  # article id -> the group node that lists it (made when needed)
        # Rows drawn, by what they show (_drawn_key), with the line each was drawn at: a filter's
        # key rebuilds every node, and Tree's own cache (by line and node) then drew every row in
        # sight anew, though most show what they showed at the key before, a few lines off.
        self._drawn: LRUCache[tuple, tuple[Strip, int]] = LRUCache(1024)

    # -- data --------------------------------------------------------------------------------
    def set_catalog(
        self,
        articles: Iterable[ArticleInfo],
        stories: Iterable[Story],
        prepared: Catalog | None = None,
        renamed: dict[str, str] | None = None,
    ) -> None:
        """New article metadata and stories. `prepared`: prepare_catalog() of these very lists,
        made in a worker (at 20,000 articles it takes a second or more of a frozen app here).
        `renamed`: {old id: new id} of articles whose file was renamed (IndexReport.renamed): the
        cursor on one stays on it."""
        if prepared is None or prepared.articles_in is not articles or prepared.stories_in is not stories:
            prepared = prepare_catalog(articles, stories)
        self._articles = prepared.articles
        self._stories = prepared.stories
        self._titles = prepared.titles
        self._outlets = prepared.outlets
        self._by_id = prepared.by_id
        self._hay = prepared.hay
        self._row_cells = prepared.row_cells
        self._outlet_groups = prepared.outlet_groups
        self._story_groups = prepared.story_groups
        self._replaced = prepared.replaced
        self._versions = prepared.versions
        self._read_shown = None  # the chains of versions may have changed
        self._shown_dates.clear()
        self._shown_outlets.clear()
        self._drawn.clear()  # an article's title may have changed (fetched again)
        selected = self.cursor_node.data if self.cursor_node is not None else None
        if selected is not None and selected.kind == "article" and selected.key not in self._by_id:
            new_id = (renamed or {}).get(selected.key)
            if new_id is not None and new_id in self._by_id:
                self.rebuild(Row("article", new_id))
                self.call_after_refresh(self.reveal, new_id)  # in another group, if its outlet changed
                return
        self._keep_cursor_row()  # marks set in another window may have changed what the filter passes
        self.rebuild(screen_row=self._cursor_screen_row())

    def _title_of(self, info: ArticleInfo) -> str:
        title = self._titles.get(info.id)
        return _title(info) if title is None else title

    def _outlet_of(self, info: ArticleInfo) -> str:
        outlet = self._outlets.get(info.id)
        return _outlet(info) if outlet is None else outlet

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping
        self.rebuild()

    def set_filter(self, text: str) -> None:
        """Words and tokens (see reader.listing); a bad token keeps the last good filter."""
        if not text.strip() and not self.filter_shown and self.filter_error is None:
            return  # no filter, none typed (the box emptied by clear_filter): the list as it is
        try:
            spec = parse_filter(one_line(text), search_fold)
        except FilterError as exc:
            self.filter_error = str(exc)
            kept = still_shown(self.filter_shown, one_line(text))
            if kept != self.filter_shown:
                self._apply_filter(kept, parse_filter(kept, search_fold))
            return
        self.filter_error = None
        self._apply_filter(one_line(text), spec)

    def _apply_filter(self, text: str, spec: ListFilter, selected: Row | None = None) -> None:
        if not self.filter_shown and text.strip():
            self._unfiltered_row = self.cursor_node.data if self.cursor_node is not None else None
        self.filter_shown = text.strip()
        self.filter_spec = spec
        self._kept = set()  # a filter typed: only what it lets through
        self._kept_group = None
        self.rebuild(selected)

    def clear_filter(self) -> None:
        """The whole list back, the cursor on the article it is on, else (on a group, or on
        nothing: the filter hid everything) on the row it was on before the filter was typed:
        Escape from a filter put it on the first group, the reader's place lost."""
        node = self.cursor_node
        row = node.data if node is not None else None
        back = row if row is not None and row.kind == "article" else self._unfiltered_row
        self._unfiltered_row = None
        self.filter_error = None
        self._apply_filter("", parse_filter("", search_fold), back)
        if back is not None and back.kind == "article":
            # its group (closed when the filter hid it) opened again, the cursor on its row
            self.call_after_refresh(self.reveal, back.key)

    def set_sort(self, order: str) -> None:
        self.list_order = order
        self.rebuild()

    def set_marks_of(self, marks: dict) -> None:
        """New marks of some articles: their rows and their groups' unread counts redrawn; with a
        filter on the marks (is:unread...), those it no longer lets through leave the list and
        those it lets through again come back, the row under the cursor staying until the
        cursor leaves it (a row read as it is read does not vanish under the reader)."""
        spec = self.filter_spec
        # A version's marks show on its newest too (reader.state.version_marks): its row changes.
        changed = set(marks) | {self._versions.newest(article_id) for article_id in marks}
        before = {article_id: self.shown_mark(article_id) for article_id in changed}
        self._marks.update(marks)
        self._read_shown = None
        follow = bool(spec.states) and any(
            spec.marks_match(mark.read, mark.starred) != spec.marks_match(now.read, now.starred)
            for article_id, mark in before.items()
            for now in (self.shown_mark(article_id),)
        )
        if follow:
            self._keep_cursor_row()
            self.rebuild(screen_row=self._cursor_screen_row())
            return
        self._relabel(changed)

    @property
    def marks(self) -> dict:
        """Article id -> Mark (read, starred); unmarked ids are absent. Changed by set_marks_of,
        or a new dict assigned: not in place (the groups' unread counts are worked out once a change)."""
        return self._marks

    @marks.setter
    def marks(self, marks: dict) -> None:
        self._marks = marks
        self._read_shown = None

    def _shown_read(self) -> set[str]:
        """Ids of the articles whose row shows them read: those read, and the newest version of
        each (an older version's read mark shows there, shown_mark). Made once a change of the marks
        or of the versions: a filter's key counted every group's unread rows by looking up the mark
        of each row listed (half its rebuild, bench_filter_drawing.py)."""
        if self._read_shown is None:
            read = [article_id for article_id, mark in self._marks.items() if mark.read]
            maybe = set(read) | {self._versions.newest(article_id) for article_id in read}
            self._read_shown = {article_id for article_id in maybe if self.shown_mark(article_id).read}
        return self._read_shown

    @property
    def versions(self) -> Replacements:
        """The chains of versions of the articles listed."""
        return self._versions

    def shown_mark(self, article_id: str):
        """The article's mark as its row shows it: an older version's star and read mark show on
        the newest (read there as updated since), as `reader list` shows them."""
        return shown_mark(article_id, self.marks, self._versions)

    def group_under_cursor(self) -> Row | None:
        """The group (outlet or story) the cursor is on, with the articles it shows; None on an
        article's row."""
        node = self.cursor_node
        if node is not None and node.data is not None and node.data.kind == "group":
            return node.data
        return None

    def _groups_of(self) -> dict:
        """Article id -> the group node that lists it, made once per build of the list (when a
        mark is first set: a filter typed rebuilds the list at each key)."""
        if self._group_of is None:
            self._group_of = {
                info.id: group for group in self.root.children if group.data is not None for info in group.data.items
            }
        return self._group_of

    def _group_label(self, label: str, shown: Sequence, total: int, count_style: Style) -> Text:
        """`Daily Planet (12 •5)`: the group's articles (shown of total, with a filter), the older
        versions shown apart ("(2 +1 older)": `reader stories` says "2 articles, 1 older version"),
        and how many of the rows shown are unread after the list's unread mark, when any is. A
        group of older versions alone (a renamed older version's story) is "(1 older version •1)",
        as `reader stories` says it, not "(0 +1 older •1)"."""
        older = sum(info.id in self._replaced for info in shown) if self._replaced else 0
        current = len(shown) - older
        if older and not current and not self.filter_spec.active:
            count = counted(older, "older version")
        else:
            count = f"{current:,}/{total:,}" if self.filter_spec.active else f"{current:,}"
            if older:
                count += f" +{older:,} older"
        read = self._shown_read()
        unread = len(shown) - sum(info.id in read for info in shown) if read else len(shown)
        if unread:
            count += f" {UNREAD}{unread:,}"
        return rich_join([rich_text(label, style="bold"), Text(f" ({count})", style=count_style)])

    def _recount(self, group: TreeNode[Row]) -> None:
        """A group's label again, its unread count as the marks now are."""
        data = group.data
        if data is None or data.kind != "group":
            return
        count_style = drawn_rich_style(self, "source-list--count")
        label = self._group_label(data.name, data.items, data.total, count_style)
        if label.plain != group._label.plain:
            wider = label.cell_len > group._label.cell_len
            group.set_label(label)
            if wider:  # the list's width is worked out again ("(12)" became "(12 •1)")
                self._invalidate()

    def on_mount(self) -> None:
        # Its rows' colours are worked out when their labels are made: made again when the theme
        # changes (they kept the old theme's, white counts on a light theme's grey, 1.6:1).
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, _theme: object = None) -> None:
        """Every label made again, in the current theme's colours, when it is next drawn."""
        self._drawn.clear()
        styles = self._leaf_styles()
        count_style = drawn_rich_style(self, "source-list--count")
        for group in self.root.children:
            data = group.data
            if data is None or data.kind != "group":
                continue
            group.set_label(self._group_label(data.name, data.items, data.total, count_style))
            for leaf in group._children:
                if isinstance(leaf, _ArticleNode):
                    leaf.forget_label(styles)
        self._invalidate()

    def article_order(self) -> list[str]:
        """Ids of the articles the list shows (filtered, sorted), top to bottom, groups expanded."""
        return [info.id for _key, _label, shown, _total in self._groups() for info in shown]

    def cursor_article(self) -> str | None:
        node = self.cursor_node
        if node is not None and node.data is not None and node.data.kind == "article":
            return node.data.key
        return None

    def cursor_story(self) -> tuple[str, str] | None:
        """The id of the story under the cursor and its first article as listed (None: the cursor
        is on no story of several articles, e.g. on an outlet or the lone articles' group)."""
        node = self.cursor_node
        if self.grouping != "story" or node is None or node.data is None or node.data.kind != "group":
            return None
        if node.data.key == SINGLES_KEY or not node.data.items:
            return None
        return node.data.key, node.data.items[0].id

    @property
    def article_count(self) -> int:
        return len(self._articles)

    def _groups(self) -> list[tuple[str, str, list, int]]:
        """(key, label, matching articles, total) per group, in display order."""
        source = self._story_groups if self.grouping == "story" and self._stories else self._outlet_groups
        spec = self.filter_spec
        hay = self._hay
        kept = self._kept
        groups: list[tuple[str, str, list, int]] = []
        # Words alone (as typed, a key at a time): neither marks nor dates looked up per article.
        words_in = spec.words_test() if spec.active and spec.words_only else None
        for key, label, members, extra in source:
            if words_in is not None:
                if extra:
                    shown = [a for a in members if words_in(f"{hay[a.id]} {extra}") or a.id in kept]
                else:
                    shown = [a for a in members if words_in(hay[a.id]) or a.id in kept]
            elif spec.active:
                shown = []
                for a in members:
                    mark = self.shown_mark(a.id)
                    text = f"{hay[a.id]} {extra}" if extra else hay[a.id]
                    if spec.matches(text, a.date, mark.read, mark.starred) or a.id in kept:
                        shown.append(a)
            else:
                shown = members
            if shown and self.list_order != "outlet":  # the catalog's order is by outlet already
                shown = sort_articles(
                    shown, self.list_order, lambda a: a.date, self._outlet_of, self._title_of, self._versions.places
                )
            if shown:  # (the total of the articles current: an older version is counted apart)
                older = sum(a.id in self._replaced for a in members) if self._replaced else 0
                groups.append((key, label, shown, len(members) - older))
        if self.list_order != "outlet":
            # The group with the newest (oldest) article first; the lone-articles group stays last.
            newest = self.list_order == "newest"
            dated = [g for g in groups if g[0] != SINGLES_KEY and g[2][0].date]
            rest = [g for g in groups if g not in dated]
            dated.sort(key=lambda g: g[2][0].date, reverse=newest)
            groups = dated + rest
        self.shown_count = sum(len(g[2]) for g in groups)
        return groups

    # -- building ----------------------------------------------------------------------------
    def _keep_cursor_row(self) -> None:
        """The row under the cursor stays listed through the next rebuilds, whatever the marks,
        until the cursor leaves it (marks changed: the filter is the same): an article's row, or
        a group's row with the articles it shows (`u` twice on a group under is:unread takes the
        first back, instead of reading the group that took its place)."""
        if not self.filter_spec.states:
            return
        article_id = self.cursor_article()
        if article_id is not None:
            self._kept.add(article_id)
            return
        group = self.group_under_cursor()
        if group is not None:
            self._kept_group = group.key
            self._kept.update(info.id for info in group.items)

    def keep_listed(self, article_id: str) -> None:
        """The article being opened stays listed whatever its marks (opening it reads it), while
        the cursor is on it (reveal puts it there): J goes on from it to the next one."""
        if self.filter_spec.states:
            self._kept.add(article_id)

    def _cursor_screen_row(self) -> int | None:
        """The cursor's line on screen (from the list's top), to keep it there through a rebuild."""
        return self.cursor_line - round(self.scroll_y) if self.cursor_line >= 0 else None

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        if not (self._kept or self._kept_group is not None) or self._restoring or self.cursor_node is None:
            return
        data = self.cursor_node.data
        if data is not None and data.kind == "group" and data.key == self._kept_group:
            return  # still on the group kept
        here = {data.key} & self._kept if data is not None and data.kind == "article" else set()
        if here != self._kept or self._kept_group is not None:
            # The cursor left rows kept for it: they go, the cursor staying on its row.
            self._kept = here
            self._kept_group = None
            self.call_after_refresh(self._refilter)

    def _refilter(self) -> None:
        self.rebuild(screen_row=self._cursor_screen_row())

    def clear(self) -> SourceList:
        """Tree.clear, with the old rows let go at once. Textual's keeps every node in its
        id -> node map until a later node takes its id (the new root never does): one row of an
        old tree left there kept the whole tree, and through its groups the whole article list
        it was made from (a list left open on a corpus being changed grew by a list per reload).
        The old groups and rows point at each other: cut, they are freed by their reference
        counts, frozen or not (long_lived.py), instead of waiting for a full collection."""
        old_root = self.root
        for group in old_root._children:
            group._children = []
        old_root._children = []
        super().clear()
        self._tree_nodes = {self.root._id: self.root}
        return self

    def rebuild(self, selected: Row | None = None, screen_row: int | None = None) -> None:
        """Rows anew, the cursor kept on its row (or put on `selected`); `screen_row`: the
        cursor's line on screen, where it stays (rows gone above it would move it)."""
        if selected is None:
            selected = self.cursor_node.data if self.cursor_node is not None else None
        # Marks changed (screen_row given): a row gone leaves the cursor on the line it was on.
        fallback = self.cursor_line if screen_row is not None else -1
        expanded = {node.data.key for node in self.root.children if node.data and node.is_expanded}
        listed = {node.data.key for node in self.root.children if node.data}  # a collapse stays
        self.clear()
        self._label_widths.clear()
        self._rows_widths.clear()
        self._group_of = None
        count_style = drawn_rich_style(self, "source-list--count")
        budget = AUTO_EXPAND_LIMIT  # rows opened by a filter, over all groups
        # The rows' styles read once, not at each group opened (each read walks the widget's
        # ancestors for their backgrounds: a fifth of a filter's key on 2,000 articles).
        self._build_styles = self._leaf_styles()
        try:
            with self._batch():
                self._add_groups(expanded, count_style, budget, listed)
        finally:
            self._build_styles = None
        self._restoring += 1
        self.call_after_refresh(self._restore_cursor, selected, fallback, screen_row)

    def _add_groups(self, expanded: set, count_style: Style, budget: int, listed: set) -> None:
        groups = self._groups()
        # A list of one group (a folder of text files naming no outlet: "(no outlet)" alone) is
        # opened the first time it is listed: one collapsed row left a newcomer nothing to choose.
        alone = groups[0][0] if len(groups) == 1 and groups[0][0] not in listed else None
        for key, label, shown, total in groups:
            node = self.root.add(
                self._group_label(label, shown, total, count_style),
                data=Row("group", key, tuple(shown), label, total),
                allow_expand=True,
            )
            if key in expanded or key == alone or (self.filter_spec.active and len(shown) <= budget):
                if key not in expanded:
                    budget -= len(shown)
                self._populate(node)
                node.expand()

    def _populate(self, node: TreeNode[Row]) -> None:
        if node.children or node.data is None or node._parent is not self.root:  # a group of a tree replaced (clear)
            return
        styles = self._build_styles or self._leaf_styles()
        # Rows whose labels are made when first drawn or measured, added in one go: opening a
        # group of 28,000 articles made 28,000 labels for the forty or so in sight (1.4 s).
        new_id = self._new_id
        with collector_off():  # it walked the whole app a few times for the new objects
            leaves = [_ArticleNode(self, node, new_id(), k, info, styles) for k, info in enumerate(node.data.items)]
        node._children.extend(leaves)
        self._tree_nodes.update((leaf._id, leaf) for leaf in leaves)
        node._updates += 1
        self._updates += 1
        self._invalidate()

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Add many nodes, invalidating the tree's caches and layout once at the end (Tree does
        it at every node added: a quarter of the time a group of 50,000 articles took to open)."""
        if self._batching:
            yield
            return
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
            self._invalidate()

    def _invalidate(self) -> None:
        if not self._batching:
            super()._invalidate()

    def _build(self) -> None:
        """Tree._build for our two levels, without a line object per row: the lines of the open
        groups are made when read (drawn, or under the cursor). Tree's own walked every row of
        every open group at each group opened or closed (0.7 s with 45,000 rows open)."""
        groups = list(self.root._children)
        if self.show_root:
            super()._build()
            return
        starts = []
        line = 0
        width = 0
        guide = self.guide_depth  # a row's indent: one level
        # Looked up once, not per group; measured as if the vertical scrollbar were there: built
        # before it appears (a group just opened), the rows came out two cells too wide for the
        # list, and a horizontal scrollbar took its last line for two blank cells.
        region = self.scrollable_content_region.width
        self._room = region - 1 - (0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical)
        try:
            for group in groups:
                group._line = line
                starts.append(line)
                width = max(width, self.get_label_width(group))
                line += 1
                if group._expanded and group._children:
                    line += len(group._children)
                    rows = self._rows_width(group)  # render_label cuts an article's row to the list
                    width = max(width, guide + (min(rows, self._article_room(self._room)) if self._room > 0 else rows))
        finally:
            self._room = None
        lines = _Lines(groups, starts, line)
        self._tree_lines_cached = lines  # type: ignore[assignment]
        self.virtual_size = Size(width if line else self.size.width, line)
        if self.cursor_line != -1:
            if self.cursor_node is not None:
                self.cursor_line = self.cursor_node._line
            if self.cursor_line >= line:
                self.cursor_line = -1

    def _rows_width(self, group: TreeNode[Row]) -> int:
        """The width of a group's widest row, remembered (the rows' widths do not change with
        their marks; a label set with set_label() forgets it)."""
        width = self._rows_widths.get(group._id)
        if width is None:
            row_width, measure = self._row_width, self.get_label_width
            width = max(
                row_width(leaf._info) if isinstance(leaf, _ArticleNode) and leaf._set is None else measure(leaf)
                for leaf in group._children
            )
            self._rows_widths[group._id] = width
        return width

    def process_label(self, label: str | Text) -> Text:
        """Our labels are literal one-line Text (never markup): Tree's own copies each to cut it
        at its first line."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(Text(label) if isinstance(label, str) else label)

    def _leaf_styles(self) -> dict:
        names = ("star", "unread", "date", "outlet")
        return {name: drawn_rich_style(self, f"source-list--{name}") for name in names}

    def render_lines(self, crop: Region) -> list[Strip]:
        # Tree.render_line reads the widget's style (which walks its ancestors' backgrounds) and
        # render_label the list's width for every line: read once a pass here, as nothing
        # restyles or resizes the widget while it draws. A filter's key redraws every row in
        # sight: they were a quarter of the drawing.
        self._pass = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        if self._pass is None:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, self._pass[0])

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """Tree's line, taken from a row drawn before that shows the same (at another line, after
        a rebuild: its "line" meta, which a click and the hover read, set to this one)."""
        lines = self._tree_lines
        key = self._drawn_key(lines[y], y, base_style) if y < len(lines) else None
        if key is None:
            return super()._render_line(y, x1, x2, base_style)
        drawn = self._drawn.get(key)
        if drawn is None:
            strip = super()._render_line(y, 0, max(self.virtual_size.width, self.size.width), base_style)
            self._drawn[key] = (strip, y)
        else:
            strip, drawn_at = drawn
            if drawn_at != y:
                line_meta = Style.from_meta({"line": y})  # after the row's own: it takes the line's place
                strip = Strip(Segment.apply_style(strip, post_style=line_meta), strip.cell_length)
        return strip.crop(x1, x2)

    def _drawn_key(self, line: _TreeLine[Row], y: int, base_style: Style) -> tuple | None:
        """All a line's drawing depends on (Tree._render_line and render_label) but its line:
        the row's content, its group's and its own cursor and hover states, the list's width
        and focus. None: not kept (a label set with set_label on an article's row, the root)."""
        node = line.path[-1]
        width, focused = self.size.width, self.has_focus
        drawn_as = (
            width,
            max(self.virtual_size.width, width),  # the width Tree pads the line to
            self._list_width(),
            base_style,
            focused,
            self._pseudo_class_state,
            self.hover_line >= 0,
            self.hover_line == y,
            self.cursor_line == y,
            self.guide_depth,
            self.show_guides,
            line.last,
            tuple((n._hover, n._selected and focused) for n in line.path),
        )
        if isinstance(node, _ArticleNode):
            if node._set is not None or len(line.path) != 2:
                return None
            info = node._info
            styles = tuple(node._styles.values())
            return ("article", info.id, self.shown_mark(info.id), styles, self.grouping, self.alone, drawn_as)
        data = node.data
        if data is None or data.kind != "group" or len(line.path) != 1:
            return None
        label = node._label
        return ("group", data.key, label.plain, tuple(label.spans), node._expanded, node.allow_expand, drawn_as)

    def notify_style_update(self) -> None:
        self._drawn.clear()  # (a theme, a pseudo-class's colours: the rows' styles)
        super().notify_style_update()

    def _list_width(self) -> int:
        return self.scrollable_content_region.width if self._pass is None else self._pass[1]

    def render_label(self, node: TreeNode[Row], base_style: Style, style: Style) -> Text:
        """A group's label keeps its count in sight: a long story title gives way instead; an
        article's row is cut to the list's width."""
        text = super().render_label(node, base_style, style)
        room = self._list_width() - 1
        if node.data is None or room <= 0:
            return text
        if self.grouping == "story" and isinstance(node, _ArticleNode):
            row = self._story_row(text, node._info, self._article_room(room))
            if row is not None:
                return row
        elif self.alone and isinstance(node, _ArticleNode) and node._set is None:
            row = self._dateless_row(text, node._info, self._article_room(room))
            if row is not None:
                return row
        if text.cell_len <= min(room, self._article_room(room)):
            return text
        if node.data.kind != "group":
            # An article's row fits the list, its title cut between words with "…" (cut at the
            # edge, with a horizontal scrollbar for the rest, it read "national infrastructure spe").
            room = self._article_room(room)
            title = _row_title(self._title_of(node._info)) if isinstance(node, _ArticleNode) else ""
            start = len(text.plain) - len(title)
            lead = cell_len(text.plain[:start])
            if title and text.plain.endswith(title) and room - lead >= 4:
                # the title is cut, not the date or outlet before it ("Daily Planet ·…")
                return Text.assemble(text[:start], _clipped_text(text[start:], room - lead), no_wrap=True, end="")
            return _clipped_text(text, room)
        count = _GROUP_COUNT.search(text.plain)
        if count is None:
            return text
        cells = max(room - (len(text.plain) - count.start()), 4)
        head = _clipped_text(text[: count.start()], cells, pad=False)  # the count right after the "…"
        label = Text.assemble(head, text[count.start() :], no_wrap=True, end="")
        label.pad_right(cells - head.cell_len)
        return label

    def _story_row(self, text: Text, info, room: int) -> Text | None:
        """A row of a story in a narrow list, `room` cells: the outlet is what tells a story's
        rows apart, and "The Extraordinarily Long…" read "The…" on every row, the title gone.
        Below STORY_ROW_ROOM cells after the date, the dates give way (a story's articles
        mostly share their day), and below STORY_ROW_OUTLET_ONLY the titles (the group names
        the story); an outlet that leaves its title less than STORY_ROW_TITLE cells is cut
        inside its words. None: the row as it is (the title cut as any row's)."""
        whole, outlet, title = self._outlet_of(info), self._shown_outlet(info), _row_title(self._title_of(info))
        start = len(text.plain) - len(title)
        before = start - len(outlet) - len(OUTLET_SEPARATOR)
        if not title or before < 2 or text.plain[before:start] != outlet + OUTLET_SEPARATOR:
            return None
        marks = text[:before]  # the star, the unread mark, the date
        rest = room - marks.cell_len  # cells for "outlet · title"
        if rest < STORY_ROW_ROOM:
            marks = Text.assemble(text[:2], " ")
            rest = room - marks.cell_len
        elif text.cell_len <= room:
            return None
        shown = text[before : before + len(outlet)]
        if rest < STORY_ROW_OUTLET_ONLY:  # the group's label names the story
            row = Text.assemble(marks, _clipped_outlet(shown, whole, max(rest, 2)), no_wrap=True, end="")
            return _padded(row, min(text.cell_len, room))
        longest = rest - STORY_ROW_TITLE - len(OUTLET_SEPARATOR)
        if shown.cell_len > longest and shown.cell_len + len(OUTLET_SEPARATOR) + cell_len(title) > rest:
            shown = _clipped_outlet(shown, whole, longest)
        title_room = rest - shown.cell_len - len(OUTLET_SEPARATOR)
        row = Text.assemble(
            marks,
            shown,
            text[start - len(OUTLET_SEPARATOR) : start],
            _clipped_text(text[start:], title_room),
            no_wrap=True,
            end="",
        )
        return _padded(row, min(text.cell_len, room))

    def _dateless_row(self, text: Text, info, room: int) -> Text | None:
        """An article's row in a list shown alone (`alone`) too narrow for its date and a
        readable title (`room` cells: fewer than STORY_ROW_ROOM left after the date, as a
        story's rows): the date gives way (the article's header and the status line show it),
        and a 40-column terminal shows 32 cells of title instead of 20. Beside the reader the
        date stays: the article open there shows its whole title. None: the row as it is."""
        title = _row_title(self._title_of(info))
        start = len(text.plain) - len(title)
        if not title or start < 2 or room - cell_len(text.plain[:start]) >= STORY_ROW_ROOM:
            return None
        marks = Text.assemble(text[:2], " ")
        row = Text.assemble(marks, _clipped_text(text[start:], room - marks.cell_len), no_wrap=True, end="")
        return _padded(row, min(text.cell_len, room))

    def _article_room(self, room: int) -> int:
        """The cells an article's label has in a list `room` cells wide: all but its indent."""
        return max(room - self.guide_depth, 8)

    def get_label_width(self, node: TreeNode[Row]) -> int:
        """render_label's width, worked out without making the Text: Tree measures every row each
        time a group opens or closes, and truncating a thousand story titles took seconds."""
        room = self._list_width() - 1 if self._room is None else self._room
        if isinstance(node, _ArticleNode) and node._set is None:
            width = self._row_width(node._info)
            return min(width, self._article_room(room)) if room > 0 else width
        label = node._label
        known = self._label_widths.get(node._id)
        if known is not None and known[0] is label:  # set_label() makes a new Text
            width = known[1]
        else:
            width = _cell_width(label.plain)
            self._label_widths[node._id] = (label, width)
        if node.allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        if node.data is None or node.data.kind != "group":
            return min(width, self._article_room(room)) if room > 0 else width
        if room <= 0 or width <= room:
            return width
        count = _GROUP_COUNT.search(label.plain)
        if count is None:
            return width
        # render_label cuts the head to max(room - count, 4) cells, ellipsis included
        count_width = len(label.plain) - count.start()
        return min(width, max(room, 4 + count_width))

    def _shown_date(self, date: str | None) -> str:
        shown = self._shown_dates.get(date)
        if shown is None:
            shown = self._shown_dates[date] = _row_date(date)
        return shown

    def _shown_outlet(self, info) -> str:
        outlet = self._outlet_of(info)
        shown = self._shown_outlets.get(outlet)
        if shown is None:
            shown = self._shown_outlets[outlet] = _row_outlet(outlet)
        return shown

    def _row_width(self, info) -> int:
        """The width of an article's row label: its marks take one cell each, set or not."""
        cells = self._row_cells.get(info.id)
        if cells is None:
            cells = _row_cells([info], {info.id: self._title_of(info)}, {info.id: self._outlet_of(info)})[info.id]
        return cells[1] if self.grouping == "story" else cells[0]

    def _leaf_label(self, info, styles: dict) -> Text:
        """`★• 2025-10-21  Title`: starred, unread (a read article shows neither mark)."""
        mark = self.shown_mark(info.id)
        parts = [
            (STAR if mark.starred else " ", styles["star"]),
            (UPDATED if mark.updated else " " if mark.read else UNREAD, styles["unread"]),
            (self._shown_date(info.date), styles["date"]),
        ]
        if self.grouping == "story":
            parts.append((self._shown_outlet(info), styles["outlet"]))
            parts.append((OUTLET_SEPARATOR, styles["outlet"]))
        parts.append((_row_title(self._title_of(info)), None))
        # One Text made with its spans, as appending the parts would make it (each append
        # scanned its part for control codes again).
        spans = []
        offset = 0
        for part, style in parts:
            if part and style:
                spans.append(Span(offset, offset + len(part), style))
            offset += len(part)
        return Text("".join(part for part, _ in parts), no_wrap=True, end="", spans=spans)

    def _relabel(self, article_ids: set) -> None:
        """Redraw the marks of these articles and their groups' unread counts: each row's label is
        made again when it is next drawn (one article's row alone, or the whole list when several,
        a group marked at once)."""
        styles = self._leaf_styles()
        group_of = self._groups_of()
        for group in {group_of.get(article_id) for article_id in article_ids}:
            if group is None:
                continue
            for leaf in group.children:
                if isinstance(leaf, _ArticleNode) and leaf._info.id in article_ids:
                    leaf.forget_label(styles)
                    if len(article_ids) == 1:
                        self.call_later(self._refresh_node, leaf)
            self._recount(group)
        if len(article_ids) != 1:
            self.refresh()

    def _restore_cursor(self, selected: Row | None, fallback: int = -1, screen_row: int | None = None) -> None:
        self._restoring = max(0, self._restoring - 1)
        self._put_cursor(selected, fallback)
        if screen_row is not None and self.cursor_line >= 0:
            y = max(0, min(self.cursor_line - screen_row, round(self.max_scroll_y)))
            self._scrolling_to_cursor = True
            try:
                self.scroll_to(y=y, animate=False, immediate=True)
            finally:
                self._scrolling_to_cursor = False

    def _put_cursor(self, selected: Row | None, fallback: int) -> None:
        """The cursor on `selected` (a group by its key: the articles it shows may have changed),
        else on the line it was on (its row gone: the next one takes its place), else at the top."""
        node = self.cursor_node
        if node is not None and node.data is not None and selected is not None:
            if (node.data.kind, node.data.key) == (selected.kind, selected.key):
                return
        if selected is not None:
            for group in self.root.children:
                if group.data is not None and (group.data.kind, group.data.key) == (selected.kind, selected.key):
                    self.move_cursor(group)
                    return
                index = _index_in(group, selected.key) if selected.kind == "article" and group._children else None
                if index is not None:
                    self.move_cursor(group._children[index])
                    return
            if 0 <= fallback and self.last_line >= 0:
                self.move_cursor_to_line(min(fallback, self.last_line))
                return
        if self.root.children:
            self.move_cursor(self.root.children[0])

    def reveal(self, article_id: str) -> None:
        """Expand the group holding an article and put the cursor on it."""
        for group in self.root.children:
            index = _index_in(group, article_id)
            if index is not None:
                self._populate(group)
                group.expand()
                leaf = group._children[index]
                if leaf.line < 0:  # a row of a group just made has no line until the tree is drawn
                    self.call_after_refresh(self._cursor_on, leaf)
                else:
                    self._cursor_on(leaf)
                return

    def _cursor_on(self, leaf: TreeNode[Row]) -> None:
        self.move_cursor(leaf)
        self.scroll_to_node(leaf, animate=False)

    # -- the cursor and the view -------------------------------------------------------------
    # The wheel and the scrollbar move the view; the cursor moves the least that keeps it on
    # screen, so the next key (or Enter) goes on from what is shown: it stayed on a row scrolled
    # away, and the next key jumped the view back there.
    _scrolling_to_cursor = False

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """The view to the cursor's line at once: the steps of an animated scroll, with the cursor
        not yet in view, would pull the cursor back into it."""
        region = self._get_label_region(line)
        if region is None:
            return
        self._scrolling_to_cursor = True
        try:
            self.scroll_to_region(
                region,
                animate=False,
                force=True,
                center=self.center_scroll,
                origin_visible=False,
                x_axis=False,
                immediate=True,
            )
        finally:
            self._scrolling_to_cursor = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._scrolling_to_cursor:
            self._cursor_into_view()

    def _cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if self.cursor_line < 0 or height <= 0 or self.last_line < 0:
            return
        top = round(self.scroll_y)
        line = max(top, min(self.cursor_line, top + height - 1, self.last_line))
        if line != self.cursor_line:
            self.cursor_line = line

    # -- events ------------------------------------------------------------------------------
    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Row]) -> None:
        self._populate(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Row]) -> None:
        data = event.node.data
        if data is not None and data.kind == "article":
            event.stop()
            self.post_message(OpenArticle(data.key))
