"""State changes of the interviews app: one module per concern, in transactions."""
