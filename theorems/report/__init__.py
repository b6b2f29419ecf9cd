"""Reporters: the catalogue, the HTML/Markdown report and its figures."""
