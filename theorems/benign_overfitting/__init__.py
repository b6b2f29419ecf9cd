"""Benign overfitting (良性過適合): effective ranks, benign spectra, the ridge decomposition.

The claims, in the order of the part's former single module:

* :mod:`.effective_ranks` — BLLT's effective ranks r_k, R_k and Lemma 5 (C28); the benign
  spectra k^{−1}ln^{−β}(k + 1), β > 1, of Thm 6, with exact infinite tails (C30);
* :mod:`.risk_bound` — BLLT Thm 4's risk bound: the lecture's reading with c = 1 refuted, the
  scale of its variance term checked (C29);
* :mod:`.tsigler_bartlett` — Tsigler–Bartlett's exact conditional decomposition B + σ²V and
  their isotropic heuristic against its exact Gaussian means (C31);
* :mod:`.ridge_proofs` — C31's exact decomposition proved for every size (sympy, symbolic dimensions);
* :mod:`.cosine_picture` — the lecture's picture with cosine features: interpolation, the
  weighted/unweighted contrast and the low/high-frequency split (C31).

:mod:`._common` holds what they share (the phases of controls, the Tsigler–Bartlett source).

Bartlett–Long–Lugosi–Tsigler measure a covariance Σ (eigenvalues λ₁ ≥ λ₂ ≥ … > 0) by two
effective ranks of its tail, r_k = Σ_{i>k}λ_i/λ_{k+1} and R_k = (Σ_{i>k}λ_i)²/Σ_{i>k}λ_i².
Proof idea of Lemma 5 (1 ≤ r_k ≤ R_k ≤ r_k²): every tail eigenvalue lies in (0, λ_{k+1}], so
λ_{k+1}² ≤ Σ_{i>k}λ_i² ≤ λ_{k+1}Σ_{i>k}λ_i; divide.  The min-norm interpolator is benign when
r₀/n, k*/n and n/R_{k*} all vanish; for λ_k = k^{−α}ln^{−β}(k+1) that happens iff α = 1, β > 1
(Thm 6), slowly (like 1/ln n), which is checked with exact infinite tails, never a truncation
(a truncation p_n = n^γ of the non-benign λ_k = 1/k passes the same finite sweep: a control).
Thm 4's variance term is checked for scale only (its constants are not explicit): a Monte Carlo
ratio searched with ``target`` over benign and non-benign families.
Tsigler–Bartlett's conditional decomposition E_ε‖θ̂ − θ*‖²_Σ = B + σ²V is checked exactly by
enumerating the noise; their isotropic heuristic B ≈ (1 − n/p)‖θ*‖², V ≈ n/p against its exact
Gaussian means (Π a uniformly random projection: B ~ 1 − Beta; XXᵀ Wishart: E V = n/(p − n − 1));
and the lecture's cosine-feature picture as a robust contrast, with the interpolation and the
low/high-frequency split (low part learns f*, high part carries the noise) checked by Parseval.

References: Bartlett, Long, Lugosi & Tsigler 2020 (PNAS 117:30063, Def. 3, Lemma 5, Thms 4, 6);
Tsigler & Bartlett 2023 (JMLR 24, §2, Fig. 1).
"""

# The import order is the order of the claims' records: lecture order, not alphabetical.
# isort: off
from . import (  # noqa: F401  (registers the claims)
    effective_ranks,
    risk_bound,
    tsigler_bartlett,
    ridge_proofs,
    cosine_picture,
)
# isort: on
