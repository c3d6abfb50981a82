"""Where the graph's places are: a point and a country on each place node GeoNames knows.

The extraction records already name a place's GeoNames IRI (``Entity.same_as``, read off
kg's offline gazetteer); assembly turns it into node attributes every export can use:

- ``lat``, ``lon``: the place's point in degrees (a city's own, a country's capital's,
  see :class:`kg.extraction.gazetteer.Location`);
- ``country``: the ISO 3166-1 alpha-2 code of the country the place is, or is in.

A place without a GeoNames IRI (a building, a region kg has no id for) gets neither: no
point is guessed from its name.
"""
from __future__ import annotations

import re

import networkx as nx

__all__ = ["geonames_id", "locate_places", "place_point"]

_GEONAMES_IRI = re.compile(r"https?://sws\.geonames\.org/(\d+)/?")
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def geonames_id(iris: list[str] | tuple[str, ...]) -> int | None:
    """The GeoNames id among an entity's ``same_as`` IRIs, if there is one.

    Examples
    --------
    >>> geonames_id(["https://sws.geonames.org/184745/"])
    184745
    >>> geonames_id(["http://www.wikidata.org/entity/Q3870"]) is None
    True
    """
    for iri in iris:
        match = _GEONAMES_IRI.fullmatch(str(iri))
        if match:
            return int(match.group(1))
    return None


def locate_places(G: nx.MultiDiGraph) -> None:
    """Set ``lat``, ``lon`` and ``country`` on the place nodes of ``G`` that GeoNames knows.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gpe:nairobi", kind="entity", type="GPE", same_as=["https://sws.geonames.org/184745/"])
    >>> G.add_node("fac:hall", kind="entity", type="FAC", same_as=[])
    >>> locate_places(G)
    >>> G.nodes["gpe:nairobi"]["country"], round(G.nodes["gpe:nairobi"]["lat"], 2)
    ('KE', -1.28)
    >>> "lat" in G.nodes["fac:hall"]
    False
    """
    for node, data in G.nodes(data=True):
        data.update(place_point(data))


def place_point(node: dict) -> dict[str, float | str]:
    """``lat``, ``lon`` and ``country`` of one entity node's attributes, when GeoNames knows
    the place (nothing otherwise): what :func:`locate_places` sets, for assembly that adds
    nodes one by one (:func:`kg.graph.assemble.assemble_into`).

    Examples
    --------
    >>> place_point({"kind": "entity", "type": "GPE", "same_as": ["https://sws.geonames.org/184745/"]})["country"]
    'KE'
    >>> place_point({"kind": "entity", "type": "PERSON", "same_as": []})
    {}
    """
    if node.get("kind") != "entity" or node.get("type") not in PLACE_TYPES:
        return {}
    gid = geonames_id(node.get("same_as") or ())
    if gid is None:
        return {}
    # the gazetteer's tables load only for graphs that have places
    from kg.extraction.gazetteer import locate

    here = locate(gid)
    point: dict[str, float | str] = {}
    if here is None:
        return point
    if here.latitude is not None and here.longitude is not None:
        point["lat"], point["lon"] = here.latitude, here.longitude
    if here.country_code:
        point["country"] = here.country_code
    return point
