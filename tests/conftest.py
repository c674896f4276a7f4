"""Shared fixtures: the real validated tables (loaded once) and Chromium for dash_duo."""

from __future__ import annotations

import shutil

import pytest

from data.loading import Tables, load_tables
from settings import DATA_DIR


@pytest.fixture(scope="session")
def tables() -> Tables:
    """The app's own tables, validated exactly as at start-up."""
    return load_tables(DATA_DIR)


def pytest_setup_options():
    """dash[testing]: run the system Chromium headless, with no background networking."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    options.binary_location = binary
    for arg in (
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
    ):
        options.add_argument(arg)
    return options
