"""Evidence.certified refuses certificates the rigorous re-check did not confirm (issue 17)."""

from dataclasses import replace

import numpy as np
import pytest
import sympy as sp

from constructions.certification import certify_sup_error
from constructions.networks.dense import network_from_layers
from theorems.engine.evidence import ClaimViolation, Evidence

pytest.importorskip("flint")
X = sp.Symbol("x")


@pytest.fixture(scope="module")
def enclosure():
    """sup_{[0,1]} |x² − x| = 1/4, by exact piece enumeration, re-checked."""
    net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
                               (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    return certify_sup_error(net, X**2, [(0.0, 1.0)])


def test_a_rechecked_certificate_is_recorded_with_its_recheck_method(enclosure):
    ev = Evidence("c")
    ev.certified(enclosure, 0.3, name="|f − f_θ|", domain="[0, 1]")
    assert len(ev.certificates) == 1 and not ev.undecided
    assert ev.certificates[0]["recheck"].startswith("exact rational arithmetic")
    assert ev.recheck_seconds == enclosure.recheck_seconds > 0.0


@pytest.mark.parametrize("fields", [
    {"upper_rigorous": False},
    {"upper_rigorous": False, "lower_rigorous": False, "recheck_method": "none"},
], ids=["re-check failed", "re-check never ran"])
def test_an_unconfirmed_upper_bound_is_undecided_not_a_certificate(enclosure, fields):
    ev = Evidence("c")
    planted = replace(enclosure, recheck_note="planted", **fields)
    ev.certified(planted, 0.3, name="|f − f_θ|", domain="[0, 1]")
    assert not ev.certificates and len(ev.undecided) == 1
    assert ev.undecided[0]["why"].startswith("re-check failed")


def test_an_unconfirmed_lower_bound_refutes_nothing(enclosure):
    ev = Evidence("c")
    ev.certified(replace(enclosure, lower_rigorous=False), 0.2, name="|f − f_θ|", domain="[0, 1]")
    assert len(ev.undecided) == 1 and "why" in ev.undecided[0]
    with pytest.raises(ClaimViolation):  # confirmed, the same lower end refutes ε = 0.2
        Evidence("c").certified(enclosure, 0.2, name="|f − f_θ|", domain="[0, 1]")
