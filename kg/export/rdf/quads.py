"""Export the event graph as RDF on standard vocabularies, with per-fact provenance.

The model, term by term:

- entities (``kind="entity"`` nodes): PERSON -> ``sem:Actor, schema:Person``; ORG ->
  ``sem:Actor, schema:Organization, org:Organization``; GPE -> ``sem:Actor, sem:Place,
  schema:AdministrativeArea`` (countries act); LOC, FAC -> ``sem:Place, schema:Place``; NORP
  -> ``sem:Actor, kg:Group``. Each has ``rdfs:label``, ``skos:altLabel`` per alias,
  ``schema:sameAs`` to the IRIs in the node's ``same_as`` list (never guessed) and
  ``dcterms:identifier`` (the node id).
- meetings and statements: ``sem:Event, schema:Event`` and ``kg:Meeting`` or
  ``kg:Statement``; ``sem:hasActor`` (participants and speaker), ``kg:speaker``,
  ``sem:hasPlace``, ``sem:hasTimeStamp`` typed ``xsd:date``, ``xsd:gYearMonth`` or
  ``xsd:gYear`` after the date string, ``sem:eventType`` (kg's event type concept and the
  CAMEO and PLOVER concepts), ``kg:cameo``, ``kg:plover``, ``kg:meetingKind`` or
  ``kg:statementKind``, ``kg:status``, ``kg:quote``, ``kg:content``, ``kg:trigger``.
- affiliations: an ``org:Membership`` with ``org:member``, ``org:organization``,
  ``org:role`` (an ``org:Role`` labelled with the title) and ``kg:current``.
- provenance: each fact sits alone in a named graph (a ``kg:Assertion``). The provenance
  graph says, of each assertion graph, ``foaf:primaryTopic`` (the fact),
  ``prov:wasDerivedFrom`` (the sentence: a ``nif:Sentence, nif:OffsetBasedString`` with
  ``nif:beginIndex``, ``nif:endIndex``, ``nif:anchorOf`` and ``nif:referenceContext``),
  ``prov:wasGeneratedBy`` (the run, a ``prov:Activity`` that used the spaCy model and was
  associated with kg as a ``prov:SoftwareAgent``), ``kg:confidence`` and ``kg:rule``. The
  document (``nif:Context, schema:NewsArticle``) carries ``dcterms:title``,
  ``dcterms:date``, ``schema:url`` and ``kg:length`` but not its text (``nif:isString``):
  articles may be copyrighted.

Graphs: one named graph per assertion, ``{base}graph/entities`` (entities, roles and the
code concepts used) and ``{base}graph/provenance``. No blank nodes: every IRI is minted
from a hash (:func:`mint_iri`), so output is deterministic and merging two exports is
idempotent.

Examples
--------
>>> from kg.graph import build_graph
>>> from kg.model import Document, Entity, Event, Evidence, Extraction
>>> doc = Document(id="d1", text="Lavrov met Karzai in Kabul.", published="2009-11-05")
>>> ev = Evidence(doc_id="d1", start=0, end=27, sentence=doc.text)
>>> ents = (Entity("p:lavrov", "Sergei Lavrov", "PERSON"),
...         Entity("p:karzai", "Hamid Karzai", "PERSON"), Entity("g:kabul", "Kabul", "GPE"))
>>> meeting = Event("m1", "meeting", "meet", ev, participants=("p:lavrov", "p:karzai"),
...                 location="g:kabul", date="2009-11", cameo="040", plover="CONSULT")
>>> G = build_graph([Extraction(doc, ents, (meeting,))])
>>> ds = to_dataset(G)
>>> len(list(ds.graphs())) - 1     # entities, provenance and one assertion (+ the default)
3
>>> m = mint_iri("meeting", "m1")
>>> sorted(str(o) for o in to_rdf(G).objects(m, SEM.hasActor)) == sorted(
...     str(mint_iri("person", n)) for n in ("Sergei Lavrov", "Hamid Karzai"))
True
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.term import _is_valid_uri

import kg
from kg.atomic import atomic_write_bytes
from kg.errors import KGError
from kg.graph import gc_paused
from kg.vocab import CAMEO, CODES_FILE, EVENT_TYPE, KG, NIF, PLOVER, SEM

__all__ = [
    "format_of",
    "serialise_rdf",
    "write_rdf_files",
    "BASE",
    "FORMATS",
    "LARGE_GRAPH",
    "Quad",
    "generate_quads",
    "is_valid_iri",
    "mint_iri",
    "prefixes",
    "read_rdf",
    "to_dataset",
    "to_rdf",
    "write_rdf",
]

logger = logging.getLogger(__name__)

BASE = "https://w3id.org/kg/id/"
"""Where kg mints the IRIs of the things it describes."""

LARGE_GRAPH = 20_000
"""Above this many quads (about 60 articles), :func:`write_rdf` serialises with pyoxigraph
(a dependency of kg, 2-5 times faster than rdflib, deterministic too); below it rdflib
writes the more readable Turtle."""

Quad = tuple[URIRef, URIRef, "URIRef | Literal", URIRef]

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

# spaCy label -> (IRI path segment, classes)
_ENTITY_TYPES: dict[str, tuple[str, tuple[URIRef, ...]]] = {
    "PERSON": ("person", (SEM.Actor, SDO.Person)),
    "ORG": ("organization", (SEM.Actor, SDO.Organization, ORG.Organization)),
    "GPE": ("gpe", (SEM.Actor, SEM.Place, SDO.AdministrativeArea)),
    "LOC": ("location", (SEM.Place, SDO.Place)),
    "FAC": ("facility", (SEM.Place, SDO.Place)),
    "NORP": ("group", (SEM.Actor, KG.Group)),
}
_OTHER_ENTITY = ("entity", (SDO.Thing,))
_EVENT_CLASSES = {"meeting": KG.Meeting, "statement": KG.Statement}
_KIND_PROPERTY = {"meeting": KG.meetingKind, "statement": KG.statementKind}

_KIND = re.compile(r"[a-z][a-z0-9-]{0,39}")
_CAMEO_CODE = re.compile(r"[0-9]{2,4}")
_PLOVER_CODE = re.compile(r"[A-Z]{2,20}")
# RFC 3987 excludes spaces, controls, <>"{}|\^` and the bidi formatting characters
_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:"
    r"[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]+"
)
# characters outside XML 1.0's Char production cannot be written to RDF/XML and trip
# some parsers; lone surrogates cannot even be encoded as UTF-8
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YEAR = re.compile(r"[0-9]{4}")
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# ---------------------------------------------------------------------------------- IRIs

def mint_iri(kind: str, name: str, disambiguator: str = "", *, base: str = BASE) -> URIRef:
    """Mint the IRI of a thing from its kind and name: ``{base}{kind}/{hash}``.

    The hash (BLAKE2b, 128 bits) is taken over the NFKC-normalised, case-folded,
    whitespace-collapsed kind, name and disambiguator, with control and invisible format
    characters removed. The name never appears in the IRI, so any name gives a valid IRI,
    and names that differ only in case, spacing or compatibility forms give the same one.

    Parameters
    ----------
    kind : str
        What the thing is, a short lowercase word: ``person``, ``organization``,
        ``meeting``, ``membership``... It becomes a path segment.
    name : str
        Its name or id (a label, a node id).
    disambiguator : str, optional
        Anything else that tells two things of one kind and name apart.
    base : str, optional
        An absolute http(s) IRI ending in ``/``.

    Returns
    -------
    rdflib.URIRef

    Raises
    ------
    ValueError
        If ``kind`` is not a short lowercase word or ``base`` not a usable base IRI.

    Examples
    --------
    >>> mint_iri("person", "Hamid  Karzai") == mint_iri("person", "hamid karzai")
    True
    >>> mint_iri("person", "Karzai") == mint_iri("organization", "Karzai")
    False
    >>> str(mint_iri("person", "Hamid Karzai")).startswith("https://w3id.org/kg/id/person/")
    True
    """
    slug = _normalise(kind)
    if not _KIND.fullmatch(slug):
        raise ValueError(
            f"kind {kind!r}: expected a short lowercase word such as 'person' ([a-z][a-z0-9-]*)"
        )
    key = "\x1f".join((slug, _normalise(name), _normalise(disambiguator)))
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return URIRef(_checked_base(base) + slug + "/" + digest)


def is_valid_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI that every RDF syntax can write unescaped.

    Checks the scheme, the characters RFC 3987 excludes (spaces, controls, ``<>"{}|\\^```,
    bidi formatting marks) and, for http(s), that there is a host.

    Examples
    --------
    >>> is_valid_iri("https://sws.geonames.org/1149361/")
    True
    >>> is_valid_iri("https://example.org/a b"), is_valid_iri("Kabul")
    (False, False)
    """
    if not isinstance(value, str) or not _IRI.fullmatch(value) or not _is_valid_uri(value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return False
    return True


@lru_cache(maxsize=16)
def _checked_base(base: str) -> str:
    if not (is_valid_iri(base) and base.endswith("/")
            and urlsplit(base).scheme.lower() in ("http", "https")):
        raise ValueError(f"base {base!r}: expected an absolute http(s) IRI ending in '/'")
    return base


def _normalise(text: str) -> str:
    """The identity key of a name: NFKC, case-folded, invisible characters dropped,
    whitespace collapsed."""
    text = str(text)
    if text.isascii() and text.isprintable():  # the common case: NFKC and casefold are trivial
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            kept.append(ch)
    text = unicodedata.normalize("NFKC", "".join(kept).casefold())
    return " ".join(text.split())


# ---------------------------------------------------------------------------------- terms

def _text(value: Any) -> Literal:
    """A plain string literal, without the characters XML 1.0 forbids."""
    return Literal(_NOT_XML_CHAR.sub("", str(value)))


def _date(value: Any, *, allow_datetime: bool = False) -> Literal | None:
    """Type an ISO date string by its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if _DATE.fullmatch(value):
            date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        match = _YEAR_MONTH.fullmatch(value)
        if match and 1 <= int(match.group(2)) <= 12:
            return Literal(value, datatype=XSD.gYearMonth)
        if _YEAR.fullmatch(value):
            return Literal(value, datatype=XSD.gYear)
        if "T" in value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if allow_datetime:
                return Literal(value, datatype=XSD.dateTime)
            return Literal(moment.date().isoformat(), datatype=XSD.date)
    except ValueError:
        pass
    return None


def _integer(value: Any) -> Literal | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


def _decimal(value: Any) -> Literal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    lexical = f"{float(value):.4f}".rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=XSD.decimal)


@lru_cache(maxsize=1)
def _code_concepts() -> dict[URIRef, tuple[tuple[URIRef, URIRef | Literal], ...]]:
    """What codes.ttl says about each concept, to copy the used ones into an export."""
    graph = Graph().parse(CODES_FILE, format="turtle")
    concepts: dict[URIRef, list] = {}
    for s, p, o in graph:
        if isinstance(s, URIRef) and (s, RDF.type, SKOS.Concept) in graph:
            concepts.setdefault(s, []).append((p, o))
    return {s: tuple(sorted(po)) for s, po in concepts.items()}


def prefixes(base: str = BASE) -> dict[str, str]:
    """The prefixes kg binds in Turtle, TriG and JSON-LD output.

    Examples
    --------
    >>> prefixes()["person"]
    'https://w3id.org/kg/id/person/'
    """
    base = _checked_base(base)
    known = {
        "kg": str(KG._NS), "sem": str(SEM._NS), "schema": str(SDO._NS), "org": str(ORG._NS),
        "nif": str(NIF._NS), "prov": str(PROV._NS), "skos": str(SKOS._NS),
        "dcterms": str(DCTERMS._NS), "foaf": str(FOAF._NS), "owl": str(OWL._NS),
        "rdf": str(RDF._NS), "rdfs": str(RDFS._NS), "xsd": str(XSD._NS),
        "cameo": str(CAMEO), "plover": str(PLOVER), "evtype": str(EVENT_TYPE),
    }
    kinds = sorted({slug for slug, _ in _ENTITY_TYPES.values()} | {
        _OTHER_ENTITY[0], "meeting", "statement", "event", "membership", "role", "assertion",
        "sentence", "document", "run", "software", "model", "graph"})
    return {**known, **{kind: f"{base}{kind}/" for kind in kinds}}


# ---------------------------------------------------------------------------------- quads

def generate_quads(G: nx.MultiDiGraph, *, base: str = BASE) -> Iterator[Quad]:
    """Describe the event graph as RDF quads ``(subject, predicate, object, graph)``.

    This is the pure core of the export: :func:`to_dataset`, :func:`to_rdf` and
    :func:`write_rdf` only collect or serialise what it yields. Node and edge attributes
    are those documented in :mod:`kg.graph`; ``G.graph["documents"]`` describes the
    documents, ``G.graph.get("model")`` and ``G.graph.get("kg_version")`` the run.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The event graph from :func:`kg.graph.build_graph`.
    base : str, optional
        Base of the minted IRIs.

    Yields
    ------
    tuple
        ``(URIRef, URIRef, URIRef | Literal, URIRef)``; a quad may repeat.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("p1", kind="entity", type="PERSON", label="Hamid Karzai")
    >>> quads = list(generate_quads(G))
    >>> karzai = mint_iri("person", "Hamid Karzai")
    >>> (karzai, RDFS.label, Literal("Hamid Karzai"), URIRef(BASE + "graph/entities")) in quads
    True
    """
    return _Exporter(G, base).quads()


class _Exporter:
    """One export: the IRIs minted so far and the quads of one event graph."""

    def __init__(self, G: nx.MultiDiGraph, base: str) -> None:
        self.G = G
        self.base = _checked_base(base)
        self.entities_graph = URIRef(f"{self.base}graph/entities")
        self.provenance_graph = URIRef(f"{self.base}graph/provenance")
        self.documents: dict[str, dict[str, Any]] = dict(G.graph.get("documents") or {})
        self.entity_iris = self._entity_iris()
        self.sentences: set[URIRef] = set()
        self.concepts: set[URIRef] = set()
        self.roles: set[URIRef] = set()
        self.memberships: set[URIRef] = set()
        self.document_iris: dict[Any, URIRef] = {}
        self.warned: set[str] = set()
        model = G.graph.get("model")
        version = G.graph.get("kg_version") or kg.__version__
        self.model = mint_iri("model", str(model), base=self.base) if model else None
        self.software = mint_iri("software", f"kg {version}", base=self.base)
        self.version = str(version)
        self.run = mint_iri("run", f"{model or ''} {version}",
                            "\x1e".join(sorted(map(str, self.documents))), base=self.base)

    # -- helpers
    def _warn(self, message: str) -> None:
        if message not in self.warned:
            self.warned.add(message)
            logger.warning(message)

    def _entity_iris(self) -> dict[Any, URIRef]:
        """Entity IRIs from (type, label); nodes that would share one are told apart by id."""
        plain: dict[Any, URIRef] = {}
        for node, data in self.G.nodes(data=True):
            if data.get("kind") == "entity":
                slug = _ENTITY_TYPES.get(data.get("type"), _OTHER_ENTITY)[0]
                plain[node] = mint_iri(slug, str(data.get("label") or node), base=self.base)
        owners: dict[URIRef, list] = {}
        for node, iri in plain.items():
            owners.setdefault(iri, []).append(node)
        for iri, nodes in owners.items():
            if len(nodes) > 1:
                for node in nodes:
                    data = self.G.nodes[node]
                    slug = _ENTITY_TYPES.get(data.get("type"), _OTHER_ENTITY)[0]
                    plain[node] = mint_iri(slug, str(data.get("label") or node), str(node),
                                           base=self.base)
        return plain

    def _document(self, doc_id: Any) -> URIRef:
        iri = self.document_iris.get(doc_id)
        if iri is None:
            iri = self.document_iris[doc_id] = mint_iri("document", str(doc_id), base=self.base)
        return iri

    def _code(self, prop: str, value: Any) -> URIRef | None:
        if value is None or value == "":
            return None
        if prop == "cameo":
            code = value.strip() if isinstance(value, str) else None
            if code is None or not _CAMEO_CODE.fullmatch(code):
                self._warn(f"CAMEO code {value!r}: expected a string of 2 to 4 digits such as '043'; left out")
                return None
            concept = CAMEO[code]
        else:
            code = value.strip().upper() if isinstance(value, str) else None
            if code is None or not _PLOVER_CODE.fullmatch(code):
                self._warn(f"PLOVER category {value!r}: expected a word such as 'CONSULT'; left out")
                return None
            concept = PLOVER[code]
        if concept not in _code_concepts():
            self._warn(f"{prop} code {code!r} is not in {CODES_FILE.name}; linked anyway, SHACL will flag it")
        return concept

    # -- the export
    def quads(self) -> Iterator[Quad]:
        G = self.G
        for node, data in G.nodes(data=True):
            kind = data.get("kind")
            if kind == "entity":
                yield from self._entity(node, data)
            elif kind == "event":
                yield from self._event(node, data)
        for u, v, key, data in G.edges(keys=True, data=True):
            if data.get("role") == "affiliation" or str(key).startswith("affiliation"):
                yield from self._affiliation(u, v, data)
        doc_ids = set(self.documents) | {
            d.get("doc_id") for _, d in G.nodes(data=True) if d.get("kind") == "event"
        } | {d.get("doc_id") for _, _, d in G.edges(data=True) if d.get("role") == "affiliation"}
        for doc_id in sorted(str(d) for d in doc_ids if d is not None):
            yield from self._document_quads(doc_id)
        yield from self._run_quads()
        for concept in sorted(self.concepts):
            for p, o in _code_concepts().get(concept, ()):
                yield concept, p, o, self.entities_graph

    def _entity(self, node: Any, data: dict) -> Iterator[Quad]:
        g = self.entities_graph
        iri = self.entity_iris[node]
        etype = data.get("type")
        if etype not in _ENTITY_TYPES:
            self._warn(f"entity type {etype!r} (node {node!r}): expected one of "
                       f"{', '.join(sorted(_ENTITY_TYPES))}; typed schema:Thing")
        for cls in _ENTITY_TYPES.get(etype, _OTHER_ENTITY)[1]:
            yield iri, RDF.type, cls, g
        label = _text(data.get("label") or node)
        yield iri, RDFS.label, label, g
        yield iri, DCTERMS.identifier, _text(node), g
        for alias in data.get("aliases") or ():
            alias = _text(alias)
            if alias != label and str(alias).strip():
                yield iri, SKOS.altLabel, alias, g
        for same in data.get("same_as") or ():
            if is_valid_iri(same):
                yield iri, SDO.sameAs, URIRef(same), g
            else:
                self._warn(f"same_as {same!r} of {node!r}: not an absolute IRI; left out")
        for doc_id in data.get("documents") or ():
            yield iri, KG.mentionedIn, self._document(doc_id), self.provenance_graph

    def _event(self, node: Any, data: dict) -> Iterator[Quad]:
        etype = data.get("type")
        iri = mint_iri(etype if etype in _EVENT_CLASSES else "event", str(node), base=self.base)
        g = mint_iri("assertion", str(iri), base=self.base)
        yield iri, RDF.type, SEM.Event, g
        yield iri, RDF.type, SDO.Event, g
        if etype in _EVENT_CLASSES:
            yield iri, RDF.type, _EVENT_CLASSES[etype], g
            concept = EVENT_TYPE[etype]
            self.concepts.add(concept)
            yield iri, SEM.eventType, concept, g
        edges = sorted(
            ((str(key), target) for _, target, key in self.G.out_edges(node, keys=True)
             if target in self.entity_iris),
            key=lambda e: (e[0], str(e[1])),
        )
        yield iri, RDFS.label, _text(self._event_label(data, edges)), g
        yield iri, DCTERMS.identifier, _text(node), g
        if data.get("subtype") and etype in _KIND_PROPERTY:
            yield iri, _KIND_PROPERTY[etype], _text(data["subtype"]), g
        if data.get("status"):
            yield iri, KG.status, _text(data["status"]), g
        if data.get("date"):
            stamp = _date(data["date"])
            if stamp is None:
                self._warn(f"date {data['date']!r} of event {node!r}: expected YYYY-MM-DD, YYYY-MM or YYYY; left out")
            else:
                yield iri, SEM.hasTimeStamp, stamp, g
        for attr, prop in (("trigger", KG.trigger), ("quote", KG.quote), ("content", KG.content)):
            if data.get(attr):
                yield iri, prop, _text(data[attr]), g
        for attr, prop in (("cameo", KG.cameo), ("plover", KG.plover)):
            concept = self._code(attr, data.get(attr))
            if concept is not None:
                self.concepts.add(concept)
                yield iri, prop, concept, g
                yield iri, SEM.eventType, concept, g
        for key, target in edges:
            actor = self.entity_iris[target]
            if key == "participant":
                yield iri, SEM.hasActor, actor, g
            elif key == "speaker":
                yield iri, KG.speaker, actor, g
                yield iri, SEM.hasActor, actor, g
            elif key == "location":
                yield iri, SEM.hasPlace, actor, g
        yield from self._provenance(g, iri, data)

    def _event_label(self, data: dict, edges: list[tuple[str, Any]]) -> str:
        """``meeting: visit (Hamid Karzai, Sergei Lavrov; 2009-11-03)``: readable in any browser."""
        names = sorted({
            str(self.G.nodes[target].get("label") or target)
            for key, target in edges if key in ("participant", "speaker")
        })
        details = "; ".join(part for part in (", ".join(names), str(data.get("date") or "")) if part)
        label = str(data.get("label") or data.get("type") or "event")
        return f"{label} ({details})" if details else label

    def _affiliation(self, person: Any, organization: Any, data: dict) -> Iterator[Quad]:
        p, o = self.entity_iris.get(person), self.entity_iris.get(organization)
        if p is None or o is None:
            return
        title = data.get("title")
        membership = mint_iri("membership", f"{p} {o}", str(title or ""), base=self.base)
        g = mint_iri("assertion", str(membership), base=self.base)
        if g in self.memberships:  # the same post stated twice (titles differing in case): first wins
            return
        self.memberships.add(g)
        yield membership, RDF.type, ORG.Membership, g
        yield membership, ORG.member, p, g
        yield membership, ORG.organization, o, g
        person_label = self.G.nodes[person].get("label") or person
        org_label = self.G.nodes[organization].get("label") or organization
        label = f"{person_label}: {title}, {org_label}" if title else f"{person_label}, {org_label}"
        yield membership, RDFS.label, _text(label), g
        if title:
            role = mint_iri("role", str(title), base=self.base)
            yield membership, ORG.role, role, g
            if role not in self.roles:
                self.roles.add(role)
                yield role, RDF.type, ORG.Role, self.entities_graph
                yield role, RDFS.label, _text(title), self.entities_graph
        if isinstance(data.get("current"), bool):
            yield membership, KG.current, Literal(data["current"]), g
        yield from self._provenance(g, membership, data)

    def _provenance(self, g: URIRef, fact: URIRef, data: dict) -> Iterator[Quad]:
        pg = self.provenance_graph
        yield g, RDF.type, KG.Assertion, pg
        yield g, RDF.type, PROV.Entity, pg
        yield g, FOAF.primaryTopic, fact, pg
        yield g, PROV.wasGeneratedBy, self.run, pg
        confidence = _decimal(data.get("confidence"))
        if confidence is not None:
            yield g, KG.confidence, confidence, pg
        if data.get("rule"):
            yield g, KG.rule, _text(data["rule"]), pg
        # an event reported by several articles is derived from each report's sentence
        # (the node's own evidence first; a merged event holds one report per document)
        reports = [data, *(r for r in data.get("reports") or () if r.get("doc_id") != data.get("doc_id"))]
        if not any(isinstance(r.get("start"), int) and isinstance(r.get("end"), int) and r.get("doc_id") is not None
                   for r in reports):
            self._warn(f"{fact}: no evidence offsets; the assertion has no prov:wasDerivedFrom")
            return
        for report in reports:
            yield from self._derivation(g, report)

    def _derivation(self, g: URIRef, report: dict) -> Iterator[Quad]:
        pg = self.provenance_graph
        doc_id, start, end = report.get("doc_id"), report.get("start"), report.get("end")
        if doc_id is None or not isinstance(start, int) or not isinstance(end, int):
            return
        document = self._document(doc_id)
        sentence = URIRef(f"{self.base}sentence/{str(document).rsplit('/', 1)[1]}-{start}-{end}")
        yield g, PROV.wasDerivedFrom, sentence, pg
        if sentence in self.sentences:
            return
        self.sentences.add(sentence)
        yield sentence, RDF.type, NIF.Sentence, pg
        yield sentence, RDF.type, NIF.OffsetBasedString, pg
        yield sentence, NIF.beginIndex, Literal(str(start), datatype=XSD.nonNegativeInteger), pg
        yield sentence, NIF.endIndex, Literal(str(end), datatype=XSD.nonNegativeInteger), pg
        if report.get("sentence") is not None:
            yield sentence, NIF.anchorOf, _text(report["sentence"]), pg
        yield sentence, NIF.referenceContext, document, pg

    def _document_quads(self, doc_id: str) -> Iterator[Quad]:
        pg = self.provenance_graph
        document = self._document(doc_id)
        meta = self.documents.get(doc_id) or {}
        yield document, RDF.type, NIF.Context, pg
        yield document, RDF.type, SDO.NewsArticle, pg
        yield document, DCTERMS.identifier, _text(doc_id), pg
        yield self.run, PROV.used, document, pg
        if meta.get("title"):
            yield document, DCTERMS.title, _text(meta["title"]), pg
        if meta.get("published"):
            published = _date(meta["published"], allow_datetime=True)
            if published is None:
                self._warn(f"published {meta['published']!r} of document {doc_id!r}: not an ISO date; left out")
            else:
                yield document, DCTERMS.date, published, pg
        if meta.get("url"):
            if is_valid_iri(meta["url"]):
                yield document, SDO.url, URIRef(meta["url"]), pg
            else:
                self._warn(f"url {meta['url']!r} of document {doc_id!r}: not an absolute IRI; left out")
        length = _integer(meta.get("length"))
        if length is not None:
            yield document, KG.length, length, pg

    def _run_quads(self) -> Iterator[Quad]:
        pg = self.provenance_graph
        yield self.run, RDF.type, PROV.Activity, pg
        yield self.run, RDFS.label, Literal(f"kg {self.version} extraction run"), pg
        yield self.run, PROV.wasAssociatedWith, self.software, pg
        yield self.software, RDF.type, PROV.SoftwareAgent, pg
        yield self.software, RDF.type, SDO.SoftwareApplication, pg
        yield self.software, RDFS.label, Literal("kg"), pg
        yield self.software, SDO.softwareVersion, _text(self.version), pg
        if self.model is not None:
            model = self.G.graph["model"]
            yield self.run, PROV.used, self.model, pg
            yield self.model, RDF.type, PROV.Entity, pg
            yield self.model, RDF.type, SDO.SoftwareApplication, pg
            yield self.model, RDFS.label, _text(model), pg
            if self.G.graph.get("model_version"):
                yield self.model, SDO.softwareVersion, _text(self.G.graph["model_version"]), pg


# ---------------------------------------------------------------------------------- graphs

@contextmanager
def _rdflib_quiet() -> Iterator[None]:
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


# ---------------------------------------------------------------------------------- files

def format_of(path: Path, format: str | None) -> str:
    if format is not None:
        name = _FORMAT_NAMES.get(format.lower())
        if name is None:
            raise ValueError(f"format {format!r}: expected one of {', '.join(sorted(_FORMAT_NAMES))}")
        return name
    name = FORMATS.get(path.suffix.lower())
    if name is None:
        raise ValueError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"expected one of {', '.join(FORMATS)} or pass format="
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
                graph.add((s, p, o))
        with _rdflib_quiet():
            if fmt == "trig":
                buffer = io.BytesIO()
                _SortedTrigSerializer(ds).serialize(buffer, encoding="utf-8")
                return buffer.getvalue()
            return ds.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")
    graph = Graph()
    _bind(graph, base)
    with gc_paused():
        graph.addN((s, p, o, graph) for s, p, o, _ in quads)
    if fmt == "jsonld":
        data = graph.serialize(format="json-ld", context=_jsonld_context(base),
                               auto_compact=True, encoding="utf-8")
        return _canonical_json(data)
    return graph.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")


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


def _oxigraph_quads(quads: Iterable[Quad], *, triples: bool = False) -> list:
    import pyoxigraph as ox

    nodes: dict[URIRef, Any] = {}

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
        if term.datatype is None or term.datatype == XSD.string:
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
        terms = _oxigraph_quads(quads, triples=fmt not in _QUAD_FORMATS)
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
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise ValueError(f"engine {engine!r}: expected 'auto', 'rdflib' or 'oxigraph'")
    if engine == "oxigraph" and not _has_oxigraph():
        raise ValueError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph")
    quads = list(generate_quads(G, base=base))
    out = []
    for fmt in formats:
        fmt = format_of(Path("graph"), fmt)  # "ttl", "turtle", "nq", ... -> canonical name
        use_oxigraph = fmt != "jsonld" and (
            engine == "oxigraph" or (engine == "auto" and len(quads) > LARGE_GRAPH and _has_oxigraph())
        )
        data = _serialise_oxigraph(quads, fmt, base) if use_oxigraph else _serialise_rdflib(quads, fmt, base)
        out.append(_sorted_lines(data) if fmt in ("ntriples", "nquads") else data)
    return out


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
    ds = Dataset(default_union=True)
    try:
        with gc_paused(), _rdflib_quiet():
            ds.parse(path, format=_RDFLIB_FORMAT[fmt])
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise KGError(f"{path}: not valid {fmt} ({type(err).__name__}: {err})") from err
    return ds
