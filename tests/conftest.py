"""Shared fixtures: the real validated tables (loaded once) and Chromium for dash_duo."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import settings as hypothesis_settings

from data.loading import Tables, load_tables
from settings import DATA_DIR

# A few examples of each property in `make test`; `make fuzz` runs them long.
hypothesis_settings.register_profile("default", max_examples=25, deadline=None)
hypothesis_settings.register_profile("fuzz", max_examples=2000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# The apps the tests build export far faster than any reader: the per-client export rate is off
# for them (tests/test_hardening.py builds its own apps with a low one).
os.environ.setdefault("PAKCAR_EXPORT_RATE_LIMIT", "off")


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


@pytest.fixture(autouse=True)
def _close_image_renderer(request: pytest.FixtureRequest):
    """In a dash_duo test, close the Kaleido browser before dash_duo's teardown.

    dash_duo stops its server by raising SystemExit in every thread the test started, the
    renderer's event-loop thread included, which would orphan its Chromium. Requesting dash_duo
    here makes this teardown run first.
    """
    if "dash_duo" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("dash_duo")
    yield
    from export import renderer

    if renderer._default is not None:
        renderer._default.close()
