"""Double descent and ridgeless regression (過剰パラメータの理論 / 二重降下), in lecture order.

Over-parameterised linear models: min-norm interpolation, bias–variance, Marchenko–Pastur, HMRT.
The claims, in the order of the part's former single module:

* :mod:`.bias_variance` — the bias–variance decomposition of the min-norm interpolator (C20);
  the OLS variance as a spectral sum of the whitened design, and its inverse-Wishart mean (C21);
* :mod:`.bias_variance_proofs` — proofs of C20 and C21 for every size (sympy, symbolic dimensions);
* :mod:`.hmrt_isotropic` — the exact finite-n Gaussian risk, its HMRT limits and the optimal
  over-parameterisation ratio (C23);
* :mod:`.marchenko_pastur` — the Marchenko–Pastur law's moments and Gaussian spectra (C22);
* :mod:`.excess_risk` — the excess risk as the squared Σ-distance to β* (C19);
* :mod:`.hmrt_general_sigma` — the general-Σ fixed point c₀ and the HMRT risk (C24);
* :mod:`.double_descent` — sample-wise double descent, exactly (C27), and the double-descent
  shape of random ReLU features (C25, C26).

:mod:`._common` holds what they share (the lecture section, α, the HMRT example's r² and σ²).

Proof idea.  Given X, the min-norm estimator β̂ = X⁺y is affine in the noise, so E_ε‖β̂ − β*‖²_Σ
splits exactly into ‖X⁺Xβ* − β*‖²_Σ and σ² tr(X⁺X⁺ᵀΣ) (C20); the expectation depends on the noise
only through its first two moments, so it is computed here *exactly* over a finite noise law with
mean 0 and covariance σ²I (the 2n points ±σ√n·e_i).  Whitening X = ZΣ^{1/2} turns tr(Σ̂⁻¹Σ) into
the spectral sum tr((ZᵀZ/n)⁻¹) (C21, with the lecture's Σ^{1/2} corrected to Σ^{−1/2}); the
spectrum of ZᵀZ/n follows Marchenko–Pastur (C22), and for Gaussian isotropic designs the
inverse-Wishart mean gives the exact finite-n risk whose limits are the HMRT curves (C23).  The
excess-risk identity (C19) is exact on finite distributions with rational atoms.

Statistical claims have false-alarm rates designed from a theorem, not from a normal
approximation, where one is available: the inverse-Wishart mean by a median of means that needs
only the exact variance (Chebyshev per block, binomial tail); the Marchenko–Pastur spectra by the
exact χ² law of tr(ZᵀZ) and Gaussian concentration of 1-Lipschitz Schatten norms around exact
Wishart moments; the random-features shapes by a binomial test of a per-replicate probability.

References: Hastie, Montanari, Rosset, Tibshirani 2022 (Ann. Statist. 50(2):949–986);
Marchenko & Pastur 1967; Bai & Silverstein 2010 (Spectral Analysis of Large Dimensional Random
Matrices, Ch. 3); Tsigler & Bartlett 2023 (JMLR 24); Belkin, Hsu, Ma, Mandal 2019 (PNAS 116(32));
Nakkiran et al. 2020 (ICLR); von Rosen 1988 (Scand. J. Statist. 15); Letac & Massam 2004 (Scand.
J. Statist. 31); Tsirelson, Ibragimov & Sudakov 1976 and Boucheron, Lugosi & Massart 2013 (Thm 5.6);
Guionnet & Zeitouni 2000 (Electron. Comm. Probab. 5, Cor. 1.8).
"""

# The import order is the order of the claims' records: lecture order, not alphabetical.
# isort: off
from . import (  # noqa: F401  (registers the claims)
    bias_variance,
    bias_variance_proofs,
    hmrt_isotropic,
    marchenko_pastur,
    excess_risk,
    hmrt_general_sigma,
    double_descent,
)
# isort: on
