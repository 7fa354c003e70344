"""guest search

The search index mirrors the guest book in folded form (see frontdesk/search/):
``guest_search`` is an FTS5 trigram table (substring search, one row per live guest,
rowid = guest id) carrying the ranking facts as unindexed columns; ``guest_search_word``
holds every folded word with its guest for exact and prefix lookups (also one- and
two-letter queries, which trigram cannot answer) and as the vocabulary for typo
tolerance; ``guest_search_meta`` counts index generations so cached vocabularies know
when to reload. The tables are filled by ``frontdesk.search.index.rebuild``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE guest_search USING fts5("
        "name, contact, other, recency UNINDEXED, in_house UNINDEXED, next_arrival UNINDEXED, "
        "tokenize = 'trigram')"
    )
    op.execute(
        "CREATE TABLE guest_search_word ("
        "word TEXT NOT NULL, guest_id INTEGER NOT NULL, recency INTEGER NOT NULL DEFAULT 0, "
        "PRIMARY KEY (word, guest_id)) WITHOUT ROWID"
    )
    # the most recent guests having a word, without sorting all of them
    op.execute("CREATE INDEX guest_search_word_recency ON guest_search_word (word, recency)")
    # "does this guest have a word starting with …": one seek per candidate
    op.execute("CREATE INDEX guest_search_word_guest ON guest_search_word (guest_id, word)")
    op.execute("CREATE TABLE guest_search_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    op.execute("INSERT INTO guest_search_meta (key, value) VALUES ('generation', 0)")


def downgrade() -> None:
    op.execute("DROP TABLE guest_search_meta")
    op.execute("DROP TABLE guest_search_word")
    op.execute("DROP TABLE guest_search")
