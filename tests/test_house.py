"""The house: kg's modules import in one direction, stage by stage, and their examples run.

Imports are read from the source (ast), those inside functions included, since a lazy
import is still a dependency; only ``if TYPE_CHECKING:`` blocks are left out.
"""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

#: The rooms in the order data flows through them; a module may import only its own room
#: or a room before it. A new room is added here, in its place.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("records", ("kg", "kg.errors", "kg.model", "kg.ids", "kg.atomic", "kg.collector", "kg.rules")),
    ("ingest", ("kg.ingest",)),
    ("extraction", ("kg.extraction",)),
    ("resolve", ("kg.resolve",)),
    ("store", ("kg.store",)),
    ("graph", ("kg.graph",)),
    ("export", ("kg.export",)),
    ("sparql", ("kg.sparql",)),
    ("run", ("kg.run",)),
    ("corpus", ("kg.corpus",)),
    ("cli", ("kg.cli",)),
)


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(tree: ast.AST) -> set[str]:
    """Every module of kg named by an import statement of ``tree``."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "kg")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "kg":
            for alias in node.names:  # "from kg.x import y": the module kg.x.y if there is one
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> nx.DiGraph:
    """Module -> module it imports; importing ``kg.a.b`` from outside ``kg.a`` runs ``kg.a`` too."""
    G = nx.DiGraph()
    G.add_nodes_from(MODULES)
    for name, path in MODULES.items():
        for target in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            parts = target.split(".")
            for i in range(2, len(parts)):  # the packages the target sits in, kg itself aside
                package = ".".join(parts[:i])
                if package in MODULES and name != package and not name.startswith(package + "."):
                    G.add_edge(name, package)
            if target in MODULES and target != name:
                G.add_edge(name, target)
    return G


def stage_of(module: str) -> int:
    best = None
    for index, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or (prefix != "kg" and module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[1]:
                    best = (index, len(prefix))
    if best is None:
        raise AssertionError(f"{module} belongs to no stage: add its room to STAGES in tests/test_house.py")
    return best[0]


def test_house_imports_have_no_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], "modules importing each other: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_house_every_module_has_a_room():
    assert {name: stage_of(name) for name in MODULES}  # raises, naming a module without a room


def test_house_no_module_imports_a_later_stage():
    names = [name for name, _ in STAGES]
    wrong = [f"{a} ({names[stage_of(a)]}) imports {b} ({names[stage_of(b)]})"
             for a, b in sorted(import_graph().edges()) if stage_of(b) > stage_of(a)]
    assert wrong == []


def test_house_import_graph_sees_lazy_imports():
    # the reader itself: a function-level import counts, a TYPE_CHECKING one does not
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kg.cli\n"
                     "def f():\n    from kg.graph import select_subgraph\n    from kg.extraction import gazetteer\n")
    assert _imported(tree) == {"kg.graph", "kg.extraction.gazetteer"}
    assert ("kg.run.local", "kg.run.processes") in import_graph().edges()  # imported inside extract_records


def test_house_stages_read_as_the_data_flows():
    assert [stage_of(m) for m in ("kg.model", "kg.ingest.read", "kg.extraction.meetings", "kg.resolve", "kg.store.records",
                                  "kg.graph.select", "kg.export.rdf.quads", "kg.sparql.query",
                                  "kg.run.local", "kg.corpus", "kg.cli")] == list(range(len(STAGES)))


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n not in {"kg.cli"}))
def test_house_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


@pytest.mark.parametrize("name", sorted(n for n, p in MODULES.items() if p.name == "__init__.py"))
def test_house_each_room_says_what_it_holds(name):
    assert (importlib.import_module(name).__doc__ or "").strip(), f"{name} has no docstring"
