"""The states of the United States as news writes them, in full and short: read by the
headline comparison (reader.analysis.headline) and by the speaker resolver ("the Florida
senator" is the one titled "Florida Sen." or "Sen. ... (R-Fla.)")."""

from __future__ import annotations

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


def state_named(words: str) -> str | None:
    """The state (its name in lower case) that `words` write in full or as AP abbreviates it
    ("Florida", "New York", "Fla.", "Calif"); None for anything else. A two-letter postal code
    is not read ("IN", "ME" are words too)."""
    return _STATE_NAMES.get(" ".join(words.replace(".", "").lower().split()))
