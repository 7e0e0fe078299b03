"""An older version renamed (its file's id changed, so the newer one's `previous:` names no article)
that the index finds by its page's URL and the day its name starts with: the lists link it to its
newest, and so does the grouping, whatever path the index takes to a story (a first build, an
update bringing the newer version or renaming the older, every story grouped again), so it is in
its newest's story, dated years before it. What `stories`, `compare` and the app show of it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from test_article_versions import BASE, CNN, OTHER, _nodes, _write, app_over, header

RENAMED = "fox-news/2019-03-04-harbour-first"
NEW = "fox-news/2026-12-01-harbour-budget-v2"
OLD = "fox-news/2019-03-04-harbour-budget"  # the name NEW's `previous:` gives, renamed since
FOX = {"title": "Council approves harbour budget", "outlet": "Fox News", "url": "https://fox.example/a"}


def write_older(root: Path, name: str = RENAMED, text: str = BASE) -> None:
    _write(root / f"{name}.md", {**FOX, "date": "2019-03-04", "fetched": "2019-03-04T10:00:00Z"}, text)


def write_newer(root: Path) -> None:
    front = {**FOX, "date": "2026-12-01", "fetched": "2026-12-01T10:05:00Z", "version": 2, "previous": OLD}
    _write(root / f"{NEW}.md", front, BASE + " Correction: the vote was eight to three.")


def write_corpus(root: Path) -> Path:
    write_older(root)
    write_newer(root)
    cnn = {"title": "Harbour budget passes council", "outlet": "CNN", "date": "2026-12-01"}
    _write(root / f"{CNN}.md", {**cnn, "url": "https://cnn.example/b"}, OTHER)
    return root


def story_sets(library) -> list[set[str]]:
    """The stories' members, the largest first, then by their first id."""
    return [set(members) for members in sorted(sorted(story.articles) for story in library.stories())]


@pytest.fixture
def open_library(tmp_path):
    from reader.library import Library

    opened: list = []

    def opening(corpus: Path):
        library = Library([corpus], tmp_path / "ix", auto_update=False)
        opened.append(library)
        return library

    yield opening
    for library in opened:
        library.close()


def _update(library) -> None:
    report = library.update()
    assert report is not None and not report.cancelled


def test_a_first_build_groups_the_renamed_older_version_with_its_newest(tmp_path, open_library):
    library = open_library(write_corpus(tmp_path / "fetched"))
    _update(library)
    assert library.replacements().listed(RENAMED)["replaced_by"] == NEW  # linked for the lists
    assert story_sets(library) == [{RENAMED, NEW, CNN}]


def test_an_update_bringing_the_newer_version_groups_it_with_the_renamed_one(tmp_path, open_library):
    root = write_corpus(tmp_path / "fetched")
    (root / f"{NEW}.md").unlink()
    library = open_library(root)
    _update(library)
    assert story_sets(library) == [{CNN}, {RENAMED}]  # seven years apart: two stories
    write_newer(root)
    _update(library)
    assert story_sets(library) == [{RENAMED, NEW, CNN}]


@pytest.mark.parametrize("edited", [False, True], ids=["renamed", "renamed-and-edited"])
def test_an_update_seeing_the_older_version_renamed_keeps_it_in_its_newests_story(tmp_path, open_library, edited):
    root = write_corpus(tmp_path / "fetched")
    os.rename(root / f"{RENAMED}.md", root / f"{OLD}.md")  # first as NEW's `previous:` names it
    library = open_library(root)
    _update(library)
    assert story_sets(library) == [{OLD, NEW, CNN}]
    (root / f"{OLD}.md").unlink()
    write_older(root, RENAMED, BASE + " Updated." if edited else BASE)
    _update(library)
    assert library.replacements().listed(RENAMED)["replaced_by"] == NEW
    assert story_sets(library) == [{RENAMED, NEW, CNN}]
    # An edit of the newest later (its story dissolved and grouped again) keeps them together.
    write_newer(root)
    (root / f"{NEW}.md").write_text((root / f"{NEW}.md").read_text() + "\nA later note.\n")
    _update(library)
    assert story_sets(library) == [{RENAMED, NEW, CNN}]


def test_an_update_grouping_every_story_again_groups_the_renamed_one_with_its_newest(tmp_path, open_library):
    from reader.index.state import STORIES_NAME

    root = write_corpus(tmp_path / "fetched")
    (root / f"{NEW}.md").unlink()
    library = open_library(root)
    _update(library)
    for stored in (tmp_path / "ix").rglob(STORIES_NAME):  # the statistics gone: everything regrouped
        stored.unlink()
    write_newer(root)
    _update(library)
    assert story_sets(library) == [{RENAMED, NEW, CNN}]


def test_stories_holds_the_renamed_older_version_in_its_newests_story(tmp_path, reader_in_process):
    index = ["--corpus", str(write_corpus(tmp_path / "fetched"))]
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert (listed[RENAMED]["replaced_by"], listed[NEW]["previous"]) == (NEW, RENAMED)  # linked by the index
    (story,) = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    assert sorted(story["articles"]) == sorted([RENAMED, NEW, CNN]) and story["replaced"] == [RENAMED]
    assert story["outlets"] == ["CNN", "Fox News"]
    compared = json.loads(reader_in_process(*index, "compare", RENAMED, "--json").stdout)
    assert compared["right"]["id"] == NEW  # its newest version: the edit


def test_an_update_bringing_the_renamed_older_version_back_joins_its_newests_story(tmp_path, open_library):
    root = write_corpus(tmp_path / "fetched")
    (root / f"{RENAMED}.md").unlink()
    library = open_library(root)
    _update(library)
    assert story_sets(library) == [{CNN, NEW}]
    write_older(root)  # the newest, unchanged, is joined by the link from it (not by its record)
    _update(library)
    assert story_sets(library) == [{RENAMED, NEW, CNN}]


async def test_the_app_lists_the_renamed_older_version_in_its_newests_story_opens_and_compares_it(tmp_path):
    from conftest import press_and_settle, settle, wait_for
    from reader.tui.screens.compare import CompareScreen

    async with app_over(write_corpus(tmp_path / "fetched"), tmp_path, 3) as (app, pilot):
        tree = app.screen.source_list
        tree.set_grouping("story")
        await settle(pilot)
        tree.root.expand_all()
        await settle(pilot)
        # One story, the older version counted as one.
        assert [str(group.label) for group in tree.root.children] == ["Harbour budget passes council (2 +1 older •3)"]
        rows = {node.data.key: node for node in _nodes(tree.root) if node.data and node.data.kind == "article"}
        assert rows[RENAMED].parent is tree.root.children[0]
        label = tree.process_label(rows[RENAMED].label).plain
        assert label.endswith("2019-03-04  Fox News · Council approves harbour budget  (version 1 of 2, replaced)")
        tree.focus()
        tree.move_cursor(rows[RENAMED])
        await press_and_settle(pilot, "enter")  # opened: its header says which version it is
        await wait_for(pilot, lambda: " · version 1 of 2, replaced (c shows what the edit changed) · " in header(app))
        # `c` sets it beside its newest version (the edit), as `reader compare` of it does.
        await press_and_settle(pilot, "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.right_id is not None)
        assert (app.screen.left_id, app.screen.right_id) == (RENAMED, NEW)
        app.pop_screen()
        await settle(pilot)
        app.push_screen(CompareScreen(app.library, RENAMED, NEW))
        await settle(pilot)
        summary = app.screen.query_one("#compare-summary")
        said = "Versions of one article: version 1 (left) and version 2 (right) of 2"
        await wait_for(pilot, lambda: said in str(summary.render()))


def _grouped_before_the_links(tmp_path: Path, open_library, monkeypatch):
    """(corpus, library) of the corpus indexed as a reader before the links of versions did
    (its grouping given none of the chains' links; its save wrote the chains)."""
    from dataclasses import fields

    from reader.index import story_groups
    from reader.index.article_versions import Replacements

    class LinkingNothing(Replacements):
        def links(self) -> dict[str, str]:
            return {}

    version_chains = story_groups.version_chains

    def unlinked(articles) -> Replacements:
        found = version_chains(articles)
        return LinkingNothing(**{f.name: getattr(found, f.name) for f in fields(found)})

    root = write_corpus(tmp_path / "fetched")
    library = open_library(root)
    with monkeypatch.context() as older_reader:
        older_reader.setattr(story_groups, "STORY_GROUPING", 1)
        older_reader.setattr(story_groups, "version_chains", unlinked)
        _update(library)
    return root, library


def test_an_index_grouped_without_the_links_groups_again_at_its_next_update(tmp_path, open_library, monkeypatch):
    root, library = _grouped_before_the_links(tmp_path, open_library, monkeypatch)
    assert story_sets(library) == [{CNN, NEW}, {RENAMED}]
    weather = {"title": "Snow closes schools", "outlet": "CNN", "date": "2026-12-02", "url": "https://cnn.example/s"}
    _write(root / "cnn/snow.md", weather, "Heavy snow closed every school in the county on Wednesday. " * 5)
    _update(library)  # a change elsewhere: every story is grouped again
    assert story_sets(library) == [{CNN, NEW, RENAMED}, {"cnn/snow"}]


def test_an_index_grouped_without_the_links_but_needing_none_is_not_grouped_again(tmp_path, open_library, monkeypatch):
    """No version linked by its URL alone (every older version under the name its newer one gives):
    the grouping before the links made the stories it makes now, so the next update starts from
    them (a whole corpus grouped again, minutes at 50,000 articles, would change nothing)."""
    from reader.index import story_groups

    root = write_corpus(tmp_path / "fetched")
    (root / f"{RENAMED}.md").rename(root / f"{OLD}.md")  # the name NEW's `previous:` gives
    library = open_library(root)
    with monkeypatch.context() as older_reader:
        older_reader.setattr(story_groups, "STORY_GROUPING", 1)
        _update(library)
    assert story_sets(library) == [{CNN, NEW, OLD}]
    grouped_whole: list = []
    cluster_records = story_groups.cluster_records
    monkeypatch.setattr(
        story_groups, "cluster_records", lambda *args: grouped_whole.append(1) or cluster_records(*args)
    )
    weather = {"title": "Snow closes schools", "outlet": "CNN", "date": "2026-12-02", "url": "https://cnn.example/s"}
    _write(root / "cnn/snow.md", weather, "Heavy snow closed every school in the county on Wednesday. " * 5)
    _update(library)
    assert story_sets(library) == [{CNN, NEW, OLD}, {"cnn/snow"}]
    assert grouped_whole == []  # grouped incrementally, from the stored statistics


def test_the_regroup_stopped_after_its_last_count_ends_in_the_clustering(tmp_path, open_library, monkeypatch):
    """After the grouping's last count comes the clustering (8-12 s at 10,000 articles), where no
    count asks for a cancel: it asks itself now, so a stop there (ctrl+c, the app's quit, a newer
    update) ends the regroup with nothing written, not once every story is made."""
    from reader.analysis.stories import clustering
    from reader.index import story_groups

    root, library = _grouped_before_the_links(tmp_path, open_library, monkeypatch)
    weather = {"title": "Snow closes schools", "outlet": "CNN", "date": "2026-12-02", "url": "https://cnn.example/s"}
    _write(root / "cnn/snow.md", weather, "Heavy snow closed every school in the county on Wednesday. " * 5)
    monkeypatch.setattr(clustering, "_STEPS_PER_CHECK", 1)  # (a few articles: a step or two)
    ended: list[int] = []
    cluster_records = story_groups.cluster_records
    monkeypatch.setattr(story_groups, "cluster_records", lambda *args: (cluster_records(*args), ended.append(1))[0])
    stopping = [False]

    def progress(done: int, total: int, message: str) -> None:
        if message == "grouping the stories" and done == total:
            stopping[0] = True  # ctrl+c once every record is counted: in the clustering

    report = library.update(progress=progress, cancel=lambda: stopping[0])
    assert report is not None and report.cancelled
    assert stopping[0] and ended == []  # stopped in the clustering, not once it was done
    assert story_sets(library) == [{CNN, NEW}, {RENAMED}]  # the stories before, nothing half written
    report = library.update()
    assert report is not None and not report.cancelled and report.indexed == 1
    assert story_sets(library) == [{CNN, NEW, RENAMED}, {"cnn/snow"}]


def test_the_regroup_of_an_index_grouped_without_the_links_says_its_progress_and_can_be_stopped(
    tmp_path, open_library, monkeypatch
):
    """The one-off regroup of an old index (a version linked by its URL alone) is the update's
    "grouping the stories" step, counted as any grouping is; stopped there (ctrl+c, the app's
    quit), the update is cancelled with nothing lost: the next one takes the change and groups
    the renamed version with its newest."""
    from reader.index import story_groups

    root, library = _grouped_before_the_links(tmp_path, open_library, monkeypatch)
    weather = {"title": "Snow closes schools", "outlet": "CNN", "date": "2026-12-02", "url": "https://cnn.example/s"}
    _write(root / "cnn/snow.md", weather, "Heavy snow closed every school in the county on Wednesday. " * 5)
    ended: list[int] = []
    cluster_records = story_groups.cluster_records
    monkeypatch.setattr(story_groups, "cluster_records", lambda *args: (cluster_records(*args), ended.append(1))[0])
    said: list[tuple[int, int, str]] = []
    stopping = [False]

    def progress(done: int, total: int, message: str) -> None:
        said.append((done, total, message))
        if message == "grouping the stories" and done:
            stopping[0] = True  # ctrl+c as the regroup goes

    report = library.update(progress=progress, cancel=lambda: stopping[0])
    assert report is not None and report.cancelled
    grouping = [(done, total) for done, total, message in said if message == "grouping the stories"]
    assert grouping and grouping[-1][0] < grouping[-1][1] and ended == []  # stopped as it went
    assert story_sets(library) == [{CNN, NEW}, {RENAMED}]  # the stories before, nothing half written
    said.clear()
    report = library.update(progress=progress)
    assert report is not None and not report.cancelled and report.indexed == 1  # the change, taken now
    grouping = [(done, total) for done, total, message in said if message.startswith("grouping the stories")]
    assert grouping and grouping[-1][0] == grouping[-1][1]  # counted to its end
    assert story_sets(library) == [{CNN, NEW, RENAMED}, {"cnn/snow"}]
