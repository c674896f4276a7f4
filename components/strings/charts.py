"""The charts' strings: card titles and subtitles, export titles (charts/*)."""

from __future__ import annotations

from typing import Final

THE_CARS: Final = "the CARs"
PAKISTAN_CAR: Final = "Pakistan–CAR"
TREND_TITLE: Final = "Trade over time"
TREND_SUBTITLE: Final = "Per country, with the total of the selected CARs"
BALANCE_TITLE: Final = "Trade balance"
BALANCE_SUBTITLE: Final = "Pakistan's surplus (blue) or deficit (red), per country"
SHARE_TITLE: Final = "Shares"
SHARE_SUBTITLE: Final = "Each CAR's share of Pakistan's trade with the selected CARs"
MIRROR_TITLE: Final = "When the sources disagree"
MIRROR_SUBTITLE: Final = "Pakistan-reported against partner-reported figures (IMF DOTS mirror data)"
RANKING_TITLE: Final = "Ranking and growth"
MIRROR_EXPORT_TITLE: Final = "Pakistan-reported vs partner-reported trade (IMF DOTS mirror)"
MIRROR_REPORTERS: Final = "Pakistan- vs partner-reported"
SHARE_UNIT: Final = "% of the selected CARs' total"
PAKISTAN_PAIR: Final = "Pakistan–{partner}"
TREND_EVENTS_KEY: Final = "Events on the chart: {key}."
TREND_EXPORT_TITLE: Final = "{pair} trade: {flow}"
BALANCE_EXPORT_TITLE: Final = "Pakistan's trade balance with {partner}"
SHARE_EXPORT_TITLE: Final = "Shares of the selected CARs: {flow}"
MIRROR_EXPORT_TITLE_ONE: Final = (
    "{pair} trade, Pakistan-reported vs partner-reported (IMF DOTS mirror)"
)
RANKING_EXPORT_TITLE: Final = "Ranking and growth: {flow}, {period}"

# The context charts
CONTEXT_REPORTERS: Final = "IMF DOTS, each reporter's own records"
CONTEXT_UNIT: Final = "% of the reporter's World total"
TRANSIT_EXPORT_TITLE: Final = "The transit question: Afghanistan and the reporting gap"
CARSHARE_TITLE: Final = "How big is this trade?"
CARSHARE_SUBTITLE: Final = (
    "The selected CARs' share of Pakistan's trade with the World (Pakistan-reported)"
)
PARTNERS_TITLE: Final = "Pakistan's place in a CAR's trade"
PARTNERS_SUBTITLE: Final = (
    "The open profile's (or first selected) CAR's partners, ranked (partner-reported)"
)
TRANSIT_TITLE: Final = "The transit question"
TRANSIT_SUBTITLE: Final = (
    "Pakistan's recorded trade with Afghanistan beside the gap between the CARs' and "
    "Pakistan's records"
)
CARSHARE_EXPORT_TITLE: Final = "The CARs' share of Pakistan's world {flow}"
PARTNERS_EXPORT_TITLE: Final = "Pakistan among {name}'s trade partners"

# The map and the profiles
MAP_TITLE: Final = "Corridor map"
MAP_SUBTITLE: Final = (
    "The CARs shaded by trade with Pakistan, and the projects that would connect them. "
    "Click a CAR to open its profile; hover a line for its card; click a legend entry to "
    "hide it."
)
PROFILE_TITLE: Final = "Country profiles"
PROFILE_SUBTITLE: Final = (
    "Headline figures, caveats, agreements and every series of one CAR, or two side by side"
)
MAP_EXPORT_TITLE: Final = "Corridors and {flow}"
PROFILE_EXPORT_TITLE: Final = "Pakistan–{name} trade turnover by source"
PROFILE_EXPORT_SUBTITLE: Final = (
    "{name} · every year in the data · Pakistan- and partner-reported calendar years, "
    "Pakistan fiscal years · US$ million"
)

# Export subtitles
SUBTITLE_FISCAL: Final = "Pakistan fiscal years"
SUBTITLE_CALENDAR: Final = "calendar years"
SUBTITLE_LOG: Final = "log scale"
