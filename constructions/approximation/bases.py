"""Linear-method comparators: Chebyshev interpolation and truncated Fourier series.

Both are counted in coefficients W.  For f ∈ C^β (periodic for Fourier) Jackson's
theorem gives error O(W^{−β/d}) — the rate the lecture attributes to Newman &
Shapiro (1964).  For a jump neither converges uniformly: the Fourier partial
sums overshoot by the Gibbs constant (1/π)Si(π) − ½ ≈ 0.0895 of the jump, however
many terms are kept.

Notes
-----
* Chebyshev interpolation uses :meth:`numpy.polynomial.Chebyshev.interpolate`
  (interpolation at Chebyshev points of the first kind); W = degree + 1.
* Fourier coefficients are taken from the FFT of N equispaced samples on one
  period; for |k| ≤ K ≪ N this is the trapezoidal rule, spectrally accurate for
  smooth periodic f and aliased by O(1/N) for a jump.  A 1-D series with K
  harmonics has W = 2K + 1 coefficients; the d-dimensional tensor truncation
  |k_i| ≤ K has W = (2K + 1)^d.
* The unit-step series has exact coefficients; its largest overshoot is at
  x = π/(2n) (the first zero of the Dirichlet-type derivative), so the
  overshoot is computed in closed form, not searched for.

References
----------
D. J. Newman, H. S. Shapiro, "Jackson's theorem in higher dimensions", 1964.
E. Hewitt, R. E. Hewitt, "The Gibbs–Wilbraham phenomenon", Arch. Hist. Exact Sci. 21 (1979).
L. N. Trefethen, *Approximation Theory and Approximation Practice*, SIAM 2013, ch. 7–8.
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Chebyshev
from scipy.special import sici

from constructions.validation import check_finite_array, check_integer, check_interval

__all__ = [
    "FourierSeries",
    "SupError",
    "chebyshev_interpolant",
    "fourier_series",
    "gibbs_constant",
    "gibbs_overshoot",
    "step_fourier_series",
    "sup_error_on_grid",
    "truncate_fourier",
]


def chebyshev_interpolant(f, *, n_coefficients: int, domain=(-1.0, 1.0)) -> Chebyshev:
    """Chebyshev interpolant of ``f`` with W = ``n_coefficients`` coefficients.

    Parameters
    ----------
    f : callable
        Vectorised function of one variable.
    n_coefficients : int
        W ≥ 1 (degree W − 1).
    domain : pair of float
        Interval [a, b].

    Returns
    -------
    numpy.polynomial.Chebyshev

    Examples
    --------
    >>> import numpy as np
    >>> p = chebyshev_interpolant(lambda x: x ** 2, n_coefficients=3)
    >>> (np.round(p.coef, 12) + 0.0).tolist()
    [0.5, 0.0, 0.5]
    """
    w = check_integer("n_coefficients", n_coefficients, min_value=1)
    a, b = check_interval("domain", *domain)
    if not callable(f):
        raise ValueError(f"f={f!r} is not callable")
    return Chebyshev.interpolate(f, w - 1, domain=[a, b])


@dataclass(frozen=True)
class FourierSeries:
    """A real trigonometric polynomial of period P = b − a.

    S(x) = a₀/2 + Σ_{k=1}^K (a_k cos(2πkx/P) + b_k sin(2πkx/P))  (phases measured from x = 0).

    Attributes
    ----------
    cos_coef : ndarray, shape (K + 1,)
        a₀, …, a_K.
    sin_coef : ndarray, shape (K + 1,)
        0, b₁, …, b_K (entry 0 unused, kept 0).
    period : tuple of float
        (a, a + P).
    """

    cos_coef: np.ndarray
    sin_coef: np.ndarray
    period: tuple[float, float]

    @property
    def n_harmonics(self) -> int:
        return int(self.cos_coef.size) - 1

    @property
    def n_coefficients(self) -> int:
        """W = 2K + 1."""
        return 2 * self.n_harmonics + 1

    def __call__(self, x) -> np.ndarray:
        x = check_finite_array("x", x)
        a, b = self.period
        phase = (2.0 * np.pi / (b - a)) * x[..., None] * np.arange(self.n_harmonics + 1)
        return (np.cos(phase) @ self.cos_coef + np.sin(phase) @ self.sin_coef
                - self.cos_coef[0] / 2.0)


def fourier_series(f, *, n_harmonics: int, period=(-np.pi, np.pi),
                   n_samples: int | None = None) -> FourierSeries:
    """Truncated Fourier series of ``f`` with coefficients from the FFT of samples.

    Parameters
    ----------
    f : callable
        Vectorised, treated as periodic on ``period``.
    n_harmonics : int
        K ≥ 0; W = 2K + 1.
    period : pair of float
        [a, b), one period.
    n_samples : int, optional
        N > 2K equispaced samples; default max(64 K, 4096).

    Returns
    -------
    FourierSeries

    Examples
    --------
    >>> import numpy as np
    >>> s = fourier_series(np.cos, n_harmonics=2)
    >>> (np.round(s.cos_coef, 12) + 0.0).tolist(), (np.round(s.sin_coef, 12) + 0.0).tolist()
    ([0.0, 1.0, 0.0], [0.0, 0.0, 0.0])
    """
    k = check_integer("n_harmonics", n_harmonics, min_value=0)
    a, b = check_interval("period", *period)
    n = max(64 * k, 4096) if n_samples is None else check_integer(
        "n_samples", n_samples, min_value=2 * k + 1)
    if not callable(f):
        raise ValueError(f"f={f!r} is not callable")
    x = a + (b - a) * np.arange(n) / n
    c = np.fft.rfft(check_finite_array("f(x)", f(x), ndim=1)) / n
    c = c * np.exp(-2j * np.pi * np.arange(c.size) * a / (b - a))  # origin a -> origin 0
    cos_coef = 2.0 * c.real[: k + 1]
    sin_coef = -2.0 * c.imag[: k + 1]
    sin_coef[0] = 0.0
    if 2 * k == n:  # the Nyquist term is counted once, not twice
        cos_coef[k] /= 2.0
    return FourierSeries(cos_coef, sin_coef, (a, b))


def step_fourier_series(*, n_harmonics: int) -> FourierSeries:
    """Exact Fourier partial sum of the unit step 1{x ≥ 0} on (−π, π) (jump 1 at 0 and ±π).

    Notes
    -----
    1{x ≥ 0} = ½ + (2/π) Σ_{k odd} sin(kx)/k.

    Examples
    --------
    >>> s = step_fourier_series(n_harmonics=5)
    >>> s.n_coefficients, float(s([0.0])[0])
    (11, 0.5)
    """
    k = check_integer("n_harmonics", n_harmonics, min_value=0)
    j = np.arange(k + 1)
    sin_coef = np.where(j % 2 == 1, 2.0 / (np.pi * np.maximum(j, 1)), 0.0)
    cos_coef = np.zeros(k + 1)
    cos_coef[0] = 1.0
    return FourierSeries(cos_coef, sin_coef, (-np.pi, np.pi))


def gibbs_overshoot(*, n_harmonics: int) -> float:
    """Largest overshoot of the unit-step partial sum above 1 (jump 1), in closed form.

    Parameters
    ----------
    n_harmonics : int
        K ≥ 1; the odd harmonics 1, 3, …, 2n − 1 ≤ K enter, n = ⌈K/2⌉.

    Returns
    -------
    float
        max_x S_K(x) − 1, attained at x = π/(2n); → (1/π)Si(π) − ½ as K → ∞.

    Notes
    -----
    S′(x) = (1/π) sin(2nx)/sin x, whose first positive zero is π/(2n); there
    S has its global maximum on (0, π).

    Examples
    --------
    >>> round(gibbs_overshoot(n_harmonics=1), 6)
    0.13662
    """
    k = check_integer("n_harmonics", n_harmonics, min_value=1)
    n = (k + 1) // 2
    x = np.pi / (2 * n)
    return float(step_fourier_series(n_harmonics=k)(np.array([x]))[0] - 1.0)


def gibbs_constant() -> float:
    """(1/π) Si(π) − ½ = 0.0894898…, the limiting Gibbs overshoot per unit jump.

    Examples
    --------
    >>> round(gibbs_constant(), 7)
    0.0894899
    """
    return float(sici(np.pi)[0] / np.pi - 0.5)


def truncate_fourier(samples, *, n_harmonics: int) -> np.ndarray:
    """Tensor Fourier truncation |k_i| ≤ K of samples on an equispaced periodic grid.

    Parameters
    ----------
    samples : array_like, d-dimensional
        f on the grid (each axis one full period, endpoint excluded), each axis
        with more than 2K + 1 points.
    n_harmonics : int
        K ≥ 0; W = (2K + 1)^d coefficients are kept.

    Returns
    -------
    ndarray
        The truncated series evaluated on the same grid (real).

    Examples
    --------
    >>> import numpy as np
    >>> x = 2 * np.pi * np.arange(8) / 8
    >>> (np.round(truncate_fourier(np.cos(x) + np.cos(3 * x), n_harmonics=1), 12) + 0.0).tolist()
    [1.0, 0.707106781187, 0.0, -0.707106781187, -1.0, -0.707106781187, 0.0, 0.707106781187]
    """
    f = check_finite_array("samples", samples)
    if f.ndim == 0:
        raise ValueError("samples is a scalar; allowed: an array with ndim >= 1")
    k = check_integer("n_harmonics", n_harmonics, min_value=0)
    if min(f.shape) <= 2 * k + 1:
        raise ValueError(f"samples has shape {f.shape}; allowed: more than 2K+1={2 * k + 1} "
                         "points per axis")
    c = np.fft.fftn(f)
    for axis, n in enumerate(f.shape):
        freq = np.fft.fftfreq(n, d=1.0 / n)
        mask = (np.abs(freq) <= k).reshape([-1 if i == axis else 1 for i in range(f.ndim)])
        c = c * mask
    return np.fft.ifftn(c).real


@dataclass(frozen=True)
class SupError:
    """Largest |f − g| on a grid and where it happens."""

    error: float
    argmax: float | np.ndarray


def sup_error_on_grid(f, g, grid) -> SupError:
    """max_i |f(x_i) − g(x_i)| over grid points (1-D array, or (n, d) rows).

    Examples
    --------
    >>> import numpy as np
    >>> sup_error_on_grid(np.sin, lambda x: x, np.linspace(0.0, 1.0, 5)).argmax
    1.0
    """
    x = check_finite_array("grid", grid, ndim=(1, 2))
    for name, fn in (("f", f), ("g", g)):
        if not callable(fn):
            raise ValueError(f"{name}={fn!r} is not callable")
    if x.shape[0] == 0:
        raise ValueError("grid is empty; allowed: at least one point")
    diff = np.abs(check_finite_array("f(grid)", f(x)) - check_finite_array("g(grid)", g(x)))
    i = int(np.argmax(diff))
    where = float(x[i]) if x.ndim == 1 else x[i].copy()
    return SupError(float(diff[i]), where)
