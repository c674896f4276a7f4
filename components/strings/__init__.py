"""Every interface string of the app in one package, one module per area, so that a translation
(Urdu, Russian) can replace them: `from components import strings` and `strings.NAME`.

A leaf: it imports nothing from the project, so data/, charts/, figures/ and export/ use it
without an import circle. Not here: data (country and source names, facts from data/*.csv) and
numbers. tests/test_strings.py swaps every value for a marked one and checks that the page, a
profile, the notices, the figures and the brief show no unmarked interface text.
"""

from components.strings.brief import *  # noqa: F403
from components.strings.charts import *  # noqa: F403
from components.strings.chrome import *  # noqa: F403
from components.strings.figures import *  # noqa: F403
from components.strings.filters import *  # noqa: F403
from components.strings.maps import *  # noqa: F403
from components.strings.page import *  # noqa: F403
from components.strings.profile import *  # noqa: F403
from components.strings.state import *  # noqa: F403
from components.strings.tables import *  # noqa: F403
