"""Corridor lines: source geometry where it exists, else schematic waypoints; their cards."""

from __future__ import annotations

import itertools
import math
import textwrap

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, source_labels
from data.map.model import (
    ARROW_DEG,
    CARD_WIDTH,
    CONTEXT_COUNTRIES,
    HOVER_STEP_DEG,
    SHARED_OFFSET_DEG,
    STATUS_LABEL,
    TYPE_LABEL,
    CorridorCard,
    CorridorLine,
)
from data.schema import SOURCE_ID
from data.status_dates import STALE_WORDS, status_date
from data.text import project_amount


def _coords(tables: Tables) -> dict[str, tuple[float, float, str]]:
    places = tables.places
    return {
        pid: (float(lon), float(lat), str(name))
        for pid, lon, lat, name in zip(
            places["place_id"], places["lon"], places["lat"], places["name"], strict=True
        )
    }


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, CARD_WIDTH, subsequent_indent=indent) or [""]


def corridor_card(row: pd.Series, tables: Tables) -> CorridorCard:
    """The hover card of a corridor: what, who, status and why, figures, route, sources."""
    names = {**country_names(tables), **CONTEXT_COUNTRIES, "TKM": "Turkmenistan"}
    labels = source_labels(tables)
    partners = ", ".join(names.get(c, c) for c in str(row["countries"]).split(";"))
    # The basis that follows cites the status source (a test holds every row to it).
    when = status_date(row["status_as_of"], tables.clock())
    status = f"Status: {STATUS_LABEL[row['status']]} ({when.phrase}): "
    lines = [
        *_wrap(f"{TYPE_LABEL[row['type']]} · partners: {partners}"),
        *_wrap(status + str(row["status_basis"]), "   "),
    ]
    facts = [
        project_amount(row.get("length_km"), "km"),
        str(row["capacity"]) if isinstance(row.get("capacity"), str) else None,
        project_amount(row.get("cost_usd"), "usd"),
    ]
    facts_text = " · ".join(f for f in facts if f)
    if facts_text:
        lines.append(f"Figures: {facts_text}")
    lines += _wrap(str(row["description"]))
    geometry = {
        "surveyed": "Route: drawn from the source's route data",
        "schematic": "SCHEMATIC: straight lines through named places, not a surveyed route",
        "mixed": "Partly SCHEMATIC: straight lines through named places where no route data",
        "unrouted": "NO ROUTE in the source: the arrow only points towards where it would go",
    }[row["geometry"]]
    sources = "; ".join(labels.get(s, s) for s in str(row["source_ids"]).split(";"))
    return CorridorCard(
        title=str(row["name"]),
        body=tuple(lines),
        geometry=geometry,
        sources=tuple(_wrap(f"Sources: {sources}", "   ")),
    )


def _segment_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _schematic_segments(tables: Tables) -> dict[str, list[tuple[str, str]]]:
    """corridor_id -> the (from, to) place pairs drawn as straight lines."""
    surveyed = set(tables.corridor_geometry["corridor_id"])
    out: dict[str, list[tuple[str, str]]] = {}
    for cid, wps in tables.corridor_waypoints.groupby("corridor_id", sort=False):
        wps = wps.sort_values("seq")
        ids, flags = wps["place_id"].tolist(), wps["geometry"].tolist()
        out[str(cid)] = [
            (ids[i - 1], ids[i])
            for i in range(1, len(ids))
            if flags[i] != "surveyed" or cid not in surveyed
        ]
    return out


def _offsets(
    segments: dict[str, list[tuple[str, str]]], coords: dict[str, tuple[float, float, str]]
) -> dict[tuple[str, tuple[str, str]], tuple[float, float]]:
    """(corridor, segment) -> (dlon, dlat) moving a shared stretch to its own side of the line."""
    users: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for cid, pairs in segments.items():
        for a, b in pairs:
            users.setdefault(_segment_key(a, b), []).append((cid, a, b))
    out: dict[tuple[str, tuple[str, str]], tuple[float, float]] = {}
    for key, uses in users.items():
        if len(uses) < 2:
            continue
        uses = sorted(uses)
        # Sides follow the first corridor's direction of travel, so a run of shared segments
        # keeps each line on its own side (an alphabetical order would swap them midway).
        _, start, end = uses[0]
        (lon1, lat1, _), (lon2, lat2, _) = coords[start], coords[end]
        scale = math.cos(math.radians((lat1 + lat2) / 2))
        dx, dy = (lon2 - lon1) * scale, lat2 - lat1
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length  # unit normal in a locally true-scale frame
        for k, (cid, _, _) in enumerate(uses):
            shift = (k - (len(uses) - 1) / 2) * 2 * SHARED_OFFSET_DEG
            out[(cid, key)] = (nx * shift / scale, ny * shift)
    return out


def _densify(
    points: list[tuple[float, float]], step: float = HOVER_STEP_DEG
) -> list[tuple[float, float]]:
    """The polyline with extra points at most `step` degrees apart (hover targets)."""
    out = points[:1]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(points):
        n = max(1, math.ceil(math.hypot(lon2 - lon1, lat2 - lat1) / step))
        out += [
            (lon1 + (lon2 - lon1) * i / n, lat1 + (lat2 - lat1) * i / n) for i in range(1, n + 1)
        ]
    return out


def _schematic_parts(
    cid: str,
    pairs: list[tuple[str, str]],
    coords: dict[str, tuple[float, float, str]],
    offsets: dict[tuple[str, tuple[str, str]], tuple[float, float]],
) -> list[tuple[list[tuple[float, float]], list[str]]]:
    """Connected runs of segments: their points (shared stretches offset) and segment names."""
    runs: list[list[tuple[str, str]]] = []
    for a, b in pairs:
        if runs and runs[-1][-1][1] == a:
            runs[-1].append((a, b))
        else:
            runs.append([(a, b)])
    parts = []
    for run in runs:
        shifts = [offsets.get((cid, _segment_key(a, b)), (0.0, 0.0)) for a, b in run]
        points: list[tuple[float, float]] = []
        names: list[str] = []
        for i, (a, b) in enumerate(run):
            lon1, lat1, name1 = coords[a]
            lon2, lat2, name2 = coords[b]
            # A vertex between two segments moves by the mean of their shifts: the line stays
            # connected and runs parallel along the shared stretch.
            before = shifts[i - 1] if i else shifts[i]
            after = shifts[i + 1] if i + 1 < len(shifts) else shifts[i]
            start = (
                lon1 + (before[0] + shifts[i][0]) / 2,
                lat1 + (before[1] + shifts[i][1]) / 2,
            )
            end = (lon2 + (shifts[i][0] + after[0]) / 2, lat2 + (shifts[i][1] + after[1]) / 2)
            dense = _densify([start, end])
            if points:
                dense = dense[1:]
            points += dense
            names += [f"{name1} – {name2}"] * len(dense)
        parts.append((points, names))
    return parts


def _arrow(
    start: tuple[float, float, str], end: tuple[float, float, str], towards: str
) -> tuple[list[tuple[float, float]], list[str]]:
    """A short arrow from `start` pointing at `end` (which it does not reach) and its name."""
    (lon1, lat1, name1), (lon2, lat2, _) = start, end
    scale = math.cos(math.radians(lat1))
    dx, dy = (lon2 - lon1) * scale, lat2 - lat1
    length = math.hypot(dx, dy) or 1.0
    fraction = min(1.0, ARROW_DEG / length)
    tip = (lon1 + (lon2 - lon1) * fraction, lat1 + (lat2 - lat1) * fraction)
    points = _densify([(lon1, lat1), tip])
    return points, [f"From {name1} towards {towards}: no route given"] * len(points)


def corridor_lines(tables: Tables) -> list[CorridorLine]:
    """Each corridor as a line: source geometry where it exists, else schematic waypoints."""
    coords = _coords(tables)
    geometry = tables.corridor_geometry
    segments = _schematic_segments(tables)
    offsets = _offsets(segments, coords)
    iso3 = dict(zip(tables.places["place_id"], tables.places["iso3"], strict=True))
    countries = {**country_names(tables), **CONTEXT_COUNTRIES}
    today = tables.clock()
    out = []
    for _, row in tables.corridors.iterrows():
        cid = str(row["corridor_id"])
        parts: list[tuple[list[tuple[float, float]], list[str]]] = []
        surveyed = geometry[geometry["corridor_id"] == cid]
        for _, part in surveyed.groupby("part", sort=True):
            part = part.sort_values("seq")
            points = _densify(list(zip(part["lon"], part["lat"], strict=True)))
            parts.append((points, [""] * len(points)))
        if row["geometry"] == "unrouted":
            # The end stands for a country (the source names no place): say the country.
            ends = segments.get(cid, [])
            end = ends[-1][1]
            parts.append(_arrow(coords[ends[0][0]], coords[end], countries[iso3[end]]))
        else:
            parts += _schematic_parts(cid, segments.get(cid, []), coords, offsets)
        lons: list[float | None] = []
        lats: list[float | None] = []
        names: list[str] = []
        for points, segment_names in parts:
            if lons:
                lons.append(None)
                lats.append(None)
                names.append("")
            lons += [round(lon, 3) for lon, _ in points]
            lats += [round(lat, 3) for _, lat in points]
            names += segment_names
        out.append(
            CorridorLine(
                corridor_id=cid,
                name=str(row["name"]),
                short_name=str(row["short_name"]),
                type=str(row["type"]),
                status=str(row["status"]),
                geometry=str(row["geometry"]),
                lons=lons,
                lats=lats,
                segments=names,
                card_parts=corridor_card(row, tables),
                status_when=status_date(row["status_as_of"], today).short,
            )
        )
    return out


def _corridor_vintage(tables: Tables) -> str:
    """Which sources date the corridors' status, and where TAPI's route comes from."""
    sources = tables.sources.set_index(SOURCE_ID)
    used = {s for ids in tables.corridors["source_ids"] for s in str(ids).split(";") if s}
    status = sorted(
        str(sources.loc[s, "short_label"])
        for s in set(tables.corridors["status_source_id"])
        if s in sources.index
    )
    years = sorted({int(str(y)[:4]) for y in tables.corridors["status_as_of"]})
    when = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    text = (
        f"Corridors: status as {'; '.join(status)} give it, as of {when} by project "
        f"(statuses {STALE_WORDS} at {tables.clock().isoformat()} are marked so)."
    )
    if "gem_asia_gas_tracker" in used and "gem_asia_gas_tracker" in sources.index:
        gem = sources.loc["gem_asia_gas_tracker"]
        url = str(gem["url"])
        commit = f"commit {url.rsplit('@', 1)[-1]}, " if "@" in url else ""
        licence = str(gem["licence_note"]).split(" (")[0]
        text += f" TAPI route: {gem['publisher']}, {gem['title']} ({commit}{licence})."
    return text
