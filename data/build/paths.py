"""Where the build reads the raw sources and writes the tables."""

from __future__ import annotations

from pathlib import Path

RAW = Path(__file__).resolve().parent.parent / "raw"
OUT = Path(__file__).resolve().parent.parent
