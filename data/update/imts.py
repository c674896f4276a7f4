"""The IMF IMTS client: the SDMX queries the refresh makes and their parsing into tidy rows.

IMTS (International Merchandise Trade Statistics, dataflow `IMF.STA:IMTS`) continues the
Direction of Trade Statistics. Its series key is COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY
(ISO 3-letter codes; `XG_FOB_USD` goods exports FOB, `MG_CIF_USD` goods imports CIF; A/Q/M);
observations carry a SCALE attribute (a power of ten: 6 = millions of US dollars). It is read
through `sdmx1` (source `IMF_DATA3`, the IMF's SDMX 3.0 REST API, SDMX-ML 3.0 replies).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import pandas as pd
import requests
import sdmx
from lxml import etree
from sdmx.model import common
from sdmx.model import v30 as model

from data.schema import CAR_CODES

SOURCE_ID: Final = "IMF_DATA3"  # sdmx1's id for https://api.imf.org/external/sdmx/3.0
AGENCY: Final = "IMF.STA"
DATAFLOW: Final = "IMTS"
DIMENSIONS: Final = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY")
EXPORTS: Final = "XG_FOB_USD"
IMPORTS: Final = "MG_CIF_USD"
PAKISTAN: Final = "PAK"
FREQUENCIES: Final = ("A", "M")
# The IMF's API gateway takes an optional subscription key in this header; the key itself is
# read from the environment at request time and never written anywhere.
API_KEY_ENV: Final = "IMF_API_KEY"
API_KEY_HEADER: Final = "Ocp-Apim-Subscription-Key"
DEFAULT_TIMEOUT: Final = 60.0
PERIOD = re.compile(r"^(\d{4})(?:-M?(\d{2}))?$")

# Tidy observation columns.
OBS_COLUMNS: Final = [
    "country",
    "indicator",
    "counterpart",
    "frequency",
    "year",
    "month",
    "value_usd",
    "query",
    "retrieved",
]


class UpdateError(Exception):
    """A refresh step failed; the message is one line saying what failed and what to do."""


@dataclass(frozen=True)
class Query:
    """One IMTS data query: a name, its SDMX key and the first year asked for."""

    name: str
    key: str
    start_year: int

    @property
    def label(self) -> str:
        """How a figure's source names the query (dataflow, key, start)."""
        return f"{AGENCY}:{DATAFLOW}/{self.key} from {self.start_year}"


def queries(start_year: int) -> list[Query]:
    """The two queries: Pakistan's records of trade with the six, and the six's own records."""
    cars = "+".join(CAR_CODES)
    flows = f"{EXPORTS}+{IMPORTS}"
    freqs = "+".join(FREQUENCIES)
    return [
        Query("pakistan", f"{PAKISTAN}.{flows}.{cars}.{freqs}", start_year),
        Query("partner", f"{cars}.{flows}.{PAKISTAN}.{freqs}", start_year),
    ]


def imts_structure(attributes: set[str] | frozenset[str] = frozenset()) -> Any:
    """The IMTS data structure as the refresh relies on it: four dimensions in key order, time,
    OBS_VALUE, SCALE and whatever other attributes a reply carries (UNIT, status flags...)."""
    dsd = model.DataStructureDefinition(id="DSD_IMTS", maintainer=common.Agency(id=AGENCY))
    for dim in DIMENSIONS:
        dsd.dimensions.getdefault(id=dim)
    dsd.dimensions.getdefault(id="TIME_PERIOD", cls=common.TimeDimension)
    for attribute in sorted({"SCALE", *attributes}):
        dsd.attributes.getdefault(id=attribute)
    dsd.measures.getdefault(id="OBS_VALUE")
    return dsd


def _attribute_names(content: bytes) -> set[str]:
    """Names of the SDMX attributes on a reply's <Series> and <Obs> elements (not dimensions)."""
    tree = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False))
    names = {
        name
        for element in tree.iter("Series", "Obs")
        for name in element.attrib
        if not name.startswith("{")
    }
    return names - {*DIMENSIONS, "TIME_PERIOD", "OBS_VALUE"}


def make_client() -> sdmx.Client:
    """An sdmx1 client for the IMF's SDMX 3.0 API (a fresh session; no cache on disk)."""
    return sdmx.Client(SOURCE_ID)


def _headers() -> dict[str, str]:
    key = os.environ.get(API_KEY_ENV, "").strip()
    return {API_KEY_HEADER: key} if key else {}


def request_for(client: sdmx.Client, query: Query) -> requests.PreparedRequest:
    """The HTTP request sdmx1 builds for a query (URL, SDMX-ML 3.0 Accept header, optional key)."""
    prepared = client.get(
        resource_type="data",
        context="dataflow",
        agency_id=AGENCY,
        resource_id=DATAFLOW,
        key=query.key,
        dry_run=True,
    )
    # SDMX-REST 2 (the 3.0 API) filters periods with a component constraint; sdmx1 0.28's
    # URL builder does not take the bracketed parameter name, so it is added here.
    prepared.prepare_url(prepared.url, {"c[TIME_PERIOD]": f"ge:{query.start_year}"})
    prepared.headers.update(_headers())
    return prepared


def fetch(client: sdmx.Client, query: Query, timeout: float) -> bytes:
    """Run one query and return the reply's bytes; every failure becomes a one-line UpdateError."""
    try:
        prepared = request_for(client, query)
        # Session.send() skips the environment (HTTPS_PROXY, REQUESTS_CA_BUNDLE...): merge it.
        settings = client.session.merge_environment_settings(prepared.url, {}, None, None, None)
        response = client.session.send(prepared, timeout=timeout, **settings)
        response.raise_for_status()
    except requests.Timeout:
        raise UpdateError(
            f"the IMF API did not answer the {query.name} query within {timeout:g} s: "
            "try again later, or pass a longer --timeout"
        ) from None
    except requests.HTTPError as err:
        status = err.response.status_code if err.response is not None else "?"
        hint = (
            f"set {API_KEY_ENV} to an IMF API subscription key"
            if status in (401, 403, 429)
            else "check the IMF data portal's status and try again later"
        )
        raise UpdateError(
            f"the IMF API answered HTTP {status} to the {query.name} query ({query.label}): {hint}"
        ) from None
    except requests.ConnectionError as err:
        raise UpdateError(
            f"cannot reach the IMF API ({type(err).__name__}): check the network connection "
            "or proxy, then run `make update-data` again"
        ) from None
    except requests.RequestException as err:
        raise UpdateError(f"the {query.name} query failed ({type(err).__name__})") from None
    return response.content


def parse(content: bytes, query: Query) -> Any:
    """Parse an SDMX-ML reply with sdmx1, given the IMTS structure."""
    try:
        structure = imts_structure(_attribute_names(content))
        return sdmx.read_sdmx(io.BytesIO(content), format="XML", structure=structure)
    except Exception as err:  # sdmx1 and lxml raise many types for a reply that does not parse
        raise _shape_error(query, f"not SDMX-ML: {type(err).__name__}: {str(err)[:100]}") from None


def _shape_error(query: Query, what: str) -> UpdateError:
    return UpdateError(
        f"the IMF reply to the {query.name} query has an unexpected shape ({what}); the IMTS "
        "structure may have changed: check data/update/imts.py against the dataflow"
    )


def tidy(message: Any, query: Query, retrieved: date) -> pd.DataFrame:
    """Observations of one reply as rows: who reported, flow, counterpart, period, US$.

    Every series must have the four dimensions, a known indicator and frequency, and a numeric
    SCALE; every period must be a year or a month; anything else is a changed response shape.
    Missing values (empty or NaN) are dropped: a gap is not a zero.
    """
    datasets = getattr(message, "data", None)
    if not isinstance(datasets, list) or not datasets:
        raise _shape_error(query, "no data set in the reply")
    rows: list[dict[str, Any]] = []
    for dataset in datasets:
        for series_key, observations in dataset.series.items():
            values = {k: v.value for k, v in series_key.values.items()}  # noqa: PD011 - sdmx Key
            if set(values) != set(DIMENSIONS):
                raise _shape_error(query, f"series dimensions {sorted(values)}")
            if values["INDICATOR"] not in (EXPORTS, IMPORTS):
                raise _shape_error(query, f"indicator {values['INDICATOR']!r}")
            if values["FREQUENCY"] not in FREQUENCIES:
                raise _shape_error(query, f"frequency {values['FREQUENCY']!r}")
            scale_attr = series_key.attrib.get("SCALE")
            scale = str(scale_attr.value) if scale_attr is not None else ""
            if not re.fullmatch(r"-?\d{1,2}", scale):
                raise _shape_error(query, f"SCALE {scale or 'missing'} on {series_key}")
            for obs in observations:
                period = str(obs.dimension.values["TIME_PERIOD"].value)  # noqa: PD011
                match = PERIOD.match(period)
                if match is None or (values["FREQUENCY"] == "M") != bool(match.group(2)):
                    raise _shape_error(
                        query, f"period {period!r} for frequency {values['FREQUENCY']}"
                    )
                raw = obs.value
                if raw is None or str(raw).strip() in ("", "NaN", "nan"):
                    continue
                try:
                    number = float(raw)
                except ValueError:
                    raise _shape_error(query, f"value {raw!r} in {period}") from None
                month = int(match.group(2)) if match.group(2) else None
                if month is not None and not 1 <= month <= 12:
                    raise _shape_error(query, f"month {period!r}")
                rows.append(
                    {
                        "country": values["COUNTRY"],
                        "indicator": values["INDICATOR"],
                        "counterpart": values["COUNTERPART_COUNTRY"],
                        "frequency": values["FREQUENCY"],
                        "year": int(match.group(1)),
                        "month": month,
                        "value_usd": round(number * 10 ** int(scale), 2),
                        "query": query.label,
                        "retrieved": retrieved.isoformat(),
                    }
                )
    frame = pd.DataFrame(rows, columns=OBS_COLUMNS)
    frame["month"] = frame["month"].astype("Int64")
    twice = frame.duplicated(OBS_COLUMNS[:6], keep=False)
    if twice.any():  # summing months would count it twice
        first = frame[twice].iloc[0]
        raise _shape_error(
            query,
            f"{int(twice.sum())} observations given twice, e.g. {first['country']}."
            f"{first['indicator']}.{first['counterpart']} {first['year']}",
        )
    return frame


def fetch_all(
    client: sdmx.Client, start_year: int, retrieved: date, timeout: float = DEFAULT_TIMEOUT
) -> pd.DataFrame:
    """Run both queries and return their observations, one row each (empty replies fail)."""
    frames = []
    for query in queries(start_year):
        frame = tidy(parse(fetch(client, query, timeout), query), query, retrieved)
        if frame.empty:
            raise _shape_error(query, "no observations")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
