"""The word lists behind the speech rules, kept as data."""

from __future__ import annotations

# Titles and ranks: always followed by a name, so their dot never ends a sentence.
TITLES = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz",
    "Gen.": "General", "Maj.": "Major", "Lt.": "Lieutenant", "Col.": "Colonel",
    "Sgt.": "Sergeant", "Capt.": "Captain", "Cmdr.": "Commander",
    "Adm.": "Admiral", "Cpl.": "Corporal", "Pvt.": "Private",
    "Sen.": "Senator", "Rep.": "Representative", "Gov.": "Governor",
    "Prof.": "Professor", "Rev.": "Reverend", "Atty.": "Attorney",
    "Supt.": "Superintendent", "Amb.": "Ambassador",
}

# Other abbreviations a person expands when reading aloud.  A dot that also
# ends the sentence is kept (see SENTENCE_STARTERS).
ABBREVIATIONS = {
    # after a name or a street
    "Jr.": "Junior", "Sr.": "Senior", "Ave.": "Avenue", "Blvd.": "Boulevard",
    "Rd.": "Road", "Mt.": "Mount", "Ft.": "Fort",
    "Inc.": "Incorporated", "Corp.": "Corporation", "Ltd.": "Limited",
    "Dept.": "Department", "Univ.": "University",
    # in running text
    "vs.": "versus", "etc.": "et cetera", "e.g.": "for example", "i.e.": "that is",
    "approx.": "approximately",
    # months; May, June and July are never shortened
    "Jan.": "January", "Feb.": "February", "Mar.": "March", "Apr.": "April",
    "Aug.": "August", "Sep.": "September", "Sept.": "September",
    "Oct.": "October", "Nov.": "November", "Dec.": "December",
}

# Written the same before a name and after one: (before a name, otherwise).
# "St. Louis" is Saint Louis; "Main St." is Main Street.
BY_CONTEXT = {
    "St.": ("Saint", "Street"),
    "Dr.": ("Doctor", "Drive"),
}

# British style drops the dot; expanded only before a capitalised name.
UNDOTTED_TITLES = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "St": "Saint"}

# Words that usually open a sentence.  An abbreviation's dot followed by one
# of these also ends the sentence ("in the U.S. The group ..."); followed by
# anything else it does not ("the U.S. President"), and is dropped, because
# espeak-ng pauses as for a full stop on any dot before a capital.
SENTENCE_STARTERS = frozenset("""
    A An The It Its He She They We I You This That These Those There Then
    But And Or So Yet In On At As After Before When While If Although Though
    Since His Her Their Our My Some Many Most Another Other Such
""".split())

# Currency symbols: (singular, plural, name of the hundredth part).
CURRENCIES = {
    "$": ("dollar", "dollars", "cents"),
    "£": ("pound", "pounds", "pence"),
    "€": ("euro", "euros", "cents"),
    "¥": ("yen", "yen", ""),
}

# Short scale words after an amount: "$4.5bn", "$3m", "$20k".
SCALES = {
    "thousand": "thousand", "million": "million", "billion": "billion",
    "trillion": "trillion", "k": "thousand", "m": "million", "mn": "million",
    "b": "billion", "bn": "billion", "tn": "trillion",
}

# Unit abbreviations after a number: (singular, plural).
UNITS = {
    "sec": ("second", "seconds"), "secs": ("second", "seconds"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "km": ("kilometer", "kilometers"), "kg": ("kilogram", "kilograms"),
    "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "mph": ("miles per hour", "miles per hour"),
}
