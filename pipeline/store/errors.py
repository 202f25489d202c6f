"""The one error of the store: the database cannot be used, said in one line."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message is the one line the user sees."""
