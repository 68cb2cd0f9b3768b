"""Organisations API resources, registered on the project's router (config/api.py)."""
