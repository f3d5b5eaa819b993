"""The screens of a session: picker, preview, session, help, confirm, check-in, summary."""
