"""The words and patterns figures.py reads: number words, scales, months, currencies, vague
amounts and hedges, and the regular expression that finds a figure in a sentence."""

from __future__ import annotations

import math
import re

from reader.corpus.infer import MONTHS as _MONTHS  # the date parser's month names

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "euro": "eur",
    "euros": "eur",
    "pound": "gbp",
    "pounds": "gbp",
    "yen": "jpy",
    "rouble": "rub",
    "roubles": "rub",
    "ruble": "rub",
    "rubles": "rub",
}

_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_SCALE_WORD = "|".join(sorted(_SCALES, key=len, reverse=True))
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_VAGUE_BASE = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
    "trillions": 1_000_000_000_000,
}
_VAGUE_WORD = "|".join(_VAGUE_BASE)
_RATIO_PART = rf"\d+|{_NUMBER_WORD}"
# What follows "3 in 10" when it is no proportion: a span of time or play ("3 in 10 minutes",
# "4 in 12 games": a rate), and a year after "in" ("1540 in 2001": a count dated) unless what
# it is out of follows ("1 in 2000 babies").
_NO_DENOMINATOR_AFTER = (
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|games?|matches|races?|seasons?)\b)"
)
_YEAR_AS_DENOMINATOR = r"(?!(?:19|20)\d\d\b(?!\s+[^\W\d_]+s\b))"

_FIGURE = re.compile(
    rf"""
    (?P<ratio>\b(?P<rnum>{_RATIO_PART})(?:\s+|\s*-\s*)in(?:\s+|\s*-\s*){_YEAR_AS_DENOMINATOR}(?P<rden>{_RATIO_PART})\b
            {_NO_DENOMINATOR_AFTER})
    |(?P<part>\b(?P<when>early|mid|late)[\s-]+(?P<pmonth>{_MONTH_WORD})\b(?:,?\s+(?P<pyear>(?:19|20)\d\d)\b)?)
    |(?P<vague>\b(?:(?P<vmult>tens|hundreds|dozens|scores)\s+of\s+)?(?P<vbase>{_VAGUE_WORD})\b)
    |(?P<date>\b(?:{_MONTH_WORD})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?
            |\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_WORD})\b(?:,?\s+(?:19|20)\d\d\b)?)
    |(?P<money>(?P<cur>US\$|[$€£¥])\s?(?P<mnum>{_DIGITS})(?:\s?(?P<mscale>{_SCALE_WORD}|[mkb])\b)?)
    |(?P<num>(?<![\w.,])(?P<digits>{_DIGITS})(?!\w|,\d|\.\d)
            (?:\s?(?P<pct>%|per\s?cent\b|percent\b))?
            (?:\s(?P<dscale>{_SCALE_WORD})\b)?)
    |(?P<word>\b(?P<words>(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))?)\b
            (?:\s(?P<wscale>{_SCALE_WORD})\b)?
            (?:\s?(?P<wpct>per\s?cent\b|percent\b))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:['’\-][^\W\d_]+)*)")
# Hedges before an amount: "more than 40" is 40 and up, "about 50" is 40 to 60.
_HEDGE_BEFORE = re.compile(
    r"\b(?P<hedge>more\s+than|over|at\s+least|upwards\s+of|nearly|almost|close\s+to|about|around"
    r"|roughly|approximately|some|an\s+estimated|less\s+than|fewer\s+than|under|up\s+to|at\s+most)"
    r"\s+$",
    re.IGNORECASE,
)
_HEDGE_RANGE = {
    "more than": (1.0, math.inf),
    "over": (1.0, math.inf),
    "at least": (1.0, math.inf),
    "upwards of": (1.0, math.inf),
    "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0),
    "close to": (0.85, 1.0),
    "about": (0.8, 1.2),
    "around": (0.8, 1.2),
    "roughly": (0.8, 1.2),
    "approximately": (0.8, 1.2),
    "some": (0.8, 1.2),
    "an estimated": (0.8, 1.2),
    "less than": (0.0, 1.0),
    "fewer than": (0.0, 1.0),
    "under": (0.0, 1.0),
    "up to": (0.0, 1.0),
    "at most": (0.0, 1.0),
}
_PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# Words a counted noun phrase stops at (verbs and the like after "12 people ...").
_NOT_COUNTED = frozenset(
    """said says say told died killed were was are is have has had will would could did do
    does""".split()
)
_PLURAL_NOUNS = frozenset("people children men women police staff personnel".split())

# -- read for the flags only (find_flag_figures): the sentence linker's figures stay as fitted --

# A number told in words with its scales: "one hundred and twenty", "three hundred thousand",
# "a million", "half a million", "a dozen". Tokens only; _spelled_value checks the grammar.
_SPELLED_TOKEN = "|".join(sorted(list(_UNITS) + list(_TENS) + list(_SCALES), key=len, reverse=True))
_SPELLED = re.compile(
    rf"\b(?P<lead>(?:half\s+)?an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?P<words>(?:{_SPELLED_TOKEN})(?:(?:[\s-]+|\s+and\s+)(?:{_SPELLED_TOKEN})\b)*)\b",
    re.IGNORECASE,
)
# Percent written short, as wire copy and British papers do: "3 pct", "4.5pc", "7 PCT"; "pc" in
# lower case only: "the Windows 10 PC" is a computer.
_PERCENT_SHORT = re.compile(rf"(?<![\w.,])(?P<digits>{_DIGITS})\s?(?:(?i:pct)|pc)\b")
# ISO currency codes before or after an amount: "USD 5 million", "5 million EUR".
_CURRENCY_CODES = frozenset(
    "usd eur gbp jpy chf cny rmb inr rub cad aud nzd hkd sgd krw brl mxn zar sek nok dkk try".split()
)
_CODE_WORD = "|".join(sorted(_CURRENCY_CODES))
# Codes that name one currency twice: the renminbi's.
CODE_CURRENCY = {"rmb": "cny"}
# South Asian scales of money and counts: a lakh is a hundred thousand, a crore ten million
# ("Rs 24 lakh", "300 crore rupees", "5 lakh people").
# "Rs 1.5 lakh crore" is 1.5 trillion rupees.
INDIAN_SCALES = {
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "lakh crore": 10**12,
    "lakh crores": 10**12,
}
_FLAG_SCALE_WORD = "|".join(sorted(list(_SCALES) + list(INDIAN_SCALES), key=len, reverse=True))
_CODE_BEFORE = re.compile(
    rf"\b(?P<code>{_CODE_WORD})\s?(?P<mnum>{_DIGITS})(?:\s?(?P<mscale>{_FLAG_SCALE_WORD}|[mkb])\b)?(?![\w.,]\d|\w)",
    re.IGNORECASE,
)
# Currency signs the linker's figures do not read: the dollars of other countries ("A$5
# million", "R$ 300", "NT$": find_figures reads their "$" as US dollars), the rupee's sign and its
# abbreviation ("₹300", "Rs 300", "Rs. 300 crore"), in capitals as written.
PREFIX_CURRENCY = {
    "a$": "aud",
    "c$": "cad",
    "r$": "brl",
    "s$": "sgd",
    "hk$": "hkd",
    "nz$": "nzd",
    "nt$": "twd",
    "₹": "inr",
    "rs": "inr",
}
_PREFIX_MONEY = re.compile(
    rf"(?<![\w$])(?P<cur>(?:HK|NZ|NT|[ACRS])\$|₹|Rs\.?)\s?(?P<mnum>{_DIGITS})"
    rf"(?:\s?(?P<mscale>(?i:{_FLAG_SCALE_WORD})|[mkb])\b)?(?![\w.,]\d|\w)"
)
# A count told with a lakh or a crore: "5 lakh people", "300 crore" (with rupees after it: money).
# In lower case or capitals only when no currency comes before: "In 2005 Lakh won the seat" is a
# year and a name.
_INDIAN_SCALED = re.compile(
    rf"(?<![\w.,$€£¥₹])(?P<digits>{_DIGITS})\s(?P<scale>lakh crores?|lakhs?|crores?|LAKH CRORES?|LAKHS?|CRORES?)\b"
)
# Currency words the flags read besides the linker's (_CURRENCY_WORDS), as normalize_word folds
# them ("rupees" is "rupe"): "300 rupees", "5 million yuan".
FLAG_CURRENCY_WORDS = {"rupe": "inr", "rupee": "inr", "yuan": "cny", "renminbi": "cny"}
# Units of measure written several ways ("3 km" / "3 kilometres" / "3 kilometers"): one name each.
# Never converted: "3 metres" and "10 feet" stay two units, which are not compared.
_UNIT_SPELLINGS = {
    "kilometre": "km kms kilometre kilometres kilometer kilometers",
    "metre": "m metre metres meter meters",
    "centimetre": "cm centimetre centimetres centimeter centimeters",
    "millimetre": "mm millimetre millimetres millimeter millimeters",
    "mile": "mi mile miles",
    "foot": "ft foot feet",
    "kilogram": "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes",
    "gram": "g gram grams gramme grammes",
    "lb": "lb lbs",
    "tonne": "t tonne tonnes",
    "litre": "l litre litres liter liters",
    "mph": "mph",
    "km/h": "kph kmh",
    "hectare": "ha hectare hectares",
    "sq km": "sq km2",
    "hour": "h hr hrs hour hours",
    "minute": "min mins minute minutes",
    "second": "sec secs second seconds",
}
_UNIT_ALIASES = {word: unit for unit, words in _UNIT_SPELLINGS.items() for word in words.split()}
# How a unit reads after "count of" when it is not its name and an "s".
UNIT_PLURALS = {"foot": "feet", "lb": "lb", "mph": "mph", "km/h": "km/h", "sq km": "sq km", "people": "people"}
# Bounds the linker's hedges do not read: "as many as 1.5 million" is 1.5 million at most.
_BOUND_BEFORE = re.compile(
    r"\b(?P<hedge>as\s+(?:many|much|high|great|large)\s+as|no\s+more\s+than|a\s+maximum\s+of"
    r"|as\s+(?:few|little|low)\s+as|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of)\s+$",
    re.IGNORECASE,
)
_BOUND_RANGE = {
    "as many as": (0.0, 1.0),
    "as much as": (0.0, 1.0),
    "as high as": (0.0, 1.0),
    "as great as": (0.0, 1.0),
    "as large as": (0.0, 1.0),
    "no more than": (0.0, 1.0),
    "a maximum of": (0.0, 1.0),
    "as few as": (1.0, math.inf),
    "as little as": (1.0, math.inf),
    "as low as": (1.0, math.inf),
    "no fewer than": (1.0, math.inf),
    "no less than": (1.0, math.inf),
    "a minimum of": (1.0, math.inf),
}
# The years of a term or a period: "served from 1967 to 1979", "between 2007 and 2014".
_YEAR_TERM = re.compile(
    r"\b(?:from|between)\s+(?P<first>(?:19|20)\d\d)\s+(?:through|thru|to|until|till|and)\s+(?P<last>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A share told as a fraction: "two-thirds of voters", "a quarter of the budget", "half of them".
_FRACTION_PARTS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}
_FRACTION = re.compile(
    r"\b(?:(?P<num>an?|one|two|three|four)[\s-]+(?P<den>half|thirds?|quarters?|fifths?)|(?P<half>half))\s+of\b"
    r"(?!\s+(?:an?|one)\b)",  # "a third of a centime", "half of an hour": a part of one thing, no share
    re.IGNORECASE,
)
# A fraction of one amount told in words: "a third of a million", "two-thirds of a billion".
_FRACTION_OF_BEFORE = re.compile(
    r"\b(?P<num>an?|one|two|three|four)[\s-]+(?P<den>half|thirds?|quarters?|fifths?)\s+of\s+$",
    re.IGNORECASE,
)
