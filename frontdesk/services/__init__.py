"""Use cases. The only code that opens a session; returns plain data, never ORM rows.

Every service takes a ``Context`` (database, signed-in staff member, clock) first.
One user action is one service call is one transaction, with its audit event inside.
"""

from frontdesk.services.context import Actor, Context

__all__ = ["Actor", "Context"]
