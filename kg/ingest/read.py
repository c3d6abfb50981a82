"""Read articles into :class:`~kg.model.Document` records.

Accepted inputs: ``.txt`` (headline on line 1, a blank line, then the body), ``.html`` /
``.htm`` (main text, title and date through trafilatura, so scripts, styles and page
furniture are never read), ``.jsonl`` (one record a line with ``id``, ``title``, ``text``
and optional ``published``, ``url``, ``publisher`` and ``publisher_country``) and directories holding any of those.

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
* **Line endings.** ``\\r\\n`` and ``\\r`` become ``\\n`` before anything else, so every
  character offset kg reports points into the normalised text.
* **Empty documents**, whitespace-only ones, a headline with no body and HTML in which
  trafilatura finds no article text are refused.
* **Other languages.** A document whose body is not English (see :mod:`kg.ingest.language`) is
  refused: kg's rules and model read English only.
* **JSONL.** A line that is not JSON, not an object, or lacks a non-empty ``text`` or an
  ``id`` is refused, as is a record whose ``published`` is not a ``YYYY-MM-DD`` date (kept
  without its date, the record would be read against the wrong calendar: relative dates
  such as "on Tuesday" need it).
* **Duplicate ids.** The first document with an id is kept; later ones, in the same file
  or another, are refused with a message naming where the first came from.

Documents longer than the spaCy pipeline's ``max_length`` are read here and refused by
:func:`kg.extraction.extract_documents`, which knows the pipeline.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ErrorHandler, IngestError, report
from kg.ingest.decode import decode_text
from kg.ingest.language import not_english_reason
from kg.model import Document

__all__ = ["OUTPUT_MARKER", "SUFFIXES", "date_in_name", "parse_date", "portable_source", "read_documents",
           "split_headline"]

OUTPUT_MARKER = "extraction.json"
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
    first_read: dict[str, str] = {}
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
            reason = not_english_reason(document.text)
            if reason is not None:
                report(IngestError(f"{where}: not English ({reason}); skipped"), on_error)
            elif document.id in first_read:
                report(IngestError(f"{where}: duplicate document id {document.id!r} "
                                    f"(first read from {first_read[document.id]}); skipped"), on_error)
            else:
                first_read[document.id] = where
                if publisher_country and not document.publisher_country:
                    document = replace(document, publisher_country=publisher_country)
                yield document


def _expand(paths: Iterable[str | Path], on_error: ErrorHandler | None) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # a folder kg wrote into (it holds extraction.json) is output, not articles
            outputs = {marker.parent for marker in path.rglob(OUTPUT_MARKER)}
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not outputs.intersection(p.parents))
            if not found:
                report(IngestError(f"{path}: no {', '.join(SUFFIXES)} files in this folder; skipped"), on_error)
            yield from found
        elif not path.exists():
            report(IngestError(f"{path}: no such file or folder; skipped"), on_error)
        elif path.suffix.lower() not in SUFFIXES:
            report(IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUFFIXES)}; skipped"), on_error)
        else:
            yield path


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
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"{where}: not valid JSON ({error.msg} at column {error.colno}); skipped") from None
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
