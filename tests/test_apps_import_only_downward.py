"""The tree keeps its layers: every import of every module (those inside functions
too) goes to an app below the importer's in the declared order, and no two modules
import each other, however long the way round (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. An app may import the apps before it, never one after it; the
# wiring (config), the demo, backups and your data's export sit on top and may
# import any.
ORDER = [
    "core",
    "users",
    "notifications",
    "questions",
    "interviews",
    "rooms",
    "feedback",
    "practice",
    "career",
    "demo",
    "backups",
    "mydata",
    "config",
]
TOP = {"demo", "backups", "mydata", "config"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in ORDER:
        folder = ROOT / app
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue  # history, written once; it imports what it imported then
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str | None:
    """The first-party module an imported name lives in, or None."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return _imports_in(path.read_text(), module=module, package=package)


def _imports_in(source: str, *, module: str, package: str) -> set[str]:
    found = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from rooms import events` imports the module rooms.events; `from
            # rooms.models import Pad` the module rooms.models.
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _target(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _app(module: str) -> str:
    return module.split(".")[0]


def test_every_app_imports_only_apps_below_it():
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _app(module) not in TOP
        and _app(target) != _app(module)
        and ORDER.index(_app(target)) > ORDER.index(_app(module))
    )
    assert upward == [], "Imports that run up the layers:\n" + "\n".join(upward)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other():
    # A package's __init__ that gathers its submodules (models) is no circle: it
    # only re-exports them, and they never import it back.
    assert _cycles() == []


def test_the_checks_see_imports_inside_functions_and_relative_ones():
    source = (
        "import core.errors\n"
        "def f():\n"
        "    from rooms import events\n"
        "    from . import pads\n"
        "    from ..crdt import TEXT\n"
    )

    found = _imports_in(source, module="rooms.services.room", package="rooms.services")

    assert found == {"core.errors", "rooms.events", "rooms.services.pads", "rooms.crdt"}


@pytest.mark.parametrize("app", ORDER)
def test_every_app_in_the_order_exists(app):
    assert (ROOT / app).is_dir()
