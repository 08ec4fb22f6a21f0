"""Query words and their stems, shared by the SQLite and PostgreSQL search backends."""

import re

import snowballstemmer

STEMMERS = [snowballstemmer.stemmer(name) for name in ("norwegian", "danish", "english")]
WORD = re.compile(r"\w+")
MIN_STEM = 4


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def forms(word: str) -> list[str]:
    """The word and its stems in the three languages, shortest last, without repeats."""
    found = [word]
    for stemmer in STEMMERS:
        stem = stemmer.stemWord(word)
        if len(stem) >= MIN_STEM and stem not in found:
            found.append(stem)
    # A prefix already covered by a shorter one adds nothing.
    return [f for f in found if not any(o != f and f.startswith(o) for o in found)]
