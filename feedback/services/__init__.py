"""State changes of the feedback app, each in a transaction."""
