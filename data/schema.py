"""pandera schemas, one per CSV table in data/, plus the column-name constants the code uses."""

from __future__ import annotations

from typing import Final, cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

# Column names used across queries, figures and downloads.
PARTNER: Final = "partner_iso3"
YEAR: Final = "year"
BASIS: Final = "basis"
FLOW: Final = "flow"
REPORTER: Final = "reporter"
VALUE: Final = "value_usd"
ESTIMATE: Final = "estimate"
SOURCE_ID: Final = "source_id"
SOURCE_DETAIL: Final = "source_detail"
NOTE: Final = "note"
PRIMARY: Final = "primary"
FIGURE_ID: Final = "figure_id"
ISO3: Final = "iso3"

CAR_CODES: Final = ("AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB")
BASES: Final = ("calendar", "fiscal")
FLOWS: Final = ("export", "import")
REPORTERS: Final = ("pakistan", "partner")
ALL_REPORTERS: Final = (*REPORTERS, "other")
ISO3_PATTERN: Final = r"^[A-Z]{3}$"
DATE_PATTERN: Final = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PRECISIONS: Final = ("day", "month", "year")
YEAR_MIN, YEAR_MAX = 1990, 2030


def _year() -> Series[int]:
    return pa.Field(ge=YEAR_MIN, le=YEAR_MAX)


class _Model(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Countries(_Model):
    """The six CARs: names, capitals, fixed display colours, groupings."""

    iso3: Series[str] = pa.Field(isin=CAR_CODES, unique=True)
    name: Series[str]
    short_name: Series[str]
    capital: Series[str]
    capital_lat: Series[float] = pa.Field(ge=20, le=56)
    capital_lon: Series[float] = pa.Field(ge=40, le=90)
    colour: Series[str] = pa.Field(str_matches=r"^#[0-9A-Fa-f]{6}$", unique=True)
    dots_code: Series[int] = pa.Field(gt=0)
    sbp_car5: Series[bool]
    qtta_member: Series[bool]
    reports_to_imf_dots: Series[bool]


class Trade(_Model):
    """One row per annual trade figure, from Pakistan's point of view."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^T\d{4}$")
    partner_iso3: Series[str] = pa.Field(isin=CAR_CODES)
    year: Series[int] = _year()
    basis: Series[str] = pa.Field(isin=BASES)
    flow: Series[str] = pa.Field(isin=FLOWS)
    reporter: Series[str] = pa.Field(isin=ALL_REPORTERS)
    value_usd: Series[float] = pa.Field(ge=0)
    estimate: Series[bool]
    source_id: Series[str]
    source_detail: Series[str]
    note: Series[str] = pa.Field(nullable=True)
    primary: Series[bool]

    @pa.dataframe_check(error="more than one primary figure for a series key")
    @classmethod
    def one_primary_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        """At most one primary figure per (partner, year, basis, flow, reporter)."""
        keys = [PARTNER, YEAR, BASIS, FLOW, REPORTER]
        dup = df[df[PRIMARY].astype(bool)].duplicated(keys, keep=False)
        return cast(Series[bool], ~dup.reindex(df.index, fill_value=False))


CONTEXT_PARTNERS: Final = ("WLD", "CHN", "RUS", "TUR", "IRN", "IND", "AFG", "PAK", *CAR_CODES)


class ContextTrade(_Model):
    """Each reporter's World totals and trade with the comparators, as the reporter records it."""

    context_id: Series[str] = pa.Field(unique=True, str_matches=r"^C\d{5}$")
    reporter_iso3: Series[str] = pa.Field(isin=("PAK", *CAR_CODES))
    partner_iso3: Series[str] = pa.Field(isin=CONTEXT_PARTNERS)
    partner_name: Series[str]
    year: Series[int] = _year()
    flow: Series[str] = pa.Field(isin=FLOWS)  # the reporter's exports (FOB) or imports (CIF)
    value_usd: Series[float] = pa.Field(ge=0)
    estimate: Series[bool]
    derived: Series[bool]  # the reporter does not report to the IMF (its figures are estimates)
    source_id: Series[str]
    source_detail: Series[str]

    @pa.dataframe_check(error="a reporter's figure for the same partner, year and flow repeats")
    @classmethod
    def one_figure_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        """One figure per (reporter, partner, year, flow)."""
        keys = ["reporter_iso3", PARTNER, YEAR, FLOW]
        return cast(Series[bool], ~df.duplicated(keys, keep=False))


class StatedTotals(_Model):
    """Totals that are not a plain annual X or M: turnover, 5-CAR aggregate, partial periods."""

    stated_id: Series[str] = pa.Field(unique=True)
    partner_iso3: Series[str] = pa.Field(isin=(*CAR_CODES, "CAR5"))
    year: Series[int] = _year()
    basis: Series[str] = pa.Field(isin=BASES)
    period: Series[str]
    partial: Series[bool]
    measure: Series[str] = pa.Field(isin=("export", "import", "turnover", "balance"))
    reporter: Series[str] = pa.Field(isin=ALL_REPORTERS)
    value_usd: Series[float]
    source_id: Series[str]
    source_detail: Series[str]
    note: Series[str] = pa.Field(nullable=True)


class Products(_Model):
    """Product-composition figures (value and/or share)."""

    product_id: Series[str] = pa.Field(unique=True)
    partner_iso3: Series[str] = pa.Field(isin=CAR_CODES)
    year: Series[int] = _year()
    flow: Series[str] = pa.Field(isin=(*FLOWS, "total"))
    product: Series[str]
    hs_code: Series[str] = pa.Field(nullable=True)
    value_usd: Series[float] = pa.Field(nullable=True, ge=0)
    share_pct: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    source_id: Series[str]
    source_detail: Series[str]
    note: Series[str] = pa.Field(nullable=True)


class Sources(_Model):
    """Every source a figure or fact cites."""

    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    publisher: Series[str]
    title: Series[str]
    short_label: Series[str] = pa.Field(str_length={"max_value": 70})
    url: Series[str] = pa.Field(nullable=True)
    licence_note: Series[str]
    retrieved: Series[str] = pa.Field(str_matches=DATE_PATTERN)
