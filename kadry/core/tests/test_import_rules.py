"""The dependency rules of docs/DESIGN between our modules, checked over the source (ast, no import run).

Function-level imports count: a lazy ``import`` inside a function still ties the two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
# Apps that orders call: they keep a string reference to "orders.Order" but never import the app.
DOMAIN_APPS = ("core", "lib", "staff", "employment", "leave", "school")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _shipped_modules() -> dict[str, Path]:
    """Return the modules that ship with the app: not tests, browser tests, test helpers or migrations."""
    skipped = {"tests", "browser_tests", "testing", "migrations"}
    return {
        _module_name(path): path for path in PACKAGE.rglob("*.py") if not skipped & set(path.relative_to(PACKAGE).parts)
    }


def _imports(path: Path) -> set[str]:
    """Return every absolute module name ``path`` imports, anywhere in it (``from a import b`` gives a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = _shipped_modules()
    return {
        name: {other for other in _imports(path) if other in modules and other != name}
        for name, path in modules.items()
    }


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_the_cycle_finder_finds_a_circle_between_a_service_and_its_task() -> None:
    graph = {"app.services": {"app.tasks", "lib"}, "app.tasks": {"app.services"}, "lib": set()}
    assert import_cycles(graph) == [["app.services", "app.tasks"]]


def test_no_module_of_ours_imports_itself_back_through_others() -> None:
    # Services and their background tasks used to import each other (documents, staff import,
    # student import); now each tasks module owns the enqueueing and the services import no task.
    assert import_cycles(import_graph()) == []


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_never_import_orders(app: str) -> None:
    offenders = sorted(
        name
        for name, imported in import_graph().items()
        if name.startswith(f"kadry.{app}.") or name == f"kadry.{app}"
        if any(other == "kadry.orders" or other.startswith("kadry.orders.") for other in imported)
    )
    assert offenders == []
