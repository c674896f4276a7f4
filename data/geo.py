"""Pure queries for the corridor map: country shading, corridor lines and places."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.loading import Tables
from data.queries import (
    SOURCES,
    country_names,
    flow_series,
    primary_figures,
    source_labels,
)
from data.schema import CAR_CODES, PARTNER, VALUE
from data.state import FLOW_LABEL, REPORTER_LABEL, ViewState, flow_phrase, period_label

TYPE_LABEL = {
    "gas_pipeline": "Gas pipeline",
    "power_line": "Power line",
    "railway": "Railway",
    "road": "Road route",
}
STATUS_LABEL = {
    "operational": "operational",
    "under_construction": "under construction",
    "planned": "planned",
    "proposed": "proposed",
    "stalled": "stalled",
}
CONTEXT_COUNTRIES = {
    "PAK": "Pakistan",
    "AFG": "Afghanistan",
    "CHN": "China",
    "IRN": "Iran",
    "IND": "India",
}


@dataclass(frozen=True)
class CorridorLine:
    """One corridor as a drawable line (None separates parts) with its hover card."""

    corridor_id: str
    name: str
    short_name: str
    type: str
    status: str
    schematic: bool
    lons: list[float | None]
    lats: list[float | None]
    labels: list[str]
    card: str


@dataclass(frozen=True)
class MapView:
    """Everything the map draws."""

    shading: pd.DataFrame  # partner_iso3, name, value, rank, has_value, period, source
    corridors: list[CorridorLine]
    places: pd.DataFrame
    caption: str
    colour_title: str
    year_label: str
    # A balance has a sign: shade it on a scale centred on zero even when every value is positive.
    diverging: bool = False


def map_shading(tables: Tables, state: ViewState) -> pd.DataFrame:
    """All six CARs with the chosen flow in the end year of the range (NaN where none)."""
    end = state.years[1]
    everyone = state.with_(countries=CAR_CODES, years=(end, end))
    series = flow_series(primary_figures(tables, everyone), state.flow).set_index(PARTNER)
    labels = source_labels(tables)
    names = country_names(tables)
    rows = []
    for code in CAR_CODES:
        value = series[VALUE].get(code)
        sources = series[SOURCES].get(code) if code in series.index else None
        rows.append(
            {
                PARTNER: code,
                "name": names[code],
                VALUE: None if value is None else float(value) / state.divisor,
                "has_value": value is not None,
                "period": period_label(end, state.basis),
                "source": " + ".join(labels.get(s, s) for s in str(sources).split(";"))
                if sources
                else "no figure",
            }
        )
    frame = pd.DataFrame(rows)
    frame["rank"] = frame[VALUE].rank(ascending=False, method="min")
    return frame


def _coords(tables: Tables) -> dict[str, tuple[float, float, str]]:
    places = tables.places
    return {
        pid: (float(lon), float(lat), str(name))
        for pid, lon, lat, name in zip(
            places["place_id"], places["lon"], places["lat"], places["name"], strict=True
        )
    }


def _fmt_number(value: object, unit: str) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    number = float(str(value))
    if unit == "usd":
        return f"US${number / 1e9:,.1f} bn" if number >= 1e9 else f"US${number / 1e6:,.0f} M"
    return f"{number:,.0f} km"


def corridor_card(row: pd.Series, tables: Tables) -> str:
    """The hover card of a corridor: what, who, how big, status, geometry, sources."""
    names = {**country_names(tables), **CONTEXT_COUNTRIES, "TKM": "Turkmenistan"}
    labels = source_labels(tables)
    countries = " – ".join(names.get(c, c) for c in str(row["countries"]).split(";"))
    lines = [
        f"<b>{row['name']}</b>",
        f"{TYPE_LABEL[row['type']]} · {countries}",
        f"Status: {STATUS_LABEL[row['status']]} (as of {int(row['status_as_of'])})",
    ]
    facts = [
        _fmt_number(row.get("length_km"), "km"),
        str(row["capacity"]) if isinstance(row.get("capacity"), str) else None,
        _fmt_number(row.get("cost_usd"), "usd"),
    ]
    facts_text = " · ".join(f for f in facts if f)
    if facts_text:
        lines.append(facts_text)
    geometry = {
        "surveyed": "route geometry from source data",
        "schematic": "SCHEMATIC: straight lines through named places, not a surveyed route",
        "mixed": "partly surveyed, partly SCHEMATIC (straight lines through named places)",
    }[row["geometry"]]
    lines.append(geometry)
    sources = "; ".join(labels.get(s, s) for s in str(row["source_ids"]).split(";"))
    lines.append(f"Sources: {sources}")
    return "<br>".join(lines)


def corridor_lines(tables: Tables) -> list[CorridorLine]:
    """Each corridor as a line: source geometry where it exists, else schematic waypoints."""
    coords = _coords(tables)
    geometry = tables.corridor_geometry
    out = []
    for _, row in tables.corridors.iterrows():
        cid = str(row["corridor_id"])
        wps = tables.corridor_waypoints[tables.corridor_waypoints["corridor_id"] == cid]
        wps = wps.sort_values("seq")
        lons: list[float | None] = []
        lats: list[float | None] = []
        labels: list[str] = []
        surveyed = geometry[geometry["corridor_id"] == cid]
        for _, part in surveyed.groupby("part", sort=True):
            part = part.sort_values("seq")
            if lons:
                lons.append(None)
                lats.append(None)
                labels.append("")
            lons += part["lon"].tolist()
            lats += part["lat"].tolist()
            labels += [""] * len(part)
        schematic_segments = []
        ids = wps["place_id"].tolist()
        flags = wps["geometry"].tolist()
        for i in range(1, len(ids)):
            if flags[i] == "schematic" or surveyed.empty:
                schematic_segments.append((ids[i - 1], ids[i]))
        previous: str | None = None
        for start, end in schematic_segments:
            if start != previous:
                if lons:
                    lons.append(None)
                    lats.append(None)
                    labels.append("")
                lon, lat, name = coords[start]
                lons.append(lon)
                lats.append(lat)
                labels.append(name)
            lon, lat, name = coords[end]
            lons.append(lon)
            lats.append(lat)
            labels.append(name)
            previous = end
        out.append(
            CorridorLine(
                corridor_id=cid,
                name=str(row["name"]),
                short_name=str(row["short_name"]),
                type=str(row["type"]),
                status=str(row["status"]),
                schematic=row["geometry"] != "surveyed",
                lons=lons,
                lats=lats,
                labels=labels,
                card=corridor_card(row, tables),
            )
        )
    return out


def map_view(tables: Tables, state: ViewState) -> MapView:
    """The corridor map's view model."""
    shading = map_shading(tables, state)
    year_label = period_label(state.years[1], state.basis)
    used = sorted({s for s in shading["source"] if s != "no figure"})
    corridor_sources = {
        s for ids in tables.corridors["source_ids"] for s in str(ids).split(";") if s
    }
    labels = source_labels(tables)
    flow = flow_phrase(state.flow)
    caption = (
        f"Shading: {flow} in {year_label}, "
        f"{REPORTER_LABEL[state.reporter]}, {state.unit_label} "
        f"(source: {'; '.join(used) if used else 'no figure for that year'}); grey = no figure "
        f"for that year. Corridors: "
        f"{'; '.join(sorted(labels.get(s, s) for s in corridor_sources))}. "
        "Lines marked schematic are straight lines through named places, not surveyed routes; "
        "place coordinates are approximate (±0.05°). Status as the sources give it, as of the "
        "year shown in each hover card. Click a CAR to open its profile."
    )
    return MapView(
        shading=shading,
        corridors=corridor_lines(tables),
        places=tables.places,
        caption=caption,
        colour_title=f"{FLOW_LABEL[state.flow].split(' (')[0]}<br>{year_label}, {state.unit_label}",
        year_label=year_label,
        diverging=state.flow == "balance",
    )
