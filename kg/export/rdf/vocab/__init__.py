"""kg's RDF vocabularies: closed namespaces and the files that define them.

Every vocabulary kg writes is a closed :class:`rdflib.namespace.DefinedNamespace`, so a
misspelt term raises instead of minting a wrong IRI (``KG.Meetng`` -> AttributeError).
rdflib ships ORG, PROV, SDO (schema.org), SKOS, DCTERMS and FOAF; kg adds SEM, NIF and
its own KG, whose terms are defined, with a label and a comment each, in ``kg.ttl``.

Files in this package:

- ``kg.ttl``: kg's own classes and properties (namespace ``https://w3id.org/kg/vocab#``);
- ``codes.ttl``: CAMEO codes, PLOVER categories and kg's event types as SKOS concept schemes;

The SHACL shapes and the named SPARQL queries that read this vocabulary live with the
SPARQL tools, in :mod:`kg.sparql`.

Examples
--------
>>> str(KG.Meeting)
'https://w3id.org/kg/vocab#Meeting'
>>> KG.Meetng
Traceback (most recent call last):
...
AttributeError: term 'Meetng' not in namespace 'https://w3id.org/kg/vocab#'
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "CAMEO",
    "CODES_FILE",
    "EVENT_TYPE",
    "KG",
    "NIF",
    "PLOVER",
    "SEM",
    "VOCAB_DIR",
    "VOCAB_FILE",
]

VOCAB_DIR = Path(__file__).resolve().parent
VOCAB_FILE = VOCAB_DIR / "kg.ttl"
CODES_FILE = VOCAB_DIR / "codes.ttl"

# The code lists are data (hundreds of CAMEO codes), so their namespaces stay open; codes.ttl
# defines each concept and the SHACL shapes reject a code that it does not define.
CAMEO = Namespace("https://w3id.org/kg/codes/cameo/")
PLOVER = Namespace("https://w3id.org/kg/codes/plover/")
EVENT_TYPE = Namespace("https://w3id.org/kg/codes/event-type/")


class KG(DefinedNamespace):
    """kg's own terms; each is defined in ``kg.ttl`` with rdfs:label and rdfs:comment."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg/vocab#")

    # classes
    Assertion: URIRef  # a named graph holding one extracted fact, with a provenance record
    Group: URIRef  # a nationality, religious or political group acting as one (spaCy NORP)
    Meeting: URIRef  # a meeting, visit, talk or call between actors
    Statement: URIRef  # something an actor said, quoted or reported

    # properties
    cameo: URIRef  # the event's CAMEO code (a skos:Concept of codes.ttl)
    confidence: URIRef  # the extractor's confidence in an assertion, 0..1
    content: URIRef  # what was said, in reported speech
    current: URIRef  # whether a membership is held now (false: a former post)
    length: URIRef  # a document's length in characters (its text is not published)
    meetingKind: URIRef  # how the actors met: meet, visit, host, talks, call...
    mentionedIn: URIRef  # a document that mentions the entity
    plover: URIRef  # the event's PLOVER category (a skos:Concept of codes.ttl)
    quote: URIRef  # what was said, verbatim
    rule: URIRef  # the extraction rule that produced an assertion
    speaker: URIRef  # who made a statement
    statementKind: URIRef  # what a statement does: say, demand, reject, praise...
    status: URIRef  # occurred, planned, cancelled, uncertain or negated
    trigger: URIRef  # the word that signalled the event


class SEM(DefinedNamespace):
    """The Simple Event Model (van Hage et al. 2011), http://semanticweb.cs.vu.nl/2009/11/sem/.

    All terms of sem.rdf except ``sem:type``, whose name shadows a Python builtin; kg does
    not use it, so ``SEM.type`` raises.
    """

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Actor: URIRef
    ActorType: URIRef
    Authority: URIRef
    Constraint: URIRef
    Core: URIRef
    Event: URIRef
    EventType: URIRef
    Object: URIRef
    Place: URIRef
    PlaceType: URIRef
    Role: URIRef
    RoleType: URIRef
    Temporary: URIRef
    Time: URIRef
    TimeType: URIRef
    Type: URIRef
    View: URIRef
    accordingTo: URIRef
    actorType: URIRef
    eventProperty: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasBeginTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasEarliestEndTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef
    hasPlace: URIRef
    hasSubEvent: URIRef
    hasSubType: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    placeType: URIRef
    roleType: URIRef
    subEventOf: URIRef
    subTypeOf: URIRef
    timeType: URIRef


class NIF(DefinedNamespace):
    """NIF 2.1 core: strings and their offsets in a context (the core terms kg may use)."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    CString: URIRef
    Context: URIRef
    ContextCollection: URIRef
    OffsetBasedString: URIRef
    Paragraph: URIRef
    Phrase: URIRef
    RFC5147String: URIRef
    Sentence: URIRef
    String: URIRef
    Structure: URIRef
    Title: URIRef
    Word: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    nextSentence: URIRef
    predLang: URIRef
    previousSentence: URIRef
    referenceContext: URIRef
    sentence: URIRef
    sourceUrl: URIRef
    subString: URIRef
    superString: URIRef
    word: URIRef
