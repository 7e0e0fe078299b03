"""The app as a daily tool: the palette's ranking, the search box's history, Escape back to the
coverage row, the export's folder."""

from __future__ import annotations

import os

import pytest
from textual.command import CommandPalette

from conftest import Doc, StoryDouble, double_library, drive, press_and_settle, settle, wait_for
from reader.tui.app import ReaderApp


def _palette_library():
    """Titles where "hil" is inside a word of one and starts a word of the others."""
    lib = double_library()
    lib.add(Doc("w1", "Fox News", "While Blumenthal Retains Washington Support", "2010-02-20", "Text."))
    lib.add(Doc("h1", "HuffPost", "Biden Sells Tax Deal to Hill Democrats", "2010-12-08", "Text."))
    lib.add(Doc("h2", "The Times", "Hillary Clinton Releases Tax Returns", "2014-07-31", "Text."))
    lib.add(Doc("o1", "HuffPost", "Obama Mocks Congress", "2012-08-01", "Text."))
    lib.story_list = [*lib.story_list, *(StoryDouble(f"x{i}", "", [i]) for i in ("w1", "h1", "h2", "o1"))]
    return lib


async def _palette_titles(pilot, query: str, *, commands: bool = False) -> list[str]:
    """The palette's rows for `query`, first lines, top first: the articles' (or every row's)."""
    await press_and_settle(pilot, "ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await press_and_settle(pilot, *query)
    palette = pilot.app.screen
    command_list = palette.query_one("CommandList")
    await wait_for(pilot, lambda: command_list.option_count > 0)
    await settle(pilot)
    prompts = [str(command_list.get_option_at_index(i).prompt) for i in range(command_list.option_count)]
    titles = [
        prompt.split("\n")[0]
        for prompt in prompts
        if commands or prompt.startswith(("The Times", "HuffPost", "Fox News"))
    ]
    await press_and_settle(pilot, "escape")
    return titles


async def test_the_palettes_commands_are_ranked_as_the_titles_are():
    """Textual's matcher scored "Clear the searcH History" for "hc" above every title (its scores
    are not on the titles' scale): the commands are ranked as the titles are, and still come
    first where they are what is typed."""
    app = ReaderApp(_palette_library())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        assert (await _palette_titles(pilot, "hc", commands=True))[
            0
        ] == "The Times · Hillary Clinton Releases Tax Returns"
        assert (await _palette_titles(pilot, "clear", commands=True))[0] == "Clear the search history"
        assert (await _palette_titles(pilot, "theme", commands=True))[0] == "Theme"


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        (
            "hil",
            "The Times · Hillary Clinton Releases Tax Returns",
            "Fox News · While Blumenthal Retains Washington Support",
        ),
        (
            "hill",
            "HuffPost · Biden Sells Tax Deal to Hill Democrats",
            "The Times · Hillary Clinton Releases Tax Returns",
        ),
        ("hil cl", "The Times · Hillary Clinton Releases Tax Returns", None),
        ("hc", "The Times · Hillary Clinton Releases Tax Returns", None),
        ("tax re", "The Times · Hillary Clinton Releases Tax Returns", None),
    ],
)
async def test_the_palette_ranks_word_starts_over_letters_inside_words(query, first, last):
    """ "hil" listed "While Blumenthal…" level with (here above) "Hillary Clinton…": rapidfuzz's
    WRatio scores a substring the same wherever it lies. Word starts and whole words win now;
    letters typed as the starts of words ("hc") name the title too."""
    app = ReaderApp(_palette_library())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        titles = await _palette_titles(pilot, query)
        assert titles[0] == first, titles
        if last is not None:
            assert titles[-1] == last, titles


async def test_the_palette_lists_initials_above_the_same_letters_inside_a_word():
    """ "hc" listed "Lynchcraft…" above "Hillary Clinton…": a title holding the letters anywhere
    hid every title whose word starts spell them."""
    lib = _palette_library()
    lib.add(Doc("l1", "Fox News", "Lynchcraft in Small Towns", "2011-03-01", "Text."))
    lib.story_list = [*lib.story_list, StoryDouble("xl1", "", ["l1"])]
    app = ReaderApp(lib)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        titles = await _palette_titles(pilot, "hc")
        assert titles.index("The Times · Hillary Clinton Releases Tax Returns") < titles.index(
            "Fox News · Lynchcraft in Small Towns"
        ), titles


async def test_escape_back_to_the_coverage_view_keeps_its_sort_filter_and_column(library_double):
    """v, s (by breadth), →→ to an outlet's mark, o, Escape: the view came back sorted by date,
    on the story's title, as if opened afresh. It comes back as the user left it."""
    from reader.tui.screens.coverage import CoverageScreen

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "v")
        coverage = app.screen
        assert isinstance(coverage, CoverageScreen)
        await wait_for(pilot, lambda: coverage.rows)
        await press_and_settle(pilot, "s")
        assert coverage.sort == "breadth"
        outlet_column = coverage.column_of("The Bugle")
        while coverage.grid.cursor_column < outlet_column:
            await press_and_settle(pilot, "right")
        row, outlet = coverage._cursor()
        assert outlet == "The Bugle" and row.story == "s1"
        await press_and_settle(pilot, "o")
        await wait_for(pilot, lambda: app.screen is screen and screen.reader.article is not None)
        assert screen.reader.article.id == "b1"
        await press_and_settle(pilot, "escape")
        back = app.screen
        assert isinstance(back, CoverageScreen)
        await wait_for(pilot, lambda: back.rows)
        assert back.sort == "breadth"
        assert back._cursor()[0].story == "s1" and back._cursor()[1] == "The Bugle"


def _search_box(app):
    from textual.widgets import Input

    return app.screen.search_panel.query_one("#search-input", Input)


async def _search_and_open(pilot, query: str) -> None:
    box = _search_box(pilot.app)
    await press_and_settle(pilot, "slash")
    box.value = ""
    await press_and_settle(pilot, *query)
    await wait_for(pilot, lambda: pilot.app.screen.search_panel.shown_query == query)
    await press_and_settle(pilot, "enter")
    await wait_for(pilot, lambda: pilot.app.screen.reader.article is not None)


async def test_up_in_the_search_box_recalls_earlier_searches_across_runs(library_double, tmp_path):
    """The search box kept no history: a search run yesterday was typed again. ↑ recalls the
    searches whose results were opened, newest first, duplicates once; ↓ comes forward to what
    was typed, then to the results as before. They are kept in the user data dir."""
    from reader.config import data_dir

    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        for query in ("markets", "budapest", "markets"):
            await _search_and_open(pilot, query)
        await settle(pilot)
    assert (data_dir() / "search_history.txt").read_text(encoding="utf-8") == "budapest\nmarkets\n"

    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"sum")
        box = _search_box(app)
        await press_and_settle(pilot, "up")
        assert box.value == "markets"
        await press_and_settle(pilot, "up")
        assert box.value == "budapest"
        await press_and_settle(pilot, "up")  # the oldest: stays
        assert box.value == "budapest"
        await press_and_settle(pilot, "down")
        assert box.value == "markets"
        await press_and_settle(pilot, "down")
        assert box.value == "sum"  # what was typed, back
        await wait_for(pilot, lambda: app.screen.search_panel.result_list.option_count > 0)
        await press_and_settle(pilot, "down")  # then ↓ goes to the results, as before
        assert app.focused is app.screen.search_panel.result_list


async def test_a_hostile_search_history_is_recalled_as_plain_text_and_can_be_cleared(library_double):
    """A history file edited by another program: its escapes and controls never reach the box,
    markup stays text, and the palette's "Clear the search history" forgets it (file removed)."""
    from reader.config import data_dir

    path = data_dir() / "search_history.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\x1b]0;owned\x07[bold red]budapest[/]\n\x00\n\u202emarkets\n", encoding="utf-8")
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", "up")
        box = _search_box(app)
        assert box.value == "markets"
        await press_and_settle(pilot, "up")
        assert box.value == "[bold red]budapest[/]"
        await press_and_settle(pilot, "escape")
        await press_and_settle(pilot, "ctrl+p", *"clear the search")
        palette = app.screen
        await wait_for(pilot, lambda: palette.query_one("CommandList").option_count > 0)
        await press_and_settle(pilot, "enter")
        await wait_for(pilot, lambda: not path.exists())
        await press_and_settle(pilot, "slash")
        box.value = "typed"
        await press_and_settle(pilot, "up")
        assert box.value == "typed"


async def test_the_export_is_proposed_where_the_last_one_went_never_in_the_corpus(tmp_path, monkeypatch):
    """The export proposed the folder the app was started in (often the corpus, or wherever the
    shell was). It proposes the folder the user last exported to (kept across runs), else
    Documents, Downloads or home; never a corpus folder; an existing file is not overwritten."""
    from textual.widgets import Input

    from comparison_doubles import CompareLibrary
    from conftest import CompareHost
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    corpus, home, reports = tmp_path / "corpus", tmp_path / "home", tmp_path / "reports"
    for folder in (corpus, home / "Documents", reports):
        folder.mkdir(parents=True)
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")

    async def proposed_then_written(app, pilot, typed: str | None = None) -> str:
        await press_and_settle(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        field = app.screen.query_one("#export-path", Input)
        proposed = field.value
        if typed is not None:
            field.value = typed
        await press_and_settle(pilot, "enter")
        return proposed

    app = CompareHost(CompareLibrary(roots=[corpus]))
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        first = await proposed_then_written(app, pilot, str(reports / "first.md"))
        assert first == str(home / "Documents" / "compare-left-vs-right.md")
        await wait_for(pilot, lambda: (reports / "first.md").exists())
    app = CompareHost(CompareLibrary(roots=[corpus]))  # the next run
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        assert await proposed_then_written(app, pilot) == str(reports / "compare-left-vs-right.md")
        await wait_for(pilot, lambda: (reports / "compare-left-vs-right.md").exists())
        # the same again: a new name is proposed, and a name taken is not overwritten unasked:
        # the dialog asks, and Enter again on that name replaces it
        (reports / "first.md").write_text("kept\n")
        assert await proposed_then_written(app, pilot, str(reports / "first.md")) == str(
            reports / "compare-left-vs-right-2.md"
        )
        assert isinstance(app.screen, ExportPrompt)
        assert "Enter again replaces it" in str(app.screen.query_one("#export-error").render())
        assert (reports / "first.md").read_text() == "kept\n"
        await press_and_settle(pilot, "enter")
        await wait_for(pilot, lambda: (reports / "first.md").read_text() == "# x\n")
    assert list(corpus.iterdir()) == []


def _export_host(tmp_path, monkeypatch):
    """A compare screen over a corpus that is the app's cwd, HOME with a Documents folder."""
    from comparison_doubles import CompareLibrary
    from conftest import CompareHost

    corpus, home = tmp_path / "corpus", tmp_path / "home"
    for folder in (corpus, home / "Documents"):
        folder.mkdir(parents=True)
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")
    return CompareHost(CompareLibrary(roots=[corpus])), corpus, home


async def _export_dialog(app, pilot, typed: str):
    """`e`, then `typed` in place of the name proposed, then Enter: the dialog's input."""
    from textual.widgets import Input

    from reader.tui.widgets.compare_dialogs import ExportPrompt

    await press_and_settle(pilot, "e")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
    field = app.screen.query_one("#export-path", Input)
    field.value = typed
    await press_and_settle(pilot, "enter")
    return field


async def test_a_bare_name_typed_for_the_export_goes_in_the_folder_proposed(tmp_path, monkeypatch):
    """A name without a folder was written in the app's cwd (here the corpus: refused), not in
    the folder the dialog showed; `~` is the home folder."""
    app, corpus, home = _export_host(tmp_path, monkeypatch)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await _export_dialog(app, pilot, "mine.md")
        await wait_for(pilot, lambda: (home / "Documents" / "mine.md").exists())
        await _export_dialog(app, pilot, "~/at-home.md")
        await wait_for(pilot, lambda: (home / "at-home.md").exists())
    assert list(corpus.iterdir()) == []


async def test_enter_again_replaces_only_the_file_the_user_was_asked_about(tmp_path, monkeypatch):
    """Enter again on a name taken replaced whatever was there by then: another file put in its
    place meanwhile, or a link into the corpus. It replaces the file asked about, else asks again."""
    from reader.export_path import FILE_CHANGED
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, corpus, home = _export_host(tmp_path, monkeypatch)
    taken = home / "Documents" / "taken.md"
    taken.write_text("mine\n")
    (corpus / "article.md").write_text("corpus\n")
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await _export_dialog(app, pilot, str(taken))
        assert isinstance(app.screen, ExportPrompt)  # asked
        # another program puts another file there: not replaced unasked
        (tmp_path / "new.md").write_text("someone else's\n")
        os.replace(tmp_path / "new.md", taken)
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ExportPrompt)
        assert FILE_CHANGED in str(app.screen.query_one("#export-error").render())
        assert taken.read_text() == "someone else's\n"
        # now a link into the corpus: refused, however often Enter is pressed
        taken.unlink()
        taken.symlink_to(corpus / "article.md")
        await press_and_settle(pilot, "enter")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ExportPrompt)
        assert "inside the corpus" in str(app.screen.query_one("#export-error").render())
        # a plain file again, asked about, then Enter again: replaced
        taken.unlink()
        taken.write_text("mine\n")
        await press_and_settle(pilot, "enter")
        assert taken.read_text() == "mine\n"
        await press_and_settle(pilot, "enter")
        await wait_for(pilot, lambda: taken.read_text() == "# x\n")
    assert (corpus / "article.md").read_text() == "corpus\n"


async def test_a_palette_search_overtaken_by_the_next_keystroke_stops_ranking(monkeypatch):
    """Textual dropped an old query's results, but its ranking thread ran on (over 50,000 titles,
    "h", "hc" and "hcl" were each ranked in full, a second apiece, typing "hcl"): it is told to stop."""
    import threading

    from reader.title_match import Cancelled, Titles

    outcome: dict[str, str] = {}
    release = threading.Event()  # set when the test ends: a ranking never told to stop ends then

    from reader.title_match import rank

    def slow_rank(query, titles, limit, cancelled=None):
        if not isinstance(titles, Titles):  # the palette's few commands, ranked on the event loop
            return rank(query, titles, limit, cancelled)
        slow_rank.calls += 1
        while not release.wait(0.01):
            if cancelled is not None and cancelled():
                outcome[query] = "stopped"
                raise Cancelled(query)
        outcome[query] = "ran on"
        return []

    slow_rank.calls = 0
    monkeypatch.setattr("reader.tui.palette.rank", slow_rank)
    app = ReaderApp(_palette_library())
    async with drive(app, (120, 30)) as pilot:
        try:
            await settle(pilot)
            await press_and_settle(pilot, "ctrl+p")
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
            # pressed without settling: settle waits for the workers, and the ranking is one's
            await pilot.press("h")
            await wait_for(pilot, lambda: "h" in outcome or slow_rank.calls >= 1)
            await pilot.press("c")
            await wait_for(pilot, lambda: outcome.get("h") == "stopped", seconds=10)
            await pilot.press("escape")  # the palette closed: the last one stops too
            await wait_for(pilot, lambda: outcome.get("hc") == "stopped", seconds=10)
        finally:
            release.set()


@pytest.mark.parametrize(
    "kept",
    [
        None,  # no export yet
        "folder",  # a folder where the file should be
        b"[bold red]/tmp[/bold red]\n",  # markup, a relative path
        b"/nowhere/[b]x[/b] [@click=app.quit]q[/]\n",  # markup in an absolute path that is not there
        b"/tmp\x1b]0;pwned\x07\x1b[2J\n",  # terminal escapes
        b"/" + b"a" * (1024 * 1024) + b"\n",  # 1 MB
        b"/tmp/\xff\xfe\n",  # not UTF-8
        b"/tmp\n/home\n",  # two lines
    ],
)
async def test_a_missing_unreadable_or_hostile_last_export_folder_file_proposes_the_default_folder(
    tmp_path, monkeypatch, kept
):
    """The file of the last export's folder is the user's, and may hold anything: the export is
    proposed in the default folder (Documents here) whatever it holds, and the app goes on."""
    from reader.config import data_dir
    from reader.export_path import LAST_FOLDER_FILE
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, _corpus, home = _export_host(tmp_path, monkeypatch)
    state = data_dir() / LAST_FOLDER_FILE
    state.parent.mkdir(parents=True, exist_ok=True)
    if kept == "folder":
        state.mkdir()
    elif kept is not None:
        state.write_bytes(kept)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        from textual.widgets import Input

        assert app.screen.query_one("#export-path", Input).value == str(home / "Documents" / "compare-left-vs-right.md")


async def test_the_last_export_folder_is_read_once_off_the_event_loop_not_on_the_key(tmp_path, monkeypatch):
    """e read the file of the last export's folder on the event loop, at each press: it is read
    once, in a worker, when the comparison opens, and an export made since is proposed next."""
    import threading

    from textual.widgets import Input

    from reader.export_path import remembered_folder
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, _corpus, home = _export_host(tmp_path, monkeypatch)
    reads: list[bool] = []
    loop_thread = threading.get_ident()

    def recorded(state_file):
        reads.append(threading.get_ident() == loop_thread)
        return remembered_folder(state_file)

    monkeypatch.setattr("reader.tui.screens.compare.remembered_folder", recorded)
    reports = tmp_path / "reports"
    reports.mkdir()
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await _export_dialog(app, pilot, str(reports / "mine.md"))
        await wait_for(pilot, lambda: (reports / "mine.md").exists() and not isinstance(app.screen, ExportPrompt))
        await press_and_settle(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        assert app.screen.query_one("#export-path", Input).value == str(reports / "compare-left-vs-right.md")
    assert reads == [False]


async def test_the_export_dialog_says_the_folder_a_long_path_hides(tmp_path, monkeypatch):
    """At 80 columns the box showed only the end of the path proposed, the file's name: where it
    would be written was not to be seen. The folder is said under it, as typed; a ~name of no
    user is a line to fix, not a crash of the app."""
    from textual.widgets import Input, Static

    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, _corpus, home = _export_host(tmp_path, monkeypatch)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        folder = app.screen.query_one("#export-folder", Static)
        assert str(folder.render()) == f"in {home / 'Documents'}"
        field = app.screen.query_one("#export-path", Input)
        field.value = "~/mine.md"
        await pilot.pause()
        assert str(folder.render()) == f"in {home}"
        field.value = "~no-such-user-here/mine.md"
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ExportPrompt) and app.is_running
        error = str(app.screen.query_one("#export-error", Static).render())
        assert error == "No home folder for ~no-such-user-here: type the whole path."


async def test_the_reason_an_export_fails_stays_in_view_under_a_long_folder_line(tmp_path, monkeypatch):
    """A path of 700 characters to a folder that is not there, at 80x24: the folder line said
    under the box took as many lines as the reason, which was pushed off the screen with the
    dialog's edge ("does not exist." not to be seen). The folder line takes at most 3 lines."""
    from textual.widgets import Static

    from conftest import screen_text

    app, _corpus, _home = _export_host(tmp_path, monkeypatch)
    folder = "/" + "/".join(f"averyveryverylongfoldername{n:02d}" for n in range(22))
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await _export_dialog(app, pilot, f"{folder}/x.md")
        error = app.screen.query_one("#export-error", Static)
        assert str(error.render()).endswith("does not exist.")
        assert app.screen.query_one("#export-folder", Static).size.height <= 3
        assert error.region.bottom <= 23 and "does not exist." in screen_text(app)


async def test_e_pressed_before_the_export_folder_is_found_waits_for_it_off_the_event_loop(tmp_path, monkeypatch):
    """`e` pressed while the worker still read the last export's folder found the default folder
    on the event loop itself (a slow disk froze the app) and proposed it over the user's last one.
    The key now waits for the worker: the app answers meanwhile, and the dialog opens with the
    last folder once it is read."""
    import threading

    from textual.widgets import Input

    from reader.config import data_dir
    from reader.export_path import LAST_FOLDER_FILE, export_folder, remember_folder, remembered_folder
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, _corpus, _home = _export_host(tmp_path, monkeypatch)
    reports = tmp_path / "reports"
    reports.mkdir()
    remember_folder(data_dir() / LAST_FOLDER_FILE, reports)
    release = threading.Event()
    loop_thread = threading.get_ident()
    found_on: list[bool] = []

    def slow_read(state_file):
        release.wait(timeout=30)  # a disk that takes its time
        return remembered_folder(state_file)

    def recorded(*args):
        found_on.append(threading.get_ident() == loop_thread)
        return export_folder(*args)

    monkeypatch.setattr("reader.tui.screens.compare.remembered_folder", slow_read)
    monkeypatch.setattr("reader.tui.screens.compare.export_folder", recorded)
    try:
        async with drive(app, (120, 40)) as pilot:
            await wait_for(pilot, lambda: app.screen._on_screen is not None and app.screen._pending is None)
            await pilot.press("e")
            await pilot.press("e")  # twice: one dialog all the same
            await pilot.pause()
            assert not isinstance(app.screen, ExportPrompt) and found_on == []
            release.set()
            await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
            assert app.screen.query_one("#export-path", Input).value == str(reports / "compare-left-vs-right.md")
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, ExportPrompt))
            await settle(pilot)
            assert not isinstance(app.screen, ExportPrompt)  # the second press opened no other
    finally:
        release.set()
    assert found_on == [False]


async def test_an_export_from_a_comparison_opened_over_another_is_proposed_when_it_is_back(tmp_path, monkeypatch):
    """The folder read when a comparison opened was kept for its whole life: an export from a
    comparison opened over it (the palette opens one) was not proposed back in it, as it was when
    `e` read the file. The file is read again, in a worker, when the comparison is shown again."""
    from textual.widgets import Input

    from reader.tui.screens.compare import CompareScreen
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    app, _corpus, _home = _export_host(tmp_path, monkeypatch)
    reports = tmp_path / "reports"
    reports.mkdir()
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        first = app.screen
        first.interrupt()  # as ReaderApp.open_comparison does before opening another
        app.push_screen(CompareScreen(app.library, "left", "right"))
        await settle(pilot)
        assert app.screen is not first
        await _export_dialog(app, pilot, str(reports / "mine.md"))
        await wait_for(pilot, lambda: (reports / "mine.md").exists() and not isinstance(app.screen, ExportPrompt))
        await app.pop_screen()
        await settle(pilot)
        assert app.screen is first
        await wait_for(pilot, lambda: first._export_folder == reports)  # read again, in its worker
        await press_and_settle(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        assert app.screen.query_one("#export-path", Input).value == str(reports / "compare-left-vs-right.md")
