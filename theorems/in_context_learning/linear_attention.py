"""In-context learning (人工知能理論: 「文脈内学習が一つの突破口」).

The lecture closes by naming in-context learning as a breakthrough for
theory.  The cleanest exact statement behind it: one linear self-attention
layer with explicitly constructed weights performs, on every prompt, exactly
one step of gradient descent on the prompt's least-squares loss (von Oswald
et al. 2023, Prop. 1; Akyürek et al. 2023).

Proof idea: with W_K = W_Q = [[I, 0], [0, 0]] the attention score between
tokens j and i is ⟨x_j, x_i⟩; with W_V = [[0, 0], [0, −1]] and P = (η/N)I the
value carried is −y_i; summing gives −(η/N) Σ_i y_i ⟨x_i, x_j⟩ = −ΔW x_j.  The
property checks this identity exactly, in rational arithmetic, on prompts
that Hypothesis draws.

References: vonOswald2023 (ICML, PMLR 202:35151–35174), Akyurek2023 (ICLR).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from constructions.attention import (
    gd_attention_weights,
    gd_one_step_prediction,
    linear_self_attention,
    softmax_self_attention,
)
from theorems import Kind, Source, claim

_SOURCE = Source("von Oswald et al. 2023, Transformers learn in-context by gradient descent (ICML), Prop. 1; "
                 "Akyürek et al. 2023 (ICLR)", lecture="人工知能理論 / 文脈内学習")

_rationals = st.fractions(min_value=-4, max_value=4, max_denominator=6)
_rates = st.fractions(min_value=Fraction(1, 8), max_value=2, max_denominator=8).filter(lambda q: q > 0)


@st.composite
def prompts(draw, *, max_dim: int = 3, max_examples: int = 5):
    """In-context regression prompts: N examples (x_i, y_i) ∈ Q^d × Q and a query x_q, exact rationals."""
    d = draw(st.integers(1, max_dim), label="d")
    n = draw(st.integers(1, max_examples), label="N")
    X = draw(st.lists(st.lists(_rationals, min_size=d, max_size=d), min_size=n, max_size=n), label="X")
    y = draw(st.lists(_rationals, min_size=n, max_size=n), label="y")
    xq = draw(st.lists(_rationals, min_size=d, max_size=d), label="x_query")
    return np.array(X, dtype=object), np.array(y, dtype=object), np.array(xq, dtype=object)


def _tokens(X, y, xq, query_label=Fraction(0)):
    context = np.column_stack([X, y])
    query = np.append(xq, query_label)
    return np.vstack([context, query[None, :]])


@claim(
    id="linear_attention_one_gd_step", kind=Kind.IDENTITY, catalogue="C32",
    statement="One linear self-attention layer with von Oswald et al.'s weights moves every token (x_j, y_j) to "
              "(x_j, y_j − ΔW x_j), ΔW one gradient step from W₀ = 0; the query's label slot becomes −ŷ_GD",
    formula="e_j + P Σ_i (W_V e_i)(W_K e_i)ᵀ(W_Q e_j) = (x_j, y_j − ΔW x_j),  ΔW = (η/N) Σ_i y_i x_iᵀ",
    source=_SOURCE,
    hypotheses=("tokens e_i = (x_i, y_i): input and scalar target concatenated",
                "linear attention (no softmax), one head, residual connection",
                "W_K = W_Q = [[I, 0], [0, 0]], W_V = [[0, 0], [0, −1]], P = (η/N)I",
                "gradient descent from W₀ = 0 on L(W) = (1/2N) Σ (W x_i − y_i)², learning rate η"),
    implicit=("the query token enters with label slot 0 (so its own value is 0 and the sum over all tokens "
              "equals the sum over the context)",
              "the prediction is read as minus the query's label slot (the paper's sign convention)"),
)
@given(prompt=prompts(), eta=_rates)
def linear_attention_one_gd_step(prompt, eta, evidence):
    """One linear self-attention layer is one step of gradient descent, exactly.

    Statement: for every prompt, the layer's output on every token equals the
    gradient-descent update of that token's label slot.
    Checked as: exact identity in rational arithmetic on every drawn prompt
    (no tolerance), for every token including the query.
    Domain: d ≤ 3, N ≤ 5, entries in [−4, 4] with denominators ≤ 6, η ∈ [1/8, 2].
    Deviation from the lecture: the lecture names in-context learning without
    a statement; this is the construction it alludes to.
    """
    X, y, xq = prompt
    n, d = X.shape
    out = linear_self_attention(_tokens(X, y, xq), gd_attention_weights(d, eta=eta, n_context=n))
    inputs = np.vstack([X, xq[None, :]])
    labels = np.append(y, Fraction(0))
    for j in range(n + 1):
        step = gd_one_step_prediction(X, y, inputs[j], eta=eta)  # ΔW x_j
        evidence.exact(out[j, d], labels[j] - step, name=f"label slot of token {j} after the layer",
                       rhs_name="y_j − ΔW x_j", at={"d": d, "N": n, "eta": eta, "token": j})
        evidence.exact(tuple(out[j, :d]), tuple(inputs[j]), name=f"input part of token {j}", rhs_name="x_j")


@linear_attention_one_gd_step.control("softmax attention in place of linear attention, same weights")
@given(prompt=prompts(), eta=_rates)
@example(prompt=(np.array([[Fraction(1)], [Fraction(2)]], dtype=object), np.array([Fraction(1), Fraction(1)],
                                                                                  dtype=object),
                 np.array([Fraction(1)], dtype=object)), eta=Fraction(1))
def linear_attention_one_gd_step_with_softmax(prompt, eta, evidence):
    # Pinned: with x = (1, 2), y = (1, 1), x_q = 1, η = 1 the GD prediction is 3/2, while softmax
    # weights average the values (≤ 1 in size): the two cannot agree.
    X, y, xq = prompt
    n, d = X.shape
    tokens = _tokens(X, y, xq)
    out = softmax_self_attention(tokens, gd_attention_weights(d, eta=eta, n_context=n, exact=False))
    step = float(gd_one_step_prediction(X, y, xq, eta=eta))
    # Softmax output is a float: compare with the exact GD value at 16 ulp of the largest term.
    scale = float(sum(abs(v) for v in y)) * float(eta) + 1.0
    evidence.close(out[n, d], -step, rtol=0.0, atol=16 * np.finfo(float).eps * scale, name="query label slot",
                   why="16 ulp of the largest term of the sum", at={"d": d, "N": n, "eta": float(eta)})


@linear_attention_one_gd_step.control("the query enters with a non-zero label slot c (the implicit hypothesis dropped)")
@given(prompt=prompts(), eta=_rates, c=_rationals.filter(lambda q: q != 0))
@example(prompt=(np.array([[Fraction(1)]], dtype=object), np.array([Fraction(1)], dtype=object),
                 np.array([Fraction(1)], dtype=object)), eta=Fraction(1), c=Fraction(1))
def linear_attention_one_gd_step_with_query_label(prompt, eta, c, evidence):
    # Pinned: the query's own value (0, −c) adds −(η/N)·c·|x_q|² = −1 to its slot, so the slot is
    # c − ΔW x_q − 1 = −1, not 0.  The search finds such prompts too, but shrinking rationals is slow.
    X, y, xq = prompt
    n, d = X.shape
    out = linear_self_attention(_tokens(X, y, xq, query_label=c), gd_attention_weights(d, eta=eta, n_context=n))
    step = gd_one_step_prediction(X, y, xq, eta=eta)
    evidence.exact(out[n, d], c - step, name="query label slot", rhs_name="c − ΔW x_q",
                   at={"d": d, "N": n, "eta": eta, "c": c})
