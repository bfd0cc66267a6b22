"""State changes of the questions app, each in a transaction."""
