"""State changes of the interviews app, each in a transaction."""
