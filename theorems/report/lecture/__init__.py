"""The lecture's slides (``slides.md``; see ``PROVENANCE.md``) and the map from claims to slides."""
