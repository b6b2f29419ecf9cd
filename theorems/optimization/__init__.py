"""Optimisation error and implicit regularisation (issue 18, items 1–5), in lecture order.

The lecture splits the generalisation error into approximation, complexity and optimisation
error and names implicit regularisation (暗黙的正則化) and the dynamics of deep models as what
comes next.  These claims take the standard first steps:

* :mod:`.linear_implicit_bias` — gradient descent on least squares stays in the row space
  and converges to X⁺y (C34); logistic gradient descent on separable data turns towards the
  hard-margin SVM at rate O(1/log t) (C35);
* :mod:`.diagonal_networks` — the initialisation scale of a diagonal linear network selects
  the Q_α-minimal interpolator, l1 for small α, l2 for large α (C36);
* :mod:`.tangent_kernel` — the empirical NTK of a two-layer ReLU network converges to the
  arc-cosine kernel, which is positive definite (C37, C38), and gradient descent on a wide
  network reaches zero training loss at the linear rate (1 − ηλ₀/2)^k (C39).
"""

from theorems.optimization import diagonal_networks, linear_implicit_bias, tangent_kernel

__all__ = ["diagonal_networks", "linear_implicit_bias", "tangent_kernel"]
