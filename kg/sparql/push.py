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

__all__ = ["DEFAULT_TIMEOUT", "MEDIA_TYPES", "PushResult", "check_request", "push_rdf", "send"]

MEDIA_TYPES = {
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}
DATASET_SUFFIXES = (".nq", ".trig")
DEFAULT_TIMEOUT = 60.0  # seconds; a large upload to a slow store may need --timeout


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
    timeout: float = DEFAULT_TIMEOUT,
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
    timeout
        Seconds to wait for the store to connect and for each answer.

    Only ``http://`` and ``https://`` endpoints are accepted. A 307 or 308 redirect is
    followed with the data sent again; any other redirect is an error (urllib would follow
    it with a GET, the data lost). Success is a 2xx answer only.

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
    check_request(endpoint, timeout)
    url = endpoint
    if suffix not in DATASET_SUFFIXES:
        query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KGError(f"{path}: cannot read ({error.strerror or error})") from None
    status, final_url = send(url, data, method="PUT" if replace else "POST",
                             content_type=f"{MEDIA_TYPES[suffix]}; charset=utf-8", timeout=timeout)
    return PushResult(final_url, status, len(data))


def send(url: str, data: bytes, *, method: str, content_type: str, timeout: float = DEFAULT_TIMEOUT,
         server: str = "store") -> tuple[int, str]:
    """Send ``data`` to ``url`` and return ``(status, final URL)``, on a 2xx answer only.

    A 307 or 308 redirect is followed with the data sent again; any other redirect is an
    error, as is any answer outside 2xx (``server`` names the other side in messages).
    Every request kg sends to a SPARQL server goes this way (:func:`push_rdf`,
    :func:`kg.sparql.incremental.push_incremental`).

    Raises
    ------
    KGError
        With the URL and the server's answer when the request fails.
    """
    _check_endpoint(url)
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    opener = urllib.request.build_opener(_ResendOnTemporaryRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            status, final_url = response.status, response.geturl()
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") if error.headers else None
        if 300 <= error.code < 400:
            target = urllib.parse.urljoin(error.url or url, location) if location else "nowhere"
            raise KGError(f"{url}: the {server} answered {error.code} {error.reason}, redirecting to {target}; "
                          f"kg follows only 307 and 308 to http(s) (others would send the data away or drop "
                          f"it): push to the final URL") from None
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        raise KGError(f"{url}: the {server} answered {error.code} {error.reason}"
                      f"{': ' + detail[0][:200] if detail else ''}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            reason = f"no answer within {timeout:g} s; --timeout sets the wait"
        raise KGError(f"{url}: cannot reach the {server} ({reason})") from None
    if not 200 <= status < 300:  # 1xx and 3xx that reach here were not accepted either
        raise KGError(f"{final_url}: the {server} answered {status}, not a success (2xx); nothing was stored")
    return status, final_url


def check_request(endpoint: str, timeout: float) -> None:
    """Refuse an endpoint that is not http(s) and a wait that is not a positive number of
    seconds, before any file is read."""
    _check_endpoint(endpoint)
    if not timeout > 0:
        raise KGError(f"--timeout {timeout:g}: expected a number of seconds above 0")


def _check_endpoint(endpoint: str) -> None:
    """A Graph Store endpoint is an http(s) URL with a host: ``file:``, ``ftp:`` or a bare
    path would read or write something else entirely."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise KGError(f"endpoint {endpoint!r}: expected an http:// or https:// URL of a Graph Store, "
                      f"e.g. http://127.0.0.1:7878/store")


class _ResendOnTemporaryRedirect(urllib.request.HTTPRedirectHandler):
    """Follow 307 and 308 with the same method and body, as they require (to http(s) only);
    urllib would turn a redirected POST into a bodiless GET (301, 302, 303), which a store
    answers with success while storing nothing. Any other redirect comes back as an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 (urllib's hook)
        if code not in (307, 308) or urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            return None
        return urllib.request.Request(newurl, data=req.data, method=req.get_method(), headers=dict(req.headers),
                                      origin_req_host=req.origin_req_host, unverifiable=True)
