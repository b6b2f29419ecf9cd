"""PAC-Bayes and norm-based complexity (issue 18, items 6 and 7): what comes after VC bounds.

The lecture's complexity error is bounded through the VC dimension, which makes the bound
vacuous for networks with W ≫ n (C17, C18); its summary slide names PAC-Bayes as the next
step.  These claims take it:

* :mod:`.kl_bound` — the PAC-Bayes-kl bound of Maurer / Seeger–Langford holds with frequency
  ≥ 1 − δ over repeated samples on a finite class with exact risks (C40), and its kl form is at
  least as tight as McAllester's square-root form (C42);
* :mod:`.digits` — a stochastic ReLU network trained on scikit-learn's digits has a PAC-Bayes
  bound below 1/2 while the BHLM–VC bound of the same architecture exceeds 1 (C41, Dziugaite &
  Roy 2017);
* :mod:`.norms` — the empirical Rademacher complexity of Frobenius-norm balls of two-layer ReLU
  networks is below Golowich–Rakhlin–Shamir's bound (C43) and does not grow with the width at
  fixed norms, while the parameter count does (C44).
"""

from theorems.pac_bayes import digits, kl_bound, norms  # registers the claims

__all__ = ["digits", "kl_bound", "norms"]
