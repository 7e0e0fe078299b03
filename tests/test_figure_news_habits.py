"""How news prose tells figures, read by the differing-figures flag: a half rounded up, a
proportion of a group ("7 in 10"), an age set off by commas, a resolution ("4K movies"), a number
that ends an index's name ("FTSE 100"). Made-up sentences; each rule has a case that must still
differ, so a rule that swallowed every difference would fail."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import _same, find_figures, find_flag_figures


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in find_flag_figures(text)]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a reporter rounds a half up: 2.5 is 3, 0.25 is 0.3, 3.5 is 4
        (
            "Unemployment rose to 3 percent in the town, officials said.",
            "Unemployment rose to 2.5 percent in the town, officials said.",
            [],
        ),
        (
            "The levy rose 0.3 percent last month, the council said.",
            "The levy rose 0.25 percent last month, the council said.",
            [],
        ),
        (
            "Unemployment rose to 4 percent in the town, officials said.",
            "Unemployment rose to 3.5 percent in the town, officials said.",
            [],
        ),
        # "100 percent" is the whole, no rounding of 90
        (
            "The fund would pay 100 percent of the bill, the agency said.",
            "The fund would pay 90 percent of the bill, the agency said.",
            [("100 percent", "90 percent")],
        ),
        # and 2.5 cut short is still 2
        (
            "Unemployment rose to 2 percent in the town, officials said.",
            "Unemployment rose to 2.5 percent in the town, officials said.",
            [],
        ),
        # 2.4 is no 3, however rounded
        (
            "Unemployment rose to 3 percent in the town, officials said.",
            "Unemployment rose to 2.4 percent in the town, officials said.",
            [("3 percent", "2.4 percent")],
        ),
    ],
)
def test_a_half_rounds_up_as_a_reporter_rounds_it(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("rose 3 percent", "rose 2.5 percent"),
        ("spent $1 billion", "spent $800 million"),
        ("spent $1 million", "spent $500,000"),
        ("the bottom 10 states", "the bottom five states"),
        ("100 people", "51 people"),
    ],
)
def test_the_linkers_figures_still_differ_where_only_the_flags_read_a_reporters_rounding(a, b):
    # _same is the linker's and must not move: a reporter's rounding is the flags' reading
    # (across a power of ten it took 10 for five and 100 for 51, as 1,000 for 500)
    (left,) = find_figures(a)
    (right,) = find_figures(b)
    assert not _same(left, right) and not _same(right, left)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # the rounder figure's last digit decides, not the unit word: $800 million told to the
        # billion is $1 billion, as $950 million is
        ("The county spent $1 billion on the new tunnel.", "The county spent $950 million on the new tunnel.", []),
        ("The county spent $1 billion on the new tunnel.", "The county spent $800 million on the new tunnel.", []),
        ("The county spent $1 billion on the new tunnel.", "The county spent $0.8 billion on the new tunnel.", []),
        ("The county spent $1 trillion on the new tunnel.", "The county spent $800 billion on the new tunnel.", []),
        # above the finer figure's first digit only a figure told with a word of scale: "1,000"
        # and "$1,000" write their digits
        ("The plant will cut 1,000 jobs next year.", "The plant will cut 850 jobs next year.", [("1,000", "850")]),
        ("The licence costs $1,000 per server.", "The licence costs $900 per server.", [("$1,000", "$900")]),
        ("The plant will cut about 1,000 jobs next year.", "The plant will cut 850 jobs next year.", []),
        ("The county spent $1.2 billion on the new tunnel.", "The county spent $1,200 million on the new tunnel.", []),
        # a rounding that moves the figure by more than a fifth is still another figure
        (
            "The county spent $1 billion on the new tunnel.",
            "The county spent $700 million on the new tunnel.",
            [("$1 billion", "$700 million")],
        ),
        ("The plant will cut 1,000 jobs next year.", "The plant will cut 1,400 jobs next year.", [("1,000", "1,400")]),
    ],
)
def test_a_rounding_across_a_power_of_ten_is_read_at_the_rounder_figures_last_digit(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            "Seven out of ten residents backed the plan in the survey.",
            "Seventy percent of residents backed the plan in the survey.",
            [],
        ),
        (
            "7 in 10 residents backed the plan in the survey.",
            "70 percent of residents backed the plan in the survey.",
            [],
        ),
        ("7 in 10 residents backed the plan in the survey.", "72% of residents backed the plan in the survey.", []),
        (
            "One in three residents backed the plan in the survey.",
            "33 percent of residents backed the plan in the survey.",
            [],
        ),
        (
            "7 in 10 residents backed the plan in the survey.",
            "Seven out of ten residents backed the plan in the survey.",
            [],
        ),
        (
            "7 in 10 residents backed the plan in the survey.",
            "50 percent of residents backed the plan in the survey.",
            [("7 in 10", "50 percent")],
        ),
        # the next share of the same parts is another figure, and so is its complement
        (
            "Seven out of ten residents backed the plan in the survey.",
            "Six out of ten residents backed the plan in the survey.",
            [("Seven out of ten", "Six out of ten")],
        ),
        (
            "7 in 10 residents backed the plan in the survey.",
            "3 in 10 residents backed the plan in the survey.",
            [("7 in 10", "3 in 10")],
        ),
    ],
)
def test_a_proportion_of_a_group_is_a_share_like_a_percentage(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a hedge widens a share as it widens an amount: "nearly half" reaches down to 42.5
        ("Nearly half of the residents backed the plan.", "Only 44 percent of the residents backed the plan.", []),
        ("Nearly one in 10 residents backed the plan.", "Only 8.7 percent of the residents backed the plan.", []),
        ("More than one in three residents backed the plan.", "Only 40 percent of the residents backed the plan.", []),
        # and no further: unhedged the share is as tight as before
        (
            "Half of the residents backed the plan.",
            "Only 44 percent of the residents backed the plan.",
            [("Half", "44 percent")],
        ),
        (
            "Nearly half of the residents backed the plan.",
            "Only 30 percent of the residents backed the plan.",
            [("Nearly half", "30 percent")],
        ),
        (
            "More than one in three residents backed the plan.",
            "Only 25 percent of the residents backed the plan.",
            [("More than one in three", "25 percent")],
        ),
    ],
)
def test_a_hedged_share_is_as_loose_as_its_hedge(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She has a 1 in 3 chance of winning the seat.", [("1 in 3", "ratio")]),  # odds stay odds
        # a span of time is no denominator: a count and the minutes it took
        ("He scored 3 in 10 minutes on Sunday.", [("3", "count"), ("10", "count")]),
        ("He scored 4 in 12 games this season.", [("4", "count"), ("12", "count")]),
        ("Critics rated it 7 out of 10 overall.", [("7 out of 10", "percent")]),
        ("One in seven 12-year-olds walk to school.", [("One in seven", "percent"), ("12", "count")]),
        # a count in a year is no share of it
        ("Visits fell from 1,540 in 2001 to 416 last year.", [("1,540", "count"), ("2001", "year"), ("416", "count")]),
    ],
)
def test_odds_and_times_are_no_proportion(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            "The goalkeeper, 31, signed a new deal with the club.",
            "The 31-year-old goalkeeper signed a new deal with the club.",
            [],
        ),
        (
            "The goalkeeper, 31, signed a new deal with the club.",
            "The 30-year-old goalkeeper signed a new deal with the club.",
            [("31", "30")],
        ),
        # an age is never a count of years of something else
        (
            "The goalkeeper, 31, signed a new deal with the club.",
            "The goalkeeper signed a new 3-year deal with the club.",
            [],
        ),
        ("A retired nurse, 64, was found safe on the hill.", "A nurse aged 64 was found safe on the hill.", []),
    ],
)
def test_an_age_set_off_by_commas_after_a_person_is_an_age(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The goalkeeper, 31, signed.", [("31", "age")]),
        # a list of numbers is no age
        ("The scores, 31, 40 and 52, were posted.", [("31", "count"), ("40", "count"), ("52", "count")]),
        ("By the end, 31 people had left.", [("31", "count")]),
    ],
)
def test_only_a_number_set_off_after_a_person_described_is_an_age(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("The service now streams 4K movies to its members.", "The service now streams 300 movies to its members.", []),
        ("The studio sells 8K films online.", "The studio sells 90 films online.", []),
        # a sentence that tells the resolution apart counts its movies in thousands
        (
            "The service streams 4K movies in 4K to its members.",
            "The service streams 3,000 movies in 4K to its members.",
            [("4K", "3,000")],
        ),
    ],
)
def test_a_resolution_before_movies_is_no_count_of_them(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # units are never converted, counts of other nouns never paired
        (
            "The blaze spread 5 miles across the ridge overnight.",
            "The blaze spread 8 km across the ridge overnight.",
            [],
        ),
        (
            "The flood killed 3 people and hit the valley on Monday.",
            "The flood destroyed 5 homes and hit the valley on Monday.",
            [],
        ),
        # ordinals count nothing
        ("She won the cup for the third time on Sunday.", "She won the cup for the 2nd time on Sunday.", []),
        ("He won his 21st title in the city on Sunday.", "He won his 20th title in the city on Sunday.", []),
    ],
)
def test_other_units_nouns_and_ordinals_are_not_compared(a, b, expected):
    assert flag_diff(a, b) == expected


def test_a_number_ending_an_index_name_counts_nothing_and_leaves_owners_alone():
    left = (
        "In Asia, Japan's NKY 225 fell 0.6 percent, Korea's KOSPI-50 lost 0.7 percent and "
        "Taiwan's TWSE index gave back 2 percent."
    )
    right = (
        "In late trading in Asia, Japan's NKY 225 fell 1.4 percent, Korea's KOSPI-50 dropped 1.1 "
        "percent and Taiwan's TWSE index lost 2.9 percent."
    )
    assert [t for t, k in kinds(left) if k == "count"] == []
    owners = [f.owner for f in find_flag_figures(left)]
    assert owners == ["japan", "korea", "taiwan"]
    # each index's own figures pair, never one index's with another's
    pairs = flag_diff(left, right)
    assert ("0.6 percent", "1.4 percent") in pairs and ("2 percent", "2.9 percent") in pairs
    assert ("0.7 percent", "2.9 percent") not in pairs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In the US 30 people died in the storm.", [("30", "count")]),  # capitals as a place
        # a plural noun after a number joined to capitals by a space makes it a count of them
        ("NATO 30 members agreed on the plan.", [("30", "count")]),
        ("He told CNN 3 people were hurt in the fire.", [("3", "count")]),
        # a name however the capitals stand: after a preposition too, and a hyphen binds it
        ("Shares in the S&P 500 stock index rose 3.8 percent.", [("3.8 percent", "percent")]),
        ("Leaders met at the G-7 summit on Friday.", []),
        ("Pupils from K-12 schools marched on Friday.", []),
        ("ABC 7 reported the fire on Monday.", []),
        ("STORM KILLS 3 IN VALLEY", [("3", "count")]),  # a headline in capitals
        ("The G-20 summit drew 3,000 protesters.", [("3,000", "count")]),
    ],
)
def test_only_a_number_after_a_name_in_capitals_is_part_of_it(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # one capitalised word and a number name a thing: no count of anything
        ("The crew of Apollo 11 landed on the moon.", []),
        ("Windows 10 was installed on 300 machines.", [("300", "count")]),
        ("Traffic on Route 66 was slow on Friday.", []),
        # a hedge or a month opening the sentence is no name
        ("Some 16 bills passed the chamber.", [("Some 16", "count")]),
        ("Nearly 300 people came to the rally.", [("Nearly 300", "count")]),
        # so is any adverb: no name ends in a number after one
        ("Fully 250 foreign high-tech firms opened offices there.", [("250", "count")]),
        # what follows counts: a plural noun, or a verb of the counted ones
        ("He told Reuters 12 people died in the blast.", [("12", "count")]),
        ("He told Reuters 3 were hurt in the blast.", [("3", "count")]),
        ("The judge gave Jones 15 days to appeal.", [("15", "count")]),
        # a tally of names and numbers, and a headline capitalised word by word
        ("The count stood at Smith 52, Jones 48 on Tuesday.", [("52", "count"), ("48", "count")]),
        ("Storm Kills 3 In Valley", [("3", "count")]),
        # a plural noun after another noun counts them too, capitals or not
        ("The pact was backed by the UN 193 member states.", [("193", "count")]),
        ("The pact was backed by the UN's 193 member states.", [("193", "count")]),
        # an index's verb in -s is no plural noun
        ("The FTSE 100 falls 2 percent on Monday.", [("2 percent", "percent")]),
    ],
)
def test_a_number_after_a_capitalised_word_names_it_unless_it_counts(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # one index's move told in two ways: its name is what the figures measure
        (
            "In the city, the FTSE 100 fell 0.9% to close at 6,500.",
            "The city's FTSE 100 index dropped 1.2 percent.",
            [("0.9%", "1.2 percent")],
        ),
        ("The FTSE 100 fell 0.9% on Monday.", "The FTSE 100 index dropped 0.9 percent.", []),
        # two indexes' moves are two quantities
        ("In the city, the FTSE 100 fell 0.9% on Monday.", "The CAC-40 lost 1.2 percent on Monday.", []),
        (
            "The FTSE 100 fell 0.9 percent, and the CAC-40 lost 1.2 percent.",
            "The FTSE 100 fell 0.9 percent, and the CAC-40 lost 1.4 percent.",
            [("1.2 percent", "1.4 percent")],
        ),
    ],
)
def test_an_index_named_before_its_move_pairs_its_own_figures(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # an honest rounding of one quantity across a power of ten agrees
        ("The county spent $1 trillion on the new tunnel.", "The county spent $800 billion on the new tunnel.", []),
        ("Officials said 1 million people fled the floods.", "Officials said 800,000 people fled the floods.", []),
        # what the amounts are in or for differs: two quantities, which a rounding never joins
        (
            "The deal raises $800 billion in new revenue.",
            "The deal raises $1 trillion in spending cuts.",
            [("$800 billion", "$1 trillion")],
        ),
        # two actors' amounts (named after them: named before, they are two things, not compared)
        (
            "The campaign raised $800 million for Mr. Smith.",
            "The campaign raised $1 billion for Mr. Jones.",
            [("$800 million", "$1 billion")],
        ),
        ("Mr. Smith raised $800 million for the campaign.", "Mr. Jones raised $1 billion for the campaign.", []),
        ("In the race, Smith's campaign raised $800 million.", "In the race, Jones's campaign raised $1 billion.", []),
    ],
)
def test_a_rounding_across_a_power_of_ten_needs_one_thing_counted(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a loose count told with its last digit is that count: "some 16" is not 15
        (
            "The chamber ignored 15 bills this year.",
            "The chamber ignored some 16 bills this year.",
            [("15", "some 16")],
        ),
        ("About 1,540 people were evacuated from the town.", "1,500 people were evacuated from the town.", []),
        # a round one stays a range, and so does a single digit
        ("About 50 people were hurt in the crash.", "45 people were hurt in the crash.", []),
        ("About 5 people were hurt in the crash.", "4 people were hurt in the crash.", []),
        # a last 5 rounds too against an exact figure, not against another writer's estimate
        ("About 25 people were hurt in the crash.", "24 people were hurt in the crash.", []),
        (
            "Some 55 gang members were held in the sweep.",
            "About 57 gang members were held in the sweep.",
            [("Some 55", "About 57")],
        ),
        # counts of two nouns are not compared
        ("The mayor will lay out 19 separate actions.", "The mayor will lay out 23 separate bills.", []),
    ],
)
def test_a_loose_count_with_its_last_digit_is_that_count(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the linker's figures: a time span or a year after "in" is no denominator
        ("He scored 3 in 10 minutes on Sunday.", [("3", "count"), ("10", "count")]),
        ("Visits fell from 1540 in 2001 to 416 last year.", [("1540", "count"), ("2001", "year"), ("416", "count")]),
        ("She has a 1 in 3 chance of winning the seat.", [("1 in 3", "ratio")]),
        ("The defect affects 1 in 2000 babies.", [("1 in 2000", "ratio")]),
        # a number ending a name in capitals is no count for the linker either
        ("The FTSE 100 fell 0.9% on Monday.", [("0.9%", "percent")]),
        ("The NATO 30 members met on Monday.", [("30", "count")]),
    ],
)
def test_the_linkers_figures_read_no_span_or_year_as_a_denominator_and_no_index_as_a_count(text, expected):
    assert [(f.text, f.kind) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # after a determiner or a number, a capitalised word and a number are one name that
        # modifies the noun after them: no count of it
        ("The Apollo 11 astronauts returned home on Thursday.", []),
        ("Officials met the Boeing 737 crews on Monday.", []),
        ("The airline flies 40 Boeing 737 jets.", [("40", "count")]),
        # a name alone before a count leaves it a count, and so does a place that takes "the"
        ("He told Reuters 12 people died in the blast.", [("12", "count")]),
        ("In the Philippines 12 people died in the storm.", [("12", "count")]),
        # in a title every word is capitalised: no name told by its capital
        ('The list was called "The Best Songs of the Past 25 Years."', [("25", "count")]),
    ],
)
def test_a_name_and_number_after_a_determiner_modify_the_noun_they_stand_before(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # "the number of" says what the counts of a sentence count: two things, not compared
        (
            "In the county, the number of closings and warnings dropped by 73 percent, from 1,540 in 2001 to 416 last year.",
            "The number of days with warnings dropped from 317 in 2001 to 182 last year.",
            [],
        ),
        # the same thing counted still differs
        (
            "In the county, the number of closings dropped from 1,540 in 2001 to 416 last year.",
            "The number of closings in the county dropped from 1,450 in 2001 to 416 last year.",
            [("1,540", "1,450")],
        ),
        # one side saying nothing of it is compared as before
        (
            "In the county, the number of closings dropped from 1,540 in 2001 to 416 last year.",
            "Closings in the county dropped from 1,450 in 2001 to 416 last year.",
            [("1,540", "1,450")],
        ),
    ],
)
def test_the_number_of_two_things_are_two_counts(a, b, expected):
    assert flag_diff(a, b) == expected


def test_a_long_text_of_names_ending_in_numbers_is_read_for_title_case_once(monkeypatch):
    # whether a text is a headline is asked for each name a number ends; reading the whole
    # text each time made a long text's figures quadratic
    from reader.analysis import figures

    class Counting:
        def __init__(self, pattern):
            self.pattern, self.whole = pattern, 0

        def findall(self, text, *args):
            self.whole += len(text) > 1000
            return self.pattern.findall(text, *args)

    counting = Counting(figures._LETTERS)
    monkeypatch.setattr(figures, "_LETTERS", counting)
    getattr(figures._title_case, "cache_clear", lambda: None)()
    text = "Room 101 was empty and the rooms were fine. " * 200
    assert find_flag_figures(text) == []
    assert counting.whole == 1
