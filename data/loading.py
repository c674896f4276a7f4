"""Load and validate every CSV table in data/: the only module that reads the app's files."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from data import schema
from data.schema_facts import FACT_MODELS, ROW_RULES

TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no"})
DEFAULT_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Problem:
    """One reason a table could not be loaded."""

    file: str
    row: int | None  # line number in the file (header = 1); None for file-level problems
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


class DataValidationError(Exception):
    """Raised with every problem found in the data folder, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the data tables:\n{lines}")


@dataclass(frozen=True)
class Tables:
    """The validated tables the app runs on; never mutated after loading."""

    countries: pd.DataFrame
    trade: pd.DataFrame
    stated_totals: pd.DataFrame
    products: pd.DataFrame
    sources: pd.DataFrame
    agreements: pd.DataFrame
    mechanisms: pd.DataFrame
    memberships: pd.DataFrame
    bodies: pd.DataFrame
    events: pd.DataFrame
    targets: pd.DataFrame
    seed_facts: pd.DataFrame
    places: pd.DataFrame
    corridors: pd.DataFrame
    corridor_waypoints: pd.DataFrame
    corridor_geometry: pd.DataFrame
    context_trade: pd.DataFrame
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> (rows in, loaded)
    # Today's date for "as of" ages (a status over two years old is marked): injected, so tests
    # and screenshots can pin it; the app's default is the machine's date at each call.
    clock: Callable[[], date] = field(default=date.today, repr=False, compare=False)
    # Derived frames computed once per Tables (read-only by convention), e.g. profile series.
    memo: dict[tuple, pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def kept(self, key: tuple, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """`build()`, computed once per Tables under `key` and shared (callers must not modify
        it): the tables never change, so a frame derived from them only is kept for good."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]


TABLE_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "countries": schema.Countries,
    "trade": schema.Trade,
    "stated_totals": schema.StatedTotals,
    "products": schema.Products,
    "sources": schema.Sources,
    "context_trade": schema.ContextTrade,
    **FACT_MODELS,
}


def _bool_columns(model: type[pa.DataFrameModel]) -> list[str]:
    return [
        name for name, column in model.to_schema().columns.items() if str(column.dtype) == "bool"
    ]


def _read_raw(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """Read a CSV as strings, reporting rows with the wrong number of fields."""
    name = path.name
    if not path.exists():
        problems.append(Problem(name, None, None, "file is missing"))
        return None
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as err:
        problems.append(Problem(name, None, None, f"cannot be read as UTF-8 CSV: {err}"))
        return None
    if not rows:
        problems.append(Problem(name, None, None, "file is empty (no header)"))
        return None
    header, body = rows[0], rows[1:]
    good: list[list[str]] = []
    index: list[int] = []
    for line_no, fields_ in enumerate(body, start=2):
        if not any(f.strip() for f in fields_):
            continue
        if len(fields_) != len(header):
            problems.append(
                Problem(
                    name,
                    line_no,
                    None,
                    f"has {len(fields_)} fields, the header has {len(header)} (an unquoted comma?)",
                )
            )
            continue
        good.append(fields_)
        index.append(line_no)
    frame = pd.DataFrame(good, columns=header, index=pd.Index(index, name="line"), dtype=object)
    return frame.replace({"": None})


def _parse_bools(frame: pd.DataFrame, columns: Iterable[str], name: str, problems: list[Problem]):
    for column in columns:
        if column not in frame.columns:
            continue
        parsed: list[bool | None] = []
        for line_no, value in frame[column].items():
            text = str(value).strip().lower() if value is not None else ""
            if text in TRUE_WORDS:
                parsed.append(True)
            elif text in FALSE_WORDS:
                parsed.append(False)
            else:
                problems.append(
                    Problem(name, int(str(line_no)), column, f"'{value}' is not true/false")
                )
                parsed.append(False)
        frame[column] = pd.Series(parsed, index=frame.index, dtype=bool)


CHECK_WORDS = {
    "greater_than_or_equal_to": "is below the minimum {arg}",
    "greater_than": "must be greater than {arg}",
    "less_than_or_equal_to": "is above the maximum {arg}",
    "less_than": "must be less than {arg}",
    "str_matches": "does not match the pattern {arg}",
    "str_length": "has the wrong length ({arg})",
}


def _reason(check: str, value: object) -> str:
    """A pandera check name and failure case in words an editor of the CSV can act on."""
    name, _, arg = check.partition("(")
    arg = arg.removesuffix(")")
    shown = repr(value)
    if name in ("coerce_dtype", "dtype"):
        kind = {"int64": "a whole number", "float64": "a number", "bool": "true/false"}
        return f"{shown} is not {kind.get(arg.strip(chr(39)), arg)}"
    if name == "not_nullable":
        return "is empty: a value is required"
    if name in ("field_uniqueness", "unique"):
        return f"{shown} appears more than once: it must be unique"
    if name == "isin":
        choices = arg.strip("()[]{}").replace("'", "")
        return f"{shown} is not one of: {choices}"
    if name in CHECK_WORDS:
        return f"{shown} {CHECK_WORDS[name].format(arg=arg)}"
    return f"{shown} fails {check}"


def _schema_problems(err: pandera.errors.SchemaErrors, name: str) -> list[Problem]:
    """One Problem per failing cell (or missing/unexpected column), in words.

    A value that cannot be converted to the column's type fails the later range checks too, with
    a TypeError and no row: those echoes are dropped, the conversion failure names the row.
    """
    out: list[Problem] = []
    for case in err.failure_cases.itertuples(index=False):
        line = case.index
        row = int(line) if line is not None and not pd.isna(line) else None
        column = case.column if isinstance(case.column, str) else None
        check, value = str(case.check), case.failure_case
        if check == "column_in_schema":
            out.append(Problem(name, None, str(value), "unexpected column (not in the schema)"))
        elif check == "column_in_dataframe":
            out.append(Problem(name, None, str(value), "required column is missing"))
        elif row is None and str(value).startswith("TypeError("):
            continue
        elif check in ROW_RULES:
            # A row rule fails every column of the row: report it once, at the column it blames.
            if column == ROW_RULES[check]:
                out.append(Problem(name, row, column, f"{value!r}: {check}"))
        elif check.startswith("dtype(") and any(p.row == row and p.column == column for p in out):
            continue  # already reported as a conversion failure
        else:
            out.append(Problem(name, row, column, _reason(check, value)))
    return out


def validate_frame(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], name: str, problems: list[Problem]
) -> pd.DataFrame | None:
    """Validate one table with its model; append every failure to `problems`."""
    _parse_bools(frame, _bool_columns(model), name, problems)
    try:
        valid = model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        problems.extend(_schema_problems(err, name))
        return None
    return valid.reset_index(drop=True)


def _check_references(
    loaded: dict[str, pd.DataFrame], lines: dict[str, list[int]], problems: list[Problem]
) -> None:
    """Cross-table checks: every cited source exists, every referenced place exists.

    `lines[table][pos]` is the file line of the frame's row `pos` (blank lines are skipped on
    reading, so the position alone would name the wrong row below one).
    """
    sources = loaded.get("sources")
    if sources is not None:
        known = set(sources[schema.SOURCE_ID])
        for table, frame in loaded.items():
            for column in (schema.SOURCE_ID, "source_ids", "status_source_id"):
                if column not in frame.columns:
                    continue
                for pos, value in enumerate(frame[column]):
                    for sid in str(value).split(";"):
                        if sid.strip() and sid.strip() not in known:
                            problems.append(
                                Problem(
                                    f"{table}.csv",
                                    lines[table][pos],
                                    column,
                                    f"source id '{sid.strip()}' is not in sources.csv",
                                )
                            )
    places, waypoints = loaded.get("places"), loaded.get("corridor_waypoints")
    corridors = loaded.get("corridors")
    if places is not None and waypoints is not None:
        known_places = set(places["place_id"])
        for pos, pid in enumerate(waypoints["place_id"]):
            if pid not in known_places:
                problems.append(
                    Problem(
                        "corridor_waypoints.csv",
                        lines["corridor_waypoints"][pos],
                        "place_id",
                        f"unknown place '{pid}'",
                    )
                )
    if corridors is not None and waypoints is not None:
        known_corridors = set(corridors["corridor_id"])
        for pos, cid in enumerate(waypoints["corridor_id"]):
            if cid not in known_corridors:
                problems.append(
                    Problem(
                        "corridor_waypoints.csv",
                        lines["corridor_waypoints"][pos],
                        "corridor_id",
                        f"unknown corridor '{cid}'",
                    )
                )


def load_tables(
    folder: Path | str = DEFAULT_FOLDER, clock: Callable[[], date] | None = None
) -> Tables:
    """Read and validate every table in `folder`; raise DataValidationError listing all problems.

    `clock` gives the reference date for status ages (default: today's date).
    """
    folder = Path(folder)
    problems: list[Problem] = []
    loaded: dict[str, pd.DataFrame] = {}
    counts: dict[str, tuple[int, int]] = {}
    lines: dict[str, list[int]] = {}
    for table, model in TABLE_MODELS.items():
        name = f"{table}.csv"
        raw = _read_raw(folder / name, problems)
        if raw is None:
            continue
        valid = validate_frame(raw, model, name, problems)
        if valid is not None:
            loaded[table] = valid
            lines[table] = [int(n) for n in raw.index]
            counts[name] = (len(raw), len(valid))
    _check_references(loaded, lines, problems)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.file, p.row or 0)))
    names = {f.name for f in fields(Tables)} - {"counts", "memo", "clock"}
    return Tables(**{n: loaded[n] for n in names}, counts=counts, clock=clock or date.today)
