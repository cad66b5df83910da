"""The layers' arrows run one way: web and cli -> services -> access -> domain, with no Flask below web."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "gateway"
# package -> the gateway packages it must not import
FORBIDDEN = {
    "domain": ("gateway.access", "gateway.services", "gateway.web", "gateway.cli", "flask"),
    "access": ("gateway.services", "gateway.web", "gateway.cli", "flask"),
    "services": ("gateway.web", "gateway.cli", "flask", "flask_login", "flask_wtf", "werkzeug"),
}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_arrow_points_up(package):
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]):
                wrong.append(f"{path.relative_to(ROOT.parent)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_web_modules_import_no_view_module_back():
    """`login_manager` and `csrf` live in web/extensions.py, so no view module imports the app factory."""
    for path in sorted((ROOT / "web").glob("*.py")):
        if path.name != "app.py":
            assert "gateway.web.app" not in imports(path), path.name
