"""tags operations (added by their issue)."""
