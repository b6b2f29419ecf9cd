"""Explicit constructions that the lecture's claims quantify over.

Pure numpy/scipy/sympy: networks, bases, estimators, spectra and certified
bounds.  Nothing here imports hypothesis, pytest or :mod:`theorems`;
randomness enters only as an ``np.random.Generator`` argument.
"""
