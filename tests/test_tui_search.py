"""Search as you type: results, highlights, stale answers dropped, hints, did-you-mean, n/N."""

from __future__ import annotations


from conftest import drive, notifications, screen_text, settle
from reader.tui.app import ReaderApp
from reader.tui.widgets.search_panel import SUGGESTION_ID


async def search_for(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await settle(pilot)


async def test_search_as_you_type_on_seeds_opens_result_with_hits(seed_library):
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "lavrov")
        panel = app.screen.search_panel
        results = panel.result_list
        assert results.option_count == 2
        assert panel.last_latency is not None
        # Each result: outlet, date, title, and snippets whose matched words carry a style.
        prompt = results.get_option_at_index(0).prompt
        assert "2025-10-21" in prompt.plain
        assert any(prompt.plain[s.start : s.end].lower().startswith("lavrov") for s in prompt.spans)
        await pilot.press("down")  # to the results
        assert app.focused is results
        await pilot.press("enter")  # open the first
        await settle(pilot)
        reader = app.screen.reader
        assert reader.article is not None
        assert reader.matches and reader.current == 0
        assert all(reader.article.text[s:e].lower().startswith("lavrov") for s, e in reader.matches)
        before = reader.current
        await pilot.press("n")
        await settle(pilot)
        expected = (before + 1) % len(reader.matches)
        assert reader.current == expected
        await pilot.press("N")
        await settle(pilot)
        assert reader.current == before
        assert "Match" in screen_text(app)


async def test_bad_query_gives_one_line_hint(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, '"budapest')
        hint = app.screen.query_one("#search-hint")
        assert hint.has_class("-error")
        assert "unbalanced quote" in str(hint.render())
        assert app.is_running


async def test_search_exception_is_a_hint_not_a_crash(library_double):
    def broken(query, **options):
        raise ValueError("date:[garbage TO x] is not a date range")

    library_double.search = broken
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "x")
        hint = str(app.screen.query_one("#search-hint").render())
        assert "Search failed" in hint and "date range" in hint and "\n" not in hint.strip()
        assert app.is_running


async def test_did_you_mean_offered_and_applied(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapset")
        results = app.screen.search_panel.result_list
        first = results.get_option_at_index(0)
        assert first.id == SUGGESTION_ID and "budapest" in first.prompt.plain
        hint = str(app.screen.query_one("#search-hint").render())
        assert "suggestion below" in hint and "above" not in hint
        await pilot.press("enter")  # no match: Enter in the box searches for the suggestion
        await settle(pilot)
        assert app.screen.search_panel.input.value == "budapest"
        assert results.option_count == 2  # a1 and b1
        await search_for(pilot, "")
        app.screen.search_panel.input.value = "budapset"
        await settle(pilot)
        await pilot.press("down", "enter")  # or choose it in the list
        await settle(pilot)
        assert app.screen.search_panel.input.value == "budapest"


async def test_stale_results_are_dropped(library_double):
    """An early slow search that answers after a later one must not replace its results."""
    library_double.slow_queries = {"mark"}
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.search_panel
        await pilot.press("slash", *"mark")
        await pilot.pause()
        await pilot.press(*"ets")  # "markets" answers while "mark" still waits
        for _ in range(50):
            await pilot.pause()
            if library_double.searches[-1:] == ["markets"] and panel.results is not None:
                break
        library_double.search_gate.set()  # now the stale "mark" search answers
        await settle(pilot)
        assert panel.current_query == "markets"
        hit_prompts = [
            panel.result_list.get_option_at_index(i).prompt.plain for i in range(panel.result_list.option_count)
        ]
        assert len(hit_prompts) == 1 and "Markets calm" in hit_prompts[0]
        assert "mark" in library_double.searches


async def test_escape_leaves_search_and_empty_query_clears(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        assert panel.result_list.option_count == 2
        await pilot.press(*["backspace"] * len("budapest"))
        await settle(pilot)
        assert panel.result_list.option_count == 0
        await pilot.press("escape")
        assert app.focused is app.screen.source_list


async def test_n_without_search_says_so(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("a2")
        await settle(pilot)
        app.screen.reader.focus()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.reader.current is None
        messages = notifications(app)
        assert any(m.startswith("No search to step through: press / to search") for m in messages), messages


async def test_result_click_opens(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "summit")
        results = app.screen.search_panel.result_list
        assert results.option_count == 2
        await pilot.click("#search-results", offset=(4, 1))
        await settle(pilot)
        assert app.screen.reader.article is not None


async def test_overlong_query_is_cut_with_a_notice(library_double):
    from reader.tui.widgets.search_panel import MAX_QUERY

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.search_panel.input.value = "budapest " * 2000
        await settle(pilot)
        assert len(library_double.searches[-1]) <= MAX_QUERY
        hint = str(app.screen.query_one("#search-hint").render())
        # the notice and what the search found, both (the count was hidden by the notice)
        assert "first 500 characters" in hint and "result" in hint, hint
        app.screen.search_panel.input.value = "zzzqqq " * 100
        await settle(pilot)
        hint = str(app.screen.query_one("#search-hint").render())
        assert "first 500 characters" in hint and "No matches" in hint, hint
