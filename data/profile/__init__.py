"""Country profile view model: headline figures, caveats, facts and targets for one CAR.

Pure functions of the validated tables (no Dash). Every fact keeps its source id so the panel can
cite it; every figure says which basis, reporter and year it is. The package's modules: model
(dataclasses, labels), headlines, caveats, targets, facts, build (`profile`).
"""

from data.profile.build import profile
from data.profile.caveats import caveats_for
from data.profile.facts import (
    corridors_for,
    membership_matrix,
    memberships_for,
    product_reporter,
    products_for,
    reference_parts,
    references_for,
)
from data.profile.headlines import headline, series_frame, spark_frame
from data.profile.model import (
    AGREEMENT_STATUS_LABEL,
    BASIS_TEXT,
    CAGR_RULE,
    CAVEAT_TITLE,
    CONTEXT_NAMES,
    DERIVED_SHORT,
    MEMBERSHIP_MARK,
    MIN_CARS_FOR_SHARE,
    MIRROR_GAP_FACTOR,
    SERIES,
    SERIES_LABEL,
    SERIES_SHORT,
    BaselineFigure,
    Caveat,
    Growth,
    Headline,
    Profile,
    TargetFigure,
    TargetProgress,
    agreement_status_label,
    series_phrase,
)
from data.profile.targets import targets_for

__all__ = [
    "AGREEMENT_STATUS_LABEL",
    "BASIS_TEXT",
    "CAGR_RULE",
    "CAVEAT_TITLE",
    "CONTEXT_NAMES",
    "DERIVED_SHORT",
    "MEMBERSHIP_MARK",
    "MIN_CARS_FOR_SHARE",
    "MIRROR_GAP_FACTOR",
    "SERIES",
    "SERIES_LABEL",
    "SERIES_SHORT",
    "BaselineFigure",
    "Caveat",
    "Growth",
    "Headline",
    "Profile",
    "TargetFigure",
    "TargetProgress",
    "agreement_status_label",
    "caveats_for",
    "corridors_for",
    "headline",
    "membership_matrix",
    "memberships_for",
    "product_reporter",
    "products_for",
    "profile",
    "reference_parts",
    "references_for",
    "series_frame",
    "series_phrase",
    "spark_frame",
    "targets_for",
]
