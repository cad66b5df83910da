"""Alembic migrations of the gateway's database (`gateway init` applies them)."""
