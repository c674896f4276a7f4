"""The whole profile of one CAR from the validated tables."""

from __future__ import annotations

from data.context import pakistan_place
from data.loading import Tables
from data.profile.caveats import caveats_for
from data.profile.facts import (
    _sort_dated,
    corridors_for,
    memberships_for,
    products_for,
    references_for,
)
from data.profile.headlines import _is_derived, headline, spark_frame
from data.profile.model import SERIES, Profile
from data.profile.targets import targets_for
from data.schema import (
    CAR_CODES,
    PARTNER,
    SOURCE_ID,
)
from data.status_dates import with_status_dates


def profile(tables: Tables, iso3: str) -> Profile:
    """The view model of one country's profile panel. KeyError for a code that is not a CAR."""
    if iso3 not in CAR_CODES:
        raise KeyError(iso3)
    countries = tables.countries.set_index("iso3")
    headlines = tuple(
        h for basis, reporter in SERIES if (h := headline(tables, iso3, basis, reporter))
    )
    caveats = tuple(caveats_for(tables, iso3, headlines))
    today = tables.clock()
    agreements = with_status_dates(
        _sort_dated(tables.agreements[tables.agreements[PARTNER] == iso3], "signed"), today
    )
    mechanisms = tables.mechanisms[tables.mechanisms[PARTNER] == iso3].reset_index(drop=True)
    memberships = memberships_for(tables, iso3)
    corridors = with_status_dates(corridors_for(tables, iso3), today)
    products = products_for(tables, iso3)
    ev = tables.events
    events = _sort_dated(ev[ev[PARTNER].isin([iso3, "CAR"])], "date")
    targets = tuple(targets_for(tables, iso3))
    sf = tables.seed_facts
    notes = sf[sf[PARTNER] == iso3].reset_index(drop=True)
    regional = sf[sf[PARTNER].isna()].reset_index(drop=True)
    used: set[str] = set()
    for h in headlines:
        used.update(h.sources)
        for g in h.growth:
            used.update(g.sources)
    for cv in caveats:
        used.update(cv.sources)
    for frame, column in (
        (agreements, SOURCE_ID),
        (mechanisms, SOURCE_ID),
        (events, SOURCE_ID),
        (notes, SOURCE_ID),
        (regional, SOURCE_ID),
        (products, SOURCE_ID),
        (memberships, "sources"),
        (corridors, "source_ids"),
    ):
        for value in frame[column]:
            used.update(s for s in str(value).split(";") if s)
    place = pakistan_place(tables, iso3)
    if place is not None:
        used.add("imf_dots_partner")
    for t in targets:
        used.update(t.source_ids)
        for p in t.progress:
            used.update(p.sources)
        for b in t.baseline_figures:
            used.update(b.sources)
    return Profile(
        iso3=iso3,
        name=str(countries.loc[iso3, "name"]),
        capital=str(countries.loc[iso3, "capital"]),
        headlines=headlines,
        spark=spark_frame(tables, iso3),
        caveats=caveats,
        agreements=agreements,
        mechanisms=mechanisms,
        memberships=memberships,
        corridors=corridors,
        products=products,
        events=events,
        targets=targets,
        notes=notes,
        references=references_for(tables, used),
        used_sources=tuple(sorted(used)),
        regional_notes=regional,
        derived_mirror=_is_derived(tables, iso3, "partner"),
        place=place,
    )
