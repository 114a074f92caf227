"""The tree shows its roles: hooks and editors' commands in scripts/, the one library in
scripts/sitelib/, developer tools in tools/. The library imports nothing from the entry
points, nothing outside tests/ imports from tests/, and the import graph has no cycles."""

import ast
from pathlib import Path

import pytest
import yaml

from sitelib import ROOT

LIBRARY = ROOT / "scripts" / "sitelib"
ENTRY_POINTS = sorted((ROOT / "scripts").glob("*.py"))
TOOLS = sorted((ROOT / "tools").rglob("*.py"))
TEST_MODULES = {p.stem for p in (ROOT / "tests").rglob("*.py")} | {"engines"}
ENTRY_NAMES = {p.stem for p in ENTRY_POINTS}


def imports(path: Path) -> set[str]:
    """Every module a file imports, by its absolute name (relative imports resolved)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(["sitelib", *filter(None, [base])])
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def library_module(path: Path) -> str:
    name = path.relative_to(LIBRARY.parent).with_suffix("").as_posix().replace("/", ".")
    return name.removesuffix(".__init__")


LIBRARY_MODULES = {library_module(p): p for p in LIBRARY.rglob("*.py")}


def test_the_library_imports_no_entry_point_tool_or_test():
    for name, path in LIBRARY_MODULES.items():
        tops = {module.split(".")[0] for module in imports(path)}
        wrong = tops & (ENTRY_NAMES | {p.stem for p in TOOLS} | TEST_MODULES | {"quality"})
        assert not wrong, f"{name} imports {wrong}"


def test_nothing_outside_tests_imports_from_tests():
    for path in [*ENTRY_POINTS, *LIBRARY_MODULES.values(), *TOOLS]:
        tops = {module.split(".")[0] for module in imports(path)}
        assert not tops & TEST_MODULES, f"{path.relative_to(ROOT)} imports {tops & TEST_MODULES}"


def test_entry_points_do_not_import_each_other():
    for path in ENTRY_POINTS:
        tops = {module.split(".")[0] for module in imports(path)}
        assert not tops & (ENTRY_NAMES - {path.stem}), path.name


def test_the_library_has_no_import_cycles():
    graph = {name: {m for m in imports(path) if m in LIBRARY_MODULES and m != name}
             for name, path in LIBRARY_MODULES.items()}
    done, active = set(), []

    def visit(name):
        if name in active:
            pytest.fail("import cycle: " + " -> ".join([*active[active.index(name):], name]))
        if name in done:
            return
        active.append(name)
        for other in sorted(graph[name]):
            visit(other)
        active.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_hooks_named_in_mkdocs_yml_are_the_hook_modules():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    hooks = {Path(hook).name for hook in config["hooks"]}
    assert hooks == {p.name for p in ENTRY_POINTS if p.name.startswith("hook_")}


def test_a_cycle_would_be_found(tmp_path, monkeypatch):
    """The cycle check can fail: two modules importing each other."""
    (tmp_path / "a.py").write_text("from sitelib import b\n")
    (tmp_path / "b.py").write_text("import sitelib.a\n")
    assert "sitelib.b" in imports(tmp_path / "a.py")
    assert "sitelib.a" in imports(tmp_path / "b.py")
    monkeypatch.setitem(LIBRARY_MODULES, "sitelib.a", tmp_path / "a.py")
    monkeypatch.setitem(LIBRARY_MODULES, "sitelib.b", tmp_path / "b.py")
    with pytest.raises(pytest.fail.Exception, match="import cycle"):
        test_the_library_has_no_import_cycles()

