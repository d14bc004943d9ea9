"""Dependencies flow one way: no feature package imports another that imports it back, and
no service or model imports a view (an `api` module or a page).

Every import counts, at module level and inside functions (a lazy import is still a
dependency). The layering this keeps, lowest first, is drawn in the README's code map."""

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "volunteer"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every `volunteer…` module (or name in one) the file imports, wherever it does so."""
    found = set()
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "volunteer" or name.startswith("volunteer.")}


MODULES = {module_name(path): imported_modules(path) for path in sorted(PACKAGE.rglob("*.py"))}
FEATURES = {
    path.parent.name for path in PACKAGE.glob("*/__init__.py") if path.parent.name != "templates"
}


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in FEATURES else None


def is_view(module: str) -> bool:
    parts = module.split(".")
    return feature_of(module) == "pages" or (len(parts) > 2 and parts[2] == "api")


def resolved(name: str) -> str:
    """The module an imported name lives in (`volunteer.orders.states.Action` → `…states`)."""
    return name if name in MODULES else name.rpartition(".")[0]


def module_graph() -> dict[str, set[str]]:
    """Each module and the modules it imports (the root package, a mere namespace, left out)."""
    return {
        module: {resolved(name) for name in imports} - {module, "volunteer"}
        for module, imports in MODULES.items()
    }


def package_graph() -> dict[str, set[str]]:
    """Each feature package and the feature packages its modules import."""
    graph: dict[str, set[str]] = {feature: set() for feature in FEATURES}
    for module, imports in module_graph().items():
        source = feature_of(module)
        for target in map(feature_of, imports):
            if source and target and source != target:
                graph[source].add(target)
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return []


def test_the_scan_sees_the_features_and_their_lazy_imports():
    assert {"auth", "orders", "matching", "pages"} <= FEATURES
    # A function-level import counts like a module-level one (auth.access loads the user
    # model only when it looks a user up).
    assert "volunteer.auth.models" in module_graph()["volunteer.auth.access"]
    assert "orders" in package_graph()["pages"]
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}})


def test_no_feature_package_imports_one_that_imports_it_back():
    assert cycle_in(package_graph()) == []


def test_no_module_imports_one_that_imports_it_back():
    assert cycle_in(module_graph()) == []


@pytest.mark.parametrize(
    "module", sorted(name for name in MODULES if feature_of(name) and not is_view(name))
)
def test_services_and_models_import_no_view(module):
    views = sorted(name for name in module_graph()[module] if is_view(name))
    assert views == [], f"{module} imports the view module(s) {views}"


def test_only_the_app_factory_imports_an_api_module():
    """An `api` module is a view: pages and other api modules share services, not views."""
    importers = sorted(
        (module, name)
        for module, imports in module_graph().items()
        for name in imports
        if module != "volunteer" and name.split(".")[2:3] == ["api"]
    )
    assert importers == []
