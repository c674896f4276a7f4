"""Country profile panel: headline figures, caveats, facts and targets, every fact cited.

Modules: common (labels, citations), headlines, facts, products, panel (`profile_panel`).
"""

from components.profile.common import Citations, money
from components.profile.facts import membership_matrix_table
from components.profile.panel import profile_panel, profile_placeholder

__all__ = ["Citations", "membership_matrix_table", "money", "profile_panel", "profile_placeholder"]
