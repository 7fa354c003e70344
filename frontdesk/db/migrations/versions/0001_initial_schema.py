"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('business_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('logo_path', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('signature_path', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('paper_size', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('default_phone_region', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('signer_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('signer_title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('approval_limit_minor', sa.Integer(), nullable=False),
    sa.Column('idle_lock_minutes', sa.Integer(), nullable=False),
    sa.Column('lockout_attempts', sa.Integer(), nullable=False),
    sa.Column('lockout_minutes', sa.Integer(), nullable=False),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.Column('second_backup_dir', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("paper_size IN ('A4', 'LETTER')", name=op.f('ck_business_settings_paper_size')),
    sa.CheckConstraint('approval_limit_minor >= 0', name=op.f('ck_business_settings_approval_limit')),
    sa.CheckConstraint('id = 1', name=op.f('ck_business_settings_single_row')),
    sa.CheckConstraint('idle_lock_minutes >= 0', name=op.f('ck_business_settings_idle_lock')),
    sa.CheckConstraint('length(currency) = 3', name=op.f('ck_business_settings_currency_code')),
    sa.CheckConstraint('lockout_attempts >= 1 AND lockout_minutes >= 0', name=op.f('ck_business_settings_lockout')),
    sa.CheckConstraint('retention_months >= 0', name=op.f('ck_business_settings_retention')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_settings'))
    )
    op.create_table('catalogue_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('default_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("default_kind IS NULL OR default_kind IN ('like', 'dislike', 'allergy', 'alert')", name=op.f('ck_catalogue_item_kind')),
    sa.CheckConstraint('length(trim(label)) > 0', name=op.f('ck_catalogue_item_label')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_item')),
    sa.UniqueConstraint('category', 'label', name='uq_catalogue_item_category_label')
    )
    op.create_table('lookup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('preference_category', 'complaint_category', 'department')", name=op.f('ck_lookup_kind')),
    sa.CheckConstraint('length(trim(label)) > 0', name=op.f('ck_lookup_label')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lookup')),
    sa.UniqueConstraint('kind', 'code', name='uq_lookup_kind_code')
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_sign_in_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("role IN ('receptionist', 'manager', 'admin')", name=op.f('ck_user_role')),
    sa.CheckConstraint('failed_attempts >= 0', name=op.f('ck_user_failed_attempts')),
    sa.CheckConstraint('length(username) BETWEEN 1 AND 64', name=op.f('ck_user_username_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('username', name=op.f('uq_user_username'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_audit_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_event_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index('ix_audit_event_user_at', ['user_id', 'at'], unique=False)

    op.create_table('guest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('address_line1', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('address_line2', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('company', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('vip_level', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('marketing_consent', sa.Boolean(), nullable=False),
    sa.Column('marketing_consent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('marketing_consent_text', sa.Text(), nullable=True),
    sa.Column('blocklisted', sa.Boolean(), nullable=False),
    sa.Column('blocklist_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('anonymised_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("phone IS NULL OR phone LIKE '+%'", name=op.f('ck_guest_phone_e164')),
    sa.CheckConstraint('blocklisted = 0 OR length(trim(blocklist_reason)) > 0', name=op.f('ck_guest_blocklist_reason')),
    sa.CheckConstraint('length(trim(last_name)) > 0 OR anonymised_at IS NOT NULL', name=op.f('ck_guest_last_name')),
    sa.CheckConstraint('marketing_consent = 0 OR marketing_consent_at IS NOT NULL', name=op.f('ck_guest_consent_date')),
    sa.CheckConstraint('vip_level BETWEEN 0 AND 3', name=op.f('ck_guest_vip_level')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_guest_created_by_id_user')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['guest.id'], name=op.f('fk_guest_merged_into_id_guest')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_guest_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest'))
    )
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_email'), ['email'], unique=False)
        batch_op.create_index('ix_guest_last_first', ['last_name', 'first_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_guest_phone'), ['phone'], unique=False)

    op.create_table('letter_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(trim(body)) > 0', name=op.f('ck_letter_template_body')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_letter_template_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_template')),
    sa.UniqueConstraint('code', 'language', name='uq_letter_template_code_language')
    )
    op.create_table('stay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('arrival', sa.Date(), nullable=False),
    sa.Column('departure', sa.Date(), nullable=False),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('adults', sa.Integer(), nullable=False),
    sa.Column('children', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('booking_ref', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('checked_out_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("channel IN ('direct', 'phone', 'email', 'walk_in', 'website', 'booking_com', 'expedia', 'other')", name=op.f('ck_stay_channel')),
    sa.CheckConstraint("status IN ('expected', 'in_house', 'checked_out', 'cancelled', 'no_show')", name=op.f('ck_stay_status')),
    sa.CheckConstraint('adults >= 0 AND children >= 0', name=op.f('ck_stay_occupancy')),
    sa.CheckConstraint('amount_minor >= 0', name=op.f('ck_stay_amount')),
    sa.CheckConstraint('departure > arrival', name=op.f('ck_stay_dates')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_stay_created_by_id_user')),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_stay_guest_id_guest'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_stay_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay'))
    )
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.create_index('ix_stay_arrival_status', ['arrival', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_booking_ref'), ['booking_ref'], unique=False)
        batch_op.create_index('ix_stay_guest_arrival', ['guest_id', 'arrival'], unique=False)
        batch_op.create_index('ix_stay_status_room', ['status', 'room'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=True),
    sa.Column('walk_in_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('received_by_id', sa.Integer(), nullable=True),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('department', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('guest_words', sa.Text(), nullable=False),
    sa.Column('within_control', sa.Boolean(), nullable=True),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('follow_up_due', sa.Date(), nullable=True),
    sa.Column('follow_up_done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('follow_up_waived_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('root_cause', sa.Text(), nullable=False),
    sa.Column('corrective_action', sa.Text(), nullable=False),
    sa.Column('acknowledged_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('void_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("channel IN ('in_person', 'phone', 'email', 'letter', 'review_site', 'social_media')", name=op.f('ck_complaint_channel')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('satisfied', 'not_satisfied', 'unknown')", name=op.f('ck_complaint_outcome')),
    sa.CheckConstraint("severity IN ('minor', 'serious', 'critical')", name=op.f('ck_complaint_severity')),
    sa.CheckConstraint("status != 'void' OR length(trim(void_reason)) > 0", name=op.f('ck_complaint_void_reason')),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'resolved', 'unable_to_resolve', 'closed', 'void')", name=op.f('ck_complaint_status')),
    sa.CheckConstraint('guest_id IS NOT NULL OR length(trim(walk_in_name)) > 0', name=op.f('ck_complaint_guest_or_walk_in')),
    sa.CheckConstraint('length(trim(guest_words)) > 0', name=op.f('ck_complaint_guest_words')),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['user.id'], name=op.f('fk_complaint_acknowledged_by_id_user')),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_complaint_guest_id_guest'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_complaint_owner_id_user')),
    sa.ForeignKeyConstraint(['received_by_id'], ['user.id'], name=op.f('fk_complaint_received_by_id_user')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_complaint_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_guest', ['guest_id', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_received', ['received_at'], unique=False)
        batch_op.create_index('ix_complaint_status_due', ['status', 'follow_up_due'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=True),
    sa.Column('stay_id', sa.Integer(), nullable=True),
    sa.Column('indicator', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(trim(indicator)) > 0', name=op.f('ck_feedback_indicator')),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_feedback_score')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_feedback_created_by_id_user')),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_feedback_guest_id_guest')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_feedback_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_guest', ['guest_id'], unique=False)

    op.create_table('preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('catalogue_item_id', sa.Integer(), nullable=True),
    sa.Column('stay_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('retired_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('retired_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('like', 'dislike', 'allergy', 'alert')", name=op.f('ck_preference_kind')),
    sa.CheckConstraint('(retired_at IS NULL) = (retired_by_id IS NULL)', name=op.f('ck_preference_retired')),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_preference_text')),
    sa.ForeignKeyConstraint(['catalogue_item_id'], ['catalogue_item.id'], name=op.f('fk_preference_catalogue_item_id_catalogue_item')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_preference_created_by_id_user')),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_preference_guest_id_guest'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['retired_by_id'], ['user.id'], name=op.f('fk_preference_retired_by_id_user')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_preference_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preference'))
    )
    with op.batch_alter_table('preference', schema=None) as batch_op:
        batch_op.create_index('ix_preference_guest', ['guest_id', 'retired_at'], unique=False)
    # The same item may be on a guest only once while it is active.
    op.execute(
        "CREATE UNIQUE INDEX uq_preference_active_item "
        "ON preference (guest_id, kind, lower(text)) WHERE retired_at IS NULL"
    )

    op.create_table('complaint_transition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.CheckConstraint("to_status IN ('open', 'in_progress', 'resolved', 'unable_to_resolve', 'closed', 'void')", name=op.f('ck_complaint_transition_to_status')),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_complaint_transition_by_id_user')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_transition_complaint_id_complaint'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_transition'))
    )
    with op.batch_alter_table('complaint_transition', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_transition_complaint', ['complaint_id', 'at'], unique=False)

    op.create_table('letter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=True),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('template_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('delivery', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('output_path', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("delivery IN ('printed', 'saved')", name=op.f('ck_letter_delivery')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_letter_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_letter_created_by_id_user')),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_letter_guest_id_guest')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter'))
    )
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.create_index('ix_letter_complaint', ['complaint_id'], unique=False)
        batch_op.create_index('ix_letter_guest', ['guest_id'], unique=False)

    op.create_table('recovery_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('value_minor', sa.Integer(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('apology', 'fix', 'room_move', 'upgrade', 'discount', 'refund', 'complimentary', 'voucher', 'letter')", name=op.f('ck_recovery_action_kind')),
    sa.CheckConstraint('(approved_at IS NULL) = (approved_by_id IS NULL)', name=op.f('ck_recovery_action_approval')),
    sa.CheckConstraint('value_minor >= 0', name=op.f('ck_recovery_action_value')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user.id'], name=op.f('fk_recovery_action_approved_by_id_user')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_recovery_action_complaint_id_complaint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_recovery_action_done_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_action'))
    )
    with op.batch_alter_table('recovery_action', schema=None) as batch_op:
        batch_op.create_index('ix_recovery_action_complaint', ['complaint_id'], unique=False)

    op.create_table('recovery_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("step IN ('listened', 'apologised', 'solution_offered', 'guest_accepted', 'thanked', 'followed_up')", name=op.f('ck_recovery_step_step')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_recovery_step_complaint_id_complaint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_recovery_step_done_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_step')),
    sa.UniqueConstraint('complaint_id', 'step', name='uq_recovery_step_complaint_step')
    )


def downgrade() -> None:
    op.drop_table('recovery_step')
    with op.batch_alter_table('recovery_action', schema=None) as batch_op:
        batch_op.drop_index('ix_recovery_action_complaint')

    op.drop_table('recovery_action')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_guest')
        batch_op.drop_index('ix_letter_complaint')

    op.drop_table('letter')
    with op.batch_alter_table('complaint_transition', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_transition_complaint')

    op.drop_table('complaint_transition')
    with op.batch_alter_table('preference', schema=None) as batch_op:
        batch_op.drop_index('ix_preference_guest')

    op.drop_table('preference')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_guest')

    op.drop_table('feedback')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_status_due')
        batch_op.drop_index('ix_complaint_received')
        batch_op.drop_index('ix_complaint_guest')

    op.drop_table('complaint')
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.drop_index('ix_stay_status_room')
        batch_op.drop_index('ix_stay_guest_arrival')
        batch_op.drop_index(batch_op.f('ix_stay_booking_ref'))
        batch_op.drop_index('ix_stay_arrival_status')

    op.drop_table('stay')
    op.drop_table('letter_template')
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_phone'))
        batch_op.drop_index('ix_guest_last_first')
        batch_op.drop_index(batch_op.f('ix_guest_email'))

    op.drop_table('guest')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_user_at')
        batch_op.drop_index('ix_audit_event_entity')
        batch_op.drop_index('ix_audit_event_at')

    op.drop_table('audit_event')
    op.drop_table('user')
    op.drop_table('lookup')
    op.drop_table('catalogue_item')
    op.drop_table('business_settings')
