"""Vendor the page's front-end libraries from the npm registry into ``kg/templates/lib/``.

Usage::

    python scripts/vendor_js.py

The page (kg.export.html) inlines these files, so it opens offline from ``file://`` and
never reaches a CDN. Each library lands in ``kg/templates/lib/NAME-VERSION/`` with its
licence file(s); ``kg/templates/lib/VENDORED.md`` lists what came from where. vis-network
is not here: it comes from pyvis's package files.

Needs ``npm`` (it runs ``npm install`` into a temporary folder, with no scripts run).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LIB = Path(__file__).resolve().parent.parent / "kg" / "templates" / "lib"

#: package, version, files to copy (paths inside the package), what the page uses it for
PACKAGES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("vis-timeline", "8.5.4",
     ("standalone/umd/vis-timeline-graph2d.min.js", "styles/vis-timeline-graph2d.min.css",
      "LICENSE.md", "LICENSE.MIT.txt", "LICENSE.Apache-2.0.txt"),
     "the timeline view (standalone build: bundles vis-data and moment)"),
    ("d3-array", "3.2.5", ("dist/d3-array.min.js", "LICENSE"), "needed by d3-geo"),
    ("d3-geo", "3.1.2", ("dist/d3-geo.min.js", "LICENSE"), "the map's projection and paths"),
    ("topojson-client", "3.1.0", ("dist/topojson-client.min.js", "LICENSE"),
     "decodes the world atlas"),
    ("world-atlas", "2.0.2", ("countries-110m.json", "LICENSE"),
     "country outlines, Natural Earth 1:110m (public domain), ISC-licensed packaging"),
)


def main() -> int:
    if shutil.which("npm") is None:
        print("npm: not found; install Node.js and npm", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{name}@{version}" for name, version, _, _ in PACKAGES]
        subprocess.run(["npm", "install", "--prefix", tmp, "--no-audit", "--no-fund",
                        "--ignore-scripts", "--no-save", *specs], check=True)
        lines = ["# Vendored front-end libraries", "",
                 "Written by `scripts/vendor_js.py` from the npm registry; inlined into `graph.html`.", "",
                 "| package | version | licence | files | used for |", "|---|---|---|---|---|"]
        for name, version, files, purpose in PACKAGES:
            source = Path(tmp) / "node_modules" / name
            meta = json.loads((source / "package.json").read_text(encoding="utf-8"))
            if meta["version"] != version:
                raise SystemExit(f"{name}: npm gave {meta['version']}, expected {version}")
            target = LIB / f"{name}-{version}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for file in files:
                shutil.copyfile(source / file, target / Path(file).name)
            lines.append(f"| {name} | {version} | {meta.get('license')} | "
                         f"{', '.join(Path(f).name for f in files)} | {purpose} |")
            print(target)
        (LIB / "VENDORED.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
