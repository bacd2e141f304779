"""Seawall: counter-trafficking case management for national nodes and a regional hub."""

__version__ = "0.1.0"
