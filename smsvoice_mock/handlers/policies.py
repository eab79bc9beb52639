"""policies operations (added by their issue)."""
