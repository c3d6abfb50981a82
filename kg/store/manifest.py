"""``FOLDER/manifest.json``: which corpus state the exports in a folder were made from.

kg writes it beside the exports: ``{"corpus": STATE, "documents": N, "files": {NAME:
"sha256:..."}, "kg": VERSION}``, where ``STATE`` is :meth:`kg.store.RecordStore.state`
of the store the exports were made from. Before it renames new exports into place, kg
marks the manifest ``"corpus": "pending"``; the final manifest is written only once the
exports and the store are both in place. A run killed (or a disk filling) anywhere in
between leaves a manifest that does not match the store, and the next ``kg add`` or
``kg build`` writes the exports again (:func:`exports_behind`).

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> exports_behind(folder, "sha256-sum:00", ["graph.nq"])
True
>>> _ = write_manifest(folder, state="sha256-sum:00", documents=0, files={"graph.nq": "sha256:0"})
>>> (folder / "graph.nq").write_text("")
0
>>> exports_behind(folder, "sha256-sum:00", ["graph.nq"])
False
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write_text

__all__ = ["MANIFEST_FILE", "PENDING", "exports_behind", "mark_pending", "read_manifest", "write_manifest"]

MANIFEST_FILE = "manifest.json"
PENDING = "pending"


def read_manifest(folder: Path) -> dict[str, Any]:
    """The folder's manifest, or ``{}`` when it has none (or one kg cannot read)."""
    try:
        data = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def mark_pending(folder: Path) -> None:
    """Say, before new exports are renamed into place, that the folder's exports are changing."""
    previous = read_manifest(folder)
    write_manifest(folder, state=PENDING, documents=previous.get("documents", 0), files={})


def write_manifest(folder: Path, *, state: str, documents: int, files: Mapping[str, str]) -> Path:
    """Record that the exports ``files`` (name -> sha256) were made from corpus ``state``."""
    import kg

    data = {"corpus": state, "documents": documents, "files": dict(sorted(files.items())), "kg": kg.__version__}
    return atomic_write_text(Path(folder) / MANIFEST_FILE, json.dumps(data, indent=1) + "\n")


def exports_behind(folder: Path, state: str, names: Iterable[str]) -> bool:
    """True when the exports ``names`` in ``folder`` were not all made from corpus ``state``."""
    manifest = read_manifest(folder)
    if manifest.get("corpus") != state:
        return True
    files = manifest.get("files") or {}
    return any(name not in files or not (Path(folder) / name).exists() for name in names)
