"""Alembic's environment: kehoach runs the migrations itself, on the connection it opened (in its
transaction, under its writer lock), never from an alembic.ini."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
