"""What kg's rules read of a Doc again and again, made once per Doc.

``Doc.text`` joins the text of every token on each call, and ``for token in doc`` makes a
new :class:`~spacy.tokens.Token` object per token on each pass: together they were a
third of kg's own time per document (measured with ``benchmarks/bench_rules.py``). The
rules ask for the text and walk the tokens many times per document, so the text and the
token objects of the Doc being read are kept here, for one Doc at a time (the last one
asked about; a Doc of another length, as after retokenising, is read afresh).

Examples
--------
>>> from spacy.vocab import Vocab
>>> doc = Doc(Vocab(), words=["Talks", "resumed", "."], spaces=[True, False, False])
>>> text_of(doc), [t.text for t in tokens_of(doc)]
('Talks resumed.', ['Talks', 'resumed', '.'])
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["text_of", "tokens_of"]

# (doc, its length, its text, its tokens): replaced whole, never changed in place, so a
# thread reading it sees one Doc's values
_held: tuple[Doc | None, int, str, tuple[Token, ...]] = (None, 0, "", ())


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    held = _held
    if held[0] is doc and held[1] == len(doc):
        return held[2]
    return _hold(doc)[2]


def tokens_of(doc: Doc) -> tuple[Token, ...]:
    """``tuple(doc)``: the Doc's tokens, made once per Doc."""
    held = _held
    if held[0] is doc and held[1] == len(doc):
        return held[3]
    return _hold(doc)[3]


def _hold(doc: Doc) -> tuple:
    """The text joined from the tokens (``doc.text`` would make them all again)."""
    global _held
    tokens = tuple(doc)
    _held = (doc, len(tokens), "".join(t.text_with_ws for t in tokens), tokens)
    return _held
