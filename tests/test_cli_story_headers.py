"""`reader stories` headers on terminals 40 to 80 columns wide: one form for the whole listing."""

import json

import pytest

from conftest import write

_OUTLETS = [
    "Fox News",
    "HuffPost",
    "The New York Times",
    "Reuters",
    "The Guardian",
    "Associated Press",
    "BBC News",
    "Al Jazeera",
    "Politico",
    "The Hill",
]
_SINGLES = [
    "Lighthouse keepers strike over lantern repairs in Maine",
    "Orchard growers count frost damage after a cold April",
    "Marathon route changes for the riverside bridge works",
    "Zoo welcomes twin panda cubs born overnight in Vienna",
    "Chess prodigy wins the national title at eleven",
    "Volcano ash grounds flights across the northern islands",
]


def _corpus(folder) -> None:
    """Ten outlets' articles of one story ("10 articles, 10 outlets") beside six stories of one
    article each ("1 article, 1 outlet"): their headers' counts differ in width."""
    for n, outlet in enumerate(_OUTLETS):
        write(
            folder / f"summit-{n}.md",
            f"---\noutlet: {outlet}\ndate: 2024-03-05\n---\n\nLeaders agree budget deal at the Geneva summit\n\n"
            "Leaders agreed a budget deal at the Geneva summit on Tuesday, ending weeks of talks. "
            "The deal sets spending for two years, the finance ministers said.",
        )
    for n, title in enumerate(_SINGLES):
        write(
            folder / f"single-{n}.md",
            f"---\noutlet: {_OUTLETS[n]}\ndate: 2024-0{n + 1}-1{n}\n---\n\n{title}\n\n{title}, officials said.",
        )


@pytest.mark.parametrize("columns", [40, 44, 60, 80])
def test_a_stories_listing_uses_one_header_form_and_fits_the_terminal(
    reader_in_process, tmp_path, monkeypatch, columns
):
    """At 44 columns the ten-article story's header said its outlets alone ("10 outlets · s4f")
    and the others their counts too ("1 article, 1 outlet · s2c"): the headers degrade together,
    each still one line."""
    from reader.commands import common
    from reader.commands.common import cells_of

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    _corpus(tmp_path / "news")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    heads = [line for line in reader_in_process(*where, "stories").stdout.splitlines() if line[:1] not in ("", " ")]
    assert len(heads) == 7, heads
    assert any("(10 " in line for line in heads), heads  # the ten articles grouped, as the test needs
    forms = {" article" in line for line in heads}
    assert len(forms) == 1, heads
    assert forms == {columns >= 60}, heads  # counted where every header fits its counts, as at 60
    for line in heads:
        assert cells_of(line) < columns, line


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_a_story_s_label_gets_the_room_of_its_id_s_shortest_start(reader_in_process, tmp_path, monkeypatch, columns):
    """At 60 columns a header gave its label ~14 columns beside the story's whole id (17 columns):
    where a label would be cut beside it, every id is shown by its shortest start among the
    corpus's stories (as git shortens a hash), all of one length so they line up, and each is
    taken back by `list --story`, `compare` and `show`; where every label fits, ids stay whole."""
    from reader.commands import common
    from reader.commands.common import cells_of
    from reader.analysis.story_ids import STORY_ID

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    _corpus(tmp_path / "news")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    heads = [line for line in reader_in_process(*where, "stories").stdout.splitlines() if line[:1] not in ("", " ")]
    assert len(heads) == 1 + len(_SINGLES)
    labels = [line.rsplit("  (", 1)[0] for line in heads]
    shown = [line.rstrip(")").split(" · ")[-1] for line in heads]
    assert all(cells_of(line) < columns for line in heads)
    if columns == 200:  # every label whole beside a whole id
        assert all(STORY_ID.fullmatch(one) for one in shown), shown
        assert not any(label.endswith("…") for label in labels)
        return
    assert len({len(one) for one in shown}) == 1, shown  # they line up
    assert all(len(one) < 8 for one in shown), shown  # (6 at least: `show` takes it for a story's)
    for one in shown:
        assert reader_in_process(*where, "list", "--story", one).stdout.strip(), one
        found = reader_in_process(*where, "search", "--json", f"story:{one}")  # as a query's field too
        assert json.loads(found.stdout) and "no story" not in found.stderr, (one, found.stderr)
    summit = shown[labels.index(next(label for label in labels if label.startswith("Leaders")))]
    assert "is a story, not an article" in reader_in_process(*where, "show", summit, check=False).stderr
    assert "comparing summit-0" in reader_in_process(*where, "compare", summit).stderr


@pytest.mark.parametrize("columns", [60, 200])
def test_coverage_shows_a_story_s_id_by_its_start_where_its_label_would_be_cut(
    reader_in_process, tmp_path, monkeypatch, columns
):
    """`coverage` at 60 columns gave "Leaders…" beside a 17-column id: as `reader stories`, it
    shows every id by its start among the corpus's stories, which `list --story` takes back."""
    from reader.commands import common
    from reader.analysis.story_ids import STORY_ID

    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    _corpus(tmp_path / "news")
    where = ("--corpus", str(tmp_path / "news"), "--index", str(tmp_path / "ix"), "--color", "never")
    listing = reader_in_process(*where, "coverage").stdout.splitlines()
    shown = [line.rstrip(")").split(" · ")[-1] for line in listing if line[:1] != " " and line.endswith(")")]
    assert len(shown) == 1 + len(_SINGLES)
    if columns == 200:
        assert all(STORY_ID.fullmatch(one) for one in shown), shown
        return
    assert len({len(one) for one in shown}) == 1 and all(len(one) < 8 for one in shown), shown
    for one in shown:
        assert reader_in_process(*where, "list", "--story", one).stdout.strip(), one
