"""Tell English text from other languages, cheaply and offline.

kg's rules and model read English only, so a document in another language is skipped
rather than parsed into nonsense. Two signals, no model and no new dependency:

* **script**: when most letters are not Latin (Cyrillic, Arabic, CJK...), the text is not
  English, however short;
* **function words**: of the words English prose writes in lower case, over a third are
  articles, prepositions, pronouns and auxiliaries ("the", "of", "was"...). Latin-script
  text in which fewer than ``MIN_ENGLISH_SHARE`` of the lower-case words are such words
  is French, Spanish, German, Turkish... Capitalised words are left out because names say
  nothing about the language of the sentence around them, and a text with fewer than
  ``MIN_WORDS`` different lower-case words is too short (or too repetitive) to judge and
  passes.

Only the first ``SAMPLE_CHARS`` characters are read, so the check costs the same for any
document size.

Examples
--------
>>> not_english_reason("Lavrov met Karzai in Kabul on Tuesday to discuss the security of the border.")
>>> not_english_reason("Сергей Лавров встретился с Хамидом Карзаем в Кабуле.")
'Cyrillic script'
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["ENGLISH_FUNCTION_WORDS", "MIN_ENGLISH_SHARE", "MIN_WORDS", "SAMPLE_CHARS", "not_english_reason"]

# The commonest English function words. Words that are also frequent function words in
# other Latin-script languages are left out, so they cannot lift a foreign text over the
# bar: "a" (Spanish, Portuguese, Italian), "die" (German), "en" / "de" (French, Dutch).
ENGLISH_FUNCTION_WORDS = frozenset("""
the of and to in is was that for on with as by at from his her it its he she they their
them has have had be been were are an which who whom not this these those but will would
after about also more than there or we our us can could should said says into over
against between during before while when what where whose did does do
""".split())

MIN_WORDS = 20  # fewer different lower-case words than this: too short to judge
MIN_ENGLISH_SHARE = 0.15  # English news runs 0.40-0.50; French, German, Spanish under 0.10
MIN_LETTERS = 10  # fewer letters than this: too short to judge by script
SAMPLE_CHARS = 100_000

_WORD = re.compile(r"[^\W\d_]+")


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is not English (``"Cyrillic script"``, ``"0 of 50 lower-case words..."``), or None.

    Parameters
    ----------
    text
        The document body.

    Returns
    -------
    str or None
        A short reason to put in a message, or None when the text reads as English or
        is too short to tell.

    Examples
    --------
    >>> not_english_reason("Le ministre des Affaires étrangères a rencontré mardi son homologue "
    ...                    "allemand à Paris pour discuter de la sécurité énergétique et des "
    ...                    "sanctions avec les partenaires européens.")
    '0 of 23 lower-case words are English function words; expected at least 15%'
    >>> not_english_reason("Ministre à Paris.") is None  # too short to tell
    True
    """
    sample = text[:SAMPLE_CHARS]
    script = _main_script(sample)
    if script is not None:
        return f"{script if script == 'CJK' else script.title()} script"
    words = [word for word in _WORD.findall(sample) if word[0].islower()]
    if len(set(words)) < MIN_WORDS:
        return None
    english = sum(word in ENGLISH_FUNCTION_WORDS for word in words)
    if english / len(words) >= MIN_ENGLISH_SHARE:
        return None
    return (f"{english} of {len(words)} lower-case words are English function words; "
            f"expected at least {MIN_ENGLISH_SHARE:.0%}")


def _main_script(text: str) -> str | None:
    """The commonest non-Latin script when most letters are not Latin, else None."""
    scripts: Counter[str] = Counter()
    latin = 0
    for char in text:
        if not char.isalpha():
            continue
        if char.isascii():
            latin += 1
            continue
        # the first word of a letter's Unicode name is its script: "CYRILLIC SMALL LETTER A"
        script = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
        if script == "LATIN":
            latin += 1
        else:
            scripts[script] += 1
    other = sum(scripts.values())
    if latin + other < MIN_LETTERS or other <= latin:
        return None
    return scripts.most_common(1)[0][0]
