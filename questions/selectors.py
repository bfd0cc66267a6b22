"""Queries of the questions app; reads that depend on who
asks apply permissions here."""
