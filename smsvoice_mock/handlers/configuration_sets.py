"""configuration_sets operations (added by their issue)."""
