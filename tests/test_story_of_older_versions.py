"""A story of older versions alone: since a chain of versions is one article of the grouping, this
is left only where the index links a version to one its `previous:` does not name (the older
version's file renamed, found by its page's URL and the day its name starts with), dated years
before its newest. What the app's story view lists of it, its counts, opening and comparing it."""

from __future__ import annotations

import json
from pathlib import Path

from test_article_versions import BASE, CNN, OTHER, _nodes, _write, app_over, header

RENAMED = "fox-news/2019-03-04-harbour-first"
NEW = "fox-news/2026-12-01-harbour-budget-v2"
OLD = "fox-news/2019-03-04-harbour-budget"  # the name NEW's `previous:` gives, renamed since


def write_corpus(root: Path) -> Path:
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "url": "https://fox.example/a"}
    _write(root / f"{RENAMED}.md", {**fox, "date": "2019-03-04", "fetched": "2019-03-04T10:00:00Z"}, BASE)
    front = {**fox, "date": "2026-12-01", "fetched": "2026-12-01T10:05:00Z", "version": 2, "previous": OLD}
    _write(root / f"{NEW}.md", front, BASE + " Correction: the vote was eight to three.")
    cnn = {"title": "Harbour budget passes council", "outlet": "CNN", "date": "2026-12-01"}
    _write(root / f"{CNN}.md", {**cnn, "url": "https://cnn.example/b"}, OTHER)
    return root


def test_stories_lists_the_older_version_alone_as_a_story_of_its_own(tmp_path, reader_in_process):
    index = ["--corpus", str(write_corpus(tmp_path / "fetched"))]
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert (listed[RENAMED]["replaced_by"], listed[NEW]["previous"]) == (NEW, RENAMED)  # linked by the index
    stories = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    (alone,) = [s for s in stories if RENAMED in s["articles"]]
    assert (alone["articles"], alone["replaced"], alone["outlets"], alone["date"]) == ([RENAMED], [RENAMED], [], None)
    (newest,) = [s for s in stories if NEW in s["articles"]]
    assert sorted(newest["articles"]) == sorted([NEW, CNN]) and newest["replaced"] == []
    text = reader_in_process(*index, "stories").stdout
    assert "(1 older version, 1 outlet · " in text and "0 articles" not in text
    compared = json.loads(reader_in_process(*index, "compare", RENAMED, "--json").stdout)
    assert compared["right"]["id"] == CNN  # another outlet's article of its newest's story


async def test_the_apps_story_of_an_older_version_alone_lists_counts_opens_and_compares_it(tmp_path):
    from conftest import press_and_settle, settle, wait_for
    from reader.tui.screens.compare import CompareScreen

    async with app_over(write_corpus(tmp_path / "fetched"), tmp_path, 3) as (app, pilot):
        tree = app.screen.source_list
        tree.set_grouping("story")
        await settle(pilot)
        tree.root.expand_all()
        await settle(pilot)
        # Listed among the stories of one article, counted as an older version, not an article.
        assert [str(group.label) for group in tree.root.children] == [
            "Harbour budget passes council (2 •2)",
            "Reported by one article only (1 older version •1)",
        ]
        rows = {node.data.key: node for node in _nodes(tree.root) if node.data and node.data.kind == "article"}
        assert rows[RENAMED].parent is tree.root.children[1]
        label = tree.process_label(rows[RENAMED].label).plain
        assert label.endswith("2019-03-04  Fox News · Council approves harbour budget  (version 1 of 2, replaced)")
        tree.focus()
        tree.move_cursor(rows[RENAMED])
        await press_and_settle(pilot, "enter")  # opened: its header says which version it is
        await wait_for(pilot, lambda: " · version 1 of 2, replaced · " in header(app))
        # Its story has no other outlet: `c` sets it beside another outlet's article of its
        # newest's story, as `reader compare` of it does.
        await press_and_settle(pilot, "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.right_id is not None)
        assert (app.screen.left_id, app.screen.right_id) == (RENAMED, CNN)
        app.pop_screen()
        await settle(pilot)
        app.push_screen(CompareScreen(app.library, RENAMED, NEW))
        await settle(pilot)
        summary = app.screen.query_one("#compare-summary")
        said = "Versions of one article: version 1 (left) and version 2 (right) of 2"
        await wait_for(pilot, lambda: said in str(summary.render()))
