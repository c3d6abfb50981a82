"""kg.frames: entities, events and affiliations as pandas DataFrames, dates of every precision read."""
from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

import kg
from kg.errors import KGError
from kg.export.frames import AFFILIATION_COLUMNS, ENTITY_COLUMNS, EVENT_COLUMNS, frames
from kg.export.graph_files import node_link_bytes

from test_rdf import sample_graph


@pytest.fixture(scope="module")
def tables():
    return frames(sample_graph())


def test_frames_dates_of_mixed_precision_are_one_datetime_column(tables):
    events = tables.events.set_index("id")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert events.loc["d1:m1", ["date_text", "precision"]].tolist() == ["2009-11-03", "day"]
    assert events.loc["d1:s2", ["date_text", "precision"]].tolist() == ["2009-11", "month"]
    assert events.loc["d2:m1", ["date_text", "precision"]].tolist() == ["2009", "year"]
    assert events.loc["d1:s2", "date"] == pd.Timestamp("2009-11-01")
    assert events.loc["d2:m1", "date"] == pd.Timestamp("2009-01-01")
    assert pd.isna(events.loc["d2:s1", "date"]) and pd.isna(events.loc["d2:s1", "precision"])
    assert events.groupby(events["date"].dt.year).size().to_dict() == {2009: 4}
    assert events.loc["d2:s1", "published"] == pd.Timestamp("2009-11-01")  # the article's "2009-11"
    assert pd.api.types.is_datetime64_any_dtype(events["published"])


def test_frames_events_name_their_actors_by_name_and_id(tables):
    events = tables.events.set_index("id")
    meeting = events.loc["d1:m1"]
    assert meeting["participants"] == ["Hamid Karzai", "Sergei Lavrov"]
    assert meeting["participant_ids"] == ["p:karzai", "p:lavrov"]
    assert (meeting["place"], meeting["place_id"]) == ("Kabul", "g:kabul")
    statement = events.loc["d1:s1"]
    assert (statement["speaker"], statement["speaker_id"], statement["subtype"]) == ("Hamid Karzai", "p:karzai",
                                                                                    "demand")
    assert statement["quote"] == "an immediate end to night raids" and statement["doc_id"] == "d1"


def test_frames_entities_and_affiliations(tables):
    entities = tables.entities.set_index("id")
    assert entities.loc["p:lavrov", "name"] == "Sergei Lavrov"
    assert entities.loc["p:lavrov", "aliases"] == ["Lavrov", "S. Lavrov"]
    posts = tables.affiliations.set_index("person")
    assert posts.loc["Nawaz Sharif", ["organization", "title"]].tolist() == ["Pakistan", "Prime Minister"]
    assert posts["current"].dtype == "boolean" and not posts.loc["Nawaz Sharif", "current"]
    assert tables.affiliations.merge(tables.entities, left_on="person_id", right_on="id")["name"].tolist() \
        == tables.affiliations["person"].tolist()


def test_frames_columns_are_fixed_even_for_an_empty_graph():
    empty = frames(nx.MultiDiGraph(documents={}))
    assert tuple(empty.entities.columns) == ENTITY_COLUMNS and empty.entities.empty
    assert tuple(empty.events.columns) == EVENT_COLUMNS and tuple(empty.affiliations.columns) == AFFILIATION_COLUMNS


def test_frames_from_graph_json_read_back_equals_frames_from_the_graph(tables):
    G = nx.node_link_graph(json.loads(node_link_bytes(sample_graph())))
    again = frames(G)
    for name in ("entities", "events", "affiliations"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(tables, name))


def test_frames_from_a_result_and_through_kg(tables):
    class Result:  # anything with a graph, as kg.run.BuildResult
        graph = sample_graph()

    entities, events, affiliations = kg.frames(Result())
    pd.testing.assert_frame_equal(events, tables.events)
    with pytest.raises(KGError, match="expected a build result or kg's event graph, got list"):
        kg.frames([])
