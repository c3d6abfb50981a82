"""Push an RDF export to a SPARQL 1.1 store over the Graph Store HTTP Protocol.

Any store that implements the protocol works (Oxigraph, Jena Fuseki, GraphDB, ...). With
Oxigraph's server (``pip install oxigraph``)::

    oxigraph serve --location kg-store --bind 127.0.0.1:7878
    kg push output/graph.nq http://127.0.0.1:7878/store
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }' \\
         http://127.0.0.1:7878/query

N-Quads and TriG keep kg's named graphs and go to the store's dataset endpoint in one
request (POST adds, PUT replaces the whole dataset). Turtle, N-Triples and JSON-LD hold
the union graph and go to the default graph or to ``graph=IRI``. Standard library only.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

__all__ = ["MEDIA_TYPES", "PushResult", "push_rdf"]

MEDIA_TYPES = {
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}
DATASET_SUFFIXES = (".nq", ".trig")


@dataclass(frozen=True)
class PushResult:
    """What the store answered."""

    url: str
    status: int
    bytes_sent: int


def push_rdf(
    path: str | Path,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    timeout: float = 300.0,
) -> PushResult:
    """Send an RDF file written by kg to a Graph Store Protocol endpoint.

    Parameters
    ----------
    path
        ``.nq``/``.trig`` (named graphs) or ``.ttl``/``.nt``/``.jsonld`` (one graph).
    endpoint
        The store's graph store URL, e.g. ``http://127.0.0.1:7878/store``.
    graph
        For a one-graph file: the IRI of the named graph to write into (default graph
        otherwise). Not allowed with ``.nq``/``.trig``, which name their own graphs.
    replace
        PUT (replace) instead of POST (add); merges are idempotent either way, since kg's
        IRIs are stable and it writes no blank nodes.

    Raises
    ------
    KGError
        With the endpoint and the store's answer when the request fails.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise KGError(f"{path}: cannot push {suffix or 'a file without suffix'}; "
                      f"expected one of {', '.join(MEDIA_TYPES)}")
    if graph is not None and suffix in DATASET_SUFFIXES:
        raise KGError(f"{path}: {suffix} names its own graphs; --graph is for .ttl, .nt and .jsonld")
    url = endpoint
    if suffix not in DATASET_SUFFIXES:
        query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KGError(f"{path}: cannot read ({error.strerror or error})") from None
    request = urllib.request.Request(url, data=data, method="PUT" if replace else "POST",
                                     headers={"Content-Type": f"{MEDIA_TYPES[suffix]}; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL from the user)
            return PushResult(url, response.status, len(data))
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        raise KGError(f"{url}: the store answered {error.code} {error.reason}"
                      f"{': ' + detail[0][:200] if detail else ''}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise KGError(f"{url}: cannot reach the store ({reason})") from None
