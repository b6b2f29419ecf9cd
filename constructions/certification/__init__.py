"""Certified sup-norm bounds: prove ε-approximation over the whole domain.

``certify_sup_error(network, target, box)`` returns an :class:`Enclosure`
``lower ≤ sup_{x∈box} |f(x) − f_θ(x)| ≤ upper`` that is sound under floating
point; ``Enclosure.status(eps)`` reads it as "proved", "refuted" or "undecided".

Modules: :mod:`.intervals` (outward-rounded interval arithmetic),
:mod:`.elementary` (interval elementary functions), :mod:`.balls` (arb ball
arithmetic), :mod:`.expressions` (sympy → interval evaluator), :mod:`.targets`
(target functions), :mod:`.bounds` (bound propagation through networks),
:mod:`.box_bounds` (bounds on a batch of boxes), :mod:`.pieces` (exact piece
enumeration in 1-D), :mod:`.result` (the :class:`Enclosure` type),
:mod:`.rigorous` (the re-check of every certificate in arb), :mod:`.enclosure`
(branch-and-bound and the API).

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理; issue 3 of this project.
"""

from constructions.certification.bounds import (
    CERTIFIABLE_ACTIVATIONS,
    network_gradient_interval,
    network_interval,
)
from constructions.certification.enclosure import certify_sup_error, sample_sup_error
from constructions.certification.pieces import LinearPieces, exact_sup_error, linear_pieces
from constructions.certification.result import Enclosure
from constructions.certification.rigorous.recheck import recheck_sup_error
from constructions.certification.targets import (
    ChebyshevSeriesTarget,
    ExpressionTarget,
    FourierSeriesTarget,
    LipschitzTarget,
    PiecewiseLinearTarget,
    Target,
    as_target,
)

__all__ = [
    "CERTIFIABLE_ACTIVATIONS",
    "ChebyshevSeriesTarget",
    "Enclosure",
    "ExpressionTarget",
    "FourierSeriesTarget",
    "LinearPieces",
    "LipschitzTarget",
    "PiecewiseLinearTarget",
    "Target",
    "as_target",
    "certify_sup_error",
    "exact_sup_error",
    "linear_pieces",
    "network_gradient_interval",
    "network_interval",
    "recheck_sup_error",
    "sample_sup_error",
]
