"""Yarotsky's local-Taylor network: partition of unity × Taylor polynomials × the product ×̃.

For β-smooth f on [0, 1]^d (d = 1, 2) and a grid of N cells per axis, the proof of
Yarotsky's Thm 1 approximates f in two steps:

1. f₁(x) = Σ_m φ_m(x) P_m(x), with the partition of unity φ_m(x) = Π_k h_{m_k}(x_k) by 1-D
   hats h_j(t) = σ(Nt − j + 1) − 2σ(Nt − j) + σ(Nt − j − 1) at the nodes m/N, m ∈ {0..N}^d,
   and P_m the Taylor polynomial of degree < β of f at m/N.  Since φ_m ≥ 0, Σ_m φ_m = 1 and
   φ_m(x) > 0 only if ‖x − m/N‖_∞ < 1/N,

       |f − f₁| ≤ max_{m: φ_m(x) > 0} |f(x) − P_m(x)| ≤ D_β (d/N)^β / β!,          (Taylor)

   with D_β = max_{|n| = β} sup |∂ⁿf| (remainder Σ_{|n|=β} |∂ⁿf| |hⁿ|/n! ≤ D_β(Σ|h_k|)^β/β!).
2. Every product in f₁ is replaced by Yarotsky's ×̃ of depth m (error ≤ 4^{−m} on [−1, 1]²,
   exactly 0 when a factor is 0, :mod:`constructions.approximation.yarotsky`).

With u_j(t) = clip(Nt − j, −1, 1) (= N(t − j/N) on supp h_j) the Taylor monomials are
rescaled: f₁ = Σ_m Σ_{|n|<β} c_{m,n} Π_k B_{m_k,n_k}(x_k), c_{m,n} = ∂ⁿf(m/N)/(n! N^{|n|}),
with the 1-D bases B_{j,p} = h_j u_j^p (|B_{j,p}| ≤ b_p = p^p/(p+1)^{p+1}, b₀ = 1).  B̃_{j,p}
is the chain ×̃(u_j, ×̃(u_j, … h_j)) (p products, error ≤ p·4^{−m}).

Arrangement of the products (deviation from Yarotsky's drawing): a dense network stores each
hidden layer as a full matrix, so Yarotsky's N^d parallel product chains would cost
(27·N^d)² weights per layer (≈ 2·10⁸ floats for d = 2, N = 8).  For d = 2 the sum over m₂ is
taken inside the last product instead,

    f̃(x) = Σ_{j,p} S_{j,p} ×̃(B̃_{j,p}(x₁), G̃_{j,p}(x₂)/S_{j,p}),
    G̃_{j,p} = Σ_{i,q} c_{(j,i),(p,q)} B̃_{i,q},

which is the same approximant f₁ with the same ingredients and β(N + 1) outer products; S_{j,p}
bounds |G̃_{j,p}|.  The product error (step 2), with A the cells (J, I) and 4^{−m} = δ:

    d = 1:  |f̃ − f₁| ≤ δ · max_J Σ_{j∈{J,J+1}} Σ_p |c_{j,p}| p,
    d = 2:  |f̃ − f₁| ≤ δ · max_{J,I} Σ_{j∈{J,J+1}} Σ_p [S_{j,p}(1 + p)
                                        + b_p Σ_{i∈{I,I+1}} Σ_q |c_{(j,i),(p,q)}| q],

from ×̃(B̃, G̃/S)S − BG = [×̃ − B̃G̃/S]S + (B̃ − B)G̃ + B(G̃ − G), only two hats per axis being
non-zero (and B̃ = 0 exactly where h_j = 0).  Parameters are counted as Yarotsky counts
weights: non-zero weights and biases (``n_nonzero_params``); W = O(N^d + N^{d−1} β² m).

References
----------
D. Yarotsky, "Error bounds for approximations with deep ReLU networks", Neural Networks 94
(2017) 103–114, Thm 1 (proof) and Prop. 3.
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM 2002, §3.1
(the γ_n bound of :func:`network_rounding_bound`).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy

from constructions.approximation.yarotsky import multiplication_network
from constructions.networks.algebra import (
    affine_network,
    compose,
    relu_identity_network,
    stack_parallel,
)
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_expression, check_finite_array, check_integer, check_real

__all__ = [
    "LocalTaylorNetwork",
    "local_taylor_network",
    "local_taylor_network_for",
    "network_rounding_bound",
    "sympy_derivatives",
    "taylor_remainder_bound",
]

#: Dimensions and smoothness orders the construction supports (β − 1 chained products keep every
#: factor inside [−1, 1] for β ≤ 3; d = 2 is the largest dimension a dense network holds at N ≈ 8).
_MAX_DIM = 2
_MAX_SMOOTHNESS = 3

Derivatives = Callable[[np.ndarray, tuple[int, ...]], np.ndarray]


@dataclass(frozen=True)
class LocalTaylorNetwork:
    """The network of :func:`local_taylor_network` with its error bound and its size.

    Attributes
    ----------
    network : DenseNetwork
        ReLU network R^d → R.
    dim, smoothness, n_cells, multiplication_depth : int
        d, β, N (cells per axis), m (depth of each ×̃).
    taylor_error_bound : float
        D_β (d/N)^β/β!.
    product_error_bound : float
        The multiplication part (module Notes), ∝ 4^{−m}.
    """

    network: DenseNetwork
    dim: int
    smoothness: int
    n_cells: int
    multiplication_depth: int
    taylor_error_bound: float
    product_error_bound: float

    @property
    def error_bound(self) -> float:
        """sup_{[0,1]^d} |f − f̃| ≤ Taylor bound + product bound (exact arithmetic)."""
        return self.taylor_error_bound + self.product_error_bound

    @property
    def n_weights(self) -> int:
        """W: non-zero weights and biases (Yarotsky's count)."""
        return self.network.n_nonzero_params


def sympy_derivatives(expr, symbols) -> Derivatives:
    """The callable (points, n) ↦ ∂ⁿf(points) of a sympy expression, by differentiation.

    Parameters
    ----------
    expr : sympy expression or str
        f in the given symbols.
    symbols : sequence of sympy.Symbol (or names)
        x₁, …, x_d.

    Returns
    -------
    callable
        ``derivatives(points, n)`` with points of shape (k, d) and a multi-index n (length d).

    Examples
    --------
    >>> import numpy as np
    >>> df = sympy_derivatives("x**2*y", ["x", "y"])
    >>> df(np.array([[1.0, 2.0]]), (1, 0)).tolist()
    [4.0]
    """
    f, syms = check_expression(expr, symbols)
    cache: dict[tuple[int, ...], Callable] = {}

    def derivatives(points, n):
        x = check_finite_array("points", points, ndim=2)
        if x.shape[1] != len(syms) or len(n) != len(syms):
            raise ValueError(
                f"points has shape {x.shape}, n={n!r}; allowed: {len(syms)} coordinates"
            )
        key = tuple(int(k) for k in n)
        if key not in cache:
            wrt = [(s, k) for s, k in zip(syms, key, strict=True) if k]
            g = sympy.diff(f, *wrt) if wrt else f  # diff(f) with no variables would differentiate
            cache[key] = sympy.lambdify(syms, g, modules="numpy")
        return np.broadcast_to(np.asarray(cache[key](*x.T), dtype=float), (x.shape[0],)).copy()

    return derivatives


def taylor_remainder_bound(
    *, dim: int, smoothness: int, n_cells: int, derivative_bound: float
) -> float:
    """D_β (d/N)^β/β!: the Taylor part of the error of the local-Taylor approximant f₁.

    Examples
    --------
    >>> taylor_remainder_bound(dim=2, smoothness=2, n_cells=4, derivative_bound=1.0)
    0.125
    """
    d = check_integer("dim", dim, min_value=1)
    beta = check_integer("smoothness", smoothness, min_value=1)
    n = check_integer("n_cells", n_cells, min_value=1)
    big_d = check_real("derivative_bound", derivative_bound, min_value=0.0)
    return big_d * (d / n) ** beta / math.factorial(beta)


def _basis_bounds(beta: int) -> np.ndarray:
    """b_p = sup |h u^p| = sup_{s∈[0,1]} (1 − s)s^p = p^p/(p+1)^{p+1} (b₀ = 1)."""
    p = np.arange(beta, dtype=float)
    return np.where(p == 0, 1.0, p**p / (p + 1) ** (p + 1))


def _multi_indices(dim: int, beta: int) -> list[tuple[int, ...]]:
    return [n for n in itertools.product(range(beta), repeat=dim) if sum(n) < beta]


def _coefficients(derivatives: Derivatives, dim: int, beta: int, n: int) -> np.ndarray:
    """c[m₁, (m₂,) p₁, (p₂)] = ∂ⁿf(m/N)/(n! N^{|n|}), zero where |n| ≥ β."""
    nodes = np.arange(n + 1) / n
    pts = np.stack(np.meshgrid(*[nodes] * dim, indexing="ij"), axis=-1).reshape(-1, dim)
    c = np.zeros((n + 1,) * dim + (beta,) * dim)
    for idx in _multi_indices(dim, beta):
        vals = check_finite_array("derivatives(points, n)", derivatives(pts, idx), ndim=1)
        if vals.shape != (pts.shape[0],):
            raise ValueError(
                f"derivatives(points, {idx}) has shape {vals.shape}; allowed: ({pts.shape[0]},)"
            )
        scale = math.prod(math.factorial(k) for k in idx) * float(n) ** sum(idx)
        c[(Ellipsis, *idx)] = vals.reshape((n + 1,) * dim) / scale
    return c


def _pairs(a: np.ndarray, axis: int) -> np.ndarray:
    """a summed over the two active nodes {J, J+1} of each cell J along ``axis``."""
    lo = np.take(a, np.arange(a.shape[axis] - 1), axis=axis)
    hi = np.take(a, np.arange(1, a.shape[axis]), axis=axis)
    return lo + hi


def _product_parts(c: np.ndarray, dim: int, beta: int, m: int) -> tuple[float, np.ndarray]:
    """(product error bound, scales S_{j,p}) for coefficients c and depth m."""
    delta = 4.0**-m
    p = np.arange(beta, dtype=float)
    if dim == 1:
        per_node = np.abs(c) @ p  # Σ_p |c_{j,p}| p
        return delta * float(_pairs(per_node, 0).max(initial=0.0)), np.ones((c.shape[0], beta))
    b = _basis_bounds(beta)
    abs_c = np.abs(c)  # (j, i, p, q)
    reach = np.einsum("jipq,q->jip", abs_c, b + p * delta)  # |c| (b_q + q δ) summed over q
    scales = _pairs(reach, 1).max(axis=1)  # S_{j,p} = max_I Σ_{i∈{I,I+1}} …
    scales = np.where(scales > 0, scales, 1.0)
    outer = scales @ (1.0 + p)  # Σ_p S_{j,p}(1 + p), per j
    inner = np.einsum("jipq,q,p->ji", abs_c, p, b)  # Σ_{p,q} b_p |c| q, per (j, i)
    total = _pairs(outer, 0)[:, None] + _pairs(_pairs(inner, 0), 1)
    return delta * float(total.max(initial=0.0)), scales


def _bases_network(n: int, beta: int, m: int) -> DenseNetwork:
    """R → R^{(N+1)β}: B̃_{j,p}(t) in the order j·β + p."""
    shifts = np.arange(-1, n + 2, dtype=float)  # units σ(Nt − i), i = −1 … N+1
    units = len(shifts)
    read = np.zeros((2 * (n + 1), units))  # rows 2j: h_j, 2j + 1: u_j
    bias = np.zeros(2 * (n + 1))
    for j in range(n + 1):
        col = j + 1  # the unit σ(Nt − j)
        read[2 * j, [col - 1, col, col + 1]] = [1.0, -2.0, 1.0]
        read[2 * j + 1, [col - 1, col + 1]] = [1.0, -1.0]
        bias[2 * j + 1] = -1.0
    net = DenseNetwork((np.full((units, 1), float(n)), read), (-shifts, bias), "relu")
    for level in range(1, beta):  # state per j: (B_0, …, B_{level−1}, u)
        width = level + 1
        select = np.zeros((2, width))
        select[0, level - 1] = select[1, level] = 1.0
        product = compose(multiplication_network(m=m, bound=1.0), affine_network(select))
        both = stack_parallel(
            [relu_identity_network(width, n_hidden_layers=m + 1), product], shared_input=True
        )  # outputs (B_0 … B_{level−1}, u, B_level)
        order = np.eye(width + 1)[[*range(level), width, level]]  # (B_0 … B_level, u)
        block = compose(affine_network(order), both)
        net = compose(stack_parallel([block] * (n + 1)), net)
    drop_u = np.zeros(((n + 1) * beta, (n + 1) * (beta + 1)))
    for j in range(n + 1):
        drop_u[j * beta : (j + 1) * beta, j * (beta + 1) : j * (beta + 1) + beta] = np.eye(beta)
    return compose(affine_network(drop_u), net)


def local_taylor_network(
    derivatives: Derivatives,
    *,
    dim: int,
    smoothness: int,
    n_cells: int,
    multiplication_depth: int,
    derivative_bound: float,
) -> LocalTaylorNetwork:
    """Yarotsky's partition-of-unity × local-Taylor ReLU network on [0, 1]^d (d = 1, 2).

    Parameters
    ----------
    derivatives : callable
        ``derivatives(points, n)``: ∂ⁿf at points of shape (k, d), for multi-indices |n| < β
        (e.g. :func:`sympy_derivatives`).
    dim : int
        d ∈ {1, 2}.
    smoothness : int
        β ∈ {1, 2, 3}: Taylor polynomials of degree < β.
    n_cells : int
        N ≥ 1 cells per axis (grid nodes m/N).
    multiplication_depth : int
        m ≥ 1, the depth of every ×̃ (error 4^{−m} on [−1, 1]²).
    derivative_bound : float
        D_β ≥ max_{|n|=β} sup_{[0,1]^d} |∂ⁿf| (the caller's bound; enters the Taylor part only).

    Returns
    -------
    LocalTaylorNetwork
        The network, the bound D_β(d/N)^β/β! + product part (module Notes), W = non-zero weights.

    Raises
    ------
    ValueError
        For d, β, N, m out of range, or derivative values that are not finite.

    Notes
    -----
    Hidden layers: 1 (ramps σ(Nx_k − i)) + (β − 1)(m + 1) (the bases B̃) + (m + 1) for d = 2
    (the outer products).  The bound holds in exact arithmetic for all x ∈ [0, 1]^d; see
    :func:`network_rounding_bound` for the float64 evaluation.

    Examples
    --------
    >>> import numpy as np
    >>> df = sympy_derivatives("x**2", ["x"])
    >>> approx = local_taylor_network(df, dim=1, smoothness=2, n_cells=4, multiplication_depth=3,
    ...                               derivative_bound=2.0)
    >>> approx.taylor_error_bound, approx.product_error_bound
    (0.0625, 0.013671875)
    >>> bool(abs(approx.network(np.array([0.3]))[0] - 0.09) <= approx.error_bound)
    True
    """
    if not callable(derivatives):
        raise ValueError(f"derivatives={derivatives!r} is not callable")
    d = check_integer("dim", dim, min_value=1, max_value=_MAX_DIM)
    beta = check_integer("smoothness", smoothness, min_value=1, max_value=_MAX_SMOOTHNESS)
    n = check_integer("n_cells", n_cells, min_value=1)
    m = check_integer("multiplication_depth", multiplication_depth, min_value=1)
    taylor = taylor_remainder_bound(
        dim=d, smoothness=beta, n_cells=n, derivative_bound=derivative_bound
    )
    c = _coefficients(derivatives, d, beta, n)
    product_bound, scales = _product_parts(c, d, beta, m)
    bases = _bases_network(n, beta, m)
    if d == 1:
        net = compose(affine_network(c.reshape(1, -1)), bases)
    else:
        k = (n + 1) * beta
        both = stack_parallel(
            [
                compose(bases, affine_network([[1.0, 0.0]])),
                compose(bases, affine_network([[0.0, 1.0]])),
            ],
            shared_input=True,
        )
        pair = np.zeros((2 * k, 2 * k))  # rows 2r: B̃1_r, 2r + 1: G̃_r/S_r, r = j·β + p
        pair[0::2, :k] = np.eye(k)
        g = c.transpose(0, 2, 1, 3).reshape(k, k)  # G_{(j,p)} = Σ_{(i,q)} c B̃2_{(i,q)}
        pair[1::2, k:] = g / scales.reshape(-1, 1)
        products = stack_parallel([multiplication_network(m=m, bound=1.0)] * k)
        net = compose(
            affine_network(scales.reshape(1, -1)),
            compose(products, compose(affine_network(pair), both)),
        )
    return LocalTaylorNetwork(
        network=net,
        dim=d,
        smoothness=beta,
        n_cells=n,
        multiplication_depth=m,
        taylor_error_bound=taylor,
        product_error_bound=product_bound,
    )


def local_taylor_network_for(
    eps: float, derivatives: Derivatives, *, dim: int, smoothness: int, derivative_bound: float
) -> LocalTaylorNetwork:
    """The local-Taylor network with the smallest N, then the smallest m, whose bound is ≤ ε.

    Notes
    -----
    N = ⌈d (2D_β/(β! ε))^{1/β}⌉ makes the Taylor part ≤ ε/2 (checked on the value, and N reduced
    while it still holds); m is the smallest depth whose product part is ≤ ε/2.  Hence
    N ≍ ε^{−1/β}, m ≍ log₄(1/ε) and W = O(ε^{−d/β} log(1/ε)).

    Examples
    --------
    >>> df = sympy_derivatives("x**2", ["x"])
    >>> a = local_taylor_network_for(0.01, df, dim=1, smoothness=2, derivative_bound=2.0)
    >>> a.n_cells, a.multiplication_depth, a.error_bound <= 0.01
    (15, 3, True)
    """
    e = check_real("eps", eps, min_value=0.0, strict_min=True)
    if not callable(derivatives):
        raise ValueError(f"derivatives={derivatives!r} is not callable")
    d = check_integer("dim", dim, min_value=1, max_value=_MAX_DIM)
    beta = check_integer("smoothness", smoothness, min_value=1, max_value=_MAX_SMOOTHNESS)
    big_d = check_real("derivative_bound", derivative_bound, min_value=0.0)
    n = max(1, math.ceil(d * (2.0 * big_d / (math.factorial(beta) * e)) ** (1.0 / beta)))

    def bound(k: int) -> float:
        return taylor_remainder_bound(dim=d, smoothness=beta, n_cells=k, derivative_bound=big_d)

    while n > 1 and bound(n - 1) <= e / 2:
        n -= 1
    while bound(n) > e / 2:
        n += 1
    c = _coefficients(derivatives, d, beta, n)
    m = 1
    while _product_parts(c, d, beta, m)[0] > e / 2:
        m += 1
    return local_taylor_network(
        derivatives,
        dim=d,
        smoothness=beta,
        n_cells=n,
        multiplication_depth=m,
        derivative_bound=big_d,
    )


def _gamma(k: int) -> float:
    u = np.finfo(float).eps / 2.0
    return k * u / (1.0 - k * u)


def network_rounding_bound(network: DenseNetwork, x) -> np.ndarray:
    """A-posteriori bound on |fl(network(x)) − network(x)| (float64 against exact), per point.

    Parameters
    ----------
    network : DenseNetwork
        Activation ``"relu"`` or ``"identity"`` (1-Lipschitz, evaluated exactly).
    x : array_like, shape (n,) or (n, d)
        Points, exactly representable (the input is not rounded).

    Returns
    -------
    ndarray, shape (n,)
        For scalar output: e_L with e_l = |A_l| e_{l−1} + γ_{k_l+1}(|A_l||ĥ_{l−1}| + |b_l|), e₀ = 0,
        ĥ the computed activations, k_l the fan-in, γ_k = ku/(1 − ku); times 1.01 for the
        rounding of this recursion itself (relative error ≤ γ of the same sums, ≪ 1%).

    Notes
    -----
    Each pre-activation fl(A ĥ + b) is a dot product of length k plus one addition, so its error
    is ≤ γ_{k+1}(|A||ĥ| + |b|) (Higham 2002, §3.1, any summation order); the exact layer map
    propagates earlier errors by at most |A_l|, and σ is 1-Lipschitz.

    Examples
    --------
    >>> import numpy as np
    >>> net = DenseNetwork((np.array([[1.0], [1.0]]), np.array([[1.0, 1.0]])),
    ...                    (np.array([0.0, 0.1]), np.zeros(1)), "relu")
    >>> bool(0 < network_rounding_bound(net, np.array([0.3]))[0] < 1e-15)
    True
    """
    if not isinstance(network, DenseNetwork):
        raise ValueError(f"network={type(network).__name__} is not a DenseNetwork")
    if network.activation not in ("relu", "identity"):
        raise ValueError(f"network.activation={network.activation!r}; allowed: 'relu', 'identity'")
    z = check_finite_array("x", x, ndim=(1, 2))
    z = z[:, None] if z.ndim == 1 else z
    if z.shape[1] != network.input_dim:
        raise ValueError(f"x has shape {z.shape}; allowed: (n, {network.input_dim})")
    h, e = z, np.zeros_like(z)
    last = network.depth - 1
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        gamma = _gamma(int(np.count_nonzero(w, axis=1).max(initial=0)) + 1)
        e = (e + gamma * np.abs(h)) @ np.abs(w).T + gamma * np.abs(b)  # |A|e + γ(|A||ĥ| + |b|)
        h = h @ w.T + b
        if i < last and network.activation == "relu":
            h = np.maximum(h, 0.0)
    return 1.01 * e.max(axis=1)
