"""RDF files: the quads of :mod:`kg.export.rdf.quads` as rdflib graphs or serialised bytes.

Turtle, N-Triples and JSON-LD hold the union graph; TriG and N-Quads keep one named graph
per assertion. Large graphs are serialised by pyoxigraph (2-5 times faster than rdflib,
deterministic too); N-Triples and N-Quads lines are sorted, so the same graph gives the
same bytes whatever the run or ``PYTHONHASHSEED``.
"""
from __future__ import annotations

import heapq
import io
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.atomic import atomic_write_bytes
from kg.errors import KGError
from kg.export.rdf.jsonld import check_offline
from kg.export.rdf.quads import generate_quads, prefixes
from kg.export.rdf.terms import BASE, Quad
from kg.graph import gc_paused

__all__ = ["FORMATS", "LARGE_GRAPH", "format_of", "oxigraph_terms", "rdflib_quiet", "read_rdf", "serialise_rdf",
           "to_dataset", "to_rdf", "write_rdf", "write_rdf_files", "write_rdf_to"]


LARGE_GRAPH = 20_000
"""Above this many quads (about 60 articles), :func:`write_rdf` serialises with pyoxigraph
(a dependency of kg, 2-5 times faster than rdflib, deterministic too); below it rdflib
writes the more readable Turtle."""
# suffix -> canonical format name; names accepted by ``format=`` are in _FORMAT_NAMES
FORMATS = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".trig": "trig", ".nq": "nquads"}
_FORMAT_NAMES = {
    "turtle": "turtle", "ttl": "turtle",
    "ntriples": "ntriples", "nt": "ntriples", "n-triples": "ntriples",
    "jsonld": "jsonld", "json-ld": "jsonld",
    "trig": "trig",
    "nquads": "nquads", "nq": "nquads", "n-quads": "nquads",
}
_QUAD_FORMATS = frozenset({"trig", "nquads"})
_RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig",
                  "nquads": "nquads"}
_OX_FORMAT = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG",
              "nquads": "N_QUADS"}


@contextmanager
def rdflib_quiet() -> Iterator[None]:
    """rdflib 7's own serialisers and parsers call its deprecated Dataset API; users of kg
    should not see those warnings."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib(\.|$)")
        yield


def _bind(graph: Graph, base: str) -> None:
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, namespace, override=True, replace=True)


def to_dataset(G: nx.MultiDiGraph, *, base: str = BASE) -> Dataset:
    """The event graph as an RDF dataset: one named graph per assertion.

    Besides the assertion graphs there are ``{base}graph/entities`` and
    ``{base}graph/provenance``. The dataset's default graph is the union of all graphs
    (``default_union=True``), so SPARQL without ``GRAPH`` sees everything.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The event graph from :func:`kg.graph.build_graph`.
    base : str, optional
        Base of the minted IRIs.

    Returns
    -------
    rdflib.Dataset

    Examples
    --------
    >>> from rdflib.namespace import RDF, RDFS
    >>> from kg.export.rdf.terms import mint_iri
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> ds = to_dataset(G)
    >>> entities = ds.graph(URIRef(BASE + "graph/entities"))
    >>> entities.value(mint_iri("person", "Hamid Karzai"), RDFS.label)
    rdflib.term.Literal('Hamid Karzai')
    """
    ds = Dataset(default_union=True)
    _bind(ds, base)
    contexts: dict[URIRef, Graph] = {}

    def context(name: URIRef) -> Graph:
        graph = contexts.get(name)
        if graph is None:
            graph = contexts[name] = ds.graph(name)
        return graph

    with gc_paused():
        ds.addN((s, p, o, context(g)) for s, p, o, g in generate_quads(G, base=base))
    return ds


def to_rdf(G: nx.MultiDiGraph, *, base: str = BASE) -> Graph:
    """The event graph as one RDF graph: the union of :func:`to_dataset`'s graphs.

    For tools and formats without named graphs (Turtle, N-Triples, JSON-LD). The link from
    a fact to its evidence survives the union: the assertion graph's IRI is the subject of
    ``foaf:primaryTopic`` (the fact) and ``prov:wasDerivedFrom`` (the sentence).

    Examples
    --------
    >>> from rdflib.namespace import RDF, RDFS
    >>> from kg.export.rdf.terms import mint_iri
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="GPE", label="Kabul")
    >>> g = to_rdf(G)
    >>> sorted(o.n3(g.namespace_manager) for o in g.objects(mint_iri("gpe", "Kabul"), RDF.type))
    ['schema:AdministrativeArea', 'sem:Actor', 'sem:Place']
    """
    graph = Graph()
    _bind(graph, base)
    with gc_paused():
        graph.addN((s, p, o, graph) for s, p, o, _ in generate_quads(G, base=base))
    return graph


def format_of(path: Path, format: str | None) -> str:
    if format is not None:
        name = _FORMAT_NAMES.get(format.lower())
        if name is None:
            raise ValueError(f"format {format!r}: expected one of {', '.join(sorted(_FORMAT_NAMES))}")
        return name
    name = FORMATS.get(path.suffix.lower())
    if name is None:
        *others, last = FORMATS
        raise ValueError(  # the suffix is what a command line user can change
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"expected a file ending in {', '.join(others)} or {last}"
        )
    return name


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def _jsonld_context(base: str) -> dict[str, str]:
    return {prefix: ns for prefix, ns in prefixes(base).items()}


def _serialise_rdflib(quads: list[Quad], fmt: str, base: str) -> bytes:
    if fmt in _QUAD_FORMATS:
        ds = Dataset()
        _bind(ds, base)
        contexts: dict[URIRef, Graph] = {}
        with gc_paused():
            for s, p, o, g in quads:
                graph = contexts.get(g)
                if graph is None:
                    graph = contexts[g] = ds.graph(g)
                graph.add((s, p, _long_safe(o) if fmt == "trig" else o))
        with rdflib_quiet():
            if fmt == "trig":
                buffer = io.BytesIO()
                _SortedTrigSerializer(ds).serialize(buffer, encoding="utf-8")
                return buffer.getvalue()
            return ds.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")
    graph = Graph()
    _bind(graph, base)
    with gc_paused():
        graph.addN((s, p, _long_safe(o) if fmt == "turtle" else o, graph) for s, p, o, _ in quads)
    if fmt == "jsonld":
        data = graph.serialize(format="json-ld", context=_jsonld_context(base),
                               auto_compact=True, encoding="utf-8")
        return _canonical_json(data)
    return graph.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")


class _LongLiteral(Literal):
    """A literal with a line break, written in Turtle's long form with every quote
    escaped: rdflib leaves a closing quote after an escaped backslash ('\\"') bare, and
    '""""' then ends the string one quote early for every other parser."""

    def _quote_encode(self) -> str:
        encoded = self.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        return f'"""{encoded}"""'


def _long_safe(term: Any) -> Any:
    if isinstance(term, Literal) and "\n" in term and not isinstance(term, _LongLiteral):
        return _LongLiteral(str(term), lang=term.language, datatype=term.datatype)
    return term


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG serializer with the graphs in IRI order, so output does not vary
    with PYTHONHASHSEED."""

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def _canonical_json(data: bytes) -> bytes:
    """JSON-LD with sorted keys and sorted arrays. Arrays of node objects and values are
    unordered in RDF (kg writes no @list), so sorting them changes nothing but the bytes."""

    def canonical(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: canonical(item) for key, item in value.items()}
        if isinstance(value, list):
            items = [canonical(item) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return value

    document = canonical(json.loads(data))
    return (json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def oxigraph_terms(quads: Iterable[Quad], *, triples: bool = False) -> list:
    import pyoxigraph as ox

    nodes: dict[URIRef, Any] = {}
    xsd_string = XSD.string

    def node(term: URIRef) -> Any:
        named = nodes.get(term)
        if named is None:
            named = nodes[term] = ox.NamedNode(str(term))
        return named

    def obj(term: URIRef | Literal) -> Any:
        if isinstance(term, URIRef):
            return node(term)
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None or term.datatype == xsd_string:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=node(term.datatype))

    if triples:
        unique = dict.fromkeys((s, p, o) for s, p, o, _ in quads)
        return [ox.Triple(node(s), node(p), obj(o)) for s, p, o in unique]
    return [ox.Quad(node(s), node(p), obj(o), node(g)) for s, p, o, g in dict.fromkeys(quads)]


def _serialise_oxigraph(quads: list[Quad], fmt: str, base: str) -> bytes:
    import pyoxigraph as ox

    if fmt in ("turtle", "trig"):  # group by graph and subject: compact and deterministic
        quads = sorted(quads, key=lambda q: (q[3], q[0], q[1], str(q[2])))
    with gc_paused():
        terms = oxigraph_terms(quads, triples=fmt not in _QUAD_FORMATS)
    format_ = getattr(ox.RdfFormat, _OX_FORMAT[fmt])
    if fmt in ("turtle", "trig"):
        return ox.serialize(terms, format=format_, prefixes=prefixes(base))
    return ox.serialize(terms, format=format_)


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(line for line in data.split(b"\n") if line.strip()))
    return b"\n".join(lines) + b"\n" if lines else b""


def write_rdf(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    base: str = BASE,
    engine: str = "auto",
) -> Path:
    """Write the event graph as an RDF file, atomically.

    The format follows the suffix unless ``format`` is given: ``.ttl`` Turtle, ``.nt``
    N-Triples and ``.jsonld`` JSON-LD (with an inline ``@context``, never a remote one)
    hold the union graph; ``.trig`` TriG and ``.nq`` N-Quads keep the named graphs.
    N-Triples and N-Quads lines are sorted, so the same graph gives byte-identical files
    whatever the run or ``PYTHONHASHSEED``. The file is written to a temporary file beside
    ``path`` and moved into place, so a reader never sees half a file.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The event graph from :func:`kg.graph.build_graph`.
    path : str or os.PathLike
        Where to write; missing parent directories are created.
    format : str, optional
        ``turtle``, ``ntriples``, ``jsonld``, ``trig`` or ``nquads`` (or ``ttl``, ``nt``,
        ``json-ld``, ``nq``).
    base : str, optional
        Base of the minted IRIs.
    engine : {"auto", "rdflib", "oxigraph"}, optional
        Serialiser. ``auto`` uses pyoxigraph (5-30 times faster) for graphs of more than
        :data:`LARGE_GRAPH` quads when it is installed, and rdflib otherwise. JSON-LD is
        always written by rdflib.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For an unknown format, suffix or engine.
    kg.errors.OutputError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_rdf(G, Path(tmp) / "kg.nt")
    ...     [line for line in out.read_text(encoding="utf-8").splitlines()
    ...      if "Karzai" in line]  # doctest: +ELLIPSIS
    ['<https://w3id.org/kg/id/person/...> <http://www.w3.org/2000/01/rdf-schema#label> "Hamid Karzai" .']
    """
    return write_rdf_files(G, [path], format=format, base=base, engine=engine)[0]


def write_rdf_files(
    G: nx.MultiDiGraph,
    paths: Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    base: str = BASE,
    engine: str = "auto",
) -> list[Path]:
    """:func:`write_rdf` to several files (formats by suffix), generating the quads once.

    ``kg build`` writes ``graph.ttl`` and ``graph.nq`` this way: the quads of a large
    graph cost as much to generate as to serialise.
    """
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise ValueError(f"engine {engine!r}: expected 'auto', 'rdflib' or 'oxigraph'")
    if engine == "oxigraph" and not _has_oxigraph():
        raise ValueError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph")
    paths = [Path(path) for path in paths]
    formats = [format_of(path, format) for path in paths]
    return [atomic_write_bytes(path, data)
            for path, data in zip(paths, serialise_rdf(G, formats, base=base, engine=engine))]


def serialise_rdf(G: nx.MultiDiGraph, formats: Iterable[str], *, base: str = BASE, engine: str = "auto") -> list[bytes]:
    """The graph in each of ``formats`` (``turtle``, ``nquads``, ...), generating the quads once."""
    formats = list(formats)
    buffers = [io.BytesIO() for _ in formats]
    write_rdf_to(G, [(fmt, buffer.write) for fmt, buffer in zip(formats, buffers)], base=base, engine=engine)
    return [buffer.getvalue() for buffer in buffers]


SORT_CHUNK = 50_000
"""Quads serialised and sorted at a time when a large graph is streamed (see :func:`write_rdf_to`)."""


def write_rdf_to(
    G: Any,
    outputs: Sequence[tuple[str, Callable[[bytes], Any]]],
    *,
    base: str = BASE,
    engine: str = "auto",
    workdir: str | os.PathLike[str] | None = None,
) -> None:
    """Write the graph in each ``(format, write)`` of ``outputs``, generating the quads once.

    ``G`` is a NetworkX graph or reads like one (:class:`kg.graph.stored.StoredGraph`).
    Graphs of up to :data:`LARGE_GRAPH` quads are serialised in memory (rdflib, unless
    ``engine="oxigraph"``). Larger ones, with pyoxigraph, are streamed: the quads are
    serialised :data:`SORT_CHUNK` at a time into sorted runs on disk (in ``workdir``,
    the system's temporary folder by default), merged into sorted, duplicate-free
    N-Quads and N-Triples lines, and Turtle is written by pyoxigraph from the sorted
    triples, each subject's triples together. Memory stays flat in the graph's size;
    JSON-LD and TriG of a large graph are still built in memory.
    """
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise ValueError(f"engine {engine!r}: expected 'auto', 'rdflib' or 'oxigraph'")
    if engine == "oxigraph" and not _has_oxigraph():
        raise ValueError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph")
    outputs = [(format_of(Path("graph"), fmt), write) for fmt, write in outputs]  # "ttl", "nq" -> canonical
    quads = generate_quads(G, base=base)
    head = list(islice(quads, LARGE_GRAPH + 1))
    in_memory = engine == "rdflib" or not _has_oxigraph() or (engine == "auto" and len(head) <= LARGE_GRAPH)
    if in_memory or any(fmt in ("jsonld", "trig") for fmt, _ in outputs):
        everything = head + list(quads)
        for fmt, write in outputs:
            use_oxigraph = fmt != "jsonld" and not in_memory
            data = (_serialise_oxigraph(everything, fmt, base) if use_oxigraph
                    else _serialise_rdflib(everything, fmt, base))
            write(_sorted_lines(data) if fmt in ("ntriples", "nquads") else data)
        return
    _stream_oxigraph(chain(head, quads), outputs, base=base, workdir=workdir)


def _stream_oxigraph(quads: Iterator[Quad], outputs: Sequence[tuple[str, Callable[[bytes], Any]]], *,
                     base: str, workdir: str | os.PathLike[str] | None) -> None:
    import pyoxigraph as ox

    formats = {fmt for fmt, _ in outputs}
    with tempfile.TemporaryDirectory(prefix=".kg-rdf-", suffix=".tmp", dir=workdir) as tmp:
        quad_runs = _SortedRuns(Path(tmp) / "nq")
        while chunk := list(islice(quads, SORT_CHUNK)):
            with gc_paused():
                quad_runs.add(line for line in ox.serialize(oxigraph_terms(chunk), format=ox.RdfFormat.N_QUADS)
                              .split(b"\n") if line.strip())
        triples_file = Path(tmp) / "triples.nt" if formats & {"ntriples", "turtle"} else None
        _write_merged(quad_runs, [write for fmt, write in outputs if fmt == "nquads"], triples_file)
        for fmt, write in outputs:
            if fmt == "ntriples":
                with triples_file.open("rb") as handle:
                    while block := handle.read(1 << 20):
                        write(block)
            elif fmt == "turtle":  # from the sorted triples: each subject's triples come together
                with triples_file.open("rb") as handle:
                    ox.serialize(ox.parse(handle, format=ox.RdfFormat.N_TRIPLES), _Writer(write),
                                 format=ox.RdfFormat.TURTLE, prefixes=prefixes(base))


def _write_merged(quad_runs: _SortedRuns, quad_writers: list[Callable[[bytes], Any]],
                  triples_file: Path | None) -> None:
    """One pass over the sorted quads: the N-Quads to each writer, and their triples, each
    once, to ``triples_file``.

    The quads' lines sorted byte by byte give their triples (the lines without the graph
    IRI) sorted too, the copies of a triple in several graphs side by side: two lines
    first differ inside a term both share, or where one term ends, and there both forms
    go on with a space. So the triples need no sorting of their own (it was a second
    sort of every line, in runs on disk, and a second merge).
    """
    handle = triples_file.open("wb") if triples_file is not None else None
    try:
        previous = None
        quad_block: list[bytes] = []
        triple_block: list[bytes] = []
        held = 0
        for line in quad_runs.merged():
            quad_block.append(line)
            held += len(line)
            if handle is not None:
                triple = _without_graph(line.rstrip(b"\n")) + b"\n"
                if triple != previous:
                    triple_block.append(triple)
                    previous = triple
            if held >= 1 << 20:
                _flush(quad_block, triple_block, quad_writers, handle)
                held = 0
        _flush(quad_block, triple_block, quad_writers, handle)
    finally:
        if handle is not None:
            handle.close()


def _flush(quad_block: list[bytes], triple_block: list[bytes], quad_writers: list[Callable[[bytes], Any]],
           handle: Any) -> None:
    if quad_block:
        data = b"".join(quad_block)
        for write in quad_writers:
            write(data)
    if triple_block and handle is not None:
        handle.write(b"".join(triple_block))
    quad_block.clear()
    triple_block.clear()


def _without_graph(line: bytes) -> bytes:
    r"""The N-Triples line of an N-Quads line in a named graph: the line without its graph
    IRI, the last term (an IRI holds no space, so the line's last " <" opens it).

    Examples
    --------
    >>> _without_graph(b'<s> <p> "a <b> c" <g> .')
    b'<s> <p> "a <b> c" .'
    """
    return line[:line.rindex(b" <")] + b" ."


class _Writer(io.RawIOBase):
    """A binary file object over a ``write`` function, for pyoxigraph's ``output``."""

    def __init__(self, write: Callable[[bytes], Any]) -> None:
        super().__init__()
        self._write = write

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        data = bytes(data)
        self._write(data)
        return len(data)


class _SortedRuns:
    """Lines sorted on disk: each :meth:`add` writes a sorted, duplicate-free run; :meth:`merged`
    yields every line once, in byte order, holding one line per run."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        self.runs: list[Path] = []

    def add(self, lines: Iterable[bytes]) -> None:
        """A run of ``lines`` (without their line ends). Sorting them without the line end
        sorts them as :meth:`merged` compares them, with it: no line is the start of
        another (an N-Triples or N-Quads line ends with its only unquoted " .")."""
        unique = sorted(set(lines))
        run = self.folder / f"{len(self.runs):06d}"
        run.write_bytes(b"\n".join(unique) + b"\n" if unique else b"")
        self.runs.append(run)

    def merged(self) -> Iterator[bytes]:
        handles = [run.open("rb", buffering=1 << 16) for run in self.runs]
        try:
            previous = None
            for line in heapq.merge(*handles):
                if line != previous:
                    yield line
                    previous = line
        finally:
            for handle in handles:
                handle.close()


def read_rdf(path: str | os.PathLike[str], *, format: str | None = None) -> Dataset:
    """Read an RDF file written by :func:`write_rdf` (or any file in those formats).

    Triples of Turtle, N-Triples and JSON-LD files land in the default graph; TriG and
    N-Quads keep their named graphs. The returned dataset's default graph is the union.

    Raises
    ------
    kg.errors.KGError
        If the file is missing or does not parse; the message names the file.

    Examples
    --------
    >>> from rdflib.namespace import RDF, RDFS
    >>> from kg.export.rdf.terms import mint_iri
    >>> import tempfile
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ds = read_rdf(write_rdf(G, Path(tmp) / "kg.trig"))
    >>> ds.value(mint_iri("person", "Hamid Karzai"), RDFS.label)
    rdflib.term.Literal('Hamid Karzai')
    """
    path = Path(path)
    try:
        fmt = format_of(path, format)
    except ValueError as err:
        raise KGError(str(err)) from err
    if not path.is_file():
        raise KGError(f"{path}: no such file")
    if fmt == "jsonld":
        check_offline(path)  # rdflib would fetch a context given by URL
    ds = Dataset(default_union=True)
    try:
        with gc_paused(), rdflib_quiet():
            ds.parse(path, format=_RDFLIB_FORMAT[fmt])
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise KGError(f"{path}: not valid {fmt} ({type(err).__name__}: {err})") from err
    return ds
