"""What every build step shares: where it reads the raw sources and writes the tables, its error."""

from __future__ import annotations

from pathlib import Path

RAW = Path(__file__).resolve().parent.parent / "raw"
OUT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """A source file disagrees with another source file or cannot be read."""
