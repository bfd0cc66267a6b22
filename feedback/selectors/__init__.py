"""Reads of the feedback app; reads that depend on who asks apply permissions."""
