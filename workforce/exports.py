"""Downloadable workforce tables, registered in core.exports.registry."""

from __future__ import annotations
