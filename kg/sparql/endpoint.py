"""Queries against a SPARQL 1.1 store over HTTP (the SPARQL 1.1 Protocol).

``kg push output/graph.nq http://127.0.0.1:7878/store`` fills a store with one named graph
per assertion and leaves its default graph empty; kg's named queries ask the default
graph. So, unless graphs are chosen, a query runs on the store's default graph when it
holds anything, and otherwise on the union of the store's named graphs, each one given as
a ``default-graph-uri`` (the protocol's own way to say which graphs make the default
graph; every SPARQL 1.1 store takes it). Oxigraph's server is asked with its own
``union-default-graph`` parameter first, which it answers some 25 times faster than a
list of graphs; a store that ignores or refuses that parameter gets the list. The named
queries then give the same rows from the store as from the file::

    oxigraph serve --location kg-store --bind 127.0.0.1:7878
    kg push output/graph.nq http://127.0.0.1:7878/store
    kg query http://127.0.0.1:7878/query --name who-met

A store that makes the union its default graph (``oxigraph serve --union-default-graph``,
GraphDB, Fuseki with ``tdb2:unionDefaultGraph``) is queried as it is. Queries are sent by
POST (form-encoded, so a long query fits), answers read as SPARQL JSON results (SELECT,
ASK) or N-Triples (CONSTRUCT, DESCRIBE). Redirects are not followed: the URL given is the
endpoint. Standard library only.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import Any

from kg.sparql.results import QueryResult, sorted_ntriples
from kg.sparql.sources import QueryError

__all__ = ["DEFAULT_TIMEOUT", "is_endpoint", "query_endpoint"]

DEFAULT_TIMEOUT = 60.0
ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/rdf+xml;q=0.5")
_GRAPH_MEDIA_TYPES = ("application/n-triples", "text/turtle", "application/rdf+xml", "text/plain")


def is_endpoint(source: Any) -> bool:
    """True for an ``http://`` or ``https://`` URL (a file path never starts so).

    >>> is_endpoint("http://127.0.0.1:7878/query"), is_endpoint("output/graph.ttl")
    (True, False)
    """
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def query_endpoint(url: str, text: str, *, graphs: Sequence[str] | None = None,
                   timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a query at a SPARQL 1.1 query endpoint.

    Parameters
    ----------
    url
        The query endpoint, e.g. ``http://127.0.0.1:7878/query``.
    text
        The SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE.
    graphs
        Named graphs whose union is the default graph (and the named graphs ``GRAPH``
        sees); without them, the store's default graph, or the union of all its named
        graphs when the default graph is empty.
    timeout
        Seconds to wait for each answer.

    Raises
    ------
    QueryError
        In one line: the store cannot be reached or does not answer in time, refuses the
        query (with its own first line of explanation), or answers in a form kg cannot read.
    """
    if not timeout > 0:
        raise QueryError(f"timeout {timeout:g}: expected a number of seconds above 0")
    union = False
    if graphs is None:
        graphs = ()
        if not _has_triples(url, timeout):
            union = _has_triples(url, timeout, union=True)
            if not union:
                graphs = _named_graphs(url, timeout)
    return _answer(url, *_post(url, text, graphs, timeout, union=union))


_ANY_TRIPLE = "ASK { ?s ?p ?o }"


def _has_triples(url: str, timeout: float, *, union: bool = False) -> bool:
    """Whether the default graph (with ``union``: Oxigraph's union of all graphs) holds a triple."""
    try:
        result = _answer(url, *_post(url, _ANY_TRIPLE, (), timeout, union=union))
    except QueryError:
        if union:
            return False  # a store that refuses a parameter it does not know
        raise
    if result.boolean is None:
        raise QueryError(f"{url}: answered an ASK query without a yes or no; is it a SPARQL query endpoint?")
    return result.boolean


def _named_graphs(url: str, timeout: float) -> tuple[str, ...]:
    result = _answer(url, *_post(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", (), timeout))
    return tuple(sorted(row[0] for row in result.rows if row and not row[0].startswith("_:")))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect becomes an error: urllib would follow it with a GET and lose the query."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        return None


def _post(url: str, text: str, graphs: Sequence[str], timeout: float, *, union: bool = False) -> tuple[str, bytes]:
    """POST the query; the answer's media type and body."""
    fields = [("query", text)]
    fields += [("default-graph-uri", graph) for graph in graphs]
    fields += [("named-graph-uri", graph) for graph in graphs]
    if union:
        fields.append(("union-default-graph", ""))  # Oxigraph's server: the union of all graphs
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(fields).encode("ascii"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            media_type = (response.headers.get_content_type() or "").lower()
            return media_type, response.read()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise QueryError(f"{url}: the endpoint answered {error.code} {error.reason}, redirecting to "
                             f"{error.headers.get('Location', 'nowhere')}; give that URL instead") from None
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"{url}: the endpoint answered {error.code} {error.reason}"
                         f"{': ' + detail[0][:300] if detail else ''}") from None
    except TimeoutError:
        raise QueryError(f"{url}: no answer within {timeout:g} s (a larger --timeout, or a narrower query)") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise QueryError(f"{url}: no answer within {timeout:g} s") from None
        raise QueryError(f"{url}: cannot reach the SPARQL endpoint ({_reason(reason)})") from None


def _reason(reason: Any) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _answer(url: str, media_type: str, body: bytes) -> QueryResult:
    if media_type in ("application/sparql-results+json", "application/json"):
        try:
            return _json_results(json.loads(body))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise QueryError(f"{url}: the answer is not SPARQL JSON results ({error})") from None
    if media_type in _GRAPH_MEDIA_TYPES:
        try:
            return QueryResult(triples=sorted_ntriples(body, "application/n-triples"
                                                       if media_type == "text/plain" else media_type))
        except (SyntaxError, ValueError) as error:
            raise QueryError(f"{url}: the answer is not valid {media_type} ({error})") from None
    raise QueryError(f"{url}: answered {media_type or 'without a media type'}; expected SPARQL JSON results "
                     "or N-Triples (is this the store's query endpoint?)")


def _json_results(data: dict[str, Any]) -> QueryResult:
    """SPARQL 1.1 Query Results JSON Format into a :class:`QueryResult`."""
    if "boolean" in data:
        return QueryResult(boolean=bool(data["boolean"]))
    columns = tuple(data["head"]["vars"])
    rows, datatypes = [], []
    for binding in data["results"]["bindings"]:
        cells = [binding.get(column) for column in columns]
        rows.append(tuple(_json_value(cell) for cell in cells))
        datatypes.append(tuple((cell or {}).get("datatype", "") if (cell or {}).get("type") in
                               ("literal", "typed-literal") else "" for cell in cells))
    return QueryResult(columns, tuple(rows), tuple(datatypes))


def _json_value(cell: dict[str, str] | None) -> str:
    if cell is None:
        return ""
    if cell.get("type") == "bnode":
        return f"_:{cell['value']}"
    return cell["value"]

