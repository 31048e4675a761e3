"""article-convert: accessible plain-text, EPUB 3 and spoken editions of a news article."""

__version__ = "0.1.0"
