"""Optimisation error and implicit regularisation: the objects of issue 18, items 1–5.

* :mod:`.gradient_descent` — gradient descent on least squares from an initialisation:
  iterates, limit X⁺y + (I − X⁺X)w₀, contraction factor;
* :mod:`.max_margin` — logistic-loss gradient descent on separable data and the hard-margin
  SVM direction (a bound-constrained dual QP solved by scipy, polished on its active set);
* :mod:`.diagonal_networks` — gradient flow on w = u∘u − v∘v from scale α, the Q_α
  potential's minimiser, and the l1 / l2 interpolators;
* :mod:`.ntk` — empirical and analytic (arc-cosine) neural tangent kernels of a two-layer
  ReLU network;
* :mod:`.two_layer_gd` — gradient descent on the hidden layer of a two-layer ReLU network
  (Du, Zhai, Póczos, Singh 2019).

Pure numpy/scipy; randomness only through ``np.random.Generator`` arguments.
"""

from constructions.optimization.diagonal_networks import (
    DiagonalFlow,
    diagonal_network_flow,
    min_l1_interpolator,
    min_l2_interpolator,
    q_alpha_interpolator,
    q_alpha_potential,
)
from constructions.optimization.gradient_descent import (
    LeastSquaresGD,
    gd_contraction_factor,
    least_squares_gd,
    least_squares_gd_limit,
)
from constructions.optimization.max_margin import (
    LogisticGD,
    direction_error,
    is_linearly_separable,
    logistic_flow,
    logistic_gd,
    max_margin_direction,
    squared_loss_flow,
    squared_loss_gd,
)
from constructions.optimization.ntk import analytic_ntk, empirical_ntk, relu_network_init
from constructions.optimization.two_layer_gd import TwoLayerGD, two_layer_gd

__all__ = [
    "DiagonalFlow",
    "LeastSquaresGD",
    "LogisticGD",
    "TwoLayerGD",
    "analytic_ntk",
    "diagonal_network_flow",
    "direction_error",
    "empirical_ntk",
    "gd_contraction_factor",
    "is_linearly_separable",
    "least_squares_gd",
    "least_squares_gd_limit",
    "logistic_flow",
    "logistic_gd",
    "max_margin_direction",
    "min_l1_interpolator",
    "min_l2_interpolator",
    "q_alpha_interpolator",
    "q_alpha_potential",
    "relu_network_init",
    "squared_loss_flow",
    "squared_loss_gd",
    "two_layer_gd",
]
