"""The interviews API (Django REST framework)."""
