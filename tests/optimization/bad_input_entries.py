"""Registry entries for tests/test_bad_input.py (for the lead to merge): public callable → valid tiny
arguments and, per parameter, values that must raise ValueError naming that parameter.

Plain data: no test is collected from this file (its name does not start with ``test_``).
"""

import numpy as np

_X23, _Y2 = np.ones((2, 3)) * np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]), np.array([1.0, -1.0])

ENTRIES = {
    "constructions.optimization.gradient_descent.least_squares_gd": {
        "valid": dict(X=_X23, y=_Y2, eta=0.1, n_steps=3),
        "bad": {
            "X": [np.ones((0, 3)), [[np.nan, 1, 1], [1, 1, 1]], np.ones(3)],
            "y": [np.ones(3), [np.inf, 1.0]],
            "eta": [0.0, -1.0, 2e6, np.nan, True],
            "n_steps": [-1, 10**6 + 1, 1.5],
            "w0": [np.ones(2)],
        },
    },
    "constructions.optimization.gradient_descent.least_squares_gd_limit": {
        "valid": dict(X=_X23, y=_Y2),
        "bad": {"X": [np.ones(3)], "y": [np.ones(3)], "w0": [np.ones(4)]},
    },
    "constructions.optimization.gradient_descent.gd_contraction_factor": {
        "valid": dict(X=_X23, eta=0.1),
        "bad": {"X": [np.zeros((2, 2)), np.ones((0, 2))], "eta": [0.0, -1.0]},
    },
    "constructions.optimization.max_margin.logistic_gd": {
        "valid": dict(X=[[1.0, 0.2], [-1.0, 0.3]], y=[1.0, -1.0], eta=1.0, checkpoints=[1, 5]),
        "bad": {
            "y": [[1.0, 0.0], [1.0]],
            "eta": [0.0, 2e6],
            "checkpoints": [[], [5, 1], [-1], [1.5], [10**8]],
        },
    },
    "constructions.optimization.max_margin.squared_loss_gd": {
        "valid": dict(X=[[1.0, 0.2], [-1.0, 0.3]], y=[1.0, -1.0], eta=0.1, checkpoints=[3]),
        "bad": {"y": [[2.0, 1.0]], "eta": [0.0], "checkpoints": [[3, 3]]},
    },
    "constructions.optimization.max_margin.logistic_flow": {
        "valid": dict(X=[[1.0, 0.5]], y=[1.0], log_times=[1.0, 5.0]),
        "bad": {"log_times": [[], [5.0, 1.0], [-1.0], [701.0]], "rtol": [1e-14, 1.0], "y": [[0.5]]},
    },
    "constructions.optimization.max_margin.squared_loss_flow": {
        "valid": dict(X=[[1.0, 0.5]], y=[1.0], times=[1.0]),
        "bad": {"times": [[-1.0], [np.nan]], "y": [[1.0, 1.0]]},
    },
    "constructions.optimization.max_margin.is_linearly_separable": {
        "valid": dict(X=[[1.0]], y=[1.0]),
        "bad": {"y": [[0.0]], "X": [np.ones((0, 1))]},
    },
    "constructions.optimization.max_margin.max_margin_direction": {
        "valid": dict(X=[[2.0, 1.0], [-1.0, 1.0]], y=[1.0, -1.0]),
        "bad": {"C": [0.0, -1.0, 1e13], "X": [[[np.nan, 1.0], [-1.0, 1.0]], [1.0, 2.0]], "y": [[1.0, 2.0]]},
    },
    "constructions.optimization.max_margin.direction_error": {
        "valid": dict(weights=[[1.0, 0.0]], direction=[0.0, 1.0]),
        "bad": {"weights": [[[0.0, 0.0]], [[1.0, 0.0, 0.0]]], "direction": [[0.0, 0.0]]},
    },
    "constructions.optimization.diagonal_networks.q_alpha_potential": {
        "valid": dict(w=[1.0, -0.5], alpha=1.0),
        "bad": {"w": [[[1.0]], [np.nan]], "alpha": [0.0, 1e151, -1.0]},
    },
    "constructions.optimization.diagonal_networks.q_alpha_interpolator": {
        "valid": dict(X=[[1.0, 1.0]], y=[1.0], alpha=1.0),
        "bad": {
            "X": [[[1.0, 1.0], [1.0, 1.0]], [[1.0], [2.0]]],
            "alpha": [0.0, 1e101],
            "tol": [0.0, 1.0],
            "max_iter": [0, 1.5, True],
        },
    },
    "constructions.optimization.diagonal_networks.diagonal_network_flow": {
        "valid": dict(X=[[1.0, 1.0]], y=[1.0], alpha=1.0),
        "bad": {
            "alpha": [1e-4, 1e4],
            "t_max": [0.0, 1e13],
            "residual_tol": [0.0, 1.0],
            "rtol": [1e-14, 1.0],
            "y": [[1.0, 2.0]],
        },
    },
    "constructions.optimization.diagonal_networks.min_l1_interpolator": {
        "valid": dict(X=[[1.0, 2.0]], y=[2.0]),
        "bad": {"y": [[1.0, 1.0]], "X": [[[0.0, 0.0]]]},
        "note": "X=[[0, 0]], y=[2] (no solution) raises naming y",
    },
    "constructions.optimization.diagonal_networks.min_l2_interpolator": {
        "valid": dict(X=[[1.0, 1.0]], y=[1.0]),
        "bad": {"y": [[1.0, 1.0]], "X": [np.ones(2)]},
    },
    "constructions.optimization.ntk.relu_network_init": {
        "valid": dict(d=2, width=3, rng=np.random.default_rng(0)),
        "bad": {"d": [0, 10**4 + 1, 1.5], "width": [0, 10**7 + 1], "rng": [0, None]},
    },
    "constructions.optimization.ntk.empirical_ntk": {
        "valid": dict(X=[[1.0, 0.0]], W=[[1.0, 1.0]], a=[1.0]),
        "bad": {
            "W": [[[1.0]], np.ones((0, 2))],
            "a": [[1.0, 1.0]],
            "layers": ["all"],
            "activation": ["tanh"],
            "X": [np.ones((0, 2))],
        },
    },
    "constructions.optimization.ntk.analytic_ntk": {
        "valid": dict(X=[[1.0, 0.0], [0.0, 1.0]]),
        "bad": {"X": [[[0.0, 0.0]], [[np.nan, 1.0]]], "layers": ["x"]},
    },
    "constructions.optimization.two_layer_gd.two_layer_gd": {
        "valid": dict(
            X=np.eye(2), y=[1.0, -1.0], W0=np.ones((3, 2)), a=[1.0, -1.0, 1.0], eta=0.1, n_steps=2
        ),
        "bad": {
            "X": [np.ones((0, 2))],
            "y": [[1.0]],
            "W0": [np.ones((3, 1))],
            "a": [[1.0]],
            "eta": [0.0, 2e6],
            "n_steps": [-1, 10**6 + 1],
        },
    },
}
