"""Approximation rates (近似レート): how error falls with the number of parameters.

Lecture sections 「滑らかな関数に対する近似レート」, 「深さと幅を用いた近似誤差」,
「近似レート (特異性を持つ関数)」 and 「内在次元」.  The claims, in the module's order:

* :mod:`.parameter_count` — the parameter count W ≤ L·N(N+1) that the lecture uses to
  translate width–depth rates into rates in W, and when it holds (C12);
* :mod:`.yarotsky_sawtooth` — Yarotsky's sawtooth networks for x² and for the product xy
  (C08, C09), with their proofs for every m in :mod:`.yarotsky_proofs`;
* :mod:`.linear_methods` — Chebyshev interpolation at W^{−β} and the Gibbs overshoot of
  Fourier partial sums (C14);
* :mod:`.smooth_functions` — piecewise-linear interpolant networks in d = 1, 2 and Yarotsky's
  local-Taylor network (C10);
* :mod:`.singularities` — the two-unit ReLU step and the jump along a curve, against a linear
  method (C15);
* :mod:`.intrinsic_dimension` — box-counting dimension of the support (C16);
* :mod:`.width_depth` — Lu et al.'s width–depth rate and DeVore et al.'s optimality, formula
  level (C11, C13).

Shared helpers (the log–log slope check ``_record_slope`` and the rate figure) live in
:mod:`._common`.

Overview of the proofs and checks:

* ``param_count``: W − L·N(N+1) does not depend on the number of hidden layers; it is
  N(d − 2N) + 1 when L counts affine layers and N(d − N) + N + 1 when L counts hidden layers,
  whose signs are settled by writing d on either side of the threshold (sympy, for all
  integers).
* ``yarotsky_square``: f_m = x − Σ g_s/4^s is the interpolant of x² at k/2^m; on a piece of
  length h the interpolant of x² is off by exactly h²/4 at the midpoint, hence 2^{−2m−2};
  proved for all m ≥ 1 by induction on the layers (:mod:`.yarotsky_proofs`), searched for all x
  by exact rational piece enumeration of the network as built.
* ``yarotsky_multiplication``: xy = ((x+y)² − x² − y²)/2 with each square replaced by
  f_m ≥ t² within δ: −4M²δ ≤ ×̃ − xy ≤ 2M²δ; proved for all m ≥ 1, M > 0 by polarisation
  (:mod:`.yarotsky_proofs`), searched by exact evaluation at rational points.
* ``yarotsky_smooth_rate`` and ``linear_methods_rate``: a bound with an explicit constant where
  one is known (‖f″‖/(8K²), the Kuhn-interpolant bound in d = 2, the Gibbs overshoot),
  otherwise the slope of a log–log fit on a geometric sweep, compared with the exponent by one
  helper (``_record_slope``; its band adds the computed slope offset of the lower-order terms
  of W when a count model is given).
* ``yarotsky_local_taylor``: φ_m ≥ 0 and Σ φ_m = 1, so f − Σ φ_m P_m is a convex combination
  of Taylor remainders at distance < 1/N (D_β(d/N)^β/β!); each ×̃ adds ≤ 4^{−m} and vanishes
  where a hat does, so only 2^d cells count; W = O(N^d + N^{d−1}m) with N ≍ ε^{−1/β},
  m ≍ log(1/ε).
* ``imaizumi_fukumizu_singularity``: the two-unit step is a ramp of width ε,
  ∫_{−ε}^0 (x/ε + 1)² = ε/3; the phase boundary is two lines of exact algebra (sympy).
* ``imaizumi_fukumizu_jump_rate``: g_ε(x₂ − ĥ_K(x₁)) misses the jump only on a band of area
  O(ε + ‖h − ĥ_K‖₁) = O(K^{−2}), so L² error O(K^{−1}) = O(W^{−1}); a fixed
  piecewise-constant space errs by Θ(1) on the Θ(n) cells the curve cuts, L² error
  Θ(n^{−1/2}) = Θ(W^{−1/4}).
* ``nakada_imaizumi_intrinsic_dim``: box counting of sampled sets, with the documented bias.
* ``lu_width_depth_rate``, ``devore_optimality``: formula level, sympy limits.

Citation keys: Yarotsky 2017 (Neural Networks 94); Lu–Shen–Yang–Zhang 2021 (SIAM J. Math.
Anal. 53); DeVore–Howard–Micchelli 1989 (Manuscripta Math. 63); Imaizumi–Fukumizu 2022
(JMLR 23:111); Nakada–Imaizumi 2020 (JMLR 21:174); Bartlett–Harvey–Liaw–Mehrabian 2019
(JMLR 20:63); Candès–Donoho 2004 (Comm. Pure Appl. Math. 57); Higham 2002 (Accuracy and
Stability, §3.1).
"""

# The import order is the order of the claims (the lecture's): keep it, do not sort.
# isort: off
from . import parameter_count  # noqa: F401
from . import yarotsky_sawtooth  # noqa: F401
from . import yarotsky_proofs  # noqa: F401
from . import linear_methods  # noqa: F401
from . import smooth_functions  # noqa: F401
from . import singularities  # noqa: F401
from . import intrinsic_dimension  # noqa: F401
from . import width_depth  # noqa: F401
# isort: on
