"""Sync between machines: conflict copies of a synced folder (copies.py) and git as
the transport (git.py, diff.py). Core: no Textual. The merge itself is the
store's (reader.store.mergeable, reader.store.merging)."""
