"""Helpers for tests that break a copy of the app's CSV tables and check the errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from settings import DATA_DIR


def copy_data(tmp_path: Path) -> Path:
    """A copy of every table in `tmp_path` (returned), to be broken on purpose."""
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, tmp_path / csv.name)
    return tmp_path


def edit_line(path: Path, line_no: int, old: str, new: str) -> None:
    """Replace `old` by `new` on file line `line_no` (1 = the header); `old` must be there."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert old in lines[line_no - 1], f"{old!r} not on line {line_no}: {lines[line_no - 1]}"
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
