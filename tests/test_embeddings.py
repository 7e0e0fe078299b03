"""The shipped static token table, its WordPiece tokenizer and the meaning signals built on it."""

import numpy as np

from reader.analysis.embeddings import table
from reader.analysis.wordpiece import WordPiece


def test_wordpiece_splits_like_bert_uncased():
    vocab = ["[PAD]", "[UNK]", "un", "##aff", "##able", "runn", "##ing", ",", "cafe"]
    wp = WordPiece(vocab)
    ids = wp.ids("Unaffable, running CAFÉ xyz")
    assert [vocab[i] for i in ids] == ["un", "##aff", "##able", ",", "runn", "##ing", "cafe", "[UNK]"]


def test_a_sentence_is_tokenised_once_and_its_ids_stay_the_callers():
    wp = WordPiece(["[PAD]", "[UNK]", "tariffs", "delayed"])
    first = wp.ids("Tariffs delayed")
    first.append(99)  # a caller changing its list must not change the cached pieces
    assert wp.ids("Tariffs delayed") == [2, 3]
    assert wp._text_ids.cache_info().hits == 1


def test_the_table_and_the_contextual_encoder_share_one_tokenizer():
    from reader.analysis.contextual import encoder

    assert table().tokenizer is encoder().tokenizer
    assert table().tokenizer.tokens[:1] == ["[PAD]"] and len(table().tokenizer.tokens) == len(table().vectors)


def test_table_loads_and_has_one_vector_per_token():
    t = table()
    assert t.vectors.shape == (len(t.tokenizer.vocab), 256)
    assert t.token_ids("tariffs") and all(not t.skip[i] for i in t.token_ids("a, b."))


def test_related_words_are_closer_than_unrelated():
    t = table()

    def sim(a, b):
        return float(t.word_vector(a) @ t.word_vector(b))

    assert sim("delayed", "postponed") > sim("delayed", "banana")
    assert sim("tariffs", "duties") > sim("tariffs", "orchestra")


def test_sentence_vectors_are_unit_and_centred():
    t = table()
    vectors = t.sentence_vectors(["Tariffs were delayed.", "The duties were postponed.", "A cat slept."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_hostile_text_is_safe():
    t = table()
    weird = ["\x1b[31m[bold]x[/bold]\ud800", "", "…", "a" * 5000]
    assert t.sentence_vectors(weird).shape == (4, 256)
    assert t.word_vector("\x1b[31m").shape == (256,)
