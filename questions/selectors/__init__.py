"""Reads of the questions app: `browse` for the bank, `progress` for a person's own
history. Reads that depend on who asks apply questions.permissions here."""
