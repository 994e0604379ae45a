"""Shared test settings."""

from __future__ import annotations

import matplotlib as mpl

mpl.use("agg")
