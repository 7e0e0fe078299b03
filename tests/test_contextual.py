"""The shipped contextual encoder (ONNX) and the BERTScore the comparison reads from it."""

import os
import random
import threading

import numpy as np
import pytest

from reader.analysis import contextual
from reader.analysis.contextual import Encoded, PairScores, bertscore, encoder


def test_the_shipped_model_loads_and_gives_unit_vectors_of_word_pieces():
    (sentence,) = encoder().encode(["Trump delayed the steel tariffs, again."])
    token = {k: piece for piece, k in encoder().tokenizer.vocab.items()}
    pieces = [token[i] for i in sentence.ids]
    assert pieces[:2] == ["trump", "delayed"] and "," not in pieces and "." not in pieces
    assert sentence.vectors.shape == (len(pieces), 384)
    assert np.allclose(np.linalg.norm(sentence.vectors.astype(np.float32), axis=1), 1.0, atol=1e-2)


# Recorded in session 14 on an AMD EPYC with AVX2 but no VNNI. The model's weights are 7-bit, so
# ONNX Runtime multiplies them exactly on every x86 CPU; with full 8-bit weights such a CPU clipped
# the products (the same file gave other scores there than on a VNNI CPU, by ~0.01). Another export
# moves these by ~0.01 too; float rounding that differs between CPUs moves them by far less than
# the tolerance.
RECORDED_PRECISION = [[0.419915, 0.24465, 0.170562], [0.166763, 0.545568, 0.193508]]
RECORDED_RECALL = [[0.475108, 0.234661, 0.183047], [0.17895, 0.473234, 0.253774]]


def test_the_shipped_model_scores_sentences_as_recorded_whatever_the_cpu():
    left = [
        "Trump has decided to push back his decision on the tariffs until June 1.",
        "President Putin and I will then meet in Budapest, he wrote on X.",
    ]
    right = [
        "The president delayed steep steel and aluminum tariffs through June 1.",
        "Trump quickly posted on social media that he would meet within two weeks with Putin in Budapest.",
        "The Kremlin said the call was productive.",
    ]
    scores = encoder().bertscore(left, right)
    assert np.allclose(scores.precision, RECORDED_PRECISION, atol=2e-3, rtol=0)
    assert np.allclose(scores.recall, RECORDED_RECALL, atol=2e-3, rtol=0)


def test_a_paraphrase_scores_above_a_sentence_about_something_else():
    left = ["Trump has decided to push back his decision on the tariffs until June 1."]
    right = [
        "The president delayed steep steel and aluminum tariffs through June 1.",
        "The president praised the steel workers at a rally in Ohio on Saturday.",
        "Trump has decided to push back his decision on the tariffs until June 1.",
    ]
    scores = encoder().bertscore(left, right)
    assert scores.f1.shape == (1, 3)
    assert scores.f1[0, 2] == pytest.approx(1.0, abs=1e-3)  # the same sentence
    assert scores.f1[0, 0] > scores.f1[0, 1]


def test_precision_and_recall_swap_when_the_sides_do():
    left = ["Putin and I will meet in Budapest.", "The summit was cancelled."]
    right = ["Trump said he would meet Putin in Budapest within two weeks.", "Nothing happened."]
    forward, backward = encoder().bertscore(left, right), encoder().bertscore(right, left)
    assert np.allclose(forward.precision, backward.recall.T, atol=1e-6)
    assert np.allclose(forward.f1, backward.f1.T, atol=1e-6)


def test_the_best_match_counts_each_word_piece_once_weighted_by_idf():
    def unit(*rows):
        v = np.array(rows, dtype=np.float32)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float16)

    # Piece 1 occurs in every sentence (IDF log(4/3.5)), piece 2 in one (log(4/1.5)).
    a = Encoded(np.array([1, 2]), unit([1, 0], [0, 1]))
    b = Encoded(np.array([1]), unit([1, 0]))
    c = Encoded(np.array([1, 3]), unit([1, 0], [0.6, 0.8]))
    scores = bertscore([a], [b, c])
    common, rare = np.log(4 / 3.5), np.log(4 / 1.5)
    assert scores.precision[0, 0] == pytest.approx(common / (common + rare), abs=1e-3)  # piece 2 unmatched
    assert scores.recall[0, 0] == pytest.approx(1.0, abs=1e-3)
    assert scores.precision[0, 1] == pytest.approx((common + 0.8 * rare) / (common + rare), abs=1e-3)


def test_a_piece_counts_only_for_the_sentence_holding_its_best_match():
    def unit(*rows):
        v = np.array(rows, dtype=np.float32)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float16)

    # a's pieces: 1 matches b's exactly and c's at 0.6; 2 matches only c's (0.8). Every piece
    # occurs in two of the three sentences: one IDF for all.
    a = Encoded(np.array([1, 2]), unit([1, 0], [0, 1]))
    b = Encoded(np.array([1, 3]), unit([1, 0], [0, -1]))
    c = Encoded(np.array([2, 3]), unit([0.6, 0.8], [0.6, 0.8]))
    scores = bertscore([a], [b, c])
    assert scores.precision[0, 0] == pytest.approx(0.5, abs=1e-3)  # piece 1 found, piece 2 not (-1 -> 0)
    assert scores.won_precision[0, 0] == pytest.approx(0.5, abs=1e-3)  # b holds piece 1's best match
    assert scores.precision[0, 1] == pytest.approx(0.7, abs=1e-3)  # (0.6 + 0.8) / 2
    assert scores.won_precision[0, 1] == pytest.approx(0.4, abs=1e-3)  # only piece 2's 0.8 is c's win
    # Right pieces have only one left sentence to match: each wins wherever it has a match.
    assert np.allclose(scores.won_recall, np.maximum(scores.recall, 0), atol=1e-3)
    backward = bertscore([b, c], [a])
    assert np.allclose(scores.won_precision, backward.won_recall.T, atol=1e-6)
    # A match below WIN_FLOOR is no win, even without a rival (an article of one sentence).
    far = bertscore([Encoded(np.array([1]), unit([1, 0]))], [Encoded(np.array([2]), unit([0.4, 0.9165]))])
    assert far.precision[0, 0] == pytest.approx(0.4, abs=1e-3) and contextual.WIN_FLOOR > 0.4
    assert far.won_precision[0, 0] == 0 and far.won_recall[0, 0] == 0


def test_opposite_signs_of_precision_and_recall_give_an_f1_of_zero_not_a_huge_one():
    # A piece found in both of two sentences has a negative IDF (log(2 / 2.5)), so junk can score
    # a precision just under 0 beside a recall just over: unclamped, 2PR / (P + R) ran to -19.
    zero = np.zeros((1, 1))
    scores = PairScores(np.array([[-0.0289]]), np.array([[0.0382]]), zero, zero, zero)
    assert scores.f1[0, 0] == 0
    junk = encoder().bertscore(["161 161 161 gray63"], ['"exempt_*.policy".'])
    assert junk.precision[0, 0] < 0 < junk.recall[0, 0]  # such a pair, for real
    assert junk.f1[0, 0] == 0


def test_of_two_sentences_matching_the_same_words_the_closer_one_wins_them():
    short = ["Trump delayed the steel tariffs until June 1."]
    right = [
        "The president delayed the steel tariffs until June 1, the White House said.",
        "The steel tariffs were a topic at the rally on Saturday.",
    ]
    scores = encoder().bertscore(short, right)
    # The topic sentence half-matches as much as ever, but loses those pieces to the closer one.
    assert scores.won_precision[0, 1] < 0.5 * scores.precision[0, 1]
    assert scores.won_precision[0, 0] == pytest.approx(scores.precision[0, 0], abs=0.05)


def test_sentences_without_words_score_nothing_and_hostile_text_is_safe():
    weird = ["\x1b[31m[bold]x[/bold]\ud800", "", "…", "“ ”", "a " * 3000, "日本語のテキスト", "🙂 ok"]
    scores = encoder().bertscore(weird, ["A real sentence about the tariffs."])
    assert scores.f1.shape == (len(weird), 1)
    assert scores.f1[1, 0] == 0 and scores.f1[2, 0] == 0 and scores.f1[3, 0] == 0
    assert np.all(np.isfinite(scores.f1)) and np.all(scores.f1 <= 1.0 + 1e-3)
    assert np.all(np.isfinite(scores.part)) and np.all((scores.part >= 0) & (scores.part <= 1.0 + 1e-3))
    for won in (scores.won_precision, scores.won_recall):
        assert np.all(np.isfinite(won)) and np.all((won >= 0) & (won <= 1.0 + 1e-3))
    commas = encoder().bertscore([", , , and that , as -- , ;"] * 2 + ["1,2,3,4 and 5:6"], ["A, b, c."])
    assert np.all(np.isfinite(commas.part))
    assert encoder().bertscore([], ["x"]).f1.shape == (0, 1)


def _spied_encoder(monkeypatch, cache_sentences: int):
    """The encoder with an empty cache of `cache_sentences`, and the list of what it encodes."""
    monkeypatch.setattr(contextual, "CACHE_SENTENCES", cache_sentences)
    model = encoder()
    model._cache.clear()
    calls: list[list[str]] = []
    run = model._run
    monkeypatch.setattr(model, "_run", lambda texts, cancel=None: calls.append(list(texts)) or run(texts, cancel))
    return model, calls


def test_sentences_are_cached_up_to_a_bound(monkeypatch):
    model, calls = _spied_encoder(monkeypatch, 3)
    first = model.encode(["One.", "Two.", "One."])
    assert calls == [["One.", "Two."]]  # a repeated sentence goes through the encoder once
    again = model.encode(["Two.", "Three.", "Four."])
    assert calls[-1] == ["Three.", "Four."]
    assert again[0] is first[1]
    assert len(model._cache) == 3 and "One." not in model._cache  # the least recently used left


def test_a_comparison_longer_than_the_cache_keeps_its_sentences_till_the_next(monkeypatch):
    # Two long articles (more sentences than the cache holds) compared again must not be encoded
    # again: before, a 300 x 300 comparison made again cost almost as much as the first.
    model, calls = _spied_encoder(monkeypatch, 3)
    long = [f"Sentence number {k}." for k in range(6)]
    first = model.encode(long)
    again = model.encode(long)
    assert len(calls) == 1 and all(a is b for a, b in zip(again, first))
    model.encode(["Another one."])
    assert len(model._cache) == 3  # the next call brings the cache back within its bound


def test_a_sentence_comes_out_the_same_whatever_it_is_read_with():
    # The 8-bit model quantises activations per input: batched or padded, a sentence would differ.
    sentence = "The summit in Budapest was called off."
    model = encoder()
    (alone,) = model._run([sentence])
    among = model._run(["A much longer sentence about tariffs, steel, aluminum and June 1.", sentence, "Short."])[1]
    assert np.array_equal(alone.ids, among.ids)
    assert np.array_equal(alone.vectors, among.vectors)


def test_long_articles_are_matched_a_block_at_a_time_with_the_same_scores(monkeypatch):
    left = [f"Sentence {k} says the tariffs on steel were delayed until June {k}." for k in range(12)]
    right = ["The president postponed the steel duties.", "A storm hit the coast.", ""]
    whole = encoder().bertscore(left, right)
    monkeypatch.setattr(contextual, "BLOCK_PIECES", 5)  # a block per sentence or two
    assert contextual._blocks([0, 1, 2], [3, 3, 9]) == [[0], [1], [2]]
    blocked = encoder().bertscore(left, right)
    assert np.allclose(whole.precision, blocked.precision, atol=1e-6)
    assert np.allclose(whole.recall, blocked.recall, atol=1e-6)
    assert np.allclose(whole.part, blocked.part, atol=1e-6)
    assert np.allclose(whole.won_precision, blocked.won_precision, atol=1e-6)
    assert np.allclose(whole.won_recall, blocked.won_recall, atol=1e-6)  # wins are known after the last block


def _clauses_of(text: str) -> list[str]:
    """The sentence's clauses as runs of its kept word pieces."""
    (sentence,) = encoder().encode([text])
    token = {k: piece for piece, k in encoder().tokenizer.vocab.items()}
    pieces = [token[i] for i in sentence.ids]
    bounds = [*sentence.clause_starts().tolist(), len(pieces)]
    return [" ".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])]


def test_a_sentence_divides_into_clauses_at_commas_dashes_and_reported_speech():
    assert _clauses_of(
        "Trump hailed the call as progress and quickly posted on social media that he would meet Putin."
    ) == [
        "trump hailed the call as progress",  # "as progress" alone is too short: it stays
        "and quickly posted on social media",
        "that he would meet putin",
    ]
    assert _clauses_of("The city's mayor -- who spoke on Tuesday night -- denied all of it.") == [
        "the city s mayor",
        "who spoke on tuesday night",
        "denied all of it",
    ]
    assert _clauses_of("The senator, a Republican from Ohio, said on Monday that she would vote against the bill.") == [
        "the senator a republican from ohio",  # "the senator" alone is too short
        "said on monday",
        "that she would vote against the bill",
    ]
    assert _clauses_of("Officials said 1,200 people had been evacuated by noon.") == [
        "officials said 1 200 people had been evacuated by noon"
    ]  # a comma between digits divides nothing
    assert _clauses_of("Short.") == ["short"]


def test_clauses_shorter_than_the_minimum_join_the_one_before():
    marks = encoder().clause_marks
    vocab = encoder().tokenizer.vocab
    ids = [vocab[w] for w in "the senator said that he would resign , he said".split()]
    kept = [w != "," for w in "the senator said that he would resign , he said".split()]
    assert contextual.clause_starts(ids, kept, marks).tolist() == [0, 3]  # "he said" joins "that he would resign"
    assert contextual.clause_starts([], [], marks).tolist() == [0]
    words = [vocab[w] for w in "a b c that d e f".split()]
    assert contextual.clause_starts(words, [True] * 7, marks).tolist() == [0, 3]
    continued = [vocab[w] for w in "a b c that ##s d e f".split()]
    assert contextual.clause_starts(continued, [True] * 8, marks).tolist() == [0]  # "thats": a word, not "that"


def test_a_fact_told_in_one_clause_of_a_longer_sentence_scores_higher_as_a_part():
    short = ["Trump said he would meet Putin in Budapest."]
    long = [
        "The Kremlin said on Tuesday that there was no precise timeframe for a summit, "
        "and Trump said he would meet Putin in Budapest.",
        "A storm hit the coast.",
    ]
    scores = encoder().bertscore(short, long)
    assert scores.part[0, 0] > scores.f1[0, 0] + 0.1  # the second clause tells it all
    assert scores.part[0, 0] > scores.part[0, 1] + 0.3
    backward = encoder().bertscore(long, short)
    assert np.allclose(scores.part, backward.part.T, atol=1e-6)  # either side may hold the clause
    one = encoder().bertscore(["A storm hit the coast."], ["A storm hit the coast."])
    assert one.part[0, 0] == pytest.approx(one.f1[0, 0], abs=1e-6)  # one clause: the part is the whole


_SENTENCES = [
    "Trump has decided to push back his decision on the tariffs until June 1.",
    "The president delayed steep steel and aluminum tariffs through June 1.",
    "“I think this is a big mistake on the part of President Peña,” he said.",
    "Short.",
    "KANSAS CITY, Mo.",
    "Mr. Fox fired back with a Twitter post on Tuesday night, calling the remarks “unacceptable.”",
    "The summit in Budapest was called off after a phone call between the two leaders.",
    "A storm hit the coast.",
    "Officials said 1,200 people had been evacuated from low-lying areas near the river by noon.",
    "He wrote on X that the meeting would take place within two weeks.",
]


def test_a_sentence_comes_out_the_same_on_any_thread_and_in_any_order(monkeypatch):
    model = encoder()
    monkeypatch.setattr(model, "threads", 1)
    alone = {text: model._run([text])[0] for text in _SENTENCES}  # each alone, on this thread
    monkeypatch.setattr(model, "threads", 3)
    caller, used = threading.get_ident(), set()
    helper_started = threading.Event()
    encode_one = model._encode_one

    def spy(text):
        # The calling thread waits until a helper has taken a sentence: the work is shared out.
        if threading.get_ident() == caller:
            helper_started.wait(timeout=60)
        else:
            helper_started.set()
        used.add(threading.get_ident())
        return encode_one(text)

    monkeypatch.setattr(model, "_encode_one", spy)
    shuffled = random.Random(8).sample(_SENTENCES, len(_SENTENCES))
    for order in (_SENTENCES, _SENTENCES[::-1], shuffled):
        got = model._run(order)
        assert len(got) == len(order)
        for text, encoded in zip(order, got):
            assert np.array_equal(encoded.ids, alone[text].ids)
            assert np.array_equal(encoded.vectors, alone[text].vectors)
    assert caller in used and len(used) >= 2


def test_two_encodings_at_once_each_get_all_their_sentences(monkeypatch):
    # The app's prepare worker encodes while a comparison does: neither waits on the other's
    # helper, and both come out as encoded alone.
    model = encoder()
    monkeypatch.setattr(model, "threads", 2)
    model._cache.clear()
    expected = {text: model._run([text])[0] for text in _SENTENCES}
    model._cache.clear()
    results: dict[int, list] = {}

    def encode(k, texts):
        results[k] = model.encode(texts)

    jobs = [_SENTENCES, _SENTENCES[::-1], _SENTENCES[3:] + _SENTENCES[:3]]
    threads = [threading.Thread(target=encode, args=(k, texts)) for k, texts in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive()
    for k, texts in enumerate(jobs):
        assert [e.vectors.tobytes() for e in results[k]] == [expected[t].vectors.tobytes() for t in texts]


def test_a_failure_on_a_helper_thread_reaches_the_caller(monkeypatch):
    model = encoder()
    monkeypatch.setattr(model, "threads", 2)
    model._cache.clear()
    encode_one = model._encode_one

    def failing(text):
        if text == "Short.":
            raise RuntimeError("the model failed")
        return encode_one(text)

    monkeypatch.setattr(model, "_encode_one", failing)
    with pytest.raises(RuntimeError, match="the model failed"):
        model.encode(_SENTENCES)
    assert "Short." not in model._cache
    monkeypatch.setattr(model, "_encode_one", encode_one)
    assert len(model.encode(_SENTENCES)) == len(_SENTENCES)  # and the encoder still works


def test_one_encoding_thread_a_core_at_most_four(monkeypatch):
    monkeypatch.setattr(contextual.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert contextual.default_threads() == contextual.MAX_THREADS == 4
    monkeypatch.setattr(contextual.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert contextual.default_threads() == 1


@pytest.mark.parametrize("threads", [1, 2])
def test_a_long_encoding_reports_its_progress_in_order_and_a_short_one_stays_quiet(monkeypatch, threads):
    monkeypatch.setattr(contextual, "PROGRESS_FROM", 4)
    model = encoder()
    monkeypatch.setattr(model, "threads", threads)
    heard: list[tuple[int, int]] = []
    reporting = contextual.ENCODING_PROGRESS.set(lambda done, total: heard.append((done, total)))
    try:
        model._run([f"Progress sentence number {k}." for k in range(5)])
        assert heard == [(k, 5) for k in range(1, 6)]
        heard.clear()
        model._run(["Only three.", "Sentences here.", "No report."])
        assert heard == []
    finally:
        contextual.ENCODING_PROGRESS.reset(reporting)
    model._run([f"Nobody listens to sentence {k}." for k in range(5)])  # nothing set: no report
    assert heard == []


def test_the_encoder_loads_onnx_runtime_with_its_telemetry_off(tmp_path):
    """ONNX Runtime 1.29+ keeps a device id and an upload queue under ~/.cache/Microsoft and sends
    usage events to Microsoft unless told not to: encoding a sentence must leave no such trace."""
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_") and k not in ("CI", "XDG_CACHE_HOME")}
    env["HOME"] = str(home)
    code = (
        "from reader.analysis.contextual import encoder\n"
        "[encoded] = encoder().encode(['The council approved the budget.'])\n"
        "import os; print(len(encoded.ids), os.environ.get('ORT_DISABLE_TELEMETRY', 'unset'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pieces, setting = done.stdout.split()
    assert int(pieces) > 0
    assert not (home / ".cache" / "Microsoft").exists()  # no device id, no queue of events
    assert "telemetry" not in done.stderr and setting == "1"


def test_a_users_own_telemetry_setting_is_left_as_it_is(monkeypatch):
    monkeypatch.setenv("ORT_DISABLE_TELEMETRY", "0")
    contextual._import_onnxruntime()
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "0"
