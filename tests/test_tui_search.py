"""Search as you type: results, highlights, stale answers dropped, hints, did-you-mean, n/N."""

from __future__ import annotations

import threading

import pytest
from conftest import drive, notifications, press_and_settle, screen_text, settle, wait_for, wheel, write
from reader.tui.app import ReaderApp
from reader.tui.messages import SearchFinished
from reader.tui.widgets.search_panel import HINT_LINES, SUGGESTION_ID
from textual.content import Content


async def search_for(pilot, text: str) -> None:
    await press_and_settle(pilot, "slash", *text)


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
        await press_and_settle(pilot, "enter")  # open the first
        reader = app.screen.reader
        assert reader.article is not None
        assert reader.matches and reader.current == 0
        assert all(reader.article.text[s:e].lower().startswith("lavrov") for s, e in reader.matches)
        before = reader.current
        await press_and_settle(pilot, "n")
        expected = (before + 1) % len(reader.matches)
        assert reader.current == expected
        await press_and_settle(pilot, "N")
        assert reader.current == before
        assert "Match" in screen_text(app)


async def test_bad_query_gives_one_line_hint(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "(budapest")
        hint = app.screen.query_one("#search-hint")
        assert hint.has_class("-error")
        assert "unbalanced parentheses" in str(hint.render())
        assert app.is_running


async def paste(pilot, text: str) -> None:
    """`text` pasted into the focused search box, as a terminal's bracketed paste sends it."""
    from textual import events

    pilot.app.screen.search_panel.input.post_message(events.Paste(text))
    await settle(pilot)


async def test_a_passage_pasted_with_a_quotation_mark_left_open_searches_its_words(seed_library):
    # A passage pasted from an article often opens a quotation it does not close: the app said
    # "unbalanced quote mark: close the phrase", which the user could not act on in a passage.
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash")
        await paste(pilot, 'Lavrov "Lavrov ')
        panel = app.screen.search_panel
        hint = app.screen.query_one("#search-hint")
        assert panel.results is not None and panel.results.error is None
        assert panel.result_list.option_count == 2 and not hint.has_class("-error")
        assert "quotation mark is left open" in str(hint.render())


async def test_a_passage_pasted_cut_mid_word_finds_its_article_and_highlights_it(seed_library):
    # A passage copied from an article starts and ends mid-word ("ary" of Secretary, "produc" of
    # productive): as pasted no article has it; the cut words left out, its article is listed,
    # the hint says which words were left out, and the article opens on the passage's words.
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash")
        await paste(pilot, '"ary Rubio and Foreign Minister Lavrov had a Produc"')
        panel = app.screen.search_panel
        hint = str(app.screen.query_one("#search-hint").render())
        assert panel.results is not None and panel.results.error is None
        assert panel.result_list.option_count >= 1
        assert "cut mid-word" in hint and "“ary”" in hint and "“Produc”" in hint  # the words as pasted
        await press_and_settle(pilot, "enter")
        reader = app.screen.reader
        assert reader.article is not None and reader.matches
        matched = " ".join(reader.article.text[s:e] for s, e in reader.matches)
        assert "Lavrov" in matched and "Rubio" in matched


def recorded_searches(library, monkeypatch, record) -> list:
    """The searches the app asks of `library` from now on, each as `record(query, options)` (the
    options with their defaults: unfinished False, cut_passages True)."""
    asked = []
    search = library.search

    def recorded(query, **options):
        asked.append(record(query, {"unfinished": False, "cut_passages": True, **options}))
        return search(query, **options)

    monkeypatch.setattr(library, "search", recorded)
    return asked


async def test_a_passage_typed_key_by_key_is_trimmed_once_its_last_word_is_finished(seed_library, monkeypatch):
    # Typed letter by letter, a passage that finds nothing is not searched again without its
    # ends at each key (the trimmed searches cost 30-70 ms a key on a large corpus): the space
    # after its last word finishes it, and then its cut first word is left out.
    asked = recorded_searches(seed_library, monkeypatch, lambda query, options: (query, options["cut_passages"]))
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "ary Rubio and Foreign Minister")
        panel = app.screen.search_panel
        assert panel.results is not None and not panel.results.hits and panel.results.cut_untried
        # (the hint says what the space will try, where it said only "No matches")
        assert "space or Enter also searches it without a word cut" in str(
            app.screen.query_one("#search-hint").render()
        )
        # (a space between two words finishes the word before: that query is searched whole)
        assert ("ary Rubio and Foreign Minis", False) in asked
        assert {query for query, cut in asked if cut and query.startswith("ary ")} <= {
            "ary Rubio and",
            "ary Rubio and Foreign",
        }
        await press_and_settle(pilot, "space")
        hint = str(app.screen.query_one("#search-hint").render())
        assert panel.result_list.option_count >= 1 and panel.results.trimmed == "Rubio and Foreign Minister"
        assert "cut mid-word" in hint and "“ary”" in hint
        asked.clear()
        await press_and_settle(pilot, "backspace", "backspace")  # a key rubbed out is typing too
        assert asked and set(asked) == {("ary Rubio and Foreign Ministe", False)}


async def test_typing_inside_the_query_searches_it_as_typed(seed_library, monkeypatch):
    # A key typed with the cursor inside the query read its last word as a prefix still typed
    # (that word is done: the cursor is elsewhere) and ran the trimmed searches at each key.
    asked = recorded_searches(
        seed_library, monkeypatch, lambda query, options: (query, options["unfinished"], options["cut_passages"])
    )
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "ary Rubio and Minist")
        panel = app.screen.search_panel
        await press_and_settle(pilot, *["left"] * len(" Minist"), "space", "F", "o", "backspace")
        asked.clear()
        await press_and_settle(pilot, "o")
        assert panel.input.value == "ary Rubio and Fo Minist"
        assert asked == [("ary Rubio and Fo Minist", False, False)]  # as typed, nothing trimmed
        assert panel.results is not None and not panel.results.begun and panel.results.cut_untried
        hint = str(app.screen.query_one("#search-hint").render())
        assert "Enter also searches it without a word cut" in hint and "space" not in hint
        # At the end again, the last word is typed on as before.
        await press_and_settle(pilot, "end")
        asked.clear()
        await press_and_settle(pilot, "e")
        assert asked[0] == ("ary Rubio and Fo Ministe", True, False)


async def test_a_change_read_after_the_keys_that_followed_it_is_not_read_as_typed_inside(seed_library, monkeypatch):
    # Backspace held at the end: each change was read once the box had lost more letters, its
    # cursor left of the change's end, and was searched as typed inside (no prefix, a did-you-mean).
    from textual.widgets import Input

    asked = recorded_searches(seed_library, monkeypatch, lambda query, options: (query, options["unfinished"]))
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "ary Rubio and Minist")
        panel = app.screen.search_panel
        with panel.input.prevent(Input.Changed):  # two keys rubbed out, their changes not yet read
            panel.input.value = "ary Rubio and Mini"
            panel.input.cursor_position = len("ary Rubio and Mini")
        asked.clear()
        panel.run_query("ary Rubio and Minis")  # the first change, read now
        await settle(pilot)
        assert asked[0] == ("ary Rubio and Minis", True), asked  # typed at the end: its last word typed on


async def test_typing_fast_then_pasting_5000_characters_shows_the_last_query_s_results(seed_library):
    # Each key starts a search (workers in threads, the older cancelled): the list shows the
    # last query's, never an older one's that finished later; a 5,000-character paste (quotes,
    # hyphens, non-Latin words) is cut to the box's limit, searched, and nothing breaks.
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"budapest", *["backspace"] * 8, *"lavrov")
        await settle(pilot)
        panel = app.screen.search_panel
        assert panel.current_query == panel.shown_query == "lavrov"
        assert panel.result_list.option_count == 2
        words = 'Lavrov "said" the well-known naïve Москва 東京 1,000 o’clock – “talks” '
        passage = (words * (5000 // len(words) + 1))[:5000]
        await pilot.press(*["backspace"] * 6)
        await paste(pilot, passage)
        assert passage.startswith(panel.input.value) and len(panel.input.value) > 500 and panel.cut
        assert panel.shown_query == panel.current_query and 0 < len(panel.current_query) <= 500
        assert panel.results is not None and panel.results.error is None
        assert "Only the first 500 characters" in str(app.screen.query_one("#search-hint").render())
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
        await press_and_settle(pilot, "enter")  # no match: Enter in the box searches for the suggestion
        assert app.screen.search_panel.input.value == "budapest"
        assert results.option_count == 2  # a1 and b1
        await search_for(pilot, "")
        app.screen.search_panel.input.value = "budapset"
        await settle(pilot)
        await press_and_settle(pilot, "down", "enter")  # or choose it in the list
        assert app.screen.search_panel.input.value == "budapest"


async def test_stale_results_are_dropped(library_double):
    """An early search whose answer arrives after a later one's must not replace its results:
    the answer for "m" (three articles) is still on its way when "arkets" is typed and "markets"
    (one) answers."""
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.search_panel
        held: list[SearchFinished] = []
        post = panel.post_message

        def holding_back_m(message):
            if isinstance(message, SearchFinished) and message.query == "m":
                held.append(message)  # answered, not yet delivered
                return True
            return post(message)

        panel.post_message = holding_back_m
        await pilot.press("slash", "m")
        await wait_for(pilot, lambda: held)
        await pilot.press(*"arkets")
        await wait_for(pilot, lambda: panel.shown_query == "markets")
        markets_ids = [hit.id for hit in panel.results.hits]
        assert [hit.id for hit in held[0].results.hits] != markets_ids  # a stale answer would show
        post(held[0])  # the stale "m" answer arrives after the newer one
        await settle(pilot)
        assert panel.current_query == panel.shown_query == "markets"
        assert [hit.id for hit in panel.results.hits] == markets_ids
        hit_prompts = [
            panel.result_list.get_option_at_index(i).prompt.plain for i in range(panel.result_list.option_count)
        ]
        assert len(hit_prompts) == 1 and "Markets calm" in hit_prompts[0]


async def test_a_fast_typist_sees_the_last_query_s_results_only_and_an_empty_box_clears_them(library_double):
    """Ten keys pressed without waiting, the earlier queries' searches slow: the list shows the
    last query's results, never an earlier query's; a search replaced while the one before ran
    never starts (ten ran at once, the last answer waiting for them all); ten backspaces as fast
    leave no hit, though a search they started answers afterwards."""
    typed = "minister b"
    library_double.slow_queries = {typed[:k].strip() for k in range(1, len(typed))}
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.search_panel
        shown: list[str] = []  # the query of each answer put on screen, in turn
        set_options = panel.result_list.set_options

        def showing(options):
            shown.append(panel.current_query)
            return set_options(options)

        panel.result_list.set_options = showing
        await pilot.press("slash", *typed)
        await wait_for(pilot, lambda: panel.current_query == typed)
        library_double.search_gate.set()  # the earlier search still running answers now
        await wait_for(pilot, lambda: panel.shown_query == typed)
        await settle(pilot)
        expected = [hit.id for hit in library_double.search(typed).hits]
        assert expected and [hit.id for hit in panel.results.hits] == expected
        assert panel.result_list.option_count == len(expected)
        assert shown == [typed]  # no earlier query's answer shown, before it or after
        assert library_double.searches[-2] == typed and len(library_double.searches) <= 3  # one earlier at most

        library_double.search_gate = threading.Event()  # the backspaces' searches wait
        await pilot.press(*["backspace"] * len(typed))
        await wait_for(pilot, lambda: panel.current_query == "")
        library_double.search_gate.set()
        await settle(pilot)
        assert panel.input.value == "" and panel.results is None
        assert panel.result_list.option_count == 0
        assert shown == [typed]


async def test_enter_before_the_results_is_taken_back_by_escape_or_typing_on(library_double):
    """Enter while the search still runs opens the top result when it comes; Escape (leaving the
    search) or typing on takes that back: the article opened later, and took the focus, under a
    user who had gone back to the list."""
    library_double.slow_queries = {"budapest"}
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"budapest", "enter", "escape")
        await pilot.pause()
        assert app.focused is app.screen.source_list
        library_double.search_gate.set()
        await settle(pilot)
        assert app.screen.reader.article is None
        assert app.focused is app.screen.source_list

        library_double.search_gate.clear()
        await pilot.press("slash", "ctrl+u", *"budapest", "enter", *" summit")
        await pilot.pause()
        library_double.search_gate.set()
        await settle(pilot)
        assert app.screen.search_panel.shown_query == "budapest summit"
        assert app.screen.reader.article is None  # Enter was for "budapest": not pressed again
        await press_and_settle(pilot, "enter")
        assert app.screen.reader.article is not None  # Enter itself still opens the top one


def held_open(library_double, fails: bool = False) -> threading.Event:
    """Opening an article waits for the returned gate (a long article's quotes take a while),
    then gives it, or fails when `fails`."""
    gate = threading.Event()
    load = library_double.article

    def article(target):
        gate.wait(10)
        if fails:
            raise OSError("disk unplugged")
        return load(target)

    library_double.article = article
    return gate


async def test_keys_typed_after_enter_are_for_the_article_it_opens(library_double):
    # "budapest⏎n" typed quickly put the n in the box, the article taking the focus a moment
    # later: the search became "budapestn" (no matches) and n stepped nowhere.
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        gate = held_open(library_double)
        await pilot.press("enter", "n")
        await pilot.pause()
        assert panel.input.value == "budapest" and app.screen.reader.article is None  # still opening
        gate.set()
        await wait_for(pilot, lambda: app.screen.reader.article is not None and app.screen.reader.current == 1)
        await settle(pilot)
        assert app.focused is app.screen.reader and app.screen.reader.current == 1  # the first hit, then n
        assert panel.input.value == "budapest" and panel.shown_query == "budapest"
        # Escape too: back from the article to the results (it left the search at once, the
        # article then opening over the source list)
        await press_and_settle(pilot, "escape", "slash")
        assert app.focused is panel.input and panel.input.value == "budapest"
        gate.clear()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.focused is panel.input and panel.display  # still opening: nothing left yet
        gate.set()
        await wait_for(pilot, lambda: app.focused is panel.result_list)
        assert panel.display and app.screen.reader.article is not None


async def test_keys_typed_after_an_enter_that_opened_nothing_go_back_to_the_box(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        gate = held_open(library_double, fails=True)
        await pilot.press("enter", *" summit")
        gate.set()
        await wait_for(pilot, lambda: panel.input.value == "budapest summit")
        await settle(pilot)
        assert app.focused is panel.input and panel.shown_query == "budapest summit"


async def test_escape_leaves_search_and_empty_query_clears(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        assert panel.result_list.option_count == 2
        await press_and_settle(pilot, *["backspace"] * len("budapest"))
        assert panel.result_list.option_count == 0
        await pilot.press("escape")
        assert app.focused is app.screen.source_list


async def test_escape_from_a_result_goes_back_to_the_results_on_its_row(library_double):
    """Side by side, Escape in an article opened from the results dropped them for the source
    list: the search had to be typed again to read the next result. It goes back to them, the
    cursor on the article read (J moved on to the second), as a narrow terminal did; Escape
    there leaves the search."""
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await search_for(pilot, "budapest")
        panel = screen.search_panel
        await press_and_settle(pilot, "enter", "J")
        second = panel.results.hits[1].id
        assert screen.reader.article is not None and screen.reader.article.id == second
        assert app.focused is screen.reader
        await press_and_settle(pilot, "escape")
        assert screen.query_one("#left").current == "search"
        assert app.focused is panel.result_list and panel.highlighted_hit() == second
        await press_and_settle(pilot, "escape")
        assert screen.query_one("#left").current == "sources" and app.focused is screen.source_list


async def test_n_without_search_says_so(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("a2")
        await settle(pilot)
        app.screen.reader.focus()
        await press_and_settle(pilot, "n")
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


def result_ids(panel) -> list[str]:
    results = panel.results
    return [hit.id for hit in results.hits] if results is not None else []


async def test_a_search_typed_while_the_index_is_built_is_answered_when_it_is_ready(library_double):
    """The first launch: the app builds the index; a search typed meanwhile said "there is no
    index yet; run `reader index`" (advice for the shell) and kept saying it once the index was
    there, until the query was typed again."""
    import threading

    from conftest import wait_for

    library_double.unindexed = True
    library_double.update_gate = threading.Event()
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await pilot.pause()
        panel = app.screen.search_panel
        await pilot.press("slash", *"budapest")
        await wait_for(pilot, lambda: panel.shown_query == "budapest")
        hint = app.screen.query_one("#search-hint")
        assert "being indexed" in str(hint.render()) and "reader index" not in str(hint.render())
        assert not hint.has_class("-error")
        library_double.update_gate.set()  # the index is built
        await settle(pilot)
        assert sorted(result_ids(panel)) == ["a1", "b1"]
        assert "2 results" in str(hint.render())


async def test_search_results_follow_files_added_to_and_removed_from_the_corpus(library_double):
    """The watcher updates the index when files come and go: the results on screen are searched
    again (they listed a removed article, which then could not be opened, and missed a new one),
    and the cursor stays on the result it was on."""
    from conftest import Doc

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        panel = app.screen.search_panel
        await search_for(pilot, "budapest")
        assert sorted(result_ids(panel)) == ["a1", "b1"]
        await pilot.press("down")
        results = panel.result_list
        results.highlighted = result_ids(panel).index("a1")
        del library_double.docs["b1"]  # its file removed; another added
        library_double.add(Doc("c1", "The Herald", "Budapest again", "2025-10-22", "Budapest, once more."))
        app.update_index()  # what the watcher does when a corpus folder changed
        await settle(pilot)
        assert sorted(result_ids(panel)) == ["a1", "c1"]
        assert panel.results.hits[results.highlighted].id == "a1"
        assert app.focused is results


async def test_an_article_with_more_matches_than_highlighted_says_so(library_double):
    # The core highlights the first MAX_HIGHLIGHTS matches only (400,000 took seconds): the status
    # line says so rather than pretend the article has that many.
    from reader.index.snippets import MatchRanges

    plain = library_double.match_ranges

    def capped(article_id, query):
        ranges = MatchRanges(plain(article_id, query))
        ranges.capped = True
        return ranges

    library_double.match_ranges = capped
    app = ReaderApp(library_double)
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("a1", "budapest")
        await settle(pilot)
        count = len(app.screen.reader.matches)
        assert count
        assert f"over {count:,} matches (the first {count:,} highlighted)" in screen_text(app)
        app.screen.reader.focus()
        await press_and_settle(pilot, "n")
        assert f"of the first {count:,} for: budapest" in screen_text(app)


async def test_a_multi_line_paste_is_searched_whole(seed_library):
    # Textual's Input kept only the first line of a paste: a quotation copied across two lines
    # searched for its first words alone. Every box of the app keeps all of it, on one line.
    from textual import events
    from textual.widgets import Input

    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        box = app.screen.query_one("#search-input", Input)
        box.post_message(events.Paste('"no plans for President Trump\n  to meet"\n'))
        await settle(pilot)
        assert box.value == '"no plans for President Trump to meet"'
        assert app.screen.search_panel.result_list.option_count == 2  # the phrase, whole
        await pilot.press("escape")
        await pilot.press("f")
        filter_box = app.screen.query_one("#filter", Input)
        filter_box.post_message(events.Paste("fox\nnews"))
        await settle(pilot)
        assert filter_box.value == "fox news"


async def test_an_overlong_query_is_cut_between_two_words(seed_library):
    # A long paste was cut at 500 characters, mid-word: "lavrov lavrov … la" found nothing,
    # under a notice saying the first 500 characters had been searched.
    from reader.tui.widgets.search_panel import MAX_QUERY

    app = ReaderApp(seed_library)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        panel = app.screen.search_panel
        panel.input.value = "lavrov " * 100
        await settle(pilot)
        assert panel.current_query.split() == ["lavrov"] * (MAX_QUERY // len("lavrov "))
        assert panel.result_list.option_count == 2
        assert "first 500 characters" in str(app.screen.query_one("#search-hint").render())


async def test_keys_in_the_results_act_on_the_highlighted_result(library_double):
    # s, u, c, o, y in the results acted on the hidden source list's cursor (here "Markets
    # calm"), not on the result under the cursor; with none there, c said to open one first.
    from reader.state.marks import Mark
    from reader.tui.screens.compare import CompareScreen

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.source_list.focus()
        app.screen.source_list.reveal("a2")
        await settle(pilot)
        await search_for(pilot, "budapest")
        await press_and_settle(pilot, "down", "down")  # to the results, then to the second: b1
        assert app.focused is app.screen.search_panel.result_list
        await press_and_settle(pilot, "s")
        await app.workers.wait_for_complete()
        assert library_double.marks.all() == {"b1": Mark(starred=True)}
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.left_id == "b1"


async def test_a_result_shows_a_paragraph_break_as_one_space_with_the_match_styled(tmp_path):
    """The snippet read "2014.  The former": each newline of the article a space."""
    from reader.library import Library

    corpus = tmp_path / "corpus"
    body = "The vote was held in 2014.\n\nThe former minister resigned.\n\n\nHe left the party."
    write(corpus / "vote.md", f"---\ntitle: Vote\noutlet: Daily\n---\n\n{body}\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (120, 40)) as pilot:
            await settle(pilot)
            await search_for(pilot, "former")
            results = app.screen.search_panel.result_list
            await wait_for(pilot, lambda: results.option_count == 1)
            prompt = results.get_option_at_index(0).prompt
            # the whole article: no "…" before or after it, as if it went on
            snippet = "The vote was held in 2014. The former minister resigned. He left the party."
            assert prompt.plain.rsplit("\n", 1)[-1].strip() == snippet and "…" not in prompt.plain
            styled = [prompt.plain[s.start : s.end] for s in prompt.spans if s.start > prompt.plain.index(snippet)]
            assert styled == ["former"]
    finally:
        library.close()


async def test_a_phrase_is_highlighted_where_it_stands_in_the_results_and_the_article(tmp_path):
    """`"climate change"` styled every lone "change" too: now its words inside the phrase only."""
    from reader.library import Library

    corpus = tmp_path / "corpus"
    body = "Change came slowly. Leaders discussed climate change today. The climate was tense."
    write(corpus / "climate.md", f"---\ntitle: Summit\noutlet: Daily\n---\n\n{body}\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (120, 40)) as pilot:
            await settle(pilot)
            await search_for(pilot, '"climate change"')
            results = app.screen.search_panel.result_list
            await wait_for(pilot, lambda: results.option_count == 1)
            prompt = results.get_option_at_index(0).prompt
            start = prompt.plain.index("Change came")
            assert [prompt.plain[s.start : s.end] for s in prompt.spans if s.start >= start] == ["climate", "change"]
            await press_and_settle(pilot, "enter")
            reader = app.screen.reader
            await wait_for(pilot, lambda: reader.article is not None and reader.matches)
            text = reader.article.text
            assert [text[s:e] for s, e in reader.matches] == ["climate", "change"]
            assert text[reader.matches[0][0] :].startswith("climate change today")
    finally:
        library.close()


async def test_a_quotation_mark_typed_inside_a_phrase_is_one_of_its_words(tmp_path):
    """`"he said \\"no\\""` was the phrase "he said" and the word no: the search box reads
    it as the command line does, one phrase."""
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / "yes.md", "---\ntitle: Yes\noutlet: Daily\n---\n\nHe said yes. No one asked.\n")
    write(corpus / "no.md", '---\ntitle: Refusal\noutlet: Daily\n---\n\nAsked, he said "no" and left.\n')
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (120, 40)) as pilot:
            await settle(pilot)
            await search_for(pilot, '"he said \\"no\\""')
            panel = app.screen.search_panel
            assert panel.input.value == '"he said \\"no\\""'
            results = panel.result_list
            await wait_for(pilot, lambda: results.option_count == 1)
            assert "Refusal" in results.get_option_at_index(0).prompt.plain
    finally:
        library.close()


def add_walrus_articles(library, count: int) -> None:
    from conftest import Doc

    for number in range(count):
        library.add(Doc(f"w{number}", "The Herald", f"Walrus sighting {number}", "2025-10-22", "A walrus again."))


async def test_the_results_past_the_first_page_load_as_the_cursor_reaches_the_end(library_double):
    """The hint said "50 of 151 results" and left no way to the other 101: they load, a page at a time, when the
    cursor comes near the end of the list, and the hint's count grows with them."""
    from reader.tui.widgets.search_panel import RESULT_LIMIT

    add_walrus_articles(library_double, 2 * RESULT_LIMIT + 21)
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "walrus")
        panel = app.screen.search_panel
        results = panel.result_list
        hint = app.screen.query_one("#search-hint")
        assert results.option_count == RESULT_LIMIT
        assert f"{RESULT_LIMIT} of 121 results" in str(hint.render())
        await pilot.press("down", "end")  # to the list, to its last result
        await wait_for(pilot, lambda: results.option_count == 2 * RESULT_LIMIT)
        assert results.highlighted == RESULT_LIMIT - 1  # the cursor stays where it was
        assert f"{2 * RESULT_LIMIT} of 121 results" in str(hint.render())
        await pilot.press("end")
        await wait_for(pilot, lambda: results.option_count == 121)
        assert "121 results" in str(hint.render()) and " of " not in str(hint.render()).split("results")[0]
        # Each result once, in the index's order, and the last one opens.
        assert [hit.id for hit in panel.results.hits] == [f"w{n}" for n in range(121)]
        await press_and_settle(pilot, "end", "enter")
        assert app.screen.reader.article.id == "w120"


async def test_the_results_past_the_first_page_load_as_the_mouse_wheel_or_scrollbar_reaches_the_end(library_double):
    """Scrolled to the end with the wheel (or the scrollbar, or the page keys), the list stayed at 50 of 121:
    only the keyboard cursor near the end asked for more. Now the end coming in sight does, whatever moved
    the list, and the cursor comes along, on screen."""
    from reader.tui.widgets.search_panel import RESULT_LIMIT

    add_walrus_articles(library_double, 2 * RESULT_LIMIT + 21)
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "walrus")
        results = app.screen.search_panel.result_list
        assert results.option_count == RESULT_LIMIT and results.highlighted == 0
        while results.scroll_y < results.max_scroll_y and results.option_count == RESULT_LIMIT:
            await wheel(pilot, results, 10)
        await wait_for(pilot, lambda: results.option_count == 2 * RESULT_LIMIT)
        first_shown = results._lines[round(results.scroll_y)][0]
        assert results.highlighted in (first_shown, first_shown + 1)  # the cursor came along, on screen
        results.scroll_end(animate=False)  # as a drag of the scrollbar to its bottom does
        await wait_for(pilot, lambda: results.option_count == 121)
        assert results.highlighted >= results._lines[round(results.scroll_y)][0]
        hint = str(app.screen.query_one("#search-hint").render())
        assert "121 results" in hint and "more load" not in hint


async def test_a_terminal_made_tall_enough_to_show_the_list_s_end_loads_more(library_double):
    """No wheel, no cursor: the whole first page in sight is its end reached."""
    from reader.tui.widgets.search_panel import RESULT_LIMIT

    add_walrus_articles(library_double, RESULT_LIMIT + 7)
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "walrus")
        results = app.screen.search_panel.result_list
        assert results.option_count == RESULT_LIMIT
        tall = results.virtual_size.height + 20
        await pilot.resize_terminal(100, tall)  # all of it in sight, nothing scrolled
        await wait_for(pilot, lambda: results.option_count == RESULT_LIMIT + 7)
    app = ReaderApp(library_double)
    async with drive(app, (100, tall)) as pilot:  # so tall from the start
        await settle(pilot)
        await search_for(pilot, "walrus")
        results = app.screen.search_panel.result_list
        await wait_for(pilot, lambda: results.option_count == RESULT_LIMIT + 7)


async def test_a_search_again_after_more_loaded_keeps_them_listed(library_double):
    from reader.tui.widgets.search_panel import RESULT_LIMIT

    add_walrus_articles(library_double, RESULT_LIMIT + 5)
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "walrus")
        panel = app.screen.search_panel
        await pilot.press("down", "end")
        await wait_for(pilot, lambda: panel.result_list.option_count == RESULT_LIMIT + 5)
        panel.refresh_results()  # the index changed
        await wait_for(pilot, lambda: library_double.searches.count("walrus") >= 3)
        await settle(pilot)
        assert panel.result_list.option_count == RESULT_LIMIT + 5


async def test_no_matches_names_the_query_literally_with_the_core_s_notes(library_double):
    from reader.index import SearchResults

    def nothing(query, **options):
        return SearchResults(query, notes=["outlet:planet names no outlet of the corpus"])

    library_double.search = nothing
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "[bold]zzz[/] outlet:planet")
        hint = app.screen.query_one("#search-hint").render()
        text = str(hint)
        assert "No matches for “[bold]zzz[/] outlet:planet”." in text, text  # as typed, not markup
        assert "outlet:planet names no outlet of the corpus." in text


async def test_the_boxes_placeholders_fit_their_width_whole():
    """At 90 to 120 columns the filter box showed "Filter: words, is:unread, is:starred," cut
    on a comma: each box shows the longest of its placeholders that fits."""
    from rich.cells import cell_len

    from conftest import double_library

    for size in ((90, 30), (100, 30), (120, 30), (60, 20), (200, 40)):
        app = ReaderApp(double_library())
        async with drive(app, size) as pilot:
            # The search box, then the filter box shown again (each hidden while the other is shown).
            for key, box_id in (("slash", "#search-input"), ("escape", "#filter")):
                await press_and_settle(pilot, key)
                box = app.screen.query_one(box_id)
                width = box.content_size.width
                assert 0 < cell_len(box.placeholder) <= width, (size, box_id, box.placeholder, width)
                assert not box.placeholder.endswith(","), (size, box.placeholder)
            if size[0] >= 200:  # room for all of it
                assert "since:" in box.placeholder


def status_text(app) -> str:
    return str(app.screen.query_one("#status-text").render())


async def test_the_status_line_says_what_the_search_typed_finds_never_an_earlier_action_s_line(library_double):
    """Typing a search left "Sorted newest first." (or an article's matches, "Match 2 of 3 for: budapest") on
    the status line under the new query's results. It now says what the search finds, then nothing once
    the box is emptied or the search left."""
    add_walrus_articles(library_double, 3)
    gate = library_double.search_gate
    library_double.slow_queries = {"walrus"}
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")  # an earlier action's line
        await wait_for(pilot, lambda: status_text(app).startswith("Sorted"))
        await pilot.press("slash", *"walrus")
        await wait_for(pilot, lambda: status_text(app) == "Searching for “walrus”…")
        gate.set()
        await settle(pilot)
        assert status_text(app) == "“walrus”: 3 results."
        await press_and_settle(pilot, *["backspace"] * 6, *"zebra")
        assert status_text(app) == "No matches for “zebra”."
        await press_and_settle(pilot, *["backspace"] * 5)
        assert status_text(app) == ""
        await press_and_settle(pilot, *"walrus")
        assert status_text(app) == "“walrus”: 3 results."
        await press_and_settle(pilot, "escape")  # the search left for the list
        assert status_text(app) == ""


async def test_n_and_N_go_on_from_what_is_on_screen_after_the_article_was_scrolled(library_double):
    """n after scrolling down with the wheel went back up to the match after the last one n
    showed; N after scrolling up, back down. They go on from the view now, as in `less`."""
    from conftest import Doc

    body = "\n\n".join(f"Paragraph {n}: the walrus came back." + " Filler words here." * 12 for n in range(40))
    library_double.add(Doc("long", "The Herald", "Walrus watch", "2025-10-22", body))
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("long", "walrus")
        await settle(pilot)
        reader = app.screen.reader
        assert reader.current == 0 and len(reader.matches) >= 40
        reader.focus()
        await wheel(pilot, reader, 40)  # well past the first matches
        await settle(pilot)
        top = reader.scroll_y
        assert top > 20
        await press_and_settle(pilot, "n")
        assert reader.current > 1  # not match 2, up where the view was
        assert reader._in_view(reader.current) and reader._match_row(reader.current) >= top
        now = reader.current
        await press_and_settle(pilot, "n")
        assert reader.current == now + 1  # in view: the next one, as before
        await wheel(pilot, reader, 40)
        await settle(pilot)
        await press_and_settle(pilot, "N")
        assert reader._in_view(reader.current)
        assert reader.current > now + 1  # the last match above the view's bottom, not the one before
        assert f"Match {reader.current + 1} of" in screen_text(app)


async def test_n_pressed_fast_steps_on_before_the_view_has_caught_up(library_double):
    """A second n before the first one's scroll is drawn is still the next match (the view-based
    step must not read the view the first n is leaving)."""
    from conftest import Doc

    body = "\n\n".join(f"Paragraph {n}: the walrus came back." + " Filler words here." * 200 for n in range(10))
    library_double.add(Doc("long", "The Herald", "Walrus watch", "2025-10-22", body))
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("long", "walrus")
        await settle(pilot)
        reader = app.screen.reader
        assert reader.current == 0
        await reader.step_hit(+1)  # its scroll waits for the next refresh
        await reader.step_hit(+1)
        await settle(pilot)
        assert reader.current == 2 and reader._in_view(2)


class _UnreadableIndex:
    """An index with no searcher: `problem` says why (damaged), or None (never built)."""

    def __init__(self, problem: str | None):
        self.problem = problem

    def searcher(self):
        return None


async def test_the_index_errors_in_the_search_hint_name_the_command_in_words_not_backticks(library_double):
    # "the index is damaged (…); run `reader index --rebuild`" came from the core, as the CLI says
    # it: the hint renders no Markdown and showed the backticks raw. The CLI keeps its wording.
    from reader.index.search import run_search
    from reader.wording import on_screen

    index = _UnreadableIndex("the index is damaged (segment file x.seg is missing)")
    library_double.search = lambda query, **options: run_search(index, query, **options)
    app = ReaderApp(library_double)
    async with drive(app, (150, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        hint = app.screen.query_one("#search-hint")
        assert hint.has_class("-error")
        assert str(hint.render()) == (
            "the index is damaged (segment file x.seg is missing); run the command reader index --rebuild in a shell"
        )
        assert "`" not in screen_text(app) and not any("`" in t for t in notifications(app))
    cli = run_search(index, "budapest")
    assert cli.error == "the index is damaged (segment file x.seg is missing); run `reader index --rebuild`"
    assert run_search(_UnreadableIndex(None), "x").error == "there is no index yet; run `reader index`"
    assert on_screen(run_search(_UnreadableIndex(None), "x").error) == (
        "there is no index yet; run the command reader index in a shell"
    )


async def test_a_querys_own_backticks_stay_in_the_search_hint(library_double):
    # Only the advice's backticks go: an error quoting the query keeps what the user typed.
    from reader.index.search import SearchResults

    library_double.search = lambda query, **options: SearchResults(query, error=f"cannot search for {query}")
    app = ReaderApp(library_double)
    async with drive(app, (150, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "`x`")
        assert "cannot search for `x`" in str(app.screen.query_one("#search-hint").render())


async def test_a_search_that_raises_names_the_errors_command_in_words_and_keeps_the_querys_backticks(
    library_double,
):
    # The exception's message was put in an f-string: its command came out in backticks.
    from reader.index.update import count_mismatch

    def failing(query, **options):
        raise count_mismatch(3, 4)

    library_double.search = failing
    app = ReaderApp(library_double)
    async with drive(app, (200, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "`reader index`")
        hint = app.screen.query_one("#search-hint")
        await wait_for(pilot, lambda: "Search failed" in str(hint.render()))
        assert str(hint.render()) == (
            "Search failed: IndexFailure: the index holds 3 articles, expected 4; run the command reader index "
            "--rebuild in a shell"
        )
        assert "The search for “`reader index`” failed." in screen_text(app)


async def test_ctrl_q_after_enter_quits_at_once_not_once_the_article_shows(library_double):
    # Held with the letters, ctrl+q quit only once the article showed (or 3 s on).
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        gate = held_open(library_double)
        await pilot.press("enter", "ctrl+q")
        await pilot.pause()
        assert app._exiting and app.screen.reader.article is None
        gate.set()


async def test_a_paste_after_enter_keeps_its_place_among_the_keys(library_double):
    # A paste was never held: it landed in the box before the keys typed ahead of it.
    from textual import events

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        gate = held_open(library_double, fails=True)
        await pilot.press("enter", "space")
        app.post_message(events.Paste("sum"))
        await pilot.press(*"mit")
        await pilot.pause()
        assert panel.input.value == "budapest"  # nothing typed while held
        gate.set()
        await wait_for(pilot, lambda: panel.input.value == "budapest summit")


async def test_keys_held_for_an_article_are_not_typed_into_a_dialog_opened_meanwhile(library_double):
    # Replayed to whatever had the focus: the Escape meant for the article closed the help.
    from reader.tui.screens.help import HelpScreen

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        gate = held_open(library_double)
        await pilot.press("enter", "escape")
        await pilot.pause()
        app.action_help()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        gate.set()
        await wait_for(pilot, lambda: app.main_screen.reader.article is not None)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_quit_key_typed_before_the_article_showed_does_not_quit_once_it_shows(library_double):
    # "budapest⏎q": q typed in the box, held, then pressed on the article: the app quit.
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        gate = held_open(library_double)
        await pilot.press("enter", "q", "n")
        gate.set()
        await wait_for(pilot, lambda: app.screen.reader.article is not None and app.screen.reader.current == 1)
        await settle(pilot)
        assert app.is_running and not app._exiting
        assert "q was typed before the article showed: press it again to quit." in notifications(app)


async def test_keys_stay_held_past_the_hold_time_while_the_article_still_opens(library_double, monkeypatch):
    # 3 s on, the keys went into the box of an article still opening (a long one's quotes):
    # "budapestn" searched, then the article showed under it, its n lost.
    from reader.tui.widgets.search_panel import SearchInput

    monkeypatch.setattr(SearchInput, "HOLD_SECONDS", 0.05)
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        panel = app.screen.search_panel
        box = panel.input
        gate = held_open(library_double)
        await pilot.press("enter", "n")
        first = box._hold_timer
        await wait_for(pilot, lambda: box._hold_timer is not first)  # the hold time is over
        assert panel.input.value == "budapest" and box._hold_timer is not None  # held on
        gate.set()
        await wait_for(pilot, lambda: app.screen.reader.article is not None and app.screen.reader.current == 1)
        await settle(pilot)
        assert panel.input.value == "budapest" and box._hold_timer is None


async def test_a_click_after_enter_takes_over_from_it(library_double):
    # "budapest⏎n", then a click on the second result, then a click back into the box and "x":
    # the n stayed held for the article Enter asked for, and so did the x, typed in the box
    # seconds later as "budapestnx"; the article Enter asked for then took the focus.
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        screen, panel = app.screen, app.screen.search_panel
        second = panel.results.hits[1].id
        gate = held_open(library_double)
        await pilot.press("enter", "n")
        await pilot.click("#search-results", offset=(6, 5))  # the second result's title
        await pilot.click("#search-input")
        await pilot.press("end", "x")
        await pilot.pause()
        assert panel.input.value == "budapestx" and app.focused is panel.input
        gate.set()
        await wait_for(pilot, lambda: screen.reader.article is not None and screen.reader.article.id == second)
        await settle(pilot)
        assert app.focused is panel.input and panel.input.value == "budapestx"


async def test_a_click_after_enter_keeps_the_focus_where_it_put_it(library_double):
    # A click on the results list (below its last result: no article chosen) while the top one
    # opens: the article, shown, took the focus from the list the click had focused.
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        screen, panel = app.screen, app.screen.search_panel
        results = panel.result_list
        gate = held_open(library_double)
        await pilot.press("enter", "j")
        await pilot.click(results, offset=(6, results.region.height - 2))
        assert app.focused is results and results.highlighted == 0
        gate.set()
        await wait_for(pilot, lambda: screen.reader.article is not None)
        await settle(pilot)
        assert app.focused is results and screen.reader.current == 0  # no j replayed
        assert screen.reader.article.id == panel.results.hits[0].id


def _with_a_long_article(library_double, match_at_paragraph: int):
    """a1's text made long: 30 paragraphs, "walrus" in paragraph `match_at_paragraph` alone."""
    from conftest import Doc

    paragraphs = [f"Paragraph {i} tells of the talks in the capital, at some length." for i in range(30)]
    paragraphs[match_at_paragraph] = "The walrus came to the talks."
    title = "A long title that says at great length what the talks in the capital were about today"
    library_double.add(Doc("a1", "Daily Planet", title, "2025-10-21", "\n\n".join(paragraphs)))


async def test_an_article_opened_at_a_match_near_its_top_keeps_its_header_in_sight(library_double):
    # At 80x24 the jump to the first match scrolled the header (title, outlet, date) away even
    # when the match was in sight with the article at its top.
    _with_a_long_article(library_double, 3)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"walrus", "enter")
        reader = app.screen.reader
        await wait_for(pilot, lambda: reader.article is not None and reader.current == 0)
        await settle(pilot)
        shown = screen_text(app)
        assert reader.scroll_y == 0
        assert "A long title that says" in shown and "Daily Planet · 2025-10-21" in shown
        assert "The walrus came to the talks." in shown


async def test_an_article_opened_at_a_match_far_down_pins_a_line_saying_which_it_is(library_double):
    # The match far down: scrolled to, and the article named on a line pinned over it (outlet and
    # date first, the long title cut at the edge), until the header is back in sight.
    _with_a_long_article(library_double, 25)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"walrus", "enter")
        reader = app.screen.reader
        await wait_for(pilot, lambda: reader.article is not None and reader.current == 0)
        await settle(pilot)
        shown = screen_text(app)
        assert reader.scroll_y > 0 and "The walrus came to the talks." in shown
        pinned = reader.query_one("#reader-pinned")
        assert pinned.display and pinned.region.y == reader.region.y
        line = shown.splitlines()[pinned.region.y]
        assert "Daily Planet · 2025-10-21 · A long title that says" in line and line.rstrip().endswith("…")
        await press_and_settle(pilot, "home")
        assert reader.scroll_y == 0 and not pinned.display


async def test_tab_from_the_empty_box_does_not_go_to_the_empty_results(library_double):
    # Tab went to the empty results list, where the footer offered "⏎ Open" and nothing opened.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.search_panel
        await press_and_settle(pilot, "slash", "tab")
        assert app.focused is panel.input  # nothing else to go to: no article open
        assert "⏎ Open" not in screen_text(app).rstrip().splitlines()[-1]
        # With results, Tab moves to them as the hint says.
        await press_and_settle(pilot, *"budapest", "tab")
        assert app.focused is panel.result_list


async def test_a_click_that_puts_the_focus_nowhere_after_enter_takes_nothing_over(library_double):
    # "budapest⏎n", then a click on the status line, the results' scrollbar and a toast (to
    # dismiss it) while the article opens: the n was dropped and the article, shown, left the
    # focus in the box.
    from conftest import Doc
    from textual.scrollbar import ScrollBar
    from textual.widgets._toast import Toast

    for i in range(60):  # results enough for a scrollbar
        library_double.add(Doc(f"b{i}", "Outlet", f"Budapest story {i}", "2025-10-01", "Budapest again."))
    app = ReaderApp(library_double)
    async with drive(app, (120, 40), toasts=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        screen, panel = app.screen, app.screen.search_panel
        results = panel.result_list
        y = results.region.y + 10
        bar_x = next(x for x in range(results.region.right) if isinstance(screen.get_widget_at(x, y)[0], ScrollBar))
        gate = held_open(library_double)
        await pilot.press("enter", "n")
        await pilot.click("#status")
        await pilot.click(offset=(bar_x, y))
        assert results.scroll_y > 0  # the click scrolled the list
        app.notify("A toast over the article", timeout=30)
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.click(app.screen.query(Toast).first())
        gate.set()
        await wait_for(pilot, lambda: screen.reader.article is not None)
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.current == 1  # the n stepped
        assert panel.input.value == "budapest"


async def test_one_pane_a_click_back_into_the_box_after_enter_keeps_the_search(library_double):
    # At 80x24 (one pane), "budapest⏎", a click back into the box and "x" while the article
    # opens: the article, shown, replaced the search and took the focus, and what was typed
    # next went to it as its keys. It opens behind the search, the box keeping the focus.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        screen, panel = app.screen, app.screen.search_panel
        gate = held_open(library_double)
        await pilot.press("enter")
        await pilot.click("#search-input")
        await pilot.click("#search-input")  # a second click: still taken over
        await pilot.press("end", "x")
        gate.set()
        await wait_for(pilot, lambda: screen.reader.article is not None)
        await settle(pilot)
        assert app.focused is panel.input and panel.input.display and panel.input.region.height
        assert not screen.has_class("-no-sidebar")
        await press_and_settle(pilot, "backspace", "q")
        assert panel.input.value == "budapestq" and app.is_running


async def test_a_key_typed_after_a_paste_held_since_enter_is_pressed_in_the_article(library_double):
    # "budapest⏎", a paste, then n, before the article showed: the paste was passed to the
    # article, and the n after it went on to the article too but never back up to the app,
    # which runs the screen's keys: n did not step to the next match.
    from textual import events

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "budapest")
        screen, panel = app.screen, app.screen.search_panel
        gate = held_open(library_double)
        await pilot.press("enter")
        app.post_message(events.Paste("pasted"))
        await pilot.press("n")
        gate.set()
        await wait_for(pilot, lambda: screen.reader.article is not None)
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.current == 1
        assert panel.input.value == "budapest"


async def test_a_resize_keeps_the_match_stepped_to_in_sight_below_the_pinned_line(library_double):
    # Opened at a match far down at 80x24, the terminal then narrowed to 40x12 and widened back:
    # the view kept its row while the text wrapped anew, and showed another part of the article,
    # the match out of sight (the line pinned over it still naming the article).
    _with_a_long_article(library_double, 25)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"walrus", "enter")
        reader = app.screen.reader
        await wait_for(pilot, lambda: reader.article is not None and reader.current == 0)
        await settle(pilot)
        pinned = reader.query_one("#reader-pinned")
        for size in ((40, 12), (80, 24), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            rows = screen_text(app).splitlines()[reader.region.y : reader.region.bottom]
            assert pinned.display and "Daily Planet · 2025-10-21" in rows[0], size
            assert any("The walrus came" in row for row in rows[1:]), (size, rows, reader.scroll_y)


async def test_a_narrower_terminal_keeps_a_match_seen_at_the_articles_top_in_sight(library_double):
    # Opened at its top, the match in sight below the header at 80x24; narrowed to 40x12, the
    # view stayed at the top and the match went below it.
    _with_a_long_article(library_double, 3)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"walrus", "enter")
        reader = app.screen.reader
        await wait_for(pilot, lambda: reader.article is not None and reader.current == 0)
        await settle(pilot)
        assert reader.scroll_y == 0
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        rows = screen_text(app).splitlines()[reader.region.y : reader.region.bottom]
        assert any("The walrus came" in row for row in rows[1:]), rows


def hillary_library(tmp_path):
    """A real library whose index has "hillary" and "his" (the term `hi`, one edit from "hil")."""
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / "a.md", "---\ntitle: Clinton speaks\noutlet: Daily\n---\n\nHillary Clinton gave a speech.\n")
    write(corpus / "b.md", "---\ntitle: Budget passes\noutlet: Daily\n---\n\nThe mayor said his budget passed.\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.ensure_index()
    return library


def suggestion(panel) -> str | None:
    """The did-you-mean listed, or None."""
    results = panel.result_list
    if not results.option_count or results.get_option_at_index(0).id != SUGGESTION_ID:
        return None
    return results.get_option_at_index(0).prompt.plain


async def test_no_did_you_mean_for_the_word_being_typed_until_it_is_finished(tmp_path):
    # Typing "hil" on the way to "hillary" listed "Did you mean: his ?" at the third letter.
    library = hillary_library(tmp_path)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await settle(pilot)
            panel = app.screen.search_panel
            await search_for(pilot, "hil")
            await wait_for(pilot, lambda: panel.shown_query == "hil")
            # Being typed, it lists what the words it begins find (hillary), with no suggestion,
            # and says so; the article opened highlights those words, as the next pages are theirs.
            assert suggestion(panel) is None and [h.title for h in panel.results.hits] == ["Clinton speaks"]
            assert panel.status_line("hil") == "“hil”: words beginning with “hil”: 1 result."
            assert str(panel._hint[0]).startswith("words beginning with “hil”: 1 result (a space searches")
            assert panel.searched_query() == "hil*"
            await press_and_settle(pilot, *"lary")  # the word goes on: its articles
            await wait_for(pilot, lambda: panel.shown_query == "hillary")
            assert [h.title for h in panel.results.hits] == ["Clinton speaks"]
            # Finished (a space), a word of no article: the suggestion, Enter takes it.
            await press_and_settle(pilot, *["backspace"] * 4)
            await wait_for(pilot, lambda: panel.shown_query == "hil")
            assert suggestion(panel) is None
            await press_and_settle(pilot, "space")
            await wait_for(pilot, lambda: suggestion(panel) is not None)
            assert "his" in suggestion(panel) and panel.results.hits == []
            assert str(panel._hint[0]).startswith("No matches for “hil”. Enter searches for “his”")
            assert panel.status_line("hil") == "No matches for “hil”." and panel.searched_query() == "hil"
            await press_and_settle(pilot, "enter")
            assert panel.input.value.strip() == "his"
    finally:
        library.close()


async def test_a_space_after_the_word_finishes_it_and_a_word_before_it_is_corrected_at_once(tmp_path):
    library = hillary_library(tmp_path)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await settle(pilot)
            panel = app.screen.search_panel
            await search_for(pilot, "hil")
            await wait_for(pilot, lambda: panel.shown_query == "hil")
            assert suggestion(panel) is None
            await press_and_settle(pilot, "space")
            await wait_for(pilot, lambda: suggestion(panel) is not None)
            assert "his" in suggestion(panel)
            await press_and_settle(pilot, *"clin")  # "hil" is done: corrected while "clin" is typed
            await wait_for(pilot, lambda: panel.shown_query == "hil clin")
            assert "his clin" in (suggestion(panel) or "")
    finally:
        library.close()


@pytest.mark.parametrize(
    "query",
    [
        "budget?",
        "presiden?",
        "colo?r",
        "budget~abc",
        "AT&T",
        "C++",
        "C+",
        "x#y",
        "date:>2024",
        "date:202?",
        "\U0001f525",
    ],
)
async def test_the_app_searches_the_queries_read_otherwise_as_the_command_line_does(tmp_path, query):
    """A ? ending a word, a ~ with no number, a name of symbols, a date compared, emoji: the app's
    search as you type (its last word perhaps unfinished) gives the hint, results and suggestion
    the finished query gives `reader search`, and a long hint shows what to do in its three rows."""
    from reader.library import Library
    from reader.tui.widgets.clamped import clamp

    corpus = tmp_path / "corpus"
    write(corpus / "vote.md", "---\ntitle: Budget vote\noutlet: Daily\n---\n\nThe budget vote. The president spoke.\n")
    write(corpus / "att.md", "---\ntitle: AT&T deal\noutlet: Daily\n---\n\nAT&T and C++ news. The colour.\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await settle(pilot)
            await search_for(pilot, query)
            panel = app.screen.search_panel
            await wait_for(pilot, lambda: panel.results is not None and panel.shown_query == query)
            expected = library.search(query)  # as `reader search` runs it: the query finished
            assert panel.results.error == expected.error
            assert [h.id for h in panel.results.hits] == [h.id for h in expected.hits]
            assert panel.results.corrected == expected.corrected
            if query in ("AT&T", "C++"):  # words of their own (terms v23)
                assert [h.id for h in panel.results.hits] == ["att"]
            elif "&" in query or "+" in query or "#" in query:
                hint = panel.query_one("#search-hint")
                shown = clamp(Content(str(hint.render())), hint.content_region.width, HINT_LINES)
                assert "the list filter (f) finds it in titles" in " ".join(line.plain for line in shown)
    finally:
        library.close()


async def test_the_hits_lines_are_made_and_wrapped_in_the_searchs_worker(seed_library, monkeypatch):
    # Made on the event loop, 50 hits' lines (made, then wrapped by the list's measuring) held it
    # ~100 ms of CPU at each key typed on 2,000 articles (bench/bench_typing_stalls.py): made in
    # the search's worker, each wrapped at the width the list wrapped the last ones at.
    from reader.tui.widgets import search_panel

    made_on: list[bool] = []
    wrapped_on: list[bool] = []
    render_hit, rows = search_panel.render_hit, search_panel.HangingContent._rows

    def recorded_render_hit(*args, **kwargs):
        made_on.append(threading.current_thread() is threading.main_thread())
        return render_hit(*args, **kwargs)

    def recorded_rows(self, width):
        if self._rows_at[0] != width:  # wrapped anew (not the lines wrapped before)
            wrapped_on.append((threading.current_thread() is threading.main_thread(), self._rows_at[0], width))
        return rows(self, width)

    monkeypatch.setattr(search_panel, "render_hit", recorded_render_hit)
    monkeypatch.setattr(search_panel.HangingContent, "_rows", recorded_rows)
    app = ReaderApp(seed_library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "trump")  # the first: wrapped as the list measures them
        panel = app.screen.search_panel
        assert panel.result_list.option_count == 2
        assert made_on and not any(made_on)
        await press_and_settle(pilot, "escape")
        wrapped_on.clear()
        await search_for(pilot, "trump")  # again, key by key: the list's width known
        assert panel.result_list.option_count == 2
        assert wrapped_on and not any(on_loop for on_loop, _, _ in wrapped_on), wrapped_on
        prompt = panel.result_list.get_option_at_index(0).prompt
        assert any(prompt.plain[s.start : s.end].lower() == "trump" for s in prompt.spans)
