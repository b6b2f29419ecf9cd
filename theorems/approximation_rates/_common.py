"""Helpers shared by the rate claims of :mod:`theorems.approximation_rates` (not a claim module).

* ``_record_slope``: the slope of a log–log fit on a geometric sweep, compared with the
  exponent; its band adds the computed slope offset of the lower-order terms of W when a
  count model is given (used by C10, C14, C15);
* ``_record_rate_figure``: error against W on log–log axes, with the fitted and the
  theoretical slope.
"""

from __future__ import annotations

import numpy as np

from constructions.approximation.rates import fit_loglog_slope
from theorems.tolerances import PREASYMPTOTIC_SLOPE_BAND


def _record_slope(evidence, sizes, errors, exponent: float, *, name: str, at=None, count_model=None):
    """Fit log error against log size and record: the exponent is within the band of the slope's 95% CI.

    The data are deterministic, so the interval reflects only the curvature of the sweep; the band
    (``PREASYMPTOTIC_SLOPE_BAND``) is the measured pre-asymptotic drift, with a factor 2.

    ``count_model``: the error an exact power law in the resolution would have at these sizes (e.g.
    K^{−β} for K pieces, when W = aK^d + lower order).  Its fitted slope differs from ``exponent`` only
    because of the lower-order terms of the parameter count, which the rate O(W^{−γ}) does not see; that
    distance (computed, not measured) is added to the band.
    """
    fit = fit_loglog_slope(sizes, errors)
    gap = max(0.0, fit.ci_low - exponent, exponent - fit.ci_high)
    band, band_name, extra = PREASYMPTOTIC_SLOPE_BAND, "pre-asymptotic band", {}
    if count_model is not None:
        offset = abs(fit_loglog_slope(sizes, count_model).slope - exponent)
        band, band_name = band + offset, "pre-asymptotic band + lower-order terms of W (derived)"
        extra = {"count offset": round(offset, 4)}
    evidence.bound(gap, band, name=f"distance of {exponent:g} to the slope CI of {name}", rhs_name=band_name,
                   at=dict(at or {}, **extra, slope=round(fit.slope, 4),
                           ci=(round(fit.ci_low, 4), round(fit.ci_high, 4))))
    return fit


def _record_rate_figure(evidence, name: str, title: str, sweeps, *, ylabel: str = "sup error") -> None:
    """Error against W on log–log axes: measured points, the fitted line, the theoretical slope.

    ``sweeps``: (label, sizes, errors, fit, exponent, reference) with ``reference`` the
    theoretical curve at ``sizes`` (an explicit bound, or the exponent anchored at the first point).
    """
    series = []
    for label, sizes, errors, fit, exponent, reference in sweeps:
        w = np.asarray(sizes, dtype=float)
        series += [{"x": w.tolist(), "y": np.asarray(errors, dtype=float).tolist(), "label": f"{label}: measured",
                    "style": "points"},
                   {"x": w.tolist(), "y": fit.predict(w).tolist(), "style": "line",
                    "label": f"{label}: fitted slope {fit.slope:.3f} [{fit.ci_low:.3f}, {fit.ci_high:.3f}]"},
                   {"x": w.tolist(), "y": np.asarray(reference, dtype=float).tolist(), "style": "dashed",
                    "label": f"{label}: theoretical slope {exponent:g}"}]
    evidence.figure(name, kind="lines", title=title, xlabel="W (parameters / coefficients)",
                    ylabel=ylabel, logx=True, logy=True, series=series)
