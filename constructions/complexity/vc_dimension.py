"""VC-dimension bounds for networks and the generalization bounds they give.

* The explicit upper bound of Bartlett, Harvey, Liaw and Mehrabian (2019,
  Theorem 7) on the VC dimension of sign(f) for networks with piecewise
  polynomial activations (p + 1 pieces, degree ≤ d; ReLU: p = 1, d = 1):

      VCdim ≤ L + L̄ W log₂(4epR log₂(2epR)),   R = Σ_{i=1}^L k_i (1 + (i − 1) d^{i−1}),

  for d = 1 that is R = Σ_i i k_i.  Here layer i has k_i units, layer L is
  the single (identity) output unit, W_i counts the parameters (weights and
  biases) into the units of layers 1, …, i, W = W_L and L̄ = W⁻¹ Σ_i W_i ∈ [1, L].
* The VC generalization bound: with probability ≥ 1 − δ,
  sup_h |R(h) − R_n(h)| ≤ √(8(ln Π_H(2n) + ln(4/δ))/n) ≤ √(8(d ln(2en/d) + ln(4/δ))/n)
  (VC inequality P(sup ≥ ε) ≤ 4Π_H(2n)e^{−nε²/8} and Sauer–Shelah Π_H(m) ≤ (em/d)^d).
* The Dvoretzky–Kiefer–Wolfowitz–Massart bound for thresholds,
  P(sup_t |F_n(t) − F(t)| > ε) ≤ 2e^{−2nε²}, i.e. ε(n, δ) = √(ln(2/δ)/(2n)).

References
----------
P. L. Bartlett, N. Harvey, C. Liaw, A. Mehrabian, "Nearly-tight VC-dimension and
pseudodimension bounds for piecewise linear neural networks", JMLR 20(63):1–17 (2019), Thm 7.
M. Anthony, P. L. Bartlett, *Neural Network Learning: Theoretical Foundations* (1999), Thm 4.3
[recalled, see CLAIMS.md C18].  P. Massart, Ann. Probab. 18(3):1269–1283 (1990).
Lecture (今泉 2024), 複雑性誤差; CLAIMS.md C17, C18.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

from scipy.optimize import brentq

from constructions.networks.dense import DenseNetwork
from constructions.validation import check_integer, check_real

__all__ = [
    "BHLMBound",
    "LayeredArchitecture",
    "architecture_of",
    "bhlm_vc_upper_bound",
    "dense_architecture",
    "dkw_epsilon",
    "generalization_bound_for_size",
    "log_growth_function_bound",
    "vacuous_vc_dimension",
    "vc_failure_probability",
    "vc_generalization_bound",
]


@dataclass(frozen=True)
class LayeredArchitecture:
    """Layer sizes and per-layer parameter counts, in BHLM's conventions.

    Parameters
    ----------
    units : sequence of int
        k_1, …, k_L: units per layer; the last layer is the single output unit
        (k_L = 1), so L counts hidden layers + 1 (the longest input→output path).
    params : sequence of int
        w_1, …, w_L: number of parameters (weights **and** biases) feeding the
        units of layer i; skip connections may make w_i larger than a dense
        layer's k_i(k_{i−1} + 1).

    Examples
    --------
    >>> arch = dense_architecture(1, [2])
    >>> arch.units, arch.params, arch.n_params, arch.mean_depth
    ((2, 1), (4, 3), 7, Fraction(11, 7))
    """

    units: tuple[int, ...]
    params: tuple[int, ...]

    def __post_init__(self) -> None:
        units = tuple(check_integer(f"units[{i}]", k, min_value=1)
                      for i, k in enumerate(self.units))
        params = tuple(check_integer(f"params[{i}]", w, min_value=1)
                       for i, w in enumerate(self.params))
        if not units:
            raise ValueError("units=() is empty; allowed: at least the output layer")
        if len(params) != len(units):
            raise ValueError(f"len(params)={len(params)} but len(units)={len(units)}; "
                             "allowed: one parameter count per layer")
        if units[-1] != 1:
            raise ValueError(f"units[-1]={units[-1]}; allowed: 1 (BHLM's layer L is the single "
                             "output unit)")
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "params", params)

    @property
    def depth(self) -> int:
        """L, the number of layers including the output unit."""
        return len(self.units)

    @property
    def n_params(self) -> int:
        """W = Σ_i w_i."""
        return sum(self.params)

    @property
    def n_hidden_units(self) -> int:
        """Σ_{i<L} k_i, the non-linear units."""
        return sum(self.units[:-1])

    @property
    def cumulative_params(self) -> tuple[int, ...]:
        """W_i = w_1 + … + w_i, parameters into layers 1..i."""
        return tuple(accumulate(self.params))

    @property
    def mean_depth(self) -> Fraction:
        """L̄ = W⁻¹ Σ_{i=1}^L W_i ∈ [1, L], exactly."""
        return Fraction(sum(self.cumulative_params), self.n_params)


def dense_architecture(input_dim, hidden_widths) -> LayeredArchitecture:
    """The :class:`LayeredArchitecture` of a dense net input_dim → hidden_widths → 1.

    Examples
    --------
    >>> dense_architecture(3, [4, 4]).params
    (16, 20, 5)
    """
    d = check_integer("input_dim", input_dim, min_value=1)
    widths = [check_integer(f"hidden_widths[{i}]", n, min_value=1)
              for i, n in enumerate(hidden_widths)]
    sizes = [d, *widths, 1]
    return LayeredArchitecture(units=tuple(sizes[1:]),
                               params=tuple(k * (m + 1) for m, k in zip(sizes[:-1], sizes[1:],
                                                                         strict=True)))


def architecture_of(network: DenseNetwork) -> LayeredArchitecture:
    """The architecture of a scalar-output :class:`DenseNetwork` (its counts, not its values)."""
    if not isinstance(network, DenseNetwork):
        raise ValueError(f"network={type(network).__name__} must be a DenseNetwork")
    if network.output_dim != 1:
        raise ValueError(f"network.output_dim={network.output_dim}; allowed: 1 (sign of a scalar)")
    return dense_architecture(network.input_dim, network.hidden_widths)


@dataclass(frozen=True)
class BHLMBound:
    """The terms of BHLM Theorem 7 for one architecture.

    Attributes
    ----------
    depth, n_params : int
        L and W.
    mean_depth : Fraction
        L̄.
    r : int
        R = Σ_i k_i (1 + (i − 1) d^{i−1}).
    log_factor : float
        log₂(4epR log₂(2epR)).
    value : float
        L + L̄ W · log_factor, the bound on VCdim(sign F).
    """

    depth: int
    n_params: int
    mean_depth: Fraction
    r: int
    log_factor: float
    value: float

    @property
    def value_with_full_depth(self) -> float:
        """L + L W · log_factor: L̄ replaced by L ≥ L̄ (looser, still valid)."""
        return self.depth + self.depth * self.n_params * self.log_factor


def bhlm_vc_upper_bound(architecture: LayeredArchitecture, *, breakpoints=1,
                        degree=1) -> BHLMBound:
    """Bartlett–Harvey–Liaw–Mehrabian (2019) Theorem 7 upper bound on the VC dimension.

    Parameters
    ----------
    architecture : LayeredArchitecture
    breakpoints : int
        p ≥ 1: the activation has p + 1 polynomial pieces (ReLU: p = 1).
    degree : int
        d ≥ 1: the pieces have degree ≤ d (ReLU: d = 1).  The theorem's d = 0
        case (piecewise constant) counts W_i differently and is not implemented.

    Returns
    -------
    BHLMBound
        ``.value`` bounds VCdim(sign F) for every network of this architecture.

    Raises
    ------
    ValueError
        If the architecture is not a :class:`LayeredArchitecture`, or p < 1, d < 1.

    Notes
    -----
    VCdim ≤ L + L̄ W log₂(4epR log₂(2epR)), R = Σ_{i=1}^L k_i (1 + (i − 1)d^{i−1});
    R (an exact integer) includes the output unit k_L = 1.  For d = 1,
    R = Σ_i i k_i and the bound is O(L̄ W log(pU)).  The value is returned in
    float64: its relative rounding error is a few ulps, negligible against the
    bound's slack.

    References
    ----------
    Bartlett, Harvey, Liaw, Mehrabian, JMLR 20(63) (2019), Theorem 7; CLAIMS.md C17 [P].

    Examples
    --------
    >>> bound = bhlm_vc_upper_bound(dense_architecture(1, [1]))
    >>> bound.r, bound.mean_depth, round(bound.value, 2)
    (3, Fraction(3, 2), 44.23)
    """
    if not isinstance(architecture, LayeredArchitecture):
        raise ValueError(f"architecture={type(architecture).__name__} must be a "
                         "LayeredArchitecture (see dense_architecture)")
    p = check_integer("breakpoints", breakpoints, min_value=1)
    d = check_integer("degree", degree, min_value=1)
    r = sum(k * (1 + (i - 1) * d ** (i - 1)) for i, k in enumerate(architecture.units, start=1))
    two_epr = 2 * math.e * p * r
    log_factor = math.log2(2 * two_epr * math.log2(two_epr))
    mean_depth = architecture.mean_depth
    value = architecture.depth + float(mean_depth) * architecture.n_params * log_factor
    return BHLMBound(depth=architecture.depth, n_params=architecture.n_params,
                     mean_depth=mean_depth, r=r, log_factor=log_factor, value=value)


# ---------------------------------------------------------------------------
# Generalization bounds
# ---------------------------------------------------------------------------
def log_growth_function_bound(vc_dim, m) -> float:
    """Upper bound on ln Π_H(m) for a class of VC dimension d.

    Sauer–Shelah: Π_H(m) ≤ (em/d)^d for m ≥ d; for m < d only the trivial
    Π_H(m) ≤ 2^m is available.

    Examples
    --------
    >>> round(log_growth_function_bound(1, 10), 6) == round(math.log(10 * math.e), 6)
    True
    """
    d = check_real("vc_dim", vc_dim, min_value=0.0, strict_min=True)
    m = check_integer("m", m, min_value=1)
    return d * math.log(math.e * m / d) if m >= d else m * math.log(2.0)


def vc_failure_probability(vc_dim, n, epsilon) -> float:
    """4 Π_H(2n) e^{−nε²/8} with Π_H bounded by Sauer–Shelah: bounds P(sup_h |R − R_n| ≥ ε).

    Examples
    --------
    >>> vc_failure_probability(1, 10, 0.0) > 1
    True
    """
    n = check_integer("n", n, min_value=1)
    eps = check_real("epsilon", epsilon, min_value=0.0)
    return 4.0 * math.exp(log_growth_function_bound(vc_dim, 2 * n) - n * eps * eps / 8.0)


def vc_generalization_bound(vc_dim, n, *, delta) -> float:
    """ε such that sup_h |R(h) − R_n(h)| ≤ ε with probability ≥ 1 − δ (0–1 loss).

    Parameters
    ----------
    vc_dim : float
        d > 0, the VC dimension or any upper bound on it.
    n : int
        Sample size.
    delta : float in (0, 1)

    Returns
    -------
    float
        √(8(d ln(2en/d) + ln(4/δ))/n) when 2n ≥ d, and √(8(2n ln 2 + ln(4/δ))/n) > 1
        (vacuous) otherwise.

    Notes
    -----
    Solve 4Π_H(2n)e^{−nε²/8} = δ for ε.  The lecture's
    "|R(θ̂) − R_n(θ̂)| = O(√(LW log W)/√n)" is this bound with d = O(WL log W)
    (BHLM): "≤ with probability ≥ 1 − δ", for a bounded loss.

    Examples
    --------
    >>> eps = vc_generalization_bound(1, 1000, delta=0.05)
    >>> round(vc_failure_probability(1, 1000, eps), 12)
    0.05
    """
    n = check_integer("n", n, min_value=1)
    delta = check_real("delta", delta, min_value=0.0, max_value=1.0, strict_min=True,
                       strict_max=True)
    return math.sqrt(8.0 * (log_growth_function_bound(vc_dim, 2 * n) + math.log(4.0 / delta)) / n)


def dkw_epsilon(n, *, delta) -> float:
    """Dvoretzky–Kiefer–Wolfowitz–Massart: P(sup_t |F_n − F| > ε) ≤ δ for ε = √(ln(2/δ)/(2n)).

    Examples
    --------
    >>> round(dkw_epsilon(200, delta=2 * math.exp(-4)), 12)
    0.1
    """
    n = check_integer("n", n, min_value=1)
    delta = check_real("delta", delta, min_value=0.0, max_value=1.0, strict_min=True,
                       strict_max=True)
    return math.sqrt(math.log(2.0 / delta) / (2.0 * n))


def vacuous_vc_dimension(n, *, delta) -> int:
    """The smallest integer d for which the VC bound at sample size n is ≥ 1 (vacuous).

    Notes
    -----
    d ↦ d ln(2en/d) increases on (0, 2n] and the bound exceeds √(16 ln 2) > 1
    for d ≥ 2n, so the crossing is the root of 8(d ln(2en/d) + ln(4/δ)) = n,
    found by :func:`scipy.optimize.brentq` and rounded up.

    Examples
    --------
    >>> d = vacuous_vc_dimension(50_000, delta=0.05)
    >>> vc_generalization_bound(d - 1, 50_000, delta=0.05) < 1 <= vc_generalization_bound(
    ...     d, 50_000, delta=0.05)
    True
    """
    n = check_integer("n", n, min_value=1)
    delta = check_real("delta", delta, min_value=0.0, max_value=1.0, strict_min=True,
                       strict_max=True)

    def excess(d: float) -> float:
        return vc_generalization_bound(d, n, delta=delta) - 1.0

    tiny = 1e-12
    if excess(tiny) >= 0:
        return 1
    d = math.ceil(brentq(excess, tiny, 2.0 * n))
    # the root may land within rounding of an integer: settle the integer by direct evaluation
    while d > 1 and excess(d - 1) >= 0:
        d -= 1
    while excess(d) < 0:
        d += 1
    return max(d, 1)


def generalization_bound_for_size(n_params, depth, n, *, delta, vc_constant=1.0) -> float:
    """The VC bound with d = C·W·L·log₂W, the lecture's O(WL log W) with an explicit C.

    Examples
    --------
    >>> generalization_bound_for_size(10**7, 20, 50_000, delta=0.05) > 1
    True
    """
    w = check_integer("n_params", n_params, min_value=2)
    depth = check_integer("depth", depth, min_value=1)
    c = check_real("vc_constant", vc_constant, min_value=0.0, strict_min=True)
    return vc_generalization_bound(c * w * depth * math.log2(w), n, delta=delta)
