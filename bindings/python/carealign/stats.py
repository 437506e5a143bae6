"""Indicator statistics (include/carealign/stats.h) as Python functions."""

from __future__ import annotations

# === Section A: distributions, intervals, standardisation, funnels, SII ===

# === end of section A ===

# === Section B: SPC, economics, disclosure control, change ===

# === end of section B ===
