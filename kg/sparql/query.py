"""Query and validate kg's RDF exports: named SPARQL queries on rdflib or Oxigraph, SHACL.

The named queries live in ``kg/vocab/queries/NAME.rq``, plain SPARQL 1.1 that any store
runs as it is. Their header comments give a one-line description and the parameters::

    # Pairs of actors who met, with the place, date and status of each meeting.
    # param actor: part of either actor's name or alias, any case; leave out for every pair.

Each parameter is a ``VALUES ?actor { UNDEF }`` line in the query: unbound, it filters
nothing; :func:`run_query` replaces ``UNDEF`` by the value as an escaped string literal, so
a value can never change the query's structure. (A parameter whose variable differs from
its name is declared ``# param fact ?fact_iri: ...``.)

Queries see the union of all graphs (rdflib: ``Dataset(default_union=True)``; Oxigraph:
``use_default_graph_as_union=True``), and the same data gives the same rows on both.

Examples
--------
>>> from kg.graph import build_graph
>>> from kg.model import Document, Entity, Event, Evidence, Extraction
>>> doc = Document(id="d1", text="Lavrov met Karzai in Kabul.")
>>> ev = Evidence(doc_id="d1", start=0, end=27, sentence=doc.text)
>>> ents = (Entity("p:lavrov", "Sergei Lavrov", "PERSON"),
...         Entity("p:karzai", "Hamid Karzai", "PERSON"), Entity("g:kabul", "Kabul", "GPE"))
>>> meeting = Event("m1", "meeting", "meet", ev, participants=("p:lavrov", "p:karzai"),
...                 location="g:kabul", date="2009-11-03")
>>> G = build_graph([Extraction(doc, ents, (meeting,))])
>>> result = run_query(G, name="who-met", params={"actor": "lavrov"})
>>> result.rows[0][:4]
('Hamid Karzai', 'Sergei Lavrov', 'Kabul', '2009-11-03')
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import networkx as nx
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from kg.errors import KGError
from kg.rdf import (format_of, _NOT_XML_CHAR, _oxigraph_quads, _rdflib_quiet, generate_quads, read_rdf,
                    to_dataset)
from kg.vocab import KG, QUERIES_DIR, SHAPES_FILE

__all__ = [
    "ENGINES",
    "NamedQuery",
    "QueryError",
    "QueryParam",
    "QueryResult",
    "ValidationReport",
    "format_table",
    "list_queries",
    "load_query",
    "run_query",
    "validate",
]

ENGINES = ("rdflib", "oxigraph")
TABLE_FORMATS = ("table", "csv", "json")

Source = Union[str, "os.PathLike[str]", Graph, nx.MultiDiGraph, Any]

_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z][\w-]*)(?:\s+\?([A-Za-z_]\w*))?\s*:\s*(.*)")
_PLACEHOLDER = r"VALUES\s+\?{var}\s*\{{\s*UNDEF\s*\}}"
_ANY_PLACEHOLDER = re.compile(_PLACEHOLDER.format(var=r"([A-Za-z_]\w*)"))
_IRI_CELL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


class QueryError(KGError):
    """A query could not be run: unknown name or parameter, bad SPARQL, unusable data."""


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query: its name, SPARQL variable and description."""

    name: str
    variable: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query shipped with kg (``kg/vocab/queries/NAME.rq``)."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    sparql: str


@dataclass(frozen=True)
class QueryResult:
    """The rows of a SELECT query, every value a string ('' where unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, str]]:
        """One dict per row, keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, and pyshacl's report."""

    conforms: bool
    text: str


# ---------------------------------------------------------------------------------- catalogue

def _parse_query(name: str, text: str) -> NamedQuery:
    description = ""
    params: list[QueryParam] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM_LINE.fullmatch(stripped)
        if match:
            params.append(QueryParam(match[1], match[2] or match[1], match[3].strip()))
        elif not description:
            description = stripped.lstrip("#").strip()
    return NamedQuery(name, description, tuple(params), text)


@lru_cache(maxsize=None)
def _catalogue() -> dict[str, NamedQuery]:
    return {
        path.stem: _parse_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(QUERIES_DIR.glob("*.rq"))
    }


def list_queries() -> list[NamedQuery]:
    """The named queries kg ships, sorted by name.

    Examples
    --------
    >>> [q.name for q in list_queries()]  # doctest: +NORMALIZE_WHITESPACE
    ['affiliations', 'evidence', 'meetings-in', 'statements-by', 'statements-of-kind',
     'who-met']
    >>> [p.name for p in load_query("meetings-in").params]
    ['place', 'period', 'from', 'to']
    """
    return list(_catalogue().values())


def load_query(name: str) -> NamedQuery:
    """The named query ``name``; raises :class:`QueryError` listing the names if unknown."""
    try:
        return _catalogue()[name]
    except KeyError:
        raise QueryError(
            f"no query named {name!r}; the named queries are: {', '.join(_catalogue())}"
        ) from None


# ---------------------------------------------------------------------------------- parameters

def _sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal; quotes and line breaks are escaped."""
    text = _NOT_XML_CHAR.sub("", str(value))
    text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{text}"'


def _bind_params(query: NamedQuery, params: dict[str, str] | None) -> str:
    sparql = query.sparql
    declared = {p.name: p.variable for p in query.params}
    # a query given as text may use placeholders without declaring them in its header
    for var in _ANY_PLACEHOLDER.findall(sparql):
        declared.setdefault(var, var)
    for key, value in (params or {}).items():
        variable = declared.get(key)
        if variable is None:
            takes = ", ".join(sorted(declared)) or "no parameters"
            raise QueryError(f"parameter {key!r}: query {query.name!r} takes {takes}")
        if not isinstance(value, str):
            raise QueryError(f"parameter {key!r}: expected a string, got {value!r}")
        placeholder = re.compile(_PLACEHOLDER.format(var=re.escape(variable)))
        literal = _sparql_string(value)
        sparql, count = placeholder.subn(lambda _: f"VALUES ?{variable} {{ {literal} }}", sparql)
        if count == 0:
            raise QueryError(
                f"parameter {key!r}: query {query.name!r} has no 'VALUES ?{variable} {{ UNDEF }}' to bind"
            )
    return sparql


# ---------------------------------------------------------------------------------- data

def _suffix_format(path: Path) -> str:
    try:
        return format_of(path, None)
    except ValueError as error:
        raise QueryError(str(error)) from None


def _is_store(source: Any) -> bool:
    try:
        import pyoxigraph
    except ImportError:
        return False
    return isinstance(source, pyoxigraph.Store)


def _as_rdflib(source: Source) -> Graph:
    if isinstance(source, Graph):
        return source
    if isinstance(source, nx.MultiDiGraph):
        return to_dataset(source)
    if _is_store(source):
        import pyoxigraph as ox

        ds = Dataset(default_union=True)
        with _rdflib_quiet():
            ds.parse(data=source.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return ds
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        _suffix_format(path)
        return read_rdf(path)
    raise QueryError(f"cannot query {type(source).__name__}: expected a file path, an rdflib "
                     "graph, a pyoxigraph Store or a kg event graph")


def _as_store(source: Source) -> Any:
    try:
        import pyoxigraph as ox
    except ImportError:
        raise QueryError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph") from None
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    if isinstance(source, nx.MultiDiGraph):
        store.extend(_oxigraph_quads(generate_quads(source)))
    elif isinstance(source, Graph):
        quads = isinstance(source, Dataset)
        with _rdflib_quiet():
            data = source.serialize(format="nquads" if quads else "nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        fmt = _suffix_format(path)
        if not path.is_file():
            raise QueryError(f"{path}: no such file")
        ox_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                     "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
                     "nquads": ox.RdfFormat.N_QUADS}[fmt]
        try:
            store.load(path=str(path), format=ox_format)
        except (SyntaxError, ValueError, OSError) as err:
            raise QueryError(f"{path}: not valid {fmt} ({err})") from err
    else:
        raise QueryError(f"cannot query {type(source).__name__}: expected a file path, an rdflib "
                         "graph, a pyoxigraph Store or a kg event graph")
    return store


def _rdflib_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _oxigraph_value(term: Any) -> str:
    if term is None:
        return ""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# ---------------------------------------------------------------------------------- running

def run_query(
    source: Source,
    *,
    sparql: str | None = None,
    name: str | None = None,
    params: dict[str, str] | None = None,
    engine: str = "rdflib",
) -> QueryResult:
    """Run a SPARQL SELECT query, named or given as text, over kg's RDF.

    Parameters
    ----------
    source : path, rdflib.Graph, pyoxigraph.Store or networkx.MultiDiGraph
        An RDF file written by :func:`kg.rdf.write_rdf` (any of its formats), a graph or
        dataset, an Oxigraph store, or the event graph itself.
    sparql : str, optional
        The query text. Give exactly one of ``sparql`` and ``name``.
    name : str, optional
        A named query (see :func:`list_queries`).
    params : dict of str to str, optional
        Values for the query's parameters, bound as string literals.
    engine : {"rdflib", "oxigraph"}, optional
        The SPARQL engine; Oxigraph is much faster on large files.

    Returns
    -------
    QueryResult
        Columns and rows, every value a string ('' where unbound).

    Raises
    ------
    QueryError
        For an unknown query, parameter or engine, invalid SPARQL, a query that is not a
        SELECT, or data that cannot be read.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> q = "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; rdfs:label ?name }"
    >>> run_query(G, sparql=q, engine="oxigraph").rows
    (('Hamid Karzai',),)
    """
    if (sparql is None) == (name is None):
        raise QueryError("give exactly one of sparql= (a query text) and name= (a named query)")
    if engine not in ENGINES:
        raise QueryError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    query = load_query(name) if name is not None else _parse_query("--sparql", sparql)
    text = _bind_params(query, params)
    if engine == "rdflib":
        return _run_rdflib(_as_rdflib(source), text)
    return _run_oxigraph(_as_store(source), text)


_RDFLIB_PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                    "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _run_rdflib(graph: Graph, text: str) -> QueryResult:
    try:
        with _rdflib_quiet():
            result = graph.query(text, initNs=_RDFLIB_PREFIXES)
            rows = list(result) if result.type == "SELECT" else []
    except Exception as err:  # pyparsing and rdflib raise many kinds of errors
        raise QueryError(f"SPARQL error (rdflib): {type(err).__name__}: {err}") from err
    if result.type != "SELECT":
        raise QueryError(f"run_query runs SELECT queries; this is a {result.type} query")
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(_rdflib_value(row[i]) for i in range(len(columns))) for row in rows)
    return QueryResult(columns, rows)


def _run_oxigraph(store: Any, text: str) -> QueryResult:
    import pyoxigraph as ox

    try:
        solutions = store.query(text, use_default_graph_as_union=True, prefixes=_RDFLIB_PREFIXES)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"SPARQL error (oxigraph): {err}") from err
    if not isinstance(solutions, ox.QuerySolutions):
        kind = "ASK" if isinstance(solutions, ox.QueryBoolean) else "CONSTRUCT or DESCRIBE"
        raise QueryError(f"run_query runs SELECT queries; this is an {kind} query")
    variables = list(solutions.variables)
    columns = tuple(v.value for v in variables)
    rows = tuple(tuple(_oxigraph_value(solution[v]) for v in variables) for solution in solutions)
    return QueryResult(columns, rows)


# ---------------------------------------------------------------------------------- output

def format_table(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """Render a query result as an aligned text table, CSV or JSON.

    Parameters
    ----------
    result : QueryResult
    fmt : {"table", "csv", "json"}
        ``table`` truncates text (not IRIs) to ``max_width`` characters and flattens
        line breaks;
        ``csv`` and ``json`` (a list of objects) keep every value whole.
    max_width : int, optional
        Widest cell of a ``table``.

    Examples
    --------
    >>> r = QueryResult(("actor", "date"), (("Hamid Karzai", "2009-11-03"),))
    >>> print(format_table(r))
    actor         date
    ------------  ----------
    Hamid Karzai  2009-11-03
    >>> print(format_table(r, "csv"), end="")
    actor,date
    Hamid Karzai,2009-11-03
    """
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(result.as_dicts(), ensure_ascii=False, indent=2)
    if fmt != "table":
        raise QueryError(f"format {fmt!r}: expected one of {', '.join(TABLE_FORMATS)}")

    def cell(value: str) -> str:
        value = " ".join(value.split())
        if len(value) <= max_width or _IRI_CELL.fullmatch(value):  # IRIs stay whole: they are ids
            return value
        return value[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    if not cells:
        lines.append("(no results)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- SHACL

@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _data_graph(graph: Graph) -> Graph:
    """The union of a dataset's graphs, each assertion graph's name typed kg:Assertion."""
    if not isinstance(graph, Dataset):
        return graph
    data = Graph()
    names = set()
    with _rdflib_quiet():
        for s, p, o, context in graph.quads((None, None, None, None)):
            data.add((s, p, o))
            names.add(getattr(context, "identifier", context))
    for name in names:
        if (isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID
                and not str(name).endswith(("/graph/entities", "/graph/provenance"))):
            data.add((name, RDF.type, KG.Assertion))
    return data


def validate(source: Source) -> ValidationReport:
    """Check kg's RDF against the SHACL shapes in ``kg/vocab/shapes.ttl`` (with pyshacl).

    The shapes require, among other things, that every event has an actor and a type; that
    time stamps are ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; that every assertion
    graph has a provenance record whose sentence satisfies
    ``0 <= nif:beginIndex < nif:endIndex <= kg:length`` of its document; and that an
    affiliation links a person to an organisation or a country.

    SHACL validates one graph, so for a dataset (TriG, N-Quads) the union of its graphs is
    validated, after stating ``g a kg:Assertion`` for every named graph ``g`` other than
    the entities and provenance graphs: an assertion graph without a provenance record
    then fails instead of going unseen. Warnings (a meeting with one known participant) do
    not make the data non-conforming.

    Parameters
    ----------
    source : path, rdflib.Graph, pyoxigraph.Store or networkx.MultiDiGraph

    Returns
    -------
    ValidationReport
        ``conforms`` and pyshacl's text report.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> validate(G).conforms
    True
    """
    try:
        import pyshacl
    except ImportError:
        raise QueryError("validate needs pyshacl: pip install pyshacl") from None
    data = _data_graph(_as_rdflib(source))
    with _rdflib_quiet():
        conforms, _, text = pyshacl.validate(
            data, shacl_graph=_shapes(), inference="none", allow_warnings=True,
            abort_on_first=False, meta_shacl=False, advanced=False,
        )
    return ValidationReport(bool(conforms), str(text))
