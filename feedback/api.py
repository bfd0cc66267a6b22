"""The feedback API (Django REST framework)."""
