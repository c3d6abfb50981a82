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
>>> from kg.export.rdf import SEM, mint_iri, to_dataset, to_rdf
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

import logging
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

import kg
from kg.export.rdf.terms import (BASE, Quad, Terms, checked_base, date_literal, decimal_literal, integer_literal,
                                 is_valid_iri, mint_iri, text_literal)
from kg.export.rdf.vocab import CAMEO, CODES_FILE, EVENT_TYPE, KG, NIF, PLOVER, SEM

__all__ = ["generate_quads", "prefixes"]

# the namespaces' terms looked up once each (kg.export.rdf.terms.Terms)
DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, KG, NIF, SEM = map(  # type: ignore[misc]
    Terms, (DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, KG, NIF, SEM))

logger = logging.getLogger(__name__)


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

_CAMEO_CODE = re.compile(r"[0-9]{2,4}")
_PLOVER_CODE = re.compile(r"[A-Z]{2,20}")


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
    base = checked_base(base)
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


@lru_cache(maxsize=65536)
def _offset_literal(offset: int) -> Literal:
    """A character offset as xsd:nonNegativeInteger, made once: offsets repeat across documents
    and an rdflib Literal costs microseconds to make."""
    return Literal(str(offset), datatype=XSD.nonNegativeInteger)


class _Exporter:
    """One export: the IRIs minted so far and the quads of one event graph."""

    def __init__(self, G: nx.MultiDiGraph, base: str) -> None:
        self.G = G
        self.base = checked_base(base)
        self.entities_graph = URIRef(f"{self.base}graph/entities")
        self.provenance_graph = URIRef(f"{self.base}graph/provenance")
        documents = G.graph.get("documents")  # not copied: a stored graph reads it from disk
        self.documents: Mapping[str, dict[str, Any]] = documents if documents is not None else {}
        # entity id -> label, read once: a stored graph reads a node's attributes from disk
        self.entity_labels: dict[Any, Any] = {}
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
        # the run is kg's extraction with this model, whatever the documents: a corpus that
        # grows keeps its run IRI, so adding a document changes only that document's quads
        self.run = mint_iri("run", f"{model or ''} {version}", base=self.base)

    # -- helpers
    def _warn(self, message: str) -> None:
        if message not in self.warned:
            self.warned.add(message)
            logger.warning(message)

    def _entity_iris(self) -> dict[Any, URIRef]:
        """Entity IRIs from (type, label); nodes that would share one are told apart by id."""
        plain: dict[Any, URIRef] = {}
        slugs: dict[Any, str] = {}
        for node, data in self.G.nodes(data=True):
            if data.get("kind") == "entity":
                slug = slugs[node] = _ENTITY_TYPES.get(data.get("type"), _OTHER_ENTITY)[0]
                label = self.entity_labels[node] = data.get("label")
                plain[node] = mint_iri(slug, str(label or node), base=self.base)
        owners: dict[URIRef, list] = {}
        for node, iri in plain.items():
            owners.setdefault(iri, []).append(node)
        for iri, nodes in owners.items():
            if len(nodes) > 1:
                for node in nodes:
                    plain[node] = mint_iri(slugs[node], str(self.entity_labels[node] or node), str(node),
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
        label = text_literal(data.get("label") or node)
        yield iri, RDFS.label, label, g
        yield iri, DCTERMS.identifier, text_literal(node), g
        for alias in data.get("aliases") or ():
            alias = text_literal(alias)
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
        yield iri, RDFS.label, text_literal(self._event_label(data, edges)), g
        yield iri, DCTERMS.identifier, text_literal(node), g
        if data.get("subtype") and etype in _KIND_PROPERTY:
            yield iri, _KIND_PROPERTY[etype], text_literal(data["subtype"]), g
        if data.get("status"):
            yield iri, KG.status, text_literal(data["status"]), g
        if data.get("date"):
            stamp = date_literal(data["date"])
            if stamp is None:
                self._warn(f"date {data['date']!r} of event {node!r}: expected YYYY-MM-DD, YYYY-MM or YYYY; left out")
            else:
                yield iri, SEM.hasTimeStamp, stamp, g
        for attr, prop in (("trigger", KG.trigger), ("quote", KG.quote), ("content", KG.content)):
            if data.get(attr):
                yield iri, prop, text_literal(data[attr]), g
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
            str(self.entity_labels[target] or target)  # edges go to entities only
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
        person_label = self.entity_labels[person] or person
        org_label = self.entity_labels[organization] or organization
        label = f"{person_label}: {title}, {org_label}" if title else f"{person_label}, {org_label}"
        yield membership, RDFS.label, text_literal(label), g
        if title:
            role = mint_iri("role", str(title), base=self.base)
            yield membership, ORG.role, role, g
            if role not in self.roles:
                self.roles.add(role)
                yield role, RDF.type, ORG.Role, self.entities_graph
                yield role, RDFS.label, text_literal(title), self.entities_graph
        if isinstance(data.get("current"), bool):
            yield membership, KG.current, Literal(data["current"]), g
        yield from self._provenance(g, membership, data)

    def _provenance(self, g: URIRef, fact: URIRef, data: dict) -> Iterator[Quad]:
        pg = self.provenance_graph
        yield g, RDF.type, KG.Assertion, pg
        yield g, RDF.type, PROV.Entity, pg
        yield g, FOAF.primaryTopic, fact, pg
        yield g, PROV.wasGeneratedBy, self.run, pg
        confidence = decimal_literal(data.get("confidence"))
        if confidence is not None:
            yield g, KG.confidence, confidence, pg
        if data.get("rule"):
            yield g, KG.rule, text_literal(data["rule"]), pg
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
        yield sentence, NIF.beginIndex, _offset_literal(start), pg
        yield sentence, NIF.endIndex, _offset_literal(end), pg
        if report.get("sentence") is not None:
            yield sentence, NIF.anchorOf, text_literal(report["sentence"]), pg
        yield sentence, NIF.referenceContext, document, pg

    def _document_quads(self, doc_id: str) -> Iterator[Quad]:
        pg = self.provenance_graph
        document = self._document(doc_id)
        meta = self.documents.get(doc_id) or {}
        yield document, RDF.type, NIF.Context, pg
        yield document, RDF.type, SDO.NewsArticle, pg
        yield document, DCTERMS.identifier, text_literal(doc_id), pg
        yield self.run, PROV.used, document, pg
        if meta.get("title"):
            yield document, DCTERMS.title, text_literal(meta["title"]), pg
        if meta.get("published"):
            published = date_literal(meta["published"], allow_datetime=True)
            if published is None:
                self._warn(f"published {meta['published']!r} of document {doc_id!r}: not an ISO date; left out")
            else:
                yield document, DCTERMS.date, published, pg
        if meta.get("url"):
            if is_valid_iri(meta["url"]):
                yield document, SDO.url, URIRef(meta["url"]), pg
            else:
                self._warn(f"url {meta['url']!r} of document {doc_id!r}: not an absolute IRI; left out")
        length = integer_literal(meta.get("length"))
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
        yield self.software, SDO.softwareVersion, text_literal(self.version), pg
        if self.model is not None:
            model = self.G.graph["model"]
            yield self.run, PROV.used, self.model, pg
            yield self.model, RDF.type, PROV.Entity, pg
            yield self.model, RDF.type, SDO.SoftwareApplication, pg
            yield self.model, RDFS.label, text_literal(model), pg
            if self.G.graph.get("model_version"):
                yield self.model, SDO.softwareVersion, text_literal(self.G.graph["model_version"]), pg


