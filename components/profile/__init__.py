"""Country profile panel: headline figures, caveats, facts and targets, every fact cited.

Modules: common (labels, citations), headlines, facts, products, panel (`profile_panel`).
"""

from components.profile.common import Citations, money
from components.profile.facts import membership_matrix_table
from components.profile.panel import (
    compare_panels,
    panel_parts,
    profile_panel,
    profile_placeholder,
)

__all__ = [
    "Citations",
    "compare_panels",
    "membership_matrix_table",
    "money",
    "panel_parts",
    "profile_panel",
    "profile_placeholder",
]
