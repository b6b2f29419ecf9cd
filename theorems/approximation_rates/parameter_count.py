"""Parameter count of a dense network (C12): when W ≤ L·N(N+1) holds.

Lecture section 「深さと幅を用いた近似誤差」: the parameter count W ≤ L·N(N+1) that the lecture
uses to translate width–depth rates into rates in W.

Proof idea for ``param_count``: W − L·N(N+1) does not depend on the number of
hidden layers; it is N(d − 2N) + 1 when L counts affine layers and
N(d − N) + N + 1 when L counts hidden layers, whose signs are settled by
writing d on either side of the threshold (sympy, for all integers).

Citation keys: Bartlett–Harvey–Liaw–Mehrabian 2019 (JMLR 20:63).
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import given
from hypothesis import strategies as st

from constructions.networks.dense import DenseNetwork
from theorems import Kind, Source, claim

_PARAM_SOURCE = Source(
    "Lecture slide; counting weights and biases as in Bartlett, Harvey, Liaw, Mehrabian 2019 (JMLR 20:63)",
    lecture="深さと幅を用いた近似誤差",
)

# Symbols for the proofs: integers d, N, H >= 1, and the offsets a, k >= 0 that place d
# on either side of the threshold.
_d, _N, _H = sympy.symbols("d N H", integer=True, positive=True)
_a, _k = sympy.symbols("a k", integer=True, nonnegative=True)


def dense_count_formula(d, N, H, d_out=1):
    """W = N(d+1) + (H−1)N(N+1) + d_out(N+1): H hidden layers of width N (works on ints and sympy)."""
    return N * (d + 1) + (H - 1) * N * (N + 1) + d_out * (N + 1)


def _dense_network(d: int, N: int, H: int, d_out: int = 1) -> DenseNetwork:
    sizes = [d] + [N] * H + [d_out]
    return DenseNetwork(tuple(np.zeros((o, i)) for i, o in zip(sizes[:-1], sizes[1:], strict=True)),
                        tuple(np.zeros(o) for o in sizes[1:]), "relu")


_dims = st.integers(min_value=1, max_value=40)
_widths = st.integers(min_value=1, max_value=24)
_hidden_layers = st.integers(min_value=1, max_value=6)


@claim(
    id="param_count_as_stated", as_stated=True, kind=Kind.BOUND, catalogue="C12",
    statement="A network of depth L and width N has W ≤ L·N(N+1) = O(L·N²) parameters (the lecture's wording)",
    formula="W ≤ L·N(N+1)",
    source=_PARAM_SOURCE,
    hypotheses=("dense network, depth L (affine layers), width N",),
    implicit=("scalar output", "weights and biases counted", "input dimension d arbitrary"),
)
@given(d=_dims, N=_widths, H=_hidden_layers)
def param_count_as_stated(d, N, H, evidence):
    net = _dense_network(d, N, H)
    L = net.depth
    evidence.exact(net.n_params, L * N * (N + 1), "<=", name="W", rhs_name="L·N(N+1)",
                   at={"d": d, "N": N, "L": L})


@claim(
    id="param_count", kind=Kind.IDENTITY, catalogue="C12", corrects="param_count_as_stated",
    statement="A dense network with input dimension d, H hidden layers of width N and scalar output has "
              "W = N(d+1) + (H−1)N(N+1) + (N+1); W ≤ L·N(N+1) holds iff d ≤ 2N − 1 (L = affine layers = H+1), "
              "and iff d ≤ N − 2 (L = hidden layers = H)",
    formula="W − (H+1)N(N+1) = N(d − 2N) + 1;  W − H·N(N+1) = N(d − N) + N + 1",
    source=_PARAM_SOURCE,
    hypotheses=("fully connected layers", "H ≥ 1 hidden layers, all of width N ≥ 1", "input dimension d ≥ 1"),
    implicit=("scalar output (d_y outputs add (d_y − 1)(N + 1))",
              "every weight and bias counted, zeros included",
              "the depth convention: affine layers, or hidden layers"),
)
@given(d=_dims, N=_widths, H=_hidden_layers)
def param_count(d, N, H, evidence):
    net = _dense_network(d, N, H)
    at = {"d": d, "N": N, "H": H}
    evidence.exact(net.n_params, dense_count_formula(d, N, H), name="W(network)",
                   rhs_name="N(d+1)+(H−1)N(N+1)+(N+1)", at=at)
    evidence.exact(net.n_params <= net.depth * N * (N + 1), d <= 2 * N - 1,
                   name="[W ≤ L·N(N+1)], L affine layers", rhs_name="[d ≤ 2N−1]", at=at)
    evidence.exact(net.n_params <= net.n_hidden_layers * N * (N + 1), d <= N - 2,
                   name="[W ≤ L·N(N+1)], L hidden layers", rhs_name="[d ≤ N−2]", at=at)


@param_count.proof(scope="all integers d, N, H ≥ 1 (scalar output)")
def param_count_for_all_integers(evidence):
    W = dense_count_formula(_d, _N, _H)
    affine = W - (_H + 1) * _N * (_N + 1)
    hidden = W - _H * _N * (_N + 1)
    evidence.symbolic(affine, _N * (_d - 2 * _N) + 1, name="W − (H+1)N(N+1)")
    evidence.symbolic(hidden, _N * (_d - _N) + _N + 1, name="W − H·N(N+1)")
    n = 1 + _a  # N >= 1
    # affine layers: d = 2N − 1 − k (d ≤ 2N − 1) gives a non-positive gap; d = 2N + k a positive one
    excess = _N * (_d - 2 * _N) + 1
    evidence.symbolic(excess.subs({_d: 2 * n - 1 - _k, _N: n}), 0, "<=",
                      name="gap when d ≤ 2N−1", assumptions="N = 1 + a, d = 2N − 1 − k, a, k ≥ 0")
    evidence.symbolic(excess.subs({_d: 2 * n + _k, _N: n}), 1, ">=",
                      name="gap when d ≥ 2N", assumptions="N = 1 + a, d = 2N + k, a, k ≥ 0")
    excess = _N * (_d - _N) + _N + 1
    evidence.symbolic(excess.subs({_d: n - 2 - _k, _N: n}), 0, "<=",
                      name="gap when d ≤ N−2", assumptions="N = 1 + a, d = N − 2 − k, a, k ≥ 0")
    evidence.symbolic(excess.subs({_d: n - 1 + _k, _N: n}), 1, ">=",
                      name="gap when d ≥ N−1", assumptions="N = 1 + a, d = N − 1 + k, a, k ≥ 0")


@param_count.control("scalar output dropped: d_y ≥ 2 outputs break W ≤ L·N(N+1) even when d ≤ 2N − 1")
@given(N=_widths, H=_hidden_layers, d_out=st.integers(min_value=1, max_value=4), data=st.data())
def param_count_with_vector_output(N, H, d_out, data, evidence):
    d = data.draw(st.integers(min_value=1, max_value=2 * N - 1), label="d")
    net = _dense_network(d, N, H, d_out)
    evidence.exact(net.n_params, net.depth * N * (N + 1), "<=", name="W", rhs_name="L·N(N+1)",
                   at={"d": d, "N": N, "L": net.depth, "d_y": d_out})


@param_count.control("depth convention swapped: L counts hidden layers while keeping d ≤ 2N − 1")
@given(N=_widths, H=_hidden_layers, data=st.data())
def param_count_with_hidden_layer_depth(N, H, data, evidence):
    d = data.draw(st.integers(min_value=1, max_value=2 * N - 1), label="d")
    net = _dense_network(d, N, H)
    evidence.exact(net.n_params, net.n_hidden_layers * N * (N + 1), "<=", name="W",
                   rhs_name="L·N(N+1) with L = hidden layers", at={"d": d, "N": N, "L": net.n_hidden_layers})
