"""Signing in and staying signed in: the login backends with their throttle, API tokens that
expire and end with the password, and "log out everywhere" (WORKFLOWS.md §7)."""
