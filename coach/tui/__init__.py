"""The full-screen Textual interface for ``coach relax`` (imported only by that command)."""
