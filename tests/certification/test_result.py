"""The certificate type (constructions.certification.result.Enclosure): what a verdict may conclude.

lower ≤ sup_K |f − f_θ| ≤ upper decides "sup ≤ ε" only when upper ≤ ε (proved) or lower > ε
(refuted); a certificate, once issued, cannot be edited (the re-check annotates a copy).
"""

import dataclasses

import numpy as np
import pytest

from constructions.certification.result import Enclosure


def rechecked(lower, upper):
    """An exhaustive enclosure whose two ends the re-check confirmed."""
    return Enclosure(lower, upper, (0.5,), 1, "branch-and-bound", upper_rigorous=True,
                     lower_rigorous=True)


@pytest.mark.parametrize("eps", [0.25, 1.0, 1e300])
def test_a_lower_bound_equal_to_eps_does_not_refute_sup_le_eps(eps):
    """lower = ε allows sup = ε, which satisfies sup ≤ ε: only lower > ε refutes."""
    enc = rechecked(eps, 2 * eps)
    assert enc.status(eps) == "undecided", (
        f"status({eps!r})={enc.status(eps)!r}, but should be 'undecided' for lower=eps "
        "[Enclosure.status]")
    assert enc.status(eps / 2) == "refuted"


def test_an_upper_bound_equal_to_eps_proves_sup_le_eps():
    """upper = ε gives sup ≤ ε."""
    assert rechecked(0.125, 0.25).status(0.25) == "proved"


def test_an_issued_enclosure_cannot_be_edited():
    """Enclosure is frozen: its bounds cannot change after certification, only a copy (replace)."""
    enc = rechecked(0.1, 0.2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        enc.upper = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        enc.upper_rigorous = False
    assert dataclasses.replace(enc, upper=0.3).upper == 0.3 and enc.upper == 0.2


def test_an_enclosure_without_a_recheck_records_no_recheck():
    """Unless a re-check ran, its fields say so: method 'none', 0 seconds, no re-checked bounds."""
    enc = Enclosure(0.1, 0.2, (0.5,), 1, "branch-and-bound")
    assert (enc.recheck_method, enc.recheck_seconds, enc.recheck_upper, enc.recheck_lower) == (
        "none", 0.0, None, None), f"recheck_seconds={enc.recheck_seconds}, but should be 0.0"


def test_two_certificates_with_the_same_bounds_are_equal_whatever_boxes_they_keep():
    """The kept final boxes are for re-checking only: equality compares the certificate, not them."""
    lo, hi = np.array([[0.0], [0.5]]), np.array([[0.5], [1.0]])
    kept = dataclasses.replace(rechecked(0.1, 0.2), boxes=(lo, hi, np.array([0.15, 0.2])))
    other = dataclasses.replace(rechecked(0.1, 0.2), boxes=(lo.copy(), hi.copy(),
                                                             np.array([0.2, 0.15])))
    assert kept == rechecked(0.1, 0.2) and kept == other, (
        "Enclosures with equal bounds compare unequal because of their boxes "
        "[Enclosure.boxes: compare=False]")
    assert kept != rechecked(0.1, 0.3)
