"""The lecture's constructive 1-D universal approximation: sigmoid rectangles and staircases.

Proof idea (lecture, 表現力 / 普遍近似定理): a steep logistic σ(a(x − m)) is almost the step
1{x > m}; the difference of two steps is almost the indicator of an interval (the "rectangle",
C04), and a sum of steps whose heights are the increments of f on a grid is almost a
piecewise-constant approximation of f (the "staircase", C05).  Every bound here is explicit.

Derivation of the staircase bound used by :func:`staircase_error_bound` (``form="sharp"``):
for x ∈ [t_k, t_{k+1}], f(t_k) + Δ_{k+1}σ(a(x − m_{k+1})) is a convex combination of f(t_k)
and f(t_{k+1}), hence within ω(1/J) of f(x); the other J − 1 steps are at distance
≥ 1/(2J) + j/J (j = 0, 1, …) on either side, and σ(−t) ≤ e^{−t}, so they add at most
ω(1/J) · (e^{−K/2} + e^{−3K/2})/(1 − e^{−K}) = ω(1/J) · e^{−K/2} coth(K/2).
The catalogue's form ω(1/(2J)) + ω(1/J)(1 + 2e^{−K/2}/(1 − e^{−K})) is also valid (it is
larger term by term) and is the default so that the claim matches the catalogue text.

References
----------
Cybenko, "Approximation by superpositions of a sigmoidal function", MCSS 2 (1989).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理 (proof sketch). CLAIMS.md C04, C05.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "StaircaseDesign",
    "rectangle_error_bound",
    "rectangle_indicator",
    "rectangle_limit",
    "sigmoid_rectangle",
    "staircase_error_bound",
    "staircase_network",
    "staircase_network_with",
]

#: Largest number of staircase steps J the design search will consider.
MAX_STEPS = 10**7

_BOUND_FORMS = ("catalogue", "sharp")


def sigmoid_rectangle(a, b, b_prime, *, allow_inverted: bool = False) -> DenseNetwork:
    """The rectangle g(x) = σ(a(x + b)) − σ(a(x + b′)) as a 2-unit logistic network.

    Parameters
    ----------
    a : float
        Steepness, a > 0.
    b, b_prime : float
        Shifts; the rectangle is the interval [−b, −b′], which needs b > b′.
    allow_inverted : bool, keyword-only
        Accept b ≤ b′ (the negative control: the limit is then −1 on (−b′, −b)).

    Returns
    -------
    DenseNetwork
        Depth 2, width 2, activation ``"sigmoid"``.

    Raises
    ------
    ValueError
        If a ≤ 0, a shift is not finite, or b ≤ b′ without ``allow_inverted``.

    Notes
    -----
    The lecture omits b > b′.  The pointwise limit as a → ∞ is :func:`rectangle_limit`: 1 inside,
    ½ at both endpoints for every a (σ(0) = ½ minus a vanishing term), 0 outside.

    References
    ----------
    Lecture (今泉, 2024), 普遍近似定理, step 1; CLAIMS.md C04.

    Examples
    --------
    >>> g = sigmoid_rectangle(50.0, 0.7, 0.2)
    >>> g.width, g.n_units
    (2, 2)
    >>> bool(abs(g(np.array([-0.45]))[0] - 1.0) < 2 * np.exp(-50 * 0.25))
    True
    """
    a = check_real("a", a, min_value=0.0, strict_min=True)
    b = check_real("b", b)
    b_prime = check_real("b_prime", b_prime)
    if not allow_inverted and not b > b_prime:
        raise ValueError(f"b={b!r}, b_prime={b_prime!r}: the rectangle [-b, -b_prime] is empty "
                         "or inverted; allowed: b > b_prime (or allow_inverted=True)")
    return network_from_layers(
        [(np.array([[a], [a]]), np.array([a * b, a * b_prime])),
         (np.array([[1.0, -1.0]]), np.array([0.0]))], activation="sigmoid")


def rectangle_error_bound(a, delta) -> float:
    """Bound 2e^{−aδ} on |g(x) − 1_{[−b,−b′]}(x)| at distance ≥ δ from both endpoints.

    Notes
    -----
    Inside: 1 − g = (1 − σ(a(x + b))) + σ(a(x + b′)) with x + b ≥ δ, x + b′ ≤ −δ, and
    1 − σ(t) = σ(−t) ≤ e^{−t} for t ≥ 0.  Outside the bound is even e^{−aδ} (0 < g ≤ one
    term).  Valid for every b > b′.

    Examples
    --------
    >>> rectangle_error_bound(1.0, 0.0)
    2.0
    """
    a = check_real("a", a, min_value=0.0, strict_min=True)
    delta = check_real("delta", delta, min_value=0.0)
    return 2.0 * math.exp(-a * delta)


def rectangle_indicator(x, b, b_prime) -> np.ndarray:
    """Indicator 1{x ∈ [−b, −b′]} of the closed rectangle (b > b′).

    Examples
    --------
    >>> rectangle_indicator([-1.0, -0.7, 0.0], 0.7, 0.2).tolist()
    [0.0, 1.0, 0.0]
    """
    x = check_finite_array("x", x, ndim=1)
    b = check_real("b", b)
    b_prime = check_real("b_prime", b_prime)
    if not b > b_prime:
        raise ValueError(f"b={b!r}, b_prime={b_prime!r}; allowed: b > b_prime")
    return ((x >= -b) & (x <= -b_prime)).astype(float)


def rectangle_limit(x, b, b_prime) -> np.ndarray:
    """Pointwise limit of σ(a(x + b)) − σ(a(x + b′)) as a → ∞, for any b, b′.

    Equal to H(x + b) − H(x + b′) with H(0) = ½: for b > b′ it is 1 inside, ½ at the endpoints;
    for b < b′ it is −1 on (−b′, −b) (the sign flip of the inverted control).

    Examples
    --------
    >>> rectangle_limit([-0.7, -0.5, -0.2, 0.0], 0.7, 0.2).tolist()
    [0.5, 1.0, 0.5, 0.0]
    >>> rectangle_limit([-0.5], 0.2, 0.7).tolist()
    [-1.0]
    """
    x = check_finite_array("x", x, ndim=1)
    b = check_real("b", b)
    b_prime = check_real("b_prime", b_prime)
    return _heaviside(x + b) - _heaviside(x + b_prime)


def _heaviside(t: np.ndarray) -> np.ndarray:
    return np.heaviside(t, 0.5)


@dataclass(frozen=True)
class StaircaseDesign:
    """The choices behind a staircase network.

    Attributes
    ----------
    J : int
        Number of steps (= hidden units).
    K : float
        Steepness factor; the steepness is a = K·J.
    a : float
        Steepness of every unit.
    bound : float or None
        Proven bound on sup_{[0,1]} |f_J − f| (None when no modulus was given).
    bound_form : str
        ``"catalogue"`` or ``"sharp"`` (see :func:`staircase_error_bound`).
    """

    J: int
    K: float
    a: float
    bound: float | None
    bound_form: str


def staircase_error_bound(J, K, *, modulus: Callable[[float], float],
                          form: str = "catalogue") -> float:
    """Explicit bound on sup_{x∈[0,1]} |f_J(x) − f(x)| for the staircase network.

    Parameters
    ----------
    J : int
        Number of steps, J ≥ 1.
    K : float
        Steepness factor (a = K·J), K > 0.
    modulus : callable
        A modulus of continuity ω_f of f on [0,1] (non-decreasing, ω(t) ≥ sup_{|x−y|≤t}|f(x)−f(y)|).
    form : {"catalogue", "sharp"}
        ``"catalogue"``: ω(1/(2J)) + ω(1/J)(1 + 2e^{−K/2}/(1 − e^{−K})) (CLAIMS.md C05);
        ``"sharp"``: ω(1/J)(1 + e^{−K/2}(1 + e^{−K})/(1 − e^{−K})) (derived in the module notes;
        never larger than the catalogue form).

    Returns
    -------
    float

    Examples
    --------
    >>> round(staircase_error_bound(10, 10.0, modulus=lambda t: t), 6)
    0.151348
    >>> round(staircase_error_bound(10, 10.0, modulus=lambda t: t, form="sharp"), 6)
    0.100674
    """
    J = check_integer("J", J, min_value=1)
    K = check_real("K", K, min_value=0.0, strict_min=True)
    check_one_of("form", form, _BOUND_FORMS)
    w_half = _modulus_value(modulus, 1.0 / (2 * J))
    w_full = _modulus_value(modulus, 1.0 / J)
    tail = math.exp(-K / 2) / -math.expm1(-K)
    if form == "catalogue":
        return w_half + w_full * (1.0 + 2.0 * tail)
    return w_full * (1.0 + tail * (1.0 + math.exp(-K)))


def _modulus_value(modulus, t: float) -> float:
    if not callable(modulus):
        raise ValueError(f"modulus={modulus!r} must be callable t -> omega(t)")
    return check_real(f"modulus({t!r})", float(modulus(t)), min_value=0.0)


def staircase_network(f: Callable, *, eps, modulus: Callable[[float], float] | None = None,
                      lipschitz=None, steepness_factor=10.0,
                      bound_form: str = "catalogue") -> tuple[DenseNetwork, StaircaseDesign]:
    """One-hidden-layer logistic network with sup_{[0,1]} error ≤ eps (C05).

    Parameters
    ----------
    f : callable
        Vectorised target on [0,1] (array in, array out).
    eps : float
        Target accuracy, eps > 0.
    modulus : callable, optional
        Modulus of continuity ω_f.  Exactly one of ``modulus`` and ``lipschitz`` is required.
    lipschitz : float, optional
        Lipschitz constant L (ω(t) = L t); J then has a closed form.
    steepness_factor : float
        K in a = K·J (default 10).
    bound_form : {"catalogue", "sharp"}
        Which proven bound decides J (see :func:`staircase_error_bound`).

    Returns
    -------
    network : DenseNetwork
        J logistic units: f_J(x) = f(0) + Σ_i Δ_i σ(a(x − m_i)).
    design : StaircaseDesign
        J (the smallest with bound ≤ eps), K, a and the bound.

    Raises
    ------
    ValueError
        Bad eps/K/L, both or neither of modulus and lipschitz, f not finite, or the bound
        needs more than ``MAX_STEPS`` steps.

    Notes
    -----
    t_i = i/J, Δ_i = f(t_i) − f(t_{i−1}), m_i = (i − ½)/J.  The bound is non-increasing in J for a
    non-decreasing ω; J is found in closed form for ω(t) = L t and otherwise by doubling then
    bisection.

    References
    ----------
    Lecture (今泉, 2024), 普遍近似定理, step 2 ("2 layers, 2J nodes"); CLAIMS.md C05.

    Examples
    --------
    >>> net, design = staircase_network(lambda x: x, eps=0.1, lipschitz=1.0)
    >>> design.J, design.a
    (16, 160.0)
    >>> x = np.linspace(0, 1, 1001)
    >>> bool(np.max(np.abs(net(x) - x)) <= 0.1)
    True
    """
    eps = check_real("eps", eps, min_value=0.0, strict_min=True)
    K = check_real("steepness_factor", steepness_factor, min_value=0.0, strict_min=True)
    check_one_of("bound_form", bound_form, _BOUND_FORMS)
    if (modulus is None) == (lipschitz is None):
        raise ValueError("give exactly one of modulus= and lipschitz=")
    if lipschitz is not None:
        L = check_real("lipschitz", lipschitz, min_value=0.0)
        tail = math.exp(-K / 2) / -math.expm1(-K)
        # bound(J) = L·c/J with c below, so J = ceil(L c / eps) (checked again after rounding).
        c = 0.5 + 1.0 + 2.0 * tail if bound_form == "catalogue" else 1.0 + tail * (1 + math.exp(-K))
        J = max(1, math.ceil(L * c / eps))
        if J > MAX_STEPS:
            raise ValueError(f"eps={eps!r} needs J={J} > MAX_STEPS={MAX_STEPS} steps")

        def modulus(t, L=L):
            return L * t

        while J > 1 and staircase_error_bound(J - 1, K, modulus=modulus, form=bound_form) <= eps:
            J -= 1
        while staircase_error_bound(J, K, modulus=modulus, form=bound_form) > eps:
            J += 1
    else:
        J = _smallest_steps(lambda j: staircase_error_bound(j, K, modulus=modulus,
                                                            form=bound_form) <= eps, eps)
    bound = staircase_error_bound(J, K, modulus=modulus, form=bound_form)
    net = _staircase(f, J, K * J)
    return net, StaircaseDesign(J=J, K=K, a=K * J, bound=bound, bound_form=bound_form)


def _smallest_steps(ok: Callable[[int], bool], eps: float) -> int:
    hi = 1
    while not ok(hi):
        hi *= 2
        if hi > MAX_STEPS:
            raise ValueError(f"eps={eps!r} is not reached with J <= MAX_STEPS={MAX_STEPS} steps; "
                             "allowed: a larger eps or a modulus with omega(t) -> 0")
    lo = hi // 2  # ok(lo) is False (or lo == 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def staircase_network_with(f: Callable, *, J, steepness) -> DenseNetwork:
    """Staircase network with J steps and a *fixed* steepness a (negative control of C05).

    With a held fixed while J → ∞ the network tends to the smoothed function
    f(0) + ∫_0^1 σ(a(x − m)) df(m), not to f, so the error does not vanish.

    Examples
    --------
    >>> net = staircase_network_with(lambda x: x, J=4, steepness=1.0)
    >>> net.n_units
    4
    """
    J = check_integer("J", J, min_value=1, max_value=MAX_STEPS)
    a = check_real("steepness", steepness, min_value=0.0, strict_min=True)
    return _staircase(f, J, a)


def _staircase(f: Callable, J: int, a: float) -> DenseNetwork:
    if not callable(f):
        raise ValueError(f"f={f!r} must be callable on arrays")
    t = np.arange(J + 1) / J
    values = check_finite_array("f(t)", np.broadcast_to(np.asarray(f(t), dtype=float), t.shape),
                                ndim=1)
    steps = np.diff(values)
    mid = (np.arange(1, J + 1) - 0.5) / J
    return network_from_layers(
        [(np.full((J, 1), a), -a * mid), (steps[None, :], np.array([values[0]]))],
        activation="sigmoid")
