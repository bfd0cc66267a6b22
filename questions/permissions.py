"""Who may see or do what in the questions app, as plain predicates."""
