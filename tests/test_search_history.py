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
