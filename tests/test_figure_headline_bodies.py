"""A title-case headline read with its body (session 60): "Aid For Gaza 300 Families" counts
families where the body tells "300 families" in lower case ("Flight 370" already stayed a name
where the body tells it as one). Made-up texts; each case has one that must still hold."""

from __future__ import annotations

from reader.analysis.figures import (
    FigureDifference,
    differing_figures,
    find_flag_figures,
    name_number_keys,
    numbered_names,
)


def headline_diff(headline: str, body: str, other: str) -> list[tuple[str, str]]:
    """The figures a headline (pasted before its body, as a corpus may) and another outlet's
    sentence tell differently, with the names and counts the two articles tell, as compare() reads them."""
    names = numbered_names(f"{headline}\n{body}", other, only=name_number_keys(headline) | name_number_keys(other))
    return [
        (f.text, g.text)
        for f, g in differing_figures(find_flag_figures(headline, 0, names), find_flag_figures(other, 0, names))
    ]


def test_a_headline_number_the_body_counts_in_lower_case_is_a_count() -> None:
    other = "The charity sent aid to 120 families in Gaza."
    assert headline_diff("Aid For Gaza 300 Families", "The charity sent aid to 300 families in Gaza.", other) == [
        ("300", "120")
    ]
    # the body silent, or telling the number after a capitalised word, leaves the headline's name
    assert headline_diff("Aid For Gaza 300 Families", "The charity sent aid to families in Gaza.", other) == []
    assert headline_diff("Aid For Gaza 300 Families", "The charity sent aid to Gaza 300 families.", other) == []
    # a count of another noun in the body says nothing of this one
    assert headline_diff("Aid For Gaza 300 Families", "The charity sent 300 trucks.", other) == []


def test_counts_are_read_only_where_asked() -> None:
    assert numbered_names("Aid reached 300 families.", only={"gaza 300", "300 families"}) == {"300 families"}
    assert numbered_names("Aid reached 300 families.", only={"gaza 300"}) == frozenset()
    assert "300 families" in name_number_keys("Aid For Gaza 300 Families")


def test_a_count_is_described_with_its_plural() -> None:
    [(f, g)] = differing_figures(
        find_flag_figures("The charity fed 300 families."), find_flag_figures("It fed 120 families.")
    )
    assert FigureDifference(f, g, 0, 0).described == "count of families"
    [(f, g)] = differing_figures(find_flag_figures("He sold 300 copies."), find_flag_figures("He sold 120 copies."))
    assert FigureDifference(f, g, 0, 0).what == "count of copies"
    # a vowel before the "y" keeps it, and a plural stays as it is
    [(f, g)] = differing_figures(find_flag_figures("It won 30 days off."), find_flag_figures("It won 12 days off."))
    assert FigureDifference(f, g, 0, 0).what == "count of days"
    [(f, g)] = differing_figures(find_flag_figures("He led 30 women."), find_flag_figures("He led 12 women."))
    assert FigureDifference(f, g, 0, 0).what == "count of women"
