"""What a person reads in a terminal or a file: log, exports, plain mode (Rich, never Textual)."""
