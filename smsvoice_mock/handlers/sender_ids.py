"""sender_ids operations (added by their issue)."""
