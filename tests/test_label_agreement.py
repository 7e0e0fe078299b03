"""bench/label_agreement.py: blind labels scored the way align-dev scores a method."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import label_agreement  # noqa: E402


def test_agreement_counts_links_as_align_dev_scores_a_method():
    gold = {"links": [[0, 0], [1, 1], [2, 2]], "secondary_links": [[3, 3]]}
    blind = {"links": [[0, 0], [3, 3], [4, 4]], "secondary_links": [[1, 1]]}
    t = label_agreement.agreement(blind, gold)
    # (0, 0) agrees; (3, 3) is gold-secondary, so ignored; (4, 4) is a false link.
    assert (t["tp"], t["fp"], t["gold_links"]) == (1, 1, 3)
    # (1, 1) was called secondary, (2, 2) not marked at all.
    assert (t["called_secondary"], t["missed"]) == (1, 1)
    assert (t["marks_both"], t["marks"]) == (3, 4 + 4)


def test_main_prints_each_pair_and_the_total(tmp_path, capsys):
    (tmp_path / "l__r.json").write_text(json.dumps({"links": [[0, 0], [1, 1]], "secondary_links": []}))
    blind = {"left_id": "l", "right_id": "r", "links": [[0, 0]], "secondary_links": [[1, 1]], "labeller": "x"}
    (tmp_path / "blind.jsonl").write_text(json.dumps(blind) + "\n")
    assert label_agreement.main([str(tmp_path), "--blind", str(tmp_path / "blind.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "P 1.00 R 0.50" in out and "all: P 1.000 R 0.500 F1 0.667" in out
