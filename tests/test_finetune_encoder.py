"""bench/finetune_encoder.py's folds: each labelled pair is held out by exactly one fold, with its story."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import finetune_encoder as fe  # noqa: E402


def test_every_story_is_held_out_by_exactly_one_fold_and_its_pairs_with_it():
    pairs = [{"name": f"p{k}", "story": f"s{k % 7}"} for k in range(20)]
    folds = [fe.held_out_stories(pairs, k, 3) for k in range(3)]
    stories = {p["story"] for p in pairs}
    assert set().union(*folds) == stories
    assert sum(len(f) for f in folds) == len(stories)  # no story in two folds
    assert all(len(f) in (2, 3) for f in folds)
    assert fe.held_out_stories(pairs, 1, 3) == folds[1]  # the same folds on every run
    assert fe.held_out_stories(pairs, None, 3) == set()  # no hold-out: train on everything


def test_each_pair_is_read_by_the_fold_that_held_its_story_out():
    pairs = [{"name": f"p{k}", "story": f"s{k % 7}"} for k in range(20)]
    stories = [p["story"] for p in pairs]
    for k in range(3):
        held = fe.held_out_stories(pairs, k, 3)
        assert {s for s in stories if fe.fold_of(s, stories, 3) == k} == held
    assert fe.fold_of("told by no labelled pair", stories, 3) == 0  # every encoder is blind to it


def _labelled_pair(folder: Path, left: str, right: str, labeller: str) -> dict:
    import eval_comparison as ev

    texts = {
        left: ("Fox News", "The senator resigned on Monday. He cited his health."),
        right: ("HuffPost", "The senator quit his seat on Monday. Voters were stunned."),
    }
    record = {"left_id": left, "right_id": right, "links": [[0, 0]], "secondary_links": [], "labeller": labeller}
    for side, name in (("left", left), ("right", right)):
        outlet, body = texts[name]
        path = folder / f"{name}.md"
        path.write_text(f"---\ntitle: {name}\noutlet: {outlet}\n---\n\n{body}\n", encoding="utf-8")
        text = ev.load_path(path).articles[0].text
        record[f"{side}_spans"] = [list(span) for span in ev._spans(text, body.split(". ", 1)[0:1])]
        record[f"{side}_digest"] = ev.text_digest(text)
    return record


def test_dump_keeps_only_the_pairs_of_the_labellers_asked_for(tmp_path):
    import json

    records = [
        _labelled_pair(tmp_path, "a1", "b1", "session 7"),
        _labelled_pair(tmp_path, "a2", "b2", "session 11, labeller 13"),
    ]
    (tmp_path / "stories.yaml").write_text(
        "- story: s1\n  articles: [a1.md, b1.md]\n- story: s2\n  articles: [a2.md, b2.md]\n", encoding="utf-8"
    )
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "pairs.json"
    fe.dump(labels, tmp_path, out, labelled_by=["session 7", "session 10"])
    (pair,) = json.loads(out.read_text(encoding="utf-8"))
    assert (pair["name"], pair["story"]) == ("a1__b1", "s1")
    assert pair["labels"][pair["keys"].index([0, 0])] == 1
    fe.dump(labels, tmp_path, out)
    assert [p["story"] for p in json.loads(out.read_text(encoding="utf-8"))] == ["s1", "s2"]


def test_msrp_batches_pair_the_ith_sentences_and_add_one_other_as_a_non_link(tmp_path):
    lines = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    lines += [f'{k % 2}\t{k}\t{k + 100}\tleft {k} said "hello"\tright {k}' for k in range(5)]
    lines += ["broken line without tabs"]
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = fe.msrp_batches(path, size=3)
    assert fe.msrp_batches(path, size=3) == [first, second]  # the same batches on every run
    assert sorted(first["left"] + second["left"]) == sorted(f'left {k} said "hello"' for k in range(5))
    for batch in (first, second):
        n = len(batch["left"])
        assert batch["keys"][:n] == [[i, i] for i in range(n)]
        for i, left in enumerate(batch["left"]):
            k = int(left.split()[1])
            assert batch["right"][i] == f"right {k}" and batch["labels"][i] == k % 2
        others = batch["keys"][n:]
        assert [i for i, _ in others] == list(range(n)) and all(i != j for i, j in others)
        assert batch["labels"][n:] == [0] * n


def test_quote_weight_picks_the_links_between_a_quotation_and_narrative():
    pair = {
        "left": ['"We will meet in Budapest," he wrote.', "Trump met Zelensky on Friday."],
        "right": ["Trump said he would meet Putin in Budapest.", '"It was a good meeting," Trump said.'],
        "keys": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "labels": [1, 1, 0, 1],
    }
    assert [fe._quote_and_narrative(pair, k) for k in range(4)] == [True, False, False, True]


def test_background_idf_reads_document_frequencies_and_their_count(tmp_path):
    import math

    import numpy as np

    path = tmp_path / "bg.npz"
    np.savez(path, df=np.array([0, 9, 99]), count=99)
    idf = fe._background_idf(path)
    assert idf == [math.log(100 / 0.5), math.log(100 / 9.5), math.log(100 / 99.5)]
    assert idf[0] > idf[1] > idf[2] > 0  # a piece in every sentence weighs least, never below 0
