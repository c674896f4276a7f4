"""Corridor map (issue #4): corridor data, figure, the callback's Patch, map clicks, reply sizes."""

from __future__ import annotations

import copy
import dataclasses
import gzip
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
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks.corridors import map_update
from callbacks.state import country_from_click
from components import ids
from data.geo import map_view
from data.loading import DataValidationError, Tables, load_tables
from data.queries import source_labels
from data.schema import CAR_CODES, SOURCE_ID
from data.state import DEFAULT_STATE, ViewState, parse_query, to_query
from figures.corridor_map import CHOROPLETH_TRACE, map_figure
from settings import ASSETS_DIR, GRAPH_CONFIG

ISO3 = re.compile(r"^[A-Z]{3}$")
# What the legend promises for each status (written out here, not imported, so a change shows).
DASH_BY_STATUS = {
    "operational": "solid",
    "under_construction": "dash",
    "planned": "longdash",
    "proposed": "longdash",
    "stalled": "dot",
}
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


def test_every_corridor_has_type_status_partners_and_known_sources(tables: Tables) -> None:
    known = set(tables.sources[SOURCE_ID])
    assert len(tables.corridors) >= 5
    for row in tables.corridors.to_dict("records"):
        cid = row["corridor_id"]
        assert row["type"] in {"gas_pipeline", "power_line", "railway", "road"}, cid
        assert row["status"] in DASH_BY_STATUS, cid
        assert 2000 <= int(row["status_as_of"]) <= 2030
        partners = str(row["countries"]).split(";")
        assert len(partners) >= 2 and all(ISO3.match(p) for p in partners), cid
        assert len(set(partners)) == len(partners), cid
        sources = [s for s in str(row["source_ids"]).split(";") if s]
        assert sources and set(sources) <= known, (cid, set(sources) - known)


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


def test_one_line_trace_per_corridor_with_short_name_status_and_dash(tables: Tables) -> None:
    traces = _corridor_traces(_figure(tables))
    assert set(traces) == set(tables.corridors["corridor_id"])
    for row in tables.corridors.to_dict("records"):
        trace = traces[row["corridor_id"]]
        assert trace.mode == "lines"
        assert row["short_name"] in trace.name
        assert row["status"].replace("_", " ") in trace.name
        assert trace.line.dash == DASH_BY_STATUS[row["status"]], row["corridor_id"]
        assert len([x for x in trace.lon if x is not None]) >= 2


@pytest.mark.parametrize("status", sorted(DASH_BY_STATUS))
def test_every_status_has_its_dash_style(tables: Tables, status: str) -> None:
    # The data has no stalled corridor today: give every corridor each status in turn.
    corridors = tables.corridors.assign(status=status)
    fig = _figure(dataclasses.replace(tables, corridors=corridors))
    traces = _corridor_traces(fig)
    assert {t.line.dash for t in traces.values()} == {DASH_BY_STATUS[status]}
    assert all(status.replace("_", " ") in t.name for t in traces.values())


def test_schematic_corridors_say_so_in_legend_and_hover(tables: Tables) -> None:
    traces = _corridor_traces(_figure(tables))
    geometry = dict(zip(tables.corridors["corridor_id"], tables.corridors["geometry"], strict=True))
    assert "surveyed" in geometry.values() and "schematic" in geometry.values()
    for cid, trace in traces.items():
        schematic = geometry[cid] != "surveyed"
        assert ("schematic" in trace.name) is schematic, trace.name
        assert all(("schematic" in t.lower()) is schematic for t in trace.text), cid
        assert trace.hovertemplate == "%{text}<extra></extra>"


def test_tapi_hover_card_has_status_year_figures_and_sources(tables: Tables) -> None:
    tapi = _corridor_traces(_figure(tables))["tapi"]
    card = tapi.text[0]
    assert "Status: planned (as of 2024)" in card
    assert "33 bcm/yr" in card and "US$10.0 bn" in card
    assert "Turkmenistan – Afghanistan – Pakistan – India" in card
    labels = source_labels(tables)
    for sid in ("jahanzaib2024", "ankasam2023", "gem_asia_gas_tracker"):
        assert labels[sid] in card, sid
    assert len(set(tapi.text)) == 1  # a surveyed line has no waypoint names to add


def test_choropleth_shades_the_six_cars_with_end_year_figures(tables: Tables) -> None:
    shading = _figure(tables).data[CHOROPLETH_TRACE]
    assert shading.type == "choropleth" and shading.locationmode == "ISO-3"
    assert list(shading.locations) == list(CAR_CODES)
    z = dict(zip(shading.locations, shading.z, strict=True))
    # Default view: turnover in 2020, calendar year, Pakistan-reported, US$ million.
    assert z["KAZ"] == pytest.approx((KAZ_2020_EXPORT + KAZ_2020_IMPORT) / 1e6, rel=1e-12)
    in_usd = _figure(tables, DEFAULT_STATE.with_(unit="usd", flow="export")).data[0]
    assert dict(zip(in_usd.locations, in_usd.z, strict=True))["KAZ"] == KAZ_2020_EXPORT
    assert all(math.isfinite(v) for v in shading.z)
    customdata = dict(zip(shading.locations, shading.customdata, strict=True))
    assert customdata["KAZ"][1:4] == ["2020", "59.75", "1 of 6"]
    # A range ending in another year shades that year.
    earlier = _figure(tables, DEFAULT_STATE.with_(years=(2000, 2010))).data[0]
    assert dict(zip(earlier.locations, earlier.z, strict=True))["KAZ"] != z["KAZ"]


def test_a_missing_figure_is_nan_and_grey_not_zero(tables: Tables) -> None:
    # 1995, turnover: Pakistan reports no imports from Azerbaijan or Kyrgyzstan.
    fig = _figure(tables, DEFAULT_STATE.with_(years=(1993, 1995)))
    shading, no_figure = fig.data[CHOROPLETH_TRACE], fig.data[CHOROPLETH_TRACE + 1]
    z = dict(zip(shading.locations, shading.z, strict=True))
    missing = {c for c, v in z.items() if math.isnan(v)}
    assert missing == {"AZE", "KGZ"}
    assert 0 not in z.values()
    assert no_figure.visible is True
    grey = dict(zip(no_figure.locations, no_figure.z, strict=True))
    assert {c for c, v in grey.items() if v is not None} == missing
    assert {c for c, *_ in no_figure.colorscale} == {0, 1} and len(
        {colour for _, colour in no_figure.colorscale}
    ) == 1
    customdata = dict(zip(shading.locations, shading.customdata, strict=True))
    assert customdata["AZE"][2] == "no figure" and customdata["AZE"][3] == "—"
    assert customdata["UZB"][3] == "1 of 4"
    # All present: the grey layer is hidden. None at all: every country grey, no error.
    assert _figure(tables).data[CHOROPLETH_TRACE + 1].visible is False
    empty = _figure(tables, DEFAULT_STATE.with_(years=(2024, 2025)))
    assert all(math.isnan(v) for v in empty.data[0].z)
    assert all(v == 1 for v in empty.data[1].z)


@pytest.mark.parametrize("end", [2020, 2000])  # 2020 has a deficit (TKM); in 2000 none
def test_balance_uses_a_diverging_scale_symmetric_around_zero(tables: Tables, end: int) -> None:
    shading = _figure(tables, DEFAULT_STATE.with_(flow="balance", years=(1995, end))).data[0]
    values = [v for v in shading.z if math.isfinite(v)]
    assert shading.zmin == -shading.zmax
    assert shading.zmax == pytest.approx(max(abs(v) for v in values))
    stops = [(pos, colour) for pos, colour in shading.colorscale]
    assert stops[0][1] != stops[-1][1]
    middle = next(colour for pos, colour in stops if pos == 0.5)
    assert middle.upper() in {"#F7F7F7", "#FFFFFF"}  # neutral at zero
    turnover = _figure(tables, DEFAULT_STATE.with_(years=(1995, end))).data[0]
    assert turnover.zmin == 0 and turnover.colorscale != shading.colorscale


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


MAP_OUTPUT = f"..{ids.MAP_GRAPH}.figure...{ids.MAP_CAPTION}.children...{ids.MAP_DRAWN}.data.."


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
    assert locations == {("data", CHOROPLETH_TRACE), ("data", CHOROPLETH_TRACE + 1)}
    # Applied to the old figure, the Patch gives exactly what a whole new figure would.
    patched = _apply(full, ops)
    expected = _jsonable(_figure(tables, changed))
    assert patched == expected


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
    assert all(op["location"][0] == "data" for op in patch["operations"])
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
        {"curveNumber": 10, "pointNumber": 20, "customdata": ["Astana", "capital", ""]},
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
        ({"points": [{"customdata": ["Astana", "capital", ""]}]}, None),
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
    assert patch_bytes * 10 < full_bytes  # the point of patching
    with capsys.disabled():
        sys.stdout.write(
            f"\n[map] full figure reply {full_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(full.data)) / 1024:.1f} kB); "
            f"Patch reply {patch_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(patch.data)) / 1024:.1f} kB)\n"
        )


def test_place_labels_sit_where_the_data_puts_them(tables: Tables) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name == "Ports, capitals, crossings"]
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
