"""Stable identifiers."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kg.ids import entity_id, normalise_name, slugify


def test_ids_spacing_and_case_fold_to_one_id():
    assert entity_id("PERSON", "Hamid  Karzai") == entity_id("PERSON", "hamid karzai")


def test_ids_type_separates_same_name():
    assert entity_id("PERSON", "Georgia") != entity_id("GPE", "Georgia")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_ids_slug_is_short_ascii_and_deterministic(name):
    slug = slugify(name)
    assert slug == slugify(name)
    assert len(slug) <= 60
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    if normalise_name(name) != normalise_name(name + " x"):
        assert slugify(name) != slugify(name + " x") or not name.strip()
