"""What the modules of :mod:`theorems.benign_overfitting` share (not a claim module).

The phases of controls and literal statements, and the Tsigler–Bartlett source.
"""

from __future__ import annotations

from hypothesis import Phase

from theorems import Source

#: Controls and literal statements are refuted by nearly every draw; a "smaller" seed explains nothing.
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)
_TB = Source("Tsigler & Bartlett 2023, JMLR 24 (§2; Fig. 1)", lecture="良性過適合")
