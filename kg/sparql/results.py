"""What a SPARQL query gives back: rows (SELECT), a yes or no (ASK), or triples (CONSTRUCT, DESCRIBE).

Every engine (rdflib, Oxigraph, a store over the SPARQL protocol) gives the same
:class:`QueryResult` for the same data, values as strings; each value's datatype is kept
beside it so that JSON output can give booleans and numbers as JSON does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["QueryResult", "json_value", "sorted_ntriples"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                        "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                        "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"))
_DECIMALS = frozenset(XSD + t for t in ("decimal", "double", "float"))


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query.

    A SELECT fills ``columns`` and ``rows`` (every value a string, '' where unbound) and
    ``datatypes`` (the datatype IRI of each literal, '' for IRIs, blank nodes, plain
    strings and unbound values); an ASK sets ``boolean``; a CONSTRUCT or DESCRIBE sets
    ``triples``, the graph as N-Triples, one sorted line per triple.
    """

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    datatypes: tuple[tuple[str, ...], ...] = ()
    boolean: bool | None = None
    triples: str | None = None

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK`` or ``CONSTRUCT`` (for a DESCRIBE too: both give a graph)."""
        if self.boolean is not None:
            return "ASK"
        return "CONSTRUCT" if self.triples is not None else "SELECT"

    def __len__(self) -> int:
        if self.triples is not None:
            return self.triples.count("\n")
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, str]]:
        """One dict per row, keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def as_values(self) -> list[dict[str, Any]]:
        """One dict per row with JSON's types: ``xsd:boolean`` a bool, numbers int or float, the rest strings.

        Examples
        --------
        >>> r = QueryResult(("role", "current", "n"), (("President", "false", "2"),),
        ...                 (("", XSD + "boolean", XSD + "integer"),))
        >>> r.as_values()
        [{'role': 'President', 'current': False, 'n': 2}]
        """
        types = self.datatypes or tuple(("",) * len(self.columns) for _ in self.rows)
        return [{column: json_value(value, datatype) for column, value, datatype in zip(self.columns, row, kinds)}
                for row, kinds in zip(self.rows, types)]


def json_value(value: str, datatype: str) -> Any:
    """A literal's value as JSON holds it; a value its datatype does not fit stays a string."""
    try:
        if datatype == XSD + "boolean" and value in ("true", "false", "1", "0"):
            return value in ("true", "1")
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _DECIMALS:
            number = float(value)
            return number if number == number and abs(number) != float("inf") else value  # NaN, INF: no JSON
    except ValueError:
        pass
    return value


def sorted_ntriples(data: bytes | str, media_type: str = "application/n-triples") -> str:
    """A graph's triples as N-Triples, one line each, sorted and without repeats.

    Each engine writes a graph's triples in an order (and with escapes) of its own; one
    form makes the same graph print the same from rdflib, Oxigraph and any store.

    Examples
    --------
    >>> print(sorted_ntriples(b'<http://x/b> <http://x/p> "2" .\\n<http://x/a> <http://x/p> "1" .\\n'), end="")
    <http://x/a> <http://x/p> "1" .
    <http://x/b> <http://x/p> "2" .
    """
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    lines = sorted({f"{triple} ." for triple in ox.parse(data, format=rdf_format)})
    return "".join(line + "\n" for line in lines)
