"""Pages of the deputies' own record, under /deputies/ (deputies/urls.py)."""
