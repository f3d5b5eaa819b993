"""coach: a private, offline terminal coach for pelvic-floor relaxation practice."""

__version__ = "0.1.0"
