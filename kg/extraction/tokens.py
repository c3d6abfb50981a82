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

# (doc, its length, its text, its tokens or None): replaced whole, never changed in place,
# so a thread reading it sees one Doc's values
_held: tuple[Doc | None, int, str, tuple[Token, ...] | None] = (None, 0, "", None)


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    held = _held
    if held[0] is doc and held[1] == len(doc):
        return held[2]
    return _hold(doc, None)[2]


def tokens_of(doc: Doc) -> tuple[Token, ...]:
    """``tuple(doc)``: the Doc's tokens, made once per Doc."""
    held = _held
    if held[0] is doc and held[1] == len(doc) and held[3] is not None:
        return held[3]
    return _hold(doc, tuple(doc))[3]


def _hold(doc: Doc, tokens: tuple[Token, ...] | None) -> tuple:
    global _held
    held = _held
    if held[0] is doc and held[1] == len(doc):
        held = (doc, held[1], held[2], tokens if tokens is not None else held[3])
    else:
        text = "".join(t.text_with_ws for t in tokens) if tokens is not None else doc.text
        held = (doc, len(doc), text, tokens)
    _held = held
    return held
