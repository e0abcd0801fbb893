"""No import circles among Sitrep's own modules (``src/sitrep``).

The graph is read from the source with ``ast``, not by importing anything. It holds every
import that runs: at module level, in functions (lazy imports, such as a package's
``__getattr__``) and in class bodies. Imports under ``if TYPE_CHECKING:`` never run and are
left out (mypy reads them). ``import a.b`` depends on ``a.b``; ``from a import b`` depends on
``a`` (its namespace is read, so its ``__init__`` must have run) and also on ``a.b`` when that
is a module. The implicit import of a module's parent packages is not an edge: Python always
runs them first, whatever the module imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def module_files(src: Path) -> dict[str, Path]:
    """``sitrep.x.y`` -> its file, for every module and package under ``src/sitrep``."""
    found = {}
    for path in sorted((src / "sitrep").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        names = set()
        for alias in node.names:
            name = alias.name
            while name and name not in known:  # ``import sitrep.x.func``: the longest known prefix
                name = name.rpartition(".")[0]
            names.add(name)
        return names - {""}
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    names = {f"{base}.{alias.name}" for alias in node.names} | {base}
    return names & known


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``module`` imports when it runs (see the module docstring)."""
    found: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path))]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found |= _targets(node, module, path.name == "__init__.py", known)
        pending.extend(ast.iter_child_nodes(node))
    return found - {module}


def import_graph(src: Path) -> dict[str, set[str]]:
    files = module_files(src)
    return {module: imports_of(module, path, set(files)) for module, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = stack[stack.index(node) :]
                    del stack[stack.index(node) :]
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in stack:
                low[node] = min(low[node], index[child])
    return sorted(found)


def test_sitrep_has_no_import_cycles() -> None:
    graph = import_graph(SRC)
    assert len(graph) > 50 and "sitrep.cli" in graph and "sitrep.cli_corpus" in graph["sitrep.cli"]
    found = cycles(graph)
    detail = [" -> ".join(c) for c in found]
    assert found == [], "import circles: " + "; ".join(detail)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # the shape cli.py had: commands importing the group, held by an import at the bottom of cli.py
        (
            {
                "cli.py": "import click\nmain = 1\nfrom sitrep import corpus_cli\n",
                "corpus_cli.py": "from sitrep.cli import main\n",
            },
            [["sitrep.cli", "sitrep.corpus_cli"]],
        ),
        # a package re-exporting a reader whose helper imports a sibling through the package
        (
            {
                "ing/__init__.py": "from sitrep.ing.reader import read\n",
                "ing/reader.py": "from sitrep.ing.md import parse\n",
                "ing/md.py": "from sitrep.ing import front\n",
                "ing/front.py": "",
            },
            [["sitrep.ing", "sitrep.ing.md", "sitrep.ing.reader"]],
        ),
        # a lazy import inside a function still closes a circle; a relative import is resolved
        ({"a.py": "def f():\n    from sitrep import b\n", "b.py": "from . import a\n"}, [["sitrep.a", "sitrep.b"]]),
        # imports for type checking only, and a chain without a way back, are no circle
        (
            {
                "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sitrep.b import B\n",
                "b.py": "import sitrep.a\nimport sitrep.c\n",
                "c.py": "import json\n",
            },
            [],
        ),
    ],
    ids=["bottom-import", "package-reexport", "lazy-and-relative", "none"],
)
def test_cycles_are_found_in_small_trees(tmp_path: Path, files: dict[str, str], expected: list[list[str]]) -> None:
    _write(tmp_path / "sitrep", {"__init__.py": "", **files})
    assert cycles(import_graph(tmp_path)) == expected
