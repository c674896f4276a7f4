"""pandera schemas for the curated fact tables (profiles) and the corridor-map tables."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from data.schema import CAR_CODES, DATE_PATTERN, ISO3_PATTERN, PRECISIONS

CAR_OR_ALL = (*CAR_CODES, "CAR")
EVENT_PRECISIONS = (*PRECISIONS, "before")
# One source id or several, ';'-separated (each must be in sources.csv: data.loading checks).
SOURCE_IDS_PATTERN = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"
# The map's region: every place and waypoint must fall inside it.
MAP_LAT = (20.0, 56.0)
MAP_LON = (40.0, 90.0)


class _Model(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Agreements(_Model):
    """Agreements, one row per (agreement, CAR party)."""

    agreement_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9-]+$")
    partner_iso3: Series[str] = pa.Field(isin=CAR_CODES)
    parties: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}(;[A-Z]{3})*$")
    name: Series[str]
    kind: Series[str] = pa.Field(
        isin=("pta", "transit_trade", "trade_deal", "mou", "framework", "energy", "other")
    )
    signed: Series[str] = pa.Field(nullable=True, str_matches=DATE_PATTERN)
    signed_precision: Series[str] = pa.Field(nullable=True, isin=PRECISIONS)
    in_force: Series[str] = pa.Field(nullable=True, str_matches=DATE_PATTERN)
    in_force_precision: Series[str] = pa.Field(nullable=True, isin=PRECISIONS)
    status: Series[str] = pa.Field(
        isin=(
            "announced",
            "signed",
            "in_force",
            "implemented",
            "under_negotiation",
            "proposed",
            "stalled",
            "unknown",
        )
    )
    description: Series[str]
    source_id: Series[str]
    source_locator: Series[str]

    class Config:
        unique = ("agreement_id", "partner_iso3")


class Mechanisms(_Model):
    """Institutional mechanisms per country."""

    partner_iso3: Series[str] = pa.Field(isin=CAR_CODES)
    name: Series[str]
    kind: Series[str] = pa.Field(
        isin=(
            "political_consultations",
            "joint_commission",
            "business_council",
            "security",
            "working_group",
            "other",
        )
    )
    detail: Series[str] = pa.Field(nullable=True)
    source_id: Series[str]
    source_locator: Series[str]


class Memberships(_Model):
    """Country × body membership matrix."""

    iso3: Series[str] = pa.Field(str_matches=ISO3_PATTERN)
    body: Series[str]
    status: Series[str] = pa.Field(
        isin=(
            "member",
            "observer",
            "dialogue_partner",
            "participant",
            "applicant",
            "non_member",
        )
    )
    source_id: Series[str]
    source_locator: Series[str]

    class Config:
        unique = ("iso3", "body")


class Bodies(_Model):
    """The international bodies named in memberships."""

    body: Series[str] = pa.Field(unique=True)
    name: Series[str]
    description: Series[str]
    url: Series[str] = pa.Field(nullable=True)


class Events(_Model):
    """Dated events: visits, signings, project milestones."""

    event_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9-]+$")
    partner_iso3: Series[str] = pa.Field(isin=CAR_OR_ALL)
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN)
    # `before`: the source only shows the event had happened by `date` (no date of its own).
    date_precision: Series[str] = pa.Field(isin=EVENT_PRECISIONS)
    category: Series[str] = pa.Field(
        isin=(
            "visit",
            "signing",
            "agreement_in_force",
            "project_milestone",
            "trade_event",
            "summit",
            "other",
        )
    )
    title: Series[str] = pa.Field(str_length={"max_value": 80})
    description: Series[str]
    # Shown beside the date: why it is uncertain or disputed (blank when the sources agree).
    date_note: Series[str] = pa.Field(nullable=True)
    source_id: Series[str] = pa.Field(str_matches=SOURCE_IDS_PATTERN)
    source_locator: Series[str]


class Targets(_Model):
    """Stated trade targets with their baselines."""

    target_id: Series[str] = pa.Field(unique=True)
    partner_iso3: Series[str] = pa.Field(isin=CAR_CODES)
    description: Series[str]
    target_usd: Series[float] = pa.Field(gt=0)
    target_year: Series[float] = pa.Field(nullable=True, ge=2000, le=2050)
    baseline_usd: Series[float] = pa.Field(nullable=True, ge=0)
    baseline_year: Series[float] = pa.Field(nullable=True, ge=1990, le=2030)
    baseline_basis: Series[str] = pa.Field(isin=("calendar", "fiscal", "unknown"))
    baseline_reporter: Series[str] = pa.Field(isin=("pakistan", "partner", "unknown"))
    source_id: Series[str] = pa.Field(str_matches=SOURCE_IDS_PATTERN)
    source_locator: Series[str]


LABEL_POSITIONS = tuple(
    f"{v} {h}" for v in ("top", "middle", "bottom") for h in ("left", "center", "right")
)


class Places(_Model):
    """Map nodes: ports, capitals, border crossings, waypoints (approximate public coordinates)."""

    place_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9-]+$")
    name: Series[str]
    iso3: Series[str] = pa.Field(str_matches=ISO3_PATTERN)
    kind: Series[str] = pa.Field(
        isin=("seaport", "capital", "city", "border_crossing", "pass", "junction")
    )
    lat: Series[float] = pa.Field(ge=MAP_LAT[0], le=MAP_LAT[1])
    lon: Series[float] = pa.Field(ge=MAP_LON[0], le=MAP_LON[1])
    approximate: Series[bool]
    note: Series[str] = pa.Field(nullable=True)
    source_id: Series[str]
    # Where the name sits around its marker (plotly textposition); empty = above it.
    label_position: Series[str] = pa.Field(nullable=True, isin=LABEL_POSITIONS)
    # Whether the map writes the name beside the marker (every place has a hover either way).
    labelled: Series[bool]


class Corridors(_Model):
    """Connectivity projects drawn on the map."""

    corridor_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9-]+$")
    name: Series[str]
    # The legend's label: short enough that the legend never crowds the map.
    short_name: Series[str] = pa.Field(str_length={"min_value": 2, "max_value": 32})
    type: Series[str] = pa.Field(isin=("gas_pipeline", "power_line", "railway", "road"))
    status: Series[str] = pa.Field(
        isin=("operational", "under_construction", "planned", "proposed", "stalled")
    )
    status_as_of: Series[int] = pa.Field(ge=2000, le=2030)
    # What the source says that gives the status (own words, cited), shown in the hover card.
    status_basis: Series[str]
    countries: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}(;[A-Z]{3})+$")
    length_km: Series[float] = pa.Field(nullable=True, gt=0)
    capacity: Series[str] = pa.Field(nullable=True)
    cost_usd: Series[float] = pa.Field(nullable=True, gt=0)
    # `unrouted`: no source gives a route; drawn only as a short arrow from its start to its end.
    geometry: Series[str] = pa.Field(isin=("surveyed", "schematic", "mixed", "unrouted"))
    description: Series[str]
    source_ids: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+(;[a-z0-9_]+)*$")


class CorridorWaypoints(_Model):
    """Ordered waypoints of each corridor's (schematic) line."""

    corridor_id: Series[str]
    seq: Series[int] = pa.Field(ge=1)
    place_id: Series[str]
    geometry: Series[str] = pa.Field(isin=("surveyed", "schematic", "unrouted"))

    class Config:
        unique = ("corridor_id", "seq")


class CorridorGeometry(_Model):
    """Surveyed route geometry (from GeoJSON), where a source provides it."""

    corridor_id: Series[str]
    part: Series[int] = pa.Field(ge=1)
    seq: Series[int] = pa.Field(ge=1)
    lon: Series[float] = pa.Field(ge=MAP_LON[0], le=MAP_LON[1])
    lat: Series[float] = pa.Field(ge=MAP_LAT[0], le=MAP_LAT[1])
    source_id: Series[str]

    class Config:
        unique = ("corridor_id", "part", "seq")


class SeedFacts(_Model):
    """Facts and figures stated in the two seed texts, each with its locator (profiles' notes)."""

    fact_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9-]+$")
    partner_iso3: Series[str] = pa.Field(nullable=True, isin=CAR_CODES)
    topic: Series[str] = pa.Field(
        isin=("trade", "energy", "transport", "security", "culture", "other")
    )
    statement: Series[str]
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    year: Series[float] = pa.Field(nullable=True, ge=1990, le=2030)
    year_basis: Series[str] = pa.Field(nullable=True, isin=("calendar", "fiscal", "unknown"))
    source_id: Series[str]
    source_locator: Series[str]


FACT_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "agreements": Agreements,
    "mechanisms": Mechanisms,
    "memberships": Memberships,
    "bodies": Bodies,
    "events": Events,
    "targets": Targets,
    "seed_facts": SeedFacts,
    "places": Places,
    "corridors": Corridors,
    "corridor_waypoints": CorridorWaypoints,
    "corridor_geometry": CorridorGeometry,
}
