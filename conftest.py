"""Root configuration: the Hypothesis profiles and the theorem-checker plugin.

The profiles ``fast`` (default), ``ci`` (default when ``CI`` is set; derandomized)
and ``thorough`` are defined in :mod:`theorems.profiles` so that
``python -m theorems`` uses the same ones; choose with ``--hypothesis-profile``.
"""

from theorems.profiles import register_profiles

register_profiles()

pytest_plugins = ["theorems.plugin"]
