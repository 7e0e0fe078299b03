"""bench/distill_encoder.py's parts that need no PyTorch: the training sentences and the student's weights."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from distill_encoder import split_text, student_weights, training_sentences  # noqa: E402


def test_running_text_is_cut_into_sentences_of_a_useful_length():
    text = 'The senate voted on Tuesday to pass it. "We won," he said to them. Ok. Then the house met again today.'
    assert split_text(text) == [
        "The senate voted on Tuesday to pass it.",
        '"We won," he said to them.',
        "Then the house met again today.",
    ]


def test_training_sentences_come_from_the_three_unlabelled_corpora_once_each(tmp_path):
    (tmp_path / "msrp-dev").mkdir()
    (tmp_path / "msrp-dev" / "pairs.tsv").write_text(
        "label\tid1\tid2\ts1\ts2\n1\ta\tb\tThe bill passed the senate today.\tThe senate passed the bill today.\n"
    )
    (tmp_path / "polnear-dev" / "text").mkdir(parents=True)
    (tmp_path / "polnear-dev" / "text" / "a.txt").write_text("The bill passed the senate today. A new law was signed.")
    (tmp_path / "aeb-dev").mkdir()
    (tmp_path / "aeb-dev" / "ground-truth.json").write_text(
        json.dumps({"x": {"articleBody": "Markets fell on the news."}})
    )
    (tmp_path / "basil-dev").mkdir()  # never read: its pairs score the result
    (tmp_path / "basil-dev" / "x.md").write_text("Basil text must not appear here at all.")
    sentences = training_sentences(tmp_path)
    assert sorted(sentences) == sorted(
        [
            "The bill passed the senate today.",
            "The senate passed the bill today.",
            "A new law was signed.",
            "Markets fell on the news.",
        ]
    )
    assert training_sentences(tmp_path) == sentences  # the same order for the same seed


def test_the_student_keeps_the_chosen_layers_renumbered_and_drops_the_pooler():
    teacher = {
        "embeddings.word_embeddings.weight": "E",
        **{f"encoder.layer.{k}.attention.self.query.weight": f"Q{k}" for k in range(6)},
        "pooler.dense.weight": "P",
    }
    assert student_weights(teacher, [0, 2, 4]) == {
        "embeddings.word_embeddings.weight": "E",
        "encoder.layer.0.attention.self.query.weight": "Q0",
        "encoder.layer.1.attention.self.query.weight": "Q2",
        "encoder.layer.2.attention.self.query.weight": "Q4",
    }
