"""The result type of certification: a two-sided enclosure of a supremum, and how it was checked.

:class:`Enclosure` lives in its own module so that the piece enumeration (:mod:`.pieces`) and the
branch-and-bound (:mod:`.enclosure`) both build it without importing each other.

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理 (sup-norm approximation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from constructions.certification.intervals import round_up
from constructions.validation import check_real

__all__ = ["Enclosure"]


@dataclass(frozen=True)
class Enclosure:
    """A certified enclosure lower ≤ sup_{x∈K} |f(x) − f_θ(x)| ≤ upper.

    Attributes
    ----------
    lower, upper : float
        ``upper`` is ``inf`` when not certified (e.g. for sampling).
    witness : tuple of float
        A point x with |f(x) − f_θ(x)| ≥ ``lower``.
    n_boxes : int
        Work done: boxes (or pieces, or sample points) evaluated.
    method : str
        ``"pieces"``, ``"branch-and-bound"`` or ``"sampling"``.
    exhaustive : bool
        Whether ``upper`` bounds the error on the whole box (False only for sampling).
    converged : bool
        Whether the requested ε, gap or tolerance was reached within the budget.
    exact : Fraction or None
        The exact sup when the method computes it (piece enumeration).
    upper_rigorous, lower_rigorous : bool
        Whether the rigorous re-check (:mod:`.rigorous`) confirmed ``upper`` (on every final box)
        and ``lower`` (at the witness).  False when it failed or did not run.
    recheck_method : str
        How the re-check was done (``"none"`` if it did not run).
    recheck_seconds : float
        Its wall time.
    recheck_upper, recheck_lower : float or None
        The re-check's own bounds: the max of the rigorous box bounds, and the rigorous
        lower end of |f − f_θ| at the witness (both rounded outward to float64).
    recheck_note : str
        Why the re-check failed or did not run ("" when it passed).
    boxes : tuple or None
        The final boxes ``(lo, hi, natural)`` of branch-and-bound (arrays (n, d), (n, d), (n,)),
        kept so the certificate can be re-checked; not compared, not shown.
    """

    lower: float
    upper: float
    witness: tuple[float, ...]
    n_boxes: int
    method: str
    exhaustive: bool = True
    converged: bool = True
    exact: Fraction | None = None
    upper_rigorous: bool = False
    lower_rigorous: bool = False
    recheck_method: str = "none"
    recheck_seconds: float = 0.0
    recheck_upper: float | None = None
    recheck_lower: float | None = None
    recheck_note: str = ""
    boxes: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def rigorous(self) -> bool:
        """Both ends confirmed by the rigorous re-check (for sampling: the lower end)."""
        return self.lower_rigorous and (self.upper_rigorous or not self.exhaustive)

    @property
    def gap(self) -> float:
        """upper − lower (rounded up)."""
        return float(round_up(self.upper - self.lower))

    def status(self, eps) -> str:
        """``"proved"`` if upper ≤ ε, ``"refuted"`` if lower > ε, else ``"undecided"``.

        An end that the rigorous re-check did not confirm decides nothing: a certificate whose
        re-check failed (or never ran) is not a certificate.

        Examples
        --------
        >>> Enclosure(0.1, 0.2, (0.5,), 1, "pieces", upper_rigorous=True,
        ...           lower_rigorous=True).status(0.15)
        'undecided'
        >>> Enclosure(0.1, 0.2, (0.5,), 1, "pieces").status(0.25)   # never re-checked
        'undecided'
        """
        eps = check_real("eps", eps, min_value=0.0, strict_min=True)
        if self.exhaustive and self.upper_rigorous and self.upper <= eps:
            return "proved"
        if self.lower_rigorous and self.lower > eps:
            return "refuted"
        return "undecided"
