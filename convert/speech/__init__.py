"""Text rewritten for listening; the text edition never goes through here."""

from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable
from convert.speech.script import Sentence, script

__all__ = ["Lexicon", "Sentence", "script", "speakable"]
