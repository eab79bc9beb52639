"""verified operations (added by their issue)."""
