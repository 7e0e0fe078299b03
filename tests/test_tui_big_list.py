"""The source list with groups of thousands of rows: each row's label is made when it is drawn and
the tree's lines when they are read, with the keys, marks, cursor and lines of Textual's Tree."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from datetime import date, timedelta

import pytest
from textual.app import App
from textual.widgets import Input, Tree
from textual.widgets.tree import TreeNode

from conftest import screen_text
from reader.analysis.stories import Story
from reader.index.state import ArticleInfo
from reader.state.marks import Mark
from reader.tui.messages import OpenArticle
from reader.tui.widgets.source_list import STAR, SourceList, prepare_catalog

ROWS = 2_000


def big_catalog() -> tuple[list, list]:
    """One outlet of ROWS articles (newest first: a0000 is the newest), two small ones, and a
    story told by three of them."""
    infos = [
        ArticleInfo(
            f"a{k:04d}",
            "Herald",
            f"Herald title {k:04d}",
            str(date(2025, 12, 31) - timedelta(days=k)),
            None,
            None,
            "x.md",
        )
        for k in range(ROWS)
    ]
    infos += [ArticleInfo(f"t{k}", "Tribune", f"Tribune title {k}", "2024-05-01", None, None, "t.md") for k in range(3)]
    infos += [ArticleInfo("p0", "Post", "Post title", None, None, None, "p.md")]
    stories = [Story("s0", "A shared story", ["a0005", "t0", "p0"])]
    told = {"a0005", "t0", "p0"}
    stories += [Story(f"l{a.id}", "", [a.id]) for a in infos if a.id not in told]
    return infos, stories


class Host(App):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def compose(self):
        yield SourceList(id="list")

    def on_open_article(self, message: OpenArticle) -> None:
        self.opened.append(message.article_id)


def lines_of(tree: SourceList) -> list[tuple[list, bool]]:
    lines = tree._tree_lines
    return [(line.path, line.last) for line in lines[0 : len(lines)]]


@pytest.mark.parametrize("grouping", ["outlet", "story"])
async def test_the_lines_are_the_ones_trees_own_build_makes(grouping):
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        tree = app.query_one(SourceList)
        tree.grouping = grouping
        tree.set_catalog(*big_catalog())
        for group in tree.root.children:
            group.expand()
        tree.root.children[1].collapse()
        await pilot.pause()
        ours, size = lines_of(tree), tree.virtual_size
        Tree._build(tree)  # Textual's own: a line object per row
        assert lines_of(tree) == ours and tree.virtual_size == size
        assert [node.line for node, _ in [(p[-1], last) for p, last in ours]] == list(range(len(ours)))
        # Textual reads the lines as a list: by index (negative too), by slice, IndexError past the end
        tree._build()
        lines = tree._tree_lines
        assert lines[-1].path == ours[-1][0] and lines[len(lines) - 2 :][0].path == ours[-2][0]
        with pytest.raises(IndexError):
            lines[len(lines)]
        # A collapsed group's rows have no line
        assert all(leaf.line == -1 for leaf in tree.root.children[1].children)


async def test_an_article_row_has_every_attribute_of_a_tree_node():
    """_ArticleNode sets TreeNode's attributes itself (no Row nor label made per row): a Textual
    that adds one to TreeNode must make this fail, not the app."""
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog(*big_catalog())
        group = tree.root.children[0]
        group.expand()
        await pilot.pause()
        leaf = group.children[0]
        plain = TreeNode(tree, group, leaf.id, leaf.label, leaf.data, expanded=False, allow_expand=False)
        for name, value in vars(plain).items():
            assert getattr(leaf, name) == value or name == "_line", name
        assert leaf.data.kind == "article" and leaf.data.key == "a0000"


async def test_a_group_of_thousands_of_rows_keeps_its_keys_marks_and_cursor():
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog(*big_catalog())
        tree.focus()
        await pilot.pause()
        assert tree.root.children[0].data.key == "Herald"
        await pilot.press("space")  # open the group of ROWS articles
        await pilot.pause()
        group = tree.root.children[0]
        assert len(group.children) == ROWS and tree.last_line == ROWS + 2
        # Only the rows drawn have made their label.
        assert 0 < sum(leaf._made is not None for leaf in group.children) < 40

        await pilot.press("down", "down")
        assert tree.cursor_article() == "a0001"
        await pilot.press("pagedown")
        page = tree.cursor_line
        assert page > 2 and tree.cursor_article() == f"a{page - 1:04d}"
        await pilot.press("end")
        await pilot.pause()
        assert tree.cursor_node is tree.root.children[-1]  # the last group (Tribune, after Post)
        await pilot.press("up", "up")
        await pilot.pause()
        assert tree.cursor_article() == f"a{ROWS - 1:04d}"
        assert f"Herald title {ROWS - 1:04d}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [f"a{ROWS - 1:04d}"]

        # A star shows on its row at once; several rows' marks drawn anew at once.
        tree.set_marks_of({f"a{ROWS - 1:04d}": Mark(read=True, starred=True)})
        await pilot.pause()
        assert f"{STAR}  20" in screen_text(app)
        tree.set_marks_of({f"a{ROWS - 2:04d}": Mark(read=False, starred=True), f"a{ROWS - 1:04d}": Mark(read=True)})
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if f"title {ROWS - 2:04d}" in line)
        assert f"{STAR}•" in row
        assert STAR not in next(line for line in screen_text(app).splitlines() if f"title {ROWS - 1:04d}" in line)

        # The cursor stays on its article when the list is made again (sorted another way).
        tree.set_sort("oldest")
        await pilot.pause()
        await pilot.pause()
        assert tree.cursor_article() == f"a{ROWS - 1:04d}"
        assert f"Herald title {ROWS - 1:04d}" in screen_text(app)

        # An article deep in a group is revealed and shown.
        tree.set_sort("newest")
        tree.reveal("a1234")
        await pilot.pause()
        await pilot.pause()
        assert tree.cursor_article() == "a1234" and "Herald title 1234" in screen_text(app)
        await pilot.press("home")
        assert tree.cursor_line == 0


async def test_a_filter_narrows_a_group_of_thousands_of_rows():
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog(*big_catalog())
        tree.root.children[0].expand()
        await pilot.pause()
        tree.set_filter("herald")  # every row; the group stays open
        await pilot.pause()
        assert len(tree.root.children) == 1 and len(tree.root.children[0].children) == ROWS
        assert tree.last_line == ROWS and f"Herald ({ROWS:,}/{ROWS:,} •{ROWS:,})" in screen_text(app)
        tree.set_filter("1234")
        await pilot.pause()
        assert [leaf.data.key for leaf in tree.root.children[0].children] == ["a1234"]
        assert tree.last_line == 1 and "Herald title 1234" in screen_text(app)


async def test_a_long_title_is_cut_between_words_to_the_lists_width():
    """A row wider than the list ran off its edge ("…national infrastructure spe") and gave the
    list a horizontal scrollbar: it is cut between words with "…", as every label is."""
    title = "Council backs a national infrastructure spending plan after a long night of debate"
    app = Host()
    async with app.run_test(size=(50, 10)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog([ArticleInfo("x", "Herald", title, "2025-10-21", None, None, "x.md")], [])
        tree.root.children[0].expand()
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Council" in line)
        shown = row[row.index("Council") :].rstrip(" ▁▂▃▄▅▆▇█▏▕▎▍▌▋▊▉│")
        assert shown.endswith("…") and title.startswith(shown[:-1]) and title[len(shown) - 1] == " ", row
        assert tree.max_scroll_x == 0


class _Tracked(ArticleInfo):
    __slots__ = ("__weakref__",)  # ArticleInfo has slots, and no room for weak references


async def test_a_new_catalog_lets_the_old_rows_and_their_articles_go_at_once():
    """A reload must not keep the list it replaces: Textual's Tree.clear left old nodes in its id
    map (one kept the whole old tree, and through its groups every article), and the old groups
    and rows point at each other, which only a full collection frees (the app freezes them out
    of its reach: long_lived.py). The list left open on a corpus being changed grew by a list
    per reload."""
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        tree = app.query_one(SourceList)
        infos, stories = big_catalog()
        old = [_Tracked(**info.to_dict()) for info in infos]  # this catalog's own objects
        tree.set_catalog(old, stories)
        tree.root.children[0].expand()  # the outlet of 2,000 rows
        await pilot.pause()
        group = tree.root.children[0]
        replaced_group = tree.root.children[2]  # a group of the old tree, never opened (Tribune)
        gone = [weakref.ref(group), weakref.ref(group.children[-1]), weakref.ref(old[0]), weakref.ref(old[-1])]
        del group
        fewer = infos[50:]  # fewer rows: the old tree's last ids are not taken again
        gc.disable()  # freed by their reference counts, not by a collection
        try:
            old = []
            tree.set_catalog(fewer, stories)
            await pilot.pause()
            assert [ref() is None for ref in gone] == [True] * len(gone)
        finally:
            gc.enable()
        nodes = [tree.root] + [n for g in tree.root.children for n in [g, *g.children]]
        assert set(tree._tree_nodes.values()) == set(nodes)  # the map holds the tree shown, no more
        tree._populate(replaced_group)  # its expansion, reported late: nothing is added for it
        assert not replaced_group.children and set(tree._tree_nodes.values()) == set(nodes)
        assert tree.root.children[0].is_expanded and len(tree.root.children[0].children) == ROWS - 50


def test_a_catalog_prepared_after_another_keeps_its_texts_for_the_same_articles():
    """The index reads an unchanged article as the object it read before: the catalog made
    after an update keeps the shown one's texts for those (not a second copy of each) and makes
    those of the changed ones; all of it as a catalog made from nothing would be."""
    infos, stories = big_catalog()
    first = prepare_catalog(infos, stories)
    changed = dataclasses.replace(infos[7], title="Herald title, revised", date="2026-01-02")
    later = [*infos[:7], changed, *infos[8:], ArticleInfo("n1", "Tribune", "New one", "2026-01-01", None, None, "n.md")]
    again = prepare_catalog(later, stories, first)
    fresh = prepare_catalog(later, stories)
    for field in ("articles", "titles", "outlets", "hay", "row_cells", "outlet_groups", "story_groups"):
        assert getattr(again, field) == getattr(fresh, field), field
    assert again.hay[infos[0].id] is first.hay[infos[0].id]
    assert again.row_cells[infos[0].id] is first.row_cells[infos[0].id]
    assert again.hay[changed.id] == "herald title, revised herald 2026-01-02"


@pytest.mark.parametrize("label", ["Herald (1,234)", "Herald (12/1,234 •1,000)", "Harbour (2 +1 older •3)"])
def test_a_group_count_of_thousands_or_with_older_versions_is_read_as_its_count(label):
    """A narrow list cuts a group's name before its count, found by this pattern: "(1,234)"
    (counts are written with commas) was not found, and the count was cut instead."""
    from reader.tui.widgets.source_list import _GROUP_COUNT

    found = _GROUP_COUNT.search(label)
    assert found is not None and found.start() == label.index(" (")


def test_a_catalog_looks_the_outlet_registry_up_once_not_once_per_outlet(monkeypatch):
    """The filter's text of each outlet holds its joined spellings (joined_spellings), which the
    registry gives: a catalog of 100k outlets (a corpus of files each its own outlet) looked it
    up per outlet, each lookup a stat of the user's outlets.yaml (2.1 s against 0.44 s)."""
    from reader.corpus import outlets
    from reader.tui.widgets import source_list

    registry = outlets.default_registry()
    looked_up = []

    def counted():
        looked_up.append(1)
        return registry

    monkeypatch.setattr(outlets, "default_registry", counted)
    monkeypatch.setattr(source_list, "default_registry", counted, raising=False)
    infos = [ArticleInfo(f"a{k}", f"Outlet {k}", "t", None, None, None, "") for k in range(50)]
    infos.append(ArticleInfo("f", "Fox News", "t", None, None, None, ""))
    catalog = prepare_catalog(infos, [])
    assert "foxnews" in catalog.hay["f"].split()
    assert len(looked_up) <= 1


def test_the_worker_s_catalog_step_loads_the_filter_s_fold_not_the_event_loop():
    # With every title ASCII nothing folded while the catalog was made, and the filter's first
    # accented word (`peña`, on the event loop) imported the index's text modules: a stall.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reader.tui.widgets.source_list import prepare_catalog\n"
        "assert 'reader.index.textproc' not in sys.modules\n"
        "prepare_catalog([], [])\n"
        "print('reader.index.textproc' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True", done.stderr


async def test_a_filter_s_key_draws_again_only_the_rows_that_show_something_new(monkeypatch):
    """A filter's key rebuilds every node: the rows that show what they showed before, lines
    off, are taken from those drawn (bench_filter_drawing.py), and a click on one (Tree reads its
    line from the drawn row) still opens the article on that line."""
    infos = [ArticleInfo("a0", "Alpha", "Alpha zebra", "2025-10-21", None, None, "a.md")]
    infos += [
        ArticleInfo(f"b{k}", "Beta", f"Beta zebra {k}", f"2025-10-0{k + 1}", None, None, "b.md") for k in range(5)
    ]
    app = Host()
    async with app.run_test(size=(60, 16)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog(infos, [])
        app.set_focus(None)  # (in the filter's box)
        tree.set_filter("zebra")  # both groups open
        await pilot.pause()
        lines_before = {line.node.data.key: y for y, line in enumerate(lines_of_nodes(tree))}
        drawn: list[str] = []
        render_label = SourceList.render_label

        def counted(self, node, base_style, style):
            drawn.append(node.data.key)
            return render_label(self, node, base_style, style)

        monkeypatch.setattr(SourceList, "render_label", counted)
        tree.set_filter("beta")  # Alpha's group goes: Beta's rows move up, the same
        await pilot.pause()
        lines_after = {line.node.data.key: y for y, line in enumerate(lines_of_nodes(tree))}
        assert lines_after["b2"] != lines_before["b2"]
        assert "Beta zebra 2" in screen_text(app)
        assert not [key for key in drawn if key.startswith("b")], drawn  # the group's count changed only
        # Each row drawn says its own line (Tree reads it for the hover and a click).
        for key in ("b0", "b2", "b4"):
            y = lines_after[key]
            strip = tree.render_line(y - round(tree.scroll_y))
            assert {seg.style.meta.get("line") for seg in strip if seg.style and seg.style.meta} == {y}
        await pilot.click(SourceList, offset=(8, lines_after["b2"] - round(tree.scroll_y)))
        await pilot.pause()
        assert tree.cursor_article() == "b2" and app.opened == ["b2"]


def lines_of_nodes(tree: SourceList) -> list:
    lines = tree._tree_lines
    return [lines[y] for y in range(len(lines))]


def _drawn_as(strip) -> list:
    """A line's cells and styles, its "line" meta kept, the label's "node" meta (a node's id,
    which a rebuild makes anew and nothing reads) left out."""
    shown = []
    for segment in strip:
        style = segment.style
        meta = dict(style.meta) if style is not None and style.meta else {}
        meta.pop("node", None)
        if style is not None and style.meta:
            style = style.copy()
            style._meta = None
            style._hash = None
        shown.append((segment.text, str(style), sorted(meta.items())))
    return shown


async def test_every_row_taken_from_those_drawn_is_the_row_tree_draws_anew():
    """The rows kept by what they show (a filter's key reuses them) are never stale: after a
    filter, the focus, the cursor, the hover, marks (one and many), a theme, a narrower
    terminal, the focus leaving, another grouping and a horizontal scroll, every line in sight
    is what Tree's own drawing makes of it now."""
    infos = [
        ArticleInfo(
            f"a{k}", "Alpha" if k % 2 else "Beta", f"Zebra title {k}", f"2025-10-{k % 28 + 1:02d}", None, None, "a.md"
        )
        for k in range(60)
    ]
    stories = [Story("s0", "A zebra story", ["a58", "a59"])]
    stories += [Story(f"l{k}", "", [f"a{k}"]) for k in range(58)]

    class WithBox(App):
        def compose(self):
            yield Input(id="box")
            yield SourceList(id="list")

    app = WithBox()
    async with app.run_test(size=(70, 20)) as pilot:
        tree = app.query_one(SourceList)
        tree.set_catalog(infos, stories)
        mismatched: list[tuple[str, int]] = []

        def compare(step: str) -> None:
            scroll_x, scroll_y = tree.scroll_offset
            for y in range(tree.size.height):
                shown = tree.render_line(y)
                tree._line_cache.clear()
                drawn = Tree._render_line(tree, y + scroll_y, scroll_x, scroll_x + tree.size.width, tree.rich_style)
                if _drawn_as(shown) != _drawn_as(drawn):
                    mismatched.append((step, y))

        tree.set_filter("zebra")
        await pilot.pause()
        compare("filter")
        tree.set_filter("zebra title")
        await pilot.pause()
        compare("a second key")
        tree.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        compare("focus and cursor")
        await pilot.hover(SourceList, offset=(10, 4))
        await pilot.pause()
        compare("hover")
        on_screen = [tree._tree_lines[y].node.data.key for y in range(tree.size.height)]
        article = next(key for key in on_screen if key.startswith("a"))
        tree.set_marks_of({article: Mark(read=True, starred=True)})
        await pilot.pause()
        compare("one article's marks")
        tree.set_marks_of({f"a{k}": Mark(read=True, starred=k % 3 == 0) for k in range(60)})
        await pilot.pause()
        compare("many marks")
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        compare("theme")
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        compare("narrower")
        app.query_one(Input).focus()
        await pilot.pause()
        compare("focus gone")
        tree.set_grouping("story")
        await pilot.pause()
        compare("by story")
        tree.scroll_to(x=3, animate=False, immediate=True)
        await pilot.pause()
        compare("scrolled across")
        assert not mismatched
