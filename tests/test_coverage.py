"""Coverage map: the core computation, leanings from the user's outlets.yaml, the Library facade
and `reader coverage` (main() in this process), including the issue's acceptance case on a real corpus."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace as NS

import pytest
import yaml

from conftest import SEEDS, write
from reader.analysis.coverage import (
    CSV_COLUMNS,
    abbreviations,
    compute_coverage,
    csv_rows,
    filter_stories,
    sort_stories,
    split_article_ids,
    spreadsheet_safe,
    story_spans,
)
from reader.corpus.outlets import SHIPPED_PATH, load_registry


def art(aid, outlet, date):
    return NS(id=aid, outlet=outlet, date=date)


def story(sid, *members, label=None):
    return NS(id=sid, label=label or sid, articles=list(members))


ARTICLES = [
    art("a1", "Alpha", "2025-10-01"),
    art("b1", "Beta", "2025-10-02"),
    art("c1", "Gamma", "2025-10-01"),
    art("a2", "Alpha", "2025-10-05"),
    art("b2", "Beta", "2025-10-05"),
    art("c2", "Gamma", "2025-11-20"),
    art("x1", None, "2025-10-03"),
]
STORIES = [
    story("s-all", "a1", "b1", "c1"),
    story("s-ab", "a2", "b2"),
    story("s-c", "c2"),
    story("s-x", "x1"),
    story("s-gone", "deleted-article"),
]
LEANINGS = {"Alpha": "left", "Beta": "left", "Gamma": "right"}


def rows_by_id(coverage):
    return {row.story: row for row in coverage.stories}


# -- core -----------------------------------------------------------------------------------------
def test_covering_and_missing_outlets_per_story():
    coverage = compute_coverage(ARTICLES, STORIES)
    rows = rows_by_id(coverage)
    assert [o.name for o in coverage.outlets] == ["Alpha", "Beta", "Gamma"]
    assert rows["s-all"].outlets == ("Alpha", "Beta", "Gamma") and rows["s-all"].missing == ()
    assert rows["s-ab"].outlets == ("Alpha", "Beta") and rows["s-ab"].missing == ("Gamma",)
    assert rows["s-c"].missing == ("Alpha", "Beta")
    # an article without an outlet covers nothing; every named outlet is missing from its story
    assert rows["s-x"].outlets == () and rows["s-x"].missing == ("Alpha", "Beta", "Gamma")
    # ... but the story is told, and says by what
    assert rows["s-x"].unattributed == ("x1",) and rows["s-all"].unattributed == ()
    # a story whose articles are no longer indexed is left out
    assert "s-gone" not in rows
    assert rows["s-all"].date == "2025-10-01" and rows["s-all"].last_date == "2025-10-02"
    assert rows["s-all"].articles == {"Alpha": ("a1",), "Beta": ("b1",), "Gamma": ("c1",)}
    assert {o.name: (o.articles, o.stories) for o in coverage.outlets} == {
        "Alpha": (2, 2),
        "Beta": (2, 2),
        "Gamma": (2, 2),
    }


def test_a_story_of_undated_articles_with_no_outlet_is_still_a_story():
    """It was left out ("no stories") while `reader stories` listed it: only a story none of whose
    articles is known any more is left out."""
    rows = rows_by_id(compute_coverage([art("u1", None, None), art("u2", None, "")], [story("s-u", "u1", "u2")]))
    assert rows["s-u"].unattributed == ("u1", "u2") and rows["s-u"].date is None
    assert rows["s-u"].outlets == () and rows["s-u"].missing == ()


def test_story_spans_say_who_told_each_story_and_when_as_coverage_does():
    """`reader stories --json` gives them: the outlets and dates coverage shows, for every story
    (one whose articles are gone too), articles with no outlet or no valid date counting for none."""
    extra = [art("z1", "beta", "2025-10-04"), art("z2", None, "2025-13-40"), art("z3", "Alpha", None)]
    stories = [*STORIES, story("s-mixed", "z3", "z2", "z1", "a1")]
    spans = story_spans([*ARTICLES, *extra], stories)
    rows = rows_by_id(compute_coverage([*ARTICLES, *extra], stories))
    for sid, row in rows.items():
        assert (spans[sid].outlets, spans[sid].date, spans[sid].last_date) == (row.outlets, row.date, row.last_date)
    assert spans["s-mixed"].to_dict() == {"outlets": ["Alpha", "beta"], "date": "2025-10-01", "last_date": "2025-10-04"}
    assert spans["s-x"].to_dict() == {"outlets": [], "date": "2025-10-03", "last_date": "2025-10-03"}
    assert spans["s-gone"].to_dict() == {"outlets": [], "date": None, "last_date": None}


def test_json_shape_is_exactly_the_issues():
    row = rows_by_id(compute_coverage(ARTICLES, STORIES, LEANINGS.get))["s-ab"]
    assert row.to_dict() == {
        "story": "s-ab",
        "label": "s-ab",
        "date": "2025-10-05",
        "last_date": "2025-10-05",
        "outlets": ["Alpha", "Beta"],
        "missing": ["Gamma"],
        "leanings": {"left": 2},
        "blindspot": "left",
        "articles": {"Alpha": ["a2"], "Beta": ["b2"]},
        "unattributed": [],
        "dates": {"Alpha": "2025-10-05", "Beta": "2025-10-05"},
        "first": ["Alpha", "Beta"],
        "time": None,
        "times": {"Alpha": None, "Beta": None},
    }


def test_each_outlet_says_when_it_told_the_story_and_who_was_first():
    """A researcher asks who broke a story and how late the others came: each covering outlet's
    earliest dated article, and the outlets of the story's first day (ties all first)."""
    extra = [art("a3", "Alpha", "2025-10-09"), art("b3", "Beta", None), art("x3", None, "2025-10-07")]
    stories = [*STORIES, story("s-late", "a3", "b3", "x3")]
    rows = rows_by_id(compute_coverage([*ARTICLES, *extra], stories))
    assert rows["s-all"].dates == {"Alpha": "2025-10-01", "Beta": "2025-10-02", "Gamma": "2025-10-01"}
    assert rows["s-all"].first == ("Alpha", "Gamma")
    assert rows["s-all"].to_dict()["first"] == ["Alpha", "Gamma"]
    # an outlet whose articles are undated has no date; an article with no outlet can be first,
    # and then no outlet was
    assert rows["s-late"].dates == {"Alpha": "2025-10-09", "Beta": None}
    assert rows["s-late"].date == "2025-10-07" and rows["s-late"].first == ()
    undated = rows_by_id(compute_coverage([art("u1", "Alpha", None)], [story("s-u", "u1")]))["s-u"]
    assert undated.to_dict()["dates"] == {"Alpha": None} and undated.first == ()


def test_csv_rows_are_one_per_story_and_outlet_with_fixed_columns():
    """A researcher loads the CSV in pandas: a row per story and outlet (told or not), fixed columns
    however the outlets are named, ISO dates, true/false, empty cells for no value."""
    coverage = compute_coverage(
        [*ARTICLES, art("a9 b", "Alpha", "2025-10-06")],
        [*STORIES[:1], story("s-ab", "a2", "b2", "a9 b"), *STORIES[2:]],
        LEANINGS.get,
    )
    rows = filter_stories(coverage.stories, "all")
    table = [dict(zip(CSV_COLUMNS, cells)) for cells in csv_rows(rows, coverage.outlets)]
    assert all(len(cells) == len(CSV_COLUMNS) for cells in csv_rows(rows, coverage.outlets))
    ab = [r for r in table if r["story"] == "s-ab"]
    assert [(r["outlet"], r["covered"], r["first_date"], r["days_late"], r["first"], r["articles"]) for r in ab] == [
        ("Alpha", "true", "2025-10-05", "0", "true", "a2|a9 b"),
        ("Beta", "true", "2025-10-05", "0", "true", "b2"),
        ("Gamma", "false", "", "", "false", ""),
    ]
    assert {(r["date"], r["last_date"], r["blindspot"]) for r in ab} == {("2025-10-05", "2025-10-06", "left")}
    assert [r["leaning"] for r in ab] == ["left", "left", "right"]
    late = next(r for r in table if r["story"] == "s-all" and r["outlet"] == "Beta")
    assert (late["first_date"], late["days_late"], late["first"]) == ("2025-10-02", "1", "false")
    # articles with no outlet: a row of their own, with no outlet
    told = [r for r in table if r["story"] == "s-x"]
    assert [(r["outlet"], r["covered"], r["articles"]) for r in told][-1] == ("", "true", "x1")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_text():
    """A title `=HYPERLINK(...)` or an outlet `+Evil` ran as a formula when the CSV was opened in
    Excel or LibreOffice (OWASP CSV injection): a quote before it makes it text, and a cell
    starting with a quote gets one too, so dropping one leading quote always gives the text back."""
    for hostile in ("=cmd|' /C calc'!A0", "+Evil", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'quoted"):
        assert spreadsheet_safe(hostile) == "'" + hostile
    for plain in ("Alpha", "2025-10-05", "", "a=b", "true"):
        assert spreadsheet_safe(plain) == plain
    articles = [art("=a1", "+Evil", "2025-10-01"), art("b1", "Beta", "2025-10-01")]
    coverage = compute_coverage(
        articles, [story("s1", "=a1", "b1", label="=cmd|' /C calc'!A0")], {"+Evil": "@left"}.get
    )
    table = [dict(zip(CSV_COLUMNS, cells)) for cells in csv_rows(coverage.stories, coverage.outlets)]
    evil = next(r for r in table if r["outlet"] == "'+Evil")
    assert evil["label"] == "'=cmd|' /C calc'!A0" and evil["leaning"] == "'@left" and evil["articles"] == "'=a1"
    assert (evil["date"], evil["days_late"], evil["covered"]) == ("2025-10-01", "0", "true")


def test_csv_article_ids_holding_a_pipe_or_a_backslash_are_escaped_and_split_back():
    """Ids are file paths: `b|pipe.md` is the id `b|pipe`, and "a|b|pipe" read as three ids."""
    ids = ["a", "b|pipe", "c\\d", "e\\|f", "g\\"]
    articles = [art(i, "Alpha", "2025-10-01") for i in ids]
    (cells,) = csv_rows(compute_coverage(articles, [story("s1", *ids)]).stories, [])
    cell = cells[CSV_COLUMNS.index("articles")]
    assert cell == "a|b\\|pipe|c\\\\d|e\\\\\\|f|g\\\\"
    assert split_article_ids(cell) == ids
    assert split_article_ids("a2|a9 b") == ["a2", "a9 b"] and split_article_ids("") == []


def test_csv_article_ids_are_cleaned_before_they_are_escaped():
    """Cleaned after, an escape sequence's end ("ESC \\") ate the escaping and the `|`: two ids
    came back as one."""
    from reader.commands.common import strip_controls_for_terminal

    ids = ["x\x1b]0;t\x1b", "b"]
    articles = [art(i, "Alpha", "2025-10-01") for i in ids]
    (cells,) = csv_rows(compute_coverage(articles, [story("s1", *ids)]).stories, [], strip_controls_for_terminal)
    assert len(split_article_ids(cells[CSV_COLUMNS.index("articles")])) == 2


def test_leanings_and_blindspots():
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, LEANINGS.get))
    assert rows["s-all"].leanings == {"left": 2, "right": 1} and rows["s-all"].blindspot is None
    assert rows["s-ab"].blindspot == "left"  # only left outlets told it; the right one did not
    assert rows["s-x"].to_dict()["articles"] == {} and rows["s-x"].to_dict()["unattributed"] == ["x1"]
    assert rows["s-c"].blindspot == "right" and rows["s-c"].leanings == {"right": 1}
    assert rows["s-x"].blindspot is None and rows["s-x"].leanings == {}


def test_no_blindspot_without_another_leaning_or_with_an_unlabelled_outlet():
    # Gamma unlabelled: nobody of another leaning left s-ab out, and s-c has an unlabelled teller.
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, {"Alpha": "left", "Beta": "left"}.get))
    assert rows["s-ab"].blindspot is None and rows["s-c"].blindspot is None
    assert rows["s-c"].leanings == {}
    mixed = rows_by_id(compute_coverage(ARTICLES, STORIES, {"Alpha": "left", "Gamma": "right"}.get))
    assert mixed["s-ab"].leanings == {"left": 1} and mixed["s-ab"].blindspot is None
    # no leanings at all: empty counts, never a blindspot
    plain = compute_coverage(ARTICLES, STORIES)
    assert not plain.has_leanings and all(r.blindspot is None and r.leanings == {} for r in plain.stories)


def test_active_days_counts_only_outlets_publishing_near_the_story():
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, LEANINGS.get, active_days=7))
    # Gamma published on 2025-10-01, within 7 days of s-ab (2025-10-05): still missing there
    assert rows["s-ab"].missing == ("Gamma",)
    # nobody else published within 7 days of 2025-11-20: nothing is missing from s-c
    assert rows["s-c"].missing == () and rows["s-c"].blindspot is None
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, active_days=3))
    assert rows["s-ab"].missing == ()  # Gamma's 2025-10-01 is 4 days before 2025-10-05
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, active_days=4))
    assert rows["s-ab"].missing == ("Gamma",)  # the window includes its ends


def test_active_days_keeps_undated_stories_against_every_outlet():
    articles = ARTICLES + [art("u1", "Alpha", None)]
    rows = rows_by_id(compute_coverage(articles, STORIES + [story("s-u", "u1")], active_days=1))
    assert rows["s-u"].date is None and rows["s-u"].missing == ("Beta", "Gamma")


def test_since_and_until_keep_stories_with_an_article_in_range():
    rows = rows_by_id(compute_coverage(ARTICLES, STORIES, since="2025-10-02", until="2025-10-04"))
    assert set(rows) == {"s-all", "s-x"}  # s-all's second article is dated 2025-10-02
    assert set(rows_by_id(compute_coverage(ARTICLES, STORIES, since="2025-11-01"))) == {"s-c"}
    with pytest.raises(ValueError, match="since must be a real date"):
        compute_coverage(ARTICLES, STORIES, since="yesterday")
    with pytest.raises(ValueError, match="until must be a real date"):
        compute_coverage(ARTICLES, STORIES, until="2025-02-30")


def test_a_year_or_a_month_bound_is_the_whole_period():
    # until a month: through its last day (s-ab's articles are dated 2025-10-05)
    assert set(rows_by_id(compute_coverage(ARTICLES, STORIES, since="2025-10", until="2025-10"))) == {
        "s-all",
        "s-ab",
        "s-x",
    }
    assert set(rows_by_id(compute_coverage(ARTICLES, STORIES, since="2025-11"))) == {"s-c"}
    assert set(rows_by_id(compute_coverage(ARTICLES, STORIES, until="2025"))) == {"s-all", "s-ab", "s-c", "s-x"}


def test_sorting_and_filters():
    coverage = compute_coverage(ARTICLES, STORIES, LEANINGS.get)
    assert [r.story for r in coverage.stories] == ["s-c", "s-ab", "s-x", "s-all"]  # newest first
    assert [r.story for r in sort_stories(coverage.stories, "breadth")] == ["s-all", "s-ab", "s-c", "s-x"]
    # a history read from its start; undated stories still last
    undated = compute_coverage([*ARTICLES, art("u1", "Alpha", None)], [*STORIES, story("s-u", "u1")]).stories
    assert [r.story for r in sort_stories(undated, "oldest")] == ["s-all", "s-x", "s-ab", "s-c", "s-u"]
    assert [r.story for r in filter_stories(coverage.stories, "single")] == ["s-c"]
    assert [r.story for r in filter_stories(coverage.stories, "blindspot")] == ["s-c", "s-ab"]
    with pytest.raises(ValueError):
        sort_stories(coverage.stories, "size")


def test_dicts_work_as_well_as_objects():
    rows = rows_by_id(compute_coverage([vars(a) for a in ARTICLES], [vars(s) for s in STORIES]))
    assert rows["s-ab"].missing == ("Gamma",)


def test_ten_thousand_articles_in_one_pass():
    """Scale: 10,000 articles, 15 outlets, 4,000 stories; --active adds a binary search per
    story and outlet. Correctness only (the timing is reported by bench/bench_coverage.py)."""
    outlets = [f"Outlet {i}" for i in range(15)]
    articles, stories = [], []
    for i in range(10_000):
        articles.append(art(f"a{i}", outlets[i % 15], f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    for s in range(4_000):
        stories.append(story(f"s{s}", *[f"a{j}" for j in range(s, 10_000, 4_000)]))
    coverage = compute_coverage(articles, stories, active_days=2)
    assert len(coverage.stories) == 4_000
    assert all(set(r.outlets).isdisjoint(r.missing) for r in coverage.stories)


def test_column_heads_are_short_unique_and_recognisable():
    names = [
        "Fox News",
        "The Moscow Times",
        "BBC News",
        "CNN",
        "Reuters",
        "The New York Times",
        "Associated Press",
        "Outlet 1",
        "Outlet 10",
        "Outlet 11",
        "Post",
        "Posting",
        "Postal",
        "[b]x[/b]",
        "",
        "Fox Nation",
        "Fun News",
        "Fine Notes",
        "Far North",
    ]
    heads = abbreviations(names, 3)
    assert heads["Fox News"] == "FN" and heads["The Moscow Times"] == "MT"
    assert heads["BBC News"] == "BBC" and heads["The New York Times"] == "NYT"
    assert heads["Reuters"] == "Reu" and heads["Outlet 10"] == "O10"
    assert len(set(h.casefold() for h in heads.values())) == len(names)
    assert all(1 <= len(h) <= 3 for h in heads.values())


# -- leanings in outlets.yaml -----------------------------------------------------------------------
def test_shipped_registry_carries_no_leanings():
    assert "\n    leaning:" not in SHIPPED_PATH.read_text(encoding="utf-8")
    assert all(o.leaning is None for o in load_registry(use_user_file=False).outlets)


def test_user_leanings_are_read_tidied_and_bad_ones_reported(tmp_path):
    path = write(
        tmp_path / "outlets.yaml",
        yaml.safe_dump(
            {
                "outlets": [
                    {"name": "Fox", "leaning": "  Right "},  # an alias of a shipped outlet
                    {"name": "Daily Planet", "leaning": "centre\x1b[31m left"},  # a new outlet
                    {"name": "Reuters", "leaning": ["left"]},
                    {"name": "CNN", "leaning": "x" * 41},
                ]
            }
        ),
    )
    registry = load_registry(path)
    assert registry.get("Fox News").leaning == "right"
    assert registry.get("Daily Planet").leaning == "centre left"
    assert registry.get("Reuters").leaning is None and registry.get("CNN").leaning is None
    assert len(registry.problems) == 2 and all("leaning" in p for p in registry.problems)


# -- the Library and the command line ------------------------------------------------------------------
def three_outlet_corpus(root):
    """Three outlets; one story all three told, one two told, one only Gamma told."""
    flood = (
        "Floodwaters rose along the Riverton embankment on Monday after three days of rain. "
        "Mayor Elena Vasquez ordered the evacuation of the Lakeside district. "
        '"We are moving four thousand residents to higher ground tonight," Vasquez said. '
        "Engineers from the Riverton water authority inspected the cracked levee near "
        "Hillcrest bridge, and the Riverton fire brigade pumped water from flooded basements."
    )
    vote = (
        "Kingsbury council voted to close the Ashford coal power station by 2030. "
        "Councillor Tariq Bhatti said the Ashford plant had polluted the Kingsbury valley "
        "for decades. Unions at the Ashford station warned of job losses and asked the "
        "Kingsbury council for a retraining fund before the closure vote takes effect."
    )
    chess = (
        "The Eastport chess olympiad opened with grandmaster Priya Raman defeating the "
        "defending champion in forty moves. Organisers in Eastport expect twelve hundred "
        "players from sixty countries at the harbour convention centre this fortnight."
    )
    files = {
        "alpha/flood.md": ("Alpha Daily", "Riverton evacuates Lakeside as floodwaters rise", "2025-10-06", flood),
        "beta/flood.md": ("Beta News", "Floods force Riverton evacuation", "2025-10-06", flood),
        "gamma/flood.md": ("Gamma Post", "Riverton levee cracks, thousands evacuated", "2025-10-07", flood),
        "alpha/vote.md": ("Alpha Daily", "Kingsbury votes to shut Ashford coal plant", "2025-10-03", vote),
        "beta/vote.md": ("Beta News", "Ashford power station to close by 2030", "2025-10-03", vote),
        "gamma/chess.md": ("Gamma Post", "Raman wins opening game in Eastport", "2025-10-01", chess),
    }
    for name, (outlet, title, date, body) in files.items():
        write(root / name, f"---\ntitle: {title}\noutlet: {outlet}\ndate: {date}\n---\n{body}\n")
    return root


def coverage_json(reader_in_process, corpus, *extra):
    result = reader_in_process("--corpus", str(corpus), "coverage", "--json", *extra)
    return json.loads(result.stdout)


def test_acceptance_removed_article_makes_its_outlet_missing_from_that_story_only(tmp_path, reader_in_process):
    corpus = three_outlet_corpus(tmp_path / "news")
    before = coverage_json(reader_in_process, corpus)
    for row in before:
        assert set(row) == {
            "story",
            "label",
            "date",
            "last_date",
            "outlets",
            "missing",
            "leanings",
            "blindspot",
            "articles",
            "unattributed",
            "dates",
            "first",
            "time",
            "times",
        }
        assert list(row["articles"]) == row["outlets"] and row["unattributed"] == []
    flood = next(r for r in before if len(r["outlets"]) == 3)
    assert flood["missing"] == [] and len(before) == 3
    # a script opens what the map shows: each id is an article `show` knows, of that outlet
    beta_id = flood["articles"]["Beta News"][0]
    assert beta_id == "beta/flood"
    shown = json.loads(reader_in_process("--corpus", str(corpus), "show", "--json", beta_id).stdout)
    assert shown[0]["outlet"] == "Beta News"

    (corpus / "beta" / "flood.md").unlink()
    after = coverage_json(reader_in_process, corpus, "--update")  # reading commands use the index as it is
    missing_before = {r["story"]: r["missing"] for r in before}
    changed = [r for r in after if r["missing"] != missing_before.get(r["story"])]
    assert len(changed) == 1
    assert changed[0]["missing"] == ["Beta News"]
    assert changed[0]["outlets"] == ["Alpha Daily", "Gamma Post"]
    assert changed[0]["date"] == flood["date"]
    others = {r["story"]: r["missing"] for r in after if r is not changed[0]}
    assert sorted(others.values()) == [["Alpha Daily", "Beta News"], ["Gamma Post"]]


def test_cli_leanings_blindspots_filters_and_text(tmp_path, reader_in_process, isolated_dirs):
    corpus = three_outlet_corpus(tmp_path / "news")
    write(
        isolated_dirs["config"] / "outlets.yaml",
        yaml.safe_dump(
            {
                "outlets": [
                    {"name": "Alpha Daily", "leaning": "left"},
                    {"name": "Beta News", "leaning": "left"},
                    {"name": "Gamma Post", "leaning": "right"},
                ]
            }
        ),
    )
    rows = coverage_json(reader_in_process, corpus)
    by_date = {r["date"]: r for r in rows}
    assert [r["date"] for r in rows] == ["2025-10-06", "2025-10-03", "2025-10-01"]
    assert by_date["2025-10-06"]["leanings"] == {"left": 2, "right": 1}
    assert by_date["2025-10-06"]["blindspot"] is None
    assert by_date["2025-10-03"]["blindspot"] == "left"
    assert by_date["2025-10-01"]["blindspot"] == "right"

    blind = coverage_json(reader_in_process, corpus, "--only", "blindspot", "--sort", "breadth")
    assert [r["date"] for r in blind] == ["2025-10-03", "2025-10-01"]
    assert [r["date"] for r in coverage_json(reader_in_process, corpus, "--only", "single")] == ["2025-10-01"]
    ranged = coverage_json(reader_in_process, corpus, "--since", "2025-10-02", "--until", "2025-10-05")
    assert [r["date"] for r in ranged] == ["2025-10-03"]
    # the same date forms as search: a year or a month is the whole period
    assert [r["date"] for r in coverage_json(reader_in_process, corpus, "--since", "2025")] == [r["date"] for r in rows]
    assert coverage_json(reader_in_process, corpus, "--since", "2025-10", "--until", "2025-10") == rows
    assert coverage_json(reader_in_process, corpus, "--since", "2026") == []
    # Gamma's only other article is 2 days before the vote story: not active within 1 day
    active = coverage_json(reader_in_process, corpus, "--active", "1")
    assert {r["date"]: r["missing"] for r in active}["2025-10-03"] == []
    # 0: only those that published between the story's first and last article; 2 reaches Gamma's
    for days, missing in (("0", []), ("2", ["Gamma Post"])):
        active = coverage_json(reader_in_process, corpus, "--active", days)
        assert {r["date"]: r["missing"] for r in active}["2025-10-03"] == missing

    result = reader_in_process("--corpus", str(corpus), "coverage")
    text = result.stdout
    assert "covered   Alpha Daily, Beta News\n  missing" in text  # all the same day: name order
    # not the same day: in the order they told it, with how late, and who was first
    told = "covered   Alpha Daily 2025-10-06, Beta News 2025-10-06, Gamma Post 2025-10-07 (+1 day)"
    assert f"{told}\n  first     Alpha Daily, Beta News\n" in text
    assert "missing   Gamma Post" in text
    assert "leanings  left 2, right 1" in text
    assert "blindspot: only outlets labelled 'left' covered it" in text
    # piped: the count is on stderr, stdout the stories alone
    assert "reader: 3 stories, 3 outlets; 1 told by one outlet only; 2 blindspots" in result.stderr
    assert "stories, 3 outlets" not in text
    assert "\x1b" not in text  # not a terminal: no colour


def test_cli_text_counts_no_blindspots_where_no_outlet_has_a_leaning(tmp_path, reader_in_process, isolated_dirs):
    # basil-dev, no leanings given: "60 stories, 3 outlets; 0 told by one outlet only; 0 blindspots"
    # read as checked and none found; none could be
    corpus = three_outlet_corpus(tmp_path / "news")
    result = reader_in_process("--corpus", str(corpus), "coverage")
    text = result.stdout + result.stderr
    assert result.stderr.rstrip().endswith("3 stories, 3 outlets; 1 told by one outlet only")
    assert "blindspot" not in text


def test_cli_text_says_one_day_not_1_days(tmp_path, reader_in_process, isolated_dirs):
    corpus = three_outlet_corpus(tmp_path / "news")
    for days, said in (
        ("0", "(missing: outlets that published between the story's first and last article)"),
        ("1", "(missing: outlets active within 1 day)"),
        ("2", "(missing: outlets active within 2 days)"),
    ):
        result = reader_in_process("--corpus", str(corpus), "coverage", "--active", days)
        assert result.returncode == 0 and f"3 stories, 3 outlets {said}" in result.stderr, result.stderr


def test_stories_text_says_how_many_outlets_told_each_story(tmp_path, reader_in_process):
    corpus = three_outlet_corpus(tmp_path / "news")
    text = reader_in_process("--corpus", str(corpus), "stories").stdout
    heads = sorted(line.rsplit("(", 1)[1].split(" · ")[0] for line in text.splitlines() if line and line[0] != " ")
    assert heads == ["1 article, 1 outlet", "2 articles, 2 outlets", "3 articles, 3 outlets"]


def test_cli_csv_has_a_header_and_clean_cells(tmp_path, reader_in_process):
    corpus = three_outlet_corpus(tmp_path / "news")
    write(
        corpus / "alpha/odd.md",
        '---\ntitle: "Odd, \\"quoted\\"\\x1b[31m title"\noutlet: Alpha Daily\ndate: 2025-09-01\n---\nA lone story.\n',
    )
    result = reader_in_process("--corpus", str(corpus), "coverage", "--csv")
    assert "\x1b" not in result.stdout
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == list(CSV_COLUMNS)
    assert len(table) == 4 * 3  # four stories, three outlets each
    odd = [r for r in table if r["date"] == "2025-09-01"]
    assert odd[0]["label"] == 'Odd, "quoted" title' and odd[0]["covered"] == "true"
    flood = [r for r in table if r["date"] == "2025-10-06"]
    assert [(r["outlet"], r["days_late"], r["first"]) for r in flood] == [
        ("Alpha Daily", "0", "true"),
        ("Beta News", "0", "true"),
        ("Gamma Post", "1", "false"),
    ]
    both = reader_in_process("--corpus", str(corpus), "coverage", "--csv", "--json", check=False)
    assert both.returncode == 2


def test_emit_csv_removes_control_characters_from_every_text_cell(capsys):
    """The CLI test above cannot see this: the loader already strips a title's escapes. Fed a row
    straight, emit_csv must still keep escape sequences and bidi controls off the terminal."""
    from reader.analysis.coverage import OutletSummary, StoryCoverage
    from reader.commands.coverage import emit_csv

    row = StoryCoverage(
        story="s1",
        label="Red\x1b[31m alert\u202e",
        date="2025-10-01",
        last_date="2025-10-01",
        outlets=("Bad\x1b]0;pwned\x07 News",),
        missing=(),
        leanings={},
        blindspot=None,
        articles={"Bad\x1b]0;pwned\x07 News": ("x\x1b[2Jy",)},
        dates={"Bad\x1b]0;pwned\x07 News": "2025-10-01"},
    )
    emit_csv([row], [OutletSummary("Bad\x1b]0;pwned\x07 News", "=l\x1b[1m", 1, 1)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert out.splitlines()[1] == "s1,Red alert,2025-10-01,2025-10-01,Bad News,'=l,true,2025-10-01,,0,true,xy,"


def test_cli_help_says_first_compares_moments_and_days_alone(reader_in_process):
    """The help said "first" could be wrong near midnight (the index kept no time of day): it
    now says when moments are compared and when days are."""
    result = reader_in_process("coverage", "--help")
    said = " ".join(result.stdout.split())
    assert "can be wrong" not in said
    assert "counted in time between articles whose dates give their time of day with its zone" in said
    assert "an article dated with a day alone is on the same day as a moment of that day" in said


def test_cli_csv_makes_formula_cells_text_and_escapes_pipes_in_ids(tmp_path, reader_in_process):
    write(
        tmp_path / "news" / "b|pipe.md",
        '---\ntitle: "=cmd|\' /C calc\'!A0"\noutlet: "+Evil"\ndate: 2025-10-20\n---\nThe harbour strike went on.\n',
    )
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage", "--csv")
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["label"], row["outlet"], row["articles"]) == ("'=cmd|' /C calc'!A0", "'+Evil", "b\\|pipe")
    assert split_article_ids(row["articles"]) == ["b|pipe"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "last week"], "--since must be a real date like 2025-10-01, 2025-10 or 2025"),
        (["--until", "2025-13-01"], "--until must be a real date like 2025-10-01"),
        (["--until", "2025-13"], "--until must be a real date like 2025-10-01"),
        (["--active", "-3"], "--active must be a number of days"),
        (["--since", "2013", "--until", "2012"], "the date range is empty: --since 2013 is after --until 2012"),
    ],
)
def test_cli_bad_options_are_one_line_errors(reader_in_process, args, message):
    result = reader_in_process("--corpus", str(SEEDS), "coverage", *args, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ")
    assert message in result.stderr and result.stdout == ""


def test_cli_hostile_outlet_names_and_titles_cannot_reach_the_terminal(tmp_path, reader_in_process):
    write(
        tmp_path / "news" / "a.md",
        '---\ntitle: "Evil \\e]0;pwned\\a title"\noutlet: "Red \\e[31mNews"\n'
        "date: 2025-10-20\n---\nSome text about a thing that happened.\n",
    )
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Red News" in result.stdout and "Evil" in result.stdout


def test_cli_names_articles_with_no_outlet_instead_of_a_dash(tmp_path, reader_in_process):
    write(tmp_path / "news" / "a.md", "---\ntitle: Harbour strike\ndate: 2025-10-20\n---\nThe strike went on.\n")
    write(
        tmp_path / "news" / "b.md",
        "---\ntitle: Chess olympiad\noutlet: Beta News\ndate: 2025-10-21\n---\nThe chess olympiad opened.\n",
    )
    out = reader_in_process("--corpus", str(tmp_path / "news"), "coverage").stdout
    assert "  covered   1 article with no outlet\n  missing   Beta News" in out


def test_library_coverage_uses_the_stored_grouping(seed_library, monkeypatch):
    import reader.analysis.stories as stories_module

    def no_regrouping(*args, **kwargs):
        raise AssertionError("coverage must not regroup")

    monkeypatch.setattr(stories_module, "cluster_stories", no_regrouping)
    monkeypatch.setattr(stories_module, "group_stories", no_regrouping)
    coverage = seed_library.coverage()
    assert [o.name for o in coverage.outlets] == ["Fox News", "The Moscow Times"]
    (row,) = coverage.stories
    assert row.outlets == ("Fox News", "The Moscow Times") and row.missing == ()
    assert row.date == "2025-10-21"


def test_cli_words_a_corpus_of_one_outlet_or_none_without_counting_to_one(tmp_path, reader_in_process):
    """A corpus of one outlet read "(1 of 1 outlet · …)" and "1 story, 1 outlet; 1 told by one
    outlet only"; one with no outlet named "(0 of 0 outlets · …)", "1 article, 0 outlets" and "0
    told by one outlet only"; a date range nothing is in, a bare "no stories"."""
    write(
        tmp_path / "news" / "a.md",
        "---\ntitle: Harbour strike\noutlet: Beta News\ndate: 2025-10-20\n---\nThe harbour strike went on.\n",
    )
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage")
    assert result.stdout.startswith("2025-10-20  Harbour strike  (1 outlet · s")
    assert result.stderr.endswith("reader: 1 story, 1 outlet\n")
    assert "the corpus has one outlet, Beta News, so no story shows another one missing" in result.stderr
    write(tmp_path / "bare" / "a.txt", "The harbour strike went on for days in the port.\n")
    result = reader_in_process("--corpus", str(tmp_path / "bare"), "coverage")
    assert "  (no outlet · s" in result.stdout and result.stderr.endswith("reader: 1 story, no outlet\n")
    stories = reader_in_process("--corpus", str(tmp_path / "bare"), "stories").stdout
    assert "(1 article, no outlet · s" in stories
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage", "--since", "2026", "--until", "2027")
    assert result.stderr == "reader: no stories with an article dated 2026 to 2027\n"


def test_cli_says_why_coverage_can_say_little(tmp_path, reader_in_process):
    """On articles that name no outlet every story read "0 of 0 outlets", and `--only blindspot`
    without leanings "no stories", with no word of why (the app's view says the second)."""
    for name, text in (("a", "The harbour strike went on."), ("b", "The chess olympiad opened.")):
        write(tmp_path / "bare" / f"{name}.txt", text + "\n")
    result = reader_in_process("--corpus", str(tmp_path / "bare"), "coverage", "--json")
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr.startswith("reader: no article names its outlet, so no story shows who told it")
    write(tmp_path / "news" / "a.md", "---\ntitle: Harbour strike\noutlet: Beta News\n---\nThe strike went on.\n")
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage", "--only", "blindspot")
    assert result.stdout == ""  # piped: the data stays empty, and stderr says there is none
    assert result.stderr.endswith(
        "reader: no outlet has a leaning, so no story can be a blindspot: give outlets a `leaning:` "
        "in outlets.yaml in your config folder (README, Leanings)\nreader: no blindspots\n"
    )
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage")
    assert result.stderr == (
        "reader: the corpus has one outlet, Beta News, so no story shows another one missing: coverage "
        "compares outlets (add a folder of another's with --corpus)\nreader: 1 story, 1 outlet\n"
    )
    assert "Harbour strike" in result.stdout


def test_an_outlet_written_with_and_without_an_emoji_selector_is_one_outlet():
    # "Rally ❤️" (VS16) and "Rally ❤" were two outlets: each "missing" from the other's story
    articles = [art("r1", "Rally \u2764\ufe0f", "2025-10-01"), art("r2", "Rally \u2764", "2025-10-02")]
    articles.append(art("b1", "Beta", "2025-10-01"))
    coverage = compute_coverage(articles, [story("s1", "r1", "b1"), story("s2", "r2")])
    assert [(o.name, o.articles, o.stories) for o in coverage.outlets] == [("Beta", 1, 1), ("Rally \u2764\ufe0f", 2, 2)]
    rows = rows_by_id(coverage)
    assert rows["s2"].outlets == ("Rally \u2764\ufe0f",) and rows["s2"].missing == ("Beta",)


def test_json_and_csv_give_a_storys_whole_label_and_the_text_cuts_it(tmp_path, reader_in_process):
    """Labels were cut to 70 characters when the stories were grouped, so a script reading
    `coverage --json` or `--csv` (or `stories --json`) got "…" in place of the headline's end."""
    title = "Riverton evacuates the whole Lakeside district as floodwaters rise past the old embankment"
    assert len(title) > 70
    write(
        tmp_path / "news" / "a.md",
        f"---\ntitle: {title}\noutlet: Alpha Daily\ndate: 2025-10-06\n---\nFloodwaters rose in Riverton.\n",
    )
    corpus = str(tmp_path / "news")
    assert [row["label"] for row in coverage_json(reader_in_process, corpus)] == [title]
    table = list(csv.DictReader(io.StringIO(reader_in_process("--corpus", corpus, "coverage", "--csv").stdout)))
    assert [row["label"] for row in table] == [title]
    stories = json.loads(reader_in_process("--corpus", corpus, "stories", "--json").stdout)
    assert [story["label"] for story in stories] == [title]
    for command in ("coverage", "stories"):
        head = reader_in_process("--corpus", corpus, command).stdout.splitlines()[0]
        shown = head.split("  ")[1] if command == "coverage" else head.split("  ")[0]
        assert shown.endswith("…") and len(shown) <= 70 and title.startswith(shown[:-1]), head


def test_a_storys_articles_are_looked_up_once():
    """`_earliest` looked each covering article up again after `_members` had read it."""
    from reader.analysis.coverage import _Outlets, _story_row

    lookups = []

    class Counted(dict):
        def get(self, key, default=None):
            lookups.append(key)
            return super().get(key, default)

        def __getitem__(self, key):
            lookups.append(key)
            return super().__getitem__(key)

    outlets = _Outlets(ARTICLES, lambda name: None, None)
    outlets.info = Counted(outlets.info)
    row = _story_row(story("s-all", "a1", "b1", "c1"), outlets, None, None)
    assert row is not None and row.dates == {"Alpha": "2025-10-01", "Beta": "2025-10-02", "Gamma": "2025-10-01"}
    assert sorted(lookups) == ["a1", "b1", "c1"]


def test_outlets_told_words_one_outlet_and_none_as_the_view_and_the_text_say_them():
    from reader.analysis.coverage import outlets_told

    assert [outlets_told(c, n) for c, n in ((2, 3), (1, 1), (0, 1), (0, 0), (3, 3))] == [
        "2 of 3 outlets",
        "1 outlet",
        "0 of 1 outlet",
        "no outlet",
        "3 of 3 outlets",
    ]


def test_cli_text_says_every_other_outlet_rather_than_listing_dozens(tmp_path, reader_in_process):
    """In a corpus of 40 outlets a story one outlet told listed the 39 others by name (ten lines
    at 120 columns, story after story); the names add nothing to "every other outlet"."""
    topics = [
        "Harbour strike halts ferries",
        "Chess olympiad opens in Eastport",
        "Council closes coal plant",
        "Flood waters rise in Riverton",
        "Orchestra tours the northern valleys",
        "Museum returns bronze statues",
        "Marathon runner breaks record",
        "Bakery wins national bread prize",
        "Bridge repairs delay commuters",
        "Zoo welcomes twin pandas",
        "Library extends weekend hours",
        "Airport opens solar terminal",
    ]
    for i in range(12):
        write(
            tmp_path / "news" / f"o{i}.md",
            f"---\ntitle: {topics[i]}\noutlet: Outlet {i:02d}\ndate: 2025-{i + 1:02d}-01\n---\n{topics[i]}.\n",
        )
    result = reader_in_process("--corpus", str(tmp_path / "news"), "coverage")
    rows = [line for line in result.stdout.splitlines() if line.startswith("  missing")]
    assert len(rows) == 12 and all(line == "  missing   every other outlet (11)" for line in rows)
    named = reader_in_process("--corpus", str(tmp_path / "news"), "coverage", "--active", "400").stdout
    assert "  missing   Outlet 00, Outlet 01, Outlet 02," in named  # only the active ones count: named
