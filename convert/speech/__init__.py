"""Text rewritten for listening; the text edition never goes through here."""

from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable
from convert.speech.script import Segment, describe, script

__all__ = ["Lexicon", "Segment", "describe", "script", "speakable"]
