"""Named tolerances, each with its one-line justification.

Every floating comparison in a claim uses one of these, or derives its own
from a stated condition number next to the comparison.
"""

from __future__ import annotations

import numpy as np

__all__ = ["EPS", "ROUNDOFF_LOGISTIC", "logistic_difference_slack"]

#: Machine epsilon of float64, the unit of every derived tolerance.
EPS = float(np.finfo(np.float64).eps)

#: scipy.special.expit is correctly rounded to within a few ulp; 4 ulp of a value <= 1.
ROUNDOFF_LOGISTIC = 4 * EPS


def logistic_difference_slack(n_terms: int) -> float:
    """Absolute round-off of a sum of ``n_terms`` logistic values in [0, 1] plus an indicator.

    Each term carries ROUNDOFF_LOGISTIC and the sum adds one ulp of a value <= n_terms
    per addition: n·(4 + n)·eps.
    """
    return n_terms * (4 + n_terms) * EPS
