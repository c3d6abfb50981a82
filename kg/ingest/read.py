"""Read articles into :class:`~kg.model.Document` records.

Accepted inputs: ``.txt`` (headline on line 1, a blank line, then the body), ``.html`` /
``.htm`` (main text, title and date through trafilatura, so scripts, styles and page
furniture are never read), ``.jsonl`` (one record a line with ``id``, ``title``, ``text``
and optional ``published``, ``url``, ``publisher`` and ``publisher_country``) and directories
holding any of those.

A bad document never stops the others: each problem becomes one
:class:`~kg.errors.IngestError` whose message names the file (and line, for JSONL) and the
reason, ending in "skipped". What is refused, and what is repaired:

* **Encodings.** UTF-8 (with or without a byte-order mark) and UTF-16 / UTF-32 with a
  byte-order mark are read exactly. A UTF-8 file with some stray bytes in it (text pasted
  from a Windows program; at most ten stray bytes for each UTF-8 character) stays UTF-8
  and reads each stray byte as cp1252. Any other file (cp1251 Cyrillic, cp1252, Latin-1...)
  is decoded by charset_normalizer's best guess, preferring cp1252 on a tie since it is the
  usual legacy encoding of English news. A decoded file is not reported: its text is read
  as it was meant. Binary content (an image or PDF by its signature, NUL bytes, control
  characters) and bytes that no encoding fits are refused.
* **Files and folders.** A path that is not a regular file (a FIFO, whose reading would
  wait forever, a device, a socket) is refused, as is a file or folder kg may not read,
  each with one message. A folder holding kg's own outputs (:func:`is_kg_output`) is not
  read as articles.
* **Line endings.** ``\\r\\n`` and ``\\r`` become ``\\n`` before anything else, so every
  character offset kg reports points into the normalised text.
* **Characters XML cannot hold** (control characters, lone surrogates, U+FFFE) are dropped
  from every text field, vertical tabs and form feeds become line breaks
  (:func:`~kg.ingest.decode.xml_safe`), so that every export can write them.
* **Empty documents**, whitespace-only ones, a headline with no body and HTML in which
  trafilatura finds no article text are refused.
* **Other languages.** A document whose body is not English (see :mod:`kg.ingest.language`) is
  refused: kg's rules and model read English only.
* **JSONL.** A line that is not JSON (nested deeper than Python's decoder reads, or with
  an integer of more than 4,300 digits, included), not an object, or lacks a non-empty
  ``text`` or an ``id`` is refused, as is a record whose ``published`` is not a ``YYYY-MM-DD`` date (kept
  without its date, the record would be read against the wrong calendar: relative dates
  such as "on Tuesday" need it).
* **Duplicate ids.** The first document with an id is kept; later ones, in the same file
  or another, are refused with a message naming where the first came from. Ids that
  differ only in case, spacing or Unicode form (``Doc1`` and ``doc1``, ``Café`` in NFC and
  NFD) are duplicates: kg's RDF would give them one document IRI
  (:func:`kg.ids.identity_key`).

Documents longer than the spaCy pipeline's ``max_length``, or with a sentence longer than
kg reads, are read here and refused by :func:`kg.extraction.extract_documents`, which
knows the pipeline.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path

from kg.errors import ErrorHandler, IngestError, report
from kg.ids import identity_key
from kg.ingest.decode import decode_text, xml_safe
from kg.ingest.language import not_english_reason
from kg.model import Document

__all__ = ["OUTPUT_MARKER", "SUFFIXES", "date_in_name", "is_kg_output", "parse_date", "parse_json_line",
           "portable_source", "read_documents", "split_headline"]

# kg's marker on a folder it wrote into: its page, which names kg as its generator (see
# kg/templates/graph.html.j2), or the manifest kg keeps beside a corpus's exports
OUTPUT_MARKER = "graph.html"
MANIFEST_MARKER = "manifest.json"
_KG_GENERATOR = b'<meta name="generator" content="kg'
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")


def read_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    publisher_country: str | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Document]:
    """Yield the documents found in files and directories, in a stable order.

    Parameters
    ----------
    paths
        Files and directories; directories are searched recursively for ``SUFFIXES``.
    published
        ISO date used for documents that carry none of their own.
    publisher_country
        Country whose government or national outlet published the documents that name
        no ``publisher_country`` of their own (``--publisher-country``): a bare title
        ("the Prime Minister") in them is that country's.
    on_error
        Called with an :class:`IngestError` for each document that cannot be read;
        without it the first error is raised.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text("Ministers Meet\\n\\nLavrov met Karzai.")
    >>> [(d.id, d.title, d.text) for d in read_documents([folder])]
    [('a1', 'Ministers Meet', 'Lavrov met Karzai.')]
    """
    if published is not None:
        published = parse_date(published, where="--published")
    first_read: dict[str, tuple[str, str]] = {}  # identity key -> (id, where it was read)
    for path in _expand(paths, on_error):
        try:
            records = list(_read_file(path, published))
        except IngestError as error:
            report(error, on_error)
            continue
        for where, document in records:
            if isinstance(document, IngestError):  # one bad line of a JSONL file
                report(document, on_error)
                continue
            document = _xml_safe_document(document)
            if not document.text.strip() or not document.id.strip():
                report(IngestError(f"{where}: only control characters in its "
                                    f"{'text' if not document.text.strip() else 'id'}; skipped"), on_error)
                continue
            reason = not_english_reason(document.text)
            key = identity_key(document.id)  # ids one IRI apart: "Doc1" and "doc1", NFC and NFD
            if reason is not None:
                report(IngestError(f"{where}: not English ({reason}); skipped"), on_error)
            elif key in first_read:
                first_id, first_where = first_read[key]
                same = "" if first_id == document.id else (
                    f", the same as {first_id!r} but for case, spacing or Unicode form")
                report(IngestError(f"{where}: duplicate document id {document.id!r}{same} "
                                    f"(first read from {first_where}); skipped"), on_error)
            else:
                first_read[key] = (document.id, where)
                if publisher_country and not document.publisher_country:
                    document = replace(document, publisher_country=publisher_country)
                yield document


def _xml_safe_document(document: Document) -> Document:
    """The document with every text field cleaned by :func:`~kg.ingest.decode.xml_safe`."""
    changed = {}
    for field in fields(document):
        value = getattr(document, field.name)
        if isinstance(value, str) and xml_safe(value) != value:
            cleaned = xml_safe(value).strip()  # a form feed at the end is no text
            changed[field.name] = cleaned if cleaned or field.name in ("id", "text") else None
    return replace(document, **changed) if changed else document


def _expand(paths: Iterable[str | Path], on_error: ErrorHandler | None) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            report(IngestError(f"{path}: no such file or folder; skipped"), on_error)
            continue
        except OSError as error:
            report(IngestError(f"{path}: cannot read ({error.strerror or error}); skipped"), on_error)
            continue
        if stat.S_ISDIR(mode):
            yield from _folder_articles(path, on_error)
        elif not stat.S_ISREG(mode):
            # reading a FIFO waits for a writer forever; a device or socket is no article either
            report(IngestError(f"{path}: not a regular file ({_file_kind(mode)}); skipped"), on_error)
        elif path.suffix.lower() not in SUFFIXES:
            report(IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUFFIXES)}; skipped"), on_error)
        else:
            yield path


def _folder_articles(folder: Path, on_error: ErrorHandler | None) -> Iterator[Path]:
    """The article files below ``folder``, sorted; unreadable folders and special files are
    reported, each once, and left out. kg's own output folders are left out too (their
    ``graph.html`` is no article), and named when nothing else is found."""
    found: list[Path] = []
    reported = False

    def skip(message: str) -> None:
        nonlocal reported
        reported = True
        report(IngestError(f"{message}; skipped"), on_error)

    def unreadable(error: OSError) -> None:
        skip(f"{error.filename}: cannot read the folder ({error.strerror or error})")

    outputs: list[tuple[Path, str]] = []  # kg's own output folders: named only if nothing else is found
    for root, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        why = _why_output(here)
        if why is not None:
            outputs.append((here, why))
            folders.clear()
            continue
        folders.sort()
        for name in files:
            path = here / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                mode = path.stat().st_mode
            except OSError as error:  # a dangling link, a file removed meanwhile
                skip(f"{path}: cannot read ({error.strerror or error})")
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                skip(f"{path}: not a regular file ({_file_kind(mode)})")
    if found or reported:
        pass
    elif outputs and outputs[0][0] == folder:
        skip(f"{folder}: kg's own output folder ({outputs[0][1]}), not articles")
    elif outputs:
        skip(f"{folder}: no {', '.join(SUFFIXES)} files in this folder outside kg's own output folders, "
             f"which are not articles: {', '.join(f'{path} ({why})' for path, why in outputs)}")
    else:
        skip(f"{folder}: no {', '.join(SUFFIXES)} files in this folder")
    yield from sorted(found)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def is_kg_output(folder: Path) -> bool:
    """True for a folder kg wrote its outputs into: it holds kg's marker, a ``graph.html``
    whose ``generator`` is kg (or kg's ``manifest.json``). An ``extraction.json`` alone is no
    marker: ``kg extract arts -o arts/extraction.json`` leaves the articles what they are.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "extraction.json").write_text("{}")
    >>> is_kg_output(folder)
    False
    >>> _ = (folder / OUTPUT_MARKER).write_text('<meta name="generator" content="kg">')
    >>> is_kg_output(folder)
    True
    """
    return _why_output(folder) is not None


def _why_output(folder: Path) -> str | None:
    try:
        with open(folder / OUTPUT_MARKER, "rb") as page:
            if _KG_GENERATOR in page.read(4096):
                return f"its {OUTPUT_MARKER} was written by kg"
    except OSError:
        pass
    try:
        manifest = json.loads((folder / MANIFEST_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(manifest, dict) and "kg" in manifest and "files" in manifest:
        return f"its {MANIFEST_MARKER} was written by kg"
    return None


def date_in_name(path: Path) -> str | None:
    """A publication date written into a file name ("voa-2019-01-28-talks.txt"), if valid.

    Examples
    --------
    >>> date_in_name(Path("voa-2019-01-28-talks.txt"))
    '2019-01-28'
    """
    match = re.search(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)", path.stem)
    return _safe_date(match.group(1)) if match else None


def _read_file(path: Path, published: str | None) -> Iterator[tuple[str, Document | IngestError]]:
    """Yield ``(where, document)``, where names the file (and line); raise for a bad file.

    A bad line of a JSONL file comes as ``(where, IngestError)`` so the lines after it,
    and the messages, stay in file order.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read the file ({error.strerror or error}); skipped") from None
    text = decode_text(raw, path)
    if not text:
        raise IngestError(f"{path}: empty file; skipped")
    if not text.strip():
        raise IngestError(f"{path}: only whitespace, no text; skipped")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text, published)
    elif suffix in (".html", ".htm"):
        yield str(path), _read_html(path, text, published)
    else:
        title, body = split_headline(text)
        if not body:
            raise IngestError(f"{path}: a headline ({title!r}) but no body text; skipped")
        yield str(path), Document(id=path.stem, text=body, title=title,
                                  published=published or date_in_name(path), source=portable_source(path))


def portable_source(path: Path) -> str:
    """The path to keep in a Document's ``source``: as given when relative, never absolute.

    Exports travel to other machines, where an absolute path means nothing and tells
    where the builder kept their files: an absolute path becomes relative to the working
    directory when it lies under it, else the file's name.

    Examples
    --------
    >>> portable_source(Path("articles/a1.txt"))
    'articles/a1.txt'
    >>> portable_source(Path.cwd() / "articles" / "a1.txt")
    'articles/a1.txt'
    >>> portable_source(Path("/nowhere-kg/a1.txt"))
    'a1.txt'
    """
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):  # outside the working directory, or that directory is gone
        return path.name


def split_headline(text: str) -> tuple[str | None, str]:
    """Split ``headline, blank line, body``; text without that layout is all body.

    Examples
    --------
    >>> split_headline("Title\\n\\nBody text.")
    ('Title', 'Body text.')
    >>> split_headline("Just a body.")
    (None, 'Just a body.')
    """
    lines = text.strip("\n").split("\n")
    if len(lines) >= 3 and lines[0].strip() and not lines[1].strip():
        return lines[0].strip(), "\n".join(lines[2:]).strip()
    return None, text.strip()


def _read_html(path: Path, html: str, published: str | None) -> Document:
    import trafilatura

    options = {"include_comments": False, "include_tables": False}
    extracted = trafilatura.extract(html, output_format="json", with_metadata=True, **options)
    record = json.loads(extracted) if extracted else {}
    body = (record.get("text") or "").strip()
    # on a page without an article trafilatura's recall mode returns the menu ("Home");
    # its precision mode returns nothing, which tells the two apart
    if not body or trafilatura.extract(html, favor_precision=True, **options) is None:
        raise IngestError(f"{path}: no article text in the HTML (only markup, scripts, menus or "
                          f"boilerplate); skipped")
    title = (record.get("title") or "").strip() or None
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        body = rest.strip()  # the <h1> repeats the title, which is kept apart as in .txt files
    date = record.get("date")
    return Document(
        id=path.stem,
        text=body,
        title=title,
        published=_safe_date(date) or published or date_in_name(path),
        source=portable_source(path),
        url=record.get("source") or record.get("url") or None,
    )


def _read_jsonl(path: Path, text: str, published: str | None) -> Iterator[tuple[str, Document | IngestError]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            yield where, _jsonl_record(line, where, path, published)
        except IngestError as error:
            yield where, error


def _jsonl_record(line: str, where: str, path: Path, published: str | None) -> Document:
    try:
        record = parse_json_line(line, where)
    except IngestError as error:
        raise IngestError(f"{error}; skipped") from None
    if not isinstance(record, dict):
        raise IngestError(f"{where}: expected a JSON object with 'id' and 'text', "
                          f"got {_json_type(record)}; skipped")
    if "text" not in record:
        raise IngestError(f"{where}: no 'text' field; expected a JSON object with 'id' and 'text'; skipped")
    body = record["text"]
    if not isinstance(body, str):
        raise IngestError(f"{where}: 'text' is {_json_type(body)}; expected a string; skipped")
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise IngestError(f"{where}: 'text' is empty; skipped")
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise IngestError(f"{where}: expected an 'id' (a non-empty string), got {_json_type(doc_id)}; skipped")
    date = record.get("published")
    if date is not None and date != "":
        if not isinstance(date, str):
            raise IngestError(f"{where}: 'published' is {_json_type(date)}; expected a YYYY-MM-DD date; skipped")
        try:
            date = parse_date(date, where=f"{where}: 'published'")
        except IngestError as error:
            raise IngestError(f"{error}; skipped") from None
    title = record.get("title")
    url = record.get("url")
    return Document(
        id=str(doc_id).strip(),
        text=body,
        title=(title.strip() or None) if isinstance(title, str) else None,
        published=date or published,
        source=portable_source(path),
        url=url if isinstance(url, str) and url else None,
        publisher=_optional_string(record, "publisher", where),
        publisher_country=_optional_string(record, "publisher_country", where),
    )


def parse_json_line(line: str, where: str) -> object:
    """One line of JSON Lines decoded; any way it can fail is one :class:`IngestError`.

    Besides malformed JSON, Python's decoder refuses nesting deeper than its recursion limit
    and integers of more digits than ``sys.get_int_max_str_digits()``: either would abort
    the whole run, not just the line.

    Examples
    --------
    >>> parse_json_line('{"id": 1}', "a.jsonl: line 1")
    {'id': 1}
    >>> parse_json_line("[" * 100_000, "a.jsonl: line 2")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: a.jsonl: line 2: not valid JSON (nested too deeply to read)
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise IngestError(f"{where}: not valid JSON (nested too deeply to read)") from None
    except ValueError as error:  # "Exceeds the limit (4300 digits) for integer string conversion"
        limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        raise IngestError(f"{where}: not valid JSON (a number of more than {limit:,} digits)"
                          if limit and "digits" in str(error) else f"{where}: not valid JSON ({error})") from None


def _optional_string(record: dict, key: str, where: str) -> str | None:
    """A record's optional text field: absent, null or empty is None; any other type is refused."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"{where}: {key!r} is {_json_type(value)}; expected a string; skipped")
    return value.strip() or None


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def parse_date(value: str, *, where: str) -> str:
    """Check an ISO publication date (``YYYY-MM-DD``; a time part is dropped).

    Raises
    ------
    IngestError
        ``"{where}: 'value' is not a date; expected YYYY-MM-DD"``.

    Examples
    --------
    >>> parse_date("2019-05-28T10:00:00", where="x")
    '2019-05-28'
    """
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise IngestError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD") from None


def _safe_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value, where="html")
    except IngestError:
        return None
