"""pandera schemas for the curated fact tables (profiles) and the corridor-map tables."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from data.schema import CAR_CODES, DATE_PATTERN, ISO3_PATTERN, PRECISIONS, SOURCE_ID

CAR_OR_ALL = (*CAR_CODES, "CAR")
EVENT_PRECISIONS = (*PRECISIONS, "before")
# One source id or several, ';'-separated (each must be in sources.csv: data.loading checks).
SOURCE_IDS_PATTERN = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"
SOURCE_ID_PATTERN = r"^[a-z0-9_]+$"
# Statuses that say a project or agreement is in force, being applied or operating: each needs a
# status source that reports exactly that (`status_source_in_force`), not a plan or a decision.
IN_FORCE_STATUSES = ("in_force", "implemented", "operational")
# Finer precision = smaller rank: a date may be no finer than what its source gives.
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}

# The row rules below, by their error message: the column each one blames (data.loading reports
# a failing row once, at that column, with this message as the reason).
IN_FORCE_RULE = (
    "a status of in force, implemented or operational needs a status source that reports it in "
    "force (status_source_in_force is false)"
)
STATUS_DAY_RULE = (
    "status_as_of is more precise than its status source gives (status_source_precision): "
    "use month (YYYY-MM) or year (YYYY) precision"
)
STATUS_SOURCE_RULE = "status_source_id must be one of the row's own sources"
SIGNED_DAY_RULE = (
    "the signing date is more precise than its sources give (dates_source_precision): an exact "
    "day (YYYY-MM-DD) needs a source that gives that day, otherwise month or year precision"
)
IN_FORCE_DAY_RULE = (
    "the in-force date is more precise than its sources give (dates_source_precision): an exact "
    "day (YYYY-MM-DD) needs a source that gives that day, otherwise month or year precision"
)
EVENT_DAY_RULE = (
    "the date is more precise than its source gives (date_source_precision): an exact day "
    "(YYYY-MM-DD) needs a source that gives that day, otherwise month or year precision"
)
SHAPE_RULE = "the date's form (YYYY-MM-DD, YYYY-MM or YYYY) does not match its precision"
ROW_RULES: dict[str, str] = {
    IN_FORCE_RULE: "status_source_in_force",
    STATUS_DAY_RULE: "status_as_of",
    STATUS_SOURCE_RULE: "status_source_id",
    SIGNED_DAY_RULE: "signed",
    IN_FORCE_DAY_RULE: "in_force",
    EVENT_DAY_RULE: "date",
    SHAPE_RULE: "date_precision",
}


def date_precision(value: object) -> str | None:
    """'day', 'month' or 'year' from the form of an ISO date string (None when blank)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return {1: "year", 2: "month", 3: "day"}.get(len(str(value).split("-")))


def _finer(claimed: pd.Series, source: pd.Series) -> pd.Series:
    """Rows whose claimed precision is finer than the source's (blank on either side: fine)."""
    rank = PRECISION_RANK.get
    return pd.Series(
        [
            c in PRECISION_RANK and s in PRECISION_RANK and rank(c, 9) < rank(s, 9)
            for c, s in zip(claimed, source, strict=True)
        ],
        index=claimed.index,
        dtype=bool,
    )


def _in_force_ok(df: pd.DataFrame) -> pd.Series:
    return ~df["status"].isin(IN_FORCE_STATUSES) | df["status_source_in_force"].astype(bool)


def _status_day_ok(df: pd.DataFrame) -> pd.Series:
    return ~_finer(df["status_as_of"].map(date_precision), df["status_source_precision"])


def _status_source_ok(df: pd.DataFrame, sources: str) -> pd.Series:
    return pd.Series(
        [
            str(sid) in str(ids).split(";")
            for sid, ids in zip(df["status_source_id"], df[sources], strict=True)
        ],
        index=df.index,
        dtype=bool,
    )


# The map's region: every place and waypoint must fall inside it.
MAP_LAT = (20.0, 56.0)
MAP_LON = (40.0, 90.0)


class _Model(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class _StatusRules(_Model):
    """The status rules every row with a dated, sourced status obeys (agreements, corridors)."""

    # The column listing the row's sources (the status source must be one of them).
    _sources_column = SOURCE_ID

    @pa.dataframe_check(error=IN_FORCE_RULE)
    @classmethod
    def in_force_reported(cls, df: pd.DataFrame) -> Series[bool]:
        """In force / operational only on a source that reports it so."""
        return _in_force_ok(df)  # type: ignore[return-value]

    @pa.dataframe_check(error=STATUS_DAY_RULE)
    @classmethod
    def status_date_precision(cls, df: pd.DataFrame) -> Series[bool]:
        """status_as_of no more precise than its source."""
        return _status_day_ok(df)  # type: ignore[return-value]

    @pa.dataframe_check(error=STATUS_SOURCE_RULE)
    @classmethod
    def status_source_cited(cls, df: pd.DataFrame) -> Series[bool]:
        """The status source is one of the row's sources."""
        return _status_source_ok(df, cls._sources_column)  # type: ignore[return-value]


class Agreements(_StatusRules):
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
    source_id: Series[str] = pa.Field(str_matches=SOURCE_IDS_PATTERN)
    source_locator: Series[str]
    # The finest precision the cited sources give for `signed` and `in_force` (blank: no date).
    dates_source_precision: Series[str] = pa.Field(nullable=True, isin=PRECISIONS)
    # The status holds as of this date (YYYY, YYYY-MM or YYYY-MM-DD), on this source's word.
    status_as_of: Series[str] = pa.Field(str_matches=DATE_PATTERN)
    status_source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_PATTERN)
    # How precisely the status source dates the status (status_as_of may be no finer).
    status_source_precision: Series[str] = pa.Field(isin=PRECISIONS)
    # Whether the status source reports the agreement in force or being applied (not a plan).
    status_source_in_force: Series[bool]
    # Curators' note: corrections and disagreements between sources (blank when none).
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        unique = ("agreement_id", "partner_iso3")

    @pa.dataframe_check(error=SIGNED_DAY_RULE)
    @classmethod
    def signed_precision_sourced(cls, df: pd.DataFrame) -> Series[bool]:
        """A signing date no more precise than its sources, and of its precision's form."""
        shape = df["signed"].map(date_precision)
        given = shape.notna()
        return ~(  # type: ignore[return-value]
            _finer(df["signed_precision"], df["dates_source_precision"])
            | (given & (shape != df["signed_precision"]))
            | (given & df["dates_source_precision"].isna())
        )

    @pa.dataframe_check(error=IN_FORCE_DAY_RULE)
    @classmethod
    def in_force_precision_sourced(cls, df: pd.DataFrame) -> Series[bool]:
        """An in-force date no more precise than its sources, and of its precision's form."""
        shape = df["in_force"].map(date_precision)
        given = shape.notna()
        return ~(  # type: ignore[return-value]
            _finer(df["in_force_precision"], df["dates_source_precision"])
            | (given & (shape != df["in_force_precision"]))
            | (given & df["dates_source_precision"].isna())
        )


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
    # The finest precision the cited sources give for the date (`date_precision` may be no finer).
    date_source_precision: Series[str] = pa.Field(isin=PRECISIONS)
    # Curators' note: corrections and disagreements between sources (blank when none).
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error=EVENT_DAY_RULE)
    @classmethod
    def date_precision_sourced(cls, df: pd.DataFrame) -> Series[bool]:
        """A date no more precise than its sources (`before` is dated by the source itself)."""
        return ~_finer(df["date_precision"], df["date_source_precision"])  # type: ignore[return-value]

    @pa.dataframe_check(error=SHAPE_RULE)
    @classmethod
    def date_form_matches(cls, df: pd.DataFrame) -> Series[bool]:
        """'2023-02' is month precision, '2023-02-16' day (a `before` date may be any form)."""
        shape = df["date"].map(date_precision)
        return (df["date_precision"] == "before") | (shape == df["date_precision"])  # type: ignore[return-value]


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


class Corridors(_StatusRules):
    """Connectivity projects drawn on the map."""

    corridor_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9-]+$")
    name: Series[str]
    # The legend's label: short enough that the legend never crowds the map.
    short_name: Series[str] = pa.Field(str_length={"min_value": 2, "max_value": 32})
    type: Series[str] = pa.Field(isin=("gas_pipeline", "power_line", "railway", "road"))
    status: Series[str] = pa.Field(
        isin=("operational", "under_construction", "planned", "proposed", "stalled")
    )
    # The status holds as of this date (YYYY, YYYY-MM or YYYY-MM-DD), on status_source_id's word.
    status_as_of: Series[str] = pa.Field(str_matches=DATE_PATTERN)
    # What the source says that gives the status (own words, cited), shown in the hover card.
    status_basis: Series[str]
    status_source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_PATTERN)
    # How precisely the status source dates the status (status_as_of may be no finer).
    status_source_precision: Series[str] = pa.Field(isin=PRECISIONS)
    # Whether the status source reports the project operating (not planned or being built).
    status_source_in_force: Series[bool]
    countries: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}(;[A-Z]{3})+$")
    length_km: Series[float] = pa.Field(nullable=True, gt=0)
    capacity: Series[str] = pa.Field(nullable=True)
    cost_usd: Series[float] = pa.Field(nullable=True, gt=0)
    # `unrouted`: no source gives a route; drawn only as a short arrow from its start to its end.
    geometry: Series[str] = pa.Field(isin=("surveyed", "schematic", "mixed", "unrouted"))
    description: Series[str]
    source_ids: Series[str] = pa.Field(str_matches=SOURCE_IDS_PATTERN)
    # Curators' note: corrections and disagreements between sources (blank when none).
    note: Series[str] = pa.Field(nullable=True)

    _sources_column = "source_ids"


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
    source_id: Series[str] = pa.Field(str_matches=SOURCE_IDS_PATTERN)
    source_locator: Series[str]
    # Curators' note: corrections and disagreements between sources (blank when none).
    note: Series[str] = pa.Field(nullable=True)


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
