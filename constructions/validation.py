"""Argument checks shared by every public construction.

Every check raises :class:`ValueError` whose message names the argument, the
value received and the allowed range, so that bad input never turns into a
silently wrong answer.
"""

from __future__ import annotations

import numbers
import operator

import numpy as np

__all__ = [
    "check_expression",
    "check_finite_array",
    "check_integer",
    "check_interval",
    "check_one_of",
    "check_real",
]


def check_integer(name: str, value, *, min_value: int | None = None,
                  max_value: int | None = None) -> int:
    """Return ``value`` as a Python int, or raise ``ValueError``.

    Booleans are rejected: ``True`` is not a width.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name}={value!r} must be an integer")
    value = operator.index(value)
    if min_value is not None and value < min_value:
        raise ValueError(f"{name}={value} is out of range; allowed: {name} >= {min_value}")
    if max_value is not None and value > max_value:
        raise ValueError(f"{name}={value} is out of range; allowed: {name} <= {max_value}")
    return value


def check_real(name: str, value, *, min_value: float | None = None,
               max_value: float | None = None, strict_min: bool = False,
               strict_max: bool = False) -> float:
    """Return ``value`` as a finite float within the bounds, or raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}={value!r} must be a real number")
    value_f = float(value)
    if not np.isfinite(value_f):
        raise ValueError(f"{name}={value!r} must be finite")
    if min_value is not None and (value_f < min_value or (strict_min and value_f == min_value)):
        op = ">" if strict_min else ">="
        raise ValueError(f"{name}={value!r} is out of range; allowed: {name} {op} {min_value}")
    if max_value is not None and (value_f > max_value or (strict_max and value_f == max_value)):
        op = "<" if strict_max else "<="
        raise ValueError(f"{name}={value!r} is out of range; allowed: {name} {op} {max_value}")
    return value_f


def check_interval(name: str, lo, hi) -> tuple[float, float]:
    """Return a finite, non-empty interval ``(lo, hi)`` with ``lo < hi``."""
    lo_f = check_real(f"{name}[0]", lo)
    hi_f = check_real(f"{name}[1]", hi)
    if not lo_f < hi_f:
        raise ValueError(f"{name}=({lo!r}, {hi!r}) is empty or inverted; allowed: lower < upper")
    return lo_f, hi_f


def check_finite_array(name: str, value, *, ndim: int | tuple[int, ...] | None = None,
                       dtype=np.float64) -> np.ndarray:
    """Return ``value`` as a finite array of the given dimension, or raise ``ValueError``."""
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be convertible to a {np.dtype(dtype).name} array: {exc}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            raise ValueError(f"{name} has shape {arr.shape}; allowed: ndim in {allowed}")
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} has {bad} non-finite entries (NaN or inf); allowed: finite values")
    return arr


def check_design(X, y, *, rows: str = "target") -> tuple[np.ndarray, np.ndarray]:
    """A non-empty finite design ``X`` (n × p) and a finite vector ``y`` of one ``rows`` per row.

    Raises
    ------
    ValueError
        Naming ``X`` or ``y``: a wrong number of dimensions, an empty design, a non-finite
        entry, or a length of ``y`` other than the number of rows of ``X``.
    """
    X = check_finite_array("X", X, ndim=2)
    n, p = X.shape
    if n == 0 or p == 0:
        raise ValueError(f"X has shape {X.shape}; allowed: n >= 1 and p >= 1")
    y = check_finite_array("y", y, ndim=1)
    if y.shape != (n,):
        raise ValueError(f"y has shape {y.shape}; allowed: ({n},), one {rows} per row of X")
    return X, y


def check_one_of(name: str, value, allowed) -> str:
    """Return ``value`` if it is one of ``allowed``, or raise ``ValueError``."""
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not supported; allowed: {', '.join(map(repr, allowed))}")
    return value


def check_expression(expr, symbols):
    """Return ``(f, (x_1, …, x_d))``: ``expr`` as a sympy expression in the given symbols.

    ``symbols`` is a non-empty sequence (not a single string) of sympy Symbols or their names;
    ``expr`` is a sympy expression or a string sympy parses, with no free symbol outside them.

    Raises
    ------
    ValueError
        Naming ``symbols`` or ``expr``.
    """
    import sympy  # lazily: most constructions never need it

    if isinstance(symbols, sympy.Symbol):
        symbols = (symbols,)
    if isinstance(symbols, str):
        raise ValueError(f"symbols={symbols!r}; allowed: a non-empty sequence of sympy Symbols or names")
    try:
        syms = tuple(sympy.Symbol(s) if isinstance(s, str) else s for s in symbols)
    except TypeError:
        raise ValueError(f"symbols={symbols!r}; allowed: a non-empty sequence of sympy Symbols or names") from None
    if not syms or not all(isinstance(s, sympy.Symbol) for s in syms):
        raise ValueError(f"symbols={symbols!r}; allowed: a non-empty sequence of sympy Symbols or names")
    try:
        f = sympy.sympify(expr)
    except (sympy.SympifyError, TypeError) as exc:
        raise ValueError(f"expr={expr!r} is not a sympy expression: {exc}") from None
    if not isinstance(f, sympy.Expr):
        raise ValueError(f"expr={expr!r} is not a sympy expression")
    extra = f.free_symbols - set(syms)
    if extra:
        raise ValueError(f"expr={expr!r} has free symbols {sorted(map(str, extra))} not in "
                         f"symbols={[str(s) for s in syms]}")
    return f, syms
