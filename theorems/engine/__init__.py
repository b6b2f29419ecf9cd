"""The engine: claim model, evidence, verdicts, runner and pytest plugin, profiles, replay,
external claims, skeletons, file writes and the registry of the lecture's parts.

Not for claim authors: a claim module imports :mod:`theorems` (``claim``, ``Kind``,
``Source``, ``Evidence``), :mod:`theorems.strategies` and :mod:`theorems.tolerances` only.
"""
