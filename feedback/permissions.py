"""Who may see or do what in the feedback app, as plain predicates."""
