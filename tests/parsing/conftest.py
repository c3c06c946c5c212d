"""Fixtures for the parser tests: the real files come from the root conftest
(`seed_listing`, `corpus`), which skips a test when ../shared is absent."""
