"""Alembic environment: the URL comes from the gateway's settings, the tables from its models."""

from alembic import context

import gateway.domain.models  # noqa: F401  (registers the tables)
import gateway.domain.sessions  # noqa: F401
from gateway.db import Base, make_engine

config = context.config
connectable = config.attributes.get("connection")


def run() -> None:
    if connectable is not None:
        context.configure(connection=connectable, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
