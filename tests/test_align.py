"""The sentence-link model (reader.analysis.align): its two stages and the shipped data."""

from __future__ import annotations

import numpy as np
import pytest

from reader.analysis import align


def test_context_features_are_the_pair_and_its_neighbours_first_stage_probabilities():
    keys = [(0, 0), (1, 1), (1, 2), (2, 1)]
    first = np.array([0.9, 0.2, 0.6, 0.3])
    rows = align.context_features(keys, first, (3, 3))
    # (1, 1): its diagonal neighbours are (0, 0) = 0.9 and (2, 2), not a candidate (0);
    # its adjacent ones (0, 1) (2, 1) (1, 0) (1, 2): best 0.6.
    # Then each sentence's distant candidates' probabilities summed, smaller first: left 1's
    # (1, 2) and right 1's (2, 1) are next to the pair, one telling, not rivals (the test
    # below counts distant ones).
    assert rows[1] == pytest.approx([0.2, 0.9, 0.6, 0.0, 0.0])
    # (0, 0) sits in the corner: (1, 1) is its only diagonal neighbour, nothing adjacent, and
    # neither sentence has another candidate.
    assert rows[0] == pytest.approx([0.9, 0.2, 0.0, 0.0, 0.0])
    # (2, 1): (1, 2) is on the other diagonal (order reversed), not a diagonal neighbour; right
    # 1's (1, 1) = 0.2 is adjacent, not distant.
    assert rows[3] == pytest.approx([0.3, 0.0, 0.2, 0.0, 0.0])
    assert align.context_features([], np.zeros(0), (2, 2)).shape == (0, len(align.CONTEXT_FEATURES))


def test_a_sentence_with_likely_partners_across_the_article_counts_them_for_each_of_its_pairs():
    # Left 0 half-matches right 0, 3, 6 and 9, far apart (a topic sentence); left 5 matches right
    # 0 alone. The same first probability 0.5 then comes with different context.
    keys = [(0, 0), (0, 3), (0, 6), (0, 9), (5, 0)]
    first = np.array([0.5, 0.5, 0.5, 0.5, 0.5])
    rows = align.context_features(keys, first, (6, 10))
    distant = [align.CONTEXT_FEATURES.index("distant_links_low"), align.CONTEXT_FEATURES.index("distant_links_high")]
    assert rows[1, distant] == pytest.approx([0.0, 1.5])  # right 3: none besides; left 0: three
    assert rows[0, distant] == pytest.approx([0.5, 1.5])  # right 0 also has (5, 0)
    assert rows[4, distant] == pytest.approx([0.0, 0.5])  # left 5: none; right 0: (0, 0)


def test_partners_within_a_run_of_sentences_are_not_counted_as_rivals():
    # Left 0 (a lead) is told again by right 4, 5 and 6, one fact each, and half-matches right 12.
    keys = [(0, 4), (0, 5), (0, 6), (0, 12)]
    first = np.array([0.5, 0.5, 0.5, 0.5])
    rows = align.context_features(keys, first, (1, 13))
    distant = [align.CONTEXT_FEATURES.index("distant_links_low"), align.CONTEXT_FEATURES.index("distant_links_high")]
    assert rows[1, distant] == pytest.approx([0.0, 0.5])  # right 4 and 6 are within RUN of 5: only 12
    assert rows[0, distant] == pytest.approx([0.0, 0.5])  # 6 is RUN from 4: still the same run
    assert rows[3, distant] == pytest.approx([0.0, 1.5])  # from right 12, all three are distant


def test_a_leads_partners_told_in_a_run_are_surer_links_than_a_topic_sentences_spread_ones():
    # The same candidates, alike in every feature (so alike in the first stage), with no
    # neighbours: a lead's partners two sentences apart (right 2, 4, 6) against a topic
    # sentence's spread over the article (right 0, 10, 20). Counted plainly both middle ones
    # have 1.0 other links; the shipped model reads only the topic sentence's as rivals.
    model = align.load_model()
    # Features a standard deviation and a half towards a link on every input: a likely candidate.
    likely = np.array(model.first.mean) + 1.5 * np.array(model.first.scale) * np.sign(model.first.weights)
    rows = np.tile(likely, (3, 1))
    lead = model.probabilities([(0, 2), (0, 4), (0, 6)], rows, (1, 21))
    topic = model.probabilities([(0, 0), (0, 10), (0, 20)], rows, (1, 21))
    assert lead[1] > topic[1] + 0.01


def test_context_features_do_not_depend_on_which_article_is_left():
    keys = [(0, 1), (1, 2), (2, 0), (3, 3)]
    first = np.array([0.7, 0.4, 0.1, 0.8])
    forward = align.context_features(keys, first, (4, 4))
    backward = align.context_features([(j, i) for i, j in keys], first, (4, 4))
    assert np.array_equal(forward, backward)


_FOX = [
    "President Donald Trump has no plans to meet with Russian President Vladimir Putin, a senior official said.",
    "Trump had said he planned to meet with Putin in Budapest, Hungary in the coming weeks.",
    "Secretary of State Marco Rubio was scheduled to meet with Russian Foreign Minister Sergey Lavrov this week.",
    '"I believe great progress was made with today’s telephone conversation." (Donald Trump)',
    "Acquiring Tomahawk missiles is a top priority for Zelenskyy.",
]
_MOSCOW = [
    "Trump has no immediate plans to meet Russian counterpart Vladimir Putin, a U.S. official said Tuesday.",
    "Rubio spoke by telephone on Monday with Lavrov, after Trump said the two would meet to arrange a summit.",
    "Trump hailed the call as progress and posted that he would meet within two weeks with Putin in Budapest.",
    "The Kremlin also said Tuesday there was no precise timeframe for a summit.",
]


def test_every_feature_and_link_is_the_same_whichever_article_is_left():
    forward_keys, forward = align.candidate_features(_FOX, _MOSCOW)
    backward_keys, backward = align.candidate_features(_MOSCOW, _FOX)
    mirrored = {(i, j): row for (j, i), row in zip(backward_keys, backward)}
    assert set(forward_keys) == set(mirrored) and forward_keys
    for key, row in zip(forward_keys, forward):
        assert np.allclose(row, mirrored[key], atol=1e-5), key  # float rounding of the two products only
    won = [align.FEATURES.index("context_won_low"), align.FEATURES.index("context_won_high")]
    assert forward[:, won].max() > 0  # the pieces-won signal is read, not all zeros
    links = align.link_sentences(_FOX, _MOSCOW)
    back = align.link_sentences(_MOSCOW, _FOX)
    assert [(i, j) for i, j, _ in links.pairs] == sorted((i, j) for j, i, _ in back.pairs)


def test_shipped_model_has_two_stages_and_round_trips():
    model = align.load_model()
    assert model.second is not None
    assert len(model.first.weights) == len(align.FEATURES)
    assert len(model.second.weights) == len(align.FEATURES) + len(align.CONTEXT_FEATURES)
    assert align.LinkModel.from_dict(model.to_dict()) == model


def test_a_one_stage_model_is_its_first_regression():
    model = align.load_model()
    one = align.LinkModel(**(model.__dict__ | {"second": None}))
    assert align.LinkModel.from_dict(one.to_dict()) == one
    rows = np.random.default_rng(1).random((3, len(align.FEATURES)))
    keys = [(0, 0), (1, 1), (2, 0)]
    assert np.allclose(one.probabilities(keys, rows, (3, 2)), model.first.probabilities(rows))


def test_a_model_fitted_on_other_features_is_refused():
    data = align.load_model().to_dict()
    with pytest.raises(ValueError, match="other features"):
        align.LinkModel.from_dict(data | {"features": data["features"][:-1]})
    with pytest.raises(ValueError, match="other features"):
        align.LinkModel.from_dict(data | {"context_features": ["first_stage"]})


def test_a_pair_next_to_a_confident_link_is_more_likely_a_link():
    """The second stage reads the neighbours: the same middling pair scores higher when the
    pair before it (one sentence earlier on both sides) is a near-certain link."""
    model = align.load_model()
    middling = np.array(model.first.mean)  # an average candidate
    confident = middling + 3 * np.array(model.first.scale) * np.sign(model.first.weights)
    alone = model.probabilities([(1, 1)], middling[None, :], (2, 2))[0]
    after_a_link = model.probabilities([(0, 0), (1, 1)], np.vstack([confident, middling]), (2, 2))[1]
    assert after_a_link > alone


def test_link_sentences_uses_both_stages():
    left = [
        "The council approved the new stadium on Monday after a long debate.",
        "The vote was seven to two.",
    ]
    right = [
        "On Monday the council approved a new stadium following hours of debate.",
        "Seven members voted for it and two against.",
    ]
    model = align.load_model()
    keys, rows = align.candidate_features(left, right)
    expected = model.probabilities(keys, rows, (2, 2))
    links = align.link_sentences(left, right)
    by_key = dict(zip(keys, expected))
    assert links.pairs and all(p == pytest.approx(by_key[(i, j)]) for i, j, p in links.pairs)
    assert not np.allclose(expected, model.first.probabilities(rows))


def test_names_read_possessives_hyphenated_pairs_and_a_known_first_word():
    known = align._known_names(["Trump met Putin.", "The Kremlin and Russia’s army.", "Then Lavrov's aide came."])
    assert {"putin", "kremlin", "russia", "lavrov"} <= known
    # "Russia’s" and "Russia's" are Russia; "Rubio-Lavrov" names both men.
    assert align._names("It hit Russia’s oil and Rubio's plan.", {}, known) == {"russia", "rubio"}
    assert align._names("The Rubio-Lavrov meeting.", {}, known) == {"rubio", "lavrov"}
    # A sentence's first word counts only as a name met elsewhere inside a sentence.
    assert align._names("Trump hailed Putin.", {}, {"trump"}) == {"trump", "putin"}
    assert align._names("Acquiring Tomahawk missiles.", {}, {"trump"}) == {"tomahawk"}
    assert align._names("Trump hailed Putin.", {}, frozenset()) == {"putin"}
    # Letters of any script, and capitals inside a name; a word in capitals is not read as one.
    assert align._names("He met Peña Nieto, Erdoğan, McCain, DeSantis and O'Brien in WASHINGTON.", {}) == {
        "peña",
        "nieto",
        "erdoğan",
        "mccain",
        "desantis",
        "o'brien",
    }
    assert align._names("Óscar Arias spoke.", {}, {"óscar"}) == {"óscar", "arias"}
    # Name variants map onto the other side's spelling.
    assert align._names("He met Zelensky.", {"zelensky": "zelenskyy"}) == {"zelenskyy"}


def test_a_subject_named_first_is_an_actor_both_sentences_share():
    left = ["Trump hailed the call and said he would meet Putin in Budapest.", "Officials met Trump."]
    right = ["Trump quickly posted that he would meet Putin in Budapest.", "Aides met Trump."]
    keys, rows = align.candidate_features(left, right)
    shared = rows[keys.index((0, 0)), align.FEATURES.index("shared_names")]
    assert shared == 3  # Trump, Putin, Budapest: Trump opens both sentences


def test_a_quotation_carries_its_speaker_unless_the_sentence_names_them_by_surname():
    from types import SimpleNamespace

    text = '"I misled the American people," Mr. Jackson said. "I used money I should not have used."'
    first_end = text.index(" said.") + len(" said.")
    sentences = [
        SimpleNamespace(text=text[:first_end], start=0, end=first_end),
        SimpleNamespace(text=text[first_end + 1 :], start=first_end + 1, end=len(text)),
    ]
    quotes = [
        {"speaker": "Jesse L. Jackson Jr.", "start": 0, "end": 31},
        {"speaker": "Jesse L. Jackson Jr.", "start": first_end + 1, "end": len(text)},
    ]
    named, unnamed = align.with_speakers(sentences, quotes)
    # The generational suffix is no surname: "Mr. Jackson" already names him.
    assert named == sentences[0].text
    assert unnamed == sentences[1].text + " (Jackson)"


def test_a_quotation_whose_speaker_is_no_name_adds_nothing():
    """A phrase ("the report", "they", "The Georgetown scholars") names no one: its last word
    ("report", "scholars") was added to the sentence as if it were a surname."""
    from types import SimpleNamespace

    text = "It calls for solutions to be enacted as close to the people as possible."
    sentences = [SimpleNamespace(text=text, start=0, end=len(text))]
    for speaker in ("the report", "they", "The Georgetown scholars", "a Twitter spokesman"):
        assert align.with_speakers(sentences, [{"speaker": speaker, "start": 0, "end": len(text)}]) == [text]


# -- the vectorised features are the pair-by-pair ones, bit for bit ------------------------------
def _reference_stem_scores(left_stems, right_stems):
    """align._stem_scores as it was, pair by pair."""
    from reader.analysis.textstats import TfidfModel

    n, m = len(left_stems), len(right_stems)
    model = TfidfModel(left_stems + right_stems)
    left_vectors = [model.vector(s) for s in left_stems]
    right_vectors = [model.vector(s) for s in right_stems]
    stem_cosine, containment = np.zeros((n, m)), np.zeros((n, m))
    left_sets, right_sets = [set(s) for s in left_stems], [set(s) for s in right_stems]
    left_mass = [sum(model.idf(t) for t in s) for s in left_sets]
    right_mass = [sum(model.idf(t) for t in s) for s in right_sets]
    postings: dict[str, list[int]] = {}
    for j, stems in enumerate(right_sets):
        for t in stems:
            postings.setdefault(t, []).append(j)
    for i, stems in enumerate(left_sets):
        a = left_vectors[i]
        for j in {j for t in stems for j in postings.get(t, ())}:
            b = right_vectors[j]
            stem_cosine[i, j] = min(1.0, sum(a[t] * b[t] for t in a.keys() & b.keys()))
            shared = sum(model.idf(t) for t in stems & right_sets[j])
            smaller = min(left_mass[i], right_mass[j])
            containment[i, j] = shared / smaller if smaller > 0 else 0.0
    return stem_cosine, containment


def _reference_candidate_features(left, right, mapping=None):
    """align.candidate_features as it was: a Python loop over every candidate pair."""
    import math

    from reader.analysis import lexical
    from reader.analysis.contextual import encoder
    from reader.analysis.embeddings import table

    mapping = mapping or {}
    n, m = len(left), len(right)
    word_features = lexical.pair_features(
        [lexical.sentence_terms(s) for s in left], [lexical.sentence_terms(s, mapping) for s in right]
    )
    lexical_score = np.zeros((n, m))
    for (i, j), pair in word_features.items():
        lexical_score[i, j] = lexical.pair_score(pair, penalties=(0.0, 0.0, 0.0))
    left_stems = [align._stems(s, {}) for s in left]
    right_stems = [align._stems(s, mapping) for s in right]
    stem_cosine, containment = _reference_stem_scores(left_stems, right_stems)
    context = encoder().bertscore(left, right)
    context_f1, context_max = context.f1, np.maximum(context.precision, context.recall)
    vectors = table().sentence_vectors(list(left) + list(right))
    embedding = vectors[:n] @ vectors[n:].T
    known = align._known_names(list(left) + list(right))
    left_names = [align._names(s, {}, known) for s in left]
    right_names = [align._names(s, mapping, known) for s in right]
    diagonal, adjacent = align._neighbours(lexical_score)
    row_best, column_best = align._best(lexical_score, 1), align._best(lexical_score, 0)
    shares = {
        "lexical": (align._share(lexical_score, 1), align._share(lexical_score, 0)),
        "stem": (align._share(stem_cosine, 1), align._share(stem_cosine, 0)),
    }
    margins = (align._margin(context_f1, 1), align._margin(context_f1, 0))
    won = (context.won_precision, context.won_recall)
    quoted_left = [bool(align._QUOTE_MARK.search(s)) for s in left]
    quoted_right = [bool(align._QUOTE_MARK.search(s)) for s in right]

    def low_high(pair, i, j):
        a, b = pair[0][i, j], pair[1][i, j]
        return (a, b) if a <= b else (b, a)

    keys = [(i, j) for i in range(n) for j in range(m) if lexical_score[i, j] > 0 or stem_cosine[i, j] > 0]
    rows = np.zeros((len(keys), len(align.FEATURES)))
    for k, (i, j) in enumerate(keys):
        f = word_features.get((i, j))
        rows[k] = (
            f.cosine if f else 0.0,
            f.fuzzy if f else 0.0,
            f.cosine_all if f else 0.0,
            lexical_score[i, j],
            stem_cosine[i, j],
            containment[i, j],
            context_f1[i, j],
            context_max[i, j],
            context.part[i, j],
            embedding[i, j],
            *low_high(shares["lexical"], i, j),
            *low_high(shares["stem"], i, j),
            *low_high(margins, i, j),
            *low_high(won, i, j),
            float(row_best[i, j] or column_best[i, j]),
            float(row_best[i, j] and column_best[i, j]),
            min(len(left_names[i] & right_names[j]), 3),
            min(len(left_names[i] ^ right_names[j]), 6),
            diagonal[i, j],
            adjacent[i, j],
            float(quoted_left[i]) + float(quoted_right[j]),
            math.log1p(min(len(left_stems[i]), len(right_stems[j]))),
            math.log1p(max(len(left_stems[i]), len(right_stems[j]))),
        )
    return keys, rows


def _reference_context_features(keys, first, shape):
    matrix = np.zeros(shape)
    if len(keys):
        rows, columns = zip(*keys)
        matrix[list(rows), list(columns)] = first
    diagonal, adjacent = align._neighbours(matrix)
    row_sums, column_sums = matrix.sum(1), matrix.sum(0)
    out = np.zeros((len(keys), len(align.CONTEXT_FEATURES)))
    run = align.RUN
    for k, (i, j) in enumerate(keys):
        near_row = matrix[i, max(0, j - run) : j + run + 1].sum()
        near_column = matrix[max(0, i - run) : i + run + 1, j].sum()
        others = (row_sums[i] - near_row, column_sums[j] - near_column)
        out[k] = (first[k], diagonal[i, j], adjacent[i, j], *sorted(others))
    return out


def _synthetic_article(seed: int, count: int) -> list[str]:
    """Sentences of a made-up story: shared names, quotations, figures, repeats and empty ones."""
    import random

    rng = random.Random(seed)
    names = ["Mr. Okafor", "Senator Lindqvist", "Ms. Peña", "the Rubio-Lavrov talks", "NATO", "O'Brien"]
    verbs = ["said", "denied", "announced", "delayed", "rejected", "praised", "warned"]
    things = ["the budget", "a ceasefire", "steel tariffs", "the 2.5 percent rise", "12 new schools", "the vote"]
    out = []
    for k in range(count):
        kind = rng.random()
        if kind < 0.05:
            out.append("")
        elif kind < 0.25:
            out.append(f'"We will not accept {rng.choice(things)}," {rng.choice(names)} {rng.choice(verbs)}.')
        else:
            out.append(
                f"{rng.choice(names)} {rng.choice(verbs)} {rng.choice(things)} on {rng.choice(['Monday', 'Friday'])}"
                f" after {rng.choice(names)} {rng.choice(verbs)} {rng.choice(things)}."
            )
    return out


@pytest.mark.parametrize("sizes", [(1, 1), (7, 40), (90, 70)])
def test_candidate_features_are_the_pair_by_pair_rows_bit_for_bit(sizes):
    left, right = _synthetic_article(1, sizes[0]), _synthetic_article(2, sizes[1])
    mapping = {"okafor": "okafo"}
    keys, rows = align.candidate_features(left, right, mapping)
    expected_keys, expected_rows = _reference_candidate_features(left, right, mapping)
    assert keys == expected_keys
    assert rows.shape == expected_rows.shape and np.array_equal(rows, expected_rows)
    first = np.linspace(0.0, 1.0, len(keys))
    shape = (len(left), len(right))
    assert np.array_equal(align.context_features(keys, first, shape), _reference_context_features(keys, first, shape))
