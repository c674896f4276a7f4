"""Corridor map, data tier: places, corridors, waypoints, routes and their validation."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from csv_helpers import copy_data, edit_line
from map_helpers import (
    DASH_BY_STATUS,
    ISO3,
    _corridor_traces,
    _country_rings,
    _figure,
    _frame,
    _inside,
)

from data.loading import DataValidationError, Tables, load_tables
from data.map import map_view
from data.profile import corridors_for
from data.schema import SOURCE_ID
from data.state import DEFAULT_STATE

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
