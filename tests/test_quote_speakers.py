"""Who speaks a quotation: the rules of reader.analysis.quote_speakers and speaker_resolver, each
with made-up sentences (the quotation finder's marks and spans are tested in test_quotes.py)."""

import pytest

from reader.analysis.quotes import find_quotes
from reader.analysis.sentences import split_sentences
from reader.analysis.us_states import state_named, state_of_party_tag


def speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    """(first words of the quotation, mention as written, resolved speaker) for each quotation."""
    quotes = find_quotes(text)
    for q in quotes:
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.mention
    return [(" ".join(q.text.split()[:3]), q.mention, q.speaker) for q in quotes]


def last_speaker(text: str) -> str | None:
    return find_quotes(text)[-1].speaker


# -- the sentence before a quotation that opens its own sentence or paragraph ------------------
EARLIER = "“The vote is over,” Bob Jones said on Monday.\n\n"


@pytest.mark.parametrize(
    "intro,speaker",
    [
        ("Mary Brown said that the council had acted too fast:", "Mary Brown"),  # a speech verb
        ("Mary Brown, the mayor, later went on to say:", "Mary Brown"),  # "to say": the subject's
        ("The Daily Courier confirmed the count, reporting:", "The Daily Courier"),  # a participle
        ("When the count ended, Mayor Mary Brown released the following statement:", "Mary Brown"),
        ("Mary Brown’s answer was simple:", "Mary Brown"),  # whose answer it is
    ],
)
def test_a_colon_paragraph_names_the_speaker_of_the_quotation_after_it(intro, speaker):
    # Before: the quotation went on from Bob Jones's, two paragraphs up.
    text = EARLIER + intro + "\n\n“We will count every ballot again.”"
    assert last_speaker(text) == speaker


def test_a_possessive_pronoun_before_a_reply_stands_for_its_person():
    text = "Tom Reed met the voters of Elm County on Monday.\n\nHis response:\n\n“We will count every ballot.”"
    assert speakers(text) == [("We will count", "His", "Tom Reed")]


@pytest.mark.parametrize(
    "intro",
    [
        "Mary Brown said that the council had not been told about the count.",  # the paragraph before
        "The count was delayed. Mary Brown said that the council had not been told.",
        "In a statement on Tuesday, Mary Brown announced a second count.",  # an opening phrase
        "Mary Brown, clearly angry, responded by saying the council had not been told.",
    ],
)
def test_a_sentence_of_reported_speech_names_the_speaker_of_the_quotation_after_it(intro):
    assert last_speaker(EARLIER + intro + "\n\n“We will count every ballot again.”") == "Mary Brown"
    # in the same paragraph too
    assert last_speaker(EARLIER + intro + " “We will count every ballot again.”") == "Mary Brown"


@pytest.mark.parametrize(
    "intro",
    [
        "Critics of the plan Mary Brown drew up were angry.",  # no speech verb
        "Mary Brown said the count was “a farce,” Tom Reed wrote.",  # a quotation of its own
        "Mary Brown was asked whether the count was fair.",  # asked, not asking
    ],
)
def test_a_sentence_that_reports_no_one_speaking_leaves_the_quotation_to_the_one_before(intro):
    text = EARLIER + intro + "\n\n“We will count every ballot again.”"
    assert last_speaker(text) != "Mary Brown"


def test_a_colon_paragraph_that_names_no_one_names_no_speaker():
    text = (
        "The results came in late.\n\nRead the latest updates below:\n\n“The count goes on in the north and the west.”"
    )
    assert speakers(text) == [("The count goes", None, None)]


def test_a_name_in_apposition_before_a_colon_is_not_the_speaker():
    # Obama's words about McCain, not McCain's.
    text = (
        "Senator Barack Obama used the same language against his opponent, Sen. John McCain (R-Ariz.):\n\n"
        "“How would your golden years turn out under John McCain? Not well.”"
    )
    assert [q.speaker for q in find_quotes(text)] != ["John McCain"]


def test_a_quotation_inside_a_quoted_paragraph_goes_to_the_speaker_the_colon_introduced():
    text = (
        "“The vote is over,” Bob Jones said.\n\nThe analysis was sharp.\n\nAs Mary Brown wrote in her column:\n\n"
        '"Nothing has been done. Tom Reed fought a lonely battle for years. “They haven’t done anything,” '
        'perhaps only a tenth."'
    )
    assert last_speaker(text) == "Mary Brown"


def test_a_headline_run_of_capitals_does_not_make_a_name_of_a_preposition():
    text = (
        "Paper Casually Conflates Reed With George Wallace.\n\nGeorge Wallace was the symbol of the era, "
        "and he carried that message far. In a 1963 speech, he declared:\n\n“It is very appropriate.”"
    )
    assert speakers(text) == [("It is very", "he", "George Wallace")]


# -- speech verbs --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,mention",
    [
        ("“The count is over,” Bob Jones points out.", "Bob Jones"),  # a verb with its particle
        ("“The count is over,” Bob Jones chimed in.", "Bob Jones"),
        ("“The count is over, right?” Bob Jones went on, as if he had not heard her.", "Bob Jones"),
        ("“The count is over,” I confessed.", "I"),
        ("“The count is over,” he mocks.", "he"),
        ("Bob Jones echoed: “The count is over.”", "Bob Jones"),
        # a party tag, then an auxiliary: not "As House Speaker Bob Jones"
        (
            "As House Speaker Bob Jones (R-Wis.) has pointed out, that is the “textbook definition” of it.",
            "House Speaker Bob Jones",
        ),
    ],
)
def test_speech_verbs_with_a_particle_and_more_verbs_of_saying(text, mention):
    assert [q.mention for q in find_quotes(text)] == [mention]


def test_went_on_is_speech_only_where_its_clause_ends():
    text = "The count went on for hours, and the clerks were “very tired of the whole thing” by the end."
    assert [q.mention for q in find_quotes(text)] != ["The count"]


# -- photo credits ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "credit",
    [
        "Neilson Barnard via Getty Images.",
        "John Brown / Reuters.",
        "JOHN BROWN/AFP/Getty Images.",
        "Photo: John Brown/Reuters",
        "AP Photo/John Brown",
        "Photo by John Brown.",
    ],
)
def test_a_photo_credit_names_no_one_a_later_phrase_stands_for(credit):
    text = (
        "Comedy clip\n\nPeter Serafinowicz posted the clip to YouTube on Thursday.\n\n" + credit + "\n\n"
        "“What if he had lessons?” the 43-year-old asked in the video’s description."
    )
    assert [q.speaker for q in find_quotes(text)] == ["Peter Serafinowicz"]


def test_a_photo_agency_is_no_person():
    text = "Vote count\n\nGetty Images.\n\n“We will count every ballot,” he said."
    assert [q.speaker for q in find_quotes(text)] == ["he"]  # not "Getty Images"


# -- an attribution with a short quotation inside it -------------------------------------------
def test_an_attribution_after_the_quotation_goes_on_past_a_quoted_title():
    # Before: the attribution stopped at “Ted Cruz”, and the quotation, left with no speaker,
    # was dropped as a scare quote.
    text = "“We will win,” Texas delegate Bill Eastland, wearing “Ted Cruz” pins, said."
    assert speakers(text) == [("We will win", "Texas delegate Bill Eastland", "Texas delegate Bill Eastland")]


@pytest.mark.parametrize(
    "text,mention",
    [
        # the subject before a quoted title (before: Obama, the object)
        (
            "Kerry Washington, star of television’s “Scandal,” thanked Obama for “taking these steps at last.”",
            "Kerry Washington",
        ),
        # the speech verb before a quoted title (before: no speaker)
        (
            "David Axelrod, the adviser, said on CNN’s “American Morning” that voters were “going to get hurt” by it.",
            "David Axelrod",
        ),
    ],
)
def test_an_attribution_before_the_quotation_goes_back_past_a_quoted_title(text, mention):
    assert [q.mention for q in find_quotes(text)][-1] == mention


def test_a_verb_that_introduces_an_earlier_quoted_phrase_is_not_the_next_ones():
    text = (
        "The ad\n\nGov. Tom Reed is broadcasting an ad that vows to end what he calls “Obama’s war on religion,” "
        "and highlights Mr. Reed’s criticism of overturning the “don’t ask, don’t tell” policy."
    )
    assert [q.text for q in find_quotes(text) if q.mention == "he"] == ["Obama’s war on religion"]


def test_a_second_verb_of_a_sentence_shares_the_first_ones_subject_past_a_quoted_phrase():
    text = (
        "Trade\n\nHillary Clinton spoke after Bill Clinton did. Mrs. Clinton called Ms. Pelosi “as strong a "
        "supporter” as Mr. Obama has, and said she hoped he would “seize” the chance."
    )
    assert [(q.text, q.speaker) for q in find_quotes(text)][-1] == ("seize", "Hillary Clinton")


# -- a role with the one it serves: "a spokesman for the campaign" -----------------------------
@pytest.mark.parametrize(
    "text,mention,speaker",
    [
        # before: no speaker, or "the campaign"
        ("“We will win this time,” a spokesman for the campaign said.", "a spokesman for the campaign", None),
        ("A spokesman for the campaign said: “We will win this time.”", "A spokesman for the campaign", None),
        # the lawyer speaks, not his client (before: Tom Reed)
        ("Tom Reed was charged.\n\n“He is innocent,” a lawyer for Mr. Reed said.", "a lawyer for Mr. Reed", None),
        # a name before the appositives (before: Third Way)
        ("“We will win,” Matt Bennett, a spokesman for Third Way, a research group, said.", "Matt Bennett", None),
        # a name before an appositive with a party tag (before: Stephen Fincher)
        (
            "Elizabeth Lauten, the communications director for Rep. Stephen Fincher (R-Tenn.), wrote that they "
            "should “try showing a little class.”",
            "Elizabeth Lauten",
            None,
        ),
    ],
)
def test_a_role_for_someone_speaks_for_them_not_as_them(text, mention, speaker):
    (q,) = find_quotes(text)
    assert q.mention == mention
    assert q.speaker == (speaker or mention)


def test_a_role_in_a_relative_clause_is_not_the_subject():
    text = "Tom Swanson, who is a pastor at the church in Elm, slammed the group for “promoting the wrong values.”"
    assert [q.mention for q in find_quotes(text)] != ["a pastor at the church in Elm"]


# -- participles and aspect ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,mention",
    [
        # the participle's own subject after "with" (before: the sentence's first person)
        ("Bob Reed and Tom Gorka spoke, with Gorka noting the folly of “a few hundred guys here.”", "Gorka"),
        ("Supporters punched a protester, with Trump reportedly yelling: “Get him out of here!”", "Trump"),
        # not the object of "with" before a comma
        (
            "After meeting with President Bob Reed, Mr. Obama disputed it, saying that “the more who look, the more agree.”",
            "Mr. Obama",
        ),
        # "continue to" is no speech (before: Rubio)
        ("Cruz said he is certain Rubio will continue to be “a champion for limitless opportunity.”", "Cruz"),
        # a day before the noun is part of the phrase (before: "a")
        ("“There is more spine in a jellyfish,” reads a Wednesday editorial in The Register.", "a Wednesday editorial"),
    ],
)
def test_participles_aspect_and_days_in_the_speaker_phrase(text, mention):
    assert [q.mention for q in find_quotes(text)] == [mention]


def test_continued_to_before_a_scare_quote_is_no_attribution():
    text = "Trump continued to portray “illegal” immigrants as criminals."
    assert find_quotes(text) == []


# -- more openings that name a source --------------------------------------------------------
@pytest.mark.parametrize(
    "text,mention,speaker",
    [
        (
            "Not all panels are equal - More from the report: “Today many vendors weight their samples.”",
            "the report",
            None,
        ),
        (
            "Tom Frank has a theory.\n\nHere’s Clinton in December 1992: “Our new direction must rest on it.”",
            "Clinton",
            "Clinton",
        ),
        ("“America is great! Trump is disgusting,” read one.", "one", None),
        (
            "The conservative magazine opposes Tom Reed, arguing he is “an opportunist who would trash the party.”",
            "The conservative magazine",
            None,
        ),
        (
            "The conservative publication opposes Tom Reed, arguing he is “an opportunist who would trash it.”",
            "The conservative publication",
            None,
        ),
        (
            "Sanders’ fundraising email to his supporters notes that Jane Kim “is a civil rights attorney.”",
            "Sanders’ fundraising email to his supporters",
            None,
        ),
    ],
)
def test_sources_named_by_from_here_one_and_a_writing(text, mention, speaker):
    assert [(q.mention, q.speaker) for q in find_quotes(text)] == [(mention, speaker or mention)]


def test_a_sentence_ending_in_a_speech_verb_with_no_subject_is_read_on_past_a_no_break_space():
    text = (
        "Bob Reed met Tom Gorka.\n\nReed distanced himself from the group by saying he would serve if asked.\xa0 "
        "“I’m going to support him, and support him enthusiastically.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Bob Reed"]


@pytest.mark.parametrize("space", ["\xa0", " \xa0", "\u2009", "\u202f", "\u3000"])
def test_a_colon_introduces_its_quotation_across_a_no_break_or_other_unusual_space(space):
    # Before: the colon was not seen past the space, and the quotation went on from the earlier one.
    text = (
        "“The polls were right,” HuffPollster wrote.\n\n"
        f"TURNOUT WAS HIGH - Michael P. McDonald:{space}“At long last the contests have finally started.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["HuffPollster", "Michael P. McDonald"]
    # A short Title-Cased quotation a colon introduces is speech, not a title.
    text = f"The campaign emailed supporters saying:{space}“The Struggle Continues”"
    assert [q.text for q in find_quotes(text)] == ["The Struggle Continues"]


# -- a digest's list of headlines ----------------------------------------------------------------
DIGEST = (
    "Morning Email\n\nTOP STORIES.\n\n"
    "AT LEAST 10 KILLED IN DEADLY CITY BLAST President Tom Reed said the bomber, who struck in the middle "
    "of the old town’s Harbor district, had “foreign roots.” [Reuters.]\n\n"
    "HOW THE SLOWDOWN AFFECTS THE REST OF THE WORLD “The economic slowdown is fostering a cycle of decline "
    "and panic across much of the world.” [WaPo.]\n\n"
    "JANE ROE IS FEELING THE HEAT As the race tightens, Bob Jones said his rival is in “serious trouble.” [NYT.]\n\n"
    "PEACEKEEPERS ACCUSED AGAIN “The United Nations has been grappling with many allegations.” [WaPo.]\n"
)


def test_a_digests_headline_is_no_attribution_and_its_item_does_not_go_on_from_the_one_before():
    # Before: the first headline's capitals ran into the name, and the clause's last capitalised
    # place spoke ("Harbor"); each item's quotation then went on from the item before.
    assert [q.speaker for q in find_quotes(DIGEST)] == ["Tom Reed", None, "Bob Jones", None]


def test_one_paragraph_opening_in_capitals_is_no_digest():
    text = "Update\n\nUPDATE: AARP CEO A. Barry Rand said in a statement, “It has long been our policy.”"
    assert [q.speaker for q in find_quotes(text)] == ["A. Barry Rand"]


# -- names -------------------------------------------------------------------------------------
def test_a_party_or_chamber_before_a_name_is_no_part_of_it():
    # Before: "House Republican Tom Massie" was no person, and the clause's person was Rand Paul.
    text = "Vote\n\nHouse Republican Tom Massie used to support Rand Paul, but now said Trump had “the chance to unite us.”"
    assert [q.speaker for q in find_quotes(text)] == ["Tom Massie"]


def test_she_is_a_woman_named_before_when_another_woman_is_named_too():
    # "Ruth" is a woman's name: with Hillary Clinton known as a woman, Ginsburg was not a "she".
    text = (
        "Court\n\nJustice Ruth Bader Ginsburg said she feels Trump is unfit. She predicted that "
        "Hillary Clinton will win.\n\nIt is unusual, though Ginsburg is known for speaking her mind.\n\n"
        "In an interview, she joked about moving away. “He has no consistency about him,” she said."
    )
    assert [q.speaker for q in find_quotes(text)] == ["Ruth Bader Ginsburg"]


def test_she_is_not_ruled_out_by_her_husband_named_in_her_own_clause():
    # Before: "Bill Clinton" in the clause ruled out every Clinton, and "she" was Jane Roe.
    text = (
        "Email\n\nHillary Clinton was asked for her emails, and so was Jane Roe. At a news conference, "
        "Mrs. Clinton said she kept none. But she then said that the server, which held emails of her "
        "husband, former President Bill Clinton, “will remain private.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Hillary Clinton"]


def test_she_is_still_not_the_person_her_own_clause_names_by_first_name():
    text = "Email\n\nJane Roe spoke after Mrs. Clinton did. Later she called Hillary Clinton “a friend.”"
    assert [q.speaker for q in find_quotes(text)] == ["Jane Roe"]


def test_he_is_not_a_woman_titled_or_first_named_though_her_husband_shares_her_surname():
    # Before: with Bill Clinton named elsewhere, "he" stood for "Mrs. Clinton" (or "Hillary
    # Clinton") just before him, and was Bill Clinton.
    text = (
        "Email\n\nBill Clinton stayed home. Rep. Tom Gowdy wrote to Mrs. Clinton’s lawyer on Tuesday. "
        "He added that Mrs. Clinton’s answer “only makes our need greater.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Tom Gowdy"]
    text = (
        "Vote\n\nBill Clinton stayed home. Tom Sanders won Vermont. His opponent, Hillary Clinton, won Georgia."
        "\n\nHe told the crowd that “the people who know me best” voted for him."
    )
    assert [q.speaker for q in find_quotes(text)] == ["Tom Sanders"]


@pytest.mark.parametrize(
    "sentence",
    [
        "And he put a twist on the dilemma facing the stretched Social Security system.",  # a conjunction first
        "His office claims the bill would keep Social Security solvent.",  # whose office: his
    ],
)
def test_a_sentence_opened_by_the_same_pronoun_after_a_conjunction_or_as_a_possessive_goes_on_with_its_chain(
    sentence,
):
    # Before: "Social Security" in that sentence was the person "he" stood for.
    text = f"Budget\n\nGov. Chris Christie spoke on Tuesday. {sentence}\n\n“We need to get it back,” he said."
    assert [q.speaker for q in find_quotes(text)] == ["Chris Christie"]


def test_the_words_before_a_title_are_no_persons_name():
    # Before: "Former Arkansas" (before "Rep.") was a person, the one "he" stood for.
    text = (
        "Guns\n\nFormer Arkansas Rep. Asa Hutchinson, who led the review, eased off -- he said it is "
        "“important” for every school to have one."
    )
    assert [q.speaker for q in find_quotes(text)] == ["Asa Hutchinson"]
    text = (
        "Guns\n\nFormer Arkansas Gov. Mike Huckabee, for his part, is labeling the actions “a blatant abuse of power.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Mike Huckabee"]


def test_a_name_after_whose_it_is_is_the_speaker_without_the_owner():
    # Before: "Twitter’s Adam Sharp" was the speaker, and "he" was "Twitter Adam Sharp".
    text = (
        "Tips\n\n“We will not comment,” said Twitter’s Adam Sharp.\n\n"
        "He urged offices to use a “strong password” of ten characters."
    )
    assert [(q.mention, q.speaker) for q in find_quotes(text)] == [
        ("Twitter’s Adam Sharp", "Adam Sharp"),
        ("He", "Adam Sharp"),
    ]


# -- around the attribution ------------------------------------------------------------------
def test_a_phrase_that_completes_the_quotation_comes_before_its_attribution():
    # Before: the phrase hid the attribution, and the quotation went on from Bob Harvey's.
    text = (
        "“We show anger,” said Bob Harvey.\n\nTom Reed spoke later.\n\n"
        "“We’re alive, unlike the robots you will see next week” at the other convention, he said."
    )
    assert [q.mention for q in find_quotes(text)] == ["Bob Harvey", "he"]


def test_after_all_opens_the_next_quotations_attribution_not_a_completing_phrase():
    text = (
        "The judge asked Mr. Sellers “how many examples of abuse need to be shown before”  After all, he said, "
        "“you’re going to have some bad apples.”"
    )
    assert [q.mention for q in find_quotes(text)][0] != "he"


def test_a_question_put_by_someone_is_theirs_with_the_words_it_quotes():
    text = (
        "Rubio was asked by moderator Gerard Baker whether his plan would risk “adding another program to the budget.”"
    )
    assert [(q.mention, q.speaker) for q in find_quotes(text)] == [("moderator Gerard Baker", "Gerard Baker")]


# -- names with particles in English -------------------------------------------------------------
LEAD = (
    "The city council met on Monday to discuss the budget for the coming year, and the talks went on late "
    "into the night without an agreement between the parties. It was the third meeting of the week.\n\n"
)


ASSAD = "President Bashar al-Assad spoke on state television. "


@pytest.mark.parametrize(
    "paragraph,mention,speaker",
    [
        (ASSAD + '"We will win," Assad said.', "Assad", "Bashar al-Assad"),
        (ASSAD + '"We will win," al-Assad said.', "al-Assad", "Bashar al-Assad"),
        (ASSAD + '"We will win," he said.', "he", "Bashar al-Assad"),
        (
            'Charles de Gaulle spoke from London. "France has lost a battle," de Gaulle said.',
            "Gaulle",
            "Charles de Gaulle",
        ),
        (
            'Bill de Blasio spoke at City Hall. "We will not cut it," said Mr. de Blasio.',
            "Mr. de Blasio",
            "Bill de Blasio",
        ),
        ('Osama bin Laden released a new tape. "We will fight on," bin Laden said.', "Laden", "Osama bin Laden"),
    ],
)
def test_a_surname_with_a_particle_resolves_to_the_full_name(paragraph, mention, speaker):
    """ "Bashar al-Assad" was "Bashar" (the lower-case "al-Assad" ended the name), so "he" was
    Bashar, "Assad" no one known and "al-Assad said" no attribution at all; "de Gaulle said" was
    Mr. Gaulle's. The full name, whatever part of it the attribution writes."""
    assert [q[1:] for q in speakers(LEAD + paragraph)] == [(mention, speaker)]


def test_a_name_with_a_particle_is_no_antecedent_of_its_own():
    """Made a person, Osama bin Laden would be the "he" of the president who ordered the raid:
    the particle name only completes a surname the attribution writes."""
    text = (
        LEAD
        + 'The president who ordered the raid that killed Osama bin Laden spoke on Tuesday. "We are safer," he said.'
    )
    assert speakers(text)[0][2] != "Osama bin Laden"


# -- a name set off after a descriptor: "said one commuter, Jane Doe" ----------------------------
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("“It is a disgrace,” said one commuter, Jane Doe. Others agreed.", "Jane Doe"),
        ("“We are watching closely,” said a spokesman, John Kirby. The talks went on.", "John Kirby"),
        ("Apple reported results. “We are very pleased,” said its chief executive, Tim Cook.", "Tim Cook"),
        ("“I was surprised,” said the legislator, Representative Carl Seel, on Monday.", "Carl Seel"),
        # not a name after the comma: the descriptor stays
        ("“It is a disgrace,” said the commuter, who declined to give her name.", "the commuter"),
        ("“It is a disgrace,” said a commuter, adding that she would complain.", "a commuter"),
        # a capitalised head is a name or a party, not a descriptor: unchanged
        ("“We will vote no,” said Senator Mitch McConnell, the Republican leader.", "Mitch McConnell"),
    ],
)
def test_a_name_after_a_descriptor_speaks(text, speaker):
    """ "said one commuter, Jane Doe" was spoken by "one", "said a spokesman, John Kirby" by a
    spokesman and "said its chief executive, Tim Cook" by the company: the descriptor names
    nobody, the name set off after it does."""
    assert last_speaker(text) == speaker


# -- a speaker that is counted: "said one commuter", "said two officials" ----------------------
@pytest.mark.parametrize(
    "attribution,mention",
    [
        ("said one commuter.", "one commuter"),
        ("said one commuter, who asked not to be named.", "one commuter"),
        ("said one of the organizers.", "one of the organizers"),
        ("said two officials.", "two officials"),
        ("said several riders.", "several riders"),
        ("said three people familiar with the matter.", "three people"),
        ("said both men.", "both men"),  # a plural in -men: man, as "officials" is official
        ("one commuter said.", "one commuter"),  # already right: the subject before its verb
        ("said one.", "one"),  # one of those just named
    ],
)
def test_a_counted_speaker_is_the_whole_phrase(attribution, mention):
    """ "said one commuter" was spoken by "one", and "said two officials" lost its quotation
    (no speaker could be read after a counting word, so the quote was taken for a scare quote)."""
    text = "Riders waited an hour on Monday. “The trains are always late,” " + attribution
    assert speakers(text)[-1][:2] == ("The trains are", mention)


@pytest.mark.parametrize("attribution", ["said two days ago.", "said some things."])
def test_a_counting_word_that_counts_no_speaker(attribution):
    text = "Riders waited an hour on Monday. “The trains are always late,” " + attribution
    assert all(q.mention is None or q.mention.split()[0] not in ("two", "some") for q in find_quotes(text))


@pytest.mark.parametrize("title", ["the spokesman", "the president", "a senator", "the actor"])
def test_a_title_that_ends_the_sentence_leaves_its_period(title):
    """ "said the spokesman." gave the speaker "the spokesman." (a title word was taken for an
    abbreviation such as "Sen.", whose period ends nothing)."""
    text = f"The talks went on for hours. “We are watching closely,” said {title}. They left."
    assert speakers(text)[0][1] == title


def test_an_abbreviated_title_still_does_not_end_the_name():
    text = "The talks went on for hours. “We are watching closely,” said Sen. Jane Doe. They left."
    assert speakers(text)[0][2] == "Jane Doe"


# -- the full name a surname stands for ----------------------------------------------------------
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Both Bolton and Gorka criticized the plan.\n\n“It is a disaster,” Bolton said.", "Bolton"),
        ("Maybe Trump is right, and maybe not.\n\n“We will win,” Trump said.", "Trump"),
        (
            "The writer Jared Sexton was there. We will see.\n\n(See Sexton’s timeline below.)\n\n"
            "“It was a turning point,” Sexton said.",
            "Jared Sexton",
        ),
        (
            "Hacker Guccifer: Clinton’s Server Unprotected.\n\nThe hacker stated that he had access to "
            "the email server of Hillary Clinton, which he described as “like an open orchid.”",
            "Guccifer",  # no first name, but a person all the same
        ),
    ],
)
def test_a_word_that_opens_a_sentence_is_no_first_name(text, speaker):
    """ "Both Bolton and Gorka saw ..." made every "Bolton" of the article "Both Bolton", "Maybe
    Trump is ..." every "Trump" "Maybe Trump" and "(See Sexton’s timeline)" every "Sexton" "See
    Sexton": an ordinary word capitalised as its sentence's first was read as a first name."""
    assert last_speaker(text) == speaker


def test_a_first_name_that_opens_a_sentence_is_still_one():
    text = (
        "Bill Clinton spoke first. The bill passed on Monday, and former President Bill Clinton "
        "praised it.\n\n“It is a good day,” Clinton said."
    )
    assert last_speaker(text) == "Bill Clinton"


def test_a_first_name_tells_which_of_two_namesakes_speaks():
    """ "Liz Cheney ... saying it is not a matter for “judges”" was Mary Cheney's, the Cheney the
    article names most: the subject was read as the surname alone."""
    text = (
        "Mary Cheney criticized her sister. Mary Cheney wrote on Facebook that she was wrong.\n\n"
        "The Times reports Liz Cheney on Friday first articulated her position, saying it should "
        "not be a matter for “judges” or “legislators.”"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Liz Cheney", "Liz Cheney"]


# -- a relative clause's verb: "X, who called him “...”" --------------------------------------
@pytest.mark.parametrize(
    "sentence,mention",
    [
        (
            "Trump’s row with Khizr Khan drew a reaction from President Barack Obama, who called "
            "the nominee “unfit to serve” as president.",
            "President Barack Obama",
        ),
        (
            "Pence’s release linked to the Associated Press report, which notes, “More than half the "
            "people who met with her gave money.”",
            "the Associated Press report",
        ),
        (
            "Swanson praised the evangelist Franklin Graham, who has publicly said he will not buy "
            "cookies because of the group’s “support of transgender rights.”",
            "the evangelist Franklin Graham",
        ),
    ],
)
def test_who_after_a_comma_stands_for_the_name_before_it(sentence, mention):
    """ "Barack Obama, who called the nominee “unfit to serve”" was given to Khizr Khan (the
    first person the sentence names, as no subject of "called" was read), the report's words
    to "Pence’s release", Graham's to Swanson."""
    assert speakers("The campaign went on.\n\n" + sentence)[-1][1] == mention


def test_a_restrictive_relative_clause_does_not_take_the_quotation():
    text = (
        "Isaac Saul tweeted back at Trump, pointing out how ironic it was coming from a candidate who "
        "promised mass deportation: “Your proposal is to spend billions deporting 11 million people.”"
    )
    assert speakers(text)[-1][1] == "Isaac Saul"


# -- two people named together: "Mr. Udall and Mr. Wyden said" ------------------------------
UDALL_WYDEN = "Senator Mark Udall and Senator Ron Wyden have long warned about the program.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "On Friday, Mr. Udall and Mr. Wyden said the law was “analogous to a grand jury subpoena.”",
        "“We are worried about this,” Mr. Udall and Mr. Wyden said.",
        "“We are worried about this,” said Mr. Udall and Mr. Wyden.",
    ],
)
def test_two_people_named_together_both_speak(sentence):
    """The quotation was Mr. Wyden's alone ("Mr. Udall and" left out of the subject, or the
    mention "Mr. Udall and Mr. Wyden" resolved to Ron Wyden), and `“...,” Mr. Udall and Mr. Wyden
    said` was dropped: its subject did not open the clause after the quote."""
    assert speakers(UDALL_WYDEN + sentence)[-1][1:] == ("Mr. Udall and Mr. Wyden", "Mark Udall and Ron Wyden")


def test_two_people_named_as_the_subject_of_a_participle_both_speak():
    text = (
        "Paul Ryan met Donald Trump on Thursday.\n\nTrump and Ryan issued a statement describing "
        "their meeting as a “very positive step toward unification.”"
    )
    assert speakers(text)[-1][2] == "Donald Trump and Paul Ryan"


def test_a_name_with_and_inside_is_one_speaker():
    text = (
        "Lois Lerner was called to testify.\n\n“Ms. Lerner remains under subpoena,” Oversight and "
        "Government Reform Committee spokesman Ali Ahmad said in a statement."
    )
    assert speakers(text)[-1][2] == "Ali Ahmad"


def test_the_object_of_a_verb_is_not_a_second_subject():
    text = "Angela Merkel and Vladimir Putin met in May.\n\nObama met Putin and Merkel said, “We talked.”"
    assert speakers(text)[-1][2] == "Angela Merkel"


# -- what stands between the subject and its verb ------------------------------------------------
@pytest.mark.parametrize(
    "sentence,mention",
    [
        # a comma after a possessive was read as a noun the possessive determines
        (
            "Paul Begala, a former adviser to Mr. Clinton and a friend of the couple’s, said that the "
            "former president is “Hillary’s authenticator.”",
            "Paul Begala",
        ),
        ("Mr. Trump uttered charges that Rush Limbaugh, for one, called “liberal Democrat lingo.”", "Rush Limbaugh"),
        # an adverb in -ly that no list names
        ("“Can I give it to James?” Brooke tearfully asked the judges.", "Brooke"),
        ("“We stay together,” her family said.", "her family"),  # a noun in -ly
    ],
)
def test_the_subject_is_read_past_an_appositive_or_an_adverb(sentence, mention):
    assert speakers("The show went on.\n\n" + sentence)[-1][1] == mention


# -- a speaking "they": the group or the two people named before ----------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Senator Mark Udall and Senator Ron Wyden have long warned about the program.\n\n"
            "On Friday, Mr. Udall and Mr. Wyden released a joint statement.\n\n"
            "“We are worried about this,” they said.",
            "Mark Udall and Ron Wyden",
        ),
        (
            "Romney added his voice after five past and present Missouri Republican senators urged "
            "Akin to step aside. In a statement released Tuesday, they said his presence does not "
            "serve “the national interest.”",
            "five past and present Missouri Republican senators",
        ),
        (
            "The Georgetown scholars pointed to the impact of cuts in food programs. From personal "
            "experience, they also “know how cuts in Pell Grants will hurt students.”",
            "The Georgetown scholars",
        ),
        (
            # "They examined ... they concluded": the chain goes back to the economists
            "In a recent study, three economists raised a profound challenge. They examined the "
            "experience of American workers. The presumed adjustment, they concluded, never "
            "happened. Wages remain low. There is no sign of gains elsewhere.\n\n"
            "“These results should cause us to rethink the gains from trade,” they argued.",
            "three economists",
        ),
        (
            # "Professors" is a title: Nancy Foner, not "Professors Foner"
            "Richard Alba and Nancy Foner, sociologists, compared the two continents.\n\n"
            "Professors Foner and Alba suggest the problem lies elsewhere.\n\n"
            "In the United States, they write, “to be religious is to be in the mainstream.”",
            "Nancy Foner and Richard Alba",
        ),
        (
            # "both Republicans" is an appositive, no other group
            "State Senate President David Long and House Speaker Brian Bosma, both Republicans, held "
            "a press conference. They said they will swiftly try to “clarify” the law.",
            "David Long and Brian Bosma",
        ),
        (
            "Critics and supporters of the bill met on Monday. Afterwards they said it was “a start.”",
            "Critics and supporters",
        ),
    ],
)
def test_a_speaking_they_stands_for_the_group_or_the_two_named_before(text, speaker):
    """ "they" was left as the speaker, unresolved, however clearly the sentences before named
    the people it stands for."""
    assert speakers(text)[-1][1:] in (("they", speaker), ("They", speaker))


@pytest.mark.parametrize(
    "text",
    [
        # two groups: which one is not for a guess
        "Critics met the bill's supporters on Monday, and officials spoke too. Afterwards they said it was “a start.”",
        # a group named as an object, after a preposition or a verb
        "The mayor met with the protesters on Monday. Later, they said the talks were “useful.”",
        "A bill giving illegal immigrant students and military members a pathway stalled.\n\n"
        "“We cannot agree to this,” they wrote.",
        # two people after a preposition: the subject's partners, not the subject
        "In another study they wrote with Daron Acemoglu and Brendan Price, they estimated the cost.\n\n"
        "“These results should cause us to rethink trade,” they argued.",
        # a generic "they"
        "Carson is your man. As they say about the doctor, “gifted hands.”",
        # a group the sentence before does not name
        "Nothing happened for weeks. Then the talks began.\n\nThey said they will “clarify” the law.",
    ],
)
def test_a_speaking_they_is_left_unresolved_when_its_group_is_not_clear(text):
    assert speakers(text)[-1][2] in ("they", "They")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Director of National Intelligence James Clapper issued a statement late Thursday. He called "
            "the disclosure “reprehensible.”",
            "James Clapper",
        ),
        (
            "The review was released, Secretary of State Hillary Clinton revealed Wednesday.\n\n"
            "“That cable did not come to my attention,” Clinton said.",
            "Hillary Clinton",
        ),
    ],
)
def test_a_name_after_a_title_and_its_department_is_a_person(text, speaker):
    """ "National Intelligence James Clapper", "State Hillary Clinton" (the words after "Director
    of", "Secretary of") were no person's name: "He" and "Clinton" were left unresolved."""
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pastor Kevin Swanson spoke on Friday.\n\n“Jesus means what he says,” Swanson said.", "Kevin Swanson"),
        ("Fr. Frank Pavone wrote a letter.\n\n“The platform is telling,” Pavone wrote.", "Frank Pavone"),
        ("Assemblywoman Claudia Tenney is running.\n\n“I’m not afraid,” Tenney said.", "Claudia Tenney"),
        ("Cmdr. Sean Robertson spoke for the Pentagon.\n\n“We do not support it,” Robertson said.", "Sean Robertson"),
        ("“I've never seen anything like it,” said Rabbi Marvin Hier.", "Marvin Hier"),
    ],
)
def test_a_clergy_military_or_assembly_title_is_no_part_of_the_name(text, speaker):
    """The speaker was "Pastor Kevin Swanson", "Fr. Frank Pavone", "Assemblywoman Claudia Tenney"."""
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Hillary Clinton won the state. Hillary Clinton thanked her voters.\n\n"
            "Bill Clinton spoke with voters outside the polling place. At one point, a woman asked for a "
            "photo and Clinton said, “as long as we’re not violating any election laws.”",
            "Bill Clinton",
        ),
        (
            # the one who speaks, not the first named
            "Hillary Clinton won the state. Hillary Clinton thanked her voters.\n\n"
            "Campaigning for his wife Hillary Clinton, former president Bill Clinton said she was "
            "qualified.\n\nClinton said, “She was the most popular political figure in America.”",
            "Bill Clinton",
        ),
        (
            # no speech verb: the first named
            "James Mattioli was remembered. James Mattioli was six.\n\nHutchinson called up Mark "
            "Mattioli, whose son, James Mattioli, was killed. Mattioli praised the NRA “for coming "
            "up.”",
            "Mark Mattioli",
        ),
    ],
)
def test_a_surname_two_people_bear_is_the_one_named_just_before(text, speaker):
    """ "Clinton" was whichever Clinton the article names most, though the sentence before named
    the other."""
    assert last_speaker(text) == speaker


# -- organisations are no persons a pronoun stands for --------------------------------------------
@pytest.mark.parametrize(
    "organisation",
    ["the Roman Catholic Church", "Human Rights Watch", "the Southern Baptist Church", "the World Bank"],
)
def test_he_does_not_stand_for_an_organisation_named_after_the_person(organisation):
    text = f"Pope Francis spoke on Friday. The case then went to {organisation}. “We must build bridges,” he said."
    assert last_speaker(text) == "Francis"


def test_a_person_surnamed_church_is_still_a_person():
    assert last_speaker("Frank Church spoke on Friday. “We must build bridges,” he said.") == "Frank Church"


def test_a_possessive_written_with_an_apostrophe_alone_is_a_mention_of_the_person():
    text = (
        "Pope Francis met Federico Lombardi. “Walls divide,” Lombardi said.\n\n"
        "Francis' message is a moral one, as he laments a “throwaway culture” in rich countries."
    )
    assert last_speaker(text) == "Francis"


# -- a digest's headlines and a transcript's labels -----------------------------------------------
DIGEST_ITEMS = (
    "TOP STORIES.\n\n"
    "RUSSIANS SPARED FULL BAN FROM OLYMPICS The committee refused to ban all the athletes. [Reuters]\n"
    "AUSTRALIAN OLYMPIC TEAM REFUSES TO STAY IN OLYMPIC VILLAGE The team cited “blocked toilets, leaking "
    "pipes, exposed wiring and dirty floors in need of a clean.” [CNN]\n"
    "TURNS OUT EDGAR ALLEN POE WAS ONTO SOMETHING Crows and ravens are considered the “homicide detectives "
    "of the avian world.” [Quartz]\n"
)


def test_a_digest_headline_is_no_part_of_its_items_speaker():
    assert speakers(DIGEST_ITEMS)[0] == ("blocked toilets, leaking", "The team", "The team")


def test_a_clause_that_names_its_subject_so_gives_it_no_words():
    assert speakers(DIGEST_ITEMS)[1][1:] == (None, None)
    text = "Crows and ravens are considered the “homicide detectives of the avian world.”"
    assert speakers(text) == [("homicide detectives of", None, None)]


def test_a_transcripts_speaker_labels_name_who_speaks_each_paragraph():
    text = (
        "Hillary Clinton answered the question at the debate on Wednesday.\n\n"
        "Partial transcript as follows:\n\n"
        "“RAMOS: Secretary Clinton, did you lie to them?\n\n"
        "“VIDEO: They all told me it was a video when they knew it was not the video.\n\n"
        "“CLINTON: I feel a great deal of sympathy for the families, but she is wrong.”"
    )
    assert speakers(text) == [
        ("RAMOS: Secretary Clinton,", "RAMOS", "Ramos"),
        ("VIDEO: They all", None, None),
        ("CLINTON: I feel", "CLINTON", "Hillary Clinton"),
    ]
    # two capitals are no label: "OK" is no one
    assert speakers("Bob Jones spoke on Monday. “OK: we will go now,” he said.") == [("OK: we will", "he", "Bob Jones")]


# -- a state's official named by the state ------------------------------------------------------
@pytest.mark.parametrize(
    "text,speaker",
    [
        # the state before the title, and another state's senator named after him
        (
            "Florida Sen. Marco Rubio won. Texas Sen. Ted Cruz lost. “We won delegates,” the Florida senator said.",
            "Marco Rubio",
        ),
        (
            "Texas Sen. Ted Cruz spoke. Florida Sen. Marco Rubio spoke. “We won delegates,” said the Texas senator.",
            "Ted Cruz",
        ),
        # a party tag after the name, or "of" and the state
        (
            "Sen. Marco Rubio (R-Fla.) and Sen. Ted Cruz (R-Texas) spoke. “It is hard,” said the Florida senator.",
            "Marco Rubio",
        ),
        (
            "Gov. Chris Christie of New Jersey and Gov. Jeb Bush spoke. “It is hard,” said the New Jersey governor.",
            "Chris Christie",
        ),
        # tagged later (a live blog's later entry), named before
        (
            "Marco Rubio and Ted Cruz spoke. “It is hard,” said the Florida senator. Later: Sen. Marco Rubio (R-Fla.) left.",
            "Marco Rubio",
        ),
        # another state's senator is not this one; two of this state: not for a guess
        (
            "Sen. Ted Cruz of Texas spoke. Sen. Marco Rubio spoke. “It is hard,” said the Florida senator.",
            "the Florida senator",
        ),
        (
            "Florida Sen. Marco Rubio and Florida Sen. Bill Nelson spoke. “It is hard,” said the Florida senator.",
            "the Florida senator",
        ),
        # a capitalised word before the title that is no state leaves the tag after the name read
        (
            "Marco Rubio spoke. When Sen. Marco Rubio (R-Fla.) and Sen. Ted Cruz (R-Tex.) met, “No,” said the "
            "Florida senator.",
            "Marco Rubio",
        ),
        (
            "Bob Casey spoke. When Pennsylvania Sen. Bob Casey met Texas Sen. Ted Cruz, “No,” said the Pennsylvania "
            "senator.",
            "Bob Casey",
        ),
        # AP's two-letter abbreviations with their dots, and postal codes in a party tag
        ("Sen. Bob Casey (D-Pa.) and Sen. Ted Cruz spoke. “It is hard,” said the Pennsylvania senator.", "Bob Casey"),
        (
            "Rep. Ann Kuster (D-N.H.) and Rep. Bob Smith spoke. “It is hard,” said the New Hampshire congresswoman.",
            "Ann Kuster",
        ),
        ("Sen. Bob Casey, D-PA, and Sen. Ted Cruz spoke. “It is hard,” said the Pennsylvania senator.", "Bob Casey"),
        # ... and before the title
        (
            "N.H. Sen. Jeanne Shaheen spoke. Sen. Marco Rubio (R-Fla.) spoke. “It is hard,” said the New Hampshire "
            "senator.",
            "Jeanne Shaheen",
        ),
        # dotted capitals that are no state before the title leave the tag after the name read
        (
            "Sen. Ted Cruz spoke. U.S. Sen. Bob Casey (D-Pa.) spoke. “It is hard,” said the Pennsylvania senator.",
            "Bob Casey",
        ),
        # a party tag without brackets that ends its sentence: the state, not the next sentence's name
        (
            "Sen. Ted Cruz spoke. Sen. Marco Rubio, R-Fla. Rubio left. “It is hard,” said the Florida senator.",
            "Marco Rubio",
        ),
        (
            "Sen. Ted Cruz spoke. Sen. Jeanne Shaheen, D-N.H. Shaheen left. “It is hard,” said the New Hampshire "
            "senator.",
            "Jeanne Shaheen",
        ),
    ],
)
def test_a_states_official_is_the_one_titled_with_that_state(text, speaker):
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    "tagged",
    [
        "Marco Rubio, R-Fla., said the bill was bad.",
        "“It was bad,” said Marco Rubio, R-Fla.",
        "Marco Rubio (R-Fla.) said the bill was bad.",
        "“It was bad,” said Marco Rubio (R-Fla.).",
        "Marco Rubio, R-Florida, said the bill was bad.",
        "Florida Republican Marco Rubio, R-Fla., said the bill was bad.",
    ],
)
def test_a_name_with_a_party_tag_and_no_title_is_a_member_of_congress_from_that_state(tagged):
    # the titled senator of no state is not "the Florida senator"; the untitled, tagged one is
    for office in ("senator", "congressman"):
        text = f"Sen. Ted Cruz spoke. {tagged} “It is hard,” said the Florida {office}."
        assert last_speaker(text) == "Marco Rubio", office
        assert [q.speaker for q in find_quotes(text)][0] == "Marco Rubio"


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a title in the tagged name says the office: a governor is no senator (the one senator is)
        ("Sen. Ted Cruz spoke. Gov. Rick Scott, R-Fla., spoke. “It is hard,” said the Florida senator.", "Ted Cruz"),
        (
            "Sen. Ted Cruz spoke. Florida Gov. Rick Scott (R-Fla.) spoke. “It is hard,” said the Florida senator.",
            "Ted Cruz",
        ),
        # two members from the state, one untitled: which one is not for a guess
        (
            "Rep. Ileana Ros-Lehtinen, R-Fla., and Marco Rubio, R-Fla., spoke. “It is hard,” said the Florida "
            "congressman.",
            "the Florida congressman",
        ),
        # ... but the titled Representative is no senator
        (
            "Rep. Ileana Ros-Lehtinen, R-Fla., and Marco Rubio, R-Fla., spoke. “It is hard,” said the Florida senator.",
            "Marco Rubio",
        ),
        # another state's untitled member is not this state's
        ("Chuck Schumer, D-N.Y., spoke. “It is hard,” said the Florida senator.", "the Florida senator"),
        # a tag inside a quotation tags no one
        ("Ted Cruz said “Marco Rubio, R-Fla., is wrong.” “It is hard,” said the Florida senator.", "Ted Cruz"),
    ],
)
def test_an_untitled_party_tag_is_read_only_where_it_names_a_member(text, speaker):
    assert last_speaker(text) == speaker


def test_a_two_letter_state_is_read_with_its_dots_or_in_a_party_tag():
    dotted = {w: state_named(w) for w in ("Pa.", "N.H.", "La.", "N.Y.", "Vt.")}
    assert dotted == {
        "Pa.": "pennsylvania",
        "N.H.": "new hampshire",
        "La.": "louisiana",
        "N.Y.": "new york",
        "Vt.": "vermont",
    }
    # bare, or a postal code AP does not write: a word too
    assert [state_named(w) for w in ("Pa", "La", "IN", "ME", "Me.", "Oh.", "NH")] == [None] * 7
    assert [state_of_party_tag(w) for w in ("PA", "N.H.", "Fla.", "IN", "Texas", "Xy")] == [
        "pennsylvania", "new hampshire", "florida", "indiana", "texas", None
    ]  # fmt: skip


@pytest.mark.parametrize("tag", ["R-Fla.", "D-N.H."])
def test_a_party_tag_without_brackets_ends_its_sentence_and_is_no_name(tag):
    text = f"Sen. Ted Cruz spoke. Sen. Jane Roe, {tag} Roe said “it is hard” on Monday."
    assert [s.text for s in split_sentences(text)][1:] == [f"Sen. Jane Roe, {tag}", "Roe said “it is hard” on Monday."]
    assert [(q.mention, q.speaker) for q in find_quotes(text)] == [("Roe", "Jane Roe")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the subject of the last of coordinated clauses says it
        (
            "An executive from Apple called Ms. Brewer to urge her to reject it, and Douglas Parker, the "
            "chief executive of American Airlines, sent her a letter, saying, “There is genuine concern here.”",
            "Douglas Parker",
        ),
        # names listed with commas are no clause of their own
        (
            "The lawsuit, which was brought by Nebraska’s attorney general, Jon Bruning, and Oklahoma’s "
            "attorney general, Scott Pruitt, accused officials of “ignoring every objective of the federal law.”",
            "The lawsuit",
        ),
    ],
)
def test_a_participles_subject_is_the_last_coordinated_clauses(text, speaker):
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    "text,mention,speaker",
    [
        (
            "House Speaker Nancy Pelosi met the president. The plan, in Pelosi’s words, is “a disgrace.”",
            "Pelosi",
            "Nancy Pelosi",
        ),
        (
            "House Speaker Nancy Pelosi met the president. The plan is, in the words of Nancy Pelosi, “a disgrace.”",
            "Nancy Pelosi",
            "Nancy Pelosi",
        ),
        ("Nancy Pelosi met the president. In her own words, the plan is “a disgrace.”", "her", "Nancy Pelosi"),
        ("The bill passed. It was, in the senators’ words, “a good start.”", "the senators", "the senators"),
        # a speech verb after the phrase has the quotation's speaker
        (
            "Bob Jones spoke on Monday. In Pelosi’s words, the plan is bad, and Jones called it “a disgrace.”",
            "Jones",
            "Bob Jones",
        ),
    ],
)
def test_in_someones_words_names_the_speaker(text, mention, speaker):
    quote = find_quotes(text)[-1]
    assert (quote.mention, quote.speaker) == (mention, speaker)
    assert text[quote.speaker_start : quote.speaker_end] == mention


@pytest.mark.parametrize(
    "text",
    [
        "In other words, the plan is “a disgrace.”",  # no one's words
        "He used the words “a disgrace.”",  # a term talked about
    ],
)
def test_words_that_are_no_ones_name_no_speaker(text):
    assert all(quote.speaker is None for quote in find_quotes(text))


@pytest.mark.parametrize("between", ["(pictured)", "..."])
def test_punctuation_after_a_party_tag_in_brackets_keeps_the_speaker_in_the_sentence(between):
    # the splitter cut the sentence after "(D-N.Y.)", and the quotation lost its speaker
    text = f'Sen. Chuck Schumer (D-N.Y.) {between} said "we will not pass this bill," on Tuesday.'
    assert [q.speaker for q in find_quotes(text)] == ["Chuck Schumer"]
