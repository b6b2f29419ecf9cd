"""Root configuration: the Hypothesis profiles and the theorem-checker plugin.

The profiles ``fast`` (default), ``ci`` (default when ``CI`` is set; derandomized)
and ``thorough`` are defined in :mod:`theorems.engine.profiles` so that
``python -m theorems`` uses the same ones; choose with ``--hypothesis-profile``.
"""

from theorems.engine.profiles import register_profiles

register_profiles()

pytest_plugins = ["theorems.engine.plugin"]
