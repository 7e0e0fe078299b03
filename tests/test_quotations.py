"""Quotations as a reader counts them (reader.quotations): the detector's parts of one quotation joined."""

from reader.analysis.quotes import Quote, find_quotes
from reader.quotations import quotations


def shown(text: str) -> list[tuple[str, str | None, list[str]]]:
    """(text, speaker, the parts as the article has them) of each quotation of `text`."""
    return [(q.text, q.speaker, [text[p.start : p.end] for p in q.parts]) for q in quotations(text, find_quotes(text))]


def test_a_quotation_interrupted_by_its_attribution_is_one_attributed_once():
    text = 'The mayor, John Smith, spoke on Monday. "I trust in God," he said, "but God wants me to be careful."'
    assert shown(text) == [
        (
            "I trust in God … but God wants me to be careful.",
            "John Smith",
            ["I trust in God", "but God wants me to be careful."],
        )
    ]
    (quotation,) = quotations(text, find_quotes(text))
    assert (quotation.mention, text[quotation.speaker_start : quotation.speaker_end]) == ("he", "he")


def test_an_apostrophe_in_the_attribution_does_not_split_the_quotation():
    text = "The White House spoke. “We are close,” Trump’s spokesman, Sean O’Neill, said, “but not there yet.”"
    assert [(q[0], len(q[2])) for q in shown(text)] == [("We are close … but not there yet.", 2)]


def test_the_attribution_may_end_a_sentence_between_the_parts():
    text = 'Mayor Jane Doe spoke on Monday. "We will win," she said. "No doubt about it."'
    assert shown(text) == [("We will win … No doubt about it.", "Jane Doe", ["We will win", "No doubt about it."])]


def test_an_attribution_followed_by_narration_separates_two_quotations():
    text = (
        'Mayor Jane Doe spoke on Monday. "We will win," she said. She then left the stage to loud '
        'applause. "No doubt about it, we will."'
    )
    assert [q[0] for q in shown(text)] == ["We will win", "No doubt about it, we will."]


def test_a_partial_quote_in_the_narration_after_the_attribution_is_its_own():
    text = (
        'Rep. Bob Smith was angry. "I have been spat at before, but that is no excuse," he added, saying '
        'that it came after a "very long day at the office."'
    )
    assert [q[0] for q in shown(text)] == [
        "I have been spat at before, but that is no excuse",
        "very long day at the office.",
    ]


def test_a_quotation_running_over_paragraphs_is_one():
    """Each paragraph opens with a mark and only the last one closes: one quotation of three parts."""
    text = (
        "Senator Ann Lee said on Friday:\n\n"
        '"The first paragraph of what I want to say runs on here.\n\n'
        '"The second paragraph goes on with more of it.\n\n'
        '"And the third one ends it."\n\nThe end.'
    )
    ((words, speaker, parts),) = shown(text)
    assert speaker == "Ann Lee"
    assert parts == [
        "The first paragraph of what I want to say runs on here.",
        "The second paragraph goes on with more of it.",
        "And the third one ends it.",
    ]
    assert words == " ".join(parts)  # nothing of the article's stood between them


def test_quotations_closed_in_consecutive_paragraphs_stay_two():
    text = '"The first thing is plain," said Ann Lee.\n\n"The second thing is a different statement," said Ann Lee.'
    assert [q[0] for q in shown(text)] == ["The first thing is plain", "The second thing is a different statement"]


def test_a_quotation_over_paragraphs_takes_its_speaker_from_the_part_that_names_one():
    text = 'Ann Lee and Bob Ray met.\n\n"A first long thing to say here.\n\n"A second thing said by him," said Bob Ray.'
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == [None, "Bob Ray"]
    (quotation,) = quotations(text, quotes)
    assert (quotation.speaker, text[quotation.speaker_start : quotation.speaker_end]) == ("Bob Ray", "Bob Ray")
    assert quotation.text == "A first long thing to say here. A second thing said by him"


def test_parts_with_other_speakers_are_not_joined():
    text = 'Ann Lee and Bob Ray met.\n\n"A first long thing to say here.\n\n"A second thing said by him," said Bob Ray.'
    first, second = find_quotes(text)
    other = Quote(
        **{**first.to_dict(), "speaker": "Ann Lee", "mention": "Ann Lee", "speaker_start": 0, "speaker_end": 7}
    )
    assert [q.text for q in quotations(text, [other, second])] == [
        "A first long thing to say here.",
        "A second thing said by him",
    ]


def test_a_part_ending_in_an_ellipsis_gets_no_second_one():
    text = '"We waited and waited ..." she said, "and then it came."'
    first = Quote("We waited and waited ...", 1, 25, "Ann Lee", "she", 27, 30)
    second = Quote("and then it came.", 38, 55, "Ann Lee", "she", 27, 30)
    assert text[first.start : first.end] == first.text and text[second.start : second.end] == second.text
    (quotation,) = quotations(text, [second, first])  # in any order
    assert quotation.text == "We waited and waited ... and then it came."
    assert quotation.to_dict()["parts"] == [
        {"text": "We waited and waited ...", "start": 1, "end": 25},
        {"text": "and then it came.", "start": 38, "end": 55},
    ]
    assert (quotation.start, quotation.end) == (1, 55)
