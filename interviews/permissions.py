"""Who may see or do what in the interviews app, as plain predicates."""
