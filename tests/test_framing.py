"""Framing flags on linked sentences, the word list (shipped and the user's), and headlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.compare import Pair, Span, compare
from reader.analysis.framing import FramingWords, find_framing, load_framing_words
from reader.analysis.headline import compare_headlines
from reader.corpus.model import Article


def flags(left: str, right: str, **kwargs) -> list[str]:
    found = find_framing([Span(left, 0, len(left))], [Span(right, 0, len(right))], [Pair(0, 0, 0.9)], **kwargs)
    return [f.summary() for f in found]


def test_different_labels_for_the_same_person():
    left = "North Korean dictator Kim Jong-un fired a missile on Sunday."
    right = "North Korean leader Kim Jong Un fired a missile on Sunday."
    assert flags(left, right) == ["label: “dictator” vs “leader” (Kim Jong-un)"]


def test_words_across_a_copula_are_no_label():
    """ "the candidate holding the spotlight was Donald J. Trump" labels nobody "spotlight was"."""
    left = "Clinton said that the real estate mogul Donald Trump was a recruiter for the group."
    right = "The day after the debate, the candidate holding the spotlight was Donald J. Trump."
    assert flags(left, right) == []


def test_the_same_label_or_an_unlisted_word_is_no_flag():
    assert flags("Leader Kim Jong-un spoke.", "Leader Kim Jong Un spoke.") == []
    assert flags("The tall Kim Jong-un spoke.", "The short Kim Jong Un spoke.") == []


@pytest.mark.parametrize(
    "left,expected",
    [
        (
            "The ministry released a video purporting to show the strike.",
            "hedge: “purporting to show” vs (no hedge)",
        ),
        (
            "The ministry released what it said was evidence of the strike.",
            "hedge: “what it said was” vs (no hedge)",
        ),
        (
            "The ministry released a video of the strike, citing a senior administration official.",
            "attribution: “citing” … “a senior administration official” vs (no attribution)",
        ),
    ],
)
def test_a_hedge_or_an_attribution_where_the_other_states_it_plainly(left, expected):
    assert flags(left, "The ministry released a video of the strike.") == [expected]


def test_both_sides_attributing_in_their_own_words_is_no_flag():
    left = "The ministry released a video of the strike, citing a senior official."
    right = "The ministry released a video of the strike, two people briefed on it said."
    assert flags(left, right) == []


def test_a_loaded_word_counts_only_in_the_outlets_own_voice():
    plain = "Senator Hale criticized the bill on Monday."
    assert flags("Senator Hale slammed the bill on Monday.", plain) == ["loaded: “slammed” vs (no loaded word)"]
    assert flags('Senator Hale called the bill "a radical scheme" on Monday.', plain) == []
    assert flags(plain, "Senator Hale slammed the bill on Monday.") == ["loaded: (no loaded word) vs “slammed”"]


def test_a_sentence_linked_to_several_is_flagged_only_when_all_tell_it_plainly():
    left = [Span("The agency released a video purporting to show the strike.", 0, 59)]
    right = [
        Span("The agency released a video of the strike.", 0, 42),
        Span("The video apparently shows the strike.", 43, 81),
    ]
    both = [Pair(0, 0, 0.8), Pair(0, 1, 0.5)]
    assert find_framing(left, right, both) == []
    assert len(find_framing(left, right, both[:1])) == 1


def test_the_user_extends_the_word_list(tmp_path):
    user = tmp_path / "framing.yaml"
    user.write_text("loaded:\n  - torpedoed\nlabels: [warlord]\n", encoding="utf-8")
    words = load_framing_words(user)
    assert ("torpedoed",) in words.lists["loaded"] and ("slammed",) in words.lists["loaded"]
    assert flags("Hale torpedoed the bill.", "Hale opposed the bill.", words=words) == [
        "loaded: “torpedoed” vs (no loaded word)"
    ]
    user.write_text("replace: true\nloaded: [torpedoed]\n", encoding="utf-8")
    words = load_framing_words(user)
    assert words.lists["loaded"] == [("torpedoed",)]
    assert flags("Hale slammed the bill.", "Hale opposed the bill.", words=words) == []


BOMB = "\n".join(
    ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    + ["loaded: *a9"]
)


@pytest.mark.parametrize(
    "content",
    [
        "loaded: [unclosed",
        "- just\n- a list\n",
        "loaded: 7\n",
        "colour: [red]\n",
        BOMB,
        "loaded: " + "[" * 5000 + "]" * 5000,
    ],
)
def test_a_broken_user_word_list_is_reported_and_the_shipped_one_used(tmp_path, content):
    user = tmp_path / "framing.yaml"
    user.write_text(content, encoding="utf-8")
    words = load_framing_words(user)
    assert words.problems and all("\n" not in p for p in words.problems)
    assert ("slammed",) in words.lists["loaded"]


def test_the_user_word_list_is_read_from_the_config_dir(tmp_path, monkeypatch):
    from reader.analysis import framing

    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    (tmp_path / "framing.yaml").write_text("loaded: [kneecapped]\n", encoding="utf-8")
    assert ("kneecapped",) in framing.default_framing_words().lists["loaded"]


def test_headlines_say_what_each_stresses():
    h = compare_headlines(
        "Texas Rep. Blake Farenthold resigns from Congress",
        "Texas Congressman Who Settled Harassment Case With Taxpayer Funds Resigns",
    )
    # "Rep." is the other's "Congressman": one office, not a label either side chose
    assert h.shared == ["Texas", "Rep.", "resigns"]
    assert h.left.stressed == ["Blake Farenthold", "from Congress"]
    assert h.right.stressed == ["Who Settled Harassment Case With Taxpayer Funds"]
    assert h.right.framing == []
    # "Lawmaker" / "Congressman": two plain words for one role, neither a framing label
    h = compare_headlines("Texas Lawmaker Resigns", "Texas Congressman Who Settled Case Resigns")
    assert h.left.framing == [] and h.right.framing == []
    h = compare_headlines("Boehner Sees G.O.P. Keeping House", "Boehner: Republicans Could Lose House")
    assert h.left.stressed == ["Sees", "Keeping"] and h.right.stressed == ["Could Lose"]
    assert compare_headlines("", "Anything") is None


@pytest.mark.parametrize(
    "left,right,stressed",
    [
        # one word as a noun and as a verb stresses nothing
        (
            "Indictment Expected for Grimm, Staten Island Congressman",
            "GOP Congressman Expected To Be Indicted",
            (["for Grimm, Staten Island"], ["GOP"]),
        ),
        (
            "Arizona Sheriff Arpaio Endorses Perry",
            "Perry Wins Endorsement of Sheriff",
            (["Arizona", "Arpaio"], ["Wins"]),
        ),
        ("NAACP Challenges Tea Party", "Tea Party Challenged by NAACP", ([], [])),
        ("Obama, Boehner meet on fiscal cliff", "Fiscal Cliff Meeting: Obama, Boehner", ([], [])),
        # ... but two words that only begin alike are two words (a stemmer makes them one)
        (
            "General Motors recalls cars",
            "Generous donors give cars",
            (["General Motors recalls"], ["Generous donors give"]),
        ),
        ("Protests grow in Ferguson", "Protesters gather in Ferguson", (["Protests grow"], ["Protesters gather"])),
        ("News of the day", "New day dawns", (["News of the"], ["dawns"])),
    ],
)
def test_a_word_in_another_form_is_not_stressed(left, right, stressed):
    h = compare_headlines(left, right)
    assert (h.left.stressed, h.right.stressed) == stressed


def test_markup_in_a_headline_is_not_a_stressed_word():
    h = compare_headlines("[b]Markup[/b] story shared", "Markup story shared by other")
    assert h.left.stressed == [] and h.right.stressed == []  # not ["b", "b"]
    assert h.shared == ["Markup", "story", "shared"]
    h = compare_headlines("[bold red]Alarm[/bold red] rises &amp; <i>spreads</i>", "Calm rises")
    assert h.left.stressed == ["Alarm", "spreads"] and h.right.stressed == ["Calm"]
    # A run across markup reads without it; a lone bracketed word is still a word.
    assert compare_headlines("[b]Markup[/b] story shared", "Other").left.stressed == ["Markup story shared"]
    assert compare_headlines("[link=https://x.test/]Click[/link] here", "Storm").left.stressed == ["Click here"]
    assert compare_headlines("[VIDEO] Storm hits", "Storm hits").left.stressed == ["VIDEO"]


def test_a_headline_split_into_two_body_sentences_is_one_headline():
    text = "Mayor To Council: Step Aside. Now.\n\nThe mayor said it on Monday. Then she left."
    left = Article(
        id="l", path=Path("l.txt"), text=text, outlet="Left Daily", title="Mayor To Council: Step Aside. Now."
    )
    right = Article(
        id="r",
        path=Path("r.txt"),
        text="The mayor said it on Monday.",
        outlet="Right Herald",
        title="Mayor tells council to step aside",
    )
    c = compare(left, right)
    assert [c.left.sentences[i].text for i in c.headline.left.sentences] == ["Mayor To Council: Step Aside.", "Now."]
    data = c.to_dict()["headline"]
    assert data["left"]["text"] == "Mayor To Council: Step Aside. Now." and data["left"]["sentences"] == [0, 1]


def test_framing_reaches_the_comparison_and_its_json():
    left = Article(
        id="l",
        path=Path("l.txt"),
        outlet="Left Daily",
        title="Missile test",
        text="North Korean dictator Kim Jong-un fired a missile over Japan on Sunday.",
    )
    right = Article(
        id="r",
        path=Path("r.txt"),
        outlet="Right Herald",
        title="Missile test",
        text="North Korean leader Kim Jong Un fired a missile over Japan on Sunday.",
    )
    c = compare(left, right)
    assert [(v.left_name, v.right_name) for v in c.name_variants] == [("Kim Jong-un", "Kim Jong Un")]
    (flag,) = c.to_dict()["framing"]
    assert flag["kind"] == "label" and flag["about"] == "Kim Jong-un"
    assert flag["left"]["words"][0]["text"] == "dictator" and flag["right"]["words"][0]["text"] == "leader"
    start = flag["left"]["words"][0]["start"]
    assert left.text[start : start + len("dictator")] == "dictator"


def test_the_library_reports_a_broken_user_word_list(tmp_path, monkeypatch):
    from reader.library import Library

    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    (tmp_path / "framing.yaml").write_text("loaded: 7\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    problems = Library([corpus], tmp_path / "index", auto_update=False).config_problems()
    assert any("framing.yaml loaded: expected a list" in p for p in problems)


def test_an_unknown_key_is_quoted_whole(tmp_path):
    """A key holding an escape sequence ("\\x9b" starts one) was printed raw: stripped for the
    terminal, it ate the rest of the line ("unknown key(s) badnown: labels")."""
    from reader.analysis.framing import load_framing_words

    path = tmp_path / "framing.yaml"
    path.write_text('"bad\\e]0;x\\a\\x9b": 1\nlabel: [x]\n', encoding="utf-8")
    [problem] = load_framing_words(path).problems
    assert (
        problem
        == f"{path}: unknown key(s) 'bad\\x1b]0;x\\x07\\x9b', 'label' (known: labels, hedges, attribution, loaded)"
    )


def test_a_pair_linked_through_a_shared_quote_is_not_a_fact_framed_two_ways():
    left = 'Hale replied, "I will not talk about this any more."'
    right = (
        'A day after saying he would "not talk about this any more," Hale broke his silence '
        "about the scandal over a lewd photo."
    )
    assert flags(left, right) == []
    # the same loaded word where the two tell the fact in their own words is flagged
    left = "The photo was first reported by a website run by a commentator."
    right = "The lewd photo was first reported by a website run by a commentator."
    assert flags(left, right) == ["loaded: (no loaded word) vs “lewd”"]


def test_the_other_side_hedging_in_another_form_or_loading_the_fact_is_not_plain():
    # "claimed" / "claiming": the same hedge in another form
    assert (
        flags(
            "Mr. Hale claimed in an interview that the letters did not speak for all bishops.",
            "Mr. Hale, erroneously claiming the letters did not speak for all bishops, left.",
        )
        == []
    )
    # the other side "admitted" it: loaded, not plain, so the hedge is no flag (the loaded word is)
    assert flags(
        "Hale is apparently worried about losing the House this year, he told Fox News.",
        "Hale admitted he is worried about losing the House this year, he told Fox News.",
    ) == ["loaded: (no loaded word) vs “admitted”"]


def test_phrases_are_found_where_a_word_by_word_scan_finds_them():
    # _occurrences looks only where a phrase's first word is; a plain scan of every position
    # must find the same spans, in the same order, in and out of quotes.
    from reader.analysis.framing import _occurrences, _sentence

    text = (
        'Officials said, citing a senior official, that "it is what it said was a lie", '
        "and what it said was, allegedly, what it said was not; purporting to be said said."
    )
    s = _sentence(Span(text, 40, 40 + len(text)), [(40, 52)])
    phrases = [p for kind in load_framing_words(use_user_file=False).lists.values() for p in kind]
    phrases += [("what", "it", "said", "was"), ("said",), ("said", "said"), ("was",), ("nowhere",)]
    found = 0
    for phrase in phrases:
        for own_voice in (True, False):
            n = len(phrase)
            expected = [
                (s.words[k][0], s.words[k + n - 1][1])
                for k in range(len(s.words) - n + 1)
                if [w for _, _, w in s.words[k : k + n]] == list(phrase)
                and not (own_voice and any(a <= s.words[k][0] < b for a, b in s.quoted))
            ]
            assert _occurrences(s, phrase, own_voice) == expected
            found += len(expected)
    assert found > 10


def test_a_title_before_a_name_or_the_office_run_for_is_no_framing_label():
    h = compare_headlines("Romney calls on Rep. Akin to drop Senate bid", "Mitt To Akin: Drop Out")
    assert h.left.framing == []
    h = compare_headlines("Mike Huckabee Is Running For President", "Mike Huckabee on the Issues")
    assert h.left.framing == []
    # a label chosen for a person counts, but "Aide", "lawmaker" and "Staffer" name roles plainly
    # (align-dev flagged "Aide, lawmaker" against "Staffer")
    h = compare_headlines("Aide to GOP lawmaker apologizes for post", "GOP Staffer Apologizes For Post")
    assert h.left.framing == [] and h.right.framing == []
    h = compare_headlines("Aide to GOP extremist apologizes for post", "GOP Staffer Apologizes For Post")
    assert h.left.framing == ["extremist"]
    # and a loaded word after "for" is no office
    h = compare_headlines("GOP Staffer Apologizes For Lecturing Obama Daughters", "Aide apologizes")
    assert h.left.framing == ["Lecturing"]
    # nor a label after "as" that names no office
    h = compare_headlines("Trump Brands Protesters As Thugs", "Trump criticises protesters")
    assert h.left.framing == ["Thugs"]
    h = compare_headlines("Sanders Sworn In As Leader Of Party", "Sanders takes over party")
    assert h.left.framing == []


def test_a_short_label_that_ends_a_headline_sentence_is_no_abbreviated_title():
    # "Rep." is a title because it is written as one, capitalised; "a mob." and "his aide." end
    # the headline's sentence (a period after any word of four letters or fewer passed as a title)
    h = compare_headlines("Capitol stormed by a mob.", "Capitol stormed by protesters")
    assert h.left.framing == ["mob"]
    h = compare_headlines("Senator fires his aide.", "Senator fires radical staffer")
    assert h.left.framing == ["aide"]


def test_a_capitalised_short_label_ending_a_headline_is_no_abbreviated_title():
    # "Mob." is capitalised in a Title-Cased headline, but no name follows it: it ends the
    # sentence, as "a mob." does; "Rep. Akin" is still a title
    h = compare_headlines("Capitol Stormed By Mob.", "Capitol stormed by protesters")
    assert h.left.framing == ["Mob"]
    # nor does a name follow it when the next sentence opens with a small word
    h = compare_headlines("Senator Fires Aide. Then Regrets It", "Senator keeps radical staffer")
    assert h.left.framing == ["Aide"]
    h = compare_headlines("Romney calls on Rep. Akin to drop Senate bid", "Mitt To Akin: Drop Out")
    assert h.left.framing == []


def test_a_first_name_the_other_article_also_gives_is_not_stressed():
    # "Sanders" against "Bernie Sanders": one person, whose full name the other body writes
    h = compare_headlines(
        "Sanders wins Minnesota caucuses",
        "Bernie Sanders Beats Hillary Clinton In Oklahoma",
        left_text="Sen. Bernie Sanders won Minnesota on Tuesday.",
        right_text="Bernie Sanders beat Hillary Clinton.",
    )
    assert h.right.stressed == ["Beats Hillary Clinton In Oklahoma"]
    h = compare_headlines(
        "Jackson pleads guilty over campaign spending",
        "Jesse Jackson Jr. Pleads Guilty in Campaign Money Case",
        left_text="Former Rep. Jesse Jackson Jr. pleaded guilty.",
    )
    assert h.right.stressed == ["Money Case"]
    # a name the other body never gives in that form stays a difference
    h = compare_headlines("Smith wins", "Anna Smith Wins", left_text="Joe Smith won.")
    assert h.right.stressed == ["Anna"]


def test_a_loaded_word_the_other_side_has_in_another_form_is_no_flag():
    left = "The group passed a resolution asking members to expel “racist elements” from the party."
    right = "The group passed a resolution condemning racism within the party."
    assert flags(left, right) == []
    # a word of another family is still a difference
    assert flags("The group passed a resolution on the party.", right) == ["loaded: (no loaded word) vs “racism”"]


def test_a_hedge_on_what_the_other_side_never_tells_is_no_flag():
    plain = "The party chair resigned on Sunday, one day before the convention."
    # the other side tells of no bias: "alleged" does not cast doubt on a fact both tell
    hedged = "After criticism over an alleged bias, the party chair resigned on Sunday, before the convention."
    assert flags(plain, hedged) == []
    # the hedged fact on both sides: a flag
    left = "The party chair allegedly resigned on Sunday, one day before the convention."
    assert flags(left, plain) == ["hedge: “allegedly” vs (no hedge)"]


def test_claims_as_a_noun_is_no_hedge():
    plain = "Obama disputed that Democrats feel betrayed by his deal with Republicans."
    assert flags("Obama rejected claims that Democrats feel betrayed by his deal with Republicans.", plain) == []
    assert flags("Obama was whipsawed by the claims that Democrats feel betrayed by his deal.", plain) == []
    # the verb puts it in doubt
    assert flags("Obama claims that Democrats feel betrayed by his deal with Republicans.", plain) == [
        "hedge: “claims” vs (no hedge)"
    ]


def test_a_side_that_attributes_is_not_plain_against_a_hedge():
    left = "The union would reportedly push for tax increases to close the shortfall."
    right = "The union will push for tax increases to close the shortfall, according to the Journal."
    assert flags(left, right) == []
    assert flags(left, "The union will push for tax increases to close the shortfall.") == [
        "hedge: “reportedly” vs (no hedge)"
    ]


def test_a_word_hyphenated_on_one_side_only_is_not_stressed():
    h = compare_headlines("Boehner: '1-in-3 chance' Republicans could lose House", "Boehner Sees '1 In 3 Chance'")
    assert h.left.stressed == ["Republicans could lose House"] and h.right.stressed == ["Sees"]
    h = compare_headlines("Boehner Sees One-in-Three Chance", "Boehner Sees 1 In 3 Chance")
    assert h.left.stressed == [] and h.right.stressed == []
    h = compare_headlines("Benghazi E-Mails Show Jostling", "Benghazi emails underscore concern")
    assert h.left.stressed == ["Show Jostling"] and h.right.stressed == ["underscore concern"]
    h = compare_headlines("Double-Dip Recession Possible", "Risk Of A Double Dip Recession")
    assert h.left.stressed == ["Possible"] and h.right.stressed == ["Risk Of A"]


def test_a_side_that_raises_the_possibility_is_not_plain():
    left = "The Times reported that she may have violated federal records law with a personal account."
    right = "Her personal account raises the possibility that she violated federal records law."
    assert flags(left, right) == []


def test_claimed_against_said_is_a_hedge():
    left = "Clinton claimed that the group has used Trump in its recruitment videos on Saturday."
    right = "Clinton said that the group has used Trump in its recruitment videos on Saturday."
    assert flags(left, right) == ["hedge: “claimed” vs (no hedge)"]


def test_a_title_case_phrase_the_other_body_writes_in_lower_case_is_no_name():
    h = compare_headlines(
        "Weiner Denies Sending Lewd Photo",
        "Weiner Photo Scandal",
        right_text="The tweet of the lewd photo was reported Saturday by Anthony Weiner's critics.",
    )
    assert h.left.stressed == ["Denies Sending Lewd"] and h.left.framing == ["Lewd"]


def test_a_modal_hedge_on_what_the_other_side_never_tells_is_no_flag():
    plain = "The lanes were closed for four days in September, creating gridlock in the town."
    hedged = "The lanes were closed in September, in what appeared to be a political retribution scheme."
    assert "hedge" not in " ".join(flags(plain, hedged))
    # the hedged fact on both sides: a flag
    assert flags("The lanes may have been closed for four days in September.", plain) == [
        "hedge: “may have” vs (no hedge)"
    ]


def test_a_side_that_rests_the_fact_on_a_document_is_not_plain():
    left = "The Clintons paid $43 million in federal taxes since 2007, according to their tax returns."
    right = "The documents show the Clintons have paid $43 million in federal taxes since 2007."
    assert flags(left, right) == []


def test_a_word_after_a_shared_one_is_no_first_name():
    # "Senate Republicans" in the other body does not make "Republicans" part of a name "Senate"
    h = compare_headlines(
        "Senate Republicans Vow to Block Bills",
        "Senate Votes on Bills",
        right_text="Senate Republicans said they would block it.",
    )
    assert h.left.stressed == ["Republicans Vow to Block"]


def test_a_title_or_another_persons_first_name_is_still_stressed():
    # "Sheriff" is a common word ("the sheriff said"): "Arizona" is the headline's own word
    h = compare_headlines(
        "Arizona Sheriff Endorses Perry",
        "Toughest Sheriff Endorses Perry",
        right_text="Arizona Sheriff Joe Arpaio endorsed him. The sheriff said so.",
    )
    assert h.left.stressed == ["Arizona"]
    # "Mary Cheney" and "Elizabeth Cheney": two people of one name
    h = compare_headlines(
        "Mary Cheney Criticizes Her Sister",
        "Elizabeth Cheney Blasted by Older Sister",
        left_text="Elizabeth Cheney said so. Mary Cheney wrote on Facebook.",
        right_text="Mary Cheney wrote on Facebook. Elizabeth Cheney said so.",
    )
    assert h.left.stressed[0] == "Mary" and h.right.stressed[0] == "Elizabeth"


def test_a_rubric_opening_a_headline_is_not_stressed():
    # polnear-dev: every AP live blog's "The Latest:" was stressed against the other outlet
    h = compare_headlines("The Latest: Sanders wins Minnesota caucuses", "Sanders wins Minnesota caucuses")
    assert h.left.stressed == [] and h.shared == ["Sanders", "wins", "Minnesota", "caucuses"]
    h = compare_headlines("Monday’s Morning Email: Putin’s Role In The DNC Hack", "Putin’s Role In DNC Hack")
    assert h.left.stressed == []
    h = compare_headlines("AP FACT CHECK: Trump claims victory", "Trump wins")
    assert h.left.stressed == ["claims victory"]
    # without its colon it is the headline's own words; a rubric alone is still read
    assert compare_headlines("The Latest GOP Debate Kicked Off", "GOP Debate").left.stressed == [
        "The Latest",
        "Kicked Off",
    ]
    assert compare_headlines("WATCH:", "Storm").left.stressed == ["WATCH"]


def test_a_headline_framing_word_in_quotation_marks_is_someone_elses():
    h = compare_headlines("Blumenthal Calls NYT Report 'Outrageous Distortion'", "Blumenthal disputes report")
    assert h.left.framing == []
    h = compare_headlines("NAACP Asks Tea Party to Repudiate ‘Racist Elements’", "NAACP resolution passes")
    assert h.left.framing == []
    assert compare_headlines("NAACP Condemns Tea Party Racism", "NAACP resolution passes").left.framing == ["Racism"]


def test_an_office_one_is_named_to_or_a_title_before_a_name_is_no_headline_label():
    assert (
        compare_headlines("Labrador To Run for House Majority Leader", "Labrador challenges McCarthy").left.framing
        == []
    )
    assert compare_headlines("William Cowan Named Interim Senator", "Patrick picks Cowan").left.framing == []
    # a person called by a label still counts, title-cased or not
    # (against a charged label: a plain word for a role frames nothing on its own)
    h = compare_headlines("Representative Apologizes for Criticizing Iowa Senator", "Radical King apologizes")
    assert h.left.framing == ["Representative", "Senator"]
    # "President Obama's": a title, as the body writes it; "Congressman Breaks": no name follows
    body = "Tonight President Obama gives his last address."
    h = compare_headlines("President Obama’s Last State Of The Union", "Obama speech", left_text=body)
    assert h.left.framing == []
    h = compare_headlines("Congressman Breaks His Silence", "Radical speaks", left_text="Congressman Weiner spoke.")
    assert h.left.framing == ["Congressman"]


def test_illegal_and_claims_frame_a_headline_only_where_they_label_or_doubt():
    h = compare_headlines("Jackson pleads guilty over illegal campaign spending spree", "Jackson guilty")
    assert h.left.framing == ["spree"]
    assert compare_headlines("Trump Vows To Deport Illegal Aliens", "Trump plan").left.framing == ["Illegal", "Aliens"]
    assert compare_headlines("Supreme Court Questions Claims in Bias Suit", "Justices hear case").left.framing == []
    assert compare_headlines("Republicans challenge Clinton claims on cuts", "Clinton testifies").left.framing == []
    assert compare_headlines("Clinton Claims Victory In Iowa", "Sanders wins").left.framing == ["Claims"]


def test_a_first_name_the_other_body_writes_with_a_middle_name_is_not_stressed():
    h = compare_headlines(
        "Paul Ryan Challenged On Budget By Faculty",
        "Faculty Chide Ryan",
        left_text="",
        right_text="Representative Paul D. Ryan of Wisconsin and Hillary Rodham Clinton.",
    )
    assert h.left.stressed == ["Challenged On Budget By"]


def test_a_what_he_called_hedge_on_another_fact_or_on_words_both_quote_is_no_flag():
    # the hedge sits on the Clintons' rate; the other side tells Bush's
    left = "Mr. Bush said his federal tax rate was 36 percent, and contrasted that with what he said was the Clintons’ rate: 30 percent."
    assert flags(left, "Bush paid a federal tax rate of roughly 36 percent over three decades.") == []
    # both keep the words at a distance
    left = "In Ohio on Saturday Mr. Santorum described what he called the “phony theology” of Mr. Obama’s agenda."
    right = "In Ohio on Saturday, Santorum dismissed Obama’s politics as based in “some phony theology.”"
    assert flags(left, right) == []
    # the hedged fact is the one the other tells
    left = "Mr. Bush contrasted his rate with what he said was the Clintons’ 2014 tax rate: 30 percent."
    right = "The Clintons' federal tax rate for 2014 was 35.7 percent, Mr. Bush's rate higher."
    assert flags(left, right) == ["hedge: “what he said was” vs (no hedge)"]


def test_a_loaded_word_in_single_quotes_or_named_as_a_word_is_no_flag():
    plain = "Senator Hale criticized the group's platform on Monday."
    assert flags("Senator Hale criticized the group's 'radical' platform on Monday.", plain) == []
    assert flags("Senator Hale criticized the group's platform and the radical label on Monday.", plain) == []
    assert flags("Senator Hale criticized the group's radical platform on Monday.", plain) == [
        "loaded: “radical” vs (no loaded word)"
    ]
    # an apostrophe is no quotation mark
    assert flags("Senator Hale criticized the members' radical platform and the group's plan Monday.", plain) == [
        "loaded: “radical” vs (no loaded word)"
    ]


def test_a_modal_of_any_or_a_speakers_citing_is_no_hedge_or_attribution():
    left = "The department asked former secretaries to turn over any official documents they may have had in their possession."
    right = "The department asked former secretaries for the documents in their possession."
    assert flags(left, right) == []
    assert flags(left.replace("any official documents they", "the documents he"), right) == [
        "hedge: “may have” vs (no hedge)"
    ]
    left = "“He should exit the race,” Mr. Romney said in a statement, citing former senators Ashcroft and Bond."
    right = "The statement on the race came from former senators Ashcroft and Bond."
    assert flags(left, right) == []
    # a poll the other side names is its source
    left = "According to the Pollster average, Huckabee trails Paul and Cruz in the race."
    assert flags(left, "Huckabee trails Paul and Cruz in the race, the poll finds.") == []
    assert flags(left, "Huckabee trails Paul and Cruz in the race.") == [
        "attribution: “According to” vs (no attribution)"
    ]


def test_the_outlets_signature_and_a_short_title_are_not_stressed():
    h = compare_headlines(
        "Huckabee announces White House bid, with focus on economy | Fox News",
        "Mike Huckabee Is Running For President",
        left_outlet="Fox News",
    )
    assert h.left.stressed == ["announces White House bid, with focus on economy"]
    # another outlet's name is part of the headline
    h = compare_headlines("Huckabee talks to Fox News", "Huckabee talks", left_outlet="The New York Times")
    assert h.left.stressed == ["to Fox News"]
    h = compare_headlines("Arkansas Gov. Signs Amended Freedom Bill", "Arkansas governor seeks changes in freedom bill")
    assert h.left.stressed == ["Signs Amended"] and h.right.stressed == ["seeks changes in"]


def test_compare_passes_the_outlets_to_the_headlines(tmp_path):
    def article(name: str, title: str, outlet: str) -> Article:
        text = "The storm hit the coast on Monday and closed the port."
        return Article(id=name, path=tmp_path / f"{name}.md", title=title, outlet=outlet, text=text)

    c = compare(article("a", "Storm closes port | Fox News", "Fox News"), article("b", "Storm closes port", "Reuters"))
    assert c.headline.left.stressed == []


def test_a_state_written_short_is_the_same_words_as_written_in_full():
    # basil-dev: "N.C." against "North Carolina", "Ariz." against "Arizona" were stressed
    h = compare_headlines(
        "Etheridge, N.C. Congressman, Apologizes", "North Carolina Congressman Etheridge Attacks Student"
    )
    assert h.left.stressed == ["Apologizes"] and h.right.stressed == ["Attacks Student"]
    h = compare_headlines("Republicans call for Ariz. veto", "Arizona veto call")
    assert h.left.stressed == ["Republicans"] and h.right.stressed == []
    h = compare_headlines("Subpoenas for NJ GOP", "Subpoenas for New Jersey GOP")
    assert h.left.stressed == [] and h.right.stressed == []
    # only as abbreviations: a word ("Mass", "Ore" without its stop) or another state stays stressed
    assert compare_headlines("Mass protest in Boston", "Massachusetts protest").left.stressed == ["Mass", "in Boston"]
    assert compare_headlines("Mining Ore", "Mining in Oregon").left.stressed == ["Ore"]
    assert compare_headlines("Storm hits N.D.", "Storm hits North Carolina").left.stressed == ["N.D."]
    assert compare_headlines("STORM HITS TOWN IN OHIO", "Storm hits Indiana town").right.stressed == ["Indiana"]


def test_the_dateline_of_a_title_taken_from_the_text_is_not_stressed(tmp_path):
    # basil-dev: an untitled article's first sentence is its title, dateline and all, and
    # "WASHINGTON" was stressed against the other outlet's headline
    h = compare_headlines(
        "WASHINGTON — Representative Labrador will challenge McCarthy",
        "Labrador to challenge McCarthy",
        left_from_text=True,
    )
    assert h.left.stressed == ["Representative"]
    h = compare_headlines("MOSCOW (Reuters) - Russia expels diplomats", "Russia expels diplomats", left_from_text=True)
    assert h.left.stressed == []
    # a headline's own words are kept: "NATO - Russia" is no dateline there
    assert compare_headlines("NATO - Russia talks resume", "Russia talks resume").left.stressed == ["NATO"]

    def article(name: str, text: str, title: str, inferred: bool) -> Article:
        return Article(
            id=name,
            path=tmp_path / f"{name}.md",
            title=title,
            outlet=name,
            text=text,
            inferred=frozenset({"title"} if inferred else ()),
        )

    text = "WASHINGTON — The Senate passed the budget. It now goes to the House."
    other = article("b", "The Senate passed the budget.", "Senate passed budget", False)
    c = compare(article("a", text, "WASHINGTON — The Senate passed the budget.", True), other)
    assert c.headline.left.stressed == []
    c = compare(article("a", text, "WASHINGTON — The Senate passed the budget.", False), other)
    assert c.headline.left.stressed == ["WASHINGTON — The"]


def test_the_run_a_title_taken_from_the_text_was_cut_in_is_not_stressed():
    # a plain text without a headline line, piped in: its title is its first sentence, cut at
    # about 100 characters, and "a senior White" (of "White House official") was stressed
    cut = "President Donald Trump has no plans to meet with Russian President Vladimir Putin, a senior White…"
    other = "Trump has no plans to meet Putin in the immediate future, White House official says"
    assert compare_headlines(cut, other, left_from_text=True).left.stressed == [
        "President Donald",
        "with Russian President Vladimir",
    ]
    # a headline written with an ellipsis keeps its last clause, as does a title not cut
    assert compare_headlines(cut, other).left.stressed[-1] == "a senior"
    whole = "Trump will not meet Putin in Budapest soon, a U.S. official said."
    assert compare_headlines(whole, "Trump will not meet Putin", left_from_text=True).left.stressed == [
        "in Budapest soon, a U.S. official said."
    ]
    # no clause mark before the cut: the last word alone is left out
    cut = "Lawmakers in the state house voted on the long awaited budget bill late on Tuesday evening after hours…"
    stressed = compare_headlines(cut, "Lawmakers voted on the budget", left_from_text=True).left.stressed
    assert stressed[-1].endswith("evening after") and "hours" not in " ".join(stressed)
    assert compare_headlines(cut, "Lawmakers voted on the budget").left.stressed[-1].endswith("after hours")


def test_a_loaded_word_the_other_article_writes_too_is_the_storys_word():
    # align-dev: HuffPost's "the lewd photo" was flagged against a Fox sentence, while Fox's own
    # headline and body say "lewd photo" too; basil-dev: "extremist threats" against an article
    # quoting "Islamic extremists"
    left = [
        Span("The congressman denied sending a lewd photo to the woman.", 0, 57),
        Span("The blog first reported the tweet of the photo on Saturday.", 58, 117),
    ]
    right = [Span("The blog first reported the tweet of the lewd photo on Saturday.", 0, 64)]
    assert find_framing(left, right, [Pair(1, 0, 0.9)]) == []
    # the word nowhere on the other side: flagged
    left[0] = Span("The congressman denied sending a picture to the woman.....", 0, 57)
    assert [f.summary() for f in find_framing(left, right, [Pair(1, 0, 0.9)])] == ["loaded: (no loaded word) vs “lewd”"]


def test_a_loaded_word_qualifying_a_thing_the_other_side_does_not_tell_is_no_flag():
    # basil-dev: "an extreme close-up" against a sentence that tells of no close-up describes
    # the photo, it frames no fact both tell
    plain = "Newsweek defended the cover photo of Bachmann on Monday."
    assert flags("Newsweek defended the cover photo, an extreme close-up of Bachmann, on Monday.", plain) == []
    assert flags("Newsweek defended the extreme cover photo of Bachmann on Monday.", plain) == [
        "loaded: “extreme” vs (no loaded word)"
    ]
    # the head of its phrase before an adverb or a verb's form is the thing itself
    plain = "The bridge lanes were closed in September as political payback."
    assert flags("The bridge lanes were closed in September in a payback scheme aimed at the mayor.", plain) == [
        "loaded: “scheme” vs (no loaded word)"
    ]


def test_an_attribution_to_data_or_on_amounts_of_other_things_is_no_flag():
    # polnear-dev: "according to exit polling data" names the evidence of a finding (Clinton's
    # voters), not a source the outlet hangs "Clinton wins" on
    plain = "Hillary Clinton wins the Democratic presidential primary in New York."
    left = "Hillary Clinton performed well among New York Democratic primary voters, according to exit polling data."
    assert flags(left, plain) == []
    left = "Hillary Clinton wins the Democratic presidential primary in New York, according to two officials."
    assert flags(left, plain) == ["attribution: “according to” vs (no attribution)"]
    # polnear-dev: Rubio's money and Cruz's, linked: two statements
    left = (
        "In February he raised $5.7 million, and he had $5 million in cash at the start of March, according to aides."
    )
    right = "Mr. Cruz raised $11.9 million in February and, despite spending, began March with $8 million on hand."
    assert flags(left, right) == []
    assert flags(left, right.replace("$11.9", "$5.7").replace("$8", "$5")) == [
        "attribution: “according to” vs (no attribution)"
    ]


def test_a_middle_initial_a_party_written_short_and_a_verbs_past_are_not_stressed():
    # basil-dev: "Raúl R. Labrador" against "Raul Labrador" stressed "R."; "Dem" against "Democratic"
    h = compare_headlines("Raul Labrador To Run for Leader", "Representative Raúl R. Labrador, a Republican of Idaho")
    assert h.right.stressed == ["Representative", "a Republican of Idaho"]
    h = compare_headlines("Dem running for Senate in Iowa", "Democratic Senate Candidate Faces Criticism")
    assert h.left.stressed == ["running for", "in Iowa"]
    # polnear-dev: "wins" against "Won" is one verb
    h = compare_headlines("Clinton wins primary in New York", "Hillary Clinton Won Among Voters In New York")
    assert h.left.stressed == ["primary"] and h.right.stressed == ["Hillary", "Among Voters"]
    # an initial before a name only one headline gives is its own
    assert compare_headlines("John F. Kennedy Airport closes", "Kennedy Airport closes").left.stressed == ["John F."]


def test_a_plain_word_for_a_role_or_group_frames_a_headline_only_against_a_charged_label():
    # basil-dev: "Congressman", "staffer", "Rep", "protesters", "Immigrants" were listed as each
    # headline's framing words, though they name a role or a group as plainly as can be
    h = compare_headlines("Congressman Breaks His Silence", "Weiner denies sending photo")
    assert h.left.framing == []
    h = compare_headlines("Appreciation Day brings out supporters, protesters", "Chick-fil-A Draws Huge Crowds")
    assert h.left.framing == []
    h = compare_headlines("GOP Rep Shows Support For Company", "Chick-fil-A Draws Crowds")
    assert h.left.framing == []
    # the charged word of a phrase stays ("Undocumented"), the plain one goes
    h = compare_headlines("Republican Calls For Legalizing Undocumented Immigrants", "House GOP To Offer Plan")
    assert h.left.framing == ["Undocumented"]
    # against a charged label the plain word is one side of the contrast
    h = compare_headlines("North Korean Leader Kim Visits Beijing", "Dictator Kim Visits Beijing")
    assert h.left.framing == ["Leader"] and h.right.framing == ["Dictator"]
    h = compare_headlines("Protesters Gather At Capitol", "Rioters Gather At Capitol")
    assert h.left.framing == ["Protesters"] and h.right.framing == ["Rioters"]
    # a user who lists a plain word as loaded too gets it flagged
    words = FramingWords(lists={"labels": [("aide",)], "loaded": [("aide",)]})
    assert compare_headlines("Aide Quits", "Senator quits", words=words).left.framing == ["Aide"]


def test_a_stressed_run_keeps_both_quotation_marks_of_what_it_quotes():
    # basil-dev: "Calls NYT Report 'Outrageous Distortion", "Over 'Inaccurate", "Trust' Vote":
    # a run ended at its last word, leaving the closing (or opening) mark outside
    h = compare_headlines("Blumenthal Calls NYT Report 'Outrageous Distortion'", "Blumenthal's Words Differ")
    assert h.left.stressed == ["Calls NYT Report 'Outrageous Distortion'"]
    h = compare_headlines("Obama: ‘In God We Trust' Vote Not Creating Jobs", "Obama Taunts G.O.P. Over Jobs")
    assert h.left.stressed == ["‘In God We Trust' Vote Not Creating"]
    h = compare_headlines("Panel seeks “transcribed” interview with Clinton", "House Panel Seeks Talk With Clinton")
    assert h.left.stressed == ["“transcribed” interview"]
    # a mark both ends of the quote leave outside, or an apostrophe, stays as it was
    h = compare_headlines("Santorum: 'Phony theology' comment was about energy", "Santorum defends comment")
    assert h.left.stressed == ["Phony theology", "was about energy"]
    assert compare_headlines("'America's Toughest Sheriff' Endorses Perry", "Perry wins").left.stressed == [
        "'America's Toughest Sheriff' Endorses"
    ]


def test_a_small_word_both_headlines_have_does_not_cut_a_stressed_run():
    # basil-dev: "Face To Face" against "... Focus Turns to Investigation" stressed "Face; Face"
    h = compare_headlines(
        "Eric Holder Hears From The People Of Ferguson Face To Face",
        "As Tension Eases on Ferguson's Streets, Focus Turns to Investigation",
    )
    assert h.left.stressed == ["Eric Holder Hears From The People Of", "Face To Face"]
    assert h.right.stressed == ["As Tension Eases on", "Streets, Focus Turns to Investigation"]
    # a shared word that means something still cuts; a small word at a run's end stays out
    h = compare_headlines("Obama Mocks Congress For Jobs Vote", "Obama Taunts G.O.P. for Jobs Bill")
    assert h.left.stressed == ["Mocks Congress", "Vote"]
    assert compare_headlines("Storm Hits Town Of Ely", "Storm of the century").left.stressed == ["Hits Town Of Ely"]
    # nor does a run of small words alone grow into the next one ("but Is Less Sure")
    h = compare_headlines(
        "Weiner Denies Sending Lewd Photo, Can't Say Whether Image Is Him",
        "Weiner Denies Sending Photo but Is Less Sure About Its Origin",
    )
    assert h.right.stressed == ["Less Sure About Its Origin"]
