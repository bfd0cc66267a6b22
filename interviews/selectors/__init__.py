"""Reads of the interviews app; reads that depend on who asks apply permissions."""
