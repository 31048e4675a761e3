"""One parser per input kind, each with a single entry function ``parse(text, origin) -> Article``."""
