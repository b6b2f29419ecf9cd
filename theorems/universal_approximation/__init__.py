"""Universal approximation (普遍近似定理), made constructive.

Lecture sections 「普遍近似定理」 (with 「シンプルな証明 (d = 1次元の場合)」),
「深さと幅 / 幅の下限」 and 「近似レート (σ sigmoid, L = 2)」.  The claims, in the module's order:

* :mod:`.one_dimensional_proof` — the lecture's proof for d = 1: the logistic rectangle
  (C04) and the staircase of J logistic units (C05);
* :mod:`.one_hidden_layer` — one hidden layer with a non-polynomial activation and biases
  (Leshno et al.), with the d = 2 ReLU witness and the polynomial and bias-free controls (C03);
* :mod:`.minimum_width` — deep narrow networks of width d_x + 2 (C06);
* :mod:`.sigmoid_rate` — monomials from logistic units and the β = d = 1 rate (C07).

Shared helpers (accuracy strategies, the certificate on [0, 1], the one-hidden-layer witness)
live in :mod:`._common`.

The lecture's one-dimensional proof (「シンプルな証明 (d = 1次元の場合)」) builds
a rectangle out of two logistic units, g(x) = σ(a(x + b)) − σ(a(x + b′)),
and stacks rectangles into a staircase.  The rectangle needs b > b′, which
the lecture leaves implicit, and approximates the indicator only away from
the endpoints: 1 − σ(t) ≤ e^{−t} gives |g − 1_{[−b,−b′]}| ≤ 2e^{−aδ} at
distance ≥ δ from both endpoints (catalogue C04).

Proof ideas of the other claims:

* C05 ``sigmoid_staircase``: J steps of height f(i/J) − f((i−1)/J) at the cell
  midpoints, steepness a = K·J; on each cell the active step interpolates between
  neighbouring values (error ≤ ω(1/J)) and the others are e^{−K/2}-small.  The sup
  error over all of [0, 1] is certified per example by interval branch-and-bound; targets
  include compositions of elementary functions with a certified Lipschitz constant.
* C03 ``uat_leshno``: the staircase (logistic, tanh) and the piecewise-linear
  interpolant (ReLU) are one-hidden-layer witnesses with biases; on [0, 1]² the ReLU network
  of the Kuhn-triangulation interpolant (error ≤ L h d/(d+1) or (M h²/2)ρ_d, with L and M
  certified by interval arithmetic on sympy's derivatives) is certified too.  Controls: a
  one-hidden-layer t²-network is a quadratic (best errors 1/8 for |x|, 1/4 for x³);
  without biases ReLU/tanh networks vanish at 0; a bias-free logistic layer has
  f(x) + f(−x) constant (best error ½ for x²).
* C06 ``min_width``: one unit per layer, inputs and a shifted accumulator carried
  through ReLU unchanged: width d_x + 2.  Logistic: channels t ↦ 4(σ(ht) − ½)/h = t + O(h²t³),
  the deep network's distance to the shallow one certified by interval arithmetic on both.
  Controls: width-1 networks with a monotone activation are monotone, so they stay ½ away
  from 4x(1 − x); with h ≥ 2 the channels are far from linear.
* C07 ``mhaskar_shallow_rate``: the k-th finite difference of φ(b + jhx) is
  h^k x^k φ^{(k)}(b) + O(h^{k+1}) (B-spline form of the remainder); at b = 0 it is odd.

Citation keys: Cybenko 1989; Leshno–Lin–Pinkus–Schocken 1993; Kidger–Lyons 2020;
Park–Yun–Lee–Shin 2021; Mhaskar 1996.
"""

# The import order is the order of the claims (the lecture's): keep it, do not sort.
# isort: off
from . import one_dimensional_proof  # noqa: F401
from . import one_hidden_layer  # noqa: F401
from . import minimum_width  # noqa: F401
from . import sigmoid_rate  # noqa: F401
# isort: on
