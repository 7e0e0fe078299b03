"""Relative dates (`today`, `yesterday`, `3d`, `2w`) wherever a date bound is asked for."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from reader import relative_dates
from reader.listing import parse_filter
from reader.relative_dates import absolute

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from conftest import run_main  # noqa: E402

TODAY = date(2025, 10, 21)


@pytest.mark.parametrize(
    "value, day",
    [
        ("today", "2025-10-21"),
        ("yesterday", "2025-10-20"),
        (" Yesterday ", "2025-10-20"),
        ("0d", "2025-10-21"),
        ("3d", "2025-10-18"),
        ("2w", "2025-10-07"),
        ("30D", "2025-09-21"),
    ],
)
def test_relative_dates_become_iso_days(value, day):
    assert absolute(value, today=TODAY) == day


@pytest.mark.parametrize("value", ["2025-10-01", "2025-10", "2025", "soon", "3 days", "-3d", "3m", "", None])
def test_anything_else_is_left_as_it_is_for_the_date_checks(value):
    assert absolute(value, today=TODAY) == value


@pytest.fixture
def fixed_today(monkeypatch):
    class Fixed(date):
        @classmethod
        def today(cls):
            return TODAY

    monkeypatch.setattr(relative_dates, "date", Fixed)


def test_the_list_filter_takes_relative_bounds(fixed_today):
    spec = parse_filter("budget since:3d until:yesterday")
    assert (spec.words, spec.since, spec.until) == (("budget",), "2025-10-18", "2025-10-20")
    spec = parse_filter("date:2w..today")
    assert (spec.since, spec.until) == ("2025-10-07", "2025-10-21")


def test_search_and_coverage_take_relative_since_and_until(fixed_today, tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus")  # the budget votes of 2025-10-02/03, the storm of 09-15
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    query = ["search", "budget OR storm", "--json"]
    code, out, _ = run_main(capsys, *base, *query, "--since", "3w")  # 2025-09-30
    hits = {hit["id"] for hit in json.loads(out)}
    assert code == 0 and hits == {"reuters/budget-vote", "ap/budget-vote"}
    code, out, _ = run_main(capsys, *base, *query, "--until", "3w")
    assert code == 0 and {hit["id"] for hit in json.loads(out)} == {"reuters/storm"}
    code, out, _ = run_main(capsys, *base, "coverage", "--until", "3w", "--json")
    assert code == 0 and [story["date"] for story in json.loads(out)] == ["2025-09-15"]
