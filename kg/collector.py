"""Python's cyclic garbage collector, tuned for kg's bulk work."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["YOUNG_COLLECTION_THRESHOLD", "fewer_young_collections"]


YOUNG_COLLECTION_THRESHOLD = 5_000
"""Allocations between collections of Python's youngest generation while documents are
read and exports written. kg's rules make many short-lived objects (tokens, spans,
readings): at the default 700 the collector ran about three times a document, and its
time in ``kg build -j 1`` of 300 generated articles (``gc.callbacks``) was 0.68 s CPU;
at 5,000 it is about 0.3 s, most of it at import. Much larger values make each pass
longer again. Reference counting still frees the short-lived objects at once."""


@contextmanager
def fewer_young_collections() -> Iterator[None]:
    """Collect the youngest generation less often, and restore the threshold after."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_COLLECTION_THRESHOLD), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)
