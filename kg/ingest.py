"""Read articles into :class:`~kg.model.Document` records.

Accepted inputs: ``.txt`` (headline on line 1, a blank line, then the body), ``.html`` /
``.htm`` (main text, title and date through trafilatura), ``.jsonl`` (one record a line
with ``id``, ``title``, ``text`` and optional ``published`` and ``url``) and directories
holding any of those. A bad document never stops the others: each problem becomes one
:class:`~kg.errors.IngestError` whose message names the file (and line) and the reason.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.model import Document

__all__ = ["SUFFIXES", "date_in_name", "decode_text", "parse_date", "read_documents", "split_headline"]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")

ErrorHandler = Callable[[IngestError], None]


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
    seen: set[str] = set()
    for path in _expand(paths, on_error):
        try:
            documents = list(_read_file(path, published, on_error))
        except IngestError as error:
            _report(error, on_error)
            continue
        for document in documents:
            if document.id in seen:
                _report(IngestError(f"{path}: duplicate document id {document.id!r}; skipped"), on_error)
                continue
            seen.add(document.id)
            yield document


def _report(error: IngestError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _expand(paths: Iterable[str | Path], on_error: ErrorHandler | None) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                _report(IngestError(f"{path}: no {', '.join(SUFFIXES)} files in this folder"), on_error)
            yield from found
        elif not path.exists():
            _report(IngestError(f"{path}: no such file or folder"), on_error)
        elif path.suffix.lower() not in SUFFIXES:
            _report(IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUFFIXES)}"), on_error)
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


def _read_file(path: Path, published: str | None, on_error: ErrorHandler | None) -> Iterator[Document]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read the file ({error.strerror or error})") from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, decode_text(raw, path), published, on_error)
        return
    text = decode_text(raw, path)
    if not text.strip():
        raise IngestError(f"{path}: the file is empty; nothing to read")
    if suffix in (".html", ".htm"):
        yield _read_html(path, text, published)
    else:
        title, body = split_headline(text)
        yield Document(id=path.stem, text=body, title=title, published=published or date_in_name(path),
                       source=str(path))


def decode_text(raw: bytes, path: Path | str) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a best guess.

    Line endings are normalised to ``\\n``. Binary content is refused.

    Examples
    --------
    >>> decode_text("Lavrov\\r\\nmet".encode("utf-16"), "a.txt")
    'Lavrov\\nmet'
    """
    if raw.startswith(b"\x89PNG") or raw.startswith(b"\xff\xd8\xff") or raw.startswith(b"%PDF"):
        raise IngestError(f"{path}: binary file (an image or PDF), not text; skipped")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        if b"\x00" in raw:
            raise IngestError(f"{path}: binary file (contains NUL bytes), not text; skipped")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _guess_decode(raw, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_decode(raw: bytes, path: Path | str) -> str:
    from charset_normalizer import from_bytes  # installed with trafilatura's requests stack

    best = from_bytes(raw).best()
    if best is None:
        raise IngestError(f"{path}: not valid UTF-8 and no other text encoding fits; skipped")
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

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True,
                                    include_comments=False, include_tables=False)
    record = json.loads(extracted) if extracted else {}
    body = (record.get("text") or "").strip()
    if not body:
        raise IngestError(f"{path}: no article text found in the HTML; skipped")
    date = record.get("date")
    return Document(
        id=path.stem,
        text=body,
        title=record.get("title") or None,
        published=_safe_date(date) or published,
        source=str(path),
        url=record.get("source") or record.get("url") or None,
    )


def _read_jsonl(path: Path, text: str, published: str | None, on_error: ErrorHandler | None) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            yield _jsonl_record(line, where, published)
        except IngestError as error:
            _report(error, on_error)


def _jsonl_record(line: str, where: str, published: str | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"{where}: not valid JSON ({error.msg}); skipped") from None
    if not isinstance(record, dict):
        raise IngestError(f"{where}: expected a JSON object with 'id' and 'text', got {type(record).__name__}; skipped")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise IngestError(f"{where}: expected a JSON object with a non-empty 'text'; skipped")
    doc_id = record.get("id")
    if not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        raise IngestError(f"{where}: expected an 'id' (string); skipped")
    date = record.get("published")
    if date not in (None, ""):
        date = parse_date(str(date), where=f"{where}: 'published'")
    title = record.get("title")
    return Document(
        id=str(doc_id),
        text=body.replace("\r\n", "\n").replace("\r", "\n").strip(),
        title=title if isinstance(title, str) and title else None,
        published=date or published,
        source=where.split(": line")[0],
        url=record.get("url") if isinstance(record.get("url"), str) else None,
    )


def parse_date(value: str, *, where: str) -> str:
    """Check an ISO publication date (``YYYY-MM-DD``; a time part is dropped).

    Examples
    --------
    >>> parse_date("2019-05-28T10:00:00", where="x")
    '2019-05-28'
    """
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise IngestError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD") from None


def _safe_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value, where="html")
    except IngestError:
        return None
