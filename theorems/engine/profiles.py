"""Hypothesis profiles, registered once and chosen by name.

* ``fast`` — the default when typing ``pytest``: a quick search while editing;
* ``ci`` — derived from Hypothesis' own ``ci`` profile (derandomized, so CI
  never flakes); the default when the ``CI`` environment variable is set;
* ``thorough`` — a deep hunt for counterexamples;
* ``audit`` — ``ci``'s budget without derandomization, for the reliability
  audit that reruns every claim under many seeds (``--hypothesis-seed``).

Counterexamples are kept in the example database (``.hypothesis/`` at the
working directory) and replayed first on the next run, except under ``ci``,
which is derandomized and uses no database.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

__all__ = ["PROFILES", "default_profile", "register_profiles"]

#: every profile the checker registers: the choices of ``--profile`` and of ``--hypothesis-profile``
PROFILES = ("fast", "ci", "thorough", "audit")

# print_blob: every refutation carries the @reproduce_failure blob that theorems.replay uses.
_COMMON = dict(deadline=None, report_multiple_bugs=False, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow])


def register_profiles() -> None:
    """Register the :data:`PROFILES` (idempotent)."""
    # Hypothesis loads its own `ci` profile as the default when CI is set; the profiles other than
    # ours `ci` derive from its `default` profile, so that `fast` and `thorough` mean the same
    # everywhere (randomized, with the example database).
    default = settings.get_profile("default")
    settings.register_profile("fast", parent=default, max_examples=40, **_COMMON)
    settings.register_profile("ci", parent=settings.get_profile("ci"), max_examples=100, **_COMMON)
    settings.register_profile("thorough", parent=default, max_examples=2000, **_COMMON)
    # The reliability audit (scripts/reliability_audit.py): ci's budget with a chosen seed.
    settings.register_profile("audit", parent=default, max_examples=100, database=None, derandomize=False,
                              **_COMMON)


def default_profile() -> str:
    """``ci`` when the ``CI`` environment variable is set, else ``fast``."""
    return "ci" if os.environ.get("CI") else "fast"
