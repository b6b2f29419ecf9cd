"""What the approximation parts build: sigmoid staircases, sawtooth and Yarotsky networks,
local-Taylor patches, deep narrow rearrangements, piecewise-linear interpolants, monomials,
bases (Fourier, Chebyshev), singular targets, box counting and rate fitting."""
