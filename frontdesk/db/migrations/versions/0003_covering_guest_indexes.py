"""covering guest indexes

Every search keystroke shows, for each guest on screen, the completed stays, the open
complaints and the allergies and alerts, and ranks guests arriving today first. Widening the stay and complaint indexes
with the columns those reads need lets SQLite answer them from index pages alone, without
a cold table page per guest (at 100k guests that was about a third of a search's time).
The indexes keep their names and their leading columns, so every query that used them
before still can.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_stay_guest_arrival", table_name="stay")
    op.create_index(
        "ix_stay_guest_arrival", "stay", ["guest_id", "arrival", "status", "departure", "amount_minor"]
    )
    op.drop_index("ix_stay_arrival_status", table_name="stay")
    op.create_index("ix_stay_arrival_status", "stay", ["arrival", "status", "guest_id"])
    op.drop_index("ix_complaint_guest", table_name="complaint")
    op.create_index("ix_complaint_guest", "complaint", ["guest_id", "received_at", "status"])
    op.drop_index("ix_preference_guest", table_name="preference")
    op.create_index("ix_preference_guest", "preference", ["guest_id", "retired_at", "kind"])


def downgrade() -> None:
    op.drop_index("ix_preference_guest", table_name="preference")
    op.create_index("ix_preference_guest", "preference", ["guest_id", "retired_at"])
    op.drop_index("ix_complaint_guest", table_name="complaint")
    op.create_index("ix_complaint_guest", "complaint", ["guest_id", "received_at"])
    op.drop_index("ix_stay_arrival_status", table_name="stay")
    op.create_index("ix_stay_arrival_status", "stay", ["arrival", "status"])
    op.drop_index("ix_stay_guest_arrival", table_name="stay")
    op.create_index("ix_stay_guest_arrival", "stay", ["guest_id", "arrival"])
