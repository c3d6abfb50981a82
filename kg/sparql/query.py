"""Named SPARQL queries over kg's RDF exports, on rdflib or Oxigraph.

The named queries live in ``kg/sparql/queries/NAME.rq``, plain SPARQL 1.1 that any store
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
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from rdflib import BNode, Graph, Literal

from kg.export.rdf.serialise import rdflib_quiet
from kg.export.rdf.terms import NOT_XML_CHAR
from kg.sparql.endpoint import DEFAULT_TIMEOUT, is_endpoint, query_endpoint
from kg.sparql.results import XSD, QueryResult, sorted_ntriples
from kg.sparql.sources import QueryError, Source, as_rdflib, as_store, store_folder

__all__ = ["ENGINES", "QUERIES_DIR", "NamedQuery", "QueryError", "QueryParam", "QueryResult", "format_table",
           "list_queries", "load_query", "run_query", "spreadsheet_safe"]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
ENGINES = ("rdflib", "oxigraph")
TABLE_FORMATS = ("table", "csv", "json")

_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z][\w-]*)(?:\s+\?([A-Za-z_]\w*))?\s*:\s*(.*)")
_PLACEHOLDER = r"VALUES\s+\?{var}\s*\{{\s*UNDEF\s*\}}"
_ANY_PLACEHOLDER = re.compile(_PLACEHOLDER.format(var=r"([A-Za-z_]\w*)"))
_IRI_CELL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query: its name, SPARQL variable and description."""

    name: str
    variable: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query shipped with kg (``kg/sparql/queries/NAME.rq``)."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    sparql: str


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


def _sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal; quotes and line breaks are escaped."""
    text = NOT_XML_CHAR.sub("", str(value))
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


def _rdflib_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _rdflib_datatype(term: Any) -> str:
    return str(term.datatype) if isinstance(term, Literal) and term.datatype else ""


def _oxigraph_value(term: Any) -> str:
    if term is None:
        return ""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _oxigraph_datatype(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal) and term.datatype.value != XSD + "string" and not term.language:
        return term.datatype.value
    return ""


def run_query(
    source: Source,
    *,
    sparql: str | None = None,
    name: str | None = None,
    params: dict[str, str] | None = None,
    engine: str = "rdflib",
    graphs: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run a SPARQL query, named or given as text, over kg's RDF or a SPARQL store.

    Parameters
    ----------
    source : path, URL, rdflib.Graph, pyoxigraph.Store or networkx.MultiDiGraph
        An RDF file written by :func:`kg.export.rdf.write_rdf` (any of its formats), the
        URL of a SPARQL 1.1 query endpoint (``http://127.0.0.1:7878/query``, see
        :mod:`kg.sparql.endpoint`), a graph or dataset, an Oxigraph store, or the event
        graph itself.
    sparql : str, optional
        The query text: SELECT, ASK, CONSTRUCT or DESCRIBE. Give exactly one of
        ``sparql`` and ``name``.
    name : str, optional
        A named query (see :func:`list_queries`).
    params : dict of str to str, optional
        Values for the query's parameters, bound as string literals.
    engine : {"rdflib", "oxigraph"}, optional
        The SPARQL engine for a file or graph; Oxigraph is much faster on large files.
        An endpoint runs the query itself.
    graphs : sequence of str, optional
        Endpoint only: the named graphs to query (their union is the default graph).
        Without it, the store's default graph, or the union of its named graphs when the
        default graph is empty (as ``kg push graph.nq`` leaves it).
    timeout : float, optional
        Endpoint only: seconds to wait for its answer.

    Returns
    -------
    QueryResult
        Columns and rows (SELECT, every value a string, '' where unbound), a boolean
        (ASK) or N-Triples (CONSTRUCT, DESCRIBE).

    Raises
    ------
    QueryError
        For an unknown query, parameter or engine, invalid SPARQL, data that cannot be
        read, or an endpoint that cannot be reached or refuses the query.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> q = "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; rdfs:label ?name }"
    >>> run_query(G, sparql=q, engine="oxigraph").rows
    (('Hamid Karzai',),)
    >>> run_query(G, sparql="ASK { ?p rdfs:label 'Hamid Karzai' }").boolean
    True
    """
    if (sparql is None) == (name is None):
        raise QueryError("give exactly one of sparql= (a query text) and name= (a named query)")
    if engine not in ENGINES:
        raise QueryError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    query = load_query(name) if name is not None else _parse_query("--sparql", sparql)
    text = _bind_params(query, params)
    if is_endpoint(source):
        return query_endpoint(str(source), _declare_prefixes(text), graphs=graphs, timeout=timeout)
    if graphs:
        raise QueryError("graphs are chosen for an endpoint; a file is queried whole (the union of its graphs)")
    if engine == "rdflib" and store_folder(source) is None:
        return _run_rdflib(as_rdflib(source), text)
    return _run_oxigraph(as_store(source), text)  # an on-disk store is queried where it lies


_RDFLIB_PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                    "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _declare_prefixes(text: str) -> str:
    """The query with PREFIX lines for rdf:, rdfs: and xsd: where it uses them undeclared.

    rdflib and Oxigraph are given these prefixes; a store is sent the query text alone.

    >>> print(_declare_prefixes("ASK { ?s rdfs:label ?o }"))
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    ASK { ?s rdfs:label ?o }
    """
    missing = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in _RDFLIB_PREFIXES.items()
               if re.search(rf"(?<![\w-]){prefix}:", text)
               and not re.search(rf"PREFIX\s+{prefix}:", text, flags=re.IGNORECASE)]
    return "\n".join([*missing, text])


def _run_rdflib(graph: Graph, text: str) -> QueryResult:
    try:
        with rdflib_quiet():
            result = graph.query(text, initNs=_RDFLIB_PREFIXES)
            if result.type == "ASK":
                return QueryResult(boolean=bool(result.askAnswer))
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                data = result.graph.serialize(format="nt", encoding="utf-8")
                return QueryResult(triples=sorted_ntriples(data))
            rows = list(result)
    except QueryError:
        raise
    except Exception as err:  # pyparsing and rdflib raise many kinds of errors
        raise QueryError(f"SPARQL error (rdflib): {type(err).__name__}: {err}") from err
    columns = tuple(str(v) for v in result.vars)
    values = tuple(tuple(_rdflib_value(row[i]) for i in range(len(columns))) for row in rows)
    datatypes = tuple(tuple(_rdflib_datatype(row[i]) for i in range(len(columns))) for row in rows)
    return QueryResult(columns, values, datatypes)


def _run_oxigraph(store: Any, text: str) -> QueryResult:
    import pyoxigraph as ox

    try:
        solutions = store.query(text, use_default_graph_as_union=True, prefixes=_RDFLIB_PREFIXES)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"SPARQL error (oxigraph): {err}") from err
    if isinstance(solutions, ox.QueryBoolean):
        return QueryResult(boolean=bool(solutions))
    if isinstance(solutions, ox.QueryTriples):
        return QueryResult(triples=sorted_ntriples(ox.serialize(solutions, format=ox.RdfFormat.N_TRIPLES)))
    variables = list(solutions.variables)
    columns = tuple(v.value for v in variables)
    rows = [[solution[v] for v in variables] for solution in solutions]
    return QueryResult(columns, tuple(tuple(_oxigraph_value(t) for t in row) for row in rows),
                       tuple(tuple(_oxigraph_datatype(t) for t in row) for row in rows))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a ``'``
    in front (OWASP, "CSV Injection").

    Examples
    --------
    >>> spreadsheet_safe("@SUM(A1)"), spreadsheet_safe("Hamid Karzai")
    ("'@SUM(A1)", 'Hamid Karzai')
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def format_table(result: QueryResult, fmt: str = "table", *, max_width: int = 60, raw: bool = False) -> str:
    """Render a query result as an aligned text table, CSV or JSON.

    Parameters
    ----------
    result : QueryResult
    fmt : {"table", "csv", "json"}
        ``table`` truncates text (not IRIs) to ``max_width`` characters and flattens
        line breaks;
        ``csv`` and ``json`` (a list of objects) keep every value whole; ``json`` gives
        booleans and numbers as JSON does. An ASK answer is ``true`` or ``false`` and a
        CONSTRUCT the N-Triples in every format.
    max_width : int, optional
        Widest cell of a ``table``.
    raw : bool, optional
        ``csv`` only: write every cell as it is. By default a cell that a spreadsheet would
        run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
        return) is prefixed with ``'``, OWASP's rule against CSV injection.

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
    >>> print(format_table(QueryResult(("quote",), (("=HYPERLINK(1)",),)), "csv"), end="")
    quote
    '=HYPERLINK(1)
    >>> print(format_table(QueryResult(boolean=False), "json"))
    false
    """
    if fmt not in TABLE_FORMATS:
        raise QueryError(f"format {fmt!r}: expected one of {', '.join(TABLE_FORMATS)}")
    if result.boolean is not None:
        return json.dumps(result.boolean)
    if result.triples is not None:
        return result.triples.rstrip("\n")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        # before Python 3.12 the csv module quotes a field for "\n" but not for a lone "\r",
        # which then ends the row for any reader: such rows are written all quoted
        quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
        cell = (lambda value: value) if raw else spreadsheet_safe
        for row in [result.columns, *result.rows]:
            cells = [cell(value) for value in row]
            (quoted if any("\r" in value for value in cells) else writer).writerow(cells)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(result.as_values(), ensure_ascii=False, indent=2)

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


