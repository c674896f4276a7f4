"""Corridor map, figure tier: lines, legend, hover cards, shading, labels."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
from csv_helpers import copy_data, edit_line
from map_helpers import (
    DASH_BY_STATUS,
    ISSUE_NODES,
    KAZ_2020_EXPORT,
    KAZ_2020_IMPORT,
    _corridor_traces,
    _figure,
)
from plotly.colors import sample_colorscale

from data.loading import DataValidationError, Tables, load_tables
from data.lookups import source_labels
from data.map import HOVER_STEP_DEG, SHARED_OFFSET_DEG, map_view
from data.schema import CAR_CODES, VALUE
from data.state import DEFAULT_STATE, ViewState
from figures.corridor_map import (
    CHOROPLETH_TRACE,
    EMPTY_ANNOTATION,
    KEY_ANNOTATION,
    MODEBAR_CLEARANCE,
    PAGE_TOP_PX,
    SEQUENTIAL,
    map_figure,
)
from figures.map_scales import symlog
from figures.theme import contrast
from settings import ASSETS_DIR, GRAPH_CONFIG

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


def test_borders_and_coasts_stand_out_from_the_land(tables: Tables) -> None:
    """Country borders are part of the picture: 3:1 against the land (WCAG 1.4.11)."""
    geo = map_figure(map_view(tables, DEFAULT_STATE)).layout.geo
    for line in (geo.countrycolor, geo.coastlinecolor):
        assert contrast(line, geo.landcolor) >= 3.0, line


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


@pytest.mark.parametrize("image", [False, True])
def test_the_legend_explains_the_line_styles_and_place_symbols(tables: Tables, image: bool) -> None:
    fig = map_figure(map_view(tables, DEFAULT_STATE), image=image)
    # The page: the legend's title; an image: an annotation beside the colour bar.
    title = fig.layout.annotations[KEY_ANNOTATION].text if image else fig.layout.legend.title.text
    for status in ("operational", "under construction", "planned", "proposed", "stalled"):
        assert status in title, status
    (places,) = [t for t in fig.data if t.name.startswith("Places:")]
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


def test_place_labels_sit_where_the_data_puts_them(tables: Tables) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name.startswith("Places:")]
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
    (places,) = [t for t in fig.data if t.name.startswith("Places:")]
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


def test_the_modebar_stands_clear_of_the_line_style_key(tables: Tables) -> None:
    fig = map_figure(map_view(tables, DEFAULT_STATE), image=True)
    key = fig.layout.annotations[KEY_ANNOTATION]
    # The key sits top right; a horizontal modebar there covered its first line.
    assert fig.layout.modebar.orientation == "v"
    assert key.xanchor == "right" and key.xshift <= -30


def test_the_page_map_fits_any_width_from_a_phone_up(tables: Tables) -> None:
    fig = map_figure(map_view(tables, DEFAULT_STATE))
    # No height of its own: the card's CSS sets it from the width, with the same top band.
    assert fig.layout.height is None
    assert fig.layout.margin.t == PAGE_TOP_PX
    css = (ASSETS_DIR / "app.css").read_text(encoding="utf-8")
    heights = re.findall(r"\.dash-graph\.map-chart \{ height: calc\((\d+)px \+", css)
    assert heights and set(heights) == {str(PAGE_TOP_PX)}
    # The colour bar ends clear of the upright modebar on a 300 px card (a 360 px phone).
    (bar,) = [t for t in fig.data if t.type == "choropleth" and t.showscale]
    card = 300
    assert bar.colorbar.lenmode == "fraction"
    assert bar.colorbar.xpad + bar.colorbar.len * card <= card - MODEBAR_CLEARANCE
    # Every legend line (title and entries) fits one phone column (~290 px at 11 px).
    lines = [line for t in fig.data if t.showlegend is not False for line in t.name.split("<br>")]
    lines += fig.layout.legend.title.text.split("<br>")
    too_long = [line for line in lines if len(line) > 50]
    assert too_long == []
    assert max(len(t.name.split("<br>")[-1]) for t in _corridor_traces(fig).values()) <= 42
