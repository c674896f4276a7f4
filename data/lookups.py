"""Lookups from the validated tables: country names and colours, source labels."""

from __future__ import annotations

from data.loading import Tables
from data.schema import (
    CAR_CODES,
    SOURCE_ID,
)


def country_names(tables: Tables) -> dict[str, str]:
    """ISO-3 -> display name."""
    return dict(zip(tables.countries["iso3"], tables.countries["name"], strict=True))


def country_colours(tables: Tables) -> dict[str, str]:
    """ISO-3 -> the country's fixed colour."""
    return dict(zip(tables.countries["iso3"], tables.countries["colour"], strict=True))


def source_labels(tables: Tables) -> dict[str, str]:
    """Source id -> short label for hovers and captions."""
    return dict(zip(tables.sources[SOURCE_ID], tables.sources["short_label"], strict=True))


def names_list(tables: Tables, codes: tuple[str, ...] | list[str]) -> str:
    """'Kazakhstan and Uzbekistan' style list of country names."""
    names = country_names(tables)
    items = [names.get(c, c) for c in codes]
    if len(items) == len(CAR_CODES):
        return "all six CARs"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
