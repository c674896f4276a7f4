"""`python -m data.update` (`make update-data`): refresh the trade tables from IMF IMTS."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

import pandas as pd

from data.loading import DEFAULT_FOLDER, DataValidationError, load_tables
from data.update import imts
from data.update.derive import SNAPSHOT_IN_RAW, apply
from data.update.report import dots_overlap, revisions

SNAPSHOT: Final = Path("raw") / SNAPSHOT_IN_RAW
REWRITTEN: Final = ("trade.csv", "stated_totals.csv", "sources.csv")
Fetcher = Callable[[int, date, float], pd.DataFrame]


def _say(line: str = "") -> None:
    print(line)  # noqa: T201 - a command-line tool reports on stdout


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, keep_default_na=False, na_values=[""])


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def network_fetcher(record: Path | None = None) -> Fetcher:
    """Fetch both queries from the IMF API (saving the raw replies to `record` if given)."""

    def fetch(start: int, retrieved: date, timeout: float) -> pd.DataFrame:
        client = imts.make_client()
        frames = []
        for query in imts.queries(start):
            content = imts.fetch(client, query, timeout)
            if record is not None:
                record.mkdir(parents=True, exist_ok=True)
                (record / f"{query.name}.xml").write_bytes(content)
            frame = imts.tidy(imts.parse(content, query), query, retrieved)
            if frame.empty:
                raise imts.UpdateError(f"the IMF reply to the {query.name} query has no figures")
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    return fetch


def replace_atomically(staged: dict[Path, Path]) -> None:
    """Move each staged file over its target; if any move fails, put every old file back."""
    backups: dict[Path, bytes | None] = {t: t.read_bytes() if t.exists() else None for t in staged}
    done: list[Path] = []
    try:
        for target, source in staged.items():
            os.replace(source, target)
            done.append(target)
    except OSError:
        for target in done:
            old = backups[target]
            if old is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(old)
        raise


def _write_all(folder: Path, stage: Path, obs: pd.DataFrame) -> None:
    """Replace the three tables and the raw snapshot; on failure leave no trace of the attempt."""
    snapshot = folder / SNAPSHOT
    made = [d for d in (snapshot.parent.parent, snapshot.parent) if not d.exists()]
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    # The raw snapshot is staged beside its own target (data/raw/imf_imts/).
    staged_snapshot = snapshot.with_suffix(".csv.new")
    staged = {folder / name: stage / name for name in REWRITTEN}
    staged[snapshot] = staged_snapshot
    try:
        _write_csv(obs, staged_snapshot)
        replace_atomically(staged)
    except OSError:
        staged_snapshot.unlink(missing_ok=True)
        for directory in reversed(made):
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        raise


def run(
    folder: Path,
    fetcher: Fetcher,
    *,
    start: int = 1993,
    timeout: float = imts.DEFAULT_TIMEOUT,
    dry_run: bool = False,
    today: date | None = None,
) -> int:
    """Fetch, derive, report, validate, then write (or not): 0 on success, 1 on failure."""
    retrieved = today or date.today()
    try:
        obs = fetcher(start, retrieved, timeout)
        old = {name: _read(folder, name) for name in REWRITTEN}
        merged = apply(old["trade.csv"], old["stated_totals.csv"], old["sources.csv"], obs)
        overlap, stop = dots_overlap(obs, old["trade.csv"])
        for line in revisions(
            old["trade.csv"], old["stated_totals.csv"], merged.trade, merged.stated_totals
        ):
            _say(line)
        for line in overlap:
            _say(line)
        for line in merged.skipped:
            _say(f"not written (incomplete): {line}")
        if stop:
            raise imts.UpdateError(stop)
        # Stage every file beside its target (same file system, so the final move is atomic)
        # and validate the staged set with the app's own loader before anything is replaced.
        with tempfile.TemporaryDirectory(dir=folder, prefix=".update-") as tmp:
            stage = Path(tmp)
            for path in folder.glob("*.csv"):
                shutil.copy2(path, stage / path.name)
            _write_csv(merged.trade, stage / "trade.csv")
            _write_csv(merged.stated_totals, stage / "stated_totals.csv")
            _write_csv(merged.sources, stage / "sources.csv")
            try:
                load_tables(stage)
            except DataValidationError as err:
                first = err.problems[0] if err.problems else "?"
                raise imts.UpdateError(
                    f"the refreshed tables fail validation ({len(err.problems)} problem(s), "
                    f"first: {first}); nothing was written"
                ) from None
            if dry_run:
                _say("dry run: nothing written")
                return 0
            _write_all(folder, stage, obs)
    except imts.UpdateError as err:
        print(f"update-data failed: {err}", file=sys.stderr)  # noqa: T201
        return 1
    except OSError as err:
        print(  # noqa: T201
            f"update-data failed: cannot write the data folder ({err}); the old files are in "
            "place: free disk space or fix permissions, then run it again",
            file=sys.stderr,
        )
        return 1
    _say(
        f"wrote {', '.join(REWRITTEN)} and {SNAPSHOT} (IMF IMTS, retrieved {retrieved.isoformat()})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    parser.add_argument("--start", type=int, default=1993, help="first year to fetch (1993)")
    parser.add_argument(
        "--timeout", type=float, default=imts.DEFAULT_TIMEOUT, help="seconds per request"
    )
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_FOLDER, help="the data folder")
    parser.add_argument("--record", type=Path, help="also save the raw IMF replies here")
    args = parser.parse_args(argv)
    return run(
        args.data_dir,
        network_fetcher(args.record),
        start=args.start,
        timeout=args.timeout,
        dry_run=args.dry_run,
    )


if __name__ == "__main__":
    raise SystemExit(main())
