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
* **Other languages.** A document whose body is not English (see :mod:`kg.language`) is
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

import codecs
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.language import not_english_reason
from kg.model import Document

__all__ = ["SUFFIXES", "date_in_name", "decode_text", "parse_date", "read_documents", "split_headline"]

OUTPUT_MARKER = "extraction.json"
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")

ErrorHandler = Callable[[IngestError], None]

# file signatures of binary formats people rename or save as .txt by mistake
_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or a .docx)",
    b"\x1f\x8b": "a gzip archive",
}
# byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, line feed, vertical tab, form feed, carriage return, escape
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01  # text has none; a file with more than 1% is binary
_MAX_STRAY_PER_UTF8 = 10  # stray bytes a UTF-8 file may hold per UTF-8 character
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")


def read_documents(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Document]:
    """Yield the documents found in files and directories, in a stable order.

    Parameters
    ----------
    paths
        Files and directories; directories are searched recursively for ``SUFFIXES``.
    published
        ISO date used for documents that carry none of their own.
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
            _report(error, on_error)
            continue
        for where, document in records:
            if isinstance(document, IngestError):  # one bad line of a JSONL file
                _report(document, on_error)
                continue
            reason = not_english_reason(document.text)
            if reason is not None:
                _report(IngestError(f"{where}: not English ({reason}); skipped"), on_error)
            elif document.id in first_read:
                _report(IngestError(f"{where}: duplicate document id {document.id!r} "
                                    f"(first read from {first_read[document.id]}); skipped"), on_error)
            else:
                first_read[document.id] = where
                yield document


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _expand(paths: Iterable[str | Path], on_error: ErrorHandler | None) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # a folder kg wrote into (it holds extraction.json) is output, not articles
            outputs = {marker.parent for marker in path.rglob(OUTPUT_MARKER)}
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not outputs.intersection(p.parents))
            if not found:
                _report(IngestError(f"{path}: no {', '.join(SUFFIXES)} files in this folder; skipped"), on_error)
            yield from found
        elif not path.exists():
            _report(IngestError(f"{path}: no such file or folder; skipped"), on_error)
        elif path.suffix.lower() not in SUFFIXES:
            _report(IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
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
                                  published=published or date_in_name(path), source=str(path))


def decode_text(raw: bytes, path: Path | str) -> str:
    """Decode a file's bytes to text with ``\\n`` line endings; binary content is refused.

    UTF-8 (with or without BOM) and UTF-16 / UTF-32 with BOM are exact; UTF-8 with some
    stray bytes reads them as cp1252; anything else is charset_normalizer's best guess.

    Raises
    ------
    IngestError
        Naming ``path`` when the bytes are binary or fit no text encoding.

    Examples
    --------
    >>> decode_text("Lavrov\\r\\nmet".encode("utf-16"), "a.txt")
    'Lavrov\\nmet'
    >>> decode_text("Café in ".encode("utf-8") + "Genève".encode("cp1252"), "a.txt")
    'Café in Genève'
    >>> decode_text("Министр иностранных дел России встретился с коллегой.".encode("cp1251"), "a.txt")
    'Министр иностранных дел России встретился с коллегой.'
    """
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise IngestError(f"{path}: binary file ({kind}), not text; skipped")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(f"{path}: starts with a {encoding.upper()} byte-order mark but is not "
                                  f"valid {encoding.upper()} ({error.reason} at byte {error.start}); "
                                  f"skipped") from None
            break
    else:
        if b"\x00" in raw:
            raise IngestError(f"{path}: binary file (contains NUL bytes; UTF-16 text needs a "
                              f"byte-order mark), not text; skipped")
        text = _decode_bytes(raw, path)
    if "\x00" in text:
        raise IngestError(f"{path}: binary file (contains NUL characters), not text; skipped")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(f"{path}: binary file (control characters), not text; skipped")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(raw: bytes, path: Path | str) -> str:
    """UTF-8; else UTF-8 with cp1252 for stray bytes; else charset_normalizer's guess."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # surrogateescape keeps each undecodable byte as one lone surrogate U+DC80..U+DCFF
    escaped = raw.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for char in escaped if "\udc80" <= char <= "\udcff")
    utf8 = sum(1 for char in escaped if ord(char) > 0x7F) - stray
    # a legacy file (cp1251 Russian, cp1252) holds a valid UTF-8 pair only by chance, among
    # hundreds of stray bytes; a UTF-8 file with a pasted cp1252 word has a few stray bytes
    if utf8 and stray <= _MAX_STRAY_PER_UTF8 * utf8:
        return "".join(_stray_byte(char) if "\udc80" <= char <= "\udcff" else char for char in escaped)
    if len(_CONTROL.findall(escaped)) > _MAX_CONTROL_SHARE * len(escaped):
        raise IngestError(f"{path}: binary file (control characters), not text; skipped")
    return _guess_decode(raw, path)


def _stray_byte(char: str) -> str:
    byte = bytes([ord(char) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return byte.decode("latin-1")


def _guess_decode(raw: bytes, path: Path | str) -> str:
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    matches = list(from_bytes(raw))
    if not matches:
        raise IngestError(f"{path}: not UTF-8 and no other text encoding fits; skipped")
    best = matches[0]
    # charset_normalizer ranks cp1250 and cp1252 equal on most Western text; prefer cp1252
    for match in matches:
        if (match.encoding == "cp1252" and match.chaos == best.chaos
                and match.coherence == best.coherence):
            best = match
            break
    return str(best)


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
        source=str(path),
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
        source=str(path),
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
