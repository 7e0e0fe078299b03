"""The Library facade: the API the terminal app uses (LibraryAPI), implemented in full by the
Library and by the tests' in-memory double; the errors the CLI handles, importable from it."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LibraryDouble
from reader.library import Library, LibraryAPI

API_METHODS = sorted(
    name
    for name, value in vars(LibraryAPI).items()
    if not name.startswith("_") and (callable(value) or isinstance(value, property))
)


def test_the_api_names_what_the_app_uses():
    assert {
        "articles",
        "stories",
        "article",
        "quotes",
        "search",
        "match_ranges",
        "compare",
        "partner",
        "versions",
        "coverage",
        "update",
        "fetch",
        "shows_fetched",
        "changes",
        "marks",
        "close",
    } <= set(API_METHODS)
    assert "roots" in LibraryAPI.__annotations__


@pytest.mark.parametrize("implementation", [Library, LibraryDouble])
def test_library_and_the_double_implement_the_whole_api(implementation):
    for name in API_METHODS:
        wanted = vars(LibraryAPI)[name]
        if isinstance(wanted, property):
            continue  # an attribute or a property: checked on an instance below
        method = getattr(implementation, name)
        given = inspect.signature(method).parameters
        for parameter in inspect.signature(wanted).parameters.values():
            if parameter.kind is parameter.VAR_KEYWORD:
                continue
            assert parameter.name in given or any(p.kind is p.VAR_KEYWORD for p in given.values()), (
                f"{implementation.__name__}.{name} lacks {parameter.name}"
            )


def test_the_double_has_the_api_attributes(library_double):
    assert isinstance(library_double.roots, list)
    assert library_double.marks.all() == {}


def test_the_errors_the_cli_handles_come_from_the_facade():
    import reader.corpus.outlet_match
    import reader.fetch
    import reader.index
    import reader.library

    for name in ("IndexBusy", "IndexFailure", "IndexLocationError", "IndexNotWritable"):
        assert getattr(reader.library, name) is getattr(reader.index, name)
    for name in ("FeedsFileError", "FetchBusy", "FetchFailed"):
        assert getattr(reader.library, name) is getattr(reader.fetch, name)
    assert reader.library.OutletNotFound is reader.corpus.outlet_match.OutletNotFound
    with pytest.raises(AttributeError):
        reader.library.NoSuchError  # noqa: B018


def test_the_facade_loads_the_index_only_when_used():
    code = "import sys, reader.library; print('whoosh' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_cli_reaches_no_error_past_the_facade():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "reader"
    for path in [root / "cli.py", *sorted((root / "commands").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        for error in (
            "IndexBusy",
            "IndexFailure",
            "IndexLocationError",
            "OutletNotFound",
            "FetchBusy",
            "FetchFailed",
            "FeedsFileError",
        ):
            for line in text.splitlines():
                if error in line and line.lstrip().startswith("from ") and "reader.library" not in line:
                    raise AssertionError(f"{path.name} imports {error} past the facade: {line.strip()}")


def test_an_id_prefix_shared_by_many_lists_a_few_and_counts_the_rest(tmp_path):
    from reader.library import ID_CANDIDATES_SHOWN, ArticleNotFound

    corpus = tmp_path / "news"
    corpus.mkdir()
    count = ID_CANDIDATES_SHOWN + 2
    for k in range(count):
        (corpus / f"story-{k}.md").write_text(f"---\ntitle: Story {k}\noutlet: Reuters\n---\n\nText {k}.\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        assert library.article("story-3").title == "Story 3"
        with pytest.raises(ArticleNotFound) as raised:
            library.article("story")
        message = str(raised.value)
        assert f"starts {count} article ids" in message and "and 2 more" in message
        assert message.count("story-") == ID_CANDIDATES_SHOWN
    finally:
        library.close()


def test_the_number_order_of_ids_takes_any_name():
    from reader.library import natural_order

    ids = ["feed#10", "feed#2", "²", "x²", "feed#1", "a٣", "a12"]  # "²" is no number to int()
    in_order = sorted(ids, key=natural_order)
    assert [i for i in in_order if i.startswith("feed")] == ["feed#1", "feed#2", "feed#10"]
    assert in_order.index("a٣") < in_order.index("a12")  # ٣ is the number 3


def test_the_ids_a_prefix_starts_are_listed_in_number_order_and_named_by_their_file(tmp_path):
    # `reader show feed` listed "feed#2, feed#5, feed#3, ..." (the index's order), and did not say
    # that the ids were those of one file, whose path gives them all.
    from reader.library import ArticleNotFound

    corpus = tmp_path / "news"
    corpus.mkdir()
    rows = [{"title": f"Story {n}", "outlet": "AP" if n % 2 else "Zeit", "text": f"Text {n}."} for n in range(1, 12)]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    (corpus / "other.md").write_text("---\ntitle: Other\noutlet: Reuters\n---\n\nOther text.\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        with pytest.raises(ArticleNotFound) as raised:
            library.article("feed")
        message = str(raised.value)
        assert "(feed#1, feed#2, feed#3, feed#4, feed#5 and 6 more)" in message, message
        assert message.endswith(f"; all are articles of {corpus / 'feed.jsonl'}, named all at once by its path")
        (corpus / "feed-notes.md").write_text("---\ntitle: Notes\noutlet: AP\n---\n\nNotes.\n")
        library.update()
        with pytest.raises(ArticleNotFound) as raised:
            library.article("feed")
        assert "all are articles of" not in str(raised.value)  # two files: no one file to name
    finally:
        library.close()


def test_compare_reports_the_encoding_of_long_articles_never_compared(tmp_path, monkeypatch):
    import uuid

    from reader.analysis import contextual
    from reader.library import FINDING_QUOTES, LINKING

    monkeypatch.setattr(contextual, "PROGRESS_FROM", 5)
    corpus = tmp_path / "news"
    corpus.mkdir()
    run = uuid.uuid4().hex[:8]  # sentences no cache has seen
    for name in ("left", "right"):
        body = " ".join(f"The {name} outlet reports fact number {k} of run {run}." for k in range(4))
        (corpus / f"{name}.md").write_text(f"---\ntitle: {name}\noutlet: {name.title()} Wire\n---\n\n{body}\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        heard = []
        left, right = library.article("left"), library.article("right")
        library.compare(left, right, progress=lambda done, total, message: heard.append((done, total, message)))
        assert heard and heard[-1] == (8, 8, "sentences encoded")
        # the steps without a count come first (compare's docstring), then each sentence encoded
        steps = [message for done, total, message in heard if total == 0]
        assert steps == [FINDING_QUOTES, LINKING]
        assert [done for done, total, _ in heard if total] == list(range(1, 9))
        heard.clear()
        library.compare(left, right, progress=lambda *report: heard.append(report))  # encoded already
        assert heard == []  # the comparison kept: no step at all
    finally:
        library.close()


def test_a_comparison_made_again_is_the_one_kept_until_an_article_or_the_framing_lists_change(tmp_path, monkeypatch):
    # Reopening a comparison in the app (Escape, then c again) linked every sentence again:
    # seconds for a long pair, minutes for a huge one.
    from reader import config
    from reader.analysis import compare as compare_module

    corpus = tmp_path / "news"
    corpus.mkdir()
    for name in ("left", "right", "third"):
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: {name}\noutlet: {name.title()} Wire\n---\n\nThe council met on Monday. {name} was there.\n"
        )
    made = []
    real = compare_module.compare
    monkeypatch.setattr(compare_module, "compare", lambda *a, **kw: made.append(1) or real(*a, **kw))
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        left, right = library.article("left"), library.article("right")
        first = library.compare(left, right)
        assert library.compare(library.article("left"), library.article("right")) is first and len(made) == 1
        assert library.compare(right, left) is not first and len(made) == 2  # each way round is its own
        edited = type(left)(**{**vars(left), "text": left.text + " More."})
        assert library.compare(edited, right) is not first and len(made) == 3
        framing = config.config_dir() / "framing.yaml"
        framing.parent.mkdir(parents=True, exist_ok=True)
        framing.write_text("labels: []\n")
        assert library.compare(left, right) is not first and len(made) == 4  # other lists: judged anew
    finally:
        library.close()


def test_a_comparison_asked_for_while_it_is_being_made_waits_for_it(tmp_path, monkeypatch):
    # The app's comparison, left with Escape and opened again while a long pair was linked,
    # made the same comparison twice at once on two cores; a failed one is made again.
    import threading

    from reader.analysis import compare as compare_module

    corpus = tmp_path / "news"
    corpus.mkdir()
    for name in ("left", "right"):
        (corpus / f"{name}.md").write_text(f"---\ntitle: {name}\noutlet: {name}\n---\n\nThe council met. {name}.\n")
    started, release, made = threading.Event(), threading.Event(), []
    real = compare_module.compare

    def slow(*args, **kwargs):
        made.append(1)
        started.set()
        release.wait(10)
        if len(made) == 1:
            raise RuntimeError("the first one fails")
        return real(*args, **kwargs)

    monkeypatch.setattr(compare_module, "compare", slow)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        left, right = library.article("left"), library.article("right")
        results: dict[str, object] = {}

        def run(name: str) -> None:
            try:
                results[name] = library.compare(left, right)
            except RuntimeError as exc:
                results[name] = exc

        first = threading.Thread(target=run, args=("first",))
        first.start()
        assert started.wait(10)
        second, third = (threading.Thread(target=run, args=(n,)) for n in ("second", "third"))
        second.start()
        third.start()
        release.set()
        for thread in (first, second, third):
            thread.join(10)
        assert isinstance(results["first"], RuntimeError)
        assert results["second"] is results["third"] and len(made) == 2  # made once more, not twice
    finally:
        library.close()


def one_article_corpus(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "one.md").write_text("---\ntitle: One\noutlet: Reuters\n---\n\nText one.\n")
    return corpus


def test_changes_tell_once_that_the_index_seen_was_deleted(tmp_path):
    """Its cache folder removed (rm -rf ~/.cache): index_gone, once per loss (a rebuild that fails
    is not asked for at every look); never for an index that was never built."""
    import shutil

    corpus = one_article_corpus(tmp_path)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        assert not library.changes().index_gone  # none built yet: nothing lost
        library.update()
        assert not library.changes().index_gone
        shutil.rmtree(tmp_path / "index")
        assert library.changes().index_gone
        assert not library.changes().index_gone  # said once
        library.update()
        assert [a.id for a in library.articles()] == ["one"]
        assert not library.changes().index_gone
    finally:
        library.close()


def test_changes_tell_a_watcher_about_new_files_and_outside_commits(tmp_path):
    import os

    corpus = one_article_corpus(tmp_path)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    other = Library([corpus], tmp_path / "index", auto_update=False)  # `reader index` elsewhere
    try:
        library.update()
        seen = library.changes()
        assert not seen.corpus_changed and not seen.updating and seen.index_version is not None
        (corpus / "two.md").write_text("---\ntitle: Two\noutlet: AP\n---\n\nText two.\n")
        os.utime(corpus, (seen_time := os.stat(corpus).st_mtime + 5, seen_time))  # a coarse clock
        assert library.changes().corpus_changed
        other.update()
        after = library.changes()
        assert not after.corpus_changed and after.index_version != seen.index_version
    finally:
        library.close()
        other.close()


def test_a_corpus_folder_that_cannot_be_read_is_never_read_as_empty(tmp_path, monkeypatch):
    # chmod 000 (or a dead network mount) while the app ran: the next update listed no file in
    # it and removed every article from the index; now it is `missing`, as a folder gone is.
    import os

    corpus = one_article_corpus(tmp_path)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        real_scandir = os.scandir

        def refused(path="."):
            if os.fspath(path).rstrip("/") == str(corpus):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refused)  # root reads a chmod 000 folder anyway
        seen = library.changes()
        assert seen.missing == f"cannot read the folder {corpus}: Permission denied"
        with pytest.raises(FileNotFoundError):
            library.update()
        monkeypatch.undo()
        assert [a.id for a in library.articles()] == ["one"]  # the index keeps what it had
        assert library.changes().missing is None
    finally:
        library.close()


def test_a_corpus_folder_that_went_away_is_never_read_as_empty(tmp_path):
    # An unmounted disk or a renamed share: an update read it as a corpus with no files and
    # removed every article from the index.
    corpus = one_article_corpus(tmp_path)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        library.update()
        corpus.rename(tmp_path / "away")
        seen = library.changes()
        assert seen.missing and "not found" in seen.missing and not seen.corpus_changed
        with pytest.raises(FileNotFoundError):
            library.update()
        assert [a.id for a in library.articles()] == ["one"]  # the index keeps what it had
        (tmp_path / "away").rename(corpus)
        assert library.changes().missing is None
    finally:
        library.close()


def test_the_command_it_advises_names_the_corpus_it_was_opened_with(tmp_path):
    # Advice of `reader index` after `reader --corpus ~/news search x` indexed the bundled seeds.
    news, more = tmp_path / "my news", tmp_path / "more"
    news.mkdir()
    more.mkdir()
    assert Library().command_line("index") == "reader index"  # the config's corpus, or the seeds
    assert Library([news, more]).command_line("list") == f"reader --corpus '{news}' --corpus {more} list"
    opened = Library([news], tmp_path / "ix", follow_links=True)
    assert opened.command_line("index --verbose") == (
        f"reader --corpus '{news}' --index {tmp_path / 'ix'} --follow-links index --verbose"
    )


def test_the_command_it_advises_runs_as_pasted_whatever_the_folders_names(tmp_path, monkeypatch):
    # `reader --corpus -news stories` ("expected one argument"); a line break shown "\n" inside
    # '...' (bash reads a backslash and an n).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-news").mkdir()
    odd = tmp_path / "a\nb"
    odd.mkdir()
    assert Library([Path("-news")]).command_line("stories") == "reader --corpus=-news stories"
    assert Library([odd], tmp_path / "i\u202ex").command_line("list") == (
        f"reader --corpus $'{tmp_path}/a\\nb' --index $'{tmp_path}/i\\u202ex' list"
    )


def test_the_index_s_advice_names_the_corpus_and_index_the_library_was_opened_with(tmp_path, monkeypatch):
    """ "there is no index yet; run `reader index`" and "…; run `reader index --rebuild`" came from
    the index layer, which knew no command line: pasted, they indexed the bundled seeds into the
    default folder. They name the --corpus and --index, as every other hint does."""
    from reader.index import CorpusIndex
    from reader.index.update import count_mismatch

    corpus = tmp_path / "my news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Budget vote\n\nThe council voted on the budget today.\n", encoding="utf-8")
    library = Library([corpus], tmp_path / "ix", auto_update=False, follow_links=True)
    try:
        line = f"reader --corpus '{corpus}' --index {tmp_path / 'ix'} --follow-links"
        assert library.search("budget").error == f"there is no index yet; run `{line} index`"

        def unreadable(self):
            raise OSError("damaged")

        monkeypatch.setattr(CorpusIndex, "searcher", unreadable)
        assert library.search("budget").error == f"the index cannot be read (OSError); run `{line} index --rebuild`"
        mismatch = count_mismatch(3, 4, library.index.command_line)
        assert str(mismatch) == f"the index holds 3 articles, expected 4; run `{line} index --rebuild`"
    finally:
        library.close()


def test_an_index_of_an_older_schema_another_process_is_updating_is_no_empty_corpus(tmp_path, monkeypatch):
    """While another process rebuilds an index an older reader wrote (a schema bump), a reading
    command has no committed state to read (its rows are not read): it said "no articles in …",
    as if the corpus were empty. It is told the index is busy, as for no index at all."""
    import fcntl

    from reader.index import IndexBusy, store

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\noutlet: Reuters\n---\n\nThe council met on Monday.\n")
    built = Library([corpus], tmp_path / "index", auto_update=False)
    built.update()
    built.close()
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)  # a newer reader reads it
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    with open(tmp_path / "index" / "reader.lock", "a") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # another process's update
        library = Library([corpus], tmp_path / "index")
        try:
            library.open_for_reading()
            with pytest.raises(IndexBusy, match="another reader process is updating the index"):
                library.articles()
        finally:
            library.close()
