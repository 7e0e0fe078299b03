"""An article `reader fetch` kept again when its outlet edited it (front matter `version: 2`,
`previous: <id of v1>`): the newest version stands for its outlet in a story (coverage, `compare
STORY`, the partner `c` and `compare A` pick), the older stays listed, marked, and openable."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.index.article_versions import Replacements
from reader.index.state import ArticleInfo

BASE = (
    "The city council approved the harbour budget on Tuesday after a long debate. "
    'Mayor Jane Holt said the vote was "a turning point for the waterfront". '
    "The plan funds a new railway station and repairs to the river bridge. "
    "Opponents argued the cost would raise local taxes next year.\n\n"
    'Council member Tom Reyes said "we cannot afford this plan" before the vote. '
    "The budget passed by seven votes to four."
)
OTHER = (
    "The city council passed the harbour budget on Tuesday. Mayor Jane Holt called it "
    '"a turning point for the waterfront". The money pays for a railway station and the river '
    "bridge repairs. Critics said taxes would rise.\n\n"
    'Tom Reyes said "we cannot afford this plan". The vote was seven to four.'
)
OLD = "fox-news/2025-10-21-harbour-budget-abc"
NEW = OLD + "-v2"
CNN = "cnn/2025-10-21-harbour-vote-def"


def _write(path: Path, front: dict, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    path.write_text(f"---\n{lines}---\n\n{text}\n", encoding="utf-8")


def write_versions(fetched: Path) -> Path:
    """The files `reader fetch` writes for a Fox News page fetched, then edited upstream and
    fetched again (ArticleStore.save), beside another outlet's article of the story."""
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-10-21"}
    _write(fetched / f"{OLD}.md", {**fox, "url": "https://fox.example/a"}, BASE)
    corrected = BASE + " Correction: the vote was eight to three."
    _write(fetched / f"{NEW}.md", {**fox, "url": "https://fox.example/a", "version": 2, "previous": OLD}, corrected)
    cnn = {"title": "Harbour budget passes council", "outlet": "CNN", "date": "2025-10-21"}
    _write(fetched / f"{CNN}.md", {**cnn, "url": "https://cnn.example/b"}, OTHER)
    return fetched


def info(article_id: str, previous: str | None = None) -> ArticleInfo:
    return ArticleInfo(article_id, "X", "t", None, None, None, "", previous=previous)


# -- the core -------------------------------------------------------------------------------
def test_a_chain_of_versions_names_each_ones_place_and_its_newest():
    found = Replacements.of([info("a"), info("a-v2", "a"), info("a-v3", "a-v2"), info("b")])

    assert [found.place(i).words() for i in ("a", "a-v2", "a-v3")] == [
        "version 1 of 3, replaced",
        "version 2 of 3, replaced",
        "version 3 of 3",
    ]
    assert found.newest("a") == found.newest("a-v2") == "a-v3" and found.newest("b") == "b"
    assert [a.id for a in found.current([info("a"), info("a-v2"), info("a-v3"), info("b")])] == ["a-v3", "b"]
    assert found.listed("a-v2") == {"version": 2, "previous": "a", "replaced_by": "a-v3"}
    assert found.listed("b") == {"version": 1, "previous": None, "replaced_by": None}


def test_a_previous_naming_no_article_or_a_loop_replaces_nothing():
    found = Replacements.of([info("gone-v2", "gone"), info("x", "y"), info("y", "x")])

    assert not found and not found.is_replaced("x") and found.newest("gone-v2") == "gone-v2"


def test_a_previous_naming_another_outlets_article_replaces_nothing():
    claimed = ArticleInfo("cnn/a", "CNN", "t", None, None, None, "")
    claim = ArticleInfo("mine/b", "Fox News", "t", None, None, None, "", previous="cnn/a")

    found = Replacements.of([claimed, claim])

    assert not found and found.current([claimed, claim]) == [claimed, claim]
    respelled = ArticleInfo("cnn/a-v2", "cnn", "t", None, None, None, "", previous="cnn/a")
    assert Replacements.of([claimed, respelled]).is_replaced("cnn/a")  # one outlet, as --outlet reads it


def test_only_a_story_holding_a_replaced_version_is_copied():
    from reader.analysis.stories.model import Story

    found = Replacements.of([info("a"), info("a-v2", "a"), info("b"), info("c")])
    told, untouched = Story("s1", "l", ["a", "b", "a-v2"]), Story("s2", "l", ["c"])

    current = found.current_stories([told, untouched])

    assert current[0].articles == ["b", "a-v2"] and told.articles == ["a", "b", "a-v2"]
    assert current[1] is untouched  # (copying every story was a third of coverage's time)


def test_a_chain_of_ten_thousand_versions_is_one_chain():
    found = Replacements.of([info("a0")] + [info(f"a{i}", f"a{i - 1}") for i in range(1, 10_000)])

    assert found.place("a0").words() == "version 1 of 10000, replaced" and found.newest("a0") == "a9999"


def test_the_loader_reads_previous_as_an_id_under_the_folder_holding_the_fetched_one(tmp_path):
    write_versions(tmp_path / "data" / "fetched")

    by_id = {a.id: a for a in load_corpus([tmp_path / "data"]).articles}  # the data dir as the corpus

    assert by_id[f"fetched/{NEW}"].previous == f"fetched/{OLD}"
    assert by_id[f"fetched/{OLD}"].previous is None


# -- the library and the commands -----------------------------------------------------------
@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_versions(tmp_path / "fetched")


@pytest.fixture
def library(corpus, tmp_path):
    from reader.library import Library

    opened = Library([corpus], tmp_path / "ix")
    yield opened
    opened.close()


def test_the_story_holds_both_versions_and_the_newest_stands_for_its_outlet(library):
    (story,) = library.stories()
    assert set(story.articles) == {OLD, NEW, CNN}  # (every article is in a story)

    (row,) = library.coverage().stories
    assert list(row.articles["Fox News"]) == [NEW]
    assert library.partner(library.article(CNN)) == NEW
    # The older version stands in its story for its outlet as its newest does (a story's pair)...
    assert library.partner(library.article(OLD)) == CNN
    # ...and asked for by name (the app's `c`, `compare A`), it is set beside its edit
    assert library.partner(library.article(OLD), edit_first=True) == NEW
    assert library.partner(library.article(CNN), edit_first=True) == NEW
    assert library.story_spans()[story.id].outlets == ("CNN", "Fox News")
    picked = {v.id: v.title for v in library.versions(CNN)}  # the compare screen's o / O picker
    assert picked[OLD] == "Council approves harbour budget  (version 1 of 2, replaced)"


def test_the_chains_are_read_from_the_index_not_worked_out_by_readers(library, corpus, monkeypatch):
    library.update()
    worked_out = []
    chains_of = Replacements.chains_of.__func__  # (of() works them out with it too)
    monkeypatch.setattr(
        Replacements, "chains_of", classmethod(lambda cls, rows: worked_out.append(1) or chains_of(cls, rows))
    )
    library.replacements()
    library.coverage()  # (each reads articles() again: a new list of the same rows)
    library.story_spans()
    assert library.partner(library.article(CNN)) == NEW
    assert library.listed_versions(library.article(OLD)) == {"version": 1, "previous": None, "replaced_by": NEW}
    assert worked_out == []

    library.articles().pop()  # a caller's list is its own
    assert library.replacements().is_replaced(OLD) and worked_out == []

    (corpus / f"{NEW}.md").unlink()
    library.update()  # the update works them out again, once: for its grouping, and its save writes them
    assert not library.replacements().is_replaced(OLD)
    assert library.listed_versions(library.article(OLD)) == {"version": 1, "previous": None, "replaced_by": None}
    assert len(worked_out) == 1


def test_front_matter_claiming_another_outlets_article_leaves_it_in_coverage(corpus, tmp_path):
    from reader.library import Library

    claim = {"title": "Harbour budget, my notes", "outlet": "Fox News", "date": "2025-10-21", "previous": CNN}
    _write(corpus / "mine" / "notes.md", claim, BASE)
    library = Library([corpus], tmp_path / "ix2")
    try:
        (row,) = library.coverage().stories
        assert list(row.articles["CNN"]) == [CNN]
        assert not library.replacements().is_replaced(CNN)
    finally:
        library.close()


def test_an_older_version_with_no_other_outlet_is_compared_with_its_newest(tmp_path):
    from reader.library import Library

    corpus = write_versions(tmp_path / "fetched")
    (corpus / f"{CNN}.md").unlink()
    library = Library([corpus], tmp_path / "ix")
    try:
        assert library.partner(library.article(OLD)) == NEW
    finally:
        library.close()


def test_compare_a_story_shows_the_outlets_newest_version(corpus, reader_in_process):
    index = ["--corpus", str(corpus)]
    (story,) = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    assert story["replaced"] == [OLD]

    compared = json.loads(reader_in_process(*index, "compare", story["id"], "--json").stdout)

    assert {compared["left"]["id"], compared["right"]["id"]} == {CNN, NEW}
    explicit = json.loads(reader_in_process(*index, "compare", OLD, NEW, "--json").stdout)
    assert (explicit["left"]["id"], explicit["right"]["id"]) == (OLD, NEW)  # what is asked
    alone = json.loads(reader_in_process(*index, "compare", OLD, "--json").stdout)
    assert alone["right"]["id"] == NEW  # an older version named alone: beside its edit, as `show` suggests


def test_list_and_stories_mark_the_replaced_version(corpus, reader_in_process):
    index = ["--corpus", str(corpus)]
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}

    assert {k: listed[OLD][k] for k in ("version", "previous", "replaced_by")} == {
        "version": 1,
        "previous": None,
        "replaced_by": NEW,
    }
    assert {k: listed[NEW][k] for k in ("version", "previous", "replaced_by")} == {
        "version": 2,
        "previous": OLD,
        "replaced_by": None,
    }
    lines = reader_in_process(*index, "list").stdout.splitlines()
    (old_line,) = [line for line in lines if line.endswith(OLD)]
    assert "(version 1 of 2, replaced)" in old_line
    told = reader_in_process(*index, "stories").stdout
    assert "2 articles, 1 older version, 2 outlets" in told
    coverage = json.loads(reader_in_process(*index, "coverage", "--json").stdout)
    assert coverage[0]["articles"]["Fox News"] == [NEW]


def test_search_marks_the_replaced_version_as_list_does(corpus, reader_in_process, tmp_path):
    from reader.library import Library
    from reader.tui.widgets.search_panel import render_hit

    index = ["--corpus", str(corpus)]
    found = {h["id"]: h for h in json.loads(reader_in_process(*index, "search", "harbour", "--json").stdout)}

    assert (found[OLD]["version"], found[OLD]["replaced_by"]) == (1, NEW)
    assert (found[NEW]["version"], found[NEW]["previous"]) == (2, OLD)
    assert (found[CNN]["version"], found[CNN]["replaced_by"]) == (1, None)
    lines = reader_in_process(*index, "search", "harbour").stdout.splitlines()
    assert "Council approves harbour budget  (version 1 of 2, replaced)" in "\n".join(lines)
    library = Library([corpus], tmp_path / "ix")  # the app's search panel reads the same hits
    try:
        hits = {h.id: h for h in library.search("harbour").hits}
    finally:
        library.close()
    title_line = {i: render_hit(hits[i], "bold", "dim").plain.splitlines()[1] for i in (OLD, CNN)}
    assert title_line == {
        OLD: "Council approves harbour budget  (version 1 of 2, replaced)",
        CNN: "Harbour budget passes council",
    }


# -- the app --------------------------------------------------------------------------------
@asynccontextmanager
async def app_over(corpus: Path, tmp_path: Path, articles: int):
    """(app, pilot) of the app over `corpus`, indexed first as the app finds it after `reader
    fetch`, once its `articles` are listed; the library closed after."""
    from conftest import drive, settle, wait_for
    from reader.library import Library
    from reader.tui.app import ReaderApp

    Library([corpus], tmp_path / "ix").close()
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == articles)
            yield app, pilot
    finally:
        library.close()


async def test_the_app_marks_the_replaced_version_and_c_compares_with_the_newest(corpus, tmp_path):
    from conftest import drive, press_and_settle, settle, wait_for
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.screens.compare import CompareScreen

    Library([corpus], tmp_path / "ix").close()  # indexed, as the app finds it after `reader fetch`
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 3)
            tree = app.screen.source_list
            tree.root.expand_all()
            await settle(pilot)
            rows = {node.data.key: node for node in _nodes(tree.root) if node.data and node.data.kind == "article"}
            label = tree.process_label(rows[OLD].label).plain  # (whole: the row shows what fits)
            assert label.endswith("Council approves harbour budget  (version 1 of 2, replaced)")
            assert tree.process_label(rows[NEW].label).plain.endswith("(version 2 of 2)")
            app.screen.open_article(CNN)
            await settle(pilot)
            await press_and_settle(pilot, "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.right_id is not None)
            assert (app.screen.left_id, app.screen.right_id) == (CNN, NEW)
            app.pop_screen()
            await settle(pilot)
            app.screen.open_article(OLD)  # still readable, and compared with its newest: the edit
            await settle(pilot)
            await wait_for(
                pilot, lambda: " · version 1 of 2, replaced (c shows what the edit changed) · " in header(app)
            )
            await press_and_settle(pilot, "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.right_id is not None)
            assert (app.screen.left_id, app.screen.right_id) == (OLD, NEW)
    finally:
        library.close()


async def test_the_apps_story_group_counts_its_articles_as_reader_stories_does(corpus, tmp_path):
    """The story's group said "(3 •3)" where `reader stories` says "2 articles, 1 older version"."""
    from conftest import settle

    async with app_over(corpus, tmp_path, 3) as (app, pilot):
        tree = app.screen.source_list

        def groups() -> list[str]:
            return [str(group.label) for group in tree.root.children]

        tree.set_grouping("story")
        await settle(pilot)
        assert groups() == ["Council approves harbour budget (2 +1 older •3)"]
        tree.set_grouping("outlet")
        await settle(pilot)
        assert groups() == ["CNN (1 •1)", "Fox News (1 +1 older •2)"]
        tree.set_filter("replaced")  # the older version's mark: it alone is shown
        await settle(pilot)
        assert groups() == ["Fox News (0/1 +1 older •1)"]


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)


async def test_a_long_title_is_cut_before_its_version_mark_at_80_columns(corpus, tmp_path):
    """At 80x24 a headline's length cut both rows to the same "Council approves harbour budget
    after a long night of debate…": the mark telling v1 from v2 was cut off."""
    from conftest import drive, press_and_settle, screen_text, settle, wait_for
    from reader.library import Library
    from reader.tui.app import ReaderApp

    long = "Council approves harbour budget after a long night of debate over taxes and the bridge"
    for name in (OLD, NEW):
        path = corpus / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Council approves harbour budget", long), "utf-8")
    Library([corpus], tmp_path / "ix").close()
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (80, 24)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 3)
            for grouping in ("outlet", "story"):
                app.screen.source_list.root.expand_all()
                await settle(pilot)
                rows = [line for line in screen_text(app).splitlines() if "2025-10-21" in line and "Council" in line]
                assert [row.rstrip().endswith(("(version 1 of 2, replaced)", "(version 2 of 2)")) for row in rows] == [
                    True,
                    True,
                ], (grouping, rows)
                await press_and_settle(pilot, "g")
    finally:
        library.close()


def test_a_title_over_200_characters_keeps_its_version_mark():
    from reader.tui.widgets.source_list import _row_title

    assert _row_title("word " * 60 + "  (version 1 of 2, replaced)").endswith("…  (version 1 of 2, replaced)")


def test_the_apps_story_groups_are_sized_by_their_current_articles():
    """A story of two pages each fetched three times (6 rows, 2 current) came before one told by
    three outlets: `reader stories` counts 2 articles and 4 older versions."""
    from reader.analysis.stories.model import Story
    from reader.tui.widgets.source_list import prepare_catalog

    def row(article_id: str, outlet: str, previous: str | None = None) -> ArticleInfo:
        return ArticleInfo(article_id, outlet, f"title {article_id}", "2025-10-21", None, None, "", previous=previous)

    edited = [row("f1", "Fox"), row("f2", "Fox", "f1"), row("f3", "Fox", "f2")]
    edited += [row("c1", "CNN"), row("c2", "CNN", "c1"), row("c3", "CNN", "c2")]
    told = [row("a", "AP"), row("b", "BBC"), row("r", "Reuters")]
    stories = [Story("s-edited", "Aaa edited", [a.id for a in edited]), Story("s-told", "Zzz told", ["a", "b", "r"])]

    catalog = prepare_catalog(edited + told, stories)

    assert [key for key, *_ in catalog.story_groups] == ["s-told", "s-edited"]


def _page(article_id: str, previous: str | None = None, url: str | None = "https://fox.example/a") -> ArticleInfo:
    return ArticleInfo(article_id, "Fox News", "t", None, url, None, "", previous=previous)


def test_an_older_version_renamed_is_found_by_its_page_url():
    """The user tidied the folder: version 2's `previous:` names the old file name."""
    found = Replacements.of([_page("tidy/harbour"), _page("a-v2", "a"), _page("a-v3", "a-v2")])

    assert [found.place(i).words() for i in ("tidy/harbour", "a-v2", "a-v3")] == [
        "version 1 of 3, replaced",
        "version 2 of 3, replaced",
        "version 3 of 3",
    ]
    assert found.listed("a-v2")["previous"] == "tidy/harbour" and not found.missing
    middle = Replacements.of([_page("a"), _page("tidy/v2", "a"), _page("a-v3", "a-v2")])  # the middle one renamed
    assert (
        found.newest("tidy/harbour") == "a-v3" and middle.newest("a") == "a-v3" and middle.place("tidy/v2").number == 2
    )


def test_an_older_version_that_cannot_be_told_is_said_missing():
    no_url = Replacements.of([_page("tidy/a", url=None), _page("a-v2", "a", url=None)])
    other_outlet = Replacements.of(
        [ArticleInfo("b", "CNN", "t", None, "https://fox.example/a", None, ""), _page("a-v2", "a")]
    )
    both_renamed = Replacements.of([_page("x"), _page("y", "a-v2"), _page("a-v3", "a")])  # v1 and v2: which is which?

    for found in (no_url, other_outlet):
        assert not found and found.missing == {"a-v2": "a"} and found.mark("a-v2") == "  (earlier version not found)"
    assert not both_renamed.is_replaced("x") and set(both_renamed.missing) == {"y", "a-v3"}


def test_list_follows_a_renamed_older_version(corpus, reader_in_process):
    (corpus / f"{OLD}.md").rename(corpus / "fox-news" / "harbour-first.md")
    index = ["--corpus", str(corpus)]

    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}

    renamed = "fox-news/harbour-first"
    assert (listed[renamed]["replaced_by"], listed[NEW]["previous"], listed[NEW]["previous_missing"]) == (
        NEW,
        renamed,
        None,
    )
    (corpus / "fox-news" / "harbour-first.md").unlink()
    reader_in_process(*index, "index")
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert (listed[NEW]["version"], listed[NEW]["previous_missing"]) == (1, OLD)
    (line,) = [line for line in reader_in_process(*index, "list").stdout.splitlines() if line.endswith(NEW)]
    assert "(earlier version not found)" in line


def test_a_previous_with_an_escape_is_read_without_it_and_links_its_page_by_url(corpus, reader_in_process):
    """A `previous:` with a terminal escape in it (a hostile file, a paste from coloured output)
    was dropped whole: the version named nothing, so its renamed older version, the one page of
    its outlet and URL, was not found by the URL. The escape is removed at load as elsewhere."""
    renamed = "fox-news/harbour-first"
    (corpus / f"{OLD}.md").rename(corpus / f"{renamed}.md")
    text = (corpus / f"{NEW}.md").read_text(encoding="utf-8")
    (corpus / f"{NEW}.md").write_text(text.replace(f"previous: {OLD}", f'previous: "{OLD}\\e[31m"'), encoding="utf-8")
    loaded = {a.id: a for a in load_corpus([corpus]).articles}
    assert loaded[NEW].previous == OLD  # (the escape gone, the id the file named)

    listed = {a["id"]: a for a in json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)}
    assert (listed[renamed]["replaced_by"], listed[NEW]["previous"], listed[NEW]["version"]) == (NEW, renamed, 2)


def test_show_says_when_the_earlier_version_is_not_found_as_list_marks_it(corpus, reader_in_process):
    """`list` marked the article "(earlier version not found)"; `show` said nothing of it, and
    `show --json` had no `previous_missing`."""
    (corpus / f"{OLD}.md").unlink()
    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")

    header = reader_in_process(*index, "show", NEW).stdout.splitlines()[1]
    assert header.endswith(f" · earlier version not found: {OLD}")
    (shown,) = json.loads(reader_in_process(*index, "show", NEW, "--json").stdout)
    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}
    assert shown["previous_missing"] == listed[NEW]["previous_missing"] == OLD
    assert list(shown)[-3:] == ["replaced_by", "previous_missing", "text"]
    (other,) = json.loads(reader_in_process(*index, "show", CNN, "--json").stdout)
    assert other["previous_missing"] is None
    assert "version" not in reader_in_process(*index, "show", CNN).stdout.splitlines()[1]


def test_show_of_an_older_version_says_how_to_read_the_newest_and_what_changed(corpus, reader_in_process):
    """The header said "version 1, replaced by ID" and nothing more: what to type to read the
    newest, or to see the edit, was left to the reader. stderr says both; stdout is the text."""
    import shlex

    index = ["--corpus", str(corpus)]
    shown = reader_in_process(*index, "show", OLD)
    (note,) = shown.stderr.splitlines()
    assert note.startswith(f"reader: {OLD} is an older version of its page: `reader --corpus ")
    commands = [shlex.split(quoted)[1:] for quoted in note.split("`")[1::2]]
    assert [command[2:] for command in commands] == [["show", NEW], ["compare", OLD, NEW]]
    newest = reader_in_process(*commands[0])
    assert newest.stdout.splitlines()[1].endswith(f"version 2, replacing {OLD}") and newest.stderr == ""
    changed = reader_in_process(*commands[1]).stdout
    assert "versions of one article: version 1 (left) and version 2 (right) of 2" in changed
    assert "Correction: the vote was eight to three." in changed
    assert "older version" not in reader_in_process(*index, "show", CNN).stderr
    assert reader_in_process(*index, "show", OLD, "--json").stderr == ""  # (--json: its replaced_by)


def test_compare_of_two_versions_folds_the_sentences_kept_word_for_word(corpus, reader_in_process):
    """Two versions of one article are an edit: every sentence kept was listed as a link of 0.99
    with its shared words, the edit lost among them. Each run kept word for word is one line (text
    and Markdown); an edited sentence is a link as before; another outlet's article is not folded."""
    edited = BASE.replace("repairs to the river bridge", "repairs to the old river bridge")
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-10-21"}
    front = {**fox, "url": "https://fox.example/a", "version": 2, "previous": OLD}
    _write(corpus / f"{NEW}.md", front, edited + " Correction: the vote was eight to three.")
    index = ["--corpus", str(corpus)]
    text = reader_in_process(*index, "compare", OLD, NEW).stdout
    aligned = text.split("Aligned sentences", 1)[1].split("Only in", 1)[0].splitlines()
    assert "  L1–L2 = R1–R2  (kept word for word: 2 sentences)" in aligned
    assert "  L4–L6 = R4–R6  (kept word for word: 3 sentences)" in aligned
    assert any(line.startswith("  L3 ") and "river bridge" in line for line in aligned)  # the edit, whole
    assert any(line.startswith("    R3 ") and "old river bridge" in line for line in aligned)
    assert "Correction: the vote was eight to three." in text.split("Only in Fox News (right)", 1)[1]
    markdown = reader_in_process(*index, "compare", OLD, NEW, "--markdown").stdout
    assert "- **L1–L2** = **R1–R2** _(kept word for word: 2 sentences)_" in markdown
    assert "kept word for word" not in reader_in_process(*index, "compare", OLD, CNN).stdout
    shown = json.loads(reader_in_process(*index, "compare", OLD, NEW, "--json").stdout)
    assert len(shown["pairs"]) == 6  # --json lists every link, as before


def test_compare_of_two_versions_folds_a_run_of_one_sentence_and_not_an_edit_of_case_or_punctuation(
    corpus, reader_in_process
):
    """A run kept word for word may be one sentence (L2 = R2); a sentence that differs only in its
    case or punctuation is an edit, shown whole."""
    edits = {
        "on Tuesday after": "on Tuesday night after",
        "repairs to the river bridge.": "repairs to the River Bridge.",  # case alone: an edit
        "seven votes to four.": "seven votes to four!",  # punctuation alone: an edit
    }
    edited = BASE
    for old, new in edits.items():
        edited = edited.replace(old, new)
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-10-21"}
    _write(corpus / f"{NEW}.md", {**fox, "url": "https://fox.example/a", "version": 2, "previous": OLD}, edited)
    text = reader_in_process("--corpus", str(corpus), "compare", OLD, NEW).stdout
    aligned = text.split("Aligned sentences", 1)[1].split("Only in", 1)[0].splitlines()
    assert [line for line in aligned if "kept word for word" in line] == [
        "  L2 = R2  (kept word for word)",
        "  L4–L5 = R4–R5  (kept word for word: 2 sentences)",
    ]
    assert [line.split()[0] for line in aligned if line.startswith("  L") and " = " not in line] == ["L1", "L3", "L6"]


def test_compare_of_two_versions_that_share_no_sentence_folds_nothing(corpus, reader_in_process):
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-10-21"}
    every = " ".join(f"[bold]Sentence {n} was rewritten\x1b[31m entirely." for n in range(1, 7))
    _write(corpus / f"{NEW}.md", {**fox, "url": "https://fox.example/a", "version": 2, "previous": OLD}, every)
    text = reader_in_process("--corpus", str(corpus), "compare", OLD, NEW).stdout
    assert "kept word for word" not in text and "\x1b" not in text
    assert "[bold]Sentence 1 was rewritten" in text  # hostile text shown as text, never folded away


def header(app) -> str:
    """The open article's header line as shown now: the reader pane mounts a new one for each
    article opened (a widget found before the next article opens keeps the first's words)."""
    return " ".join(str(meta.render()) for meta in app.screen.query("#reader-meta"))


async def test_the_apps_header_says_when_the_earlier_version_is_not_found(corpus, tmp_path):
    from conftest import settle, wait_for

    (corpus / f"{OLD}.md").unlink()
    async with app_over(corpus, tmp_path, 2) as (app, pilot):
        app.screen.open_article(NEW)
        await settle(pilot)
        await wait_for(pilot, lambda: "earlier version not found" in header(app))


async def test_two_versions_opened_straight_after_each_other_show_the_second_and_its_header(corpus, tmp_path):
    """Enter on the older version, then at once on the newest (j Enter j Enter): the reader and
    its header are the newest's, not the first's loaded late. (A guard: a test that kept the first
    article's header widget saw its words stay, as that widget is replaced, not the app.)"""
    from conftest import settle, wait_for

    async with app_over(corpus, tmp_path, 3) as (app, pilot):
        tree = app.screen.source_list
        tree.root.expand_all()
        await settle(pilot)
        rows = {node.data.key: node for node in _nodes(tree.root) if node.data and node.data.kind == "article"}
        tree.focus()
        for aid in (OLD, NEW):
            tree.move_cursor(rows[aid])
            await pilot.press("enter")  # no settling between: the first may still be loading
        await settle(pilot)
        await wait_for(pilot, lambda: app.screen.reader.article is not None and app.screen.reader.article.id == NEW)
        assert " · version 2 of 2 · " in header(app) and "replaced" not in header(app)


# -- marks of an article kept in versions ---------------------------------------------------
class _Chain:
    def versions(self, article_id: str) -> tuple[str, ...]:
        return ("v1", "v2", "v3") if article_id == "v3" else ()


def test_a_mark_set_on_an_older_version_shows_on_the_newest():
    from reader.state.marks import Mark
    from reader.state.version_marks import marks_to_set, shown_mark

    chain = _Chain()
    read_v1, starred_v2 = Mark(read=True), Mark(starred=True)
    marks = {"v1": read_v1, "v2": starred_v2}

    assert shown_mark("v3", marks, chain) == Mark(read=True, starred=True, updated=True)
    assert shown_mark("v1", marks, chain) is read_v1 and shown_mark("v2", marks, chain) is starred_v2
    assert shown_mark("v3", {**marks, "v3": Mark(read=True)}, chain) == Mark(read=True, starred=True)
    # unread and unstarred as shown: off every version, or an older one's would show through
    assert marks_to_set("v3", "read", False, marks, chain) == {"v1": Mark()}
    assert marks_to_set("v3", "starred", False, marks, chain) == {"v2": Mark()}
    assert marks_to_set("v3", "read", True, marks, chain) == {"v3": Mark(read=True)}
    assert marks_to_set("v1", "read", False, marks, chain) == {"v1": Mark()}


def test_list_shows_a_bookmark_and_a_read_mark_of_the_older_version_on_the_newest(corpus, reader_in_process):
    from reader import config
    from reader.state.marks import Mark, MarkStore

    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({OLD: Mark(read=True, starred=True)})

    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}

    fields = ("read", "starred", "updated")
    assert [listed[NEW][k] for k in fields] == [True, True, True]  # read: its older version
    assert [listed[OLD][k] for k in fields] == [True, True, False]
    assert [listed[CNN][k] for k in fields] == [False, False, False]
    (line,) = [line for line in reader_in_process(*index, "list").stdout.splitlines() if line.endswith(NEW)]
    assert "★ Council approves harbour budget  (version 2 of 2)  (updated since you read it)" in line


async def test_the_apps_list_shows_the_older_versions_marks_on_the_newest_and_u_takes_them_off(corpus, tmp_path):
    """Read and starred before the outlet's correction came: the newest showed unread, unstarred."""
    from conftest import drive, press_and_settle, settle, wait_for
    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark, MarkStore
    from reader.tui.app import ReaderApp

    Library([corpus], tmp_path / "ix").close()
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({OLD: Mark(read=True, starred=True)})
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 3 and OLD in app.screen.source_list.marks)
            tree = app.screen.source_list
            tree.root.expand_all()
            await settle(pilot)

            def row(article_id: str) -> str:
                rows = {n.data.key: n for n in _nodes(tree.root) if n.data and n.data.kind == "article"}
                return tree.process_label(rows[article_id].label).plain

            assert row(NEW).startswith("★◦ ") and row(OLD).startswith("★  ") and row(CNN).startswith(" • ")
            assert [str(group.label) for group in tree.root.children] == ["CNN (1 •1)", "Fox News (1 +1 older)"]
            tree.set_filter("is:starred")
            await settle(pilot)
            assert {n.data.key for n in _nodes(tree.root) if n.data and n.data.kind == "article"} == {OLD, NEW}
            tree.set_filter("")
            await settle(pilot)
            tree.root.expand_all()
            await settle(pilot)
            tree.move_cursor(next(n for n in _nodes(tree.root) if n.data and n.data.key == NEW))
            tree.focus()
            await press_and_settle(pilot, "u")  # unread as shown: the older version's read mark goes too
            assert row(NEW).startswith("★• ") and row(OLD).startswith("★• ")
            await press_and_settle(pilot, "s")
            assert row(NEW).startswith(" • ") and row(OLD).startswith(" • ")
            await wait_for(pilot, lambda: library.marks.get(OLD) == Mark())
    finally:
        library.close()


def test_list_with_a_damaged_marks_file_lists_every_article_and_says_why_no_mark_shows(corpus, reader_in_process):
    from reader import config

    (config.data_dir() / "marks.sqlite3").parent.mkdir(parents=True, exist_ok=True)
    (config.data_dir() / "marks.sqlite3").write_bytes(b"not a database" * 100)

    listed = reader_in_process("--corpus", str(corpus), "list", "--json")

    assert len(json.loads(listed.stdout)) == 3
    assert "read marks and stars not shown" in listed.stderr and "reader state repair" in listed.stderr


@pytest.mark.parametrize("renamed, newest", [("a-renamed", "z-v3"), ("z-renamed", "a-v3")])
def test_a_newest_version_is_never_taken_for_the_older_one_of_a_renamed_version(renamed, newest):
    """Version 1 deleted, version 2 renamed: both versions left name an article that is gone, and
    which is the older cannot be told from the page's URL. Neither replaces the other (the one
    sorted first took the newest for its older version: the newest left every comparison)."""
    found = Replacements.of([_page(renamed, "v1"), _page(newest, "v2")])

    assert not found.is_replaced(newest) and not found.is_replaced(renamed)
    assert found.missing == {renamed: "v1", newest: "v2"}


@pytest.mark.parametrize("v3", ["a-v3", "z-v3"])
def test_two_renamed_versions_of_a_page_link_neither_whatever_their_names(v3):
    """Versions 1 and 2 renamed (x, y): v3's older version could be x or y, y's could be x or v3;
    none is guessed, whichever name sorts first (a-v3 took x, skipping y)."""
    found = Replacements.of([_page("x"), _page("y", "a"), _page(v3, "a-v2")])

    assert not found and found.missing == {"y": "a", v3: "a-v2"}


def test_a_title_over_200_characters_keeps_its_missing_version_mark():
    from reader.tui.widgets.source_list import _row_title

    assert _row_title("word " * 60 + "  (earlier version not found)").endswith("…  (earlier version not found)")


def test_every_mark_a_row_shows_is_explained_in_the_help_and_the_readme():
    """◦ (read as an older version, updated since) was drawn in the list, and not in the help's
    list of its marks (`?`) nor beside `•` and `★` in the README's keys."""
    from reader.tui.screens.help import FILTERS
    from reader.tui.widgets.source_list import STAR, UNREAD, UPDATED

    help_text = " ".join(text for _, text in FILTERS)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    keys = next(line for line in readme.splitlines() if line.startswith("| `s` |"))
    for mark in (STAR, UNREAD, UPDATED):
        assert mark in help_text and f"`{mark}`" in keys


# -- marks of a version deleted since ----------------------------------------------------------
def test_the_marks_of_a_deleted_version_count_for_its_newest_and_unmarking_takes_them_off():
    """The user tidied the folder: version 1, read and starred, deleted. Its marks stay under its
    id (nothing moves them, nothing is lost); the newest's `previous:` still names it."""
    from reader.state.marks import Mark
    from reader.state.version_marks import marks_to_set, shown_mark

    alone = Replacements.of([_page("a-v2", "a")])  # v1 deleted
    stood_in = Replacements.of([_page("a"), _page("a-v3", "a-v2")])  # v2 deleted: v1 stands in for it
    marks = {"a": Mark(read=True, starred=True)}

    assert alone.versions("a-v2") == ("a", "a-v2") and alone.newest("a") == "a-v2"
    assert shown_mark("a-v2", marks, alone) == Mark(read=True, starred=True, updated=True)
    assert shown_mark("a-v2", {**marks, "a-v2": Mark(read=True)}, alone) == Mark(read=True, starred=True)
    assert stood_in.versions("a-v3") == ("a", "a-v2", "a-v3")
    assert shown_mark("a-v3", {"a-v2": Mark(starred=True)}, stood_in) == Mark(starred=True)
    # unstarred as shown: the deleted version's star goes too, or it would come back
    assert marks_to_set("a-v2", "starred", False, marks, alone) == {"a": Mark(read=True)}


def test_list_keeps_the_bookmark_and_read_mark_of_a_deleted_older_version(corpus, reader_in_process):
    from reader import config
    from reader.state.marks import Mark, MarkStore

    index = ["--corpus", str(corpus)]
    reader_in_process(*index, "index")
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({OLD: Mark(read=True, starred=True)})
    (corpus / f"{OLD}.md").unlink()
    reader_in_process(*index, "index")

    listed = {a["id"]: a for a in json.loads(reader_in_process(*index, "list", "--json").stdout)}

    assert [listed[NEW][k] for k in ("read", "starred", "updated")] == [True, True, True]


async def test_u_on_a_group_clears_updated_since_you_read_it(corpus, tmp_path):
    """Marking a whole group read marks the newest read: its ◦ (read as an older version) goes."""
    from conftest import drive, press_and_settle, settle, wait_for
    from reader import config
    from reader.library import Library
    from reader.state.marks import Mark, MarkStore
    from reader.tui.app import ReaderApp

    Library([corpus], tmp_path / "ix").close()
    MarkStore(config.data_dir() / "marks.sqlite3", [corpus]).put({OLD: Mark(read=True)})
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: len(app.articles) == 3 and OLD in app.screen.source_list.marks)
            tree = app.screen.source_list
            assert tree.shown_mark(NEW).updated
            fox = next(n for n in tree.root.children if str(n.label).startswith("Fox News"))
            tree.move_cursor(fox)
            tree.focus()
            await press_and_settle(pilot, "u")

            assert tree.shown_mark(NEW) == Mark(read=True) and tree.shown_mark(OLD) == Mark(read=True)
            await wait_for(pilot, lambda: library.marks.get(NEW) == Mark(read=True))
    finally:
        library.close()


def test_list_does_not_wait_for_a_marks_file_another_process_keeps_locked(corpus, reader_in_process):
    import sqlite3

    from reader import config
    from reader.state.marks import LIST_WAIT_SECONDS, Mark, MarkStore

    path = config.data_dir() / "marks.sqlite3"
    MarkStore(path, [corpus]).put({OLD: Mark(starred=True)})
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # a repair or an import under way
        listed = reader_in_process("--corpus", str(corpus), "list", "--json")
    finally:
        holder.close()

    assert len(json.loads(listed.stdout)) == 3
    assert "read marks and stars not shown" in listed.stderr
    assert f"locked for over {LIST_WAIT_SECONDS:g} s" in listed.stderr


def test_list_says_why_no_mark_shows_when_a_folder_is_where_the_marks_file_belongs(corpus, reader_in_process):
    from reader import config

    (config.data_dir() / "marks.sqlite3").mkdir(parents=True)

    listed = reader_in_process("--corpus", str(corpus), "list", "--json")

    assert len(json.loads(listed.stdout)) == 3
    assert "read marks and stars not shown" in listed.stderr and "a folder" in listed.stderr


def test_versions_of_one_day_are_listed_in_the_order_they_were_fetched_by_the_app_and_list(tmp_path, reader_in_process):
    """Eleven versions of a page dated one day: the app's list (newest first) gave them by title,
    "(version 1 of 11, replaced)" first and "version 10" before "version 2"; `reader list` (each
    outlet's days oldest first) by id, `-v10` and `-v11` before `-v2`."""
    from reader.tui.widgets.source_list import prepare_catalog

    ids = ["fox/status"] + [f"fox/status-v{n}" for n in range(2, 12)]
    rows = [ArticleInfo(ids[0], "Fox", "Status", "2025-10-21", None, None, "")]
    rows += [ArticleInfo(i, "Fox", "Status", "2025-10-21", None, None, "", previous=p) for p, i in zip(ids, ids[1:])]
    [(_key, _label, members, *_rest)] = prepare_catalog(rows, []).outlet_groups
    assert [a.id for a in members] == ids[::-1]

    corpus = tmp_path / "corpus"
    for number, (previous, article_id) in enumerate(zip([None, *ids], ids), 1):
        front = {"title": "Status", "outlet": "Fox News", "date": "2025-10-21", "url": "https://fox.example/status"}
        front.update({"version": number, "previous": previous} if previous else {})
        _write(corpus / f"{article_id}.md", front, f"The status of the harbour, told for the {number} time. " * 20)
    listed = json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)
    assert [a["id"] for a in listed] == ids and [a["version"] for a in listed] == list(range(1, 12))


async def test_the_apps_export_of_two_versions_folds_the_sentences_kept_word_for_word(corpus, tmp_path, monkeypatch):
    from conftest import press_and_settle, settle, until, wait_for
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    monkeypatch.setenv("HOME", str(tmp_path))
    async with app_over(corpus, tmp_path, 3) as (app, pilot):
        app.push_screen(CompareScreen(app.library, OLD, NEW))
        await settle(pilot)
        summary = app.screen.query_one("#compare-summary")
        await wait_for(pilot, lambda: "Versions of one article" in str(summary.render()))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        target = app.screen.default
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        await until(target.exists, 30, pilot)
        exported = target.read_text(encoding="utf-8")
    assert "- **L1–L6** = **R1–R6** _(kept word for word: 6 sentences)_" in exported
    assert "Correction: the vote was eight to three." in exported


def _shown_rows(screen) -> list[str]:
    """The aligned rows mounted, each as its two cells' text."""
    return [f"{row.left_cell.text} | {row.right_cell.text}" for row in screen.body.rows]


async def test_the_apps_rows_of_two_versions_fold_what_the_edit_kept_and_z_opens_and_folds_it(corpus, tmp_path):
    """The compare screen folds each run of sentences two versions kept word for word into one
    row, as `reader compare` does; z on it (selected with ), or a click) shows its sentences and
    folds them again; both articles whole (m) show every sentence, and the rows come back folded."""
    from conftest import press_and_settle, settle, wait_for
    from reader.tui.screens.compare import CompareScreen

    async with app_over(corpus, tmp_path, 3) as (app, pilot):
        app.push_screen(CompareScreen(app.library, OLD, NEW))
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary")
        await wait_for(pilot, lambda: "Versions of one article" in str(summary.render()))
        assert _shown_rows(screen)[0] == "⋯ L1–L6 = R1–R6: kept word for word: 6 sentences | ⋯ z shows them"
        assert "Correction: the vote was eight to three." in _shown_rows(screen)[1]
        await press_and_settle(pilot, "z")  # no row selected: the first folded row in view
        await wait_for(pilot, lambda: len(screen.body.rows) == 7)
        assert screen.body.rows[0].left_cell.text.startswith("The city council approved the harbour budget")
        assert screen._clicked_row == 0 and not any(row.row.kept for row in screen.body.rows)
        await press_and_settle(pilot, ")")  # the next row, in the run opened: z folds it again
        await press_and_settle(pilot, "z")
        await wait_for(pilot, lambda: len(screen.body.rows) == 2)
        await press_and_settle(pilot, ")")  # the added sentence's row: nothing to fold, said so
        assert screen._clicked_row == 1
        await press_and_settle(pilot, "z")
        said = [n.message for n in app._notifications if n.message.startswith("Nothing to fold")]
        assert said == ["Nothing to fold or show: this row is not a run of sentences kept word for word."]
        assert len(screen.body.rows) == 2
        await press_and_settle(pilot, "(")  # back on the folded row, as before
        # the bar as tall as before the row was chosen: its lines cut where they wrap
        assert "L1–L6 = R1–R6 · kept word for word: 6 sentences" in str(summary.render()).replace("\n", " ")
        await press_and_settle(pilot, "m")  # both articles whole: every sentence its own
        await wait_for(pilot, lambda: screen.mode == "sync" and not screen.loaded.model.folds)
        await press_and_settle(pilot, "z")
        assert any("folds in the aligned rows" in n.message for n in app._notifications)
        await press_and_settle(pilot, "m")
        await wait_for(pilot, lambda: screen.mode == "rows" and screen.loaded.model.folds)
        assert len(screen.body.rows) == 2 and screen.body.model is screen.loaded.model
        app.pop_screen()
        await settle(pilot)
        app.push_screen(CompareScreen(app.library, OLD, CNN))  # another outlet's: nothing folded
        await settle(pilot)
        await wait_for(pilot, lambda: app.screen.loaded is not None)
        assert not app.screen.loaded.model.folds
        await press_and_settle(pilot, "z")
        assert any("Nothing is folded" in n.message for n in app._notifications)


def test_stories_since_and_until_read_the_newest_versions_date(corpus, reader_in_process):
    """A page fetched in October and edited in December is December's: `stories --until` October
    no longer keeps its story by the October version it replaced (as the story's dates and
    `coverage --until` read it), and `--since` December keeps it by the newest."""
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "date": "2025-12-01"}
    front = {**fox, "url": "https://fox.example/a", "version": 2, "previous": OLD}
    _write(corpus / f"{NEW}.md", front, BASE + " Correction: the vote was eight to three.")
    cnn = {"title": "Harbour budget passes council", "outlet": "CNN", "date": "2025-12-01"}
    _write(corpus / f"{CNN}.md", {**cnn, "url": "https://cnn.example/b"}, OTHER)
    index = ["--corpus", str(corpus)]

    def stories(*dates: str) -> list[list[str]]:
        return [s["articles"] for s in json.loads(reader_in_process(*index, "stories", "--json", *dates).stdout)]

    assert [sorted(s) for s in stories()] == [sorted([OLD, NEW, CNN])]  # one story
    assert stories("--until", "2025-10-31") == []
    assert len(stories("--since", "2025-11-01")) == 1
    coverage = json.loads(reader_in_process(*index, "coverage", "--json", "--until", "2025-10-31").stdout)
    assert coverage == []  # as coverage had it


async def test_go_to_a_sentence_folded_in_a_run_kept_word_for_word_opens_the_run(corpus, tmp_path):
    """`:` L3 selected the folded row "L1–L6 = R1–R6" and showed no L3: the run opens, L3 its row."""
    from textual import events

    from conftest import press_and_settle, settle, wait_for
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.widgets.compare_dialogs import GoToPrompt

    async with app_over(corpus, tmp_path, 3) as (app, pilot):
        app.push_screen(CompareScreen(app.library, OLD, NEW))
        await settle(pilot)
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded is not None and screen.loaded.model.folds)
        await press_and_settle(pilot, "colon")
        assert isinstance(app.screen, GoToPrompt)
        app.post_message(events.Paste("L3"))
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        assert app.screen is screen
        await wait_for(pilot, lambda: screen._clicked_row is not None and not screen.body.rows[0].row.kept)
        row = screen.loaded.model.rows[screen._clicked_row]
        assert (row.left, row.right, row.kept) == ([2], [2], 0)
        assert screen.body.rows[screen._clicked_row].left_cell.text.startswith("The plan funds a new railway")
