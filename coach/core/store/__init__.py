"""Where sessions and rest days live: private files, the session-file codec, naming and reading."""
