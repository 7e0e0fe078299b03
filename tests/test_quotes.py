"""Quotations and speakers: each form from issue 4, adversarial input, and the seed articles."""

import dataclasses
from pathlib import Path

import pytest

from reader.analysis.quotes import Quote, find_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pairs(text: str) -> list[tuple[str, str | None]]:
    quotes = find_quotes(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.mention
    return [(q.text, q.speaker) for q in quotes]


# -- marks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'The senator said: "We will win this fight."',
        "The senator said: “We will win this fight.”",
        "The senator said: «We will win this fight.»",
    ],
)
def test_straight_curly_and_guillemet_marks(text):
    assert pairs(text) == [("We will win this fight.", "The senator")]


@pytest.mark.parametrize(
    "text",
    [
        "The senator said: »We will win this fight.« Then she left.",  # German and Danish style
        "»We will win this fight, and we will win it together«, the senator said.",
    ],
)
def test_guillemets_pointing_inwards_are_quotation_marks(text):
    """» opened, and « was taken for a new opening: the quotation was dropped as unbalanced."""
    ((quoted, speaker),) = pairs(text)
    assert quoted.startswith("We will win this fight") and not quoted.endswith(("«", " Then she left."))
    assert speaker == "the senator" if text.startswith("»") else speaker == "The senator"


def test_inward_guillemets_around_a_name_are_no_quotation():
    assert pairs("Die Firma »Apple« und das Buch »Der Prozess« sind bekannt.") == []


def test_offsets_exclude_the_marks_and_a_trailing_comma():
    text = "“We are ready,” Smith said."
    (q,) = find_quotes(text)
    assert (q.text, q.start, q.end) == ("We are ready", 1, 13)
    assert q.mention == "Smith" and text[q.speaker_start : q.speaker_end] == "Smith"


@pytest.mark.parametrize("mark", ["''", '""'])
def test_two_straight_marks_typed_for_one_double_mark_are_quotation_marks(mark):
    # Before: nothing was found (old wire text types '' for each double mark; scraped text "").
    text = (
        f"Vote\n\n{mark}We will win this race in November,{mark} Tom Reed said. {mark}And we will "
        f"win it again.{mark}\n\nHe called the poll {mark}a disgrace{mark} on Monday."
    )
    assert pairs(text) == [
        ("We will win this race in November", "Tom Reed"),
        ("And we will win it again.", "Tom Reed"),
        ("a disgrace", "Tom Reed"),
    ]


def test_a_doubled_closing_mark_after_a_nested_quotation_and_a_doubled_opening_typo():
    text = "Vote\n\n''I hate the term 'Manhattan poor,' '' Jane Roe said."
    assert pairs(text) == [("I hate the term 'Manhattan poor,'", "Jane Roe")]
    # A paragraph opened with two marks and closed with one: the quotation is still there.
    text = 'Vote\n\n""We have learned something important since then," Mr. Blumenthal said.'
    assert pairs(text) == [("We have learned something important since then", "Mr. Blumenthal")]


def test_an_empty_pair_of_marks_is_not_a_quotation_mark():
    text = 'Tweet\n\n<tweet pic="" author="jroe">We will win, Tom Reed said. "Go and vote, all of you."</tweet>'
    assert pairs(text) == [("Go and vote, all of you.", "Tom Reed")]


# -- attribution ---------------------------------------------------------------------------
def test_attribution_after_subject_verb():
    assert pairs("“The talks were useful,” the minister said.") == [("The talks were useful", "the minister")]


def test_attribution_after_verb_subject():
    assert pairs("“The talks were useful,” said Maria Lopez, a spokeswoman.") == [
        ("The talks were useful", "Maria Lopez")
    ]


def test_inverted_attribution_with_a_generic_speaker_and_a_question():
    assert pairs("“The talks were useful,” said the official.") == [("The talks were useful", "the official")]
    assert pairs("“Why now?” asked Ms. Lee.") == [("Why now?", "Ms. Lee")]
    assert pairs("“Stop!” Trump shouted.") == [("Stop!", "Trump")]


def test_according_to_after_the_quote():
    assert pairs("“Prices will rise,” according to a central bank report.") == [
        ("Prices will rise", "a central bank report")
    ]


def test_a_quote_that_ends_its_sentence_takes_no_attribution_from_the_next_one():
    text = "Lena Ortiz spoke. The mayor will “compete for the seat.” The move was reported by NBC."
    assert pairs(text) == []  # no speech verb before it: the next sentence's "reported" is not it


def test_colon_paragraph_introduces_a_standalone_quote():
    text = "As Dr. Ann Lee of the clinic observed:\n\n“The ward is full today, and there is no room.”"
    assert pairs(text) == [("The ward is full today, and there is no room.", "Dr. Ann Lee of the clinic")]


def test_attribution_before_with_colon_and_according_to():
    assert pairs("Jane Doe told reporters: “It is over.”") == [("It is over.", "Jane Doe")]
    assert pairs("According to John Roe, “the plan failed.”") == [("the plan failed.", "John Roe")]


def test_quote_split_by_its_attribution_gives_two_quotes_by_one_speaker():
    text = "Senator Ann Kell spoke first. “We tried,” she said, “and we failed.”"
    assert pairs(text) == [("We tried", "Ann Kell"), ("and we failed.", "Ann Kell")]


def test_partial_quote_after_reported_speech_verb_counts():
    text = "The official nonetheless called the call between Rubio and Lavrov “productive.”"
    assert pairs(text) == [("productive.", "The official")]


def test_participle_attribution_takes_the_subject_of_the_clause():
    text = (
        "The billionaire businessman began by talking about the crisis, saying that heroin is "
        "now “cheaper than getting candy.”\n\n"
        "President Donald Trump spoke next.\n\n"
        "Speaking at a town hall in Salem, Trump went after Bush, calling him “a total stiff.”"
    )
    assert pairs(text) == [
        ("cheaper than getting candy.", "The billionaire businessman"),
        ("a total stiff.", "Donald Trump"),
    ]


def test_a_leading_conjunction_is_not_part_of_the_speaker():
    text = "But the governor began by talking about taxes, saying they “will fall next year.”"
    assert pairs(text) == [("will fall next year.", "the governor")]


def test_a_phrase_that_cannot_speak_is_not_taken_for_the_speaker():
    # "the past" sits right before "said" but cannot speak: the clause's subject does.
    assert pairs("The report in the past said “turnout will fall sharply this year.”") == [
        ("turnout will fall sharply this year.", "The report")
    ]


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            'Sen. John Cornyn, R-TX, who heads the GOP campaign committee, said Tuesday, "It is a blockbuster."',
            "John Cornyn",
        ),
        (
            "Sen. Kay Bailey Hutchison, R-Texas, who unveiled her own plan, said Friday that it marked “a huge shift.”",
            "Kay Bailey Hutchison",
        ),
        # in parentheses, a comma after it or not
        ('Rep. Steve King (R-Iowa), tweeted "Obama is the worst president ever to hold office."', "Steve King"),
        ('Rep. Steve King (R-Iowa) said, "This is a bad bill for America."', "Steve King"),
    ],
)
def test_a_party_and_state_tag_after_a_name_is_not_the_speaker(text, speaker):
    assert [s for _, s in pairs(text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        # the first word of a sentence, capitalised only there, opens a noun phrase: no speaker
        "Federal law makes it a crime for anyone “who directly or indirectly promises any employment, "
        "position or contract” to someone else. Such a law is federal.",
        "Scalia asked about it. Either managers are on their own, “or else a strong corporate culture tells "
        "them what to do and they all follow.” Either way it matters.",
    ],
)
def test_a_sentence_opening_ordinary_word_is_not_the_speaker(text):
    assert [s for _, s in pairs(text)] == [None]


def test_a_name_opening_the_clause_still_speaks():
    text = "Pew found that “about twice as many Americans say the country is on the wrong track.”"
    assert [s for _, s in pairs(text)] == ["Pew"]


def test_second_partial_quote_in_the_same_sentence_shares_the_attribution():
    text = "Senator Kay Rourke spoke first. She adds that Bush is “like a spoiled child” and “not a smart man.”"
    assert pairs(text) == [("like a spoiled child", "Kay Rourke"), ("not a smart man.", "Kay Rourke")]
    # A new sentence in between breaks the chain: the second phrase is a scare quote.
    text = "Senator Kay Rourke said Bush is “like a spoiled child.” Others call the “not a smart man” idea odd."
    assert [q.text for q in find_quotes(text)] == ["like a spoiled child."]


def test_participle_as_a_noun_is_not_a_speech_verb():
    assert find_quotes("It followed our earlier unjust labeling as a “foreign agent.”") == []
    assert pairs("Ann Cole left early, repeatedly calling the deal “a terrible mistake.”") == [
        ("a terrible mistake.", "Ann Cole")
    ]


def test_nested_single_quotes_do_not_split_the_quote():
    text = "“We will end this ‘inglorious’ war, and soon,” he wrote. Earlier, Tom Hale spoke."
    (q,) = find_quotes(text)
    assert q.text == "We will end this ‘inglorious’ war, and soon"


def test_following_quote_without_attribution_inherits_the_speaker():
    text = (
        "Mayor Lena Ortiz opened the session.\n\n"
        "“The budget is balanced,” Ortiz said. “Nobody expected that from us this year.”"
    )
    assert pairs(text) == [
        ("The budget is balanced", "Lena Ortiz"),
        ("Nobody expected that from us this year.", "Lena Ortiz"),
    ]


def test_multi_paragraph_quote_continues_with_the_same_speaker():
    text = (
        "Governor Tim Walsh gave a speech.\n\n"
        "“This state has work to do,” Walsh said. “We start with the roads and the schools.\n\n"
        "“Then we fix the budget, line by line.”\n\n"
        "The audience clapped."
    )
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == [
        "This state has work to do",
        "We start with the roads and the schools.",
        "Then we fix the budget, line by line.",
    ]
    assert {q.speaker for q in quotes} == {"Tim Walsh"}


# -- speaker resolution --------------------------------------------------------------------
def test_pronoun_resolves_to_the_nearest_named_person():
    text = (
        "President Donald Trump met Senate leaders on Tuesday. Trump remains committed to a deal.\n\n"
        "“We're working on number nine,” he said."
    )
    (q,) = find_quotes(text)
    assert q.mention == "he" and q.speaker == "Donald Trump"


def test_pronoun_prefers_the_subject_of_the_nearest_sentence():
    text = "Angela Brandt called Omar Reyes on Monday.\n\n“It was a good call,” she said."
    assert pairs(text) == [("It was a good call", "Angela Brandt")]


def test_she_skips_a_nearer_man():
    text = "Sen. Nancy Webb met Mr. Paul Grant. Grant left early.\n\n“I stayed,” she said."
    assert pairs(text) == [("I stayed", "Nancy Webb")]


def test_generic_speaker_resolves_to_its_fuller_earlier_mention():
    text = (
        "There will be no summit, a senior White House official told reporters on Tuesday.\n\n"
        "“There are no plans for a meeting,” the official said."
    )
    (q,) = find_quotes(text)
    assert q.mention == "the official"
    assert q.speaker == "a senior White House official"


def test_unresolvable_pronoun_keeps_the_mention():
    assert pairs("“Fine,” she said, “it is all fine today.”")[0][1] == "she"


# -- not quotes ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The court designated the group an “undesirable” organization last year.",
        "It followed an earlier labeling as a “foreign agent.”",
        "He hosted “Saturday Night Live” twice, and the show's ratings rose.",
        "The so-called “war on coal” is over, the report found.",
        "The film “Gone With the Wind” aired on Sunday.",
        "“I am here,” Kim Ward said. The film “Gone With the Wind” aired later.",
        "He won the contest in his home state of Vermont by “a mile.”",
        "Netanyahu said so on NBC’s “Meet the Press.”",
        "He wrote “Quit Digging Your Grave with a Knife and Fork” in 2005.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text):
    assert [q.text for q in find_quotes(text)] in ([], ["I am here"])


def test_a_title_is_not_a_quote_even_in_reported_speech():
    assert find_quotes("Smith said he watched “The Nightly Show With Larry” last night.") == []


# -- adversarial ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "\n\n", "“", "”", '"', '""', "“”", "« »", "no marks at all"])
def test_degenerate_input_gives_no_quotes(text):
    assert find_quotes(text) == []


def test_an_unbalanced_mark_does_not_swallow_the_rest():
    text = (
        "He said “this never ends and nobody closes it\n\n"
        "Another paragraph follows here.\n\n"
        "“A real quote comes later,” Dana Fox said."
    )
    assert pairs(text) == [("A real quote comes later", "Dana Fox")]


def test_unbalanced_straight_quote_inside_a_paragraph():
    text = 'The 12" pipe burst, said Kim Lee. "It flooded the street," Lee said.'
    quotes = find_quotes(text)
    assert quotes[-1].text == "It flooded the street"
    assert quotes[-1].speaker == "Kim Lee"
    assert all("pipe" not in q.text for q in quotes)


def test_one_sentence_article():
    assert pairs("“Nothing to add,” the spokesman said.") == [("Nothing to add", "the spokesman")]


def test_hostile_text_does_not_crash():
    text = ("“" * 500) + ("”" * 500) + ('"a" ' * 300) + "[@click=app.quit] “x [/b]” said he"
    for q in find_quotes(text):
        assert text[q.start : q.end] == q.text


def test_long_article_is_handled():
    para = "“We keep going,” Alex Moran said. The crowd cheered for a while.\n\n"
    quotes = find_quotes(para * 2000)
    assert len(quotes) == 2000 and quotes[-1].speaker == "Alex Moran"


# -- unclosed marks, long and colon-introduced quotes, modifiers (issue 4, section 2) --------
def test_an_unclosed_quote_after_a_colon_runs_to_the_end_of_its_paragraph():
    text = (
        "More from Jones: “The partisanship of the state is a starting point. [Gallup.]\n\n"
        "Another paragraph follows here."
    )
    assert pairs(text) == [("The partisanship of the state is a starting point. [Gallup.]", "Jones")]


def test_an_unclosed_second_half_of_a_split_quote_keeps_its_speaker():
    text = (
        "“Supporters of others,” Morton Blackwell added, “have focused on paid advertising that "
        "has a limited effect\nin caucuses and primaries.”"
    )
    assert pairs(text) == [
        ("Supporters of others", "Morton Blackwell"),
        ("have focused on paid advertising that has a limited effect", "Morton Blackwell"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It was a “plan for the day and more.\n\nThe next paragraph.",
        "The “so-called reform was over quickly\n\nThe next paragraph.",
    ],
)
def test_a_stray_unclosed_mark_is_still_dropped(text):
    assert find_quotes(text) == []


def test_a_long_quoted_clause_counts_without_a_speech_verb():
    text = "In 2014, Pew found that “about twice as many Democrats as Republicans wanted it.”"
    assert pairs(text) == [("about twice as many Democrats as Republicans wanted it.", "Pew")]


def test_a_colon_introduces_a_short_quote():
    text = "The Vermont senator emailed supporters saying: “The struggle continues” on Monday."
    assert [q.text for q in find_quotes(text)] == ["The struggle continues"]


def test_a_title_cased_quote_with_its_attribution_is_speech():
    assert pairs("“Like Oakland. Or Ferguson,” Trump said.") == [("Like Oakland. Or Ferguson", "Trump")]
    # a title inside a fronted phrase is still a title
    assert pairs("On ABC’s “Good Morning America” Tuesday, he said nothing new.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Babar says the family planned to bring Ali to the center for a “paint over” ceremony.",
        "He said he would fix the nation’s “broken” campaign finance system.",
        "Officials began to portray it as a “workplace” or “gun control” issue.",
    ],
)
def test_a_quote_in_the_modifier_slot_of_a_noun_phrase_is_a_scare_quote(text):
    assert [q.text for q in find_quotes(text)] in ([], ["workplace"])


def test_a_partial_quote_after_a_verb_of_judgement_counts():
    text = "Hollande denounced Trump’s remarks as “hurtful and humiliating” and left."
    assert pairs(text) == [("hurtful and humiliating", "Hollande")]


def test_an_inverted_speaker_stops_before_a_relative_clause():
    text = "“They deserve someone who is with them,” said the man who built his career there."
    (q,) = find_quotes(text)
    assert q.mention == "the man"


# -- the model -----------------------------------------------------------------------------
def test_quote_round_trips_through_a_dict():
    q = Quote("We tried", 1, 9, "Ann Kell", "she", 12, 15)
    data = q.to_dict()
    assert {"text", "speaker", "start", "end"} <= set(data)
    assert Quote.from_dict(data) == q
    assert Quote.from_dict({"text": "x", "start": 0, "end": 1, "speaker": None}) == Quote("x", 0, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.text = "y"


# -- the seeds -----------------------------------------------------------------------------
def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_seed_fox_news_has_four_quotations_with_speakers():
    quotes = find_quotes(seed("000_d35029dd94d24c05.txt"))
    assert [(q.text[:30], q.speaker) for q in quotes] == [
        ("Secretary Rubio and Foreign Mi", "a senior White House official"),
        ("President Putin and I will the", "Donald Trump"),
        ("President Zelenskyy and I will", "Donald Trump"),
        ("We're working on number nine", "Donald Trump"),
    ]
    # the nested ‘inglorious’ stays inside Trump's first quote
    assert "‘inglorious’ war" in quotes[1].text
    assert quotes[3].mention == "he"


def test_seed_moscow_times_has_three_quotations_and_no_scare_quotes():
    text = seed("004_5af44beeb4aa5335.txt")
    quotes = find_quotes(text)
    found = [(q.text, q.speaker) for q in quotes]
    assert found[:3] == [
        (
            "An additional in-person meeting between the secretary and foreign minister is not "
            "necessary, and there are no plans for President Trump to meet with President Putin "
            "in the immediate future",
            "a Trump administration official",
        ),
        ("productive.", "a Trump administration official"),
        ("precise timeframe", "The Kremlin"),
    ]
    texts = [q.text for q in quotes]
    assert "undesirable" not in texts and "foreign agent." not in texts
    # Only the donation appeal (boilerplate the corpus cleaner removes) adds a quote on raw text.
    boiler = text.index("A Message from The Moscow Times")
    assert all(q.start > boiler for q in quotes[3:])
    assert [q for q in find_quotes(text[:boiler])] == quotes[:3]


def test_random_mark_soup_keeps_the_invariants():
    import random

    rng = random.Random(20251121)
    alphabet = list("“”«»„\"'‘’.,:;!? \n\n") + ["he said", "Ann Lee", "the official", "said", "word", "U.S."]
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        previous_end = -1
        for q in find_quotes(text):
            assert text[q.start : q.end] == q.text and q.text.strip()
            assert q.start >= previous_end  # in order, never overlapping
            assert "\n" not in q.text  # never swallows a paragraph break
            previous_end = q.end
            if q.speaker_start is not None:
                assert text[q.speaker_start : q.speaker_end] == q.mention


def test_many_generic_speakers_and_scare_quotes_in_a_long_article():
    # Resolution and inheritance stay per-quote cheap: a quadratic scan would not finish here.
    intro = "A senior Treasury official briefed reporters on Monday.\n\n"
    body = "“We keep going,” the official said. It was a “plan” once more.\n\n" * 4000
    quotes = find_quotes(intro + body)
    assert len(quotes) == 4000
    assert {q.speaker for q in quotes} == {"A senior Treasury official"}


# -- issue 9: who speaks ---------------------------------------------------------------------
def test_a_pronoun_is_not_the_person_its_own_clause_names():
    text = (
        "Cardinal Rossi flew back to Rome. Governor John Doe had criticised him on Monday. "
        'He also called Mr. Doe a "false friend" in a sermon.'
    )
    assert pairs(text) == [("false friend", "Cardinal Rossi")]


def test_the_person_called_on_is_not_the_speaker():
    text = (
        "Governor Jane Doe spoke first. Mr. Omar Lee, whose son served abroad, called on "
        'Ms. Doe to resign and "stop misleading" voters.'
    )
    assert pairs(text) == [("stop misleading", "Omar Lee")]
    text = (
        "Mr. Omar Lee spoke at the convention. Governor John Doe answered him on Monday. "
        'He called on Mr. Doe to apologize and "stop misleading" voters.'
    )
    assert pairs(text) == [("stop misleading", "Omar Lee")]


def test_a_place_is_not_a_speaker():
    text = (
        "A statement from Dr. Ann Holt, a doctor at the Lakeside Clinic in Mount Ellery, "
        'Vermont, said the patient had a history of "chronic migraine" and a fracture.'
    )
    ((quote, speaker),) = pairs(text)
    assert quote == "chronic migraine" and speaker != "Vermont" and "Ellery" not in (speaker or "")


def test_a_word_read_off_a_sign_or_a_chalkboard_is_not_a_quotation():
    assert pairs('A sign on the shop read "Closed" all week.') == []
    assert pairs('The host, armed with his chalkboard, blamed "statism" for the debt.') == []


def test_a_one_word_quote_attributed_to_a_speaker_counts_but_a_scare_quote_does_not():
    assert pairs('The mayor called the looters "thugs" on Tuesday.') == [("thugs", "The mayor")]
    assert pairs('The so-called "experts" were wrong again.') == []


def test_a_quotation_in_single_marks_in_a_tweet_counts():
    text = "The governor wrote on Twitter: 'I feel terrible for Sheriff Lopez. He did nothing wrong.'"
    assert pairs(text) == [("I feel terrible for Sheriff Lopez. He did nothing wrong.", "The governor")]
    # an embedded post on a line of its own, its author's signature below
    text = "‘I feel terrible for Sheriff Lopez.’ — Jane Roe (@janeroe) May 2, 2019"
    assert pairs(text) == [("I feel terrible for Sheriff Lopez.", "Jane Roe")]


def test_single_marks_stay_apostrophes_and_nested_quotes():
    assert pairs("The voters' mood is 'Not great' says nobody.") == []
    assert pairs("The Democrats' plan and the senators' votes were counted.") == []
    # inside double marks, single ones nest and make no quote of their own
    assert [q for q, _ in pairs("He said, \"They told me: 'Go home now, sir.'\"")] == [
        "They told me: 'Go home now, sir.'"
    ]


def test_a_quote_split_off_from_its_attribution_sentence_keeps_its_speaker():
    text = "“Nothing happened to her. Dole lied and they ruined his life.” Governor Ann Marsh wrote on Saturday."
    assert pairs(text) == [("Nothing happened to her. Dole lied and they ruined his life.", "Ann Marsh")]
    # a passive sentence after it names no speaker
    text = "Lena Ortiz spoke. The mayor will “compete for the seat.” The move was reported by NBC."
    assert pairs(text) == []


def test_a_short_quote_nobody_is_said_to_have_said_is_a_scare_quote():
    text = (
        "Clinton said, “We are done.” And only when a woman can run for president without "
        "being told to “smile” will the days of “moaning” end."
    )
    assert pairs(text) == [("We are done.", "Clinton")]
    assert pairs("The actress explained why being portrayed as such is a “backhanded compliment.”") == []
    # introduced by a comma or a colon, or a sentence of its own, it still counts
    assert [q for q, _ in pairs("As the magazine put it, “Hello, it is me.”")] == ["Hello, it is me."]


def test_labels_titles_and_written_messages_are_not_quotations():
    assert pairs('He spoke for an hour.\n\n"Related:"\n\nMore news follows.') == []
    assert [q for q, _ in pairs("On Fox News Channel’s “Nightline,” Mr. Ross said he would run.")] == []
    assert pairs("Planes wrote in the sky. One message read “votenoonb.us,” a website.") == []
    # a person's post that reads something is still that person's
    assert pairs("Ms. Ruiz posted a message on Twitter reading “Thank you Ohio”") == [("Thank you Ohio", "Ms. Ruiz")]
    # two scare quotes before one noun: neither is speech
    assert pairs("Officials began to portray it as a “workplace” or “gun control” issue.") == []


def test_a_time_phrase_before_the_pronoun_is_not_part_of_the_speaker():
    text = "President Ray Dalton spoke at noon. Hours later he wrote: “We will win.”"
    (q,) = find_quotes(text)
    assert (q.mention, q.speaker) == ("he", "Ray Dalton")
    assert text[q.speaker_start : q.speaker_end] == "he"


def test_a_quote_a_dash_appends_to_a_clause_counts_with_the_clause_subject():
    text = "Senator Hale went on to boast about his new ranch in Billings, Mont. — “which is a fine area.”"
    assert pairs(text) == [("which is a fine area.", "Senator Hale")]


def test_the_attribution_after_a_closing_bracket_is_found_with_the_sentences_given():
    """The sentences of the text are split once (by the caller or here); the clause after
    `?”)` is the attribution, not the end of the quoted question."""
    from reader.analysis.sentences import split_sentences

    text = "Bernie Sanders spoke in Iowa on Monday.\n\n“Have I started writing my speech?”) Sanders replied. And more."
    (quote,) = find_quotes(text)
    assert quote.speaker == "Bernie Sanders" and quote.mention == "Sanders"
    assert find_quotes(text, split_sentences(text)) == [quote]


def test_a_pronoun_resolves_to_a_surname_mentioned_with_a_possessive_again_and_again():
    # The mentions pass keys "Warren’s" and "Warren's" as "warren", from a table kept per process.
    text = (
        "Senator Elizabeth Warren spoke on Monday. Warren’s aides agreed. Ms. Lee left.\n\n"
        "Warren's plan passed. \u201cWe will win,\u201d she said."
    )
    for _ in range(2):
        (quote,) = find_quotes(text)
        assert quote.speaker == "Elizabeth Warren"


# -- speakers that are not speakers (found by QA on basil-dev) --------------------------------


def _who(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.mention, q.speaker) for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Gov. Rick Perry of Texas on Tuesday said he would back a plan “to detain and to deport every "
         "illegal alien that we apprehend.”", "Gov. Rick Perry of Texas"),
        ("Mr. Obama on Thursday said, “I can assure the public that nothing improper took place.”", "Mr. Obama"),
        ("Mr. Obama last week said, “I can assure the public that nothing improper took place.”", "Mr. Obama"),
        ("Theresa May said: “We are done here and we are going home now.”", "Theresa May"),
        ("Prime Minister Theresa May on Tuesday said, “We are done here and going home.”",
         "Prime Minister Theresa May"),
    ],
)  # fmt: skip
def test_a_day_between_the_subject_and_the_verb_is_not_the_speaker(text, mention):
    assert _who(text)[0][0] == mention


def test_a_speaker_never_spans_a_quotation():
    text = (
        "He said he had never been more clear in his life. He acknowledged he \"used money that shouldn't "
        'have been used," calling the government\'s statement accurate and saying he had "no interest in '
        "wasting the taxpayers' time or money.\" The judge set the sentencing for June 28."
    )
    assert [mention for mention, _ in _who(text)] == ["He", "He"]


def test_the_role_resolves_to_the_title_and_name_not_the_words_before_it():
    text = (
        "The First Daughters join President Obama at the ceremony every year. Before approaching the "
        'two turkeys, the president remarked that it was "puzzling that I do this every year." Obama '
        "then pardoned them."
    )
    assert _who(text) == [("the president", "President Obama")]
    vice = (
        "Vice President Joe Biden led the task force, and Biden spoke first. Later the president said: "
        '"I intend to use whatever weight this office holds."'
    )
    assert _who(vice) == [("the president", "the president")]  # Biden is the vice president
    headline = (
        "Governor Appoints Ex-Aide\nThe state's new senator was sworn in on Monday. The governor said: "
        '"I am not that cool, but she is."'
    )
    assert _who(headline) == [("The governor", "The governor")]


def test_a_role_resolves_to_the_one_person_titled_so_before_it():
    # a title before a name cut at its period, a modifier in capitals, the headline's name
    etheridge = 'North Carolina Rep. Bob Etheridge was seen on video. "Who are you?" the seven-term congressman asked.'
    assert _who(etheridge) == [("the seven-term congressman", "Bob Etheridge")]
    perry = 'Gov. Rick Perry of Texas spoke in Iowa. "He is the toughest sheriff," the Texas governor said.'
    assert _who(perry) == [("the Texas governor", "Rick Perry")]
    headline = (
        'Congressman Michael Grimm Threatens Reporter\nGrimm spoke on Monday. "I will break you in '
        'half," the congressman told a reporter.'
    )
    assert _who(headline) == [("the congressman", "Michael Grimm")]
    quoted = (
        "“I want to thank Sen. Claire McCaskill for her work,” Smith said. McCaskill nodded. “We will keep "
        "fighting for this,” the senator told reporters."
    )
    assert _who(quoted)[1] == ("the senator", "Claire McCaskill")
    cheney = (
        'Vice President Dick Cheney spoke, then Cheney left. "Freedom means freedom for everyone," the '
        "former vice president said."
    )
    assert _who(cheney) == [("the former vice president", "Dick Cheney")]
    # "the president" in office, not the former one
    obama = (
        "President Barack Obama met former President Bill Clinton. Obama spoke first. "
        '"It was good," the president told reporters.'
    )
    assert _who(obama) == [("the president", "Barack Obama")]


def test_a_role_stays_as_written_when_several_persons_hold_it():
    text = (
        "Sen. Claire McCaskill and Sen. Roy Blunt debated. McCaskill won and Blunt lost. "
        '"It was good," the senator said.'
    )
    assert _who(text) == [("the senator", "the senator")]
    press = 'Secretary John Kerry spoke, then Kerry left. "No comment," the press secretary said.'
    assert _who(press)[0][1] != "John Kerry"


def test_it_said_is_the_document_or_organisation_not_the_previous_speaker():
    text = (
        'John Smith spoke to reporters. "We are pleased with the outcome," he said. The company issued '
        'a statement on Monday. "We are pleased with the outcome of this," it said.'
    )
    assert _who(text) == [("he", "John Smith"), ("it", "The company")]
    cable = (
        "Chris Stevens was the ambassador. The cable also warned that the brigade appeared to be "
        'compromised. It said "requests to provide a daily police presence have gone unanswered."'
    )
    assert _who(cable) == [("It", "The cable")]
    # "it" before the verb, then "he" of the reported clause: the magazine said it, not Dodd
    slate = (
        "Sen. Chris Dodd spoke. When a national outlet, Slate magazine, produced a profile of him, it "
        "said he had “enlisted in the Marines rather than duck the Vietnam draft.”"
    )
    assert _who(slate) == [("it", "Slate magazine")]


def test_each_quotation_of_a_chain_joined_by_and_is_found():
    # After the first, the clause before each quotation is the one before's attribution and
    # "and": the quotation opens its own clause, attributed after it, and is no Title-Cased name.
    chain = "The committee met. " + " ".join(f'"Point {i}," it said, and' for i in range(4)) + ' "End," it said.'
    assert _who(chain) == [("it", "The committee")] * 5
    pairs = (
        '"Point 1," he said, and "more," she said, and "Point 2," he said, and "Point 3," said the spokesman for Smith.'
    )
    assert [q.text for q in find_quotes(pairs)] == ["Point 1", "more", "Point 2", "Point 3"]
    for sep in (",", ";"):  # joined by a comma or a semicolon
        joined = "The committee met. " + " ".join(f'"Point {i}," it said{sep}' for i in range(4))
        assert _who(joined) == [("it", "The committee")] * 4
    # a title after a clause of its own stays a title
    title = '"Great," he said, and he watched "Saturday Night Live," she said.'
    assert [q.text for q in find_quotes(title)] == ["Great"]


def test_a_chain_of_it_said_sentences_goes_on_with_the_thing_named_before():
    # "it" read its thing from its sentence and the two before only: the third was "it"
    chain = "The committee met on Monday. " + " ".join(f'"Point {i} is fine," it said.' for i in range(6))
    assert _who(chain) == [("it", "The committee")] * 6
    # three sentences that neither name a thing nor speak of one end the chain
    gap = 'The committee met. "Fine," it said. It rained. Roads closed. Schools shut. "No," it said.'
    assert _who(gap) == [("it", "The committee"), ("it", "it")]


def test_a_rule_that_says_a_quotation_is_its_speaker():
    text = (
        'Pat Toomey spoke. "It was bad," Toomey said. Critics say the offer may have violated the part '
        'of the U.S. code that says: "Whoever promises any employment for political activity shall be '
        'fined."'
    )
    assert _who(text)[1] == ("the part of the U.S. code", "the part of the U.S. code")


def test_a_question_put_to_someone_is_not_credited_to_the_person_asked():
    passive = (
        "Sidney Blumenthal spoke to CNN. Blumenthal was asked, “If you had known she had a personal "
        "server, would you have told her?” He answered, “I have no idea. We are old friends.”"
    )
    assert _who(passive) == [(None, None), ("He", "Sidney Blumenthal")]
    by = "Bernie Sanders was on the show. He was asked by host Bill Maher, “Now, you famously said it?”"
    assert _who(by) == [("host Bill Maher", "Bill Maher")]
    # the answer's attribution after a question introduces the answer only
    weiner = (
        'Anthony Weiner spoke. "It is a prank," he said. Asked point-blank, "Is that picture you?" Weiner '
        'replied, "You know I am not going to talk about this anymore."'
    )
    assert _who(weiner) == [("he", "Anthony Weiner"), (None, None), ("Weiner", "Anthony Weiner")]
    # an answer given after being asked is still the answerer's
    obama = (
        "President Barack Obama held a news conference. Obama was asked whether he would sign it and "
        "said: “I will sign the bill into law soon.”"
    )
    assert _who(obama) == [("Obama", "Barack Obama")]
    # a quote inside the clause of a passive "asked" is no question put: still a quotation
    cruz = (
        "Ted Cruz blamed the law on Democrats. His comments came after being asked yet again to defend "
        "his criticism of “New York values.”"
    )
    assert [q.text for q in find_quotes(cruz)] == ["New York values."]


def test_an_acronym_after_a_name_in_a_headline_is_not_part_of_the_name():
    text = (
        "Glenn Beck CPAC 2010 Speech VIDEO: Republicans Don't Need A Big Tent\n\nBombastic host Glenn "
        "Beck closed the conference on Saturday.\n\nBeck had the packed auditorium at CPAC captivated. "
        "If last year's CPAC keynote speech - delivered by radio host Rush Limbaugh - was defined by "
        "urging President Barack Obama to fail, Beck's stood out.\n\n"
        '"It is going to be a very good year," he declared.'
    )
    # the main clause after a subordinate one names whom a later "he" goes on about
    assert _who(text) == [("he", "Glenn Beck")]


def test_mr_is_not_resolved_to_a_daughter_and_she_follows_her_own_quotes():
    text = (
        "President Obama pardoned a turkey with Malia Obama beside him. “You want to pet him?” Mr. Obama "
        "asked his daughters.\n\nElizabeth Lauten, a congressional aide, criticised them. “Try showing "
        "a little class,” she wrote above a picture of the Obama daughters. She went on to say that "
        "they were “coming up a little short in the good role model department.”"
    )
    assert _who(text) == [
        ("Mr. Obama", "Mr. Obama"),
        ("she", "Elizabeth Lauten"),
        ("She", "Elizabeth Lauten"),
    ]


def test_a_party_tag_in_parentheses_before_the_verb_after_a_quote():
    text = (
        "President Barack Obama watched the debate. “He had his Red Bull. He certainly had his "
        "caffeine,” Sen. John Thune (R-S.D.) said after the debate."
    )
    assert _who(text) == [("Sen. John Thune", "John Thune")]
    assert _who("“It was not the intent of the law,” Sen. David Long (R) said.") == [("Sen. David Long", "David Long")]


def test_a_name_in_an_opening_participle_phrase_is_not_the_pronoun():
    text = (
        "Mitt Romney and Paul Ryan spoke in Ohio. Ryan went first. Reacting to Romney's message, he said "
        "growth was “dragging down the economy.”"
    )
    assert _who(text) == [("he", "Paul Ryan")]


def test_a_name_after_a_role_in_lower_case_is_the_speaker():
    text = (
        "Facebook denied the report. “We do not provide any government organization with direct access,” "
        "the company's chief security officer Joe Sullivan said. “We are not aware of it,” he added."
    )
    assert _who(text) == [
        ("the company's chief security officer Joe Sullivan", "Joe Sullivan"),
        ("he", "Joe Sullivan"),
    ]


def test_a_pronoun_resolves_to_a_person_not_an_organisation_or_a_book():
    beck = (
        "Glenn Beck spoke on Saturday. Spending, he told the Conservative Political Action Conference, "
        "is a cancer. But he aimed his fire at Republicans as well. \"It's not enough just to not suck "
        'as much as the other side," he said.'
    )
    assert _who(beck) == [("he", "Glenn Beck")]
    book = (
        "Jesse Jackson Jr. co-wrote a book titled It's About the Money! with his father. He said, "
        '"I never meant to take the money at all, and I am sorry."'
    )
    assert _who(book)[0][1] != "It About"


def test_a_written_report_reads_its_quotation():
    text = (
        'Sestak said he almost interrupted Clinton. "There have been numerous, reported instances in the '
        'past when prior administrations discussed alternative paths to service," the report read.'
    )
    assert _who(text) == [("the report", "the report")]


def test_a_pronoun_after_other_words_is_the_mention():
    text = (
        "In his address to La Raza, Lindsey Graham assures his audience he will tell the “bigots” who oppose "
        "amnesty to “shut up.”"
    )
    assert [mention for mention, _ in _who(text)] == ["he", "he"]


def test_a_woman_titled_by_surname_is_not_the_man_of_that_surname():
    text = (
        "Bill Clinton earned $13 million. Bill Clinton spoke in Stockholm. Hillary Clinton spoke too.\n\n"
        "“The president should listen to his allies,” Mrs. Clinton said at a rally here.\n\n"
        "“Let’s take the lemons and turn it into lemonade,” she said.\n\n"
        "“I gave speeches,” Mr. Clinton said."
    )
    assert [s for _, s in pairs(text)] == ["Hillary Clinton", "Hillary Clinton", "Bill Clinton"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a sentence-opening "Another" names nobody, but the noun phrase it opens does: the
        # quote was dropped as a scare quote once "Another" stopped counting as its speaker
        (
            "Records documented more than 200 cases of violence. Another security review, on June 25, 2012, "
            'reported a spike in violence with "foreigners also increasingly targeted."',
            [("foreigners also increasingly targeted.", "Another security review")],
        ),
        (
            'It was bad. "Foreigners are increasingly targeted," another security review found.',
            [("Foreigners are increasingly targeted", "another security review")],
        ),
        (
            'The attack was "foreseeable and preventable," the review found.',
            [("foreseeable and preventable", "the review")],
        ),
        ('Voters were asked. Another poll found voters "deeply divided."', [("deeply divided.", "Another poll")]),
    ],
)
def test_a_review_that_reports_a_quotation_is_its_source(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text,speaker",
    [
        # "Fellow St. Louis ...": the name run cut at the abbreviation's period ("Fellow St")
        # was a person, and every "St." a mention of him
        (
            "St. Louis Tea Party organizer Bill Hennessy wrote on the group's website Tuesday.\n\n"
            '"The NAACP was once a vital weapon in the war against segregation," he wrote.\n\n'
            "Fellow St. Louis Tea Party organizer Dana Loesch disagreed.",
            "Bill Hennessy",
        ),
        # a town after "in" is a place, not the person a later "he" stands for
        (
            'President Barack Obama defended the programs. "They are classified," he said during a speech in '
            'San Jose, Calif.\n\n"Your representatives have consistently been informed," he said.',
            "Barack Obama",
        ),
        # a name ending in a place's head word is a place
        (
            "Attorney General Eric Holder spoke. Before a meeting at St. Louis Community College–Florissant "
            "Valley on Wednesday, he met students.\n\n“It was an opportunity to listen to them,” he said.",
            "Eric Holder",
        ),
    ],
)
def test_a_place_is_not_the_person_a_pronoun_stands_for(text, speaker):
    assert {s for _, s in pairs(text)} == {speaker}


@pytest.mark.parametrize(
    "text,quoted",
    [
        ("他說：「我們會贏。」", ["我們會贏。"]),
        ("首相は「経済を立て直す」と述べた。", ["経済を立て直す"]),
        # 『』 inside 「」 is a quote within the quote, not a quote of its own
        ("他說：「她告訴我『不要走』，我就留下了。」", ["她告訴我『不要走』，我就留下了。"]),
        ("『我們會贏得這場選舉』，他說。", ["我們會贏得這場選舉"]),
    ],
)
def test_cjk_corner_brackets_are_quotation_marks(text, quoted):
    assert [q for q, _ in pairs(text)] == quoted


@pytest.mark.parametrize(
    "text,quoted",
    [
        ("대통령은 “경제 협력을 강화하겠다”고 말했다.", ["경제 협력을 강화하겠다"]),
        ("대통령은 「경제 협력을 강화하겠다」고 말했다.", ["경제 협력을 강화하겠다"]),
        ("김 장관은 “협력하겠다”라고 밝혔다.", ["협력하겠다"]),
        ("首相は「協力」と述べた。", ["協力"]),
        # a term named, or talked about: no quotation
        ("이른바 “데이트 폭력”이라고 불리는 사건이다.", []),
        ("그는 “날씨”에 대해 이야기했다.", []),
        ("映画「千と千尋」を見た。", []),
    ],
)
def test_a_short_korean_or_japanese_quotation_said_with_a_quotative_particle(text, quoted):
    """Three Korean words (“경제 협력을 강화하겠다”고 말했다, 'said: we will strengthen economic
    cooperation') were taken for a scare quote: the particle 고 and the verb were not read."""
    assert [q for q, _ in pairs(text)] == quoted


@pytest.mark.parametrize(
    "text,speaker",
    [
        # five capitalised words: the name run was cut after four ("Senate Majority Leader Harry")
        (
            'Senate Majority Leader Harry Reid spoke. Reid left.\n\n"This strategy is very cynical," he said.',
            "Harry Reid",
        ),
        # words before a name that are no listed title ("Pro Tem", "Safe Streets Group")
        (
            "Senate President Pro Tem David Long disagreed.\n\n“The new law does not discriminate,” Long said.",
            "David Long",
        ),
        (
            "Safe Streets Group Mike Elliott spoke.\n\n“They will put the organizations out of business,” Elliott said.",
            "Mike Elliott",
        ),
        # a generational suffix is not the surname, but part of the name (the son is not the father)
        (
            "Representative Thomas M. Davis III, a Virginia Republican, agreed.\n\nMr. Davis said: “How do you get "
            "anything done now?”",
            "Thomas M. Davis III",
        ),
        (
            "Rep. Jesse Jackson Jr. and his wife spoke. Jackson pleaded guilty.\n\n“Not a proud day,” he said.",
            "Jesse Jackson Jr.",
        ),
        # a title that is a surname too
        ("Rep. Peter King, R-N.Y., disagreed.\n\nHe said Obama was “clearly” taking a side.", "Peter King"),
        # an inverted attribution with a role in lower case before the name
        ('"Do they have a sense of how this ends?" said senior adviser David Axelrod.', "David Axelrod"),
        # a man who shares his surname with his wife is still "he"
        (
            "Jesse Jackson and his wife, Sandra Jackson, pleaded guilty.\n\n“Not a proud day,” he said.",
            "Jesse Jackson",
        ),
    ],
)
def test_the_full_name_of_a_speaker(text, speaker):
    assert [s for _, s in pairs(text)] == [speaker]


def test_a_sentence_opening_speech_verb_is_not_part_of_the_speaker():
    text = 'Robert Gibbs spoke first. Added Gibbs: "I think you would have to ask somebody else."'
    assert pairs(text) == [("I think you would have to ask somebody else.", "Robert Gibbs")]


def test_a_name_with_an_article_is_no_person_a_pronoun_stands_for():
    # "The Shelton Weekly" reported: a paper, never the "he" of a later sentence
    text = (
        "Richard Blumenthal spoke often.\n\nThe Shelton Weekly reported that he “was met with applause.”\n\n"
        "“I served during the Vietnam era,” he said."
    )
    assert [s for _, s in pairs(text)] == ["The Shelton Weekly", "Richard Blumenthal"]


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "A spokesman for the Democratic National Committee, Brad Woodhouse, said Mr. Steele was “betting "
            "against our troops.”",
            "Brad Woodhouse",
        ),
        (
            "Mr. Jackson’s lawyer, Reid H. Weingarten, said his client had “come to terms with his misconduct.”",
            "Reid H. Weingarten",
        ),
        # a role between the commas is still the appositive of the name before it
        ('"We will win," Smith, a spokesman for the DNC, said.', "Smith"),
    ],
)
def test_a_name_between_commas_after_a_role_is_the_speaker(text, speaker):
    assert [s for _, s in pairs(text)] == [speaker]


@pytest.mark.parametrize(
    "text,expected",
    [
        # what someone issues says it for them; "Steele issued a statement" is not a noun phrase
        (
            "Michael Steele spoke. Trying to quell the furor, Steele issued a statement saying: "
            '"There is no question that America must win the war."',
            [("There is no question that America must win the war.", "Michael Steele")],
        ),
        (
            "Barry Rand later issued a statement calling the article “misleading” and “plain wrong.”",
            [("misleading", "Barry Rand"), ("plain wrong.", "Barry Rand")],
        ),
        (
            "Glenn Beck spoke.\n\n“It is still morning in America,” he posited.",
            [("It is still morning in America", "Glenn Beck")],
        ),
    ],
)
def test_a_statement_issued_speaks_for_its_author(text, expected):
    assert pairs(text) == expected


def test_a_name_before_long_appositives_is_the_speaker_of_the_quote_before_it():
    # the previous quote's speaker was inherited: the attribution ran past the words looked at
    text = (
        "“The First Amendment protects freedom of religion,” said Jim Manley, a top adviser to Mr. Reid.\n\n"
        "“Ground zero is hallowed ground to Americans,” Elliott Maynard, a Republican trying to unseat "
        "Representative Nick J. Rahall II, a Democrat, in West Virginia’s Third District, said in a statement."
    )
    assert [s for _, s in pairs(text)] == ["Jim Manley", "Elliott Maynard"]


def test_a_quote_that_reads_a_document_is_the_documents():
    text = (
        "Tim Cook called the law “dangerous.” Nine companies sent a letter to Pence.\n\n"
        '"We are deeply concerned about the impact it is having on our employees," reads the letter.'
    )
    assert [s for _, s in pairs(text)] == ["Tim Cook", "the letter"]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # "He said Obama was ...": the person that sentence names is not who the next "he" is
        (
            "Rep. Peter King, R-N.Y., said the White House heard “pushback.” He said Obama was wrong about it.\n\n"
            '"Everyone says the community has the right to build," he told Fox News.',
            "Peter King",
        ),
        (
            "Paul Ryan spoke about how Mitt Romney and Ryan came to bond.\n\nHe recalled campaigning with Romney.\n\n"
            "“We spent about five days on the road,” he said.",
            "Paul Ryan",
        ),
    ],
)
def test_a_pronoun_continues_the_chain_of_the_same_pronoun(text, speaker):
    assert [s for _, s in pairs(text)][-1] == speaker


def test_summarized_attributes_a_quote():
    text = (
        "Michael Steele spoke. Dan Senor objected.\n\n“It’s completely inconsistent with this logic,” summarized Senor."
    )
    assert pairs(text) == [("It’s completely inconsistent with this logic", "Dan Senor")]


@pytest.mark.parametrize(
    "text,speakers",
    [
        # the name in a phrase opening the pronoun's clause is its object, not who "he" is
        (
            "Glenn Beck spoke. He asked: “What are we suffering from?”\n\nSaying President Obama, he said, was "
            "“too simple an answer.”\n\n“This is the disease in America,” he said.",
            ["Glenn Beck", "Glenn Beck", "Glenn Beck"],
        ),
        (
            "Donald Trump criticized President Barack Obama on NBC.\n\nOf Obama, he said, “I want him to do well.”",
            ["Donald Trump"],
        ),
        # a name before a title and long appositives still speaks
        (
            '"They are reading it like a sacred text," Rep. Jerrold Nadler, D-N.Y., the top Democrat on the '
            "subcommittee on the Constitution, Civil Rights and Civil Liberties, told The Washington Post.",
            ["Jerrold Nadler"],
        ),
    ],
)
def test_a_name_that_is_an_object_is_not_the_pronouns(text, speakers):
    assert [s for _, s in pairs(text)] == speakers


@pytest.mark.parametrize(
    "text,expected",
    [
        # "his original remarks" after the quote is a noun, not "remarks" said by "his original"
        (
            'White House spokesman Bill Burton said Obama was not "backing off" his original remarks.',
            [("backing off", "Bill Burton")],
        ),
        # "he defended his recent claims": no phrase "he defended his recent" speaks
        (
            "Rick Santorum spoke on CBS, where he defended his recent claims that education was "
            '"anachronistic," and more.',
            [("anachronistic", "Rick Santorum")],
        ),
        # a town and its state are an address, not a speaker: the user is
        (
            "One Facebook user who lives near Austin, Tex., posted this status update:\n\n"
            "“It has been really disconcerting how many people have been posting.”",
            [("It has been really disconcerting how many people have been posting.", "One Facebook user")],
        ),
        (
            "This month, Bishop Daniel Jenky, of Peoria, Ill., said in a homily that the president was "
            "“following a similar path” as others.",
            [("following a similar path", "Daniel Jenky")],  # "Bishop" is a title
        ),
    ],
)
def test_words_around_an_attribution_that_are_no_speaker(text, expected):
    assert pairs(text) == expected


# -- speakers v8 ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        (
            'Jeb Bush attacked Donald Trump.\n\n"Jeb wants to be a tough guy tonight," Trump shot back.',
            [("Jeb wants to be a tough guy tonight", "Donald Trump")],
        ),
        (
            "Jerry Brown criticized Bill Clinton. Hillary Clinton fired back, “I suppose I could have chosen "
            "to bake cookies.”",
            [("I suppose I could have chosen to bake cookies.", "Hillary Clinton")],
        ),
        (
            "Donald Trump spoke.\n\n“France will always be France,” an angry François Hollande retaliated.",
            [("France will always be France", "François Hollande")],
        ),
    ],
)
def test_answering_back_is_speech(text, expected):
    assert pairs(text) == expected


def test_retaliated_is_speech_only_next_to_its_quotation():
    assert pairs('Russia retaliated with sanctions on "unfriendly" states.') == []


def test_a_name_after_an_article_and_adjectives_is_the_person():
    text = "François Hollande met Donald Trump.\n\n“France will always be France,” an angry Hollande retaliated."
    assert pairs(text) == [("France will always be France", "François Hollande")]


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers met on Monday.\n\n“We hope to have a fix very soon,” state Senate President Pro Tem David "
        "Long (R) said.",
        "Lawmakers met on Monday.\n\n“We hope to have a fix very soon,” said state Senate President Pro Tem "
        "David Long.",
    ],
)
def test_a_state_title_chain_and_party_tag_before_the_verb(text):
    assert pairs(text) == [("We hope to have a fix very soon", "David Long")]


def test_a_person_heard_asking_is_the_one_asking():
    text = (
        "Donald Trump spoke at length on Monday about his plans.\n\n"
        "A reporter can be heard asking, “Should there be a database system that tracks the Muslims?”"
    )
    assert pairs(text) == [("Should there be a database system that tracks the Muslims?", "A reporter")]
    text = (
        "Donald Trump spoke.\n\n“Should there be a database system that tracks the Muslims?” a reporter can be "
        "heard asking Trump after an event in Iowa."
    )
    assert pairs(text) == [("Should there be a database system that tracks the Muslims?", "a reporter")]


@pytest.mark.parametrize(
    "text",
    [
        'John Smith spoke on Monday. He said he met Bill Jones yesterday, and he added, "It went well."',
        'John Smith spoke on Monday. He said Bill Jones was wrong and he added: "It went well."',
    ],
)
def test_a_second_pronoun_in_a_sentence_is_the_first(text):
    assert pairs(text) == [("It went well.", "John Smith")]


def test_a_pronoun_is_the_person_the_sentence_has_speak_not_one_it_names_first():
    text = (
        "Donald Trump spoke on Monday.\n\nSoon after the murder of Father Jacques Hamel in Normandy, Trump "
        "asserted that France had lost its identity: “France is no longer France,” he claimed."
    )
    assert pairs(text) == [("France is no longer France", "Donald Trump")]
    text = (
        "Attorney General Eric Holder spoke on Wednesday. The issues raised by Michael Brown's death, Holder "
        "said, have simmered for years.\n\nHe also said that “few things have affected me as greatly.”"
    )
    assert pairs(text)[-1] == ("few things have affected me as greatly.", "Eric Holder")


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Hearing on Libya\n\nSecretary of State Hillary Clinton testified on Wednesday. Sen. Rand Paul "
            'questioned her.\n\n"I take responsibility," the secretary said.',
            "Hillary Clinton",
        ),
        # a press secretary is not "the secretary"
        (
            "Budget news\n\nWhite House Press Secretary Josh Earnest spoke. Treasury Secretary Jacob Lew met "
            'him.\n\n"The deficit is falling," the secretary said.',
            "Jacob Lew",
        ),
        # two secretaries: nobody in particular
        (
            "Budget news\n\nTreasury Secretary Jacob Lew spoke. Defense Secretary Ash Carter met him.\n\n"
            '"The deficit is falling," the secretary said.',
            "the secretary",
        ),
        # and no run of words across a sentence end stands for "the former secretary" either
        (
            "Iran deal\n\nFormer Secretary of State Hillary Clinton spoke. Former Secretary of State Colin "
            'Powell met her.\n\n"The deal is good," the former secretary said.',
            "the former secretary",
        ),
        (
            "Iran\n\nForeign Minister Sergei Lavrov spoke. Prime Minister Benjamin Netanyahu of Israel warned "
            'of the risks.\n\n"We will not wait," the prime minister said.',
            "Benjamin Netanyahu",
        ),
        (
            "Iran\n\nForeign Minister Sergei Lavrov spoke. Prime Minister Benjamin Netanyahu of Israel warned "
            'of the risks.\n\n"We will not wait," the foreign minister said.',
            "the foreign minister",
        ),
    ],
)
def test_a_secretary_or_prime_minister_resolves_to_the_one_titled_so(text, speaker):
    assert [s for _, s in pairs(text)] == [speaker]


@pytest.mark.parametrize(
    "text,mention",
    [
        ('"The NSA collects a great deal," the Washington Post report said.', "the Washington Post report"),
        ("“This would be a priority even in peace,” Mr. Rubio is expected to say.", "Mr. Rubio"),
        ("“Iran gets closer to nuclear arms,” Mr. Netanyahu is shown saying.", "Mr. Netanyahu"),
        (
            '"She has not committed any crime," the letter addressed to Chairman Darrell Issa (R-Calif.) reads.',
            "the letter",
        ),
        ('"We met at the White House," a statement released by each office said.', "a statement"),
        ('"We met at the White House," a man interviewed by CNN said.', "a man"),
        (
            "Cruz backers watched footage from Rubio’s party, where his supporters were shown chanting “Marco! Marco!”",
            "his supporters",
        ),
    ],
)
def test_the_speaker_phrase_around_a_noun_head_a_raising_verb_or_a_participle(text, mention):
    (q,) = find_quotes("News\n\n" + text)
    assert q.mention == mention


def test_a_sentence_ending_in_its_speech_verb_introduces_the_quotation_after_it():
    text = (
        "Iran ad\n\nThe ad uses a clip of Prime Minister Benjamin Netanyahu of Israel.\n\nA soundtrack plays as "
        "the prime minister continues. “The world tells Israel, ‘Wait. There’s still time.’ And I say wait for "
        "what?”"
    )
    assert [(q.mention, q.speaker) for q in find_quotes(text)] == [("the prime minister", "Benjamin Netanyahu")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Radio\n\nRoger Stone was speaking in an interview.\n\nStated Stone:\n\n“I think that the stakes are "
            "so high that they would do anything necessary to remain in power.”",
            "Roger Stone",
        ),
        (
            "Ali\n\nThe home was renovated. Said Dorothy Poynter, who grew up with Ali in the neighborhood, “We were "
            "all so proud of him.”",
            "Dorothy Poynter",
        ),
        (
            "Skywriting\n\nMike Murphy praised a donor.\n\n“Not us but can’t argue with it!” Murphy, the head of "
            "Right to Rise USA, Tweeted on Friday.",
            "Mike Murphy",
        ),
    ],
)
def test_a_speech_verb_opening_its_sentence_or_capitalised(text, speaker):
    assert [s for _, s in pairs(text)] == [speaker]


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Kaine\n\n“He has a 100% rating,” Cecile Richards wrote.\n\nTim Kaine has adopted the stance common "
            "among some Catholics in public office: “I’m pro-life in my personal life, but support abortion in my "
            "public life.”",
            "Tim Kaine",
        ),
        (
            "Refugees\n\n“No State shall expel a refugee,” the convention says.\n\nFilippo Grandi, the United "
            "Nations High Commissioner for Refugees, reacted skeptically to the deal, “I am concerned about any "
            "agreement that involves blanket return.”",
            "Filippo Grandi",
        ),
    ],
)
def test_a_full_sentence_quoted_after_a_colon_or_comma_is_its_clauses_subjects(text, speaker):
    assert [s for _, s in pairs(text)][-1] == speaker


def test_a_pronoun_deep_in_the_clause_before_a_colon_is_not_its_speaker():
    text = (
        "Crime\n\n“It is a disgrace,” Hillary Clinton said.\n\nAnd how about this new headline from the "
        "Washington Post, which hits liberals where they live: “Surge in robberies on Capitol Hill alters "
        "residents’ routines.”"
    )
    assert [q.mention for q in find_quotes(text)][-1] != "they"


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Perry ad\n\nRepublican presidential candidate Rick Perry pledges to end the war in a new ad.\n\n"
            '"I\'m not ashamed to admit I\'m a Christian," says Perry.\n\n"As president, I\'ll end it," the '
            "Texas governor continues.",
            "Rick Perry",
        ),
        (
            "NAACP\n\nSarah Palin, a vocal tea party supporter, said in a statement that she was saddened. The "
            'former Alaska governor said claims that activists "judge people by the color of their skin" were '
            "false.",
            "Sarah Palin",
        ),
        # the names in a prepositional phrase opening the sentence are objects
        (
            "Clinton on Trump\n\nHillary Clinton does not recognize Donald Trump.\n\nIn an interview with "
            "Morning Joe hosts Joe Scarborough and Mika Brzezinski, the Democratic presidential candidate "
            "stated that his comments do not “fit with what I thought I knew about him.”",
            "Hillary Clinton",
        ),
        # the sentence's subject, not the name in its opening phrase
        (
            "Rubio\n\nOne month after announcing his support for Donald Trump, Marco Rubio still believes "
            "that the nominee is unfit. “I stand by everything I said,” the Florida senator told reporters.",
            "Marco Rubio",
        ),
        # "he" opening the main clause is the one named before: Trump is an object
        (
            "Adelson\n\nSheldon Adelson met reporters in Macau. While Adelson didn't disclose his backing, he did "
            "say he found Trump to be charming.\n\n“It was very nice,” the gambling tycoon told Reuters.",
            "Sheldon Adelson",
        ),
        # a headline's capitals are nobody a description stands for
        (
            "Governor Appoints Ex-Aide\nThe state's new senator was sworn in on Monday. The governor said: "
            '"I am not that cool, but she is."',
            "The governor",
        ),
    ],
)
def test_a_description_stands_for_the_person_named_before_it(text, speaker):
    assert [s for _, s in pairs(text)][-1] == speaker


def test_a_main_clause_opening_with_the_same_pronoun_continues_its_chain():
    text = (
        "Cruz\n\nTed Cruz is calling for his rivals to drop out.\n\nThough he did not mention Marco Rubio by "
        "name, he made it clear that they should drop out.\n\nHe asked them to “prayerfully consider” their "
        "campaigns."
    )
    assert pairs(text) == [("prayerfully consider", "Ted Cruz")]
