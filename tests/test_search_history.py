"""The search box's history, core alone (reader.state.search_history)."""

from reader.state.search_history import MAX_SEARCHES, Recall, SearchHistory


def test_searches_are_kept_newest_last_each_once_and_bounded(tmp_path):
    path = tmp_path / "data" / "search_history.txt"
    history = SearchHistory(path)
    for query in ("a", "b", "a", "  c  ", ""):
        history.add(query)
    assert history.searches == ["b", "a", "c"]
    assert SearchHistory(path).searches == ["b", "a", "c"]  # across runs
    for n in range(MAX_SEARCHES + 5):
        history.add(f"q{n}")
    again = SearchHistory(path)
    assert len(again.searches) == MAX_SEARCHES and again.searches[-1] == f"q{MAX_SEARCHES + 4}"


def test_a_history_that_cannot_be_read_starts_empty_and_says_which_file(tmp_path):
    path = tmp_path / "search_history.txt"
    path.write_bytes(b"\xff\xfe not utf-8")
    history = SearchHistory(path)
    assert history.searches == [] and str(path) in (history.problem or "")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert str(folder) in (SearchHistory(folder).problem or "")


def test_clear_removes_the_file(tmp_path):
    path = tmp_path / "search_history.txt"
    history = SearchHistory(path)
    history.add("budapest")
    history.clear()
    assert not path.exists() and history.searches == []


def test_recall_steps_back_to_the_oldest_and_forward_to_what_was_typed():
    recall = Recall(["old", "new"], "typed")
    assert not recall.browsing
    assert [recall.older(), recall.older(), recall.older()] == ["new", "old", None]
    assert [recall.newer(), recall.newer(), recall.newer()] == ["new", "typed", None]
    assert not recall.browsing


def test_recall_steps_over_the_search_already_in_the_box():
    recall = Recall(["budapest", "markets"], "markets ")
    assert recall.older() == "budapest" and recall.older() is None
    assert recall.newer() == "markets "  # what was typed, as typed


def test_two_windows_keep_each_others_searches(tmp_path):
    """Each window wrote its own list over the file: the other window's searches were lost."""
    path = tmp_path / "search_history.txt"
    first, second = SearchHistory(path), SearchHistory(path)
    first.add("budapest")
    second.add("markets")
    first.add("walrus")
    assert SearchHistory(path).searches == ["budapest", "markets", "walrus"]
    assert first.searches == ["budapest", "markets", "walrus"]
    second.clear()  # cleared in one window: the other does not write the old list back
    first.add("after")
    assert SearchHistory(path).searches == ["after"]


def test_two_processes_saving_at_once_lose_no_search(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "data" / "search_history.txt"
    script = (
        "import sys\n"
        "from reader.state.search_history import SearchHistory\n"
        "history = SearchHistory(sys.argv[1])\n"
        "for n in range(60):\n"
        "    history.add(f'{sys.argv[2]}{n}')\n"
    )
    workers = [subprocess.Popen([sys.executable, "-c", script, str(path), name]) for name in ("a", "b")]
    assert [worker.wait() for worker in workers] == [0, 0]
    kept = SearchHistory(path).searches
    assert sorted(kept) == sorted(f"{name}{n}" for name in "ab" for n in range(60))
    assert list(path.parent.iterdir()) == [path]  # no lock or temp file left


def test_a_long_damaged_history_is_read_from_its_end(tmp_path, monkeypatch):
    """A file of 100,000 lines (not ours: edited, or another program's) had every line cleaned
    at the first ↑ (a second's freeze); its newest searches are read from its end."""
    import reader.state.search_history as search_history

    path = tmp_path / "search_history.txt"
    path.write_text("".join(f"query {n}\n" for n in range(100_000)) + "x" * 100_000 + "\n", encoding="utf-8")
    calls = []
    real = search_history.cleaned
    monkeypatch.setattr(search_history, "cleaned", lambda query: calls.append(query) or real(query))
    searches = SearchHistory(path).searches
    assert searches == [f"query {n}" for n in range(100_000 - MAX_SEARCHES, 100_000)]
    assert len(calls) <= 2 * MAX_SEARCHES
