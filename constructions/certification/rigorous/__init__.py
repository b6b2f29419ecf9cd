"""The rigorous re-check under every certificate: ball arithmetic with proven error bounds.

:mod:`.balls` wraps python-flint's ``arb`` (elementary functions with proven error bounds,
rounded outward to float64); :mod:`.recheck` re-evaluates a certificate's final boxes with
those functions and its witness fully in arb, and accepts the certificate only if the
rigorous enclosure confirms it.
"""
