"""Screens of the app (main; welcome, help and stats come from other modules)."""
