"""The table of move words (reader/analysis/move_words.py, session 64): the sets the figure rules
read are derived from it and must equal the hand lists they replaced, so folding them into one
table moved no flag."""

from __future__ import annotations

import re

from reader.analysis.figures import _MOVE_BEFORE, _OTHER_THING_NEXT, _TRADED_BEFORE_CITY
from reader.analysis.move_words import FALL_STEMS, MOVE_VERB_FORMS, RISE_STEMS

# The hand lists of main before session 64
_OLD_FALL = (
    "fell fall dropp drop lost lose lower down decreas declin slipp slip slid slide eas shed tumbl plung sank sink "
)
_OLD_FALL += "dipp dip weaker off"
_OLD_RISE = "rose rise risen gain climb jump add advanc ralli soar surg increas higher up firmer"
_OLD_VERBS = """rise rises rising rose risen fall falls falling fell fallen gain gains lose loses losing lost drop drops
    climb climbs jump jumps slip slips slide slides slid add adds shed sheds ease eases rally rallies tumble
    tumbles plunge plunges soar soars decline declines advance advances sink sinks sank sunk increase increases
    decrease decreases grow grows grew grown surge surges dip dips edge edges reach reaches hit hits top tops
    stand stands stood standing was were is are be been being had has have"""
_OLD_BEFORE_CITY = """shares share stock stocks trading traded trades listed quoted closed ended finished opened rose fell
    gained lost dropped slipped climbed jumped added shed eased rallied tumbled plunged soared declined
    advanced slid sank down up higher lower percent cents cent pence euros euro dollars yen francs points"""
_OLD_OTHER_THING_VERBS = """closed ended finished rose fell gained lost dropped slipped climbed jumped traded added shed
    eased rallied tumbled plunged soared declined advanced slid sank were was stood is are"""
_OLD_MOVE_BEFORE = re.compile(
    r"\b(?:up|down|off|rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|gain(?:s|ed|ing)?|los(?:t|es|ing)|"
    r"shed(?:s|ding)?|drop(?:s|ped|ping)|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|"
    r"jump(?:s|ed|ing)?|climb(?:s|ed|ing)?|slip(?:s|ped|ping)?|sl(?:id|ides|iding)|add(?:s|ed|ing)|eas(?:ed|ing)|"
    r"dip(?:s|ped|ping)?|plung(?:e|es|ed|ing)|soar(?:s|ed|ing)?|tumbl(?:e|es|ed|ing)|advanc(?:e|es|ed|ing)|"
    r"retreat(?:s|ed|ing)?|s[au]nk|surg(?:e|es|ed|ing)|rall(?:y|ies|ied|ying)|edg(?:e|es|ed|ing)\s+(?:up|down|higher|lower))"
    r"\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than)\s+)?$",
    re.IGNORECASE,
)


def test_the_derived_word_sets_equal_the_lists_they_replaced() -> None:
    assert FALL_STEMS == frozenset(_OLD_FALL.split())
    assert RISE_STEMS == frozenset(_OLD_RISE.split())
    assert MOVE_VERB_FORMS == frozenset(_OLD_VERBS.split())
    assert _TRADED_BEFORE_CITY == frozenset(_OLD_BEFORE_CITY.split())


def test_the_derived_patterns_read_as_the_old_ones() -> None:
    # every form of every move verb, and some words no move is told with
    forms = {w for stem in _OLD_VERBS.split() for w in (stem, stem + "s", stem + "ed", stem + "ing", stem + "d")}
    forms |= set(_OLD_BEFORE_CITY.split()) | {"edge up", "edged lower", "edging higher", "edges", "drop", "slide"}
    forms |= {"retreated", "dipped", "dipping", "shedding", "slipping", "dropping", "sliding", "rallying", "sunk"}
    for word in sorted(forms):
        for told in (f"{word} ", f"{word} about ", f"{word} more than "):
            assert bool(_MOVE_BEFORE.search(told)) == bool(_OLD_MOVE_BEFORE.search(told)), told
    for verb in _OLD_OTHER_THING_VERBS.split() + ["opened", "rallied", "grew", "hit"]:
        told = f"Acme rose 2 percent, while {verb} "
        old = re.search(rf",?\s(?:while)\s+(?!\d|(?:{'|'.join(_OLD_OTHER_THING_VERBS.split())})\b)", told)
        assert bool(_OTHER_THING_NEXT.search(told)) == bool(old), verb
