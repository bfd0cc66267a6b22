"""The questions API (Django REST framework)."""
