"""Money told in the forms news uses besides "$", "€", "£" and "¥": the rupee ("Rs 300", "Rs.
300 crore", "₹300", "INR 300"), the lakh and the crore, other countries' dollars ("A$", "R$",
"C$", "HK$"), and currency words the linker's figures read as counts ("300 rupees"). Each is
money of its own currency; two currencies' amounts are never one figure. Made-up sentences."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_figures, find_flag_figures


def money(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.unit, f.value) for f in find_flag_figures(text) if f.kind == "money"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ticket costs Rs 300 at the gate.", [("Rs 300", "inr", 300)]),
        ("The bridge will cost Rs. 300 crore to build.", [("Rs. 300 crore", "inr", 3_000_000_000)]),
        ("The fine was Rs 24 lakh in all.", [("Rs 24 lakh", "inr", 2_400_000)]),
        ("A meal costs ₹300 in the city.", [("₹300", "inr", 300)]),
        ("The fee is INR 300 crore this year.", [("INR 300 crore", "inr", 3_000_000_000)]),
        ("The council spent 300 crore rupees on roads.", [("300 crore", "inr", 3_000_000_000)]),
        ("He paid 300 rupees for the book.", [("300", "inr", 300)]),
        ("The farm sold for A$5 million.", [("A$5 million", "aud", 5_000_000)]),
        ("The club paid R$ 40 million for him.", [("R$ 40 million", "brl", 40_000_000)]),
        ("The mine is worth C$2 billion.", [("C$2 billion", "cad", 2_000_000_000)]),
        ("The flat sold for HK$12 million.", [("HK$12 million", "hkd", 12_000_000)]),
        ("The chip plant cost NT$300 billion.", [("NT$300 billion", "twd", 300_000_000_000)]),
        ("The firm raised US$5 million.", [("US$5 million", "usd", 5_000_000)]),
        ("The deal is worth CHF 5 million.", [("CHF 5 million", "chf", 5_000_000)]),
        ("The deal is worth RMB 5 million.", [("RMB 5 million", "cny", 5_000_000)]),
        ("The deal is worth 5 million yuan.", [("5 million", "cny", 5_000_000)]),
        ("The deal is worth €5 million.", [("€5 million", "eur", 5_000_000)]),
        # no currency: "Mrs 300" is no rupee, nor "rs 300" in lower case
        ("The Mrs 300 club met.", []),
    ],
)
def test_money_is_read_in_the_currency_its_sign_code_or_word_names(text, expected):
    assert money(text) == expected


def test_a_lakh_and_a_crore_scale_a_count():
    (figure,) = find_flag_figures("Nearly 5 lakh people attended the rally.")
    assert (figure.kind, figure.value, figure.unit) == ("count", 500_000, "people")


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # one amount in two forms of one currency agrees
        (
            "The bridge will cost Rs 300 crore, the minister said.",
            "The bridge will cost ₹3,000 million, the minister said.",
            [],
        ),
        (
            "The bridge will cost Rs 300 crore, the minister said.",
            "The bridge will cost INR 300 crore, the minister said.",
            [],
        ),
        # and still differs when the amounts do
        (
            "The bridge will cost Rs 300 crore, the minister said.",
            "The bridge will cost Rs 350 crore, the minister said.",
            [("Rs 300 crore", "Rs 350 crore")],
        ),
        (
            "The farm sold for A$5 million last week.",
            "The farm sold for A$6 million last week.",
            [("A$5 million", "A$6 million")],
        ),
        # two currencies' amounts are never one figure, neither agreeing nor differing
        ("The farm sold for A$5 million last week.", "The farm sold for $5 million last week.", []),
        ("The farm sold for A$5 million last week.", "The farm sold for US$3.5 million last week.", []),
        ("The ticket costs Rs 300 at the gate.", "The ticket costs $4 at the gate.", []),
    ],
)
def test_two_currencies_amounts_are_never_compared(a, b, expected):
    assert flag_diff(a, b) == expected


def test_the_linkers_figures_keep_their_reading():
    # the sentence linker's signals were fitted on find_figures: "A$" stays its "$"
    assert [(f.text, f.unit) for f in find_figures("The farm sold for A$5 million.")] == [("$5 million", "usd")]


@pytest.mark.parametrize(
    "text, first",
    [
        ("The plan would cost $5-10 billion over a decade.", ("$5", 5_000_000_000)),
        ("The plan would cost €2 to 3 million a year.", ("€2", 2_000_000)),
        ("Some 4 to 6 million people fled the region.", ("Some 4", 4_000_000)),
        # no scale after it, or a first end larger than the second's number: as written
        ("Children aged 5-10 play there.", ("5", 5)),
        ("The plan would cost $900 to 1 billion.", ("$900", 900)),
    ],
)
def test_the_first_end_of_a_range_takes_the_scale_of_the_second(text, first):
    figure = find_flag_figures(text)[0]
    assert (figure.text, figure.value) == first


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            "The plan would cost $5-10 billion over a decade, the agency said.",
            "The plan would cost $5 billion over a decade, the agency said.",
            [],
        ),
        (
            "The plan would cost $5-10 billion over a decade, the agency said.",
            "The plan would cost $4 billion over a decade, the agency said.",
            [("$5", "$4 billion")],
        ),
    ],
)
def test_a_range_told_with_one_scale_is_compared_at_that_scale(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lakh crore is a trillion: "Rs 1.5 lakh crore" is no 150,000 rupees
        ("The budget sets aside Rs 1.5 lakh crore for roads.", [("Rs 1.5 lakh crore", "inr", 1_500_000_000_000)]),
        ("The plan costs Rs 2 Lakh Crore in all.", [("Rs 2 Lakh Crore", "inr", 2_000_000_000_000)]),
    ],
)
def test_a_lakh_crore_is_a_trillion(text, expected):
    assert money(text) == expected


def test_a_capitalised_lakh_after_a_number_with_no_currency_is_a_name():
    # "Lakh" as a name after a year: no count of 200.5 million
    assert [(f.text, f.kind) for f in find_flag_figures("In 2005 Lakh won the seat by a wide margin.")] == [
        ("2005", "year")
    ]
    (figure,) = find_flag_figures("A 2 lakh crore package was approved.")
    assert (figure.kind, figure.value) == ("count", 2_000_000_000_000)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the second end told with its scale letter only is money of the first end's currency
        ("The charity raised £2-3m last year.", [("£2", "gbp", 2_000_000), ("3m", "gbp", 3_000_000)]),
        ("The fund lost £2 to 3bn in a week.", [("£2", "gbp", 2e9), ("3bn", "gbp", 3e9)]),
        # a length after a price is no money
        ("The planks cost £2-3 metres long.", [("£2", "gbp", 2)]),
    ],
)
def test_a_range_of_money_reads_its_second_end_told_short(text, expected):
    assert money(text) == expected


def test_a_range_of_money_differs_by_its_second_end():
    assert flag_diff("The charity raised £2-3m last year.", "The charity raised £2-5m last year.") == [("3m", "5m")]
