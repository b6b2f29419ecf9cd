"""Shared network machinery: dense networks, activations, exact network algebra."""
