"""Error decomposition and complexity error (汎化誤差の分解 / 複雑性誤差), in lecture order.

The lecture splits the risk of a learned θ̂ into an approximation term, a
complexity term and an optimisation term (catalogue C02).  The split is a
telescoping identity, proved here with sympy for all values and cross-checked
exactly (rational arithmetic) on finite learning problems that Hypothesis
draws; the inequality that classical theory builds on,
|R(θ̂) − R_n(θ̂)| ≤ sup_{θ∈Θ} |R(θ) − R_n(θ)|, needs θ̂ ∈ Θ, and the control shows it.

Around it: the Landau-O helper every rate claim uses (C00), checked against
sequences whose answer is known; unbiasedness of R_n(θ) for a fixed θ (C01),
exact on finite problems by enumerating every sample, and the optimism of the
fitted θ̂ (OLS: σ²(1 − p/n) against σ²(1 + p/(n − p − 1))); the explicit VC
bound of Bartlett–Harvey–Liaw–Mehrabian against brute-force shattering of tiny
ReLU networks (C17); and the VC / DKW–Massart bounds as (1 − δ)-probability
statements, tested by exact binomial tails, together with the arithmetic that
makes them vacuous at the lecture's W = 10^7, L = 20, n = 5·10^4 (C18); they need
a bounded loss (control: squared loss with Cauchy label noise).  Beside the
arithmetic, a measurement: a min-norm interpolating random-ReLU network with
W ≥ 15n has a 0–1 gap below 1/4 (exact binomial test on held-out data) where
the BHLM–VC bound for its architecture exceeds 1; with random labels the same
network has gap ≈ 1/2 (Zhang et al. 2017).

Last, the lecture's SGD slide on a strongly convex quadratic, where the second
moment of θ_t − θ* obeys a linear recursion and is known exactly (rationals):
the constant-step bound ρ^{2t}‖θ_0 − θ*‖² + ησ²/min(μ(2 − ημ), L(2 − ηL))
(divergence beyond η = 2/L as the control), Monte Carlo against the exact
recursion, and the O(1/t) bound for steps c/(t + t₀) with cμ > 1 (C33, not in
the catalogue: the slide states no formula).

Submodules, in the order of the claims:

* :mod:`.error_decomposition` — the telescoping split of the risk and the complexity term
  against the uniform deviation over Θ (C02, 汎化誤差の分解);
* :mod:`.landau_o` — the Landau-O helper against the definition (C00, 記法);
* :mod:`.training_risk` — unbiasedness of R_n(θ) for a fixed θ, optimism of the fitted θ̂
  (C01, 学習の設定);
* :mod:`.vc_bounds` — the BHLM VC bound against brute-force shattering (C17), the VC and
  DKW bounds and their vacuity, and the measured gap of an over-parameterised network
  (C18, 複雑性誤差);
* :mod:`.sgd` — SGD on a strongly convex quadratic (C33, パラメータの学習アルゴリズム);
* :mod:`.sgd_proofs` — the proof of the constant-step bound for every t and every dimension;
* :mod:`._common` — the test level, the no-shrink phases and the mean/stderr helper they share.

References: Bartlett, Harvey, Liaw, Mehrabian 2019 (JMLR 20:63, Thm 7);
Massart 1990 (Ann. Probab. 18:1269); Anthony & Bartlett 1999 (Thm 4.3);
Zhang, Bengio, Hardt, Recht, Vinyals 2017 (ICLR); Bottou, Curtis, Nocedal 2018
(SIAM Review 60:223, Thms 4.6–4.7).
"""

# The import order is the order of the records (lecture order), so isort must not sort it.
# isort: off
from . import error_decomposition, landau_o, training_risk, vc_bounds, sgd, sgd_proofs  # noqa: F401
# isort: on
