"""The Makefile: `make clean` removes what kg wrote and nothing else; installs run only when pyproject.toml changed."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.run import OUTPUT_FILES

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([MAKE, "-f", str(ROOT / "Makefile"), *args], cwd=folder, capture_output=True, text=True,
                          check=False)


def test_make_clean_removes_every_file_kg_writes_and_keeps_the_rest(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    listed = re.search(r"^KG_OUTPUTS := (.*)$", (ROOT / "Makefile").read_text(), flags=re.MULTILINE)[1].split()
    assert set(OUTPUT_FILES) <= set(listed)  # a new export is cleaned too
    written = [*listed, ".graph.json.k1ll3d_x.tmp"]
    for name in [*written, ".gitkeep", "my-notes.txt"]:
        (output / name).write_text("x", encoding="utf-8")
    run = make(tmp_path, "clean")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in output.iterdir()) == [".gitkeep", "my-notes.txt"]


def test_make_installs_only_when_pyproject_changed(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("", encoding="utf-8")
    for stamp in (".installed", ".installed-dev"):
        (venv / stamp).write_text("", encoding="utf-8")
    old = (tmp_path / "pyproject.toml").stat().st_mtime - 60
    os.utime(tmp_path / "pyproject.toml", (old, old))
    assert make(tmp_path, "-q", "install-dev").returncode == 0  # up to date: pip is not run
    assert make(tmp_path, "-q", "install").returncode == 0
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'changed'\n", encoding="utf-8")
    assert make(tmp_path, "-q", "install-dev").returncode == 1  # changed: the next make installs again
    assert "pip install" in make(tmp_path, "-n", "install-dev").stdout
