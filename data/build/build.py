"""Reproducible build of the app's tables in data/ from the source copies in data/raw/.

Run with `python -m data.build.build` (or `make data`). The IMF DOTS values are read from the
workbooks themselves and cross-checked against the curated `trade_annual.csv`: any disagreement
stops the build. Nothing is interpolated or estimated here; the only derived columns are the
reporter classification and the choice of one primary figure per series key, both documented
in data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import cast

import pandas as pd

from data.build.common import OUT, RAW, BuildError
from data.build.context import build_context
from data.build.dots import DOTS_REPO, PAK_DOTS_CODE, DotsCell, read_dots
from data.schema import SOURCE_ID
from data.update.derive import SNAPSHOT_IN_RAW, read_snapshot
from data.update.derive import apply as imts_apply

CARS = ("AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB")


# Lower rank = preferred when one series key (partner, year, basis, flow, reporter) has several
# figures. The IMF series is the only definitionally consistent one; the SBP country-wise data is
# the official Pakistani fiscal-year record; then ministries, then second-hand national figures.
SOURCE_PRIORITY = (
    ("imf_dots", 0),
    ("sbp", 1),
    ("moc", 2),
    ("jahanzaib", 3),
    ("official", 4),
    ("cerr", 4),
    ("foreign_office", 5),
)


ANNUAL_COLUMNS = [
    "reporter_view",
    "partner_iso3",
    "year",
    "period_type",
    "flow",
    "value_usd",
    "source",
    "source_detail",
    "note",
]


OTHER_COLUMNS = [
    "reporter_view",
    "partner_iso3",
    "year",
    "period_type",
    "period_detail",
    "measure",
    "value_usd",
    "source",
    "source_detail",
    "note",
]


def read_loose_csv(path: Path, columns: list[str]) -> tuple[pd.DataFrame, int]:
    """Read a CSV whose `source_detail` column may hold unquoted commas; return (rows, repaired).

    Some curated rows cite "Jahanzaib, M. (2024). ..., 109-127" without quotes, so the line has
    more fields than the header. `source_detail` is the only free-text column before `note`, so
    the surplus fields belong to it. Rows with too few fields are an error.
    """
    detail_at = columns.index("source_detail")
    rows: list[list[str]] = []
    repaired = 0
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != columns:
            raise BuildError(f"{path.name}: header {header} != expected {columns}")
        for line_no, fields in enumerate(reader, start=2):
            extra = len(fields) - len(columns)
            if extra < 0:
                raise BuildError(f"{path.name} line {line_no}: {len(fields)} fields, too few")
            if extra > 0:
                tail = len(fields) - (len(columns) - detail_at - 1)
                fields = [*fields[:detail_at], ",".join(fields[detail_at:tail]), *fields[tail:]]
                repaired += 1
            rows.append(fields)
    return pd.DataFrame(rows, columns=columns), repaired


def slug(text: str) -> str:
    """Lower-case ASCII slug for source ids."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# The same publication curated under two labels (same page, same publisher): one id.
SOURCE_ALIASES = {
    "Pakistan MoC via Dawn": "pakistan_ministry_of_commerce_via_dawn",
    "PBC via LawToday": "pakistan_business_council_via_lawtoday",
    "PBC via The News": "pakistan_business_council_via_the_news",
    "Silk Road Briefing (underlying source not stated)": "silk_road_briefing",
    "Kazakh ambassador via Agenzia Nova (Kazinform)": "kazakh_ambassador_via_agenzia_nova",
}


# One label used for several pages: one id per page, so a reference links to the page it cites.
SOURCE_PAGES = {
    ("OEC via RSIL trade portal", "https://port.rsilpak.org/uzbekistan/"): (
        "oec_via_rsil_trade_portal_uzbekistan"
    ),
    ("OEC via RSIL trade portal", "https://port.rsilpak.org/tajikistan/"): (
        "oec_via_rsil_trade_portal_tajikistan"
    ),
    (
        "SBP via Dawn",
        "https://www.dawn.com/news/1826777/pakistans-exports-to-central-asian-states-jump-21pc-in-8-months",
    ): "sbp_via_dawn_jul_feb_fy2024",
    (
        "SBP via Dawn",
        "https://www.dawn.com/news/1890074/exports-to-central-asian-states-fall-17pc-in-july-dec",
    ): "sbp_via_dawn_jul_dec_fy2025",
}


def source_id_for(source: str, detail: str = "") -> str:
    """A curated `source` label (and its URL, where one label covers several pages) -> id."""
    if source.startswith("IMF DOTS (Pakistan-reported)"):
        return "imf_dots_pakistan"
    if source.startswith("IMF DOTS (partner-reported"):
        return "imf_dots_partner"
    if source.startswith("Jahanzaib 2024"):
        return "jahanzaib2024"
    if source.startswith("ANKASAM"):
        return "ankasam2023"
    if (source, detail) in SOURCE_PAGES:
        return SOURCE_PAGES[(source, detail)]
    if any(label == source for label, _url in SOURCE_PAGES):
        raise BuildError(f"source {source!r}: page {detail!r} has no id in SOURCE_PAGES")
    return SOURCE_ALIASES.get(source) or slug(source)[:60]


def source_rank(source_id: str) -> int:
    """Priority of a source (lower is preferred) among figures for the same series key."""
    for needle, rank in SOURCE_PRIORITY:
        if needle in source_id:
            return rank
    return 9


PARTNER_SIDE = ("Uzbek", "Kazakh", "Kyrgyz", "Tajik", "Turkmen", "Azer", "CERR")


PAKISTAN_SIDE = ("Pakistan", "SBP", "Adviser on Commerce", "Profit", "ANKASAM")


COMPILATIONS = ("OEC", "Silk Road Briefing", "UN Comtrade", "RSIL trade portal")


def reporter_for(source: str, note: str) -> str:
    """Whose records a figure comes from: `pakistan`, `partner` or `other` (compilations).

    The curated notes say so explicitly ("MIRROR: ...", "Pakistan-side", "Kazakh-side"); failing
    that, the publisher decides. OEC/BACI, Comtrade-via-portal and unstated figures are `other`.
    """
    head = note.split(";")[0]
    if head.startswith("MIRROR") or source.startswith("IMF DOTS (partner"):
        return "partner"
    if "Pakistan-side" in head:
        return "pakistan"
    if re.search(r"\b(Kazakh|Uzbek|Kyrgyz)-side", head):
        return "partner"
    if head.startswith("OEC") or source.startswith(COMPILATIONS):
        return "other"
    if source.startswith(PARTNER_SIDE):
        return "partner"
    if source.startswith(PAKISTAN_SIDE) or source.startswith("IMF DOTS (Pakistan"):
        return "pakistan"
    if source.startswith("Jahanzaib 2024") and "FY" in note:
        return "pakistan"  # fiscal-year figures in the paper are MoFA's (Pakistan's)
    return "other"


def build_trade(
    annual: pd.DataFrame, dots: list[DotsCell], countries: pd.DataFrame
) -> pd.DataFrame:
    """The trade-figures table: one row per figure, DOTS values taken from the workbooks."""
    by_key = {(c.partner, c.year, c.flow, c.reporter): c for c in dots}
    non_reporting = set(countries.loc[~countries["reports_to_imf_dots"], "iso3"])
    records: list[dict[str, object]] = []
    matched: set[tuple[str, int, str, str]] = set()
    problems: list[str] = []
    rows = cast(list[dict[str, str]], annual.to_dict("records"))
    for line_no, row in enumerate(rows, start=2):
        year = int(row["year"])
        source_id = source_id_for(row["source"], row["source_detail"])
        reporter = reporter_for(row["source"], row["note"])
        value = float(row["value_usd"])
        estimate = False
        detail = row["source_detail"]
        note = row["note"]
        if source_id.startswith("imf_dots"):
            key = (row["partner_iso3"], year, row["flow"], reporter)
            cell = by_key.get(key)
            if cell is None:
                problems.append(f"trade_annual.csv line {line_no}: {key} not in the workbooks")
                continue
            matched.add(key)
            if abs(round(cell.value_musd * 1e6) - value) > 1:
                problems.append(
                    f"trade_annual.csv line {line_no}: {value} != workbook {cell.value_musd} mn"
                )
            value = cell.value_musd * 1e6
            estimate = cell.estimate
            detail = (
                f"{DOTS_REPO}:data/DOTS/{cell.workbook} sheet '{cell.sheet}' "
                f"row '{cell.row_label}' col {year}"
            )
            if reporter == "partner" and row["partner_iso3"] in non_reporting:
                note = (
                    f"{note}; DERIVED: this country does not report to the IMF; the IMF "
                    "derives this 'mirror' from Pakistan's own figures (not independent)"
                )
        records.append(
            {
                "partner_iso3": row["partner_iso3"],
                "year": year,
                "basis": row["period_type"],
                "flow": row["flow"],
                "reporter": reporter,
                "value_usd": round(value, 2),
                "estimate": estimate,
                SOURCE_ID: source_id,
                "source_detail": detail,
                "note": note,
            }
        )
    missing = sorted(set(by_key) - matched)
    problems += [f"workbook cell {key} missing from trade_annual.csv" for key in missing]
    if problems:
        raise BuildError("IMF DOTS cross-check failed:\n  " + "\n  ".join(problems))
    trade = pd.DataFrame.from_records(records)
    trade["_rank"] = trade[SOURCE_ID].map(source_rank)
    trade = trade.sort_values(
        ["partner_iso3", "basis", "reporter", "flow", "year", "_rank", SOURCE_ID],
        kind="stable",
    ).reset_index(drop=True)
    key_cols = ["partner_iso3", "year", "basis", "flow", "reporter"]
    trade["primary"] = ~trade.duplicated(key_cols, keep="first") & (trade["reporter"] != "other")
    trade = trade.drop(columns="_rank")
    trade.insert(0, "figure_id", [f"T{i:04d}" for i in range(1, len(trade) + 1)])
    return trade


def build_stated(other: pd.DataFrame) -> pd.DataFrame:
    """Stated totals: turnover, the 5-CAR aggregate, partial periods, stated balances."""
    out = pd.DataFrame(
        {
            "partner_iso3": other["partner_iso3"],
            "year": other["year"].astype(int),
            "basis": other["period_type"],
            "period": other["period_detail"],
            "partial": other["period_detail"].str.contains(r"^(?:Jan|Jul)-", regex=True),
            "measure": other["measure"],
            "reporter": [
                reporter_for(s, n) for s, n in zip(other["source"], other["note"], strict=True)
            ],
            "value_usd": other["value_usd"].astype(float),
            SOURCE_ID: [
                source_id_for(s, d)
                for s, d in zip(other["source"], other["source_detail"], strict=True)
            ],
            "source_detail": other["source_detail"],
            "note": other["note"],
        }
    )
    out.insert(0, "stated_id", [f"S{i:03d}" for i in range(1, len(out) + 1)])
    return out


def build_products(products: pd.DataFrame) -> pd.DataFrame:
    """Product-composition figures (thin; kept as given)."""
    out = products.rename(columns={"source": "source_label"}).copy()
    out.insert(0, "product_id", [f"P{i:03d}" for i in range(1, len(out) + 1)])
    out[SOURCE_ID] = [
        source_id_for(s, d or "")
        for s, d in zip(out["source_label"], out["source_detail"], strict=True)
    ]
    return out[
        [
            "product_id",
            "partner_iso3",
            "year",
            "flow",
            "product",
            "hs_code",
            "value_usd",
            "share_pct",
            SOURCE_ID,
            "source_detail",
            "note",
        ]
    ]


def build_sources(frames: list[pd.DataFrame], curated: pd.DataFrame) -> pd.DataFrame:
    """One row per source id: curated entries first, then every label used in the tables."""
    records = cast(list[dict[str, str]], curated.to_dict("records"))
    rows: dict[str, dict[str, str]] = {r[SOURCE_ID]: r for r in records}
    curated_ids = set(rows)
    dots = {
        "imf_dots_pakistan": ("Pakistan-reported", f"DOTS_{PAK_DOTS_CODE}.xlsx"),
        "imf_dots_partner": ("partner-reported (mirror)", "DOTS_<partner code>.xlsx"),
    }
    for sid, (what, book) in dots.items():
        rows.setdefault(
            sid,
            {
                SOURCE_ID: sid,
                "publisher": "International Monetary Fund",
                "title": f"Direction of Trade Statistics (DOTS), annual, {what}, US$ mn, to 2020",
                "short_label": f"IMF DOTS, {what}",
                "url": f"{DOTS_REPO}:data/DOTS/{book}",
                "licence_note": "Attribute 'IMF, Direction of Trade Statistics'; copies from an "
                "MIT-licensed repository",
                "retrieved": "2022-02-02",
            },
        )
    urls: dict[str, set[str]] = {}
    for frame in frames:
        for label, detail in zip(frame["source"], frame["source_detail"], strict=True):
            sid = source_id_for(label, detail)
            url = detail if detail.startswith("http") else ""
            if url and sid not in curated_ids:
                urls.setdefault(sid, set()).add(url)
            if sid in rows:
                continue
            publisher, _, via = label.partition(" via ")
            rows[sid] = {
                SOURCE_ID: sid,
                "publisher": publisher.strip(),
                # Says who published the figure and who reported it, without repeating the label.
                "title": f"{publisher.strip()}, as reported by {via.strip()}" if via else label,
                "short_label": label,
                "url": url,
                "licence_note": "Figure quoted from a public news/statistics page; facts only",
                "retrieved": "2026-11-24",
            }
    several = {sid: sorted(u) for sid, u in urls.items() if len(u) > 1}
    if several:
        raise BuildError(f"one source id cites several pages (add them to SOURCE_PAGES): {several}")
    return pd.DataFrame(list(rows.values())).sort_values(SOURCE_ID).reset_index(drop=True)


def build_corridor_geometry(path: Path, corridor_id: str, source_id: str) -> pd.DataFrame:
    """Flatten a (Multi)LineString GeoJSON route into rows: corridor_id, part, seq, lon, lat."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        parts = (
            geometry["coordinates"]
            if geometry["type"] == "MultiLineString"
            else [geometry["coordinates"]]
        )
        for part_no, part in enumerate(parts, start=1):
            for seq, (lon, lat, *_) in enumerate(part, start=1):
                rows.append(
                    {
                        "corridor_id": corridor_id,
                        "part": part_no,
                        "seq": seq,
                        "lon": round(float(lon), 6),
                        "lat": round(float(lat), 6),
                        SOURCE_ID: source_id,
                    }
                )
    return pd.DataFrame(rows)


def apply_imts_snapshot(tables: dict[str, pd.DataFrame], snapshot: Path) -> None:
    """Add the IMF IMTS figures of the last `make update-data` (its saved observations)."""
    if not snapshot.exists():
        return
    merged = imts_apply(
        tables["trade.csv"],
        tables["stated_totals.csv"],
        tables["sources.csv"],
        read_snapshot(snapshot),
    )
    tables["trade.csv"] = merged.trade
    tables["stated_totals.csv"] = merged.stated_totals
    tables["sources.csv"] = merged.sources


def build_all(out: Path = OUT) -> dict[str, pd.DataFrame]:
    """Build every generated table and write it to `out`; return them by file name."""
    countries = pd.read_csv(RAW / "countries.csv")
    annual, repaired_annual = read_loose_csv(RAW / "trade_annual.csv", ANNUAL_COLUMNS)
    other, repaired_other = read_loose_csv(RAW / "trade_other.csv", OTHER_COLUMNS)
    extra, _ = read_loose_csv(RAW / "stated_totals_extra.csv", OTHER_COLUMNS)
    other = pd.concat([other, extra], ignore_index=True)
    products_raw = pd.read_csv(RAW / "products.csv", dtype=str, keep_default_na=False)
    curated_sources = pd.read_csv(RAW / "sources_curated.csv", dtype=str, keep_default_na=False)
    dots = read_dots(countries)
    tables = {
        "countries.csv": countries,
        "trade.csv": build_trade(annual, dots, countries),
        "stated_totals.csv": build_stated(other),
        "products.csv": build_products(products_raw.replace({"": None})),
        "corridor_geometry.csv": build_corridor_geometry(
            RAW / "geo" / "tapi_route_gem_asia_gas_tracker.geojson", "tapi", "gem_asia_gas_tracker"
        ),
        "context_trade.csv": build_context(countries),
        "sources.csv": build_sources(
            [annual, other, products_raw.assign(source=products_raw["source"])], curated_sources
        ),
    }
    apply_imts_snapshot(tables, RAW / SNAPSHOT_IN_RAW)
    for name, frame in tables.items():
        frame.to_csv(out / name, index=False, lineterminator="\n")
    print(  # noqa: T201 - a build script reports what it did
        f"built {', '.join(f'{k} ({len(v)} rows)' for k, v in tables.items())}; "
        f"{len(dots)} DOTS cells cross-checked; repaired unquoted commas in "
        f"{repaired_annual + repaired_other} source rows"
    )
    return tables


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the CSVs to")
    args = parser.parse_args(argv)
    try:
        build_all(args.out)
    except BuildError as err:
        print(f"data build failed: {err}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
