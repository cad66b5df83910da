"""Counts the work a request does (SQL statements, decisions, policy evaluations, audit appends), so a test
can show a hidden document costs exactly what a missing one does without timing anything."""

from collections import Counter
from contextlib import ExitStack, contextmanager
from unittest import mock

from sqlalchemy import event

import gateway.access.service as access_service
from gateway.access.enforcer import PolicyEnforcer


@contextmanager
def counted_work(gw):
    """Yields a Counter of 'sql', 'decide', 'policy' and 'audit', filled when the block ends."""
    counts = Counter()

    def on_statement(*_args):
        counts["sql"] += 1

    with ExitStack() as stack:
        calls = {
            "decide": stack.enter_context(mock.patch.object(access_service, "decide", wraps=access_service.decide)),
            "policy": stack.enter_context(mock.patch.object(PolicyEnforcer, "evaluate", autospec=True,
                                                            side_effect=PolicyEnforcer.evaluate)),
            "audit": stack.enter_context(mock.patch.object(gw.audit, "append", wraps=gw.audit.append)),
        }
        event.listen(gw.engine, "before_cursor_execute", on_statement)
        stack.callback(event.remove, gw.engine, "before_cursor_execute", on_statement)
        try:
            yield counts
        finally:
            counts.update({name: call.call_count for name, call in calls.items()})
