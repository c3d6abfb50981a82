"""kg.collector: the collector's threshold raised for bulk work, and put back after."""
import gc

import pytest

from kg.collector import YOUNG_COLLECTION_THRESHOLD, fewer_young_collections


def test_threshold_is_raised_inside_and_restored_after():
    before = gc.get_threshold()
    with fewer_young_collections():
        assert gc.get_threshold()[0] == max(before[0], YOUNG_COLLECTION_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before


def test_threshold_is_restored_after_an_error_and_a_higher_one_is_kept():
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD * 2, *before[1:])
    try:
        with pytest.raises(RuntimeError), fewer_young_collections():
            assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD * 2  # not lowered
            raise RuntimeError("stop")
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD * 2
    finally:
        gc.set_threshold(*before)
