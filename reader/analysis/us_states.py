"""The states of the United States as news writes them, in full and short: read by the
headline comparison (reader.analysis.headline) and by the speaker resolver ("the Florida
senator" is the one titled "Florida Sen." or "Sen. ... (R-Fla.)")."""

from __future__ import annotations

import re

# The states as news writes them short (AP's abbreviations and the postal codes), folded and
# without their dots: "N.C." / "North Carolina", "Ariz." / "Arizona", "NJ" / "New Jersey".
US_STATES = {
    "alabama": ("ala", "al"), "alaska": ("ak",), "arizona": ("ariz", "az"), "arkansas": ("ark", "ar"),
    "california": ("calif", "cal", "ca"), "colorado": ("colo", "co"), "connecticut": ("conn", "ct"),
    "delaware": ("del", "de"), "florida": ("fla", "fl"), "georgia": ("ga",), "hawaii": ("hi",), "idaho": ("id",),
    "illinois": ("ill", "il"), "indiana": ("ind", "in"), "iowa": ("ia",), "kansas": ("kan", "kans", "ks"),
    "kentucky": ("ky",), "louisiana": ("la",), "maine": ("me",), "maryland": ("md",),
    "massachusetts": ("mass", "ma"), "michigan": ("mich", "mi"), "minnesota": ("minn", "mn"),
    "mississippi": ("miss", "ms"), "missouri": ("mo",), "montana": ("mont", "mt"), "nebraska": ("neb", "ne"),
    "nevada": ("nev", "nv"), "new hampshire": ("nh",), "new jersey": ("nj",), "new mexico": ("nm",),
    "new york": ("ny",), "north carolina": ("nc",), "north dakota": ("nd",), "ohio": ("oh",),
    "oklahoma": ("okla", "ok"), "oregon": ("ore", "or"), "pennsylvania": ("pa",), "rhode island": ("ri",),
    "south carolina": ("sc",), "south dakota": ("sd",), "tennessee": ("tenn", "tn"), "texas": ("tex", "tx"),
    "utah": ("ut",), "vermont": ("vt",), "virginia": ("va",), "washington": ("wash", "wa"),
    "west virginia": ("wva", "wv"), "wisconsin": ("wis", "wisc", "wi"), "wyoming": ("wyo", "wy"),
}  # fmt: skip


_STATE_NAMES = {name: name for name in US_STATES} | {
    short: name for name, shorts in US_STATES.items() for short in shorts if len(short) > 2
}
# AP's two-letter abbreviations ("Pa.", "N.H."), read only as written with their dots: bare, "Pa",
# "La" or "Me" is a word too. AP writes Alaska, Hawaii, Idaho, Iowa, Maine, Ohio and Utah in full.
_DOTTED_STATES = {
    short: name
    for name, shorts in US_STATES.items()
    for short in shorts
    if short in frozenset("ga ky la md mo pa va vt nh nj nm ny nc nd ri sc sd".split())
}
_DOTTED = re.compile(r"[A-Z]\.?[A-Za-z]\.")
# Every short form, the postal codes too, in a party tag's state ("(D-PA)", "R-IN"): nothing
# else is written there.
_TAG_STATES = _STATE_NAMES | {short: name for name, shorts in US_STATES.items() for short in shorts}


def _folded(words: str) -> str:
    return " ".join(words.replace(".", "").lower().split())


def state_named(words: str) -> str | None:
    """The state (its name in lower case) that `words` write in full or as AP abbreviates it
    ("Florida", "New York", "Fla.", "Calif", "Pa.", "N.H."); None for anything else. A two-letter
    form is read only with its dots ("Pa", "IN", "ME" are words too)."""
    folded = _folded(words)
    named = _STATE_NAMES.get(folded)
    if named is None and _DOTTED.fullmatch(words.strip()):
        return _DOTTED_STATES.get(folded)
    return named


def state_of_party_tag(abbreviation: str) -> str | None:
    """The state a party tag's abbreviation writes ("Fla." of "(R-Fla.)", "N.H.", "PA", "Texas"):
    any short form, the postal codes too."""
    return _TAG_STATES.get(_folded(abbreviation))
