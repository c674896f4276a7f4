"""Corridor map (issue #4): corridor data, figure, the callback's Patch, map clicks, reply sizes."""

from __future__ import annotations

import copy
import dataclasses
import gzip
import itertools
import json
import math
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from csv_helpers import copy_data, edit_line
from dash import Dash, Patch
from plotly.colors import sample_colorscale
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks.corridors import map_update
from callbacks.state import country_from_click
from components import ids
from data.geo import HOVER_STEP_DEG, SHARED_OFFSET_DEG, map_view, shading_view
from data.loading import DataValidationError, Tables, load_tables
from data.profile import corridors_for
from data.queries import source_labels
from data.schema import CAR_CODES, SOURCE_ID, VALUE
from data.state import DEFAULT_STATE, ViewState, parse_query, to_query
from figures.corridor_map import (
    CHOROPLETH_TRACE,
    EMPTY_ANNOTATION,
    KEY_ANNOTATION,
    PLACES_NAME,
    SEQUENTIAL,
    map_figure,
    symlog,
)
from settings import ASSETS_DIR, GRAPH_CONFIG

ISO3 = re.compile(r"^[A-Z]{3}$")
# What the legend promises for each status (written out here, not imported, so a change shows).
# Short custom dash arrays: plotly's named dashes at width 3 hide short stretches in their gaps.
DASH_BY_STATUS = {
    "operational": "solid",
    "under_construction": "10px,3px",
    "planned": "5px,3px",
    "proposed": "5px,3px",
    "stalled": "2px,3px",
}
# Every node issue #4 lists, by place_id: each must carry a label on the map.
ISSUE_NODES = (
    "gwadar-port",
    "karachi-port",
    "peshawar",
    "torkham",
    "chaman",
    "khunjerab-pass",
    "kashgar",
    "termez",
    "mazar-i-sharif",
    "kabul",
    "herat",
    "astana",
    "bishkek",
    "dushanbe",
    "ashgabat",
    "tashkent",
    "baku",
)
# data/trade.csv rows T0136 and T0164: Kazakhstan 2020, calendar year, Pakistan-reported (US$).
KAZ_2020_EXPORT = 59_236_314.0
KAZ_2020_IMPORT = 515_929.0
MAX_FIGURE_BYTES = 400 * 1024


# ---------------------------------------------------------------- helpers


def _figure(tables: Tables, state: ViewState = DEFAULT_STATE) -> go.Figure:
    return map_figure(map_view(tables, state), selected=state.country)


def _corridor_traces(fig: go.Figure) -> dict[str, Any]:
    """corridor_id -> its Scattergeo trace (traces carry the id in meta)."""
    out: dict[str, Any] = {}
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.meta:
            (cid,) = trace.meta
            assert cid not in out, f"two traces for corridor {cid}"
            out[cid] = trace
    return out


def _frame(fig: go.Figure) -> tuple[tuple[float, float], tuple[float, float]]:
    geo = fig.layout.geo
    lon, lat = geo.lonaxis.range, geo.lataxis.range
    return (float(lon[0]), float(lon[1])), (float(lat[0]), float(lat[1]))


@cache
def _country_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO-3 -> outer and inner rings (lon, lat) decoded from the vendored asia_50m topojson."""
    topo = json.loads((ASSETS_DIR / "topojson" / "asia_50m.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised, delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    rings: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        if not geometry.get("id"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings[geometry["id"]] = [ring(r) for polygon in polygons for r in polygon]
    return rings


def _inside(lon: float, lat: float, iso3: str, slack: float = 0.0) -> bool:
    """Point in the country's polygons (even-odd rule), or within `slack` degrees of them."""
    offsets = [(0.0, 0.0)]
    if slack:
        offsets += [(dx, dy) for dx in (-slack, 0, slack) for dy in (-slack, 0, slack)]
    for dx, dy in offsets:
        x, y = lon + dx, lat + dy
        crossings = 0
        for ring in _country_rings()[iso3]:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    crossings += 1
        if crossings % 2:
            return True
    return False


def _jsonable(value: Any) -> Any:
    """What Dash sends to the browser for a figure or Patch."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def _apply(figure: dict, patch: dict) -> dict:
    """Apply a serialised dash Patch the way the renderer does (only Assign is expected here)."""
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    out = copy.deepcopy(figure)
    for op in patch["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        target = out
        for key in path:
            target = target.setdefault(key, {}) if isinstance(target, dict) else target[key]
        target[last] = op["params"]["value"]
    return out


# ---------------------------------------------------------------- corridor data


def test_every_place_and_route_point_is_inside_the_map_frame(tables: Tables) -> None:
    (lon0, lon1), (lat0, lat1) = _frame(_figure(tables))
    coords = tables.places.set_index("place_id")[["lon", "lat"]]
    for pid in tables.corridor_waypoints["place_id"]:
        lon, lat = coords.loc[pid]
        assert lon0 <= lon <= lon1 and lat0 <= lat <= lat1, f"waypoint {pid} at {lon}, {lat}"
    # Every drawn place and surveyed route point too: the frame must not cut a line.
    for lon, lat in zip(
        [*tables.places["lon"], *tables.corridor_geometry["lon"]],
        [*tables.places["lat"], *tables.corridor_geometry["lat"]],
        strict=True,
    ):
        assert lon0 <= lon <= lon1 and lat0 <= lat <= lat1, (lon, lat)


def test_every_place_lies_in_its_country(tables: Tables) -> None:
    # ±0.1°: the 1:50m outlines are coarse at coasts (Gwadar) and on border passes (Khunjerab).
    places = tables.places
    wrong = [
        (pid, iso3)
        for pid, iso3, lon, lat in zip(
            places["place_id"], places["iso3"], places["lon"], places["lat"], strict=True
        )
        if not _inside(float(lon), float(lat), str(iso3), slack=0.1)
    ]
    assert wrong == []


def sources_of(row: dict) -> list[str]:
    """A corridor row's source ids."""
    return str(row["source_ids"]).split(";")


def test_every_corridor_has_type_status_partners_and_known_sources(tables: Tables) -> None:
    known = set(tables.sources[SOURCE_ID])
    assert len(tables.corridors) >= 5
    for row in tables.corridors.to_dict("records"):
        cid = row["corridor_id"]
        assert row["type"] in {"gas_pipeline", "power_line", "railway", "road"}, cid
        assert row["status"] in DASH_BY_STATUS, cid
        assert 2000 <= int(str(row["status_as_of"])[:4]) <= 2030
        assert row["status_source_id"] in sources_of(row), cid
        partners = str(row["countries"]).split(";")
        assert len(partners) >= 2 and all(ISO3.match(p) for p in partners), cid
        assert len(set(partners)) == len(partners), cid
        sources = [s for s in str(row["source_ids"]).split(";") if s]
        assert sources and set(sources) <= known, (cid, set(sources) - known)
        # The card says what in the source gives the status, with a citation.
        assert re.search(r"\([^()]*20\d\d\)", row["status_basis"]), cid
        if row["geometry"] != "surveyed":
            assert "no route" in row["description"].lower(), cid


def test_the_cku_extension_says_what_its_source_says_and_no_more(tables: Tables) -> None:
    # ANKASAM 2023: Islamabad and Bishkek favour extending the railway to Pakistan; no route.
    ext = tables.corridors.set_index("corridor_id").loc["cku-railway-extension"]
    assert {"KGZ", "PAK"} <= set(ext["countries"].split(";"))
    assert "AFG" not in ext["countries"]  # the source names no transit country
    assert ext["geometry"] == "unrouted" and ext["status"] == "proposed"
    assert ext["source_ids"].split(";")[0] == "ankasam2023"
    waypoints = tables.corridor_waypoints
    assert set(waypoints[waypoints["corridor_id"] == "cku-railway-extension"]["geometry"]) == {
        "unrouted"
    }
    # Drawn as a short arrow from the railway's end pointing towards Pakistan, reaching nothing.
    arrow = _corridor_traces(_figure(tables))["cku-railway-extension"]
    places = {
        p: (lon, lat)
        for p, lon, lat in zip(*(tables.places[c] for c in ("place_id", "lon", "lat")), strict=True)
    }
    (start, end) = places["andijan"], places["islamabad"]
    lon, lat = arrow.lon[-1], arrow.lat[-1]
    assert math.dist((arrow.lon[0], arrow.lat[0]), start) < 1e-3
    assert 1.0 < math.dist((lon, lat), start) < 2.0 < math.dist((lon, lat), end)
    heading = (
        math.degrees(
            math.atan2((end[0] - start[0]) * math.cos(math.radians(lat)), end[1] - start[1])
        )
        % 360
    )
    assert abs(arrow.marker.angle - heading) < 3
    # Islamabad only stands for Pakistan: the hover names the country, not the city.
    assert set(arrow.hovertext) == {"From Andijan towards Pakistan: no route given"}
    # Profiles list corridors by partner: Kyrgyzstan's now shows the extension.
    assert "cku-railway-extension" in set(corridors_for(tables, "KGZ")["corridor_id"])


def test_kazakhstan_is_a_partner_of_the_trans_afghan_railway(tables: Tables) -> None:
    # Jahanzaib 2024 (citing Business Recorder, Apr 2024): Pakistan and Kazakhstan agreed to
    # extend the Trans-Afghan rail link.
    tar = tables.corridors.set_index("corridor_id").loc["trans-afghan-railway"]
    assert "KAZ" in tar["countries"].split(";")
    assert "Kazakhstan" in tar["description"] and "jahanzaib2024" in tar["source_ids"]
    assert "trans-afghan-railway" in set(corridors_for(tables, "KAZ")["corridor_id"])


def test_cards_carry_the_seed_facts_with_citations(tables: Tables) -> None:
    cards = {line.corridor_id: line.card for line in map_view(tables, DEFAULT_STATE).corridors}
    assert "30 years" in cards["tapi"] and "Host Government Agreements" in cards["tapi"]
    assert "30% " in cards["trans-afghan-railway"]
    assert "TIR" in cards["qtta-road"] and "National Logistics Cell" in cards["qtta-road"]
    # QTTA's 'operational' rests on a signed agreement and TIR under it: the card says so.
    assert "agreement is signed" in cards["qtta-road"]
    for cid, card in cards.items():
        assert re.search(r"\([^()]*20\d\d\)", card), cid


def test_every_corridor_has_at_least_two_ordered_waypoints(tables: Tables) -> None:
    waypoints = tables.corridor_waypoints
    assert set(waypoints["corridor_id"]) == set(tables.corridors["corridor_id"])
    for cid, group in waypoints.groupby("corridor_id"):
        assert len(group) >= 2, cid
        assert sorted(group["seq"]) == list(range(1, len(group) + 1)), cid


def test_tapi_surveyed_route_runs_through_turkmenistan_afghanistan_pakistan_india(
    tables: Tables,
) -> None:
    route = tables.corridor_geometry
    route = route[route["corridor_id"] == "tapi"].sort_values(["part", "seq"])
    assert len(route) >= 10
    lons, lats = route["lon"].tolist(), route["lat"].tolist()
    countries = ("TKM", "AFG", "PAK", "IND")
    # The longitudes any of the four countries span (from the vendored outlines).
    span = [x for c in countries for ring in _country_rings()[c] for x, _ in ring]
    assert all(min(span) <= lon <= max(span) for lon in lons)
    where = [
        next((c for c in countries if _inside(x, y, c)), None)
        for x, y in zip(lons, lats, strict=True)
    ]
    assert None not in where, [
        (x, y) for x, y, c in zip(lons, lats, where, strict=True) if c is None
    ]
    assert set(where) == set(countries)
    # Part 1 is the main line, Turkmenistan to India; the other parts are short Afghan spurs.
    main = (route["part"] == 1).tolist()
    ends = [c for c, on_main in zip(where, main, strict=True) if on_main]
    assert ends[0] == "TKM" and ends[-1] == "IND"


@pytest.mark.parametrize(
    ("file", "line", "old", "new", "column", "fragment"),
    [
        ("corridors.csv", 2, ",planned,", ",plannned,", "status", "plannned"),
        ("corridors.csv", 3, ",KGZ;TJK;AFG;PAK,", ",KGZ,", "countries", "KGZ"),
        ("corridors.csv", 2, ";gem_asia_gas_tracker", ";gem_typo", "source_ids", "gem_typo"),
        ("corridor_waypoints.csv", 2, ",serhetabat,", ",atlantis,", "place_id", "atlantis"),
        ("corridor_waypoints.csv", 3, "tapi,", "tapy,", "corridor_id", "tapy"),
        ("corridor_waypoints.csv", 4, ",surveyed", ",guessed", "geometry", "guessed"),
        ("places.csv", 2, ",25.12,", ",75.12,", "lat", "75.12"),
        ("corridor_geometry.csv", 2, ",37.320475,", ",-37.320475,", "lat", "-37.32"),
    ],
)
def test_broken_corridor_tables_name_file_row_column_and_reason(
    tmp_path: Path, file: str, line: int, old: str, new: str, column: str, fragment: str
) -> None:
    folder = copy_data(tmp_path)
    edit_line(folder / file, line, old, new)
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    hits = [p for p in info.value.problems if (p.file, p.row, p.column) == (file, line, column)]
    assert hits, [str(p) for p in info.value.problems]
    assert any(fragment in p.reason for p in hits), [p.reason for p in hits]
    assert f"{file}, row {line}, column '{column}'" in str(info.value)


def test_reference_error_below_a_blank_line_names_the_right_row(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    path = folder / "corridor_waypoints.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_line(path, 3, ",serhetabat,", ",atlantis,")
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    rows = [p.row for p in info.value.problems if "atlantis" in p.reason]
    assert rows == [3]


# ---------------------------------------------------------------- figure


def _rgb(colour: str) -> tuple[int, ...]:
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(float(c)) for c in colour[colour.index("(") + 1 : -1].split(",")[:3])


def _shade_colour(trace: Any, iso3: str) -> tuple[int, ...]:
    """The fill colour plotly gives a country: its z on the trace's colour scale."""
    z = dict(zip(trace.locations, trace.z, strict=True))[iso3]
    position = (z - trace.zmin) / (trace.zmax - trace.zmin)
    scale = [[float(p), c] for p, c in trace.colorscale]
    (colour,) = sample_colorscale(scale, [min(1.0, max(0.0, position))])
    return _rgb(colour)


def test_one_line_trace_per_corridor_with_short_name_status_and_dash(tables: Tables) -> None:
    traces = _corridor_traces(_figure(tables))
    assert set(traces) == set(tables.corridors["corridor_id"])
    for row in tables.corridors.to_dict("records"):
        trace = traces[row["corridor_id"]]
        # A corridor without a route is an arrow with a label saying so; the rest are lines.
        unrouted = row["geometry"] == "unrouted"
        assert trace.mode == ("lines+markers+text" if unrouted else "lines")
        assert row["short_name"] in trace.name
        assert row["status"].replace("_", " ") in trace.name
        assert trace.line.dash == DASH_BY_STATUS[row["status"]], row["corridor_id"]
        assert len([x for x in trace.lon if x is not None]) >= 2
        if unrouted:
            assert "no route given" in "".join(trace.text)
            assert trace.marker.size[-1] > 0 and set(trace.marker.size[:-1]) == {0}


@pytest.mark.parametrize("status", sorted(DASH_BY_STATUS))
def test_every_status_has_its_dash_style(tables: Tables, status: str) -> None:
    # The data has no stalled corridor today: give every corridor each status in turn.
    corridors = tables.corridors.assign(status=status)
    fig = _figure(dataclasses.replace(tables, corridors=corridors))
    traces = _corridor_traces(fig)
    assert {t.line.dash for t in traces.values()} == {DASH_BY_STATUS[status]}
    assert all(status.replace("_", " ") in t.name for t in traces.values())


def test_the_legend_explains_the_line_styles_and_place_symbols(tables: Tables) -> None:
    fig = _figure(tables)
    title = fig.layout.annotations[KEY_ANNOTATION].text
    for status in ("operational", "under construction", "planned", "proposed", "stalled"):
        assert status in title, status
    (places,) = [t for t in fig.data if t.name == PLACES_NAME]
    for kind in ("capital", "port", "border crossing", "pass", "town"):
        assert kind in places.name, kind
    # The gap of each dash array is short enough not to swallow a short stretch.
    for dash in set(DASH_BY_STATUS.values()) - {"solid"}:
        assert all(float(part.removesuffix("px")) <= 10 for part in dash.split(","))


def test_schematic_corridors_say_so_in_legend_and_hover(tables: Tables) -> None:
    traces = _corridor_traces(_figure(tables))
    geometry = dict(zip(tables.corridors["corridor_id"], tables.corridors["geometry"], strict=True))
    assert "surveyed" in geometry.values() and "schematic" in geometry.values()
    for cid, trace in traces.items():
        kind = geometry[cid]
        assert ("schematic" in trace.name) is (kind == "schematic"), trace.name
        assert ("no route given" in trace.name) is (kind == "unrouted"), trace.name
        card = trace.hovertemplate
        assert card.endswith("<extra></extra>") and card.startswith("<b>")
        assert ("SCHEMATIC" in card) is (kind == "schematic"), cid
        assert ("NO ROUTE" in card) is (kind == "unrouted"), cid
        # The card sits once in the template; points carry only the stretch they lie on.
        if kind == "surveyed":
            assert trace.hovertext is None
        else:
            assert "%{hovertext}" in card
            assert all(len(t) < 80 for t in trace.hovertext)


def test_tapi_hover_card_has_status_year_figures_and_sources(tables: Tables) -> None:
    tapi = _corridor_traces(_figure(tables))["tapi"]
    card = tapi.hovertemplate
    assert "Status: planned (as of 2024)" in card
    assert "33 bcm/yr" in card and "US$10.0 bn" in card
    assert "partners: Turkmenistan, Afghanistan, Pakistan, India" in card
    labels = source_labels(tables)
    for sid in ("jahanzaib2024", "ankasam2023", "gem_asia_gas_tracker"):
        assert labels[sid] in card.replace("<br>   ", " ").replace("<br>", " "), sid
    # plotly does not wrap hover text: the card wraps itself.
    assert max(len(re.sub("<[^>]+>", "", line)) for line in card.split("<br>")) <= 80


def _tick(trace: Any, position: float) -> str:
    """The colour bar's label at a tick position."""
    ticks = zip(trace.colorbar.tickvals, trace.colorbar.ticktext, strict=True)
    (label,) = [text for value, text in ticks if math.isclose(value, position, abs_tol=1e-9)]
    return label


def _gaps(lons: list[float | None], lats: list[float | None]) -> list[float]:
    """Distances (degrees) between consecutive points within each part of a line."""
    out = []
    for i in range(1, len(lons)):
        x1, y1, x2, y2 = lons[i - 1], lats[i - 1], lons[i], lats[i]
        if x1 is not None and y1 is not None and x2 is not None and y2 is not None:
            out.append(math.hypot(x2 - x1, y2 - y1))
    return out


def test_every_line_has_hover_points_all_along_it(tables: Tables) -> None:
    # plotly hovers a scattergeo line only at its points: a schematic line through two places
    # would show its card only at its ends, where the place markers win.
    traces = _corridor_traces(_figure(tables))
    for cid, trace in traces.items():
        gaps = _gaps(list(trace.lon), list(trace.lat))
        assert gaps and max(gaps) <= HOVER_STEP_DEG * 1.01, (cid, max(gaps))


def _point_near(trace: Any, lon: float, lat: float) -> tuple[float, float]:
    return min(
        ((x, y) for x, y in zip(trace.lon, trace.lat, strict=True) if x is not None),
        key=lambda p: math.hypot(p[0] - lon, p[1] - lat),
    )


@pytest.mark.parametrize(
    ("first", "second", "start", "end"),
    [
        ("casa-1000", "trans-afghan-railway", "kabul", "torkham"),
        ("casa-1000", "trans-afghan-railway", "torkham", "peshawar"),
        ("cku-railway", "qtta-road", "kashgar", "torugart"),
    ],
)
def test_lines_sharing_a_stretch_run_side_by_side(
    tables: Tables, first: str, second: str, start: str, end: str
) -> None:
    traces = _corridor_traces(_figure(tables))
    coords = {
        pid: (float(lon), float(lat))
        for pid, lon, lat in zip(
            tables.places["place_id"], tables.places["lon"], tables.places["lat"], strict=True
        )
    }
    lon = (coords[start][0] + coords[end][0]) / 2
    lat = (coords[start][1] + coords[end][1]) / 2
    a, b = _point_near(traces[first], lon, lat), _point_near(traces[second], lon, lat)
    apart = math.hypot(a[0] - b[0], a[1] - b[1])
    assert 1.5 * SHARED_OFFSET_DEG <= apart <= 3 * SHARED_OFFSET_DEG, apart


def test_choropleth_shades_the_six_cars_with_end_year_figures(tables: Tables) -> None:
    shading = _figure(tables).data[CHOROPLETH_TRACE]
    assert shading.type == "choropleth" and shading.locationmode == "ISO-3"
    assert list(shading.locations) == list(CAR_CODES)
    z = dict(zip(shading.locations, shading.z, strict=True))
    # Default view: turnover in 2020, calendar year, Pakistan-reported, US$ million; log10.
    kaz = (KAZ_2020_EXPORT + KAZ_2020_IMPORT) / 1e6
    assert z["KAZ"] == pytest.approx(math.log10(kaz), rel=1e-12)
    in_usd = _figure(tables, DEFAULT_STATE.with_(unit="usd", flow="export")).data[0]
    kaz_usd = dict(zip(in_usd.locations, in_usd.z, strict=True))["KAZ"]
    assert kaz_usd == pytest.approx(math.log10(KAZ_2020_EXPORT))
    assert all(math.isfinite(v) for v in shading.z)
    # The colour bar's ticks are real values at their log positions, covering every CAR.
    assert _tick(shading, 1.0) == "10" and _tick(shading, 2.0) == "100"
    assert shading.zmin <= min(z.values()) and shading.zmax >= max(z.values())
    assert "log scale" in shading.colorbar.title.text
    customdata = dict(zip(shading.locations, shading.customdata, strict=True))
    assert customdata["KAZ"][1:5] == ["Trade turnover", "2020", "US$59.75 million", "1 of 6"]
    # A range ending in another year shades that year.
    earlier = _figure(tables, DEFAULT_STATE.with_(years=(2000, 2010))).data[0]
    assert dict(zip(earlier.locations, earlier.z, strict=True))["KAZ"] != z["KAZ"]


def test_country_hover_names_flow_year_value_unit_rank_and_source(tables: Tables) -> None:
    shading = _figure(tables, DEFAULT_STATE.with_(flow="export", unit="thousand")).data[0]
    point = dict(zip(shading.locations, shading.customdata, strict=True))["KAZ"]
    template = shading.hovertemplate
    for i, value in enumerate(point):
        template = template.replace(f"%{{customdata[{i}]}}", str(value))
    text = re.sub("<[^>]+>", " ", template)
    assert "Pakistan's exports, 2020: US$59,236 thousand" in text
    assert "Rank 1 of 6 CARs" in text and "Source: IMF DOTS, Pakistan-reported" in text


def test_the_smallest_partner_is_clearly_shaded_not_neighbour_grey(tables: Tables) -> None:
    # Kyrgyzstan's 2020 turnover (US$1.8 million) is 3 % of Kazakhstan's: on a linear scale
    # from a near-white colour it looked like the grey neighbours.
    shading = _figure(tables).data[CHOROPLETH_TRACE]
    neighbours = _rgb("#F3F4F6")
    colours = {c: _shade_colour(shading, c) for c in CAR_CODES}
    for code, colour in colours.items():
        assert math.dist(colour, neighbours) > 40, (code, colour)
    # ... and the four small partners differ from one another.
    small = [colours[c] for c in ("KGZ", "TJK", "AZE", "TKM")]
    assert min(math.dist(a, b) for a, b in itertools.combinations(small, 2)) > 12
    assert SEQUENTIAL[0][1] != "#EFF3FF"


def test_a_missing_figure_is_nan_and_grey_not_zero(tables: Tables) -> None:
    # 1995, turnover: Pakistan reports no imports from Azerbaijan or Kyrgyzstan.
    fig = _figure(tables, DEFAULT_STATE.with_(years=(1993, 1995)))
    shading, no_figure = fig.data[CHOROPLETH_TRACE], fig.data[CHOROPLETH_TRACE + 1]
    z = dict(zip(shading.locations, shading.z, strict=True))
    missing = {c for c, v in z.items() if math.isnan(v)}
    assert missing == {"AZE", "KGZ"}
    assert no_figure.visible is True
    grey = dict(zip(no_figure.locations, no_figure.z, strict=True))
    assert {c for c, v in grey.items() if v is not None} == missing
    assert {c for c, *_ in no_figure.colorscale} == {0, 1} and len(
        {colour for _, colour in no_figure.colorscale}
    ) == 1
    customdata = dict(zip(shading.locations, shading.customdata, strict=True))
    assert customdata["AZE"][3] == "no figure" and customdata["AZE"][4] == "—"
    assert customdata["UZB"][4] == "1 of 4"
    assert fig.layout.annotations[EMPTY_ANNOTATION].visible is False
    # All present: the grey layer is hidden.
    assert _figure(tables).data[CHOROPLETH_TRACE + 1].visible is False


@pytest.mark.parametrize(
    ("state", "period"),
    [
        (DEFAULT_STATE.with_(basis="fiscal"), "FY2019-20"),  # the fiscal default: no figures
        (DEFAULT_STATE.with_(years=(2024, 2025)), "2025"),
    ],
)
def test_no_figures_at_all_is_an_explicit_empty_state(
    tables: Tables, state: ViewState, period: str
) -> None:
    fig = _figure(tables, state)
    shading = fig.data[CHOROPLETH_TRACE]
    assert all(math.isnan(v) for v in shading.z)
    assert all(v == 1 for v in fig.data[CHOROPLETH_TRACE + 1].z)
    assert shading.showscale is False  # no meaningless 0–1 colour bar
    note = fig.layout.annotations[EMPTY_ANNOTATION]
    assert note.visible is True and f"No figures for {period}" in note.text
    assert f"No figures for {period}" in map_view(tables, state).caption


@pytest.mark.parametrize("end", [2020, 2000])  # 2020 has a deficit (TKM); in 2000 none
def test_balance_uses_a_diverging_scale_symmetric_around_zero(tables: Tables, end: int) -> None:
    state = DEFAULT_STATE.with_(flow="balance", years=(1995, end))
    shading = _figure(tables, state).data[0]
    values = [v for v in map_view(tables, state).shade.shading[VALUE] if v == v]
    assert shading.zmin == -shading.zmax
    # A signed log of the value (sign kept, zero stays zero) inside the symmetric range.
    expected = sorted(symlog(v, "million") for v in values)
    assert sorted(v for v in shading.z if math.isfinite(v)) == pytest.approx(expected)
    assert shading.zmax >= max(abs(v) for v in expected)
    assert _tick(shading, 0.0) == "0" and _tick(shading, symlog(-10, "million")) == "−10"
    stops = [(pos, colour) for pos, colour in shading.colorscale]
    assert stops[0][1] != stops[-1][1]
    middle = next(colour for pos, colour in stops if pos == 0.5)
    assert middle.upper() in {"#F7F7F7", "#FFFFFF"}  # neutral at zero
    turnover = _figure(tables, DEFAULT_STATE.with_(years=(1995, end))).data[0]
    assert turnover.colorscale != shading.colorscale


def test_the_selected_country_gets_a_thick_outline(tables: Tables) -> None:
    shading = _figure(tables, DEFAULT_STATE.with_(country="KAZ")).data[CHOROPLETH_TRACE]
    widths = dict(zip(shading.locations, shading.marker.line.width, strict=True))
    colours = dict(zip(shading.locations, shading.marker.line.color, strict=True))
    assert widths.pop("KAZ") >= 2 * max(widths.values())
    assert colours.pop("KAZ") != next(iter(colours.values()))
    plain = _figure(tables).data[CHOROPLETH_TRACE]
    assert len(set(plain.marker.line.width)) == 1


def test_the_map_uses_the_vendored_topojson_and_no_remote_url(tables: Tables) -> None:
    assert GRAPH_CONFIG["topojsonURL"] == "/assets/topojson/"
    fig = _figure(tables, DEFAULT_STATE.with_(country="UZB"))
    geo = fig.layout.geo
    vendored = ASSETS_DIR / "topojson" / f"{geo.scope}_{geo.resolution}m.json"
    assert vendored.is_file(), vendored
    text = fig.to_json()
    assert "http://" not in text and "https://" not in text
    assert "topojson" not in text  # plotly.js takes it from the graph's config only


def test_the_map_graph_in_the_layout_points_at_the_vendored_topojson(app: Dash) -> None:
    layout = app.server.test_client().get("/_dash-layout").get_json()

    def find(node: Any) -> dict | None:
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == ids.MAP_GRAPH:
                return props
            return next((f for v in props.values() if (f := find(v))), None)
        if isinstance(node, list):
            return next((f for v in node if (f := find(v))), None)
        return None

    graph = find(layout)
    assert graph is not None
    assert graph["config"]["topojsonURL"] == GRAPH_CONFIG["topojsonURL"]
    topojson = app.server.test_client().get(graph["config"]["topojsonURL"] + "asia_50m.json")
    assert topojson.status_code == 200 and b'"countries"' in topojson.data
    topojson.close()


# ---------------------------------------------------------------- callbacks


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


def _store(state: ViewState) -> dict[str, Any]:
    return dataclasses.asdict(state)


def _deps(app: Dash) -> list[dict]:
    return app.server.test_client().get("/_dash-dependencies").get_json()


def _post(app: Dash, output: str, inputs: dict[str, Any], state: dict[str, Any], changed: str):
    """Post one callback the way the renderer does; values keyed 'id.property'."""
    dep = next(d for d in _deps(app) if d["output"] == output)

    def items(specs: list[dict], values: dict[str, Any]) -> list[Any]:
        out: list[Any] = []
        for spec in specs:
            if spec["id"].startswith("{"):  # pattern-matching ALL: no matching components
                out.append([])
            else:
                key = f"{spec['id']}.{spec['property']}"
                out.append({"id": spec["id"], "property": spec["property"], "value": values[key]})
        return out

    parts = output.strip(".").split("...")
    outputs = [
        {"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]}
        for p in parts
        if not p.startswith("{")
    ]
    body = {
        "output": output,
        "outputs": outputs if len(parts) > 1 else outputs[0],
        "inputs": items(dep["inputs"], inputs),
        "state": items(dep["state"], state),
        "changedPropIds": [changed],
    }
    return app.server.test_client().post("/_dash-update-component", json=body)


MAP_OUTPUT = (
    f"..{ids.MAP_GRAPH}.figure...{ids.MAP_CAPTION}.children...{ids.MAP_DRAWN}.data"
    f"...{ids.MAP_GRAPH}.config.."
)


def _post_map(app: Dash, state: ViewState, current: Any):
    """The map callback as the browser posts it: `current` is None before the first figure."""
    return _post(
        app,
        MAP_OUTPUT,
        {f"{ids.STATE_STORE}.data": _store(state)},
        {f"{ids.MAP_DRAWN}.data": current is not None},
        f"{ids.STATE_STORE}.data",
    )


def test_map_callback_sends_a_figure_first_then_patches_only_the_shading(
    tables: Tables,
) -> None:
    figure, caption = map_update(tables, _store(DEFAULT_STATE), None)
    assert isinstance(figure, go.Figure)
    assert "Shading: trade turnover (exports + imports) in 2020," in caption
    full = _jsonable(figure)
    changed = DEFAULT_STATE.with_(flow="balance", years=(2000, 2018), country="UZB")
    patch, caption = map_update(tables, _store(changed), full)
    assert isinstance(patch, Patch)
    assert "trade balance (exports − imports) in 2018" in caption
    ops = _jsonable(patch.to_plotly_json())
    locations = {tuple(op["location"][:2]) for op in ops["operations"]}
    assert locations == {
        ("data", CHOROPLETH_TRACE),
        ("data", CHOROPLETH_TRACE + 1),
        ("layout", "annotations"),  # the empty-state note
    }
    # Applied to the old figure, the Patch gives exactly what a whole new figure would.
    patched = _apply(full, ops)
    expected = _jsonable(_figure(tables, changed))
    assert patched == expected


def test_the_patch_path_builds_no_corridor_lines(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lines do not depend on the filters: a recolour must not pay for them.
    def refuse(*_: Any) -> None:
        raise AssertionError("corridor lines built for a Patch")

    monkeypatch.setattr("data.geo.corridor_lines", refuse)
    monkeypatch.setattr("callbacks.corridors.map_view", refuse)
    patch, caption = map_update(tables, _store(DEFAULT_STATE.with_(flow="export")), True)
    assert (
        isinstance(patch, Patch)
        and caption == shading_view(tables, DEFAULT_STATE.with_(flow="export")).caption
    )


def test_the_caption_dates_every_source_and_gives_no_ui_instructions(tables: Tables) -> None:
    caption = map_view(tables, DEFAULT_STATE).caption
    for fragment in (
        "ANKASAM 2023",
        "Jahanzaib 2024",
        "as of 2023–2024",
        "Global Energy Monitor",
        "commit 15c3f54",
        "workbook snapshot of 2022-02-02",
        "All lines except TAPI are schematic",
        "±0.05°",
    ):
        assert fragment in caption, fragment
    # The caption is the exported image's footer: nothing about clicking or hovering.
    assert not re.search(r"\b(click|hover|tap)\b", caption, re.IGNORECASE)
    # Figures from other sources carry their retrieval date instead of the DOTS vintage.
    fiscal = map_view(tables, DEFAULT_STATE.with_(basis="fiscal", years=(2005, 2016))).caption
    assert "2022-02-02" not in fiscal and "retrieved 20" in fiscal


def test_map_callback_over_http_full_figure_then_patch(app: Dash) -> None:
    first = _post_map(app, DEFAULT_STATE, None)
    assert first.status_code == 200
    full = first.get_json()["response"][ids.MAP_GRAPH]["figure"]
    assert len(full["data"]) >= 3 + 7 and "geo" in full["layout"]
    second = _post_map(app, DEFAULT_STATE.with_(flow="export"), full)
    assert second.status_code == 200
    body = second.get_json()["response"]
    patch = body[ids.MAP_GRAPH]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert "data" not in patch and "layout" not in patch
    assert all(
        op["location"][0] == "data" or op["location"][:2] == ["layout", "annotations"]
        for op in patch["operations"]
    )
    assert "Shading: Pakistan's exports in 2020," in body[ids.MAP_CAPTION]["children"]


def test_no_figure_values_travel_as_null_not_nan(app: Dash) -> None:
    response = _post_map(app, DEFAULT_STATE.with_(years=(1993, 1995)), None)
    text = response.get_data(as_text=True)
    assert "NaN" not in text  # NaN is not JSON: the browser would refuse the whole reply
    z = response.get_json()["response"][ids.MAP_GRAPH]["figure"]["data"][0]["z"]
    assert z[0] is None and z[1] > 0


SYNC_OUTPUT_START = f"..{ids.URL}.search"


def _sync(app: Dash, changed: str, **overrides: Any):
    """Post the URL/filter/store sync callback with default filter values."""
    dep = next(d for d in _deps(app) if d["output"].startswith(SYNC_OUTPUT_START))
    values: dict[str, Any] = {
        f"{ids.URL}.search": "",
        f"{ids.COUNTRIES}.value": list(DEFAULT_STATE.countries),
        f"{ids.YEARS}.value": list(DEFAULT_STATE.years),
        f"{ids.FLOW}.value": DEFAULT_STATE.flow,
        f"{ids.BASIS}.value": DEFAULT_STATE.basis,
        f"{ids.REPORTER}.value": DEFAULT_STATE.reporter,
        f"{ids.UNIT}.value": DEFAULT_STATE.unit,
        f"{ids.SCALE}.value": DEFAULT_STATE.scale,
        f"{ids.EVENTS}.value": DEFAULT_STATE.events,
        f"{ids.PROFILE_SELECT}.value": None,
        f"{ids.PROFILE_COMPARE}.value": None,
        f"{ids.MAP_GRAPH}.clickData": None,
        f"{ids.URL}.href": "http://localhost/",
    }
    values.update(overrides)
    known = {f"{s['id']}.{s['property']}" for s in [*dep["inputs"], *dep["state"]]}
    values = {k: v for k, v in values.items() if k in known}
    response = _post(app, dep["output"], values, values, changed)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def test_a_place_carries_its_country_so_a_click_on_a_capital_selects_it(
    app: Dash, tables: Tables
) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name == PLACES_NAME]
    index = list(tables.places["place_id"]).index("astana")
    customdata = list(places.customdata[index])
    assert customdata[:2] == ["KAZ", "Astana"]
    click = {"points": [{"curveNumber": len(fig.data) - 1, "customdata": customdata}]}
    body = _sync(app, f"{ids.MAP_GRAPH}.clickData", **{f"{ids.MAP_GRAPH}.clickData": click})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"


def test_clicking_a_car_on_the_map_selects_it(app: Dash) -> None:
    click = {"points": [{"location": "KAZ", "curveNumber": 0, "pointNumber": 1, "z": 59.75}]}
    body = _sync(app, f"{ids.MAP_GRAPH}.clickData", **{f"{ids.MAP_GRAPH}.clickData": click})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"
    assert "country=KAZ" in body[ids.URL]["search"]
    assert body[ids.PROFILE_SELECT]["value"] == "KAZ"
    assert body[ids.NOTICES]["children"] is None


@pytest.mark.parametrize(
    "point",
    [
        {"location": "PAK", "curveNumber": 2, "pointNumber": 0, "text": "Pakistan"},  # context
        {"curveNumber": 3, "pointNumber": 4, "lon": 66.45, "lat": 30.92, "text": "<b>TAPI</b>"},
        # A place outside the CARs: its customdata starts with its country, not a CAR.
        {"curveNumber": 10, "pointNumber": 20, "customdata": ["AFG", "Kabul", "capital", ""]},
        {"curveNumber": 0},
    ],
    ids=["context-country", "corridor", "place", "bare"],
)
def test_a_click_on_anything_but_a_car_is_ignored(app: Dash, point: dict) -> None:
    click = {"points": [point]}
    body = _sync(
        app,
        f"{ids.MAP_GRAPH}.clickData",
        **{f"{ids.MAP_GRAPH}.clickData": click, f"{ids.PROFILE_SELECT}.value": "UZB"},
    )
    assert body[ids.STATE_STORE]["data"]["country"] == "UZB"  # the open profile stays
    assert body[ids.NOTICES]["children"] is None


@pytest.mark.parametrize(
    ("click", "expected"),
    [
        ({"points": [{"location": "KAZ", "curveNumber": 0}]}, "KAZ"),
        ({"points": [{"location": "TKM", "curveNumber": 1}]}, "TKM"),  # the grey no-figure layer
        ({"points": [{"location": "PAK", "curveNumber": 2}]}, None),
        ({"points": [{"customdata": ["KAZ", "Astana", "capital", ""]}]}, "KAZ"),  # a place
        ({"points": [{"customdata": ["CHN", "Kashgar", "city", ""]}]}, None),
        ({"points": []}, None),
        ({}, None),
        (None, None),
        ("KAZ", None),
    ],
)
def test_country_from_click(click: Any, expected: str | None) -> None:
    assert country_from_click(click) == expected


def test_country_in_the_url_round_trips_and_a_bad_one_gives_a_notice(app: Dash) -> None:
    state, notices = parse_query("?country=KAZ")
    assert (state.country, notices) == ("KAZ", [])
    assert to_query(state) == "country=KAZ"
    assert parse_query(to_query(state)) == (state, [])
    assert parse_query("country=kaz")[0].country == "KAZ"
    bad, notices = parse_query("country=XXX")
    assert bad.country is None and any("XXX" in n for n in notices)
    # Through the app: the URL opens the profile, or shows the notice.
    body = _sync(app, f"{ids.URL}.search", **{f"{ids.URL}.search": "?country=KAZ"})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"
    assert body[ids.URL]["search"] == "?country=KAZ"
    body = _sync(app, f"{ids.URL}.search", **{f"{ids.URL}.search": "?country=XXX"})
    assert body[ids.STATE_STORE]["data"]["country"] is None
    assert "XXX" in json.dumps(body[ids.NOTICES]["children"])


# ---------------------------------------------------------------- measurements


def test_map_reply_sizes(app: Dash, capsys: pytest.CaptureFixture[str]) -> None:
    full = _post_map(app, DEFAULT_STATE, None)
    figure = full.get_json()["response"][ids.MAP_GRAPH]["figure"]
    patch = _post_map(app, DEFAULT_STATE.with_(flow="balance", country="KAZ"), figure)
    full_bytes, patch_bytes = len(full.data), len(patch.data)
    assert full_bytes <= MAX_FIGURE_BYTES
    assert patch_bytes < 8 * 1024 and patch_bytes * 5 < full_bytes  # the point of patching
    with capsys.disabled():
        sys.stdout.write(
            f"\n[map] full figure reply {full_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(full.data)) / 1024:.1f} kB); "
            f"Patch reply {patch_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(patch.data)) / 1024:.1f} kB)\n"
        )


def test_place_labels_sit_where_the_data_puts_them(tables: Tables) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name == PLACES_NAME]
    where = dict(zip(tables.places["place_id"], places.textposition, strict=True))
    assert where["gwadar-port"] == "middle left" and where["karachi-port"] == "middle right"
    assert where["sust"] == "bottom left" and where["khunjerab-pass"] == "top right"
    assert where["tashkent"] == "top center"  # no position given: above the marker


def test_a_bad_label_position_is_a_named_error(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    edit_line(folder / "places.csv", 2, ",middle left", ",sideways")
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    assert "places.csv, row 2, column 'label_position'" in str(info.value)


def test_every_node_the_issue_lists_is_labelled_and_only_labelled_places_are(
    tables: Tables,
) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name == PLACES_NAME]
    text = dict(zip(tables.places["place_id"], places.text, strict=True))
    names = dict(zip(tables.places["place_id"], tables.places["name"], strict=True))
    for pid in ISSUE_NODES:
        assert text[pid] == names[pid], pid
    flags = dict(zip(tables.places["place_id"], tables.places["labelled"], strict=True))
    assert {p for p, t in text.items() if t} == {p for p, f in flags.items() if f}


# A plain model of how plotly sets a label beside its marker at the map's size in a 1100 px and
# a 1400 px window (frame lon 44–88, Mercator): DejaVu Sans 11 px ≈ 6.3 px a character.
MAP_WIDTHS_PX = (736, 823)


def _label_boxes(tables: Tables, width: float) -> tuple[dict, dict, list, tuple]:
    scale = width / 44.0

    def xy(lon: float, lat: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 180 / math.pi
        return (lon - 44.0) * scale, -y * scale

    boxes, markers = {}, {}
    for row in tables.places.to_dict("records"):
        x, y = xy(row["lon"], row["lat"])
        markers[row["place_id"]] = (x - 3, y - 3, x + 3, y + 3)
        if not row["labelled"]:
            continue
        position = row["label_position"]
        vertical, horizontal = (position if isinstance(position, str) else "top center").split()
        gap = (7 if row["kind"] in ("city", "junction") else 9) / 2 + 2
        w, h = len(row["name"]) * 6.3, 13.0
        x1 = {"left": x - gap - w, "right": x + gap}.get(horizontal, x - w / 2)
        y1 = {"top": y - gap - h, "bottom": y + gap}.get(vertical, y - h / 2)
        boxes[row["place_id"]] = (x1, y1, x1 + w, y1 + h)
    points = [
        xy(lon, lat)
        for line in map_view(tables, DEFAULT_STATE).corridors
        for lon, lat in zip(line.lons, line.lats, strict=True)
        if lon is not None and lat is not None
    ]
    (_, top), (_, bottom) = xy(0.0, 52.5), xy(0.0, 22.5)  # the frame's latitudes
    frame = (0.0, top, width, bottom)
    return boxes, markers, points, frame


def _overlap(a: tuple, b: tuple) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


@pytest.mark.parametrize("width", MAP_WIDTHS_PX)
def test_labels_collide_with_no_label_or_marker_and_lines_barely_cross_them(
    tables: Tables, width: float
) -> None:
    boxes, markers, points, (left, top, right, bottom) = _label_boxes(tables, width)
    outside = [
        a
        for a, (x1, y1, x2, y2) in boxes.items()
        if x1 < left or x2 > right or y1 < top or y2 > bottom
    ]
    assert outside == []  # a label cut off by the frame (Astana's, above it, was)
    clashes = [
        (a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2) if _overlap(ba, bb)
    ]
    assert clashes == []
    covered = [
        (a, m)
        for a, ba in boxes.items()
        for m, bm in markers.items()
        if m != a and _overlap(ba, bm)
    ]
    assert covered == []
    # A line may clip a label's corner (the white halo keeps it legible), not run through it.
    crossed = {
        a: n
        for a, (x1, y1, x2, y2) in boxes.items()
        if (n := sum(x1 + 1 < x < x2 - 1 and y1 + 1 < y < y2 - 1 for x, y in points)) > 4
    }
    assert crossed == {}
