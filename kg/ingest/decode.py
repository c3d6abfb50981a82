"""Bytes to text: encodings guessed where they must be, binary content refused.

UTF-8 (with or without a byte-order mark) and UTF-16 / UTF-32 with a byte-order mark are
read exactly. A UTF-8 file with some stray bytes (text pasted from a Windows program) stays
UTF-8 and reads each stray byte as cp1252. Any other file (cp1251 Cyrillic, cp1252,
Latin-1...) is decoded by charset_normalizer's best guess, preferring cp1252 on a tie.
Line endings become ``\\n`` before anything else, so every offset kg reports points into
the normalised text.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import IngestError

__all__ = ["NOT_XML_CHAR", "decode_text", "xml_safe"]



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
# characters outside XML 1.0's Char production: GraphML and RDF/XML cannot hold them, some
# parsers trip on them, and lone surrogates cannot even be encoded as UTF-8
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}  # vertical tab, form feed: a line or page ends
_MAX_CONTROL_SHARE = 0.01  # text has none; a file with more than 1% is binary
_MAX_STRAY_PER_UTF8 = 10  # stray bytes a UTF-8 file may hold per UTF-8 character


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


def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 cannot hold, so every export can write it.

    A vertical tab or form feed (Word's line and page breaks) becomes a line feed; any other
    control character (escape, NUL), a lone surrogate, U+FFFE and U+FFFF is dropped. kg reads
    documents through this before anything else, so offsets point into the cleaned text.

    Examples
    --------
    >>> xml_safe("Talks\x0bresumed\x1b[0m in \ufffeVienna")
    'Talks\nresumed[0m in Vienna'
    """
    if not NOT_XML_CHAR.search(text):
        return text
    return NOT_XML_CHAR.sub(lambda match: _LINE_BREAKS.get(match.group(), ""), text)


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
