"""A country's memberships, corridors, products and references (every fact with its source)."""

from __future__ import annotations

import re

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, source_labels
from data.profile.model import MEMBERSHIP_MARK
from data.schema import (
    CAR_CODES,
    FLOW,
    PARTNER,
    SOURCE_ID,
    VALUE,
    YEAR,
)


def _sort_dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    key = frame[column].fillna("9999")
    return frame.assign(_k=key).sort_values("_k").drop(columns="_k").reset_index(drop=True)


def memberships_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Body × (country, Pakistan) with statuses and sources; bodies either belongs to first."""
    ms = tables.memberships
    bodies = tables.bodies.set_index("body")
    rows = []
    for body in bodies.index:
        own = ms[(ms["iso3"] == iso3) & (ms["body"] == body)]
        pak = ms[(ms["iso3"] == "PAK") & (ms["body"] == body)]
        if own.empty and pak.empty:
            continue
        own_status = str(own["status"].iloc[0]) if not own.empty else None
        pak_status = str(pak["status"].iloc[0]) if not pak.empty else None
        rows.append(
            {
                "body": body,
                "name": bodies.loc[body, "name"],
                "country": MEMBERSHIP_MARK.get(own_status or "", "not recorded"),
                "pakistan": MEMBERSHIP_MARK.get(pak_status or "", "not recorded"),
                "shared": own_status == "member" and pak_status == "member",
                "sources": ";".join(
                    sorted(set(own[SOURCE_ID]) | set(pak[SOURCE_ID]))  # both rows' sources
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=["body", "name", "country", "pakistan", "shared", "sources"])
    return frame.sort_values(["shared", "body"], ascending=[False, True]).reset_index(drop=True)


MATRIX_COLUMNS = ("PAK", *CAR_CODES)


def membership_matrix(tables: Tables) -> pd.DataFrame:
    """Body × (Pakistan and the six CARs): status labels, the sources behind each row.

    A cell with no row in memberships.csv reads 'not recorded' (never assumed to be '—').
    Columns: body, name, PAK, AZE … UZB, cell_sources (dict column -> 'id;id'), sources.
    """
    ms = tables.memberships
    rows = []
    for body, name in zip(tables.bodies["body"], tables.bodies["name"], strict=True):
        here = ms[ms["body"] == body]
        if here.empty:
            continue
        row: dict[str, object] = {"body": body, "name": name}
        cells: dict[str, str] = {}
        for code in MATRIX_COLUMNS:
            own = here[here["iso3"] == code]
            row[code] = (
                MEMBERSHIP_MARK.get(str(own["status"].iloc[0]), str(own["status"].iloc[0]))
                if not own.empty
                else "not recorded"
            )
            cells[code] = ";".join(sorted(set(own[SOURCE_ID])))
        row["cell_sources"] = cells
        row["sources"] = ";".join(sorted(set(here[SOURCE_ID])))
        rows.append(row)
    columns = ["body", "name", *MATRIX_COLUMNS, "cell_sources", "sources"]
    return pd.DataFrame(rows, columns=columns)


def corridors_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Corridors whose partner countries include this one (from the map's data)."""
    c = tables.corridors
    touches = c["countries"].str.split(";").apply(lambda codes: iso3 in codes)
    return c[touches].reset_index(drop=True)


PARTIAL_PERIOD = re.compile(r"\b((?:Jan|Jul)[-–](?:[A-Z][a-z]{2}) \d{4})\b[^;]*partial", re.I)


PAKISTAN_SIDE_SOURCES = ("Pakistan", "SBP", "MoC")


PARTNER_SIDE_SOURCES = ("Uzbek", "Kazakh", "Kyrgyz", "Tajik", "Turkmen", "Azer", "CERR")


def product_reporter(short_label: str, flow: str, partner_name: str) -> str:
    """Whose records a product figure comes from, as far as its source says."""
    if short_label.startswith("OEC"):
        side = "imports from" if flow == "export" else "exports to"
        return f"{partner_name}'s {side} Pakistan, via OEC"
    if short_label.startswith(PARTNER_SIDE_SOURCES):
        return f"{partner_name} side"
    if short_label.startswith(PAKISTAN_SIDE_SOURCES):
        return "Pakistan side"
    return "not stated"


def products_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Products the sources name, largest first within each year and flow.

    Adds `reported_by` (whose records, as the source says) and `partial` (the part-year period,
    e.g. 'Jan-Jul 2025', or blank for a full year).
    """
    p = tables.products[tables.products[PARTNER] == iso3]
    p = p.sort_values(
        [YEAR, FLOW, VALUE, "share_pct"], ascending=[False, True, False, False], na_position="last"
    ).reset_index(drop=True)
    labels = source_labels(tables)
    name = country_names(tables)[iso3]
    notes = p["note"].fillna("").astype(str)
    return p.assign(
        reported_by=[
            product_reporter(labels.get(str(s), str(s)), str(f), name)
            for s, f in zip(p[SOURCE_ID], p[FLOW], strict=True)
        ],
        partial=[m.group(1) if (m := PARTIAL_PERIOD.search(n)) else "" for n in notes],
    )


def references_for(tables: Tables, source_ids: set[str]) -> pd.DataFrame:
    """The panel's reference list: every source it cites."""
    s = tables.sources
    return s[s[SOURCE_ID].isin(source_ids)].sort_values("short_label").reset_index(drop=True)


_FILLER = {"via", "as", "reported", "by", "the", "of", "and", "on", "a"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _FILLER}


def reference_parts(short_label: object, title: object, publisher: object) -> tuple[str, str]:
    """(label, detail) for a reference line, each piece of text said once.

    The generated sources repeat their label in the title and publisher ('SBP data via Profit':
    'SBP data, as reported by Profit' (SBP data)); a detail that adds no word is dropped.
    """
    label = str(short_label)
    said = _words(label)
    parts: list[str] = []
    for piece in (str(title), str(publisher)):
        if piece and piece != "nan" and not _words(piece) <= said:
            parts.append(piece)
            said |= _words(piece)
    if len(parts) == 2:
        return label, f"{parts[0]} ({parts[1]})"
    return label, parts[0] if parts else ""
