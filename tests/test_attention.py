"""Linear self-attention and von Oswald et al.'s gradient-descent weights."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from bad_input_kit import frozen_dataclasses_test

from constructions.attention import (
    AttentionWeights,
    gd_attention_weights,
    gd_one_step_prediction,
    linear_self_attention,
    softmax_self_attention,
)


def test_float_and_exact_layers_agree_to_rounding():
    rng = np.random.default_rng(0)
    X, y, xq = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=3)
    tokens = np.vstack([np.column_stack([X, y]), np.append(xq, 0.0)])
    out = linear_self_attention(tokens, gd_attention_weights(3, eta=0.5, n_context=5, exact=False))
    exact = linear_self_attention(np.array([[Fraction(v) for v in row] for row in tokens], dtype=object),
                                  gd_attention_weights(3, eta=Fraction(1, 2), n_context=5))
    # each slot is a sum of 6 products of 3-term dot products: 32 ulp of the summed magnitudes bounds it
    scale = 1 + np.abs(tokens).max() ** 3 * 6
    np.testing.assert_allclose(out.astype(float), exact.astype(float), rtol=0, atol=32 * np.finfo(float).eps * scale)
    assert float(exact[5, 3]) == pytest.approx(-gd_one_step_prediction(X, y, xq, eta=0.5), rel=1e-12)


@pytest.mark.parametrize("kwargs, match", [
    (dict(d=0, eta=1, n_context=1), "d=0"),
    (dict(d=1, eta=0, n_context=1), "eta=0"),
    (dict(d=1, eta=float("nan"), n_context=1), "eta"),
    (dict(d=1, eta=1, n_context=0), "n_context=0"),
])
def test_bad_weights_arguments_are_rejected(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gd_attention_weights(**kwargs)


def test_tokens_must_match_the_weights():
    with pytest.raises(ValueError, match="tokens"):
        linear_self_attention(np.zeros((2, 3)), gd_attention_weights(1, eta=1, n_context=1, exact=False))


@pytest.mark.parametrize("key", [np.zeros((0, 0)), np.zeros((2, 3)), np.zeros((3, 2))])
def test_an_attention_head_needs_non_empty_square_matrices(key):
    """W_K must be a non-empty D×D map of tokens to keys; 0×0, 2×3 and 3×2 are rejected."""
    other = np.eye(key.shape[0])
    with pytest.raises(ValueError, match="non-empty square"):
        AttentionWeights(key=key, query=other, value=other, projection=other)


def test_softmax_layer_weights_each_query_by_the_softmax_of_its_own_scores():
    """Row j of the softmax head averages W_V e_i with weights exp(s_ji) / Σ_i exp(s_ji)."""
    # d = 1, tokens (x, y) = (0, 1), (1, 3), (1, 0); von Oswald's weights give s_ji = x_j x_i and
    # label slot y_j − (η/N) Σ_i a_ji y_i: the query x = 0 weighs uniformly (mean 4/3), the two
    # with x = 1 weigh by (1, e, e)/(1 + 2e) (mean (1 + 3e)/(1 + 2e)).
    tokens = np.array([[0.0, 1.0], [1.0, 3.0], [1.0, 0.0]])
    out = softmax_self_attention(tokens, gd_attention_weights(1, eta=1.0, n_context=2, exact=False))
    e = np.e
    mean_x1 = (1 + 3 * e) / (1 + 2 * e)
    expected = np.array([[0.0, 1 - (4 / 3) / 2], [1.0, 3 - mean_x1 / 2], [1.0, -mean_x1 / 2]])
    # exp, the 3-term sums, the division and the residual each round once, on values <= 1 + 3e < 10
    np.testing.assert_allclose(out, expected, rtol=0, atol=16 * 10 * np.finfo(float).eps)


test_every_dataclass_of_the_module_is_frozen = frozen_dataclasses_test("constructions.attention")
