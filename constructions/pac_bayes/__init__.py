"""PAC-Bayes and norm-based complexity: kl bounds, a finite class with exact risks,
a stochastic network on scikit-learn's digits, Rademacher complexities of norm balls.

Modules
-------
kl_bounds           binary kl, its inversion (scipy's brentq), the Maurer/Seeger–Langford bound
finite_class        a finite hypothesis class on a finite domain, exact and empirical risks
stochastic_network  a Gaussian posterior around a trained ReLU network (Dziugaite & Roy 2017)
rademacher          Monte Carlo lower estimates of Rademacher complexities and the GRS bound
"""

from constructions.pac_bayes.finite_class import (
    FiniteTask,
    gibbs_posterior,
    noisy_threshold_task,
    sample_empirical_risks,
)
from constructions.pac_bayes.kl_bounds import (
    PacBayesBound,
    binary_kl,
    discrete_kl,
    gaussian_kl,
    kl_inverse_upper,
    pac_bayes_kl_bound,
    sample_convergence_upper,
)
from constructions.pac_bayes.rademacher import (
    RademacherEstimate,
    golowich_rakhlin_shamir_bound,
    single_unit_rademacher_lower,
    two_layer_rademacher_lower,
)
from constructions.pac_bayes.stochastic_network import (
    DigitsPacBayes,
    digits_binary_task,
    digits_pac_bayes,
)

__all__ = [
    "DigitsPacBayes",
    "FiniteTask",
    "PacBayesBound",
    "RademacherEstimate",
    "binary_kl",
    "digits_binary_task",
    "digits_pac_bayes",
    "discrete_kl",
    "gaussian_kl",
    "gibbs_posterior",
    "golowich_rakhlin_shamir_bound",
    "kl_inverse_upper",
    "noisy_threshold_task",
    "pac_bayes_kl_bound",
    "sample_convergence_upper",
    "sample_empirical_risks",
    "single_unit_rademacher_lower",
    "two_layer_rademacher_lower",
]
