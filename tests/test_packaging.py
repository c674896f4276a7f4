"""`pip install .` ships what the app runs on: every module, table and vendored asset."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from setuptools import find_namespace_packages

from settings import ROOT

# Packages of the app itself (tests/ and bench/ are not installed).
APP_PACKAGES = ("callbacks", "charts", "components", "data", "export", "figures")


def shipped_files() -> set[str]:
    """Files setuptools would install, from pyproject.toml's own discovery settings."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    shipped = {f"{module}.py" for module in config["py-modules"]}
    patterns = [*config["package-data"]["*"], "*.py"]
    for package in find_namespace_packages(
        where=ROOT, include=config["packages"]["find"]["include"]
    ):
        folder = ROOT / package.replace(".", "/")
        shipped |= {
            path.relative_to(ROOT).as_posix()
            for path in folder.iterdir()
            if path.is_file() and any(fnmatch(path.name, p) for p in patterns)
        }
    return shipped


def needed_files() -> set[str]:
    """Top-level modules, the app's packages, the tables and every asset the page serves."""
    needed = {p.name for p in ROOT.glob("*.py")}
    for package in APP_PACKAGES:
        needed |= {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / package).rglob("*.py")
            if "raw" not in p.parts and "__pycache__" not in p.parts
        }
    needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").glob("*.csv")}
    needed |= {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "assets").rglob("*")
        if p.is_file() and "node_modules" not in p.parts
    }
    return needed


def test_pip_install_ships_every_module_table_and_asset() -> None:
    missing = sorted(needed_files() - shipped_files())
    assert missing == [], f"pyproject.toml's package discovery misses {missing}"


def test_a_new_top_level_module_would_be_caught() -> None:
    assert "app.py" in needed_files() and "settings.py" in shipped_files()
    assert "assets/app.css" in shipped_files()
    assert "data/trade.csv" in shipped_files()
