"""Administration pages for staff accounts and the audit trail, and the password dialogs."""
