"""pools operations (added by their issue)."""
