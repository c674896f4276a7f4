"""Benchmarks and screenshots: `make bench`, `make screenshots`."""

from __future__ import annotations

import sys

from data.loading import DataValidationError, Tables, load_tables
from settings import DATA_DIR


def tables_or_none() -> Tables | None:
    """The app's validated tables, or None after printing every problem (the bench exits 2)."""
    try:
        return load_tables(DATA_DIR)
    except DataValidationError as err:
        sys.stderr.write(f"{err}\n")
        return None
