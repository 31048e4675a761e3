"""Sentences and how the voice should be given them."""

import datetime as dt

import pytest

from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable
from convert.speech.numerals import decade_words, ordinal, spoken_date, spoken_duration, year_words


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


CASES = [
    # titles and ranks
    ("for Maj. Gen. Qassim Suleimani, according to", "for Major General Qassim Suleimani, according to"),
    ("Lt. Col. Ann Smith and Sgt. Bo Lee", "Lieutenant Colonel Ann Smith and Sergeant Bo Lee"),
    ("Gen. Smith spoke.", "General Smith spoke."),
    ("Mr. Vahidi, Mrs. Dale and Ms. Ruiz", "Mister Vahidi, Missus Dale and Miz Ruiz"),
    ("Sen. Warren, Rep. Ocasio-Cortez, Gov. Hochul, Prof. Lin", "Senator Warren, Representative Ocasio-Cortez, Governor Hochul, Professor Lin"),
    ("Mrs. A. Jones", "Missus A Jones"),
    ("Mr Smith and Dr Patel", "Mister Smith and Doctor Patel"),
    ("Martin Luther King Jr. spoke", "Martin Luther King Junior spoke"),
    ("Dr. Patel said", "Doctor Patel said"),
    # St. and Dr. by context
    ("flights to St. Louis", "flights to Saint Louis"),
    ("a shop on Main St. in town", "a shop on Main Street in town"),
    ("a shop on Main St.", "a shop on Main Street."),
    ("a shop on Main St. The owner left.", "a shop on Main Street. The owner left."),
    ("at 40 Sunset Dr. near the park", "at 40 Sunset Drive near the park"),
    # other abbreviations, keeping a dot that ends the sentence
    ("apples, pears, etc. The rest", "apples, pears, et cetera. The rest"),
    ("Iran vs. Iraq", "Iran versus Iraq"),
    ("No. 1 and #2", "number 1 and number 2"),
    # dotted letters and middle initials: no false full stop
    ("a U.S.-led coalition", "a U.S.-led coalition"),
    ("the U.S. President spoke", "the U.S President spoke"),
    ("troops left the U.S. The war went on.", "troops left the U.S. The war went on."),
    ("the U.N. and the U.K. agreed", "the U.N and the U.K agreed"),
    ("Colin P. Clarke, an analyst", "Colin P Clarke, an analyst"),
    ("Julian E. Barnes and David E. Sanger", "Julian E Barnes and David E Sanger"),
    # acronyms from the lexicon, as letters or as words
    ("ISIS claimed it", "Isis claimed it"),
    ("IRNA reported", "Irna reported"),
    ("the FBI and the CIA", "the F.B.I and the C.I.A"),
    ("NATO allies", "Nato allies"),
    ("ISIS-K has struck", "Isis K has struck"),
    ("ISIS-K’s agenda", "Isis K's agenda"),
    ("the IRGC said", "the I.R.G.C said"),
    ("a NATO-led force", "a Nato-led force"),
    # dates and years
    ("Jan. 5, 2024", "January 5th, twenty twenty-four"),
    ("on Sept. 11, 2001, planes", "on September 11th, two thousand one, planes"),
    ("by Dec. 22 or Feb. 1", "by December 22nd or February 1st"),
    ("on March 3", "on March 3rd"),
    ("in October 2022, when", "in October twenty twenty-two, when"),
    ("on 5 January 2024", "on the 5th of January, twenty twenty-four"),
    ("2024-01-05", "January 5th, twenty twenty-four"),
    ("the 2022 statement", "the twenty twenty-two statement"),
    ("in 1990, 1905, 1900 and 2009", "in nineteen ninety, nineteen oh five, nineteen hundred and two thousand nine"),
    # times and durations
    ("at 3:04 p.m. Wednesday", "at 3 oh 4 PM Wednesday"),
    ("at 3:30 p.m. on Monday", "at 3 30 PM on Monday"),
    ("by 10 a.m. Then", "by 10 AM. Then"),
    ("from 9am to 5 pm", "from 9 AM to 5 PM"),
    ("at 12:00 p.m. sharp", "at 12 PM sharp"),
    ("the train at 10:00 left", "the train at 10 o'clock left"),
    ("a 0:30 clip", "a 30 seconds clip"),
    ("ran 2:05:30 in all", "ran 2 hours, 5 minutes and 30 seconds in all"),
    ("13 minutes later", "13 minutes later"),
    ("5 min. later and 1 hr", "5 minutes later and 1 hour"),
    ("2 hrs and 30 secs", "2 hours and 30 seconds"),
    # numbers, percentages, money
    ("1,180 people", "1180 people"),
    ("1,000,000 votes", "1000000 votes"),
    ("12% of voters", "12 percent of voters"),
    ("12 percent of voters", "12 percent of voters"),
    ("a 3.5 % rise", "a 3.5 percent rise"),
    ("$4.5 million in aid", "4.5 million dollars in aid"),
    ("$3bn and $20k", "3 billion dollars and 20 thousand dollars"),
    ("£20 a ticket", "20 pounds a ticket"),
    ("€3 each", "3 euros each"),
    ("$1 and $4.50 and $0.25", "1 dollar and 4 dollars 50 cents and 25 cents"),
    ("$1,500 fine", "1500 dollars fine"),
    # ranges and decades
    ("the 2019-20 season", "the twenty nineteen to twenty twenty season"),
    ("the 1999-2000 budget", "the nineteen ninety-nine to two thousand budget"),
    ("10–12 people", "10 to 12 people"),
    ("pages 10 – 12", "pages 10 to 12"),
    ("won 3-2", "won 3 to 2"),
    ("in the 1990s", "in the nineteen nineties"),
    ("in the 2000s", "in the two thousands"),
    ("music of the ’80s", "music of the eighties"),
    ("in her 40s", "in her forties"),
    # dashes, ellipses, brackets and quotes become pauses or nothing
    ("the war in Gaza — in which Israel is battling Hamas — would widen",
     "the war in Gaza, in which Israel is battling Hamas, would widen"),
    ("Gaza—in which", "Gaza, in which"),
    ("Agence France-Presse – Getty Images", "Agence France-Presse, Getty Images"),
    ("an Iranian-led and -funded alliance", "an Iranian-led and funded alliance"),
    ("wait… then go", "wait, then go"),
    ("He paused... Then he left", "He paused. Then he left"),
    ("the group (founded in 2014) said", "the group, founded in twenty fourteen, said"),
    ("called it a “dual martyrdom operation,” and", "called it a dual martyrdom operation, and"),
    ('as "rejectionists" or', "as rejectionists or"),
    ("the group’s method and Iran's leaders", "the group's method and Iran's leaders"),
    ("the ‘martyr’ label", "the martyr label"),
    ("said [the group] would", "said the group would"),
    # URLs, links and markup never read
    ("see https://www.nytimes.com/2024/01/04/world/x.html?te=1&emc=edit\\_ufn for more",
     "see for more"),
    ("[https://example.com/a\\_b](https://example.com/a_b)", ""),
    ("read [the report](https://example.com/r) now", "read the report now"),
    ("visit www.example.com.", "visit."),
    ("*bold* and _italic_ and **strong**", "bold and italic and strong"),
    ("## Blasts Kill Dozens", "Blasts Kill Dozens"),
    ("edit\\_ufn and a\\*b", "edit ufn and a b"),
    ("Tajalli/ISNA, via AFP", "Tajalli Isna, via A.F.P"),
    ("Tom & Jerry", "Tom and Jerry"),
    ("<b>bold</b> text", "bold text"),
    ("", ""),
]


@pytest.mark.parametrize("written, spoken", CASES, ids=[c[0][:40] for c in CASES])
def test_speakable(lexicon, written, spoken):
    assert speakable(written, lexicon) == spoken


def test_text_without_anything_to_rewrite_is_unchanged(lexicon):
    text = "Iran held a national day of mourning on Thursday."
    assert speakable(text, lexicon) == text


def test_empty_lexicon_leaves_acronyms_to_the_voice():
    assert speakable("ISIS and FBI", Lexicon({})) == "ISIS and FBI"


@pytest.mark.parametrize("year, words", [
    (1066, "ten sixty-six"), (1900, "nineteen hundred"), (1905, "nineteen oh five"),
    (1999, "nineteen ninety-nine"), (2000, "two thousand"), (2007, "two thousand seven"),
    (2010, "twenty ten"), (2024, "twenty twenty-four"),
])
def test_year_words(year, words):
    assert year_words(year) == words


@pytest.mark.parametrize("year, words", [
    (1990, "nineteen nineties"), (1900, "nineteen hundreds"), (2000, "two thousands"),
    (2010, "twenty tens"), (1920, "nineteen twenties"),
])
def test_decade_words(year, words):
    assert decade_words(year) == words


@pytest.mark.parametrize("n, written", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                         (11, "11th"), (12, "12th"), (13, "13th"),
                                         (21, "21st"), (22, "22nd"), (31, "31st"), (111, "111th")])
def test_ordinal(n, written):
    assert ordinal(n) == written


def test_spoken_date():
    assert spoken_date(dt.date(2024, 1, 5)) == "January 5th, twenty twenty-four"


@pytest.mark.parametrize("seconds, words", [
    (0, "0 seconds"), (1, "1 second"), (30, "30 seconds"), (60, "1 minute"),
    (90, "1 minute and 30 seconds"), (3725, "1 hour, 2 minutes and 5 seconds"),
])
def test_spoken_duration(seconds, words):
    assert spoken_duration(seconds) == words
