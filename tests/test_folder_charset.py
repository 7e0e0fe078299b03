"""A word or two of Russian in small letters in KOI8-R and of Greek in capitals in cp1253 are the
same bytes: the letters alone told them apart 44 of 52 and 50 of 60 times. What else the file
says decides: its name's script, or the charset its folder's other files are in."""

from __future__ import annotations

import os

import pytest

from conftest import write
from reader.corpus.decode import decode_bytes
from reader.corpus.loader import load_file

RUSSIAN = [
    "Президент России заявил, что встреча с американским коллегой не состоится.",
    "Министр иностранных дел добавил, что переговоры продолжатся на следующей неделе.",
]
GREEK = [
    "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την ανάπτυξη.",
    "Ο πρωθυπουργός δήλωσε ότι η συνάντηση δεν θα γίνει σήμερα στην Αθήνα.",
]


def _text_of(path):
    result = load_file(path, path.parent)
    (article,) = result.articles
    return article.text


def _folder(tmp_path, texts, charset):
    folder = tmp_path / "outlet"
    for n, text in enumerate(texts):
        write(folder / f"story{n}.txt", text.encode(charset))
    return folder


@pytest.mark.parametrize("charset", ["koi8-r", "cp1251"])
def test_a_russian_word_among_russian_articles_is_read_as_russian(tmp_path, charset):
    assert decode_bytes("столица".encode("koi8-r"))[0] == "ΣΤΟΜΙΓΑ"  # the letters alone: Greek
    folder = _folder(tmp_path, RUSSIAN, charset)
    assert _text_of(write(folder / "word.txt", "столица".encode("koi8-r"))) == "столица"
    assert _text_of(write(folder / "two.txt", "столица листопад".encode("koi8-r"))) == "столица листопад"


@pytest.mark.parametrize("charset", ["cp1253", "iso8859-7"])
def test_a_greek_word_in_capitals_among_greek_articles_is_read_as_greek(tmp_path, charset):
    folder = _folder(tmp_path, GREEK, charset)
    assert _text_of(write(folder / "word.txt", "ΣΤΟΜΙΓΑ".encode("cp1253"))) == "ΣΤΟΜΙΓΑ"
    assert decode_bytes("ΕΛΛΑΔΑ".encode("cp1253"))[0] == "еккада"  # the letters alone: Russian
    assert _text_of(write(folder / "other.txt", "ΕΛΛΑΔΑ".encode("cp1253"))) == "ΕΛΛΑΔΑ"


def test_the_files_name_tells_when_its_folder_does_not(tmp_path):
    assert _text_of(write(tmp_path / "новость.txt", "столица".encode("koi8-r"))) == "столица"
    assert _text_of(write(tmp_path / "ελλάδα.txt", "ΕΛΛΑΔΑ".encode("cp1253"))) == "ΕΛΛΑΔΑ"


def test_a_folder_of_both_or_of_other_charsets_tells_nothing(tmp_path):
    folder = tmp_path / "mixed"
    for n, text in enumerate(RUSSIAN):
        write(folder / f"ru{n}.txt", text.encode("koi8-r"))
    for n, text in enumerate(GREEK):
        write(folder / f"gr{n}.txt", text.encode("cp1253"))
    write(folder / "en.txt", "The council met on Tuesday to vote on the budget.")
    data = "столица".encode("koi8-r")
    assert _text_of(write(folder / "word.txt", data)) == decode_bytes(data)[0]


def test_neighbours_that_are_links_or_fifos_are_not_read(tmp_path):
    """A link may lead out of the corpus, and a FIFO's open would block for good."""
    outside = _folder(tmp_path / "elsewhere", RUSSIAN, "koi8-r")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(2):
        (folder / f"link{n}.txt").symlink_to(outside / f"story{n}.txt")
    os.mkfifo(folder / "pipe.txt")
    data = "столица".encode("koi8-r")
    assert _text_of(write(folder / "word.txt", data)) == decode_bytes(data)[0]


def test_the_index_reads_the_word_as_its_folder_says(tmp_path):
    from reader.index import CorpusIndex

    folder = _folder(tmp_path / "corpus", RUSSIAN, "koi8-r")
    write(folder / "word.txt", "столица".encode("koi8-r"))
    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    try:
        index.update()
        texts = {article.id: index.get(article.id).text for article in index.articles()}
    finally:
        index.close()
    assert texts["outlet/word"] == "столица"


def test_the_stored_text_is_the_same_whichever_way_or_order_the_files_are_read(tmp_path, monkeypatch):
    """Spawned workers each read a folder's neighbours for themselves, a build in one process once
    for all: the words read the same either way, and the same loaded one by one backwards."""
    from reader.corpus import folder_charset
    from reader.index import CorpusIndex, pool

    corpus = tmp_path / "corpus"
    words = ["столица", "столица листопад", "ΣΤΟΜΙΓΑ", "ΕΛΛΑΔΑ", "погода"]
    articles = {"ru": [(t, "koi8-r") for t in RUSSIAN], "gr": [(t, "cp1253") for t in GREEK]}
    articles["both"] = articles["ru"] + articles["gr"]
    for name, texts in articles.items():
        for n, (text, charset) in enumerate(texts):
            write(corpus / name / f"story{n}.txt", text.encode(charset))
        for n, word in enumerate(words):
            write(corpus / name / f"w{n}.txt", word.encode("koi8-r" if word.islower() else "cp1253"))
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 4)

    def built(workers):
        folder_charset._neighbour_scripts.cache_clear()
        index = CorpusIndex([corpus], tmp_path / f"index{workers}", workers=workers)
        try:
            index.update()
            return {article.id: index.get(article.id).text for article in index.articles()}
        finally:
            index.close()

    one, two = built(1), built(2)
    folder_charset._neighbour_scripts.cache_clear()
    backwards = {}
    for path in sorted(corpus.rglob("*.txt"), reverse=True):
        (article,) = load_file(path, corpus).articles
        backwards[article.id] = article.text
    assert one == two == backwards
    assert one["ru/w0"] == "столица" and one["gr/w2"] == "ΣΤΟΜΙΓΑ" and one["gr/w0"] == "ΣΤΟΜΙΓΑ"


def test_an_update_in_a_long_running_process_reads_the_neighbours_afresh(tmp_path):
    """The neighbours read were kept by the folder's time, which a neighbour rewritten in place
    leaves as it was: the app's next update read a word by what its folder held before (a fresh
    `reader index` read it as the folder is)."""
    from reader.index import CorpusIndex

    folder = _folder(tmp_path / "corpus", RUSSIAN, "koi8-r")
    word = write(folder / "word.txt", "столица".encode("koi8-r"))
    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    try:
        index.update()
        assert index.get("outlet/word").text == "столица"
        for n, text in enumerate(GREEK):
            (folder / f"story{n}.txt").write_bytes(text.encode("cp1253"))  # in place
        word.write_bytes("ΕΛΛΑΔΑ".encode("cp1253"))
        index.update()
        assert index.get("outlet/word").text == "ΕΛΛΑΔΑ"
    finally:
        index.close()


def _indexed_texts(corpus, index_dir):
    from reader.index import CorpusIndex

    index = CorpusIndex([corpus], index_dir)
    try:
        index.update()
        return {article.id: index.get(article.id).text for article in index.articles()}
    finally:
        index.close()


def test_an_update_reads_a_word_again_when_its_folder_comes_to_tell_its_script(tmp_path):
    """A word indexed alone in its folder was read by its letters (Greek), and kept so after
    Russian articles came beside it, until it changed: a fresh build read it as Russian."""
    from reader.index import CorpusIndex

    corpus = tmp_path / "corpus"
    write(corpus / "outlet" / "word.txt", "столица".encode("koi8-r"))
    index = CorpusIndex([corpus], tmp_path / "index")
    try:
        index.update()
        assert index.get("outlet/word").text == "ΣΤΟΜΙΓΑ"
        _folder(corpus, RUSSIAN, "koi8-r")
        index.update()
        assert index.get("outlet/word").text == "столица"
        for n in range(len(RUSSIAN)):
            (corpus / "outlet" / f"story{n}.txt").unlink()
        index.update()
        assert index.get("outlet/word").text == "ΣΤΟΜΙΓΑ"  # alone again: its letters tell
        _folder(corpus, GREEK, "cp1253")
        index.update()
        updated = {article.id: index.get(article.id).text for article in index.articles()}
    finally:
        index.close()
    assert updated == _indexed_texts(corpus, tmp_path / "fresh")


def test_an_update_after_the_state_database_is_lost_still_knows_what_the_folder_said(tmp_path):
    """The answer is kept in the documents too: the state rebuilt from the index has it."""
    from reader.index import CorpusIndex

    corpus = tmp_path / "corpus"
    write(corpus / "outlet" / "word.txt", "столица".encode("koi8-r"))
    index_dir = tmp_path / "index"
    assert _indexed_texts(corpus, index_dir)["outlet/word"] == "ΣΤΟΜΙΓΑ"
    for state in index_dir.glob("state*"):
        state.unlink()
    _folder(corpus, RUSSIAN, "koi8-r")
    index = CorpusIndex([corpus], index_dir)
    try:
        index.update()
        assert index.get("outlet/word").text == "столица"
    finally:
        index.close()


def test_only_a_file_read_as_its_folder_said_is_read_again_for_it(tmp_path, monkeypatch):
    """An English article beside the word never asked its folder: neighbours added leave it as
    read (the update loads the new files and the word)."""
    from reader.index import CorpusIndex, store

    corpus = tmp_path / "corpus"
    write(corpus / "outlet" / "word.txt", "столица".encode("koi8-r"))
    write(corpus / "outlet" / "en.txt", "The council met on Tuesday to vote on the budget.")
    loaded = []
    real = store._load_one

    def counting(job, *args, **kwargs):
        loaded.append(os.path.basename(job[1]))
        return real(job, *args, **kwargs)

    monkeypatch.setattr(store, "_load_one", counting)
    index = CorpusIndex([corpus], tmp_path / "index")
    try:
        index.update()
        loaded.clear()
        _folder(corpus, RUSSIAN, "koi8-r")
        index.update()
    finally:
        index.close()
    assert sorted(loaded) == ["story0.txt", "story1.txt", "word.txt"]


def test_a_word_moved_into_a_folder_that_tells_its_script_is_read_as_it_says(tmp_path):
    """A moved file's articles are taken over from the index unread, unless its reading owed
    its old folder something: the new one may say otherwise."""
    corpus = tmp_path / "corpus"
    write(corpus / "alone" / "word.txt", "столица".encode("koi8-r"))
    _folder(corpus, RUSSIAN, "koi8-r")
    index_dir = tmp_path / "index"
    assert _indexed_texts(corpus, index_dir)["alone/word"] == "ΣΤΟΜΙΓΑ"
    (corpus / "alone" / "word.txt").rename(corpus / "outlet" / "word.txt")
    assert _indexed_texts(corpus, index_dir)["outlet/word"] == "столица"


def test_only_the_folders_where_a_file_changed_are_asked_again(tmp_path, monkeypatch):
    """Asking reads a folder's neighbours: an update where nothing beside a word changed asks
    nothing of its folder."""
    from reader.corpus import folder_charset
    from reader.index import CorpusIndex

    corpus = tmp_path / "corpus"
    write(corpus / "outlet" / "word.txt", "столица".encode("koi8-r"))
    write(corpus / "other" / "en.txt", "The council met on Tuesday to vote on the budget.")
    asked = []
    real = folder_charset.folder_answer_now
    monkeypatch.setattr(folder_charset, "folder_answer_now", lambda path: asked.append(path) or real(path))
    index = CorpusIndex([corpus], tmp_path / "index")
    try:
        index.update()
        write(corpus / "other" / "en.txt", "The council met on Wednesday to vote on the budget.")
        index.update()
        assert asked == []
        _folder(corpus, RUSSIAN, "koi8-r")
        index.update()
        assert [os.path.basename(path) for path in asked] == ["word.txt"]
        assert index.get("outlet/word").text == "столица"
    finally:
        index.close()
